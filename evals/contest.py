"""A model-size contest: every planner gets the same briefs, is scored, judged pairwise and rated.

``run_contest`` takes contestants (an Endpoint each, or the reason it is down), a Dataset of
briefs, and a judge; it returns a :class:`ContestOutcome` that ``evals.report`` writes out.

- Each contestant is run by ``evals.contest_runner.run_model`` (its briefs and agent tasks, scored).
  Models run in parallel (``parallel=True``) or one after another; run one after another, a lazy
  embedded server is stopped before the next one starts, so sizes never share the cores or the memory.
- Every pair of models that finished is compared on every brief and agent task by its automatic
  scores (closer than ``tie_margin`` is a tie), then by the judge with positions swapped; a judge
  that disagrees with itself across the two orders too often is noise and is left out of the ratings.
- Resumable: with a journal (``results.jsonl`` in the output folder) every finished storyboard,
  agent task and judged pair is appended as it ends; a contest started again with the same
  folder skips what is there and goes on from where it stopped.
- A model that cannot be reached is marked failed with the reason; the contest goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import Callable
from contextlib import AbstractContextManager

import structlog

from agents.deps import Deps
from agents.planner import tokens_budget
from evals.contest_journal import Journal
from evals.contest_runner import plan_case, run_model
from evals.contest_types import (
    ContestOptions,
    ContestOutcome,
    ModelRun,
    Progress,
    agent_means,
    scorer_means,
)
from evals.contestants import (
    OUTPUT_MODES,
    Contestant,
    EmbeddedJudge,
    default_judge,
    embedded_contestants,
    judge_for_endpoint,
    parse_model_spec,
    remote_contestant,
)
from evals.dataset import ContestDataset
from evals.judge import NOISE_AGREEMENT, Judge, JudgePair, render_draft
from evals.ratings import Comparison
from evals.scorers import default_scorers
from nightreel.errors import InputError, ModelError, ModelUnavailable

log = structlog.get_logger()

__all__ = [
    "OUTPUT_MODES",
    "ContestOptions",
    "ContestOutcome",
    "Contestant",
    "EmbeddedJudge",
    "Journal",
    "ModelRun",
    "agent_means",
    "default_judge",
    "embedded_contestants",
    "judge_for_endpoint",
    "parse_model_spec",
    "plan_case",
    "remote_contestant",
    "run_contest",
    "scorer_means",
]


def _outcomes(per_model: dict[str, dict[str, float]], models: list[str], cases: list[str], margin: float,
              source: str) -> list[Comparison]:
    out = []
    for case in cases:
        for a, b in itertools.combinations(models, 2):
            qa, qb = per_model[a].get(case), per_model[b].get(case)
            if qa is None or qb is None:
                continue
            outcome = "tie" if abs(qa - qb) < margin else ("a" if qa > qb else "b")
            out.append(Comparison(case, a, b, outcome, source=source))  # type: ignore[arg-type]
    return out


def _score_comparisons(runs: dict[str, ModelRun], models: list[str], cases: list[str], margin: float) -> list[Comparison]:
    return _outcomes({m: runs[m].quality for m in models}, models, cases, margin, "scores")


async def _judge_pairs(judge: Judge, runs: dict[str, ModelRun], models: list[str], dataset: ContestDataset,
                       journal: Journal, on_progress: Progress) -> list[dict]:
    """Every pair on every brief, positions swapped; each judged pair is journaled as it ends."""
    records = []
    for case in dataset.cases:
        for a, b in itertools.combinations(models, 2):
            key = (judge.name, case.name, a, b)
            rec = journal.judged.get(key)
            if rec is None:
                oa, ob = runs[a].outputs.get(case.name), runs[b].outputs.get(case.name)
                pair = JudgePair(case=case.name, idea=case.inputs.idea, a=a, b=b,
                                 text_a=render_draft(oa.draft) if oa and oa.ok else "",
                                 text_b=render_draft(ob.draft) if ob and ob.ok else "")
                final = True
                try:
                    outcome, ab, ba, note = await judge.judge_orders(pair)
                except Exception as e:  # the judge's server failing is a dropped pair, counted, judged again on resume
                    log.warning("judge_failed", judge=judge.name, error=str(e)[:200])
                    outcome, ab, ba, note = None, None, None, f"{e.__class__.__name__}: {str(e)[:200]}"
                    final = False
                rec = {"judge": judge.name, "case": case.name, "a": a, "b": b, "outcome": outcome or "dropped",
                       "ab": ab, "ba": ba, "note": note}
                journal.add_judged(rec, final=final)
            records.append(rec)
            on_progress("judge", case.name)
    return records


JudgeSource = Judge | Callable[[], AbstractContextManager[Judge]]


async def run_contest(contestants: list[Contestant], dataset: ContestDataset, deps: Deps, opts: ContestOptions,
                      *, judge: JudgeSource | None = None, scorers: list | None = None,
                      on_progress: Progress | None = None, journal: Journal | None = None,
                      judge_note: str = "") -> ContestOutcome:
    """Every contestant answers every brief (and agent task), is scored, judged pairwise; the outcome holds it all.

    `judge` is a Judge, or a factory of a context manager yielding one (an embedded judge server,
    started only after every contestant's server has stopped). The judge is never a contestant.
    """
    names = [c.name for c in contestants]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"model names must be distinct: {', '.join(dup)} is entered twice")
    judge_name = judge.name if isinstance(judge, Judge) else getattr(judge, "judge_name", None)
    if judge_name and judge_name in names:
        raise InputError(f"the judge {judge_name} is also a contestant; a model never judges itself "
                         "(pick another --judge, or --judge none)")
    for c in contestants:
        if c.endpoint is not None and c.endpoint.embedded or c.server is not None:
            need = tokens_budget(opts.n_shots) + 1800
            if need > deps.settings.embedded_ctx:
                raise InputError(f"{opts.n_shots} shots do not fit the embedded {deps.settings.embedded_ctx}-token "
                                 "context; use fewer --shots")
    journal = journal or Journal(None, {})
    progress = on_progress or (lambda kind, name: None)
    scorers = scorers if scorers is not None else default_scorers()
    t0 = time.monotonic()
    if opts.parallel:
        runs_list = await asyncio.gather(*(run_model(c, dataset, deps, opts, scorers, progress, journal)
                                           for c in contestants))
    else:
        runs_list = [await run_model(c, dataset, deps, opts, scorers, progress, journal) for c in contestants]
    runs = {r.name: r for r in runs_list}
    models = [r.name for r in runs_list if not r.failed]
    case_names = [c.name for c in dataset.cases]
    comparisons = _score_comparisons(runs, models, case_names, opts.tie_margin)
    comparisons += _outcomes({m: runs[m].agent_quality for m in models}, models, [t.id for t in opts.agent_tasks],
                             opts.tie_margin, "agent")
    outcome = ContestOutcome(dataset=dataset.name, cases=[(c.name, c.inputs) for c in dataset.cases], runs=runs,
                             comparisons=comparisons, judge=None, parallel=opts.parallel, n_shots=opts.n_shots,
                             agent_tasks=list(opts.agent_tasks), judge_note=judge_note,
                             resumed=sum(r.resumed for r in runs_list))
    if judge is not None and len(models) >= 2:
        with contextlib.ExitStack() as stack:
            try:
                j = judge if isinstance(judge, Judge) else await asyncio.to_thread(stack.enter_context, judge())
            except (ModelUnavailable, ModelError) as e:
                j = None
                outcome.judge_note = f"the judge could not start ({e}); automatic scores only"
            if j is not None:
                records = await _judge_pairs(j, runs, models, dataset, journal, progress)
                outcome.judge, outcome.judge_calls = j.name, j.calls
                _apply_judge(outcome, records)
    outcome.wall_s = time.monotonic() - t0
    return outcome


def _apply_judge(outcome: ContestOutcome, records: list[dict]) -> None:
    """Count drops and position-swap agreement; keep the judge's outcomes unless it is noise."""
    judged = []
    for r in records:
        if r["outcome"] == "dropped":
            outcome.judge_dropped += 1
            continue
        if r.get("ab") is not None and r.get("ba") is not None:
            outcome.judge_swapped += 1
            outcome.judge_agreed += (r["ab"], r["ba"]) in (("first", "second"), ("second", "first"), ("tie", "tie"))
        judged.append(Comparison(r["case"], r["a"], r["b"], r["outcome"], source="judge"))
    rate = outcome.judge_agreement
    outcome.judge_noise = rate is not None and rate < NOISE_AGREEMENT
    if outcome.judge_noise:
        outcome.judge_note = (f"the judge {outcome.judge} agreed with itself across the two orders in only "
                              f"{outcome.judge_agreed} of {outcome.judge_swapped} pairs ({rate:.0%}): it follows "
                              "the order, not the storyboards — noise; its outcomes are left out of the ratings")
    else:
        outcome.comparisons += judged
