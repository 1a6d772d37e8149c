"""What a conversation carries from one line to the next, as JSON: so the studio page keeps one chat per storyboard
across messages, tabs and server restarts, as the CLI keeps one for the whole conversation.

Kept: the model's message history (pydantic-ai's own serialisation), the render jobs the chat started (shot id, tier
→ ledger job id: ``wait_for_job`` in a later line finds them), the re-renders per shot (the cap counts the whole
conversation) and the turns of the transcript. Not kept: the storyboard (the board store has it, newer perhaps).
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dump_state", "load_state"]

VERSION = 1


def dump_state(session: Any) -> dict:
    """A :class:`agents.chat.ChatSession`'s carried state as plain JSON data."""
    from pydantic_ai.messages import ModelMessagesTypeAdapter

    ws = session.deps.workspace
    return {
        "version": VERSION,
        "turns": [json.loads(ModelMessagesTypeAdapter.dump_json(turn)) for turn in session.turns],
        "jobs": [[shot, tier, job] for (shot, tier), job in ws.jobs.items()],
        "rerenders": dict(ws.rerenders),
        "refused": sorted(ws.refused),      # acts refused as not asked for: the reply offered them, a yes takes them
        "transcript": [list(t) for t in session.transcript],
    }


def load_state(session: Any, data: dict) -> None:
    """Put state written by :func:`dump_state` back into a fresh session (unknown versions are ignored)."""
    from pydantic_ai.messages import ModelMessagesTypeAdapter

    if not isinstance(data, dict) or data.get("version") != VERSION:
        return
    ws = session.deps.workspace
    session.turns = [ModelMessagesTypeAdapter.validate_python(turn) for turn in data.get("turns", [])]
    ws.jobs.update({(shot, tier): job for shot, tier, job in data.get("jobs", [])})
    ws.rerenders.update({k: int(v) for k, v in data.get("rerenders", {}).items()})
    ws.refused.update(str(a) for a in data.get("refused", []))
    session.transcript = [tuple(t) for t in data.get("transcript", [])]
