"""The agent's job as contest tasks: scripted chat requests, scored on the tool calls a model makes.

A tasks file (``evals/tasks/agent.yaml``, the scripted requests of ``benchmarks/agent.py``) is a
YAML list (or a mapping with a ``tasks:`` list) of::

    - id: render-draft
      say: ["Render shot 2 as a draft, then have the critic look at it"]
      expect:
        - {tool: render_shot, args: {shot: 2, tier: draft}}
        - {tool: critique_clip}

``expect`` lists the calls the request should lead to, in order; ``args`` is a subset (only the
arguments named are checked). An empty ``expect`` means the request should call no tool.

How a model is asked (:func:`run_tool_task`): each request goes to the model through pydantic-ai's
direct model API with the chat agent's tools (``agents.chat_tools.CHAT_TOOLS``: the same names,
docstrings and JSON schemas), its system prompt and its per-turn template with a fixed storyboard
summary, in the OpenAI ``tools`` field. Each call is validated against its tool's schema;
a valid call gets a **simulated** result (a queued job, a finished clip, an "accept" verdict)
so the model can go on to the next call; an invalid one gets the validation error back, as the
agent would. No render runs: this measures the model's choices, not ComfyUI.

Live tasks (``live: true``, :func:`run_live_task`): a request whose effect a ledger can show (render_shot,
wait_for_job, critique_clip from the fixed 4-shot storyboard, no clips yet) can instead be run against a real
studio: given ``Deps`` with a ledger and a ComfyUI pool (``app.rendering.render_session``, workflow animatic),
each valid call is executed by the REAL chat tool (``agents.chat_tools``), called directly with a
``pydantic_ai.RunContext(deps=…, model=…, usage=RunUsage())`` — the conversation is still driven by the same
loop as the simulated runner (same prompts, same first-try bookkeeping), so live and simulated scores
compare; ``agents.chat.ChatSession`` is not used because its agent loop retries and falls back to the
rules, which would hide the model's own calls. The tool's real return string goes back to the model, and
every call is recorded with ``ledger.record_step`` like the chat does. Each task gets its own storyboard
(:func:`live_storyboard`, equal to DEFAULT_CONTEXT, a fresh id: no render is reused across tasks or models)
and its own run id; after the model stops, the renders it started are waited for (bounded), and what the
ledger shows (the task's jobs, its recorded steps) is kept on the output, so a resumed contest scores it
again without the ledger.

Three binary scores per task (:func:`score_agent_task`):

- ``tool_first_try``  the model's first answer is a call to a real tool with arguments that validate
                      (for a request that expects no call: its first answer calls nothing);
- ``tool_right``      its first call is the expected tool with the expected arguments;
- ``tool_completed``  every expected call was made, in order, with valid arguments; for a task run live,
                      the ledger proves it too: each expected render_shot(shot N, tier T) has a done job for
                      shot-N at tier T whose clip is on disk, each expected critique_clip a recorded step
                      whose result holds "Critic's verdict".
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import structlog
import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from evals.dataset import (
    _line_of,  # one reader of YAML error locations for both task files
)
from nightreel.errors import InputError

if TYPE_CHECKING:
    from agents.deps import Deps
    from nightreel.schema import Storyboard

log = structlog.get_logger()

__all__ = [
    "AGENT_SCORERS",
    "DEFAULT_AGENT_TASKS",
    "AgentTask",
    "AgentTaskOutput",
    "ExpectedCall",
    "ToolSet",
    "args_match",
    "live_storyboard",
    "load_agent_tasks",
    "run_live_task",
    "run_tool_task",
    "score_agent_task",
    "studio_toolset",
]

DEFAULT_AGENT_TASKS = Path(__file__).resolve().parent / "tasks" / "agent.yaml"
AGENT_SCORERS = ("tool_first_try", "tool_right", "tool_completed")

#: The storyboard the model sees before each scripted request, in the chat agent's own summary format
#: (a task's `context` replaces it; "No storyboard yet." for a task that starts from nothing). It is
#: ``storyboard_summary(live_storyboard())`` word for word (the live runner's real board; a test keeps them equal).
NO_STORYBOARD = "No storyboard yet."   # a task's context for a chat that starts from nothing
DEFAULT_CONTEXT = (
    "Storyboard 'coffee at night' for the brief 'eight-second spot for a coffee, night atmosphere', 4 shot(s):\n"
    "1. Steam — 4 s draft; people none, camera locked, motion subtle; prompt: steam curls over an espresso cup on a "
    "dark counter, warm lamp light\n"
    "2. Rainy window — 4 s draft; people none, camera locked, motion subtle; prompt: rain runs down a café window at "
    "night, city lights blurred behind the glass\n"
    "3. Barista's hands — 4 s draft; people required, camera dolly_in, motion subtle; prompt: slow push in on a "
    "barista's hands tamping coffee\n"
    "4. Neon sign — 4 s still; people none, camera locked, motion still; prompt: a neon sign that reads OPEN LATE")


class ExpectedCall(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tool: str = Field(min_length=1)
    args: dict[str, Any] = Field(default_factory=dict)


class AgentTask(BaseModel):
    """One scripted request: what the person says (one line or several turns) and the calls expected."""

    model_config = ConfigDict(extra="allow")  # room for keys the agent benchmark adds

    id: str = Field(min_length=1)
    say: list[str] = Field(min_length=1)
    expect: list[ExpectedCall] = Field(default_factory=list)
    context: str | None = None
    live: bool = Field(False, strict=True, description="can run against a real ledger and ComfyUI (run_live_task)")

    @field_validator("say", mode="before")
    @classmethod
    def _one_line(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _live_starts_from_the_fixed_storyboard(self) -> AgentTask:
        if self.live and self.context is not None:
            raise ValueError("a live task starts from the fixed 4-shot storyboard: drop `context` or `live`")
        return self


class AgentTaskOutput(BaseModel):
    """What one model did with one scripted request."""

    model: str
    steps: list[dict[str, Any]] = Field(default_factory=list, description='{"tool", "args", "result", "ok"} in order')
    first_valid: bool = False
    first_note: str = ""
    reply: str = ""
    error: str | None = None
    unavailable: bool = False
    seconds: float = 0.0
    requests: int = 0
    runner: str = "tools-api"
    live: bool = False  # run against a real ledger and ComfyUI (run_live_task)
    run_id: str = ""  # the ledger's run id of this task's recorded steps (live)
    ledger_jobs: list[dict[str, Any]] = Field(default_factory=list,
                                              description='live: {"job_id", "shot_id", "tier", "state", "clip_path", '
                                                          '"clip_exists"} of the jobs this task started, after it ended')
    ledger_steps: list[dict[str, Any]] = Field(default_factory=list,
                                               description='live: {"tool", "args", "result", "ok"} as the ledger recorded them')


# ---------------------------------------------------------------- tasks file


def load_agent_tasks(path: str | Path | None = None, *, limit: int | None = None) -> list[AgentTask]:
    """The scripted requests of a tasks file (the first `limit` when given).

    Raises:
        InputError: the file is not YAML, or a task is broken (names the file and the task's line).
    """
    path = Path(path or DEFAULT_AGENT_TASKS).expanduser()
    if not path.is_file():
        raise InputError(f"no agent tasks file at {path}; pass --agent-tasks FILE or --no-agent")
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise InputError(f"{where}: the agent tasks file is not valid YAML ({getattr(e, 'problem', None) or e})") from None
    node = root
    if isinstance(data, dict) and isinstance(data.get("tasks"), list):
        data = data["tasks"]
        node = next(v for k, v in root.value if getattr(k, "value", None) == "tasks")
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise InputError(f"{path}:1: an agent tasks file is a list of {{id, say, expect}} (or a mapping with `tasks:`)")
    tasks, seen = [], set()
    for i, (raw, item) in enumerate(zip(data, node.value)):
        line = item.start_mark.line + 1
        if not isinstance(raw, dict):
            raise InputError(f"{path}:{line}: task {i + 1} must be a mapping with id, say, expect")
        try:
            task = AgentTask.model_validate(raw)
        except ValidationError as e:
            err = e.errors()[0]
            loc = ".".join(str(x) for x in err.get("loc", ()))
            raise InputError(f"{path}:{_line_of(item, err.get('loc', ()))}: task {raw.get('id') or i + 1!r}: "
                             f"{loc}: {err.get('msg')}") from None
        if task.id in seen:
            raise InputError(f"{path}:{line}: task id {task.id!r} is used twice")
        seen.add(task.id)
        tasks.append(task)
    if not tasks:
        raise InputError(f"{path}: the agent tasks file has no tasks")
    if limit is not None:
        tasks = tasks[:limit]
    return tasks


# ---------------------------------------------------------------- tools


class ToolSet:
    """Tool definitions (name, description, JSON schema) with their argument validators."""

    def __init__(self, functions: Sequence[Callable]):
        from pydantic_ai import Tool

        self.tools = {}
        for fn in functions:
            t = fn if isinstance(fn, Tool) else Tool(fn)
            self.tools[t.name] = t

    @property
    def defs(self) -> list:
        return [t.tool_def for t in self.tools.values()]

    @property
    def names(self) -> list[str]:
        return list(self.tools)

    def validate(self, name: str, args: str | dict | None) -> tuple[bool, dict[str, Any], str]:
        """(ok, the arguments as a dict, why not) for one call as the model wrote it."""
        if name not in self.tools:
            return False, _as_dict(args), f"there is no tool {name!r}; the tools are {', '.join(self.tools)}"
        try:
            raw = json.loads(args) if isinstance(args, str) else (args or {})
        except json.JSONDecodeError as e:
            return False, {"_raw": str(args)[:300]}, f"the arguments are not JSON ({e.msg})"
        if not isinstance(raw, dict):
            return False, {"_raw": str(args)[:300]}, "the arguments must be a JSON object"
        try:
            self.tools[name].function_schema.validator.validate_python(raw)
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err.get("loc", ())) or "arguments"
            return False, raw, f"{where}: {err.get('msg')}"
        return True, raw, ""


def _as_dict(args: Any) -> dict[str, Any]:
    if isinstance(args, dict):
        return args
    try:
        v = json.loads(args) if isinstance(args, str) else {}
        return v if isinstance(v, dict) else {"_raw": str(args)[:300]}
    except json.JSONDecodeError:
        return {"_raw": str(args)[:300]}


def studio_toolset() -> ToolSet:
    """The chat agent's tools (``agents.chat_tools.CHAT_TOOLS``): the same names, docstrings and schemas."""
    from agents.chat_tools import CHAT_TOOLS

    return ToolSet(CHAT_TOOLS)


def _prompts() -> tuple[str, str]:
    """The chat agent's own system prompt and per-turn template (storyboard summary + the person's line)."""
    import prompts

    return prompts.load("chat_agent_system"), prompts.load("chat_agent_user")


#: What a valid call "returns" in the tools-API runner (simulated: no render runs).
def simulated_result(tool: str, args: dict[str, Any], n: int) -> str:
    shot = args.get("shot", "?")
    tier = args.get("tier", "draft")
    if tool in ("render_shot", "rerender_shot"):
        return f"queued: shot {shot} {tier} render (job {n}); call wait_for_job with shot {shot} to get the clip"
    if tool == "wait_for_job":
        return f"done: shot {shot} {tier} clip at clips/shot-{shot}-{tier}.mp4 (4.0 s)"
    if tool == "critique_clip":
        return (f"shot {shot}: verdict accept. The camera holds still on a rainy window; nobody enters the frame "
                "(people probe: 0 of 12 frames); no text in frame.")
    if tool == "salvage_clip":
        return f"shot {shot}: salvaged clip at clips/shot-{shot}-salvaged.mp4; verdict accept"
    if tool == "expand_brief":
        return "storyboard drafted: 4 shots (see the summary)"
    if tool == "save_storyboard":
        return "saved to storyboards/coffee-at-night.json"
    if tool == "recall_lessons":
        return "lessons: keep the camera locked in empty rooms; no walking verbs when nobody is in frame"
    return f"done: {tool} on shot {shot}"


# ---------------------------------------------------------------- running


#: Runs one valid call: (tool name, validated arguments as the model wrote them, call number) -> (ok, result).
Executor = Callable[[str, dict[str, Any], int], Awaitable[tuple[bool, str]]]


async def _simulate(tool: str, args: dict[str, Any], n: int) -> tuple[bool, str]:
    return True, simulated_result(tool, args, n)


async def run_tool_task(model: Any, tools: ToolSet, task: AgentTask, *, name: str, temperature: float = 0.0,
                        max_tokens: int = 400, max_calls: int | None = None,
                        execute: Executor | None = None,
                        context: Callable[[], str] | None = None) -> AgentTaskOutput:
    """One scripted request through pydantic-ai's direct model API with the tools' schemas.

    `model` is any pydantic-ai model (``make_model(endpoint)`` for a server; FunctionModel in tests).
    Each line of ``say`` is a user turn; after each tool call its result goes back and the model may call
    again, up to ``max_calls`` calls in all (default: the expected count + 2). A valid call's result comes
    from `execute` (default: :func:`simulated_result`; :func:`run_live_task` passes the real tools); an
    executor's ``(False, why)`` goes back as an invalid call to fix, like a schema error. `context` gives the
    storyboard summary at each turn (default: the task's ``context`` or DEFAULT_CONTEXT).
    """
    from pydantic_ai.direct import model_request
    from pydantic_ai.messages import (
        ModelRequest,
        SystemPromptPart,
        TextPart,
        ToolCallPart,
        ToolReturnPart,
        UserPromptPart,
    )
    from pydantic_ai.models import ModelRequestParameters

    execute = execute or _simulate
    settings = {"temperature": temperature, "max_tokens": max_tokens}
    budget = max_calls if max_calls is not None else len(task.expect) + 2
    out = AgentTaskOutput(model=name)
    system, turn = _prompts()
    messages: list = []
    t0 = time.monotonic()
    calls = 0
    first = True
    for i, line in enumerate(task.say):
        ctx_text = context() if context is not None else task.context if task.context is not None else DEFAULT_CONTEXT
        offered = tools.names
        if ctx_text.strip() == NO_STORYBOARD:      # what the chat itself shows and offers with no storyboard yet
            from agents.chat_tools import WITHOUT_STORYBOARD, storyboard_summary

            ctx_text = storyboard_summary(None)
            offered = [n for n in tools.names if n in WITHOUT_STORYBOARD]
        params = ModelRequestParameters(function_tools=[d for d in tools.defs if d.name in offered],
                                        allow_text_output=True)
        parts = [SystemPromptPart(system)] if i == 0 else []
        messages.append(ModelRequest(parts=[*parts, UserPromptPart(turn.format(storyboard=ctx_text, line=line))]))
        while True:
            resp = await model_request(model, messages, model_settings=settings, model_request_parameters=params)
            out.requests += 1
            messages.append(resp)
            tool_calls = [p for p in resp.parts if isinstance(p, ToolCallPart)]
            text = "".join(p.content for p in resp.parts if isinstance(p, TextPart)).strip()
            checks = [tools.validate(c.tool_name, c.args) if c.tool_name in offered else
                      (False, _as_dict(c.args), f"there is no tool {c.tool_name!r} now; the tools are {', '.join(offered)}")
                      for c in tool_calls]
            if first:
                first = False
                if not task.expect:
                    out.first_valid = not tool_calls
                    out.first_note = "answered without a tool, as asked" if not tool_calls else \
                        f"called {tool_calls[0].tool_name} where no tool was wanted"
                elif not tool_calls:
                    out.first_valid = False
                    out.first_note = f"no tool call; wrote text: {text[:120]!r}"
                else:
                    bad = [(c.tool_name, why) for c, (ok, _, why) in zip(tool_calls, checks) if not ok]
                    out.first_valid = not bad
                    out.first_note = "a valid call" if not bad else f"{bad[0][0]}: {bad[0][1]}"
            if not tool_calls:
                out.reply = text
                break
            returns = []
            for c, (ok, args, why) in zip(tool_calls, checks):
                calls += 1
                if ok:
                    ok, result = await execute(c.tool_name, args, calls)
                    why = result if not ok else ""
                else:
                    result = why
                out.steps.append({"tool": c.tool_name, "args": args, "result": result, "ok": ok})
                if ok:
                    returns.append(ToolReturnPart(c.tool_name, result, tool_call_id=c.tool_call_id))
                else:
                    returns.append(ToolReturnPart(tool_name=c.tool_name, content=f"invalid call: {why}; fix it and call again",
                                                  tool_call_id=c.tool_call_id, outcome="retried"))
            messages.append(ModelRequest(parts=returns))
            if calls >= budget:
                break
    out.seconds = time.monotonic() - t0
    return out


# ---------------------------------------------------------------- live


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
    copied onto the output for :func:`score_agent_task`.
    """
    from dataclasses import replace

    from pydantic_ai import ModelRetry, RunContext, ToolFailed, ToolReturn
    from pydantic_ai.usage import RunUsage

    from agents.chat_tools import storyboard_summary
    from agents.deps import Workspace
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
                              max_calls=max_calls, execute=execute, context=lambda: storyboard_summary(ws.storyboard))
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


# ---------------------------------------------------------------- scoring

_INT = re.compile(r"\d+(?:\.\d+)?")


def _same(want: Any, got: Any) -> bool:
    """Loose equality for arguments: 2 == "2" == "shot-2", "Draft" == "draft", dict subsets."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(k in got and _same(v, got[k]) for k, v in want.items())
    if isinstance(want, list):
        return isinstance(got, list) and len(want) == len(got) and all(_same(a, b) for a, b in zip(want, got))
    if want == got:
        return True
    if isinstance(want, bool) or isinstance(got, bool):
        return str(want).lower() == str(got).lower()
    if isinstance(want, (int, float)) or isinstance(got, (int, float)):
        w, g = _INT.findall(str(want)), _INT.findall(str(got))
        return len(w) == 1 and w == g
    return isinstance(want, str) and isinstance(got, str) and want.strip().lower() == got.strip().lower()


def args_match(expected: ExpectedCall, step: dict[str, Any]) -> bool:
    """The step called the expected tool with (at least) the expected arguments."""
    return step.get("tool") == expected.tool and _same(expected.args, step.get("args") or {})


def _shot_n(args: dict[str, Any]) -> str | None:
    found = _INT.findall(str(args.get("shot", "")))
    return found[0] if len(found) == 1 else None


def _unproven(step: dict[str, Any], out: AgentTaskOutput) -> str:
    """Why the ledger does not prove a matched call's effect ("" when it does, or when there is nothing to prove)."""
    n, tool = _shot_n(step.get("args") or {}), step.get("tool")
    if tool in ("render_shot", "rerender_shot"):
        tier = "draft" if tool == "rerender_shot" else str((step.get("args") or {}).get("tier") or "draft").lower()
        jobs = [j for j in out.ledger_jobs if j.get("shot_id") == f"shot-{n}" and j.get("tier") == tier]
        if any(j.get("state") == "done" and j.get("clip_exists") for j in jobs):
            return ""
        if not jobs:
            return f"a {tier} job for shot-{n}"
        j = jobs[-1]
        return (f"a finished {tier} render of shot-{n} (job {j.get('job_id')} is {j.get('state')}"
                + (", its clip is not on disk" if j.get("state") == "done" else "") + ")")
    if tool == "critique_clip":
        for r in out.ledger_steps:
            if (r.get("tool") == "critique_clip" and r.get("ok") and _shot_n(r.get("args") or {}) == n
                    and "Critic's verdict" in str(r.get("result"))):
                return ""
        return f"the critic's verdict on shot {n}"
    return ""


def score_agent_task(task: AgentTask, out: AgentTaskOutput) -> tuple[dict[str, float], str]:
    """The three binary scores of one task, and a note saying what happened (starting "live:" for a live run,
    whose completion also needs the ledger's proof: see the module docstring)."""
    steps = out.steps
    if out.error and not steps and not out.reply:
        return {k: 0.0 for k in AGENT_SCORERS}, f"no answer: {out.error}"
    if not task.expect:
        clean = 1.0 if not steps else 0.0
        return ({"tool_first_try": 1.0 if out.first_valid else 0.0, "tool_right": clean, "tool_completed": clean},
                "no tool wanted; " + ("none called" if not steps else f"called {', '.join(s['tool'] for s in steps)}"))
    right = 1.0 if steps and args_match(task.expect[0], steps[0]) else 0.0
    k, matched = 0, []
    for s in steps:
        if k < len(task.expect) and s.get("ok") and args_match(task.expect[k], s):
            matched.append(s)
            k += 1
    done = 1.0 if k == len(task.expect) else 0.0
    called = ", ".join(f"{s['tool']}({json.dumps(s.get('args'), ensure_ascii=False)[:60]})" for s in steps[:4])
    note = f"{out.first_note}; {k}/{len(task.expect)} expected calls; called: {called or 'nothing'}"
    if out.live:
        missing = [why for s in matched if (why := _unproven(s, out))]
        if missing:
            done = 0.0
        note = "live: " + note + ("; the ledger does not show " + "; ".join(missing) if missing
                                  else "; the ledger shows it" if done else "")
    if out.error:
        note += f"; stopped: {out.error}"
    return {"tool_first_try": 1.0 if out.first_valid else 0.0, "tool_right": right, "tool_completed": done}, note
