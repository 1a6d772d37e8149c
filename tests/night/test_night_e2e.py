"""The whole night on the real embedded planner and the real embedded ComfyUI, with a short dawn.

Three notes in two projects -> `nightreel night --now --dawn +N` -> a dailies page with both
projects, every clip playable, verdicts present. Then the same night killed with SIGKILL while a
job is on the server and run again: no note expanded twice, no prompt submitted twice, no clip lost.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import av
import httpx
import pytest

from tests.night.helpers import DailiesPage

pytestmark = pytest.mark.slow

NOTES = {
    "coffee-spot.md": "---\nproject: coffee\nvariants: 1\n---\neight-second spot for a coffee, night atmosphere\n",
    "coffee-steam.md": "---\nproject: coffee\nvariants: 1\n---\nsteam rising from a cup on an empty counter, locked tripod\n",
    "rain.md": "---\nproject: rain\nvariants: 1\n---\nrain on a glass at night, neon lights reflected, slow push in\n",
}


def _url(server) -> str:
    return str(getattr(server, "url", server)).rstrip("/")


def _env(studio, llama_endpoint, comfy_server) -> dict:
    env = dict(os.environ)
    env.update(NIGHTREEL_STUDIO=str(studio.root), NIGHTREEL_PLANNER_URL=llama_endpoint.base_url,
               NIGHTREEL_PLANNER_MODEL=llama_endpoint.model, NIGHTREEL_PLANNER_OUTPUT="json_object",
               NIGHTREEL_COMFY_URLS=_url(comfy_server), NIGHTREEL_WORKFLOW="animatic", NIGHTREEL_DEFAULT_SHOTS="1",
               NIGHTREEL_PLANNER_TOOLS="off")  # SmolLM2 cannot call tools: the rules decide here
    return env


def _notes(tmp_path, names=NOTES) -> Path:
    d = tmp_path / "notes"
    d.mkdir()
    for name, text in names.items():
        (d / name).write_text(text)
    (d / "empty.md").write_text("\n")
    return d


def _night(env, notes, dawn="+20m", **kw) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "app.cli", "night", "--notes", str(notes), "--now", "--dawn", dawn,
           "--no-memory"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_three_notes_two_projects_make_a_dailies_page(studio, tmp_path, llama_endpoint, comfy_server):
    notes = _notes(tmp_path)
    proc = _night(_env(studio, llama_endpoint, comfy_server), notes)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err[-2000:]
    page = Path(out.strip().splitlines()[-1])         # the last line printed is the page's path
    assert page.is_file() and page.name == "index.html"
    html = page.read_text()
    parsed = DailiesPage(html)
    assert {c["data-project"] for c in parsed.cards} == {"coffee", "rain"}
    assert all(c["data-verdict"] in ("accept", "salvage", "rerender", "reject") for c in parsed.cards)
    assert len(parsed.videos) >= 3
    for v in parsed.videos:
        with av.open(str((page.parent / v["src"]).resolve())) as c:   # every clip plays
            assert c.streams.video[0].frames > 0
    assert "empty.md" in html and "empty" in html                     # the empty note is reported, not lost
    summary = (page.parent / "summary.md").read_text()
    assert "| coffee |" in summary and "| rain |" in summary


def _ledger_rows(studio, sql):
    with sqlite3.connect(studio.ledger_path, timeout=30) as db:
        return db.execute(sql).fetchall()


def test_kill_minus_nine_mid_job_then_resume_loses_nothing_and_submits_nothing_twice(
        studio, tmp_path, llama_endpoint, comfy_server):
    notes = _notes(tmp_path, {k: NOTES[k] for k in ("coffee-spot.md", "rain.md")})
    env = _env(studio, llama_endpoint, comfy_server)
    proc = _night(env, notes, dawn="+20m", start_new_session=True)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:  # wait until a job is on the server, then kill -9
        if studio.ledger_path.exists():
            try:
                if _ledger_rows(studio, "SELECT 1 FROM jobs WHERE state IN ('submitted','running')"):
                    break
            except sqlite3.OperationalError:
                pass
        assert proc.poll() is None, proc.stderr.read()[-2000:]
        time.sleep(0.2)
    else:
        pytest.fail("no job reached the server within 600 s")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    expanded_before = _ledger_rows(studio, "SELECT hash, storyboard_id FROM night_notes WHERE status='expanded'")

    again = _night(env, notes, dawn="+20m")
    out, err = again.communicate(timeout=900)
    assert again.returncode == 0, err[-2000:]
    expanded_after = _ledger_rows(studio, "SELECT hash, storyboard_id FROM night_notes WHERE status='expanded'")
    # every note is accounted for once: expanded, or skipped with the reason (SmolLM2 can ramble past its
    # token budget three times in a row; that note is then reported, not retried forever)
    notes_seen = _ledger_rows(studio, "SELECT name, status FROM night_notes WHERE name != 'empty.md'")
    assert sorted(n for n, _ in notes_seen) == ["coffee-spot.md", "rain.md"]
    assert expanded_after and set(expanded_before) <= set(expanded_after)  # no note expanded twice
    storyboards = list(studio.outputs.glob("*/night/*/storyboard.json"))
    assert len(storyboards) == len(expanded_after)
    prompt_ids = [r[0] for r in _ledger_rows(studio, "SELECT prompt_id FROM jobs")]
    hist = httpx.get(f"{_url(comfy_server)}/history", timeout=30).json()
    ours = [pid for pid in hist if pid in prompt_ids]
    assert len(ours) == len(set(ours))
    keys = _ledger_rows(studio, "SELECT key, COUNT(*) FROM jobs WHERE state != 'failed' GROUP BY key HAVING COUNT(*) > 1")
    assert keys == []                                                     # one job per shot and tier
    items = _ledger_rows(studio, "SELECT state, clip_path FROM night_items")
    assert items and all(state in ("done", "pending") for state, _ in items)
    for state, clip in items:
        if state == "done" and clip:
            assert (studio.root / clip).is_file()     # no clip lost (kept relative to the studio root)
    page = Path(out.strip().splitlines()[-1])
    assert page.is_file()
