"""Build the graph one job sends: retrieved footage or the animatic (model-free), or an official template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import structlog

from nightreel.errors import ComfyRejected, InputError
from nightreel.schema import RenderJob, Shot, Storyboard
from nightreel.studio import slug
from tools.comfy.animatic import ANIMATIC_FPS, animatic_frames, animatic_graph, prepare_panel
from tools.comfy.client import ComfyClient
from tools.comfy.footage import build_footage
from tools.comfy.workflows import BuiltGraph, build_template_graph, check_graph

__all__ = ["build_for_shot", "start_image_path"]

log = structlog.get_logger()


def start_image_path(shot: Shot, studio) -> Path | None:
    """The shot's start image, checked inside the studio; None when it has none."""
    if not shot.start_image:
        return None
    p = studio.inside(shot.start_image)
    if not p.is_file():
        raise InputError(f"shot {shot.id}: start image {shot.start_image} does not exist")
    return p


async def build_for_shot(shot: Shot, tier: str, client: ComfyClient, deps: Any, *, workflow: str, job: RenderJob,
                         storyboard: Storyboard) -> BuiltGraph:
    """Upload what the shot needs to `client`'s server and return the graph to send there."""
    studio = deps.studio
    prefix = f"nightreel/{slug(storyboard.brief.project)}/{slug(shot.id)}-{tier}-{job.prompt_id[:8]}"
    if workflow == "footage":
        return await build_footage(shot, tier, client, deps, filename_prefix=prefix)
    start = start_image_path(shot, studio)
    if workflow == "animatic":
        panel = prepare_panel(shot, studio.cache / "panels" / f"{slug(shot.id)}-{job.prompt_id[:8]}.png", start)
        name = await client.upload_image(panel, name=panel.name)
        graph = animatic_graph(shot, name, filename_prefix=prefix)
        return BuiltGraph(graph=graph, workflow="animatic",
                          inputs={"panel": name, "frames": animatic_frames(shot.duration_s), "fps": ANIMATIC_FPS,
                                  "start_image": shot.start_image, "camera": shot.expectations.camera})
    image_name = await client.upload_image(start, name=start.name) if start else None
    object_info = await client.object_info()
    built = build_template_graph(shot, tier, object_info, template=None if workflow == "template" else workflow,
                                 image_name=image_name, filename_prefix=prefix, root=studio.root)
    problems = check_graph(built.graph, object_info)
    if problems:
        raise ComfyRejected(f"{client.url} cannot run {built.template}: " + "; ".join(problems)
                            + " (or render model-free with --workflow footage or --workflow animatic)")
    for fix in built.fixes:
        log.info("workflow.fix", fix=fix, shot_id=shot.id)
    return built
