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
    answer = reply.text.lower()
    assert verdict in answer or any(w in answer for w in ("nobody", "no one", "anybody", "anyone", "person",
                                                           "people")), reply.text   # the question is answered
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
                       env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    assert set(out) >= {"steps", "reply", "storyboard"}
    assert [s["tool"] for s in out["steps"]] == ["rules", "rules"]                   # SmolLM2: the rules answered
    assert all({"tool", "args", "result"} <= set(s) for s in out["steps"])
    sb = json.loads(Path(out["storyboard"]).read_text())
    assert len(sb["shots"]) == 2 and sb["shots"][1]["expectations"]["loopable"] is True
    assert all(s["expectations"]["people"] == "none" for s in sb["shots"])
