"""The night run by the agent, on the real servers: the planner's tool calls decide; when the planner dies the
rules take over and the dailies say so; ComfyUI down mid-night and dawn mid-render lose nothing."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from agents.deps import Deps
from agents.models import EmbeddedServer
from app.dailies import as_json, collect
from app.night import NightPlan, run_night
from app.night_store import NightStore
from app.rendering import render_session
from nightreel.config import load_settings
from nightreel.ledger import Ledger
from nightreel.schema import new_id

pytestmark = pytest.mark.slow

DECISION_TOOLS = {"accept_clip", "salvage_clip", "rerender_shot", "drop_clip"}


def _notes(tmp_path: Path, notes: dict[str, str]) -> Path:
    d = tmp_path / "notes"
    d.mkdir(exist_ok=True)
    for name, (project, text) in notes.items():
        (d / name).write_text(f"---\nproject: {project}\nvariants: 1\n---\n{text}\n")
    return d


async def _night(studio, ep, notes: Path, *, comfy_urls, minutes=20, on_event=None, finals=True,
                 retry_after_s=30.0, clock=datetime.now, dawn_policy="finish", **settings_kw):
    settings = load_settings(studio=studio.root, comfy_urls=comfy_urls, workflow="animatic", **settings_kw)
    deps = Deps(settings=settings, studio=studio, run_id=new_id("run-"))
    now = clock()
    plan = NightPlan(notes_dir=notes, start=now, dawn=now + timedelta(minutes=minutes), finals=finals,
                     retry_after_s=retry_after_s, dawn_policy=dawn_policy)
    async with render_session(settings, studio, deps) as d:
        with NightStore.open(studio) as store:
            report = await run_night(d, ep, plan, on_event=on_event, store=store, clock=clock)
            dailies = as_json(collect(studio, store, day=plan.start.strftime("%Y-%m-%d")))
    return report, dailies


async def test_the_planner_agent_decides_what_becomes_of_each_clip(studio, tmp_path, qwen_endpoint, comfy_server):
    notes = _notes(tmp_path, {
        "hall.md": ("hall", "an empty hotel hallway at night, nobody in it, slow dolly in"),
        "cup.md": ("coffee", "steam rising from a coffee cup on a counter, locked tripod, night"),
    })
    report, dailies = await _night(studio, qwen_endpoint, notes, comfy_urls=[comfy_server], finals=False)
    assert report.notes_expanded == 2 and report.drafts >= 2
    decisions = [dc for clip in dailies["clips"] for dc in clip["decisions"]]
    by_agent = [dc for dc in decisions if dc["by"] == "agent"]
    assert by_agent, f"no decision came from a tool call: {decisions}"
    for dc in by_agent:
        assert dc["tool"] in DECISION_TOOLS and dc["reason"].strip() and isinstance(dc["args"], dict)
        assert dc["action"] in ("accept", "salvage", "rerender", "drop")
    assert report.decisions.get("agent", 0) == len(by_agent)
    # every clip has a decision and the ledger has the calls
    assert all(clip["decisions"] for clip in dailies["clips"])
    with Ledger.open(studio) as ledger:
        steps = ledger.steps(agent="night")
    assert {s["tool"] for s in steps if s["by"] == "agent"} <= DECISION_TOOLS and len(steps) == len(decisions)


async def test_a_planner_that_dies_mid_night_leaves_the_decisions_to_the_rules(studio, tmp_path, comfy_server,
                                                                                llama_cache):
    notes = _notes(tmp_path, {"rain.md": ("rain", "rain on a window at night, locked tripod")})
    server = EmbeddedServer("smollm2", llama_cache, llama_cache / "logs-dying", n_ctx=4096)
    ep = replace(server.start(), tools=True)   # the planner is trusted with tools… and then it dies

    def on_event(kind, payload):
        if kind == "planned":
            server.stop()                      # killed after planning, before any clip is judged

    try:
        report, dailies = await _night(studio, ep, notes, comfy_urls=[comfy_server], finals=False,
                                       on_event=on_event)
    finally:
        server.stop()
    assert report.notes_expanded == 1 and report.drafts >= 1            # the night went on
    decisions = [dc for clip in dailies["clips"] for dc in clip["decisions"]]
    assert decisions and all(dc["by"] == "rule" for dc in decisions)
    assert all("unreachable" in dc["note"] or "rule decided" in dc["note"] for dc in decisions)
    with NightStore.open(studio) as store:
        from app.dailies import render_markdown

        summary = render_markdown(collect(studio, store))
    assert "by the rules" in summary and "rule decided" in summary


async def test_comfyui_down_all_night_then_back_loses_nothing(studio, tmp_path, llama_endpoint, tmp_path_factory):
    """ComfyUI is down when the night starts and stays down until dawn (a compressed clock): the shot waits,
    nothing is lost or submitted twice; the next night, with ComfyUI back, renders and judges it."""
    from nightreel.studio import Studio
    from tools.comfy.embedded import EmbeddedComfy, free_port

    notes = _notes(tmp_path, {"fog.md": ("fog", "fog over a harbour at night, locked tripod")})
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    t0 = datetime(2026, 3, 1, 23, 0)
    state = {"waited": 0}

    def clock():   # dawn comes once the night has found ComfyUI down twice
        return t0 + timedelta(hours=9) if state["waited"] >= 2 else t0

    def on_event(kind, payload):
        if kind == "waiting":
            state["waited"] += 1

    ep = replace(llama_endpoint, tools=False)
    report, _ = await _night(studio, ep, notes, comfy_urls=[url], finals=False, retry_after_s=1.0, clock=clock,
                             on_event=on_event, minutes=8 * 60, comfy_retries=0, comfy_timeout_s=10)
    assert state["waited"] >= 2 and report.drafts == 0 and report.left_for_next_night == 1
    with NightStore.open(studio) as store:
        waiting = store.items(state="pending")
    assert len(waiting) == 1 and "waiting for ComfyUI" in (waiting[0].error or "")

    server = EmbeddedComfy(Studio.open(tmp_path_factory.mktemp("late-comfy")), port=port, name="late")
    await asyncio.to_thread(server.start)                 # the box is back the next night
    try:
        report2, dailies = await _night(studio, ep, notes, comfy_urls=[url], finals=False)
    finally:
        await asyncio.to_thread(server.stop)
    assert report2.notes_expanded == 0                   # the note is not planned again
    assert report2.drafts == 1 and report2.left_for_next_night == 0
    clip = next(c for c in dailies["clips"] if c["item"] == waiting[0].id)
    assert clip["clip"] and Path(clip["clip"]).is_file() and clip["decisions"]
    with Ledger.open(studio) as ledger:
        assert len([j for j in ledger.jobs() if j.state.value == "done"]) == 1   # submitted once, rendered once


async def test_dawn_mid_render_finishes_the_job_or_interrupts_it_as_asked(studio, tmp_path, llama_endpoint,
                                                                         comfy_server):
    notes = _notes(tmp_path, {"sea.md": ("sea", "waves at night under a full moon, locked tripod")})
    t0 = datetime(2026, 3, 1, 23, 0)
    state = {"rendering": False}

    def clock():   # the night's clock: dawn arrives as soon as a render has started
        return t0 + timedelta(hours=9) if state["rendering"] else t0

    def on_event(kind, payload):
        if kind == "started":
            state["rendering"] = True

    ep = replace(llama_endpoint, tools=False)
    report, dailies = await _night(studio, ep, notes, comfy_urls=[comfy_server], clock=clock, on_event=on_event,
                                   dawn_policy="interrupt", minutes=8 * 60)
    assert report.interrupted == 1 and report.drafts == 0
    with NightStore.open(studio) as store:
        dropped = store.items(state="dropped")
    assert len(dropped) == 1 and "interrupted at dawn" in dropped[0].decision
