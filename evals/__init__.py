"""Model-size contests (floor 4): which planner is worth its memory and time (`nightreel contest`).
Imports agents and the floors below; the application (``app``) imports it.

- ``evals.dataset``  briefs from YAML as a pydantic-evals Dataset (``load_tasks``)
- ``evals.scorers``  automatic scorers as pydantic-evals evaluators
- ``evals.judge``    the pairwise LLM judge with positions swapped
- ``evals.ratings``  Bradley–Terry, bootstrap intervals, paired significance
- ``evals.contest``  running every planner on every brief (``run_contest``)
- ``evals.report``   report.md / report.html with plots (``write_report``)
"""

from evals.contest import (ContestOptions, ContestOutcome, Contestant, ModelRun, embedded_contestants,
                           judge_for_endpoint, parse_model_spec, plan_case, remote_contestant, run_contest)
from evals.dataset import DEFAULT_TASKS, BriefInput, BriefMeta, PlanOutput, load_tasks
from evals.judge import Judge, JudgePair, PairwiseJudge, build_judge_agent, swap_outcome
from evals.ratings import Comparison, PairTest, bootstrap_ci, fit_bradley_terry, paired_tests
from evals.report import Summary, summarize, verdict, write_report
from evals.scorers import Embedder, default_scorers

__all__ = [
    "BriefInput", "BriefMeta", "Comparison", "ContestOptions", "ContestOutcome", "Contestant", "DEFAULT_TASKS",
    "Embedder", "Judge", "JudgePair", "ModelRun", "PairTest", "PairwiseJudge", "PlanOutput", "Summary",
    "bootstrap_ci", "build_judge_agent", "default_scorers", "embedded_contestants", "fit_bradley_terry",
    "judge_for_endpoint", "load_tasks", "paired_tests", "parse_model_spec", "plan_case", "remote_contestant",
    "run_contest", "summarize", "swap_outcome", "verdict", "write_report",
]
