"""Live agent tasks: a scripted request whose valid calls run on the REAL chat tools against a ledger and ComfyUI.

A task marked ``live: true`` asks for an effect a ledger can show (render_shot, wait_for_job, critique_clip from
the fixed 4-shot storyboard, no clips yet). Given ``Deps`` with a ledger and a ComfyUI pool
(``app.rendering.render_session``, workflow animatic), :func:`run_live_task` executes each valid call with the real
chat tool (``agents.chat_tools``), called directly with a ``pydantic_ai.RunContext(deps=…, model=…,
usage=RunUsage())`` — the conversation is still driven by :func:`evals.agent_runner.run_tool_task` (same prompts,
same first-try bookkeeping), so live and simulated scores compare; ``agents.chat.ChatSession`` is not used because
its agent loop retries and falls back to the rules, which would hide the model's own calls. The tool's real return
string goes back to the model, and every call is recorded with ``ledger.record_step`` like the chat does. Each
task gets its own storyboard (:func:`live_storyboard`, equal to DEFAULT_CONTEXT, a fresh id: no render is reused
across tasks or models) and its own run id; after the model stops, the renders it started are waited for
(bounded), and what the ledger shows (the task's jobs, its recorded steps) is kept on the output, so a resumed
contest scores it again without the ledger.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import structlog

from evals.agent_runner import ToolSet, run_tool_task, studio_toolset
from evals.agent_tasks import AgentTask, AgentTaskOutput
from nightreel.errors import InputError

if TYPE_CHECKING:
    from agents.deps import Deps
    from nightreel.schema import Storyboard

log = structlog.get_logger()

__all__ = ["live_storyboard", "run_live_task"]


def live_storyboard() -> Storyboard:
    """The storyboard of DEFAULT_CONTEXT as a real Storyboard (4 shots, ids shot-1..shot-4, shot 4 a still),
    with a fresh id each call so no render is shared between tasks or models."""
    from nightreel.schema import Brief, Shot, ShotExpectations, Storyboard

    def shot(n: int, title: str, people: str, camera: str, cam: str, motion: str, target: str, positive: str) -> Shot:
        return Shot(id=f"shot-{n}", title=title, duration_s=4, target=target, positive=positive,
                    negative="blurry, distorted, watermark", camera=camera, lighting="warm lamp light at night",
                    expectations=ShotExpectations(people=people, camera=cam, motion=motion))

    shots = [
        shot(1, "Steam", "none", "locked-off tripod", "locked", "subtle", "draft",
             "steam curls over an espresso cup on a dark counter, warm lamp light"),
        shot(2, "Rainy window", "none", "locked-off tripod", "locked", "subtle", "draft",
             "rain runs down a café window at night, city lights blurred behind the glass"),
        shot(3, "Barista's hands", "required", "slow dolly in", "dolly_in", "subtle", "draft",
             "slow push in on a barista's hands tamping coffee"),
        shot(4, "Neon sign", "none", "locked-off tripod", "locked", "still", "still",
             "a neon sign that reads OPEN LATE"),
    ]
    return Storyboard(title="coffee at night", brief=Brief(idea="eight-second spot for a coffee, night atmosphere"),
                      shots=shots, model="contest")


async def run_live_task(model: Any, task: AgentTask, deps: Deps, *, name: str, ep: Any = None,
                        temperature: float = 0.0, max_tokens: int = 400, max_calls: int | None = None,
                        settle_s: float = 900.0, tools: ToolSet | None = None) -> AgentTaskOutput:
    """One scripted request whose valid calls run on the REAL chat tools against `deps`' ledger and ComfyUI pool.

    `deps` must carry ``.ledger`` and ``.comfy`` (``app.rendering.render_session``). The task works on a copy
    of it with its own Workspace (:func:`live_storyboard`, the planner endpoint `ep` for tools that edit a shot,
    `model` as their draft model when `ep` is None) and its own run id; each call is executed as
    ``tool.function_schema.call(args, RunContext(deps=…, model=…, usage=RunUsage()))`` and recorded with
    ``ledger.record_step`` (agent "contest"). A tool's ``ModelRetry`` goes back as an invalid call to fix; any
    other failure goes back as its error text (the tools' own rule). After the model stops, every render the
    task started is waited for (at most `settle_s` seconds), then the ledger's jobs and steps of the task are
    copied onto the output for :func:`evals.agent_scoring.score_agent_task`.
    """
    from dataclasses import replace

    from pydantic_ai import ModelRetry, RunContext, ToolFailed, ToolReturn
    from pydantic_ai.usage import RunUsage

    from agents.chat_board_tools import storyboard_summary
    from agents.deps import Workspace
    from agents.models import forces_tool_choice
    from agents.render_tools import wait_job
    from nightreel.schema import new_id

    if deps.ledger is None or deps.comfy is None:
        raise InputError("a live agent task needs Deps with a ledger and a ComfyUI pool (app.rendering.render_session)")
    tools = tools or studio_toolset()
    run_id = f"{deps.run_id or 'contest'}:{name}:{task.id}:{new_id('')}"
    ws = Workspace(storyboard=live_storyboard(), planner=ep, draft_model=None if ep is not None else model,
                   line=task.say[0])
    tdeps = replace(deps, workspace=ws, run_id=run_id)
    ctx = RunContext(deps=tdeps, model=model, usage=RunUsage())

    async def execute(tool: str, args: dict[str, Any], n: int) -> tuple[bool, str]:
        schema = tools.tools[tool].function_schema
        failed = False
        try:
            result = await schema.call(schema.validator.validate_python(args), ctx)
            if isinstance(result, ToolReturn):
                result = result.return_value
            ok, text = True, result if isinstance(result, str) else json.dumps(result, ensure_ascii=False, default=str)
        except ModelRetry as e:
            ok, text = False, str(e)
        except ToolFailed as e:  # a call that was valid and failed: the model reads why; the ledger says not ok
            ok, failed, text = True, True, str(e)
        except Exception as e:  # a tool that fails answers the model with the error, as data (the call was valid)
            log.warning("agent_task_live_tool_failed", task=task.id, tool=tool, error=str(e)[:200])
            ok, failed, text = True, True, f"the tool failed: {e.__class__.__name__}: {str(e)[:300]}"
        # the ledger says the step failed, so a crashed critic never counts as a verdict
        tdeps.ledger.record_step(run_id=run_id, agent="contest", tool=tool, args=args, result=text,
                                 ok=ok and not failed)
        return ok, text

    # each turn shows the storyboard as the tools left it (a second turn sees the revised shot)
    out = await run_tool_task(model, tools, task, name=name, temperature=temperature, max_tokens=max_tokens,
                              max_calls=max_calls, execute=execute, context=lambda: storyboard_summary(ws.storyboard),
                              call_required=forces_tool_choice(ep))
    out.live, out.run_id = True, run_id
    t0 = time.monotonic()
    for job_id in list(ws.jobs.values()):  # renders the model started but did not wait for
        await wait_job(tdeps, job_id, max(0.0, settle_s - (time.monotonic() - t0)))
    out.ledger_jobs = [_job_fact(tdeps.ledger.get(j)) for j in dict.fromkeys(ws.jobs.values())]
    out.ledger_steps = [{k: r[k] for k in ("tool", "args", "result", "ok")} for r in tdeps.ledger.steps(run_id)]
    return out


def _job_fact(job: Any) -> dict[str, Any]:
    return {"job_id": job.id, "shot_id": job.shot_id, "tier": job.tier, "state": getattr(job.state, "value", job.state),
            "clip_path": job.clip_path, "clip_exists": bool(job.clip_path) and Path(job.clip_path).is_file()}
