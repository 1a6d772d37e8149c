"""`nightreel critique` as a person and a script use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from app.cli import app


def test_critique_json_rejects_a_person_in_an_empty_room_and_draws_the_sheet(clip, critic_studio, monkeypatch):
    monkeypatch.setenv("NIGHTREEL_STUDIO", str(critic_studio.root))
    sheet = critic_studio.root / "sheets" / "cli.png"
    r = CliRunner().invoke(app, ["critique", str(clip("person")), "--expect", "people=none,camera=locked",
                                 "--format", "json", "--sheet", str(sheet)])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["verdict"] == "reject" and doc["reasons"] and doc["evidence"][0]["t_start"] >= 1.3
    assert sheet.is_file() and sheet.stat().st_size > 10_000


def test_critique_text_with_a_storyboard_shot(clip, critic_studio, monkeypatch, tmp_path):
    monkeypatch.setenv("NIGHTREEL_STUDIO", str(critic_studio.root))
    board = {"title": "t", "brief": {"idea": "room"}, "shots": [
        {"id": "shot-a", "title": "a", "duration_s": 3, "target": "final", "positive": "p", "negative": "n",
         "camera": "tripod", "lighting": "l", "expectations": {"people": "none", "camera": "pan", "motion": "strong"}},
        {"id": "shot-b", "title": "b", "duration_s": 3, "target": "final", "positive": "p", "negative": "n",
         "camera": "tripod", "lighting": "l", "expectations": {"people": "none", "camera": "locked", "motion": "still"}}]}
    f = tmp_path / "board.json"
    f.write_text(json.dumps(board))
    r = CliRunner().invoke(app, ["critique", str(clip("pan")), "--shot", str(f), "--shot-id", "2"])
    assert r.exit_code == 0, r.output
    assert "RERENDER" in r.stdout and "the camera moves as pan" in r.stdout and "fix:" in r.stdout


def test_a_retrieved_clip_is_not_sent_back_for_its_camera_and_says_why(clip, critic_studio, monkeypatch):
    """The footage stand-in's clip was chosen by the shot's subject and brings its own camera: its move is noted,
    not judged (a re-render would only retrieve another clip). The same clip without the sidecar is still judged."""
    import shutil

    monkeypatch.setenv("NIGHTREEL_STUDIO", str(critic_studio.root))
    src = clip("pan")
    got = critic_studio.root / "renders" / "footage-pan.mp4"
    got.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, got)
    got.with_suffix(".json").write_text(json.dumps({"kind": "nightreel.provenance/1", "retrieved": {
        "retrieved": True, "template": "video_wan2_2_14B_t2v-1.webp", "model": "Wan 2.2",
        "label": "retrieved real generation: video_wan2_2_14B_t2v-1.webp (Wan 2.2)"}}))
    retrieved = CliRunner().invoke(app, ["critique", str(got), "--expect", "camera=locked", "--format", "json"])
    rendered = CliRunner().invoke(app, ["critique", str(src), "--expect", "camera=locked", "--format", "json"])
    assert retrieved.exit_code == 0 and rendered.exit_code == 0, (retrieved.output, rendered.output)
    r, p = json.loads(retrieved.stdout), json.loads(rendered.stdout)
    assert p["verdict"] == "rerender" and any("the camera moves as pan" in x for x in p["reasons"])
    assert r["verdict"] == "accept", r["reasons"]
    assert any("camera move is not judged" in x and "Wan 2.2" in x and "measured pan" in x for x in r["reasons"])


def test_bad_expect_is_one_clear_line_and_a_nonzero_exit(clip, critic_studio):
    env = {**os.environ, "NIGHTREEL_STUDIO": str(critic_studio.root)}
    r = subprocess.run([sys.executable, "-m", "app.cli", "critique", str(clip("still")), "--expect",
                        "people=nobody"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines()[-1].startswith("error: --expect people:")
    assert "Traceback" not in r.stderr


def test_a_terminal_critique_shows_the_verdict_without_the_detectors_native_chatter(clip, critic_studio):
    """MediaPipe's C++ logs a dozen `W0000 … .cc:114] …` lines per run before anything can configure it; a person
    running the studio sees the verdict and the errors, not those."""
    env = {**os.environ, "NIGHTREEL_STUDIO": str(critic_studio.root)}
    r = subprocess.run([sys.executable, "-m", "app.cli", "critique", str(clip("person")), "--expect", "people=none"],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "REJECT" in r.stdout
    chatter = [ln for ln in r.stderr.splitlines() if ".cc:" in ln or "TensorFlow Lite" in ln or "absl::" in ln]
    assert not chatter, chatter
