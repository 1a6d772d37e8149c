"""The planner's critic tools, called the way pydantic-ai calls them (RunContext[Deps])."""

from __future__ import annotations

import shutil

import pytest
from pydantic_ai import ModelRetry, RunContext
from pydantic_ai.models.test import TestModel
from pydantic_ai.usage import RunUsage

from agents.critic_tools import critique_clip, rerender_shot, salvage_clip
from agents.deps import Deps
from nightreel.config import load_settings
from nightreel.schema import Brief, Shot, ShotExpectations, Storyboard


def _ctx(studio) -> RunContext:
    shot = Shot(id="shot-tail", title="dark room", duration_s=3, target="final", positive="An empty room at night",
                negative="people", camera="tripod", lighting="moonlight",
                expectations=ShotExpectations(people="none", camera="locked", motion="still"))
    deps = Deps(settings=load_settings(studio=str(studio.root)), studio=studio)
    deps.workspace.storyboard = Storyboard(title="t", brief=Brief(idea="an empty room"), shots=[shot])
    return RunContext(deps=deps, model=TestModel(), usage=RunUsage())


async def test_critique_then_salvage_a_shot_by_its_plan(clip, critic_studio):
    dst = critic_studio.root / "projects" / "demo" / "shot-tail.mp4"
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(clip("black_tail"), dst)
    ctx = _ctx(critic_studio)
    res = await critique_clip(ctx, "shot-tail")
    assert res.verdict == "salvage" and res.salvage["ops"][0]["op"] == "trim"
    assert res.sheet and res.sheet.endswith(".sheet.png")
    saved = await salvage_clip(ctx, "shot-tail", res.salvage)
    assert saved.verdict == "accept", saved.reasons
    assert saved.clip.endswith("shot-tail-salvaged.mp4")
    with pytest.raises(ModelRetry, match="no shot"):
        await critique_clip(ctx, "shot-nope")
    with pytest.raises(ModelRetry, match="plan"):
        await salvage_clip(ctx, "shot-tail", {"ops": []})


async def test_rerender_applies_the_fix_on_a_new_seed(critic_studio):
    ctx = _ctx(critic_studio)
    out = await rerender_shot(ctx, "shot-tail", "remove gait words; describe a Steadicam glide",
                              positive="Empty room, no people visible anywhere. A slow Steadicam glide past the bed.")
    shot = ctx.deps.workspace.storyboard.shot("shot-tail")
    assert shot.positive.startswith("Empty room") and shot.seed == 1
    assert any("Steadicam" in x for x in shot.lint)
    assert out["job"]["state"] == "failed" and "not available" in out["job"]["error"]   # no ComfyUI in this session
