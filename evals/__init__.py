"""Model-size contests (floor 4): which planner is worth its memory and time (`nightreel contest`).
Imports agents and the floors below; the application (``app``) imports it.

- ``evals.dataset``  briefs from YAML as a pydantic-evals Dataset (``load_tasks``)
- ``evals.scorers``  automatic scorers as pydantic-evals evaluators
- ``evals.agent_tasks`` scripted chat requests (the agent's job), run by ``evals.agent_runner`` (simulated tool
  results) or ``evals.agent_live`` (the real tools), scored on their tool calls by ``evals.agent_scoring``
- ``evals.judge``    the pairwise LLM judge with positions swapped (never a contestant)
- ``evals.ratings``  Bradley–Terry, bootstrap intervals, paired significance
- ``evals.contest``  running every planner on every brief (``run_contest``), compared and judged pairwise;
  ``evals.contest_runner`` drives one model (``run_model``), ``evals.contest_types`` holds what comes back
- ``evals.report``   report.md / report.html with plots (``write_report``)
"""

from evals.agent_runner import run_tool_task
from evals.agent_scoring import score_agent_task
from evals.agent_tasks import AgentTask, AgentTaskOutput, load_agent_tasks
from evals.contest import (
                           Contestant,
                           ContestOptions,
                           ContestOutcome,
                           EmbeddedJudge,
                           Journal,
                           ModelRun,
                           default_judge,
                           embedded_contestants,
                           judge_for_endpoint,
                           parse_model_spec,
                           plan_case,
                           remote_contestant,
                           run_contest,
)
from evals.dataset import DEFAULT_TASKS, BriefInput, BriefMeta, PlanOutput, load_tasks
from evals.judge import Judge, JudgePair, PairwiseJudge, build_judge_agent, swap_outcome
from evals.ratings import (
                           Comparison,
                           PairTest,
                           bootstrap_ci,
                           fit_bradley_terry,
                           paired_tests,
)
from evals.report import Summary, summarize, verdict, write_report
from evals.scorers import Embedder, default_scorers

__all__ = [
                           "DEFAULT_TASKS",
                           "AgentTask",
                           "AgentTaskOutput",
                           "BriefInput",
                           "BriefMeta",
                           "Comparison",
                           "ContestOptions",
                           "ContestOutcome",
                           "Contestant",
                           "EmbeddedJudge",
                           "Embedder",
                           "Journal",
                           "Judge",
                           "JudgePair",
                           "ModelRun",
                           "PairTest",
                           "PairwiseJudge",
                           "PlanOutput",
                           "Summary",
                           "bootstrap_ci",
                           "build_judge_agent",
                           "default_judge",
                           "default_scorers",
                           "embedded_contestants",
                           "fit_bradley_terry",
                           "judge_for_endpoint",
                           "load_agent_tasks",
                           "load_tasks",
                           "paired_tests",
                           "parse_model_spec",
                           "plan_case",
                           "remote_contestant",
                           "run_contest",
                           "run_tool_task",
                           "score_agent_task",
                           "summarize",
                           "swap_outcome",
                           "verdict",
                           "write_report",
]
