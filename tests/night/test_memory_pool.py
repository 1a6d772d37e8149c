"""One memory pool: the night hands memory from the planner to the video model and back.

Against the real embedded ComfyUI (POST /free) and real shell commands for the planner's server.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from nightreel.config import load_settings
from app.night import NightPlan, _Night
from app.night_store import NightStore
from tools.comfy import ComfyClient, ComfyPool

pytestmark = pytest.mark.slow


async def test_comfy_frees_its_models_on_request(comfy_server):
    async with ComfyClient(comfy_server) as c:
        assert await c.free() is True


async def test_night_frees_comfy_once_and_runs_the_planner_commands(comfy_server, studio, tmp_path):
    marks = tmp_path / "marks"
    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server],
                             night_llm_start_cmd=f"echo start >> {marks}",
                             night_llm_stop_cmd=f"echo stop >> {marks}")
    events: list[tuple[str, dict]] = []
    notes = tmp_path / "notes"
    notes.mkdir()
    now = datetime.now()
    plan = NightPlan(notes_dir=notes, start=now, dawn=now + timedelta(minutes=5))
    import httpx

    async with httpx.AsyncClient() as http, ComfyPool([comfy_server], http) as pool:
        deps = SimpleNamespace(settings=settings, studio=studio, comfy=pool, ledger=None, memory=None)
        with NightStore.open(studio) as store:
            night = _Night(deps, None, store, plan, clock=datetime.now, on_event=lambda k, d: events.append((k, d)))
            await night.intake("run-test")  # an empty notes folder: start, nothing to plan, stop
            await night._free_comfy()
            await night._free_comfy()  # once per night
    assert marks.read_text().split() == ["start", "stop"]
    assert [k for k, _ in events if k.startswith("llm_")] == ["llm_start", "llm_stop"]
    assert all(d["ok"] for k, d in events if k.startswith("llm_"))
    assert [d["server"] for k, d in events if k == "freed"] == [comfy_server]
