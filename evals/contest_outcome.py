"""A contest scored by outcome: every contestant's storyboards rendered and judged by the critic.

The automatic storyboard scores read the text a model wrote; this reads what came of it. Each planner's shots (as
nightreel made them: the brief enforced, the lint applied) are rendered by the footage stand-in (``workflow =
"footage"``: the shot's prompt retrieves a real video-model generation; a ComfyUI job) and judged by the real
critic (the measured probes). Per contestant: the share of clips the critic accepts and the share it rejects
(``reject``/``rerender``), each with a 95 % Wilson interval, the clips with a person where the shot says nobody,
and a storyboard that never came counts as its shots not accepted. The report puts this beside the judge's
ranking and says where the two disagree.

Identical shots (same prompt, negative, seed, duration) are rendered and judged once.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog

from evals.contest_types import ContestOutcome

log = structlog.get_logger()

__all__ = ["SizeOutcome", "by_outcome_markdown", "judge_by_outcome", "wilson"]


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson interval of k/n (as fractions); (0, 1) when n is 0."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


@dataclass
class SizeOutcome:
    """What the critic made of one contestant's shots."""

    model: str
    shots: int = 0               # shots rendered and judged, plus the shots of storyboards that never came
    accepted: int = 0
    rejected: int = 0            # reject or rerender
    person: int = 0              # a person where the shot says nobody
    missing: int = 0             # shots of briefs without a storyboard (counted, never accepted)
    failed_renders: int = 0
    verdicts: Counter = field(default_factory=Counter)
    camera_free: int = 0         # accepted when the same measurements are judged with the camera left out

    @property
    def accept_rate(self) -> float:
        return self.accepted / self.shots if self.shots else 0.0

    @property
    def camera_free_rate(self) -> float:
        return self.camera_free / self.shots if self.shots else 0.0

    @property
    def reject_rate(self) -> float:
        return self.rejected / self.shots if self.shots else 0.0


def _person(v: Any) -> bool:
    return v.verdict != "accept" and any("nobody" in r for r in v.reasons)


def _without_camera(v: Any, shot: Any, retrieved: str | None = None) -> bool:
    """Would the critic accept the clip if the shot did not ask for a camera move? The same measurements, judged again
    with the camera expectation 'any': the footage stand-in retrieves a clip by its subject, so its camera move comes
    with the clip, not with the planner's shot."""
    from agents.verdict import judge

    if v.probes is None:
        return v.verdict == "accept"
    return judge(v.probes, shot.expectations.model_copy(update={"camera": "any"}), shot,
                 retrieved=retrieved).verdict == "accept"


async def judge_by_outcome(outcome: ContestOutcome, deps: Any, *, out_dir: Path, critique=None) -> list[SizeOutcome]:
    """Render every contestant's shots with `deps` (footage workflow: ledger, pool, footage index) into `out_dir` and
    judge them there."""
    from nightreel.schema import Brief, Clip, Storyboard
    from tools.comfy.provenance import retrieved_name
    from tools.comfy.runner import render_job

    if critique is None:
        from agents.critic import critique
    seen: dict[tuple, Any] = {}
    results = []
    for name, run in outcome.runs.items():
        res = SizeOutcome(name)
        results.append(res)
        for case_id, _brief in outcome.cases:
            out = run.outputs.get(case_id)
            if out is None or not out.ok or not out.shots:
                res.missing += outcome.n_shots
                res.shots += outcome.n_shots
                continue
            for shot in out.shots:
                key = (shot.positive, shot.negative, shot.seed, shot.duration_s)
                if key not in seen:
                    sb = Storyboard(title=case_id, brief=Brief(idea=case_id, project="contest"), shots=[shot])
                    t0 = time.perf_counter()
                    clip = await render_job(sb, shot, "draft", deps, None, out_dir=out_dir / name / case_id,
                                            workflow="footage")
                    if not isinstance(clip, Clip):
                        seen[key] = None, None
                    else:
                        # the clips are written under the person's --out folder, not the studio: that folder is
                        # where the critic may read
                        seen[key] = (await critique(clip.path, shot, settings=deps.settings, studio=out_dir,
                                                    use_vlm=False), retrieved_name(clip.path))
                    log.info("contest.outcome", model=name, case=case_id, shot=shot.id,
                             seconds=round(time.perf_counter() - t0, 1))
                v, retrieved = seen[key]
                res.shots += 1
                if v is None:
                    res.failed_renders += 1
                    continue
                res.verdicts[v.verdict] += 1
                res.accepted += v.verdict == "accept"
                res.rejected += v.verdict in ("reject", "rerender")
                res.person += _person(v)
                res.camera_free += _without_camera(v, shot, retrieved)
    return results


def by_outcome_markdown(results: list[SizeOutcome], ranking: list[tuple[str, float]], *, n_briefs: int,
                        n_shots: int) -> str:
    """The outcome table beside the judge's ranking (model, rating), and where the two disagree."""
    lines = [f"# Contest by outcome: {n_briefs} briefs x {n_shots} shots, rendered with the footage stand-in "
             "(retrieved real generations) and judged by the critic (measured probes)", "",
             "| model | shots | accepted | accept rate (95 % CI) | accepted, camera left out (95 % CI) | rejected | "
             "reject rate (95 % CI) | person where nobody | no storyboard | render failed | verdicts |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        a_lo, a_hi = wilson(r.accepted, r.shots)
        c_lo, c_hi = wilson(r.camera_free, r.shots)
        j_lo, j_hi = wilson(r.rejected, r.shots)
        lines.append(f"| {r.model} | {r.shots} | {r.accepted} | {r.accept_rate:.0%} ({a_lo:.0%}–{a_hi:.0%}) | "
                     f"{r.camera_free} · {r.camera_free_rate:.0%} ({c_lo:.0%}–{c_hi:.0%}) | "
                     f"{r.rejected} | {r.reject_rate:.0%} ({j_lo:.0%}–{j_hi:.0%}) | {r.person} | {r.missing} | "
                     f"{r.failed_renders} | {dict(r.verdicts)} |")
    lines += ["", "The footage stand-in retrieves a real clip by the shot's subject; the clip's camera move comes with it, "
              "not with the shot, so the critic notes a retrieved clip's move and does not judge it (runs stored "
              "before 2026-12-07 08:00 UTC judged it). \"Camera left out\" judges the same measurements as if the "
              "shot asked for no particular move — for retrieved clips the two columns agree; for clips a video model "
              "rendered it shows the part of the outcome that is the planner's (its words summon people or not, its "
              "shots come or not).", ""]
    judged = [m for m, _ in ranking]
    lines.append("Judge's ranking (rating): " + (", ".join(f"{m} {x:.0f}" for m, x in ranking) or "none"))
    for label, count in (("accept rate", lambda r: r.accepted), ("accept rate, camera left out",
                                                                  lambda r: r.camera_free)):
        lines.append(_compare(results, judged, label, count))
    return "\n".join(lines) + "\n"


def _compare(results: list[SizeOutcome], judged: list[str], label: str, count) -> str:
    """One line: the ranking by one outcome, and whether it agrees with the judge's first place (and surely)."""
    ranked = sorted(results, key=lambda r: -(count(r) / r.shots if r.shots else 0.0))
    line = f"Ranking by {label}: " + ", ".join(f"{r.model} {count(r) / r.shots if r.shots else 0:.0%}" for r in ranked)
    if len(ranked) < 2 or not judged:
        return line
    first, second = ranked[0], ranked[1]
    rate = [count(r) / r.shots if r.shots else 0.0 for r in (first, second)]
    if rate[0] == rate[1]:
        return line + f" — the critic accepts as large a share of {first.model}'s shots as of {second.model}'s: by " \
                      "this outcome it cannot rank them."
    sure = wilson(count(first), first.shots)[0] > wilson(count(second), second.shots)[1]
    hedge = "" if sure else " (the intervals overlap: not a sure difference)"
    if judged[0] != first.model:
        return line + f" — they disagree: the judge puts {judged[0]} first, the critic accepts more of " \
                      f"{first.model}'s shots{hedge}."
    return line + f" — they agree on the first place ({judged[0]}){hedge}."
