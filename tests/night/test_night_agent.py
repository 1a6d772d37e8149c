"""The night run by the agent, on the real servers: the planner's tool calls decide; when the planner dies the
rules take over and the dailies say so; ComfyUI down mid-night and dawn mid-render lose nothing."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from agents.deps import Deps
from agents.embedded_server import EmbeddedServer
from app.dailies import as_json, collect
from app.night import NightPlan, run_night
from app.night_store import NightStore
from app.rendering import render_session
from nightreel.config import load_settings
from nightreel.ledger import Ledger
from nightreel.schema import new_id

pytestmark = pytest.mark.slow

DECISION_ACTIONS = {"accept", "salvage", "rerender", "drop"}   # the actions of the one tool, decide_clip


@pytest.fixture
def own_planner(llama_cache, tmp_path):
    """SmolLM2 on its own server for this test (the session's server may still be busy with a grammar-bound answer
    another test gave up on: llama-cpp-python answers one request at a time, and that made planning time out)."""
    server = EmbeddedServer("smollm2", llama_cache, tmp_path / "llama-logs", n_ctx=8192, n_threads=2)
    try:
        yield server.start()
    finally:
        server.stop()


def _notes(tmp_path: Path, notes: dict[str, str]) -> Path:
    d = tmp_path / "notes"
    d.mkdir(exist_ok=True)
    for name, (project, text) in notes.items():
        (d / name).write_text(f"---\nproject: {project}\nvariants: 1\n---\n{text}\n")
    return d


async def _night(studio, ep, notes: Path, *, comfy_urls, minutes=20, on_event=None, finals=True,
                 retry_after_s=30.0, clock=datetime.now, dawn_policy="finish", decision_model=None, **settings_kw):
    settings = load_settings(studio=studio.root, comfy_urls=comfy_urls, workflow="animatic", **settings_kw)
    deps = Deps(settings=settings, studio=studio, run_id=new_id("run-"))
    now = clock()
    plan = NightPlan(notes_dir=notes, start=now, dawn=now + timedelta(minutes=minutes), finals=finals,
                     retry_after_s=retry_after_s, dawn_policy=dawn_policy)
    async with render_session(settings, studio, deps) as d:
        with NightStore.open(studio) as store:
            report = await run_night(d, ep, plan, on_event=on_event, store=store, clock=clock,
                                     decision_model=decision_model)
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
        assert dc["tool"] == "decide_clip" and dc["reason"].strip() and isinstance(dc["args"], dict)
        assert dc["args"].get("action") in DECISION_ACTIONS   # (salvage by the critic's empty plan keeps it whole)
        assert dc["action"] in ("accept", "salvage", "rerender", "drop")
    assert report.decisions.get("agent", 0) == len(by_agent)
    # every clip has a decision and the ledger has the calls
    assert all(clip["decisions"] for clip in dailies["clips"])
    with Ledger.open(studio) as ledger:
        steps = ledger.steps(agent="night")
    assert {s["tool"] for s in steps if s["by"] == "agent"} <= {"decide_clip"} and len(steps) == len(decisions)


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
    # the server was gone, and the record says so
    assert all("cannot reach the planner" in dc["note"] for dc in decisions), [dc["note"] for dc in decisions]
    with NightStore.open(studio) as store:
        from app.dailies import render_markdown

        summary = render_markdown(collect(studio, store))
    assert "by the rules" in summary and "rule decided" in summary


async def test_comfyui_down_all_night_then_back_loses_nothing(studio, tmp_path, own_planner, tmp_path_factory):
    """ComfyUI is down when the night starts and stays down until dawn (a compressed clock): the shot waits,
    nothing is lost or submitted twice; the next night, with ComfyUI back, renders and judges it."""
    from nightreel.studio import Studio
    from tools.comfy.embedded import EmbeddedComfy, free_port

    notes = _notes(tmp_path, {"fog.md": ("fog", "fog over a harbour at night, locked tripod")})
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    t0, real0 = datetime(2026, 3, 1, 23, 0), time.monotonic()
    state = {"waited": 0}

    def clock():   # the night's time runs as the real one, and dawn comes once ComfyUI was found down twice
        return t0 + timedelta(hours=9) if state["waited"] >= 2 else t0 + timedelta(seconds=time.monotonic() - real0)

    def on_event(kind, payload):
        if kind == "waiting":
            state["waited"] += 1

    ep = replace(own_planner, tools=False)
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


async def test_dawn_mid_render_finishes_the_job_or_interrupts_it_as_asked(studio, tmp_path, own_planner,
                                                                         comfy_server):
    notes = _notes(tmp_path, {"sea.md": ("sea", "waves at night under a full moon, locked tripod")})
    t0 = datetime(2026, 3, 1, 23, 0)
    state = {"rendering": False}

    def clock():   # the night's clock: dawn arrives as soon as a render has started
        return t0 + timedelta(hours=9) if state["rendering"] else t0

    def on_event(kind, payload):
        if kind == "started":
            state["rendering"] = True

    ep = replace(own_planner, tools=False)
    report, dailies = await _night(studio, ep, notes, comfy_urls=[comfy_server], clock=clock, on_event=on_event,
                                   dawn_policy="interrupt", minutes=8 * 60)
    assert report.interrupted == 1 and report.drafts == 0
    with NightStore.open(studio) as store:
        dropped = store.items(state="dropped")
    assert len(dropped) == 1 and "interrupted at dawn" in dropped[0].decision


# -- the night acts on what the agent decides (the agent scripted with FunctionModel, everything else real) --------

def _scripted_decider(script, *, gate=None):
    """A FunctionModel that answers each night decision by the brief's keyword, tier and round (see `script`);
    `gate()` False makes it answer prose (as a planner whose server is gone would fail), so the rule decides."""
    from pydantic_ai.messages import ModelResponse, TextPart, ToolCallPart
    from pydantic_ai.models.function import AgentInfo, FunctionModel

    def fn(messages, info: AgentInfo) -> ModelResponse:
        if gate is not None and not gate():
            return ModelResponse(parts=[TextPart("(no planner here)")])
        prompt = str(messages[0]).lower()
        tier = "final" if "rendered as a final" in prompt else "draft"
        rnd = 1 if "re-render round 1" in prompt else 0
        for word, answer in script.items():
            if word in prompt:
                action, args = answer(tier, rnd)   # an action of decide_clip, or another (made-up) tool's name
                if action in DECISION_ACTIONS:
                    return ModelResponse(parts=[ToolCallPart("decide_clip", {"reason": args.pop("reason"),
                                                                             "action": action, **args})])
                return ModelResponse(parts=[ToolCallPart(action, args)])
        return ModelResponse(parts=[TextPart("no script for this clip")])
    return FunctionModel(fn)


def _clips_by_note(dailies, notes_words):
    out = {}
    for c in dailies["clips"]:
        for w in notes_words:
            if w in c["project"]:
                out.setdefault(w, []).append(c)
    return out


async def test_the_night_does_what_the_agent_decided(studio, tmp_path, own_planner, comfy_server):
    """Re-render with the agent's change and seed, salvage with the agent's ops and promote, drop, and an invalid
    call that falls to the rule: each one carried out by the night and shown in the dailies with who decided."""
    import av

    notes = _notes(tmp_path, {
        "hall.md": ("hallway", "an empty hallway at night, nobody, slow dolly in"),
        "rain.md": ("rain", "rain on a window at night, locked tripod"),
        "kettle.md": ("kettle", "a kettle on a stove at night, locked tripod"),
    })
    decider = _scripted_decider({
        "hallway": lambda tier, rnd: ("rerender", {"reason": "scripted: try it locked off",
                                                        "change": "Locked-off tripod, the camera never moves",
                                                        "new_seed": False}) if rnd == 0
        else ("drop", {"reason": "scripted: the second try is no better"}),
        "rain": lambda tier, rnd: ("salvage", {"reason": "scripted: keep the first two seconds",
                                                    "ops": [{"op": "trim", "start_s": 0, "end_s": 2.0}],
                                                    "promote_to_final": True}) if tier == "draft"
        else ("accept", {"reason": "scripted: the final is good", "promote_to_final": True}),
        "kettle": lambda tier, rnd: ("delete_output_folder", {"confirm": True}),   # not a tool: invalid every time
    })
    ep = replace(own_planner, tools=False)
    report, dailies = await _night(studio, ep, notes, comfy_urls=[comfy_server], decision_model=decider)
    clips = _clips_by_note(dailies, ["hallway", "rain", "kettle"])
    assert report.notes_expanded == 3, dailies

    with NightStore.open(studio) as store:
        hall = sorted((store.item(c["item"]) for c in clips["hallway"]), key=lambda it: it.round)
    assert [it.round for it in hall] == [0, 1]                     # the agent's re-render was rendered
    first, second = hall[0].decisions[0], hall[1].decisions[0]
    assert (first["by"], first["tool"], first["action"]) == ("agent", "decide_clip", "rerender")
    assert "Locked-off tripod, the camera never moves" in hall[1].shot.positive   # with the agent's change…
    assert first["prompt_by"] == "rule"          # appended by the rule: the agent wrote no new prompt
    assert hall[1].shot.seed == hall[0].shot.seed                                # …and its seed kept, as it asked
    assert hall[1].clip_path and Path(hall[1].clip_path).is_file()
    assert (second["by"], second["tool"], second["action"]) == ("agent", "decide_clip", "drop")
    assert not any(it.tier == "final" for it in hall)

    rain_draft = next(c for c in clips["rain"] if c["tier"] == "draft")
    assert rain_draft["verdict"] != "reject", "an animatic of a rainy window should not be rejected"
    d = rain_draft["decisions"][0]
    assert (d["by"], d["tool"], d["action"]) == ("agent", "decide_clip", "salvage")
    assert rain_draft["clip"].endswith("-salvaged.mp4")               # the agent's trim was applied
    with av.open(rain_draft["clip"]) as c:
        assert abs(float(c.duration / 1_000_000) - 2.0) < 0.3
    final = next(c for c in clips["rain"] if c["tier"] == "final")     # and the draft was promoted
    fd = final["decisions"][0]
    # the agent asked to promote a final again: the guardrail changed its call, so the rule's, the call beside it
    assert fd["by"] == "rule" and fd["args"]["action"] == "accept" and "not promoted again" in fd["note"]

    kettle = clips["kettle"][0]["decisions"][0]
    assert kettle["by"] == "rule" and kettle["tool"] is None and "rule decided" in kettle["note"]

    with NightStore.open(studio) as store:
        from app.dailies import render_markdown

        summary = render_markdown(collect(studio, store))
    # the agent: 2 hallway, the rain draft; the rule: the kettle's draft and the final the rule promoted it to, and
    # the rain final (the agent asked to promote a final: the guardrail's change is the rule's)
    assert "Decisions: 3 by the planner agent, 3 by the rules." in summary and "rule decided" in summary
    with NightStore.open(studio) as store:
        from app.dailies import write_dailies

        page, _ = write_dailies(studio, store)
    html = page.read_text()
    assert "decided by the planner agent" in html and "decide_clip(" in html and "action=rerender" in html and "action=salvage" in html

    # the contract for scripts: `nightreel dailies --format json` lists every clip's decisions, who made them and why
    import json

    from typer.testing import CliRunner

    from app.cli import app

    res = CliRunner().invoke(app, ["dailies", "--format", "json"])
    assert res.exit_code == 0, res.output
    listed = json.loads(res.output)
    by_item = {c["item"]: c["decisions"] for c in listed["clips"]}
    assert by_item[hall[0].id][0] | {"at": None} == first | {"at": None}
    assert all(dc["by"] in ("agent", "rule") and dc["reason"] for ds in by_item.values() for dc in ds)
    assert {dc["args"]["action"] for ds in by_item.values() for dc in ds if dc["args"]} >= {"rerender", "salvage", "drop"}


async def test_a_parked_planner_is_started_again_to_decide_then_parked(studio, tmp_path, own_planner,
                                                                      comfy_server):
    """With night_llm_stop_cmd set (one memory pool on the reference box), the planner's server is stopped after
    planning; the judged clips wait, and once the renders are idle the planner is started once, decides them all,
    and is stopped again — so the agent still decides, and never while ComfyUI needs the memory."""
    state, log = tmp_path / "planner-state", tmp_path / "planner-log"
    notes = _notes(tmp_path, {"a.md": ("alley", "an empty alley at night, locked tripod"),
                              "b.md": ("bridge", "fog on a bridge at night, locked tripod")})
    decider = _scripted_decider({w: (lambda tier, rnd: ("accept", {"reason": "scripted: fine",
                                                                          "promote_to_final": False}))
                                 for w in ("alley", "bridge")},
                                gate=lambda: state.read_text().strip() == "up")
    events = []
    report, dailies = await _night(
        studio, replace(own_planner, tools=False), notes, comfy_urls=[comfy_server], decision_model=decider,
        on_event=lambda kind, payload: events.append(kind),
        night_llm_start_cmd=f"echo up > '{state}'; echo start >> '{log}'",
        night_llm_stop_cmd=f"echo down > '{state}'; echo stop >> '{log}'")
    assert report.drafts == 2
    decisions = [dc for clip in dailies["clips"] for dc in clip["decisions"]]
    assert len(decisions) == 2 and all(dc["by"] == "agent" for dc in decisions), decisions
    assert log.read_text().split() == ["start", "stop", "start", "stop"]     # planning, then one batch of decisions
    assert state.read_text().strip() == "down"                               # parked at the end of the night
    # a clip judged while the planner was still up for planning is decided at once; the last note's clip cannot be
    # (its note is planned last, then the planner is parked), so at least one clip waited for the batch
    assert events.count("awaiting_decision") >= 1
    last_wait = max(i for i, k in enumerate(events) if k == "awaiting_decision")
    assert events[last_wait:].count("llm_start") == 1 and events[last_wait:].count("judged") >= 1


async def test_comfyui_down_ten_minutes_mid_night_loses_nothing(studio, tmp_path, own_planner, tmp_path_factory):
    """ComfyUI dies after the first clip (the second shot queued or rendering) and comes back ten minutes later on the night's
    clock (compressed 20×): the night waits on its own clock, renders what was lost, and submits nothing twice."""
    from nightreel.studio import Studio
    from tools.comfy.embedded import EmbeddedComfy, free_port

    notes = tmp_path / "notes"   # one note, two shots: both planned before the outage (the planner is not the test)
    notes.mkdir()
    (notes / "harbour.md").write_text("---\nproject: harbour\nvariants: 2\n---\nfog over a harbour at night, "
                                      "locked tripod\n")
    port = free_port()
    server = EmbeddedComfy(Studio.open(tmp_path_factory.mktemp("flaky-comfy")), port=port, name="flaky")
    await asyncio.to_thread(server.start)
    t0, real0 = datetime(2026, 3, 1, 23, 0), time.monotonic()

    def clock():
        return t0 + timedelta(seconds=(time.monotonic() - real0) * 20)   # an 8-hour night in 24 minutes

    outage = {"down_at": None, "back": None, "waits": 0}

    def on_event(kind, payload):
        if kind == "rendered" and outage["down_at"] is None:
            server.stop()
            outage["down_at"] = clock()
        elif kind == "waiting":
            outage["waits"] += 1
            if outage["back"] is None and clock() - outage["down_at"] >= timedelta(minutes=10):
                outage["back"] = asyncio.get_running_loop().create_task(asyncio.to_thread(server.start))

    try:
        report, dailies = await _night(studio, replace(own_planner, tools=False), notes,
                                       comfy_urls=[f"http://127.0.0.1:{port}"], finals=False, retry_after_s=120,
                                       clock=clock, on_event=on_event, minutes=8 * 60, comfy_retries=0,
                                       comfy_timeout_s=10)
    finally:
        await asyncio.to_thread(server.stop)
    assert outage["down_at"] is not None and outage["back"] is not None and outage["waits"] >= 1
    assert report.drafts == 2 and report.left_for_next_night == 0          # nothing lost, both judged tonight
    assert all(c["clip"] and Path(c["clip"]).is_file() and c["decisions"] for c in dailies["clips"])
    with Ledger.open(studio) as ledger:
        done = [j for j in ledger.jobs() if j.state.value == "done"]
    assert len(done) == 2 and len({(j.storyboard_id, j.shot_id) for j in done}) == 2   # one render per shot, none twice


async def test_dawn_mid_render_by_default_lets_the_job_finish_and_starts_nothing_new(studio, tmp_path,
                                                                                    own_planner, comfy_server):
    notes = _notes(tmp_path, {"moon.md": ("moon", "the moon over still water at night, locked tripod")})
    t0 = datetime(2026, 3, 1, 23, 0)
    state = {"rendering": False}

    def clock():   # dawn arrives as soon as the first render has started
        return t0 + timedelta(hours=9) if state["rendering"] else t0

    def on_event(kind, payload):
        if kind == "started":
            state["rendering"] = True

    report, dailies = await _night(studio, replace(own_planner, tools=False), notes, comfy_urls=[comfy_server],
                                   clock=clock, on_event=on_event, minutes=8 * 60)   # dawn_policy="finish"
    assert report.interrupted == 0 and report.drafts == 1           # the render in flight was finished and judged
    assert report.finals == 0 and report.left_for_next_night >= 1  # its final waits for the next night
    clip = dailies["clips"][0]
    assert clip["clip"] and Path(clip["clip"]).is_file() and clip["decisions"]
