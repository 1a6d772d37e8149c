"""A note the planner could not expand because the planner failed (down, too slow) is tried again by the next run;
a note that is itself unusable is not. (No servers: a real night store, the planner's expansion scripted.)"""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import agents.expand
from app.night import NightPlan, _Night
from app.night_store import NightStore
from nightreel.config import load_settings
from nightreel.errors import InputError, ModelError
from nightreel.schema import Brief, Shot, ShotExpectations, Storyboard


def _board(idea: str) -> Storyboard:
    shot = Shot(title="Cup", duration_s=2, target="draft", positive="a coffee cup steaming at night", negative="",
                camera="tripod", lighting="sodium", expectations=ShotExpectations(people="none"))
    return Storyboard(title="Coffee", brief=Brief(idea=idea, project="coffee"), shots=[shot])


async def _intake(studio, notes, store, now):
    settings = load_settings(studio=studio.root, workflow="animatic")
    deps = SimpleNamespace(settings=settings, studio=studio, comfy=None, memory=None, ledger=None)
    plan = NightPlan(notes_dir=notes, start=now, dawn=now + timedelta(hours=6))
    night = _Night(deps, None, store, plan, clock=lambda: now, on_event=None)
    run = store.open_run(day=now.strftime("%Y-%m-%d"), start="23:00", dawn="07:00")
    await night._intake(run.id)
    return night.report, run.id


async def test_a_note_the_planner_failed_on_is_tried_again_and_said_so(studio, tmp_path, monkeypatch):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "coffee.md").write_text("eight-second spot for a coffee, night atmosphere\n", encoding="utf-8")
    (notes / "bad.md").write_text("an idea the planner rejects as unusable\n", encoding="utf-8")
    calls = []

    async def expand(idea, deps, ep, **kw):
        calls.append(idea)
        if "rejects" in idea:
            raise InputError("the idea is not a brief")
        if len(calls) <= 2:
            raise ModelError("the planner at http://127.0.0.1:1/v1 did not answer in time")
        return _board(idea)

    monkeypatch.setattr(agents.expand, "expand", expand)
    now = datetime(2026, 3, 3, 23, 0)
    with NightStore.open(studio) as store:
        first, _ = await _intake(studio, notes, store, now)
        assert first.notes_expanded == 0 and first.notes_skipped == 2
        status = {n["name"]: n for n in store.notes()}
        assert status["coffee.md"]["status"] == "deferred" and "tried again" in status["coffee.md"]["reason"]
        assert status["bad.md"]["status"] == "skipped"
        second, _ = await _intake(studio, notes, store, now + timedelta(days=1))
        assert second.notes_expanded == 1                       # the planner's trouble was last night's
        assert calls.count("an idea the planner rejects as unusable") == 1   # an unusable note is not tried again
        assert {n["name"]: n["status"] for n in store.notes()}["coffee.md"] == "expanded"
