"""Running a scripted request with simulated tool results: the model's choices, not ComfyUI.

Each request goes to the model (:func:`run_tool_task`) through pydantic-ai's direct model API with the chat agent's
tools (``agents.chat_tools.CHAT_TOOLS``: the same names, docstrings and JSON schemas), its system prompt and its
per-turn template with a fixed storyboard summary, in the OpenAI ``tools`` field. Each call is validated against
its tool's schema; a valid call gets a **simulated** result (a queued job, a finished clip, an "accept" verdict)
so the model can go on to the next call; an invalid one gets the validation error back, as the agent would. No
render runs. :func:`evals.agent_live.run_live_task` drives the same loop with the real tools.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from pydantic import ValidationError

import prompts
from agents.chat import ANSWER_IN_WORDS
from agents.chat_board_tools import storyboard_summary
from agents.chat_guards import asks_for_action
from evals.agent_tasks import DEFAULT_CONTEXT, NO_STORYBOARD, AgentTask, AgentTaskOutput

__all__ = ["Executor", "ToolSet", "run_tool_task", "simulated_result", "studio_toolset"]


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


#: Runs one valid call: (tool name, validated arguments as the model wrote them, call number) -> (ok, result).
Executor = Callable[[str, dict[str, Any], int], Awaitable[tuple[bool, str]]]




def _answer_in_words_def():
    """The chat's second-look output tool (agents.chat.AnswerInWords) as a tool definition."""
    from pydantic_ai.tools import ToolDefinition

    from agents.chat import AnswerInWords

    return ToolDefinition(name=ANSWER_IN_WORDS, description=AnswerInWords.__doc__,
                          parameters_json_schema=AnswerInWords.model_json_schema(), kind="output")


async def _simulate(tool: str, args: dict[str, Any], n: int) -> tuple[bool, str]:
    return True, simulated_result(tool, args, n)


async def run_tool_task(model: Any, tools: ToolSet, task: AgentTask, *, name: str, temperature: float = 0.0,
                        max_tokens: int = 400, max_calls: int | None = None,
                        execute: Executor | None = None,
                        context: Callable[[], str] | None = None,
                        call_required: bool = False) -> AgentTaskOutput:
    """One scripted request through pydantic-ai's direct model API with the tools' schemas.

    `model` is any pydantic-ai model (``make_model(endpoint)`` for a server; FunctionModel in tests).
    Each line of ``say`` is a user turn; after each tool call its result goes back and the model may call
    again, up to ``max_calls`` calls in all (default: the expected count + 2). A valid call's result comes
    from `execute` (default: :func:`simulated_result`; :func:`evals.agent_live.run_live_task` passes the real
    tools); an executor's ``(False, why)`` goes back as an invalid call to fix, like a schema error. `context`
    gives the storyboard summary at each turn (default: the task's ``context`` or DEFAULT_CONTEXT).
    `call_required`: as the chat on a server that forces a call (agents.models.forces_tool_choice: the embedded
    one), a line with no storyboard yet is answered by a call from the first look — expand_brief or answer_in_words.
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
            from agents.chat_tools import WITHOUT_STORYBOARD

            ctx_text = storyboard_summary(None)
            offered = [n for n in tools.names if n in WITHOUT_STORYBOARD]
        params = ModelRequestParameters(function_tools=[d for d in tools.defs if d.name in offered],
                                        allow_text_output=True)
        if call_required and ctx_text == storyboard_summary(None):
            params = ModelRequestParameters(function_tools=params.function_tools, allow_text_output=False,
                                            output_mode="tool", output_tools=[_answer_in_words_def()])
        parts = [SystemPromptPart(system)] if i == 0 else []
        messages.append(ModelRequest(parts=[*parts, UserPromptPart(turn.format(storyboard=ctx_text, line=line))]))
        looked_again = False
        while True:
            resp = await model_request(model, messages, model_settings=settings, model_request_parameters=params)
            out.requests += 1
            messages.append(resp)
            tool_calls = [p for p in resp.parts if isinstance(p, ToolCallPart)]
            text = "".join(p.content for p in resp.parts if isinstance(p, TextPart)).strip()
            words = [c for c in tool_calls if c.tool_name == ANSWER_IN_WORDS]
            if words:                                   # the second look's answer in words: no tool
                text, tool_calls = str(_as_dict(words[0].args).get("text", "")), []
            if (not tool_calls and not looked_again and not calls and ctx_text == storyboard_summary(None)
                    and asks_for_action(line, None)):
                # as the chat does (agents.chat.ChatSession): a brief answered in words is asked once more, and
                # this time a call is required — expand_brief, or answer_in_words
                looked_again = True
                # the first answer was words: a first try that failed unless no tool was wanted, whatever follows
                out.first_valid, first = not task.expect, False
                out.first_note = f"no tool call; wrote text: {text[:80]!r} — asked again (the chat's second look): "
                messages.append(ModelRequest(parts=[UserPromptPart(prompts.load("chat_look_again").format(line=line))]))
                params = ModelRequestParameters(function_tools=params.function_tools, allow_text_output=False,
                                                output_mode="tool", output_tools=[_answer_in_words_def()])
                continue
            checks = [tools.validate(c.tool_name, c.args) if c.tool_name in offered else
                      (False, _as_dict(c.args), f"there is no tool {c.tool_name!r} now; the tools are {', '.join(offered)}")
                      for c in tool_calls]
            if looked_again and out.second_look == "":
                out.second_look = (ANSWER_IN_WORDS if words else tool_calls[0].tool_name if tool_calls else "words")
                out.first_note += out.second_look
            if first:
                first = False
                if not task.expect:
                    out.first_valid = not tool_calls
                    out.first_note = "answered without a tool, as asked" if not tool_calls else \
                        f"called {tool_calls[0].tool_name} where no tool was wanted"
                elif not tool_calls:
                    out.first_valid = False
                    out.first_note += f"no tool call; wrote text: {text[:120]!r}"
                else:
                    bad = [(c.tool_name, why) for c, (ok, _, why) in zip(tool_calls, checks) if not ok]
                    out.first_valid = not bad
                    out.first_note += "a valid call" if not bad else f"{bad[0][0]}: {bad[0][1]}"
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
            if calls >= budget or (not params.allow_text_output and any(st["tool"] == "expand_brief" and st["ok"]
                                                                         for st in out.steps)):
                break                        # as the chat: a turn whose answer is a call ends at the expansion
    out.seconds = time.monotonic() - t0
    return out
