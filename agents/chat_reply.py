"""What a chat reply carries besides the model's words: the critic's verdicts as data, and the words made safe to show.

The verdicts travel as :class:`ShotVerdict` (from this turn's critiques, the last one per shot); the CLI and the studio
page render them, whatever the model's words said or left out. The model's words lose what is not for a person: raw
tool-call text (``functions.wait_for_job: {…}``), a tool's arguments as a bare JSON object, HTML entities.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ShotVerdict", "clean_words", "verdicts_markdown", "verdicts_of"]


@dataclass(frozen=True)
class ShotVerdict:
    """The critic's last look at one shot this turn."""

    shot: int                       # the shot's number in the storyboard
    shot_id: str
    verdict: str                    # accept | salvage | rerender | reject
    reasons: list[str] = field(default_factory=list)
    people_seen: list[str] | None = None   # when a person was detected ("1.5–3.0 s"); [] nobody; None: not measured
    error: str = ""                 # the critic could not look at the clip

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def markdown(self) -> str:
        if self.error:
            return f"**The critic on shot {self.shot}:** could not look at the clip ({self.error[:200]})."
        said = self.verdict + (f" — {'; '.join(self.reasons[:2])}" if self.reasons else "")
        if self.people_seen is None:
            people = ""
        elif self.people_seen:
            people = f" A person is detected at {', '.join(self.people_seen[:3])}."
        else:
            people = " No person is detected in any sampled frame."
        return f"**The critic on shot {self.shot}:** {said}.{people}"


def verdicts_of(critiques: list[tuple[int, Any]]) -> list[ShotVerdict]:
    """This turn's critiques ((shot number, CritiqueResult)), the last one per shot, as verdicts."""
    last: dict[str, tuple[int, Any]] = {}
    for shot, res in critiques:
        last[res.shot_id] = (shot, res)
    return [ShotVerdict(shot=shot, shot_id=res.shot_id, verdict=res.verdict, reasons=list(res.reasons),
                        people_seen=res.people_seen, error=res.error or "") for shot, res in last.values()]


def verdicts_markdown(verdicts: list[ShotVerdict]) -> str:
    return "\n".join(v.markdown() for v in verdicts)


_CALL = re.compile(r"(?:\bfunctions\.|<tool_call>\s*)[A-Za-z_]\w*\s*[:(]?")
_TAGS = re.compile(r"</?tool_call>")


def clean_words(text: str) -> str:
    """The model's words without raw tool-call text, bare JSON argument objects or HTML entities."""
    text = html.unescape(text or "")
    text = _TAGS.sub("", text)
    out: list[str] = []
    pos = 0
    for m in _CALL.finditer(text):
        out.append(text[pos:m.start()])
        pos = _skip_json(text, m.end())
    out.append(text[pos:])
    lines = [ln for ln in "".join(out).splitlines() if not _is_json_object(ln) and not _ECHO.match(ln)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


#: a line that echoes the turn's own framing (prompts/chat_agent_user.txt: "The person says: …"), not an answer:
#: Qwen 1.5B answered a render on the studio page with "The person says: render shot 1."
_ECHO = re.compile(r"^\s*(?:the person says|no storyboard yet\.)\s*:?", re.IGNORECASE)


def _skip_json(text: str, start: int) -> int:
    """The end of a JSON object starting (after blanks) at `start`, or `start` when there is none."""
    i = start
    while i < len(text) and text[i] in " \t\n":
        i += 1
    if i < len(text) and text[i] == "{":
        try:
            _, end = json.JSONDecoder().raw_decode(text, i)
            return end + (1 if text[end:end + 1] == ")" else 0)
        except ValueError:
            close = text.find("}", i)
            return close + 1 if close != -1 else len(text)
    return i


def _is_json_object(line: str) -> bool:
    s = line.strip()
    if not (s.startswith("{") and s.endswith("}")):
        return False
    try:
        return isinstance(json.loads(s), dict)
    except ValueError:
        return False
