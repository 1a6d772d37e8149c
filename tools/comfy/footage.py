"""The footage stand-in as a ComfyUI job: a real generation retrieved for the shot, cut and scaled by core nodes.

``LoadImage`` (every frame of the animated WebP, as one batch) -> ``ImageFromBatch`` (the shot's length: duration x the
clip's own fps, at most the frames the clip has) -> ``ImageScale`` (the tier's size, centre-cropped) -> ``CreateVideo``
(the clip's fps) -> ``SaveVideo`` (mp4, h264). Runs on any ComfyUI, no model files. The clip is chosen by
:class:`tools.footage.FootageIndex` (``deps.footage``) from the shot's prompt and seed, and everything that describes it
says it is a retrieved real generation, not a render of the shot. The index is asked with the shot's prompt and its
people expectation (what the prompt forbids is not embedded; see :class:`tools.footage.FootageIndex`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from nightreel.errors import ComfyRejected, NightreelError
from nightreel.schema import Shot
from tools.comfy.client import ComfyClient
from tools.comfy.workflows import BuiltGraph
from tools.footage import FootageClip, Match, retrieved_label

__all__ = ["FOOTAGE_SIZE", "build_footage", "footage_frames", "footage_graph"]

#: output (width, height) per tier. The clips are thumbnails (most 350x350, none over 1024 px): a bigger frame than a
#: 480p-class one would only add encoding time, not detail.
FOOTAGE_SIZE: dict[str, tuple[int, int]] = {"draft": (640, 352), "final": (832, 480), "still": (640, 352)}


def footage_frames(duration_s: float, clip: FootageClip) -> tuple[int, str | None]:
    """Frames of the clip the shot plays (its duration at the clip's own fps, at most the clip), and a note when the
    shot is longer than the clip."""
    want = max(2, round(duration_s * clip.fps))
    if want <= clip.frames:
        return want, None
    return clip.frames, (f"the shot asks {duration_s:g} s; the retrieved clip holds {clip.seconds:g} s "
                         f"({clip.frames} frames at {clip.fps:g} fps): it plays whole")


def footage_graph(image_name: str, *, frames: int, fps: float, size: tuple[int, int], filename_prefix: str,
                  label: str = "") -> dict:
    """The API graph: LoadImage -> ImageFromBatch -> ImageScale -> CreateVideo -> SaveVideo (mp4, h264)."""
    width, height = size
    return {
        "1": {"class_type": "LoadImage", "inputs": {"image": image_name},
              "_meta": {"title": ("Retrieved real generation: " + label)[:200] if label else "Retrieved clip"}},
        "2": {"class_type": "ImageFromBatch", "inputs": {"image": ["1", 0], "batch_index": 0, "length": frames},
              "_meta": {"title": "The shot's length"}},
        "3": {"class_type": "ImageScale", "inputs": {"image": ["2", 0], "upscale_method": "bilinear",
                                                      "width": width, "height": height, "crop": "center"},
              "_meta": {"title": "The tier's size"}},
        "4": {"class_type": "CreateVideo", "inputs": {"images": ["3", 0], "fps": float(fps)},
              "_meta": {"title": "Create video"}},
        "5": {"class_type": "SaveVideo", "inputs": {"video": ["4", 0], "filename_prefix": filename_prefix,
                                                     "format": "mp4", "codec": "h264"},
              "_meta": {"title": "Save video"}},
    }


def footage_inputs(match: Match, shot: Shot, tier: str, frames: int, note: str | None, uploaded: str) -> dict[str, Any]:
    """What the provenance sidecar, the cards and the pages record of the retrieved clip."""
    clip = match.clip
    label = retrieved_label(clip.template, clip.model, clip.prompt)
    return {"retrieved": True, "label": label, "template": clip.template, "model": clip.model,
            "clip": clip.name, "package": clip.package, "generating_prompt": clip.prompt,
            "similarity": match.score, "neighbour_rank": match.rank, "seed": shot.seed, "uploaded": uploaded,
            "query": match.query, "clip_describes_person": match.person,
            "frames": frames, "fps": clip.fps, "fps_known": clip.fps_known, "clip_frames": clip.frames,
            "clip_size": [clip.width, clip.height], "size": list(FOOTAGE_SIZE.get(tier, FOOTAGE_SIZE["draft"])),
            "note": note, "start_image_ignored": shot.start_image or None}


async def build_footage(shot: Shot, tier: str, client: ComfyClient, deps: Any, *, filename_prefix: str) -> BuiltGraph:
    """Retrieve the shot's clip (deps.footage), upload it to `client`'s server and return the graph to send."""
    index = getattr(deps, "footage", None)
    if index is None:
        raise ComfyRejected("the footage workflow needs the footage index (Deps.footage, set by app.rendering."
                            "render_session); or render storyboard cards with --workflow animatic")
    try:
        match = await asyncio.to_thread(index.pick, shot.positive, shot.seed, people=shot.expectations.people)
    except (NightreelError, OSError) as e:  # no wheels, no embedding model, no cache: the job fails with why
        raise ComfyRejected(f"the footage stand-in cannot pick a clip for shot {shot.id}: {e}") from e
    clip = match.clip
    uploaded = await client.upload_image(Path(clip.path), name=f"footage-{clip.name}")
    frames, note = footage_frames(shot.duration_s, clip)
    inputs = footage_inputs(match, shot, tier, frames, note, uploaded)
    graph = footage_graph(uploaded, frames=frames, fps=clip.fps, size=tuple(inputs["size"]),
                          filename_prefix=filename_prefix, label=inputs["label"])
    return BuiltGraph(graph=graph, workflow="footage", template=clip.template, inputs=inputs)
