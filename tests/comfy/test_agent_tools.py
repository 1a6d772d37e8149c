"""Rendering as the chat's tools and the rules call it: plain functions that take deps (no RunContext)."""

from __future__ import annotations

import pytest
from PIL import Image
from pydantic_ai import ModelRetry

from agents.render_tools import crop_to_start_image, start_render, wait_job
from app.rendering import render_session
from nightreel.config import load_settings
from tests.comfy.helpers import make_shot, make_storyboard

pytestmark = pytest.mark.slow


async def test_render_a_shot_then_wait_then_crop_a_tighter_start_image(comfy_server, studio):
    sb = make_storyboard(make_shot(1, duration_s=1.0), make_shot(2, duration_s=1.0), sb_id="sb-tools")
    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server], workflow="animatic")
    async with render_session(settings, studio) as deps:
        deps.comfy.model_free = True  # the test server holds no models
        ref = start_render(deps, sb, sb.shot("shot-2"), "draft")
        assert ref.state == "planned" and ref.job_id
        done = await wait_job(deps, ref.job_id, timeout_s=120)
        assert done.state == "done" and done.clip_path.endswith(".mp4")
        again = start_render(deps, sb, sb.shot("shot-2"), "draft")
        assert again.job_id == ref.job_id and again.state == "done"     # the same shot again: the same job

        # "a tighter start image for shot 1": cut from the clip's last frame, no model asked
        from pathlib import Path

        rel = await crop_to_start_image(studio, Path(done.clip_path), 128, 72, 256, 144, size=512, t=0.9)
        with Image.open(studio.root / rel) as im:
            assert im.size == (512, 288)
        with pytest.raises(ModelRetry, match=r"inside the \d+x\d+ frame"):
            await crop_to_start_image(studio, Path(done.clip_path), 4000, 0, 256, 144)
    no_comfy = start_render(deps.__class__(settings=settings, studio=studio), sb, sb.shot("shot-1"), "draft")
    assert not no_comfy.job_id and "not available" in no_comfy.error
