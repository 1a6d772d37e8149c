"""Small builders shared by the comfy tests."""

from __future__ import annotations

from nightreel.schema import Brief, Shot, ShotExpectations, Storyboard


def make_shot(i: int, *, camera: str = "dolly_in", duration_s: float = 2.0, seed: int = 7) -> Shot:
    return Shot(id=f"shot-{i}", title=f"Shot {i}: the counter", duration_s=duration_s, target="draft",
                positive=f"a steaming cup on a wet counter, neon reflections, take {i}",
                negative="people, text", camera=camera.replace("_", " "), lighting="neon at night",
                seed=seed + i, expectations=ShotExpectations(camera=camera, people="none"))


def make_storyboard(*shots: Shot, sb_id: str = "sb-test", project: str = "Coffee Spot") -> Storyboard:
    return Storyboard(id=sb_id, title="Night coffee", brief=Brief(idea="coffee at night", project=project),
                      shots=list(shots))
