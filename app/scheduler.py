"""How long a job will take, and which job a free ComfyUI server should run next. Pure logic.

**Estimates** are per workflow and size, learned from what the ledger saw: the seed
article's figures on the reference box are the prior (LTX-2 draft ~3 min, Wan 2.2 final
~25 min, FLUX.2 still ~40 s, 6 prompts from an idea ~90 s) and every finished job pulls
the estimate toward what this box really does (a shrinkage mean: the prior counts as
``prior_weight`` observations).

**Choosing** (:meth:`Scheduler.choose`), in order:

1. never start a job whose estimate says it cannot finish before dawn (a job queued
   behind others is judged from its projected start);
2. first-round drafts before anything else, round-robin over projects, so every project
   gets drafts before any project gets a final;
3. then finals, the project with the fewest finals first, its best-scored draft first;
4. then re-renders and extra variants; when the preferred kind does not fit before
   dawn, anything shorter that does fits in, so the servers stay busy to the end.

``policy="fifo"`` is the baseline the benchmark compares with: first come, first served, with the
same dawn rule (1: the first job in arrival order that can finish before dawn). The clock is injected:
nothing here reads the time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

__all__ = ["SEED_SECONDS", "Estimator", "Work", "Scheduler", "workflow_for"]

#: The seed article's durations on the reference box (DGX Spark), in seconds.
SEED_SECONDS: dict[str, float] = {
    "ltx2": 180.0,        # LTX-2 draft with audio, ~3 min
    "wan2.2": 1500.0,     # Wan 2.2 14B final, 5 s clip, ~25 min
    "flux2": 40.0,        # FLUX.2 still, ~40 s
    "plan": 90.0,         # 6 prompts from an idea with Hermes 4.3 36B, ~90 s
    "animatic": 20.0,     # the embedded model-free animatic on a CPU ComfyUI
    "footage": 5.0,       # a retrieved real generation cut and scaled on the embedded CPU ComfyUI (benchmarks/footage.py: 3 s)
}

_TIER_WORKFLOW = {"draft": "ltx2", "final": "wan2.2", "still": "flux2"}


def workflow_for(tier: str, *, animatic: bool = False, model_free: str | None = None) -> str:
    """The estimate key of a tier: the embedded ComfyUI renders `model_free` (footage | animatic) for every tier."""
    if model_free:
        return model_free
    return "animatic" if animatic else _TIER_WORKFLOW.get(tier, tier)


@dataclass
class Estimator:
    """Seconds per (workflow, size), the seed figures as a prior updated by observations."""

    prior: dict[str, float] = field(default_factory=lambda: dict(SEED_SECONDS))
    prior_weight: float = 2.0
    _sum: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    _n: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))

    def observe(self, workflow: str, seconds: float, size: str = "") -> None:
        if seconds <= 0:
            return
        for key in {(workflow, size), (workflow, "")}:
            self._sum[key] += seconds
            self._n[key] += 1

    def observe_all(self, rows: Iterable[tuple[str, str, float]]) -> "Estimator":
        for workflow, size, seconds in rows:
            self.observe(workflow, seconds, size)
        return self

    def samples(self, workflow: str, size: str = "") -> int:
        return self._n.get((workflow, size), 0)

    def estimate(self, workflow: str, size: str = "") -> float:
        """Seconds: the workflow's prior pulled toward its history, then toward this size's history."""
        base = self.prior.get(workflow, max(self.prior.values()))
        n = self._n.get((workflow, ""), 0)
        wf = (self.prior_weight * base + self._sum.get((workflow, ""), 0.0)) / (self.prior_weight + n)
        if not size:
            return wf
        ns = self._n.get((workflow, size), 0)
        return (self.prior_weight * wf + self._sum.get((workflow, size), 0.0)) / (self.prior_weight + ns)


@dataclass
class Work:
    """One job waiting for a server: a draft, a final or a still of one shot."""

    id: str
    project: str
    kind: Literal["draft", "final", "still"] = "draft"
    workflow: str = "ltx2"
    size: str = ""
    round: int = 0          # 0 = the first draft of a shot; 1+ = re-renders and extra variants
    score: float = 0.0      # finals: how good the draft was (higher first)
    seq: int = 0            # arrival order (FIFO, and ties)


@dataclass
class Scheduler:
    estimator: Estimator
    dawn: datetime
    policy: Literal["ours", "fifo"] = "ours"
    #: work started so far per project and kind: what round-robin balances
    started: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))

    def estimate(self, w: Work) -> float:
        return self.estimator.estimate(w.workflow, w.size)

    def fits(self, w: Work, start_at: datetime) -> bool:
        return start_at + timedelta(seconds=self.estimate(w)) <= self.dawn

    def _rank(self, w: Work) -> tuple:
        if w.kind in ("draft", "still") and w.round == 0:
            band = 0
        elif w.kind == "final":
            band = 1
        else:
            band = 2
        return (band, self.started[(w.project, "final" if band == 1 else "draft")], -w.score, w.seq)

    def order(self, pending: Iterable[Work]) -> list[Work]:
        """Pending work in the order it should run (ignoring dawn)."""
        items = list(pending)
        if self.policy == "fifo":
            return sorted(items, key=lambda w: w.seq)
        return sorted(items, key=self._rank)

    def choose(self, pending: Iterable[Work], start_at: datetime) -> Work | None:
        """The job a server that frees at `start_at` should run next, or None (nothing fits before dawn)."""
        items = list(pending)
        if not items:
            return None
        if start_at >= self.dawn:
            return None
        if self.policy == "fifo":  # the baseline: arrival order, with the same dawn rule as ours
            return next((w for w in self.order(items) if self.fits(w, start_at)), None)
        first_round = [w for w in items if w.kind != "final" and w.round == 0]
        candidates = self.order(items)
        if first_round:  # every project gets its drafts before any project gets a final
            candidates = [w for w in candidates if w.kind != "final"]
        for w in candidates:
            if self.fits(w, start_at):
                return w
        return None

    def started_job(self, w: Work) -> None:
        """Tell the scheduler `w` was started (round-robin counts)."""
        self.started[(w.project, "final" if w.kind == "final" else "draft")] += 1


# -- a simulated night (the benchmark and the tests drive the real Scheduler with it) -----------------


@dataclass
class SimResult:
    policy: str
    window_s: float
    servers: int
    busy_s: float = 0.0            # GPU seconds inside the window spent on jobs that finished before dawn
    wasted_s: float = 0.0          # GPU seconds inside the window spent on jobs that did not finish by dawn
    overrun_s: float = 0.0         # how long past dawn the last job kept a server busy
    drafts: int = 0
    finals: int = 0
    late_starts: int = 0           # jobs started whose estimate said they could not finish before dawn
    final_projects: set[str] = field(default_factory=set)
    final_scores: list[float] = field(default_factory=list)

    @property
    def busy_fraction(self) -> float:
        return self.busy_s / (self.window_s * self.servers)


def _unit(*parts: object) -> float:
    import hashlib

    h = hashlib.sha256("\x00".join(map(str, parts)).encode()).digest()
    return int.from_bytes(h[:8], "big") / 2**64


def simulate(notes: list[tuple[str, int]], *, start: datetime, dawn: datetime, policy: Literal["ours", "fifo"],
             servers: int = 1, estimator: Estimator | None = None, jitter: float = 0.15,
             plan_workflow: str = "plan") -> SimResult:
    """One night on a simulated clock: `notes` are (project, variants); the planner expands them one
    after another (its own machine time), each draft is judged on arrival (accept 45 %, re-render
    once 25 %, reject 30 %, decided by a hash so both policies see the same verdicts), an accepted
    draft asks for a final. True durations are the seed figures ± `jitter`; the scheduler only
    sees its estimates."""
    est = estimator or Estimator()
    sched = Scheduler(est, dawn=dawn, policy=policy)
    res = SimResult(policy=policy, window_s=(dawn - start).total_seconds(), servers=servers)
    arrivals: list[tuple[datetime, Work]] = []
    t_plan, seq = start, 0
    for i, (project, variants) in enumerate(notes):
        t_plan += timedelta(seconds=est.prior.get(plan_workflow, 90.0) * (1 + jitter * (2 * _unit("plan", i) - 1)))
        for v in range(variants):
            seq += 1
            arrivals.append((t_plan, Work(id=f"n{i}v{v}", project=project, kind="draft", workflow="ltx2", seq=seq)))
    pending: list[Work] = []
    free_at = [start] * servers
    while True:
        k = min(range(servers), key=lambda j: free_at[j])
        now = free_at[k]
        pending += [w for t, w in arrivals if t <= now]
        arrivals = [(t, w) for t, w in arrivals if t > now]
        if now >= dawn:
            break
        w = sched.choose(pending, now)
        if w is None:  # nothing fits now: wait for the planner's next note, or this server is done
            free_at[k] = max(now, min(t for t, _ in arrivals)) if arrivals else dawn
            continue
        pending.remove(w)
        sched.started_job(w)
        if not sched.fits(w, now) or now >= dawn:
            res.late_starts += 1
        true_s = est.prior[w.workflow] * (1 + jitter * (2 * _unit("run", w.id) - 1))
        end = now + timedelta(seconds=true_s)
        free_at[k] = end
        inside = max(0.0, (min(end, dawn) - now).total_seconds())
        if end <= dawn:
            res.busy_s += inside
        else:
            res.wasted_s += inside
            res.overrun_s = max(res.overrun_s, (end - dawn).total_seconds())
            continue
        if w.kind == "final":
            res.finals += 1
            res.final_projects.add(w.project)
            res.final_scores.append(w.score)
            continue
        res.drafts += 1
        u = _unit("verdict", w.id)
        seq += 1
        if u < 0.45:
            pending.append(Work(id=w.id + "F", project=w.project, kind="final", workflow="wan2.2",
                                score=_unit("score", w.id), seq=seq))
        elif u < 0.70 and w.round == 0:
            pending.append(Work(id=w.id + "R", project=w.project, kind="draft", workflow="ltx2", round=1, seq=seq))
    return res
