"""A parked planner is not woken after dawn: the clips judged last are decided by the rule, and the dailies say so.
(No servers: a real night store, the night's batch called directly, the planner's start command a shell line.)"""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

from pydantic_ai.messages import ModelResponse, ToolCallPart
from pydantic_ai.models.function import FunctionModel

from app.night import NightPlan, _Night
from app.night_store import Item, NightStore
from nightreel.config import load_settings
from nightreel.schema import Shot, ShotExpectations, Verdict


def _shot() -> Shot:
    return Shot(title="Fog", duration_s=2, target="draft", positive="fog on a bridge at night", negative="people",
                camera="tripod", lighting="sodium", expectations=ShotExpectations(people="none"))


async def _batch(studio, tmp_path, *, now: datetime, dawn: datetime):
    log = tmp_path / "planner-log"
    settings = load_settings(studio=studio.root, workflow="animatic",
                             night_llm_start_cmd=f"echo start >> '{log}'", night_llm_stop_cmd=f"echo stop >> '{log}'")
    deps = SimpleNamespace(settings=settings, studio=studio, comfy=None, memory=None, ledger=None)
    asked = []

    def agent(messages, info):
        asked.append(messages)
        return ModelResponse(parts=[ToolCallPart("decide_clip", {"action": "drop", "reason": "scripted: the agent drops it"})])

    with NightStore.open(studio) as store:
        run = store.open_run(day=now.strftime("%Y-%m-%d"), start="23:00", dawn="07:00")
        it = store.add_item(Item(run_id=run.id, project="bridge", shot=_shot(), note_hash="h"))
        store.update_item(it.id, state="deciding", verdict=Verdict(verdict="reject", reasons=["black frames"]))
        plan = NightPlan(notes_dir=tmp_path, start=now - timedelta(hours=8), dawn=dawn)
        night = _Night(deps, None, store, plan, clock=lambda: now, on_event=None,
                       decision_model=FunctionModel(agent))
        assert night.parked
        assert await night.decide_waiting() == 1
        done = store.item(it.id)
    return done, asked, (log.read_text().split() if log.exists() else [])


async def test_after_dawn_the_parked_planner_stays_parked_and_the_rule_decides(studio, tmp_path):
    now = datetime(2026, 3, 3, 7, 5)
    done, asked, log = await _batch(studio, tmp_path, now=now, dawn=now - timedelta(minutes=5))
    assert log == [] and asked == []                     # never started, never asked
    [dc] = done.decisions
    assert dc["by"] == "rule" and dc["action"] == "drop" and "after dawn" in dc["note"]
    assert done.state == "done"


async def test_before_dawn_the_batch_wakes_the_planner_and_the_agent_decides(studio, tmp_path):
    now = datetime(2026, 3, 3, 3, 0)
    done, asked, log = await _batch(studio, tmp_path, now=now, dawn=now + timedelta(hours=4))
    assert log == ["start", "stop"] and len(asked) == 1
    [dc] = done.decisions
    assert dc["by"] == "agent" and dc["tool"] == "decide_clip" and dc["args"]["action"] == "drop"
