"""The contest runner: drives one contestant through every brief and agent task into a ``ModelRun``.

- Each planner answers every brief through ``agents.planner.build_planner``/``run_planner``
  directly (``plan_case``), so the scorers see what the MODEL wrote before nightreel enforces the brief,
  and whether its first answer parsed (no retry prompt in the run's messages).
- A model's briefs run one at a time (a llama server decodes one request at a time anyway). A contestant
  may carry a lazy ``server`` (an embedded llama server): it is started when its turn comes and stopped
  when its run ends.
- The agent's job: scripted chat requests (``evals.agent_tasks``) are contest tasks too, scored on
  the first tool call's validity, the right tool with the right arguments, and completion. With
  ``ContestOptions.live_deps`` (Deps with a ledger and a ComfyUI pool) the tasks marked ``live`` run on the
  real tools (``evals.agent_live.run_live_task``) and are complete only when the ledger shows the render
  and the critic's verdict; the others keep their simulated results. Their notes start with "live:".
- Every finished storyboard and agent task is appended to the journal as it ends; what the journal
  already holds is not run again.
- A model that gives no answer within the time box loses that task, and the run names it; that loss
  is final (journaled, not asked again on resume).
- A model that cannot be reached is marked failed with the reason. A task whose server crashed or could
  not be reached is a loss in that run but is journaled as not final, so resuming runs it again.
- Peak memory is sampled from the server process (embedded servers, or a server on this
  machine found by its port); a remote server's memory is reported as unknown.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

import httpx
import httpx2
import structlog
from pydantic_ai.messages import (
    ModelRequest,
    RetryFeedbackPart,
    RetryPromptPart,
    ToolReturnPart,
)

from agents.deps import Deps
from agents.models import Endpoint, forces_tool_choice, make_model
from agents.planner import build_planner, finish_shots, recall, run_planner, user_prompt
from evals.agent_runner import run_tool_task
from evals.agent_scoring import score_agent_task
from evals.agent_tasks import AgentTaskOutput
from evals.contest_journal import Journal
from evals.contest_types import ContestOptions, ModelRun, Progress
from evals.contestants import Contestant, MemorySampler, local_pid
from evals.dataset import BriefInput, ContestDataset, PlanOutput
from evals.scorers import storyboard_problem
from memory.lessons import seed_lessons
from nightreel.errors import ModelError, ModelUnavailable
from nightreel.schema import StoryboardDraft

log = structlog.get_logger()

__all__ = ["plan_case", "run_model"]

OUTPUT_TOOL = "final_storyboard"  # the planner's output tool in tool mode (agents.planner.build_planner)


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


async def run_model(c: Contestant, dataset: ContestDataset, deps: Deps, opts: ContestOptions, scorers: list,
                    on_progress: Progress, journal: Journal) -> ModelRun:
    """One contestant's run: its server started if lazy, every brief scored by `scorers`, every agent task, noted."""
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
    elif errs := [p for o in run.outputs.values() if (p := storyboard_problem(o))]:
        # an answer that parsed with nothing to render (every prompt empty) is no storyboard either: 0 on every scorer
        run.notes.append(f"{len(errs)} of {len(run.outputs)} briefs without a storyboard (first: {errs[0]})")
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
                    job = run_tool_task(model, tools, t, name=name, temperature=0.0,
                                        call_required=forces_tool_choice(ep))
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

