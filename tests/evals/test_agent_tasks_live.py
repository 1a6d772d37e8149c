"""Live agent tasks: the model's calls run on the real chat tools against a real ledger and the embedded ComfyUI
(animatic workflow), and a task is complete only when the ledger shows the render and the critic's verdict.
The model is scripted with FunctionModel (the test is about our control flow and scoring, not the model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic_ai import ModelResponse, TextPart, ToolCallPart, ToolReturnPart
from pydantic_ai.models.function import FunctionModel

from agents.chat_board_tools import storyboard_summary
from agents.deps import Deps
from app.rendering import render_session
from evals.agent_live import live_storyboard, run_live_task
from evals.agent_scoring import score_agent_task
from evals.agent_tasks import (
    DEFAULT_CONTEXT,
    AgentTask,
    AgentTaskOutput,
    load_agent_tasks,
)
from nightreel.config import load_settings
from nightreel.errors import InputError
from nightreel.ledger import Ledger


def scripted(*turns):
    """A fake model answering each request with the next scripted parts (tool calls as (name, args))."""
    asked: list[list] = []

    def respond(messages, info):
        asked.append(list(messages))
        parts = turns[min(len(asked), len(turns)) - 1]
        return ModelResponse(parts=[ToolCallPart(p[0], json.dumps(p[1])) if isinstance(p, tuple) else TextPart(p)
                                    for p in parts])
    model = FunctionModel(respond)
    model.asked = asked  # type: ignore[attr-defined]
    return model


def _task(task_id: str) -> AgentTask:
    return next(t for t in load_agent_tasks() if t.id == task_id)


async def _live(studio, comfy_server, model, task: AgentTask, run_id: str) -> AgentTaskOutput:
    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server], workflow="animatic")
    async with render_session(settings, studio, Deps(settings=settings, studio=studio, run_id=run_id)) as deps:
        return await run_live_task(model, task, deps, name="scripted", settle_s=600)


# ---------------------------------------------------------------- the task file (fast)


def test_live_parses_and_a_bad_value_names_its_line(tmp_path):
    good = tmp_path / "agent.yaml"
    good.write_text("- id: a\n  live: true\n  say: render shot 2\n  expect: [{tool: render_shot, args: {shot: 2}}]\n"
                    "- id: b\n  say: save it\n  expect: [{tool: save_storyboard}]\n", encoding="utf-8")
    a, b = load_agent_tasks(good)
    assert a.live is True and b.live is False
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: a\n  say: [x]\n- id: b\n  say: [y]\n  live: maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.yaml:5: task 'b': live: Input should be a valid boolean"):
        load_agent_tasks(bad)
    bad.write_text("- id: a\n  say: [x]\n  live: 1\n", encoding="utf-8")   # strict: a number is not a yes
    with pytest.raises(InputError, match=r"bad\.yaml:3: task 'a': live"):
        load_agent_tasks(bad)
    bad.write_text("- id: a\n  say: [x]\n- id: b\n  live: true\n  context: No storyboard yet.\n  say: [y]\n",
                   encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.yaml:3: task 'b': .*fixed 4-shot storyboard"):
        load_agent_tasks(bad)


def test_the_default_tasks_mark_the_renders_live_and_the_live_board_is_the_one_the_model_is_shown():
    live = {t.id for t in load_agent_tasks() if t.live}
    assert {"render-draft-then-critic", "anybody-walks-in", "final-of-three", "two-turns"} <= live
    assert "tripod" not in live and "new-brief" not in live
    sb = live_storyboard()
    assert storyboard_summary(sb) == DEFAULT_CONTEXT
    assert [s.id for s in sb.shots] == ["shot-1", "shot-2", "shot-3", "shot-4"] and sb.shots[3].target == "still"
    assert live_storyboard().id != sb.id   # no render is shared between tasks or models


def _steps(*calls):
    return [{"tool": t, "args": a, "result": "", "ok": True} for t, a in calls]


def test_a_live_run_is_complete_only_when_the_ledger_shows_the_render_and_the_verdict():
    task = _task("render-draft-then-critic")
    calls = _steps(("render_shot", {"shot": 2, "tier": "draft"}), ("wait_for_job", {"shot": 2}),
                   ("critique_clip", {"shot": 2}))
    job = {"job_id": "j1", "shot_id": "shot-2", "tier": "draft", "state": "done", "clip_path": "/x.mp4",
           "clip_exists": True}
    verdict = {"tool": "critique_clip", "args": {"shot": 2}, "result": "Critic's verdict: accept", "ok": True}
    ok = AgentTaskOutput(model="m", first_valid=True, steps=calls, live=True, ledger_jobs=[job], ledger_steps=[verdict])
    scores, note = score_agent_task(task, ok)
    assert scores["tool_completed"] == 1.0 and note.startswith("live: ") and "the ledger shows it" in note
    failed = ok.model_copy(update={"ledger_jobs": [{**job, "state": "failed", "clip_exists": False}]})
    scores, note = score_agent_task(task, failed)
    assert scores["tool_completed"] == 0.0 and "finished draft render of shot-2 (job j1 is failed)" in note
    gone = ok.model_copy(update={"ledger_jobs": [{**job, "clip_exists": False}]})
    assert score_agent_task(task, gone)[0]["tool_completed"] == 0.0
    silent = ok.model_copy(update={"ledger_steps": []})
    scores, note = score_agent_task(task, silent)
    assert scores["tool_completed"] == 0.0 and "the critic's verdict on shot 2" in note
    # the same calls without a live run keep today's simulated scoring
    assert score_agent_task(task, ok.model_copy(update={"live": False, "ledger_jobs": []}))[0]["tool_completed"] == 1.0


# ---------------------------------------------------------------- live, on the embedded ComfyUI (slow)


def render_wait_critique(shot: int, reply: str):
    """A model that renders `shot` as a draft, waits for it, asks the critic, then answers `reply`."""
    return scripted([("render_shot", {"shot": shot, "tier": "draft"})], [("wait_for_job", {"shot": shot})],
                    [("critique_clip", {"shot": shot})], [reply])


@pytest.mark.slow
async def test_the_expected_calls_render_for_real_and_complete_the_task(studio, comfy_server):
    model = render_wait_critique(2, "Nobody walks in; the critic accepts it.")
    task = _task("render-draft-then-critic")
    out = await _live(studio, comfy_server, model, task, "run-live-a")
    scores, note = score_agent_task(task, out)
    assert scores == {"tool_first_try": 1.0, "tool_right": 1.0, "tool_completed": 1.0}, (note, out.steps)
    assert note.startswith("live: ") and "the ledger shows it" in note
    # the model read the real tools' answers, not simulated ones
    started = model.asked[1][-1].parts[0]
    assert isinstance(started, ToolReturnPart) and started.content.startswith("Rendering shot 2 as a draft (job ")
    assert "Critic's verdict" in out.steps[2]["result"] and out.reply.startswith("Nobody")
    with Ledger.open(studio) as ledger:
        done = [j for j in ledger.jobs() if j.shot_id == "shot-2" and j.tier == "draft" and j.state.value == "done"]
        recorded = ledger.steps(out.run_id)
    assert done and Path(done[0].clip_path).is_file()
    assert [r["tool"] for r in recorded] == ["render_shot", "wait_for_job", "critique_clip"]


@pytest.mark.slow
async def test_rendering_the_wrong_shot_does_not_complete_it_even_after_waiting_and_critiquing(studio, comfy_server):
    model = render_wait_critique(1, "Done.")
    task = _task("render-draft-then-critic")
    out = await _live(studio, comfy_server, model, task, "run-live-b")
    scores, note = score_agent_task(task, out)
    assert scores["tool_completed"] == 0.0 and scores["tool_right"] == 0.0, note
    assert [s["tool"] for s in out.steps] == ["render_shot", "wait_for_job", "critique_clip"]
    assert all(s["ok"] for s in out.steps) and "Critic's verdict" in out.steps[2]["result"]   # it all really ran
    with Ledger.open(studio) as ledger:
        shots = {j.shot_id for j in ledger.jobs()}
    assert shots == {"shot-1"}   # the ledger shows a render, of the wrong shot


@pytest.mark.slow
async def test_a_contest_with_live_deps_runs_the_live_tasks_for_real_and_simulates_the_rest(studio, comfy_server,
                                                                                           tmp_path):
    """--live-agent's path: the storyboards are journaled already; the live task renders, the other is simulated."""
    from agents.models import Endpoint
    from evals.contest import Contestant, ContestOptions, Journal, run_contest
    from evals.dataset import PlanOutput, load_tasks

    dataset = load_tasks(limit=1)
    journal = Journal(tmp_path / "results.jsonl", {"dataset": dataset.name, "shots": 1, "temperature": 0.0})
    for case in dataset.cases:
        journal.add_plan("m", case.name, PlanOutput(model="m", ok=False, error="journaled", seconds=1.0))
    live_task, sim_task = _task("final-of-three"), _task("tripod")
    answers = {live_task.id: [("render_shot", {"shot": 3, "tier": "final"})], sim_task.id: [("revise_shot", {
        "shot": 3, "instruction": "a locked tripod"})]}

    def model_for(ep: Endpoint):
        async def respond(messages, info):
            line = str(messages[0].parts[-1].content)
            tid = live_task.id if "final" in line else sim_task.id
            done = any(isinstance(p, ToolReturnPart) for m in messages for p in getattr(m, "parts", []))
            return ModelResponse(parts=[TextPart("ok")] if done else [ToolCallPart(n, a) for n, a in answers[tid]])
        return FunctionModel(respond)

    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server], workflow="animatic")
    deps = Deps(settings=settings, studio=studio, run_id="contest-live")
    async with render_session(settings, studio, deps) as live:
        opts = ContestOptions(n_shots=1, temperature=0.0, parallel=False, agent_tasks=[live_task, sim_task],
                              agent_time_box_s=600, agent_model=model_for, live_deps=live, live_settle_s=600)
        outcome = await run_contest([Contestant("m", Endpoint("http://127.0.0.1:9/v1", "m", label="m"))], dataset,
                                    deps, opts, scorers=[], journal=journal)
    run = outcome.runs["m"]
    assert run.agent[live_task.id].live and not run.agent[sim_task.id].live
    # the model never waited: the contest waited for the render, and the ledger shows the final of shot 3
    assert run.agent_scores[live_task.id]["tool_completed"] == 1.0, run.agent_notes[live_task.id]
    assert run.agent_notes[live_task.id].startswith("live: ") and not run.agent_notes[sim_task.id].startswith("live")
    assert run.agent_scores[sim_task.id]["tool_completed"] == 1.0            # simulated: no planner call was made
    with Ledger.open(studio) as ledger:
        finals = [j for j in ledger.jobs() if j.shot_id == "shot-3" and j.tier == "final" and j.state.value == "done"]
    assert finals and Path(finals[0].clip_path).is_file()


@pytest.mark.slow
async def test_a_critic_that_crashes_is_no_verdict(studio, comfy_server, monkeypatch):
    """The model reads the failure as data (its call was valid), but the ledger records the step as failed,
    so the task is not complete: no verdict was given."""
    import agents.critic_tools

    async def broken(*args, **kwargs):
        raise RuntimeError("the critic's pose model is missing")

    monkeypatch.setattr(agents.critic_tools, "critique_shot", broken)
    model = render_wait_critique(2, "The critic could not look at it.")
    task = _task("render-draft-then-critic")
    out = await _live(studio, comfy_server, model, task, "run-live-crash")
    assert out.steps[2]["tool"] == "critique_clip" and "the tool failed: RuntimeError" in out.steps[2]["result"]
    assert [s["ok"] for s in out.ledger_steps] == [True, True, False]
    scores, note = score_agent_task(task, out)
    assert scores["tool_completed"] == 0.0 and "the critic's verdict on shot 2" in note
