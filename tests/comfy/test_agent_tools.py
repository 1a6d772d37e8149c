"""The planner's render tools, called the way pydantic-ai calls them (RunContext[Deps])."""

from __future__ import annotations

import pytest
from PIL import Image
from pydantic_ai import ModelRetry, RunContext
from pydantic_ai.models.test import TestModel
from pydantic_ai.usage import RunUsage

from nightreel.config import load_settings
from app.rendering import render_session
from tests.comfy.helpers import make_shot, make_storyboard
from agents.render_tools import crop_frame, render_shot, wait_for_job

pytestmark = pytest.mark.slow


def _ctx(deps) -> RunContext:
    return RunContext(deps=deps, model=TestModel(), usage=RunUsage())


async def test_render_shot_then_wait_then_crop_a_tighter_start_image(comfy_server, studio):
    sb = make_storyboard(make_shot(1, duration_s=1.0), make_shot(2, duration_s=1.0), sb_id="sb-tools")
    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server], workflow="animatic")
    async with render_session(settings, studio) as deps:
        deps.workspace.storyboard = sb
        ctx = _ctx(deps)
        deps.comfy.model_free = True  # the test server holds no models: animatics (the 512x288 frame cropped below)
        ref = await render_shot(ctx, "shot-2", "draft")
        assert ref.state == "planned" and ref.job_id
        done = await wait_for_job(ctx, ref.job_id, timeout_s=120)
        assert done.state == "done" and done.clip_path.endswith(".mp4")
        with pytest.raises(ModelRetry, match="shot-1, shot-2"):
            await render_shot(ctx, "shot-9")

        # "a tighter start image for shot 1": cut from the clip's last frame, no model asked
        rel = await crop_frame(ctx, done.clip_path, 128, 72, 256, 144, size=512, t=0.9, shot_id="shot-1")
        with Image.open(studio.root / rel) as im:
            assert im.size == (512, 288)
        assert sb.shot("shot-1").start_image == rel
        with pytest.raises(ModelRetry, match="inside the 512x288 frame"):
            await crop_frame(ctx, done.clip_path, 400, 0, 256, 144)
        with pytest.raises(ModelRetry, match="outside"):
            await crop_frame(ctx, "/etc/hostname", 0, 0, 8, 8)
