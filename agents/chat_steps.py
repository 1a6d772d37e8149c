"""What a chat turn did, as data: the steps (each tool call and what came back), the reply, and the second look's
output tool.

A :class:`Step` is one tool call the chat agent made, or one rule that handled a line: ok when the tool returned, not
ok when it asked for other arguments or raised ``ToolFailed``; ``by="rule"`` when a rule's substitute answered the
model's call (the model's call is kept in ``args``). :func:`returns_to_steps` reads them out of pydantic-ai's message
parts as the run goes; :class:`Reply` is what the person gets back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from agents.chat_reply import ShotVerdict
from agents.deps import By

__all__ = ["ACTS", "ANSWER_IN_WORDS", "AnswerInWords", "Reply", "Step", "acted", "output_text", "repeats_a_refusal",
           "returns_to_steps", "steps_summary"]

#: tools with an effect outside the storyboard (a render, a file): a run that called one has acted, and the rules
#: must not do it a second time; a run that only looked things up (lessons, past shots, a job, the critic) has not
ACTS = frozenset({"render_shot", "rerender_shot", "save_storyboard", "salvage_clip", "crop_frame"})

ANSWER_IN_WORDS = "answer_in_words"


#: a tool result's hint to the model ("Next: wait_for_job(shot=1).") is not for the person reading the step
_NEXT_HINT = re.compile(r"\s*Next: [^.]*\(shot=\d+\)\.?")


@dataclass
class Step:
    """One tool call the agent made (or one rule that handled a line), and what came back — as a person reads it in
    the reply, `storyboard chat` and the studio page (the model had the tool's hints; the record leaves them out)."""

    tool: str
    args: dict[str, Any]      # the model's call (kept when a rule substituted for it)
    result: str
    ok: bool = True
    by: By = "agent"

    def __post_init__(self) -> None:
        self.result = _NEXT_HINT.sub("", self.result)

    def as_dict(self) -> dict[str, Any]:
        return {"tool": self.tool, "args": self.args, "result": self.result, "ok": self.ok, "by": self.by}


@dataclass
class Reply:
    text: str
    saved_to: Path | None = None
    changed: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    by: By = "rule"           # "agent": the model chose the tools; "rule": the follow-up rules handled the line
    note: str = ""            # why the rules handled it, when an agent was expected
    verdicts: list[ShotVerdict] = field(default_factory=list)   # the critic's looks this turn (shown as data)


class AnswerInWords(BaseModel):
    """Answer the person in words and do nothing else: the line is a question, a greeting or a request outside the
    studio (deleting files, ignoring your instructions) — not a description of a video."""

    text: str = Field(description="your answer to the person, one to three sentences")


def output_text(result: Any) -> str:
    """The model's words at the end of a run: its text, or the second look's AnswerInWords."""
    out = getattr(result, "output", None)
    return out.text if isinstance(out, AnswerInWords) else (out or "")


def returns_to_steps(parts, calls: dict) -> list[Step]:
    """A step for each tool return (or retry) in `parts` whose call is still pending in `calls` (tool_call_id →
    ToolCallPart); answered calls are taken out of `calls`."""
    from pydantic_ai.messages import RetryPromptPart, ToolReturnPart

    from agents.chat_board_tools import StepMeta

    steps = []
    for part in parts:
        call = calls.get(getattr(part, "tool_call_id", None))
        if call is None or call.tool_name == ANSWER_IN_WORDS:   # the output tool: the reply, not a step
            continue
        if isinstance(part, ToolReturnPart):
            if isinstance(part.metadata, dict) and part.metadata.get("pydantic_ai_synthesized_tool_return"):
                continue                 # repair_messages' stand-in: no call of the model's was answered
            by = part.metadata.by if isinstance(part.metadata, StepMeta) else "agent"
            step = Step(call.tool_name, _safe_args(call), _result_text(part.content), ok=part.outcome == "success",
                        by=by)
        elif isinstance(part, RetryPromptPart):
            step = Step(call.tool_name, _safe_args(call), _result_text(part.content), ok=False)
        else:
            continue
        del calls[part.tool_call_id]
        steps.append(step)
    return steps


def repeats_a_refusal(steps: list[Step]) -> bool:
    """The last step is a failed call identical (tool and arguments) to an earlier failed one in this turn."""
    if not steps or steps[-1].ok:
        return False
    last = steps[-1]
    return any(not st.ok and st.tool == last.tool and st.args == last.args for st in steps[:-1])


def acted(steps: list[Step]) -> bool:
    """A tool with an effect outside the storyboard answered."""
    return any(s.ok and s.tool in ACTS for s in steps)


def steps_summary(steps: list[Step], width: int = 400) -> str:
    """What the agent's tools did, one line each: the reply when the model itself wrote none."""
    return "\n".join(f"- {s.tool}: {'' if s.ok else '(failed) '}{' '.join(s.result.split())[:width]}" for s in steps)


def _result_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    try:
        return json.dumps(content, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(content)


def _safe_args(call) -> dict[str, Any]:
    try:
        return call.args_as_dict()
    except (ValueError, TypeError):
        return {"raw": str(call.args)[:500]}
