"""Score a stored contest's storyboards again with today's scorers, offline (no planner server).

The contest's journal (``results.jsonl``) holds every answer as the model wrote it; the briefs come from the
tasks file the contest ran on. `python -m evals.rescore DIR [--tasks FILE]` prints, per model and brief, the
scores stored in ``DIR/results.json`` beside the scores the scorers give now, and each model's composite.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from pydantic_evals.evaluators import Evaluator, EvaluatorContext
from pydantic_evals.otel.span_tree import SpanTree

from evals.dataset import ContestDataset, PlanOutput, default_tasks, load_tasks
from evals.scorers import AUTO_SCORERS, composite, default_scorers, storyboard_problem

__all__ = ["main", "rescore", "stored_answers"]


def stored_answers(journal: Path) -> dict[str, dict[str, PlanOutput]]:
    """model -> brief -> the answer the journal holds (the last one written for each)."""
    out: dict[str, dict[str, PlanOutput]] = {}
    for line in journal.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line) if line.strip() else {}
        if rec.get("kind") == "plan":
            out.setdefault(rec["model"], {})[rec["case"]] = PlanOutput(**rec["output"])
    return out


def rescore(answers: dict[str, dict[str, PlanOutput]], dataset: ContestDataset,
            scorers: Sequence[Evaluator]) -> dict[str, dict[str, dict[str, float]]]:
    """model -> brief -> scorer -> value, for every stored answer to a brief of `dataset`."""
    cases = {c.name: c for c in dataset.cases}
    scores: dict[str, dict[str, dict[str, float]]] = {}
    for model, per_case in answers.items():
        for name, out in per_case.items():
            case = cases.get(name)
            if case is None:
                continue
            ctx = EvaluatorContext(name=name, inputs=case.inputs, metadata=case.metadata, expected_output=None,
                                   output=out, duration=out.seconds, _span_tree=SpanTree(), attributes={},
                                   metrics={})
            row = scores.setdefault(model, {}).setdefault(name, {})
            for s in scorers:
                row[s.get_default_evaluation_name()] = float(s.evaluate(ctx).value)  # type: ignore[union-attr]
    return scores


def _table(stored: dict, now: dict, answers: dict[str, dict[str, PlanOutput]]) -> list[str]:
    keys = [k for k in AUTO_SCORERS if any(k in s for per_case in now.values() for s in per_case.values())]
    lines = ["| model | brief | storyboard | " + " | ".join(f"{k} before → after" for k in keys)
             + " | composite before → after |", "|---|---|---|" + "---:|" * (len(keys) + 1)]
    for model, per_case in now.items():
        for case, after in per_case.items():
            before = stored.get(model, {}).get(case, {})
            cells = [f"{before[k]:.2f} → {after[k]:.2f}" if k in before else f"– → {after[k]:.2f}" for k in keys]
            problem = storyboard_problem(answers[model][case])
            lines.append(f"| {model} | {case} | {'none: ' + problem if problem else 'yes'} | " + " | ".join(cells)
                         + f" | {composite(before):.2f} → {composite(after):.2f} |")
    for model, per_case in now.items():
        before = [composite(stored.get(model, {}).get(c, {})) for c in per_case]
        after = [composite(s) for s in per_case.values()]
        missing = sum(storyboard_problem(answers[model][c]) is not None for c in per_case)
        lines.append(f"\n{model}: composite {sum(before) / len(before):.3f} → {sum(after) / len(after):.3f} over "
                     f"{len(after)} briefs ({missing} without a usable storyboard, each 0 on every scorer)")
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m evals.rescore", description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="a contest's folder (results.jsonl, results.json)")
    ap.add_argument("--tasks", type=Path, default=None, help="the briefs it ran on (default: the contest's default)")
    args = ap.parse_args(argv)
    answers = stored_answers(args.folder / "results.jsonl")
    stored_file = args.folder / "results.json"
    stored = json.loads(stored_file.read_text(encoding="utf-8")).get("scores", {}) if stored_file.is_file() else {}
    now = rescore(answers, load_tasks(args.tasks or default_tasks()), default_scorers())
    print("\n".join(_table(stored, now, answers)))


if __name__ == "__main__":
    main()
