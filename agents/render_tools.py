"""Rendering for the agents' tools: plain functions that take ``deps`` (the chat's tools in ``agents.chat_clip_tools``
and the rules call them): start a shot's render, wait for a job, cut a start image from a frame.

What went wrong at run time is returned as data (``JobRef.error``); a crop box off the frame is a ``ModelRetry``.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import av
from PIL import Image
from pydantic import BaseModel
from pydantic_ai import ModelRetry

from nightreel.schema import JobState, RenderJob
from nightreel.studio import slug
from tools.comfy.runner import clip_dir, job_key, render_job, workflow_name

# pydantic-ai resolves the RunContext[Deps] annotation at registration, so Deps is imported at runtime
from agents.deps import Deps

__all__ = ["JobRef", "crop_to_start_image", "start_render", "wait_job"]


class JobRef(BaseModel):
    """A render job the agent can wait on."""

    job_id: str
    shot_id: str
    tier: str
    state: str
    clip_path: str | None = None
    error: str | None = None
    #: the footage stand-in: "retrieved real generation: <template> (<model>) — prompt: '…'"; None for a render
    retrieved: str | None = None

    @classmethod
    def of(cls, job: RenderJob) -> JobRef:
        from tools.comfy.provenance import retrieved_of

        r = retrieved_of(job.clip_path) if job.clip_path else None
        return cls(job_id=job.id, shot_id=job.shot_id, tier=job.tier, state=job.state.value,
                   clip_path=job.clip_path, error=job.error, retrieved=r.get("label") if r else None)


def start_render(deps: Deps, sb, shot, tier: str) -> JobRef:
    """Record (or find) the ledger job for a shot at a tier and start it in the pool's background."""
    if deps.ledger is None or deps.comfy is None:
        return JobRef(job_id="", shot_id=shot.id, tier=tier, state="failed",
                      error="rendering is not available in this session (no ComfyUI pool)")
    workflow = workflow_name("auto", deps)
    key = job_key(sb, shot, tier, workflow)
    job = deps.ledger.find(key)
    if job is None or job.state == JobState.done and not (job.clip_path and Path(job.clip_path).is_file()):
        job = deps.ledger.add(RenderJob(storyboard_id=sb.id, project=sb.brief.project, shot_id=shot.id, tier=tier), key)
    if job.state != JobState.done:
        out_dir = clip_dir(deps.studio, sb)
        deps.comfy.spawn(render_job(sb, shot, tier, deps, out_dir=out_dir, workflow=workflow), key=job.id)
    return JobRef.of(job)


async def wait_job(deps: Deps, job_id: str, timeout_s: float) -> JobRef:
    """Poll the ledger until the job is done or failed, or `timeout_s` passes (the job keeps running)."""
    job = deps.ledger.get(job_id)
    deadline = time.monotonic() + max(0.0, min(timeout_s, 3600.0))
    while job.state not in (JobState.done, JobState.failed) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        job = deps.ledger.get(job_id)
    return JobRef.of(job)


def _load_frame(path: Path, t: float) -> Image.Image:
    if path.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp", ".bmp"):
        with Image.open(path) as im:
            return im.convert("RGB")
    try:
        with av.open(str(path)) as c:
            stream = c.streams.video[0]
            best = None
            for frame in c.decode(stream):
                best = frame
                if frame.time is not None and frame.time >= t:
                    break
            if best is None:
                raise ModelRetry(f"{path.name} has no video frames")
            return best.to_image().convert("RGB")
    except av.error.FFmpegError as e:
        raise ModelRetry(f"{path.name} is neither an image nor a readable clip ({e})") from None


async def crop_to_start_image(studio, src: Path, x: int, y: int, w: int, h: int, *, size: int = 1280,
                              t: float = 0.0) -> str:
    """Crop a box out of a still or a clip's frame at `t`, scale it to `size` wide, save it under the studio's
    cache as a start image; returns its path relative to the studio. A box off the frame is a ModelRetry."""
    frame = await asyncio.to_thread(_load_frame, src, t)
    W, H = frame.size
    if w < 8 or h < 8 or x < 0 or y < 0 or x + w > W or y + h > H:
        raise ModelRetry(f"the box x={x} y={y} w={w} h={h} must lie inside the {W}x{H} frame and be at least 8x8")
    if not 64 <= size <= 4096:
        raise ModelRetry("size must be between 64 and 4096 pixels")
    out_w, out_h = size, max(8, round(size * h / w))
    crop = frame.crop((x, y, x + w, y + h)).resize((out_w, out_h), Image.Resampling.LANCZOS)
    dest = studio.inside(studio.cache / "starts" / f"{slug(src.stem)}-t{t:g}-{x}-{y}-{w}x{h}-{size}.png")
    dest.parent.mkdir(parents=True, exist_ok=True)
    crop.save(dest)
    return str(dest.relative_to(studio.root))
