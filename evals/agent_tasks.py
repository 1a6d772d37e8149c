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

Three binary scores per task (:func:`score_agent_task`):

- ``tool_first_try``  the model's first answer is a call to a real tool with arguments that validate
                      (for a request that expects no call: its first answer calls nothing);
- ``tool_right``      its first call is the expected tool with the expected arguments;
- ``tool_completed``  every expected call was made, in order, with valid arguments.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from evals.dataset import _line_of  # one reader of YAML error locations for both task files
from nightreel.errors import InputError

__all__ = [
    "AGENT_SCORERS",
    "DEFAULT_AGENT_TASKS",
    "AgentTask",
    "AgentTaskOutput",
    "ExpectedCall",
    "ToolSet",
    "args_match",
    "load_agent_tasks",
    "run_tool_task",
    "score_agent_task",
    "studio_toolset",
]

DEFAULT_AGENT_TASKS = Path(__file__).resolve().parent / "tasks" / "agent.yaml"
AGENT_SCORERS = ("tool_first_try", "tool_right", "tool_completed")

#: The storyboard the model sees before each scripted request, in the chat agent's own summary format
#: (a task's `context` replaces it; "No storyboard yet." for a task that starts from nothing).
DEFAULT_CONTEXT = (
    "Storyboard 'coffee at night' for the brief 'eight-second spot for a coffee, night atmosphere', 4 shot(s):\n"
    "1. Steam — 4 s draft; people none, camera locked, motion subtle; prompt: steam curls over an espresso cup on a "
    "dark counter, warm lamp light\n"
    "2. Rainy window — 4 s draft; people none, camera locked, motion subtle; prompt: rain runs down a café window at "
    "night, city lights blurred behind the glass\n"
    "3. Barista's hands — 4 s draft; people required, camera dolly_in, motion moderate; prompt: slow push in on a "
    "barista's hands tamping coffee\n"
    "4. Neon sign — 4 s still; people none, camera locked, motion none; prompt: a neon sign that reads OPEN LATE")


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

    @field_validator("say", mode="before")
    @classmethod
    def _one_line(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


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


async def run_tool_task(model: Any, tools: ToolSet, task: AgentTask, *, name: str, temperature: float = 0.0,
                        max_tokens: int = 400, max_calls: int | None = None) -> AgentTaskOutput:
    """One scripted request through pydantic-ai's direct model API with the tools' schemas.

    `model` is any pydantic-ai model (``make_model(endpoint)`` for a server; FunctionModel in tests).
    Each line of ``say`` is a user turn; after each tool call the (simulated) result goes back and the
    model may call again, up to ``max_calls`` calls in all (default: the expected count + 2).
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

    params = ModelRequestParameters(function_tools=tools.defs, allow_text_output=True)
    settings = {"temperature": temperature, "max_tokens": max_tokens}
    budget = max_calls if max_calls is not None else len(task.expect) + 2
    out = AgentTaskOutput(model=name)
    system, turn = _prompts()
    context = task.context if task.context is not None else DEFAULT_CONTEXT
    messages: list = []
    t0 = time.monotonic()
    calls = 0
    first = True
    for i, line in enumerate(task.say):
        parts = [SystemPromptPart(system)] if i == 0 else []
        messages.append(ModelRequest(parts=[*parts, UserPromptPart(turn.format(storyboard=context, line=line))]))
        while True:
            resp = await model_request(model, messages, model_settings=settings, model_request_parameters=params)
            out.requests += 1
            messages.append(resp)
            tool_calls = [p for p in resp.parts if isinstance(p, ToolCallPart)]
            text = "".join(p.content for p in resp.parts if isinstance(p, TextPart)).strip()
            checks = [tools.validate(c.tool_name, c.args) for c in tool_calls]
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
                result: Any = simulated_result(c.tool_name, args, calls) if ok else why
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


def score_agent_task(task: AgentTask, out: AgentTaskOutput) -> tuple[dict[str, float], str]:
    """The three binary scores of one task, and a note saying what happened."""
    steps = out.steps
    if out.error and not steps and not out.reply:
        return {k: 0.0 for k in AGENT_SCORERS}, f"no answer: {out.error}"
    if not task.expect:
        clean = 1.0 if not steps else 0.0
        return ({"tool_first_try": 1.0 if out.first_valid else 0.0, "tool_right": clean, "tool_completed": clean},
                "no tool wanted; " + ("none called" if not steps else f"called {', '.join(s['tool'] for s in steps)}"))
    right = 1.0 if steps and args_match(task.expect[0], steps[0]) else 0.0
    k = 0
    for s in steps:
        if k < len(task.expect) and s.get("ok") and args_match(task.expect[k], s):
            k += 1
    done = 1.0 if k == len(task.expect) else 0.0
    called = ", ".join(f"{s['tool']}({json.dumps(s.get('args'), ensure_ascii=False)[:60]})" for s in steps[:4])
    note = f"{out.first_note}; {k}/{len(task.expect)} expected calls; called: {called or 'nothing'}"
    if out.error:
        note += f"; stopped: {out.error}"
    return {"tool_first_try": 1.0 if out.first_valid else 0.0, "tool_right": right, "tool_completed": done}, note
