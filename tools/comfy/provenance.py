"""Provenance: the sidecar JSON written beside every clip, and what PyAV measures of the clip.

The sidecar is the audit trail a creator shows to prove human authorship: the brief, the shot as
written, the exact API graph sent, the seed, the model files it names, the server and its versions,
when the job started and ended, and our own versions. A footage clip says first that it is a retrieved real
generation (`retrieved`: template, model, the prompt that made it, the query embedded, similarity), not a render
of the shot.
"""

from __future__ import annotations

import json
import platform
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import av

from nightreel.errors import MediaError
from nightreel.schema import Clip, RenderJob, Shot, Storyboard

if TYPE_CHECKING:
    from tools.comfy.workflows import BuiltGraph

__all__ = ["model_files", "probe_clip", "retrieved_name", "retrieved_of", "write_provenance"]

_MODEL_EXT = (".safetensors", ".ckpt", ".pt", ".pth", ".bin", ".gguf", ".sft", ".onnx")


def probe_clip(path: Path, *, shot_id: str = "", job_id: str | None = None) -> Clip:
    """Frames, fps, size and duration of a clip, counted by decoding it."""
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            frames = sum(1 for _ in container.decode(stream))
            fps = float(stream.average_rate or stream.guessed_rate or 0)
            w, h = stream.codec_context.width, stream.codec_context.height
    except (av.error.FFmpegError, IndexError, OSError) as e:
        raise MediaError(f"cannot read clip {path}: {e}") from e
    return Clip(path=str(path), shot_id=shot_id, job_id=job_id, fps=fps, width=w, height=h, frames=frames,
                duration_s=round(frames / fps, 3) if fps else 0.0)


def model_files(graph: dict) -> list[str]:
    """Every model file name an API graph refers to."""
    found: list[str] = []
    for node in graph.values():
        for v in (node.get("inputs") or {}).values():
            if isinstance(v, str) and v.lower().endswith(_MODEL_EXT) and v not in found:
                found.append(v)
    return found


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _times(history: dict) -> tuple[str | None, str | None]:
    start = end = None
    for name, data in ((history.get("status") or {}).get("messages") or []):
        ts = data.get("timestamp")
        if ts is None:
            continue
        iso = datetime.fromtimestamp(ts / 1000).astimezone().isoformat()
        if name == "execution_start":
            start = iso
        elif name in ("execution_success", "execution_error", "execution_interrupted"):
            end = iso
    return start, end


_RETRIEVED_KEYS = ("label", "template", "model", "clip", "package", "generating_prompt", "similarity",
                   "neighbour_rank", "query", "clip_describes_person", "frames", "fps", "clip_frames", "note")


def _retrieved(built: BuiltGraph | None) -> dict | None:
    if built is None or not built.inputs.get("retrieved"):
        return None
    return {"retrieved": True, **{k: built.inputs.get(k) for k in _RETRIEVED_KEYS}}


def retrieved_of(clip: str | Path | None) -> dict | None:
    """The sidecar's `retrieved` block of a clip (template, model, generating prompt, label...); None when the clip
    was rendered, has no sidecar, or the sidecar cannot be read."""
    if not clip:
        return None
    try:
        doc = json.loads(Path(clip).with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    block = doc.get("retrieved") if isinstance(doc, dict) else None
    return block if isinstance(block, dict) and block.get("retrieved") else None


def retrieved_name(clip: str | Path | None) -> str | None:
    """'<template> (<model>)' of a retrieved real generation, for a verdict's note; None for a rendered clip."""
    found = retrieved_of(clip)
    return f"{found.get('template') or 'a template'} ({found.get('model') or 'model unknown'})" if found else None


def write_provenance(clip: Clip, *, storyboard: Storyboard, shot: Shot, tier: str, job: RenderJob, graph: dict,
                     server: str, history: dict, system_stats: dict, built: BuiltGraph | None,
                     finished_at: datetime) -> Path:
    """Write ``<clip>.json`` beside the clip; returns its path."""
    started, ended = _times(history)
    system = system_stats.get("system") or {}
    doc: dict[str, Any] = {
        "kind": "nightreel.provenance/1",
        # footage: the clip is a real generation retrieved for the shot, not a render of it — said first, plainly
        "retrieved": _retrieved(built),
        "clip": clip.model_dump(mode="json"),
        "brief": storyboard.brief.model_dump(mode="json"),
        "storyboard": {"id": storyboard.id, "title": storyboard.title, "model": storyboard.model},
        "shot": shot.model_dump(mode="json"),
        "tier": tier,
        "seed": shot.seed,
        "job": job.model_dump(mode="json"),
        "prompt_id": job.prompt_id,
        "server": server,
        "server_versions": {k: system.get(k) for k in ("comfyui_version", "python_version", "pytorch_version", "os")},
        "workflow": built.workflow if built else None,
        "template": built.template if built else None,
        "fixes": built.fixes if built else [],
        "inputs": built.inputs if built else {},
        "model_files": model_files(graph),
        "graph": graph,
        "submitted_at": job.submitted_at.isoformat() if job.submitted_at else None,
        "started_at": started,
        "ended_at": ended,
        "downloaded_at": finished_at.isoformat(),
        "versions": {"nightreel": _version("nightreel"), "python": platform.python_version(),
                     "comfy-cli": _version("comfy-cli"),
                     "comfyui-workflow-templates-json": _version("comfyui-workflow-templates-json")},
    }
    side = Path(clip.path).with_suffix(".json")
    tmp = side.with_name(side.name + ".part")
    tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False))
    tmp.replace(side)
    return side
