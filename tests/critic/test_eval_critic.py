"""`nightreel eval critic` on a slice of the labelled clips: the report a person reads, and the manifest it scores."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from app.cli import app


def test_manifest_is_hand_labelled_for_every_clip_and_covers_the_issue():
    from evals.clips.make_clips import load_manifest

    man = load_manifest()
    clips = [c for c in man["clips"] if not c.get("broken")]
    broken = {c["broken"] for c in man["clips"] if c.get("broken")}
    assert len(clips) >= 30 and len({c["id"] for c in man["clips"]}) == len(man["clips"])
    assert all("truth" in c and "recipe" in c for c in clips)
    cams = {c["truth"].get("camera", "locked") for c in clips}
    assert cams == {"locked", "dolly_in", "dolly_out", "pan", "orbit", "handheld"}
    sides = {c["recipe"]["person"].get("from") for c in clips if "person" in c["recipe"]}
    assert {"left", "right", "top", "bottom"} <= sides
    assert broken == {"not_video", "truncated", "empty", "image", "directory"}


def test_eval_critic_scores_clips_and_writes_markdown_and_json(tmp_path, monkeypatch):
    monkeypatch.setenv("NIGHTREEL_STUDIO", str(tmp_path / "studio"))
    ids = ["empty_locked_cat", "person_sitting_still", "broken_empty", "broken_image_as_clip"]
    r = CliRunner().invoke(app, ["eval", "critic", "--clips", str(tmp_path / "clips"), "--out", str(tmp_path / "out"),
                                 *[a for i in ids for a in ("--only", i)]])
    assert r.exit_code == 0, r.output
    md = (tmp_path / "out" / "critic.md").read_text()
    assert "| people | 2 |" in md and "truth \\ measured" in md
    doc = json.loads((tmp_path / "out" / "critic.json").read_text())
    assert doc["fields"]["people"]["precision"] == 1.0 and doc["fields"]["people"]["recall"] == 1.0
    assert {b["id"] for b in doc["broken"]} == {"broken_empty", "broken_image_as_clip"}
    assert all(b["clear_error"] for b in doc["broken"])
    assert "is a still image" in next(b["message"] for b in doc["broken"] if b["id"] == "broken_image_as_clip")
