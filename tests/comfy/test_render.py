"""Rendering storyboards end to end on the real embedded ComfyUI."""

from __future__ import annotations

import json

import av
import pytest

from nightreel.config import load_settings
from app.rendering import render_session
from nightreel.schema import JobState
from tests.comfy.helpers import make_shot, make_storyboard
from tools.comfy import ANIMATIC_SIZE, render_storyboard

pytestmark = pytest.mark.slow


async def test_two_shot_storyboard_renders_to_mp4s_with_provenance(comfy_server, studio):
    sb = make_storyboard(make_shot(1, camera="dolly_in", duration_s=2.0), make_shot(2, camera="pan", duration_s=1.5))
    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server])
    seen: dict[str, set[str]] = {}

    def progress(shot_id, fraction, state):
        seen.setdefault(shot_id, set()).add(state)
        assert 0.0 <= fraction <= 1.0

    async with render_session(settings, studio) as deps:
        clips = await render_storyboard(sb, "draft", deps, progress, workflow="animatic")
        assert not clips.unfinished
        assert [c.shot_id for c in clips] == ["shot-1", "shot-2"]
        for clip, shot in zip(clips, sb.shots):
            # the clip is in the studio's project folder, and PyAV reads what the shot asked for
            assert clip.path.startswith(str(studio.project_dir("Coffee Spot")))
            with av.open(clip.path) as c:
                stream = c.streams.video[0]
                frames = sum(1 for _ in c.decode(stream))
                assert frames == round(shot.duration_s * 16)
                assert float(stream.average_rate) == 16.0
                assert (stream.codec_context.width, stream.codec_context.height) == ANIMATIC_SIZE
            prov = json.loads(open(clip.provenance_path).read())
            job = deps.ledger.get(clip.job_id)
            assert job.state == JobState.done and job.attempts == 1
            assert prov["prompt_id"] == job.prompt_id and prov["server"] == comfy_server
            assert prov["shot"]["positive"] == shot.positive and prov["seed"] == shot.seed
            assert prov["brief"]["idea"] == "coffee at night"
            assert any(n["class_type"] == "SaveVideo" for n in prov["graph"].values())
            assert prov["server_versions"]["comfyui_version"] and prov["started_at"] and prov["ended_at"]
        assert {"done"} <= seen["shot-1"] and {"done"} <= seen["shot-2"]

        # the same command again: nothing is sent twice, the clips are kept
        before = len(await deps.comfy.client(comfy_server).history())
        again = await render_storyboard(sb, "draft", deps, workflow="animatic")
        assert [c.path for c in again] == [c.path for c in clips]
        assert len(await deps.comfy.client(comfy_server).history()) == before


def test_cli_render_prints_a_table_and_writes_clips(comfy_server, studio, tmp_path):
    from typer.testing import CliRunner

    from app.cli import app

    sb = make_storyboard(make_shot(5, duration_s=1.0), sb_id="sb-cli", project="cli")
    path = tmp_path / "storyboard.json"
    path.write_text(sb.model_dump_json())
    out = tmp_path / "clips"
    res = CliRunner().invoke(app, ["render", str(path), "--tier", "draft", "--comfy", comfy_server,
                                   "--workflow", "animatic", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "shot-5" in res.output and "done" in res.output
    clips = list(out.glob("shot-5-draft-*.mp4"))
    assert len(clips) == 1 and clips[0].stat().st_size > 0
    assert json.loads(clips[0].with_suffix(".json").read_text())["tier"] == "draft"


def test_cli_render_refuses_a_file_that_is_not_a_storyboard(studio, tmp_path):
    from typer.testing import CliRunner

    from app.cli import app
    from nightreel.errors import InputError

    bad = tmp_path / "notes.json"
    bad.write_text('{"title": "x"}')
    res = CliRunner().invoke(app, ["render", str(bad)])
    assert isinstance(res.exception, InputError) and "not a storyboard" in str(res.exception)
