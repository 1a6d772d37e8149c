"""The LLM judge: pairwise, with positions swapped.

Each pair of storyboards for a brief is shown twice, A/B then B/A. A win counts only when
both orders agree on the same storyboard; anything else (including a judge that always
prefers whichever comes first) is a tie. A judge answer that does not parse is retried;
after the last attempt the comparison is dropped and counted, never guessed.

The judge is a pydantic-evals evaluator (:class:`PairwiseJudge`) over a dataset of
:class:`JudgePair` cases, so its outcomes sit in an EvaluationReport like the scorers'.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

import structlog
from pydantic import BaseModel, Field, ValidationError
from pydantic_ai import Agent, NativeOutput, PromptedOutput, ToolOutput
from pydantic_ai.exceptions import (
    AgentRunError,
    ModelAPIError,
    ModelHTTPError,
    UnexpectedModelBehavior,
    UsageLimitExceeded,
)
from pydantic_ai.usage import UsageLimits
from pydantic_evals.evaluators import EvaluationReason, Evaluator, EvaluatorContext

import prompts
from nightreel.schema import StoryboardDraft

log = structlog.get_logger()

__all__ = [
    "NOISE_AGREEMENT",
    "Judge",
    "JudgeChoice",
    "JudgePair",
    "PairwiseJudge",
    "build_judge_agent",
    "render_draft",
    "swap_outcome",
]

Preference = Literal["first", "second", "tie"]

#: Below this position-swap agreement the judge's answers follow the order, not the storyboards.
NOISE_AGREEMENT = 0.5


class JudgeChoice(BaseModel):
    """What the judge answers for one ordering."""

    better: Literal["A", "B", "tie"] = Field(description="the better storyboard, or tie")
    reason: str = Field("", max_length=200, description="one sentence")


class JudgePair(BaseModel):
    """Two planners' storyboards for one brief (an empty text: that planner produced none)."""

    case: str
    idea: str
    a: str
    b: str
    text_a: str = ""
    text_b: str = ""


def render_draft(draft: StoryboardDraft | None, *, max_prompt_chars: int = 500) -> str:
    """A storyboard as the judge reads it: one block per shot, prompts clipped to bound the context."""
    if draft is None or not draft.shots:
        return ""
    lines = [f"Title: {draft.title}"]
    for i, s in enumerate(draft.shots, 1):
        e = s.expectations
        lines.append(f"Shot {i} ({s.target}, {s.duration_s:g} s): {s.positive[:max_prompt_chars]}")
        lines.append(f"  camera: {s.camera} | light: {s.lighting} | negative: {s.negative[:120]}")
        lines.append(f"  expectations: people={e.people} camera={e.camera} motion={e.motion} "
                     f"loopable={e.loopable} text_in_frame={e.text_in_frame}")
    return "\n".join(lines)


def swap_outcome(first_order: Preference | None, swapped_order: Preference | None) -> Literal["a", "b", "tie"] | None:
    """Combine the A/B answer (`a` shown first) and the B/A answer (`b` shown first).

    Returns "a" or "b" only when both orders pick the same storyboard, "tie" otherwise,
    and None when either answer was unusable (the comparison is dropped).
    """
    if first_order is None or swapped_order is None:
        return None
    if first_order == "first" and swapped_order == "second":
        return "a"
    if first_order == "second" and swapped_order == "first":
        return "b"
    return "tie"


def build_judge_agent(model: Any, output_mode: str = "json_schema", *, max_tokens: int = 160) -> Agent[None, JudgeChoice]:
    """A judge agent for a pydantic-ai model, asking for structured output the way its server supports."""
    settings: dict[str, Any] = {"max_tokens": max_tokens, "temperature": 0.0}
    if output_mode == "json_object":
        output: Any = PromptedOutput(JudgeChoice, template=prompts.load("planner_output"))
        settings["extra_body"] = {"response_format": {"type": "json_object", "schema": JudgeChoice.model_json_schema()}}
    elif output_mode == "json_schema":
        output = NativeOutput(JudgeChoice)
    else:
        output = ToolOutput(JudgeChoice, name="verdict")
    return Agent(model, output_type=output, instructions=prompts.load("judge_system"), retries={"tools": 1, "output": 1},
                 model_settings=settings, name="judge")


@dataclass
class Judge:
    """Asks one model which of two storyboards is better, retrying unusable answers."""

    agent: Agent[None, JudgeChoice]
    name: str = "judge"
    attempts: int = 2
    max_requests: int = 4
    calls: int = 0
    garbage: int = 0
    swapped: int = 0  # pairs where both orders gave a usable answer
    agreed: int = 0   # ... and the two orders agreed (the same storyboard, or a tie both times)

    @property
    def agreement(self) -> float | None:
        """The position-swap agreement rate; None before any pair was judged in both orders."""
        return self.agreed / self.swapped if self.swapped else None

    @property
    def is_noise(self) -> bool:
        """A judge whose verdict follows the order more often than the storyboards is noise."""
        return self.agreement is not None and self.agreement < NOISE_AGREEMENT

    async def prefer(self, idea: str, first: str, second: str) -> Preference | None:
        """'first', 'second' or 'tie' for this ordering; None when every attempt was unusable."""
        prompt = prompts.load("judge_user").format(idea=idea, first=first, second=second)
        for attempt in range(1, self.attempts + 1):
            self.calls += 1
            try:
                result = await self.agent.run(prompt, usage_limits=UsageLimits(request_limit=self.max_requests))
            except (UnexpectedModelBehavior, UsageLimitExceeded, ModelHTTPError, ModelAPIError, ValidationError,
                    AgentRunError, json.JSONDecodeError) as e:
                self.garbage += 1
                log.warning("judge_unusable", judge=self.name, attempt=attempt, error=str(e)[:200])
                continue
            return {"A": "first", "B": "second", "tie": "tie"}[result.output.better]  # type: ignore[return-value]
        return None

    async def judge_orders(self, pair: JudgePair) -> tuple[Literal["a", "b", "tie"] | None, Preference | None,
                                                           Preference | None, str]:
        """(outcome, A/B answer, B/A answer, note) for a pair; the answers are None when unusable or not asked."""
        if not pair.text_a and not pair.text_b:
            return "tie", None, None, "neither planner produced a storyboard"
        if not pair.text_a or not pair.text_b:
            return ("b" if not pair.text_a else "a"), None, None, "only one planner produced a storyboard"
        ab = await self.prefer(pair.idea, pair.text_a, pair.text_b)
        ba = await self.prefer(pair.idea, pair.text_b, pair.text_a)
        outcome = swap_outcome(ab, ba)
        if ab is not None and ba is not None:
            self.swapped += 1
            self.agreed += (ab, ba) in (("first", "second"), ("second", "first"), ("tie", "tie"))
        return outcome, ab, ba, f"A/B order: {ab or 'unusable'}; B/A order: {ba or 'unusable'}"

    async def compare(self, pair: JudgePair) -> tuple[Literal["a", "b", "tie"] | None, str]:
        """The outcome of a pair with positions swapped, and a note on how it was decided."""
        outcome, _, _, note = await self.judge_orders(pair)
        return outcome, note


@dataclass(repr=False)
class PairwiseJudge(Evaluator[JudgePair, JudgePair, None]):
    """pydantic-evals evaluator: label `judge` = a | b | tie | dropped for one pair."""

    judge: Judge

    def get_default_evaluation_name(self) -> str:
        return "judge"

    def build_serialization_arguments(self) -> dict[str, Any]:
        return {"judge": self.judge.name}

    async def evaluate(self, ctx: EvaluatorContext[JudgePair, JudgePair, None]) -> EvaluationReason:
        outcome, note = await self.judge.compare(ctx.inputs)
        return EvaluationReason(outcome or "dropped", note)
