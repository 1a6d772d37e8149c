"""The critic as the chat's tools and the rules call it: plain functions that take deps (no RunContext)."""

from __future__ import annotations

import shutil

from agents.critic_tools import clip_for_shot, critique_shot
from agents.deps import Deps
from nightreel.config import load_settings
from nightreel.schema import Shot, ShotExpectations
from tools.media_ops import apply_plan


def _shot() -> Shot:
    return Shot(id="shot-tail", title="dark room", duration_s=3, target="final", positive="An empty room at night",
                negative="people", camera="tripod", lighting="moonlight",
                expectations=ShotExpectations(people="none", camera="locked", motion="still"))


async def test_critique_then_salvage_a_shot_by_its_plan(clip, critic_studio):
    dst = critic_studio.root / "projects" / "demo" / "shot-tail.mp4"
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(clip("black_tail"), dst)
    deps = Deps(settings=load_settings(studio=str(critic_studio.root)), studio=critic_studio)
    found = clip_for_shot(deps, "shot-tail")
    assert found == dst                                          # found by name under the studio (no ledger here)
    res = await critique_shot(deps, _shot(), found)
    assert res.verdict == "salvage" and res.salvage["ops"][0]["op"] == "trim"
    assert res.sheet and res.sheet.endswith(".sheet.png") and res.people_seen == []
    out = dst.with_name("shot-tail-salvaged.mp4")
    apply_plan(dst, res.salvage, out, root=critic_studio.root)
    saved = await critique_shot(deps, _shot(), out, expectations_only=True)
    assert saved.verdict == "accept", saved.reasons
    assert clip_for_shot(deps, "shot-nope") is None


async def test_a_clip_the_critic_cannot_read_is_a_reject_with_the_error(critic_studio):
    bad = critic_studio.root / "projects" / "demo" / "shot-tail.mp4"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"not a video")
    deps = Deps(settings=load_settings(studio=str(critic_studio.root)), studio=critic_studio)
    res = await critique_shot(deps, _shot(), bad)
    assert res.verdict == "reject" and res.error and "could not read" in res.description
