"""Resuming a contest after a server crashed: the tasks that met a down server are not final in the journal and
run again; a model that answered too slowly within its time box keeps its named loss. Models are scripted with
pydantic-ai's FunctionModel at the boundary; the "server" is a loopback port nobody listens on (down)."""

from __future__ import annotations

import asyncio
import json

import httpx
from pydantic_ai import ModelResponse, TextPart, ToolCallPart
from pydantic_ai.models.function import FunctionModel

from agents.deps import Deps
from agents.models import Endpoint
from evals.agent_tasks import AgentTask, ExpectedCall
from evals.contest import Contestant, ContestOptions, Journal, run_contest
from evals.dataset import PlanOutput, load_tasks
from nightreel.config import load_settings

DOWN = "http://127.0.0.1:9/v1"  # nothing listens there: /models fails, as after a crash
TASK = AgentTask(id="render", say=["render shot 1 as a final"],
                 expect=[ExpectedCall(tool="render_shot", args={"shot": 1, "tier": "final"})])


def _lines(path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


async def test_tasks_of_a_crashed_server_run_again_on_resume_and_a_slow_models_loss_stays(studio, tmp_path):
    deps = Deps(settings=load_settings(studio=studio.root), studio=studio)
    dataset = load_tasks(limit=1)
    case = dataset.cases[0].name
    path = tmp_path / "results.jsonl"
    settings = {"dataset": dataset.name, "shots": 1, "temperature": 0.0}
    first = Journal(path, settings)
    first.add_plan("slow", case, PlanOutput(model="slow", error="journaled earlier", seconds=1.0))
    # "crashy" has no storyboard yet: its planner meets the down server

    crashed = {"crashy": True}
    calls = {"crashy": 0, "slow": 0}

    def model_for(ep: Endpoint):
        async def respond(messages, info):
            calls[ep.label] += 1
            if ep.label == "slow":
                await asyncio.Event().wait()  # up, but never answers within the time box
            if crashed["crashy"]:
                raise httpx.ConnectError("connection refused: the server process died")
            return ModelResponse(parts=[ToolCallPart("render_shot", {"shot": 1, "tier": "final"})]
                                 if calls["crashy"] == 1 else [TextPart("queued")])
        return FunctionModel(respond)

    contestants = [Contestant(n, Endpoint(DOWN, n, label=n)) for n in ("crashy", "slow")]
    opts = ContestOptions(n_shots=1, temperature=0.0, parallel=False, agent_tasks=[TASK], agent_time_box_s=0.5,
                          agent_model=model_for, case_timeout_s=60)
    outcome = await run_contest(contestants, dataset, deps, opts, scorers=[], journal=first)
    crashy, slow = outcome.runs["crashy"], outcome.runs["slow"]
    assert crashy.agent_scores["render"]["tool_completed"] == 0.0  # a loss in this run's report ...
    assert any("server was down" in n and "run again when the contest is resumed" in n for n in crashy.notes)
    assert slow.timed_out == ["task render"]  # ... and the slow model's loss is named
    lines = _lines(path)
    crash_lines = [x for x in lines if x.get("model") == "crashy" and x["kind"] in ("plan", "agent")]
    assert [(x["kind"], x.get("final")) for x in crash_lines] == [("plan", False), ("agent", False)]
    assert [x.get("final", True) for x in lines if x.get("model") == "slow" and x["kind"] == "agent"] == [True]

    # the next start, server back: only crashy's tasks run again
    resumed = Journal(path, settings)
    assert resumed.retry == 2
    assert ("crashy", "render") not in resumed.agent and ("crashy", case) not in resumed.plans
    assert ("slow", "render") in resumed.agent and "time box" in resumed.agent[("slow", "render")].error
    crashed["crashy"] = False
    calls.update(crashy=0, slow=0)
    again = await run_contest(contestants, dataset, deps, opts, scorers=[], journal=resumed)
    assert calls == {"crashy": 2, "slow": 0}  # the slow model was not asked again
    assert again.runs["crashy"].agent_scores["render"] == {"tool_first_try": 1.0, "tool_right": 1.0,
                                                           "tool_completed": 1.0}
    assert again.runs["slow"].timed_out == ["task render"]
    assert Journal(path, settings).retry == 1  # the storyboard still met the down port; the agent task is done
