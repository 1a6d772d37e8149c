"""What a contest is asked (``ContestOptions``) and what it returns: a ``ModelRun`` per contestant in a
``ContestOutcome``, with the per-scorer means the report prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic_evals.reporting import EvaluationReport

from agents.deps import Deps
from agents.models import Endpoint
from evals.agent_runner import ToolSet
from evals.agent_scoring import AGENT_SCORERS
from evals.agent_tasks import AgentTask, AgentTaskOutput
from evals.dataset import BriefInput, PlanOutput
from evals.ratings import Comparison
from evals.scorers import AUTO_SCORERS, composite

__all__ = ["ContestOptions", "ContestOutcome", "ModelRun", "Progress", "agent_means", "scorer_means"]

Progress = Callable[[str, str], None]  # (kind: plan|agent|judge, model or case name) as each task ends


@dataclass
class ContestOptions:
    n_shots: int = 3
    temperature: float = 0.7
    parallel: bool = True
    max_requests: int = 6
    timeout_s: float = 300.0  # one HTTP request
    case_timeout_s: float | None = None  # time box of one storyboard (retries included); None = no box
    tie_margin: float = 0.02  # automatic quality closer than this on a brief is a tie
    agent_tasks: list[AgentTask] = field(default_factory=list)  # scripted chat requests (the agent's job)
    agent_time_box_s: float | None = None  # one scripted request, all its calls included
    toolset: ToolSet | None = None  # the tools offered to the model (default: the chat agent's tools)
    agent_model: Callable[[Endpoint], Any] | None = None  # the pydantic-ai model for an endpoint (default make_model)
    live_deps: Deps | None = None  # with a ledger and a ComfyUI pool: `live` agent tasks run on the real tools
    live_settle_s: float = 900.0  # a live task's renders the model did not wait for are waited for this long


@dataclass
class ModelRun:
    name: str
    outputs: dict[str, PlanOutput] = field(default_factory=dict)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)  # case -> scorer -> value
    failed: bool = False
    notes: list[str] = field(default_factory=list)
    peak_memory_mb: float | None = None
    wall_s: float = 0.0
    params_m: int | None = None
    report: EvaluationReport | None = None
    agent: dict[str, AgentTaskOutput] = field(default_factory=dict)  # task id -> what the model did
    agent_scores: dict[str, dict[str, float]] = field(default_factory=dict)  # task id -> scorer -> 0/1
    agent_notes: dict[str, str] = field(default_factory=dict)
    timed_out: list[str] = field(default_factory=list)  # "brief X" / "task Y" with no answer in the time box
    resumed: int = 0  # tasks taken from the journal instead of being run again

    @property
    def quality(self) -> dict[str, float]:
        return {case: composite(s) for case, s in self.scores.items()}

    @property
    def agent_quality(self) -> dict[str, float]:
        return {t: sum(s.values()) / len(s) for t, s in self.agent_scores.items() if s}

    @property
    def task_seconds(self) -> list[float]:
        """Seconds of every task this model was given (storyboards and agent tasks; failures cost time too)."""
        return [o.seconds for o in self.outputs.values()] + [o.seconds for o in self.agent.values()]

    @property
    def seconds_per_task(self) -> float | None:
        secs = self.task_seconds
        return sum(secs) / len(secs) if secs else None

    @property
    def ok_outputs(self) -> list[PlanOutput]:
        return [o for o in self.outputs.values() if o.ok]


@dataclass
class ContestOutcome:
    dataset: str
    cases: list[tuple[str, BriefInput]]
    runs: dict[str, ModelRun]
    comparisons: list[Comparison]
    judge: str | None
    judge_dropped: int = 0
    judge_calls: int = 0
    wall_s: float = 0.0
    parallel: bool = True
    n_shots: int = 3
    agent_tasks: list[AgentTask] = field(default_factory=list)
    judge_note: str = ""  # why there is no judge, or what it is
    judge_swapped: int = 0  # pairs judged in both orders with usable answers
    judge_agreed: int = 0  # ... whose two orders agreed
    judge_noise: bool = False  # agreement below NOISE_AGREEMENT: the judge's outcomes are left out of the ratings
    resumed: int = 0

    @property
    def judge_agreement(self) -> float | None:
        return self.judge_agreed / self.judge_swapped if self.judge_swapped else None

    @property
    def rated(self) -> list[str]:
        return [m for m, r in self.runs.items() if not r.failed]


def _means(scores: dict[str, dict[str, float]], keys) -> dict[str, float]:
    out = {}
    for k in keys:
        vals = [s[k] for s in scores.values() if k in s]
        out[k] = sum(vals) / len(vals) if vals else 0.0
    return out


def scorer_means(run: ModelRun) -> dict[str, float]:
    """Mean of each automatic scorer over the briefs (failed briefs count as 0)."""
    return _means(run.scores, AUTO_SCORERS)


def agent_means(run: ModelRun) -> dict[str, float]:
    """Share of agent tasks passing each agent scorer."""
    return _means(run.agent_scores, AGENT_SCORERS)
