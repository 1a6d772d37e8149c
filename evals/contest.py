"""A model-size contest: every planner gets the same briefs, is scored, judged pairwise and rated.

``run_contest`` takes contestants (an Endpoint each, or the reason it is down), a Dataset of
briefs, and a judge; it returns a :class:`ContestOutcome` that ``evals.report`` writes out.

- Each planner answers every brief through ``agents.planner.build_planner``/``run_planner``
  directly, so the scorers see what the MODEL wrote before nightreel enforces the brief,
  and whether its first answer parsed (no retry prompt in the run's messages).
- Models run in parallel (``parallel=True``) or one after another; each model's briefs run
  one at a time (a llama server decodes one request at a time anyway). A contestant may carry a
  lazy ``server`` (an embedded llama server): it is started when its turn comes and stopped
  before the next one starts, so sizes never share the cores or the memory.
- The agent's job: scripted chat requests (``evals.agent_tasks``) are contest tasks too, scored on
  the first tool call's validity, the right tool with the right arguments, and completion. With
  ``ContestOptions.live_deps`` (Deps with a ledger and a ComfyUI pool) the tasks marked ``live`` run on the
  real tools (``evals.agent_live.run_live_task``) and are complete only when the ledger shows the render
  and the critic's verdict; the others keep their simulated results. Their notes start with "live:".
- Resumable: with a journal (``results.jsonl`` in the output folder) every finished storyboard,
  agent task and judged pair is appended as it ends; a contest started again with the same
  folder skips what is there and goes on from where it stopped.
- A model that gives no answer within the time box loses that task, and the report names it; that loss
  is final (journaled, not asked again on resume).
- A model that cannot be reached is marked failed with the reason; the contest goes on. A task whose
  server crashed or could not be reached is a loss in that run but is journaled as not final, so
  resuming runs it again.
- Peak memory is sampled from the server process (embedded servers, or a server on this
  machine found by its port); a remote server's memory is reported as unknown.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

import httpx
import httpx2
import structlog
from pydantic_ai.messages import (
    ModelRequest,
    RetryFeedbackPart,
    RetryPromptPart,
    ToolReturnPart,
)
from pydantic_evals.reporting import EvaluationReport

from agents.deps import Deps
from agents.models import Endpoint, make_model
from agents.planner import (
    build_planner,
    finish_shots,
    recall,
    run_planner,
    tokens_budget,
    user_prompt,
)
from evals.agent_runner import ToolSet, run_tool_task
from evals.agent_scoring import AGENT_SCORERS, score_agent_task
from evals.agent_tasks import AgentTask, AgentTaskOutput
from evals.contest_journal import Journal
from evals.contestants import (
    OUTPUT_MODES,
    Contestant,
    EmbeddedJudge,
    MemorySampler,
    default_judge,
    embedded_contestants,
    judge_for_endpoint,
    local_pid,
    parse_model_spec,
    remote_contestant,
)
from evals.dataset import BriefInput, ContestDataset, PlanOutput
from evals.judge import (
    NOISE_AGREEMENT,
    Judge,
    JudgePair,
    render_draft,
)
from evals.ratings import Comparison
from evals.scorers import AUTO_SCORERS, composite, default_scorers
from memory.lessons import seed_lessons
from nightreel.errors import InputError, ModelError, ModelUnavailable
from nightreel.schema import StoryboardDraft

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
]

Progress = Callable[[str, str], None]
OUTPUT_TOOL = "final_storyboard"  # the planner's output tool in tool mode (agents.planner.build_planner)


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


# ---------------------------------------------------------------- planning


def _first_try(messages) -> bool:
    """True when the model's first storyboard was used: no output retry in the run's messages.

    pydantic-ai 2.x sends an unusable storyboard back as the output tool's ``ToolReturnPart`` with
    ``outcome="retried"`` (tool output mode) or as a ``RetryFeedbackPart`` (native or prompted JSON);
    older versions used ``RetryPromptPart``. A planner tool asking for other arguments (``lint_shot``'s
    ModelRetry) is not a retry of the storyboard.
    """
    for m in messages:
        if isinstance(m, ModelRequest):
            for p in m.parts:
                if isinstance(p, RetryFeedbackPart):
                    return False
                if isinstance(p, ToolReturnPart) and p.outcome == "retried" and p.tool_name == OUTPUT_TOOL:
                    return False
                if isinstance(p, RetryPromptPart) and p.tool_name in (None, OUTPUT_TOOL):
                    return False
    return True


async def plan_case(ep: Endpoint, deps: Deps, inputs: BriefInput, *, n_shots: int, temperature: float,
                    max_requests: int, http: httpx2.AsyncClient | None = None) -> PlanOutput:
    """One planner's answer to one brief: the raw draft, the enforced shots, validity and cost."""
    n = inputs.n_shots or n_shots
    out = PlanOutput(model=ep.label or ep.model, target=inputs.target, n_shots=n)
    lessons = recall(deps, inputs.idea)
    agent = build_planner(ep, n, http=http, temperature=temperature)
    t0 = time.monotonic()
    try:
        result = await run_planner(agent, user_prompt(inputs.idea, n, inputs.target, lessons), deps,
                                   max_requests=max_requests)
    except ModelUnavailable as e:  # a timeout looks the same: the server is down only if /models fails too
        down = _is_down(ep)
        return out.model_copy(update={"error": str(e), "unavailable": down, "seconds": time.monotonic() - t0})
    except ModelError as e:
        return out.model_copy(update={"error": str(e), "seconds": time.monotonic() - t0})
    seconds = time.monotonic() - t0
    usage = result.usage
    draft = result.output
    shots, _ = finish_shots(inputs.idea, list(draft.shots), seed_lessons(), target=inputs.target)
    log.info("contest_plan", model=out.model, seconds=round(seconds, 2), requests=usage.requests,
             output_tokens=usage.output_tokens)
    return out.model_copy(update={
        "ok": True, "first_try": _first_try(result.all_messages()), "requests": usage.requests, "seconds": seconds,
        "input_tokens": usage.input_tokens or 0, "output_tokens": usage.output_tokens or 0,
        "draft": StoryboardDraft.model_validate(draft.model_dump()), "shots": shots})


def _is_down(ep: Endpoint) -> bool:
    try:
        return httpx.get(f"{ep.base_url}/models", timeout=5.0).status_code >= 500
    except httpx.HTTPError:
        return True


async def _run_model(c: Contestant, dataset: ContestDataset, deps: Deps, opts: ContestOptions, scorers: list,
                     on_progress: Progress, journal: Journal) -> ModelRun:
    run = ModelRun(c.name, params_m=c.params_m)
    case_of = {case.inputs.model_dump_json(): case.name for case in dataset.cases}
    todo_plans = [case.name for case in dataset.cases if (c.name, case.name) not in journal.plans]
    todo_agent = [t.id for t in opts.agent_tasks if (c.name, t.id) not in journal.agent]
    run.resumed = len(dataset.cases) - len(todo_plans) + len(opts.agent_tasks) - len(todo_agent)
    t0 = time.monotonic()
    async with contextlib.AsyncExitStack() as stack:
        ep = c.endpoint
        if ep is None and c.server is not None and (todo_plans or todo_agent):
            try:
                ep = await asyncio.to_thread(stack.enter_context, c.server())
            except (ModelUnavailable, ModelError) as e:
                c.error = str(e)
            except Exception as e:  # a server that cannot start is this model's failure, not the contest's
                c.error = f"{e.__class__.__name__}: {e}"
        if ep is None and (todo_plans or todo_agent):
            run.failed, run.notes = True, [f"failed: {c.error or 'no endpoint'}"]
            for _ in [*dataset.cases, *opts.agent_tasks]:
                on_progress("plan", c.name)
            return run
        pid = (ep.pid or local_pid(ep.base_url)) if ep is not None else None
        http = await stack.enter_async_context(httpx2.AsyncClient(timeout=httpx2.Timeout(opts.timeout_s, connect=10.0)))

        async def task(inputs: BriefInput) -> PlanOutput:
            case = case_of.get(inputs.model_dump_json(), "?")
            if (c.name, case) in journal.plans:
                on_progress("plan", c.name)
                return journal.plans[(c.name, case)]
            t1 = time.monotonic()
            try:
                out = await asyncio.wait_for(
                    plan_case(ep, deps, inputs, n_shots=opts.n_shots, temperature=opts.temperature,
                              max_requests=opts.max_requests, http=http), opts.case_timeout_s)
            except TimeoutError:
                out = PlanOutput(model=c.name, target=inputs.target, seconds=time.monotonic() - t1,
                                 error=f"no storyboard within the {opts.case_timeout_s:g} s time box")
            except Exception as e:  # one model's crash must not end the contest: record it on the brief
                log.exception("contest_plan_crashed", model=c.name)
                out = PlanOutput(model=c.name, target=inputs.target, seconds=time.monotonic() - t1,
                                 error=f"{e.__class__.__name__}: {e}", unavailable=await asyncio.to_thread(_is_down, ep))
            # a down server's brief is a loss in this run, not a final answer: resuming asks again
            journal.add_plan(c.name, case, out, final=not out.unavailable)
            on_progress("plan", c.name)
            return out

        ds = ContestDataset(name=dataset.name, cases=dataset.cases, evaluators=scorers)
        with MemorySampler(pid) as mem:
            report = await ds.evaluate(task, name=c.name, max_concurrency=1, progress=False)
            if opts.agent_tasks:
                await _run_agent_tasks(c.name, ep, opts, run, journal, on_progress)
    run.wall_s = time.monotonic() - t0
    run.report = report
    if todo_plans or todo_agent:
        journal.add_server(c.name, mem.peak_mb, run.wall_s)
    run.peak_memory_mb = journal.servers.get(c.name, {}).get("peak_memory_mb") or mem.peak_mb
    for rc in report.cases:
        run.outputs[rc.name] = rc.output
        run.scores[rc.name] = {k: float(v.value) for k, v in rc.scores.items()}
    for f in report.failures:
        run.notes.append(f"brief {f.name}: {f.error_message[:200]}")
    for name, o in run.outputs.items():
        if o.error and "time box" in o.error:
            run.timed_out.append(f"brief {name}")
    retry = [f"brief {n}" for n, o in run.outputs.items() if o.unavailable] + \
        [f"task {t}" for t, o in run.agent.items() if o.unavailable]
    if run.outputs and all(o.unavailable for o in run.outputs.values()):
        run.failed = True
        run.notes.insert(0, f"failed: {next(iter(run.outputs.values())).error}")
    elif errs := [o for o in run.outputs.values() if not o.ok]:
        run.notes.append(f"{len(errs)} of {len(run.outputs)} briefs without a storyboard (first: {errs[0].error})")
    if run.timed_out:
        run.notes.append(f"no answer within the time box (each a lost task): {', '.join(run.timed_out)}")
    if retry:
        run.notes.append(f"the server was down for {', '.join(retry[:6])}{' …' if len(retry) > 6 else ''}: "
                         "lost in this run, run again when the contest is resumed")
    if run.resumed:
        run.notes.append(f"{run.resumed} task(s) resumed from the journal")
    if pid is None and ep is not None:
        run.notes.append("peak memory: the server is not on this machine (not measured)")
    return run


async def _run_agent_tasks(name: str, ep: Endpoint | None, opts: ContestOptions, run: ModelRun, journal: Journal,
                           on_progress: Progress) -> None:
    """The scripted chat requests, one at a time, each appended to the journal as it ends.

    A task marked ``live`` runs on the real tools when ``opts.live_deps`` is given (its renders and the critic's
    verdict must show in that ledger); every other task gets simulated tool results.
    """
    from evals.agent_live import run_live_task
    from evals.agent_runner import studio_toolset

    tools = opts.toolset or studio_toolset()
    model = None
    if ep is not None:
        model = opts.agent_model(ep) if opts.agent_model else make_model(ep)
    for t in opts.agent_tasks:
        out = journal.agent.get((name, t.id))
        if out is None:
            t1 = time.monotonic()
            try:
                if t.live and opts.live_deps is not None:
                    job = run_live_task(model, t, opts.live_deps, name=name, ep=ep, temperature=0.0,
                                        settle_s=opts.live_settle_s, tools=tools)
                else:
                    job = run_tool_task(model, tools, t, name=name, temperature=0.0)
                out = await asyncio.wait_for(job, opts.agent_time_box_s)
            except TimeoutError:
                out = AgentTaskOutput(model=name, seconds=time.monotonic() - t1,
                                      error=f"no answer within the {opts.agent_time_box_s:g} s time box")
            except Exception as e:  # a server error on one request is a lost task, named
                log.warning("contest_agent_task_failed", model=name, task=t.id, error=str(e)[:200])
                down = await asyncio.to_thread(_is_down, ep) if ep is not None else True
                out = AgentTaskOutput(model=name, seconds=time.monotonic() - t1, unavailable=down,
                                      error=f"{e.__class__.__name__}: {str(e)[:300]}")
            out.live = out.live or (t.live and opts.live_deps is not None)
            # a crashed or unreachable server is not the model's answer: resuming runs the task again
            journal.add_agent(name, t.id, out, final=not out.unavailable)
        run.agent[t.id] = out
        run.agent_scores[t.id], run.agent_notes[t.id] = score_agent_task(t, out)
        if out.error and "time box" in out.error:
            run.timed_out.append(f"task {t.id}")
        on_progress("agent", name)


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
        runs_list = await asyncio.gather(*(_run_model(c, dataset, deps, opts, scorers, progress, journal)
                                           for c in contestants))
    else:
        runs_list = [await _run_model(c, dataset, deps, opts, scorers, progress, journal) for c in contestants]
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
