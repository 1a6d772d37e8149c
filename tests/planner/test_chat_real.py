"""The chat agent on the real embedded Qwen 1.5B and the real embedded ComfyUI; the CLI contract for scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agents.chat import ChatSession
from agents.deps import Deps
from app.rendering import render_session
from nightreel.config import load_settings
from nightreel.ledger import Ledger
from nightreel.schema import Brief, Shot, ShotExpectations, Storyboard

pytestmark = pytest.mark.slow


def _board() -> Storyboard:
    shots = [Shot(id=f"shot-{i}", title=t, duration_s=2, target="draft", positive=p, negative="blurry",
                  camera="locked-off tripod", lighting="warm lamp at night",
                  expectations=ShotExpectations(people="none", camera="locked"))
             for i, (t, p) in enumerate([("Steam", "steam curls over an espresso cup on a dark counter"),
                                         ("Window", "rain runs down a cafe window at night, city lights behind")], 1)]
    return Storyboard(title="coffee at night", brief=Brief(idea="eight-second spot for a coffee, night atmosphere"),
                      shots=shots, model="test")


async def test_render_and_ask_the_critic_is_chosen_by_the_model(studio, qwen_endpoint, comfy_server):
    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server], workflow="animatic")
    shown = []
    async with render_session(settings, studio, Deps(settings=settings, studio=studio, run_id="run-chat")) as deps:
        deps.workspace.storyboard = _board()
        chat = ChatSession(deps, qwen_endpoint, on_step=shown.append)
        assert chat.use_agent
        reply = await chat.say("Render shot 2 as a draft and tell me whether anybody walks in")
    tools = [s.tool for s in reply.steps]
    assert reply.by == "agent" and tools[:1] == ["render_shot"], reply.steps
    assert reply.steps[0].args.get("shot") == 2
    assert "critique_clip" in tools, f"the model never asked the critic: {tools}"
    critic = next(s for s in reply.steps if s.tool == "critique_clip" and s.ok)
    assert "Critic's verdict" in critic.result and "Probes only" in critic.result   # the critic in words, labelled
    verdict = critic.result.split("Critic's verdict:", 1)[1].split()[0].strip("*,.;").lower()
    assert verdict in ("accept", "salvage", "rerender", "reject")
    assert [v.verdict for v in reply.verdicts if v.shot == 2] == [verdict]          # shown as data beside the words
    # the model's own words answer the question: the verdict lines travel in reply.verdicts, never appended to them
    answer = reply.text.lower()
    assert verdict in answer or any(w in answer for w in ("nobody", "no one", "anybody", "anyone", "person",
                                                           "people")), reply.text
    with Ledger.open(studio) as ledger:
        recorded = ledger.steps("run-chat")
        done = [j for j in ledger.jobs() if j.shot_id == "shot-2" and j.state.value == "done"]
    assert [r["tool"] for r in recorded] == tools and all(r["by"] == "agent" for r in recorded)
    assert done and Path(done[0].clip_path).is_file()                                # the render happened
    assert [s.tool for s in shown] == tools                                          # shown as they happened


def test_chat_say_format_json_gives_steps_reply_and_storyboard(studio, tmp_path):
    env = {**os.environ, "NIGHTREEL_STUDIO": str(studio.root), "NIGHTREEL_EMBEDDED_MODEL": "smollm2"}
    r = subprocess.run([sys.executable, "-m", "app.cli", "chat", "--no-memory", "-n", "2", "--format", "json",
                        "--say", "rain on a window at night, nobody, locked tripod", "--say", "make shot 2 loop"],
                       env=env, capture_output=True, text=True, timeout=600, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    assert set(out) >= {"steps", "reply", "storyboard"}
    assert [s["tool"] for s in out["steps"]] == ["rules", "rules"]                   # SmolLM2: the rules answered
    assert all({"tool", "args", "result"} <= set(s) for s in out["steps"])
    sb = json.loads(Path(out["storyboard"]).read_text())
    assert len(sb["shots"]) == 2 and sb["shots"][1]["expectations"]["loopable"] is True
    assert all(s["expectations"]["people"] == "none" for s in sb["shots"])


def test_a_tool_call_ends_at_the_requests_max_tokens(qwen_endpoint):
    """llama-cpp-python's function-calling handler generates a call's arguments with no limit; ours stops them at
    the request's max_tokens, so a model that writes on and on cannot hold the one-request server for minutes."""
    import httpx

    import prompts
    from agents.night_agent import DECIDE_TOOL, DecideClip, decision_prompt
    from nightreel.schema import Verdict

    shot = _board().shots[0]
    verdict = Verdict(verdict="rerender", reasons=["a person walks through the whole shot"],
                      fix="describe a Steadicam glide; no footsteps")
    tools = [{"type": "function", "function": {"name": DECIDE_TOOL, "description": DecideClip.__doc__,
                                               "parameters": DecideClip.model_json_schema()}}]
    messages = [{"role": "system", "content": prompts.load("night_decide_system")},
                {"role": "user", "content": decision_prompt(shot, verdict, tier="draft", round_=0, max_rerenders=1)}]

    def arguments(max_tokens: int) -> str:
        # the call named (the one tool the decider has): at temperature 0 the model may answer "auto" in words,
        # which pydantic-ai sends back for a retry; the cap under test is the call's arguments
        body = {"model": qwen_endpoint.model, "max_tokens": max_tokens, "temperature": 0.0, "tools": tools,
                "tool_choice": {"type": "function", "function": {"name": DECIDE_TOOL}}, "messages": messages}
        r = httpx.post(f"{qwen_endpoint.base_url}/chat/completions", json=body, timeout=300)
        assert r.status_code == 200, r.text[:500]
        calls = r.json()["choices"][0]["message"].get("tool_calls")
        assert calls, r.json()
        return calls[0]["function"]["arguments"]

    free, capped = arguments(300), arguments(10)
    assert len(free) > 80, free               # given room, the model writes a whole reason
    assert len(capped) < 70, capped           # at 10 tokens it stops (cut short: the client's validation says so)


def test_an_answer_in_words_beside_tools_has_words(qwen_endpoint):
    """llama-cpp-python's handler put the after-a-call grammar on an answer in words, so with tools offered the
    model could only answer "" or a bare tool name; ours lets the words through (and a bare tool name is a call)."""
    import httpx

    tool = {"type": "function", "function": {
        "name": "render_shot", "description": "Render one shot of the storyboard.",
        "parameters": {"type": "object", "properties": {"shot": {"type": "integer"}}, "required": ["shot"]}}}
    body = {"model": qwen_endpoint.model, "max_tokens": 60, "temperature": 0.0, "tool_choice": "auto",
            "tools": [tool], "messages": [
                {"role": "system", "content": "You are the planner of a video studio. Answer questions in words; "
                                              "call a tool only to render."},
                {"role": "user", "content": "Thanks, that is all for tonight."}]}
    r = httpx.post(f"{qwen_endpoint.base_url}/chat/completions", json=body, timeout=300)
    assert r.status_code == 200, r.text[:500]
    msg = r.json()["choices"][0]["message"]
    if msg.get("tool_calls"):
        pytest.fail(f"a question in words was answered with a call: {msg['tool_calls']}")
    words = (msg.get("content") or "").strip()
    assert len(words.split()) >= 2 and not words.startswith("functions."), msg   # the stock handler: ""


def test_a_required_tool_choice_is_answered_with_a_call(qwen_endpoint):
    """The handler knows "auto", "none" and a named tool; ours adds "required" (the chat's first look with no storyboard
    yet asks it: a brief answered in words was the model's commonest miss). The same thank-you line that gets words
    under "auto" gets a call of one of the offered tools."""
    import httpx

    tools = [{"type": "function", "function": {
        "name": "expand_brief", "description": "Turn the person's idea for a video into a storyboard.",
        "parameters": {"type": "object", "properties": {"idea": {"type": "string"}}, "required": ["idea"]}}},
        {"type": "function", "function": {
            "name": "answer_in_words", "description": "Answer in words; the line is not a video idea.",
            "parameters": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}}]
    body = {"model": qwen_endpoint.model, "max_tokens": 60, "temperature": 0.0, "tool_choice": "required",
            "tools": tools, "messages": [{"role": "user", "content": "Thanks, that is all for tonight."}]}
    r = httpx.post(f"{qwen_endpoint.base_url}/chat/completions", json=body, timeout=300)
    assert r.status_code == 200, r.text[:500]
    calls = r.json()["choices"][0]["message"].get("tool_calls")
    assert calls and calls[0]["function"]["name"] in ("expand_brief", "answer_in_words"), r.json()


async def test_a_render_the_line_asked_to_judge_is_judged_even_when_the_model_stops_after_starting_it(
        studio, comfy_server):
    """Qwen 1.5B answered "render shot 1 as a draft and tell me if a person shows up" with render_shot alone and
    ended its turn: the guardrail waits for that render and asks the critic (steps by the rules), so the person
    hears the verdict. A line that only asks for a render ("… if the server is free") gets only the render
    (scripted model, real ComfyUI)."""
    from pydantic_ai.messages import TextPart, ToolCallPart
    from pydantic_ai.models.function import FunctionModel

    from tests.planner.test_chat import _scripted
    from tests.planner.test_chat_agent import EP, agent_script

    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server], workflow="animatic")
    model, _ = agent_script(ToolCallPart("render_shot", {"shot": 2, "tier": "draft"}), TextPart("Rendering shot 2."),
                            ToolCallPart("render_shot", {"shot": 1, "tier": "draft"}), TextPart("Rendering shot 1."))
    async with render_session(settings, studio, Deps(settings=settings, studio=studio, run_id="run-guard")) as deps:
        deps.workspace.storyboard = _board()
        chat = ChatSession(deps, EP, agent_model=model, model=FunctionModel(_scripted))
        asked = await chat.say("render shot 2 as a draft and tell me if a person shows up")
        only = await chat.say("render shot 1 if the server is free")
    assert [(s.tool, s.by) for s in asked.steps] == [("render_shot", "agent"), ("wait_for_job", "rule"),
                                                      ("critique_clip", "rule")], asked.steps
    assert asked.steps[2].ok and [v.shot for v in asked.verdicts] == [2], asked.verdicts
    assert "Rendering shot 2." not in asked.text           # words written before the critic looked are not passed on
    assert [s.tool for s in only.steps] == ["render_shot"] and "critic" not in only.text.lower()
    with Ledger.open(studio) as ledger:
        assert [(r["tool"], r["by"]) for r in ledger.steps("run-guard")][:3] == [
            ("render_shot", "agent"), ("wait_for_job", "rule"), ("critique_clip", "rule")]
