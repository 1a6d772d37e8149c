"""Real footage for the critic: the animated WebPs that ComfyUI's template media wheels ship (real outputs of Wan,
LTX-2, Hunyuan, Kling, Veo...), cut to H.264 MP4 at their own size, as a user's clip would reach the critic.

The split keeps the figures honest: labels and tuning only on the **even half** — a file whose name's sha1 hex
digest ends in 0 2 4 6 8 a c e (:func:`is_even`); the odd half is held out. The labels are
``evals/real/labels.yaml`` (written by looking at contact sheets, never from what the critic says).

    clips = template_clips()                       # every animated WebP with >= 24 frames, both halves
    mp4 = to_mp4(clips["video_wan2_2_14B_t2v-1.webp"], cache / "x.mp4")
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

__all__ = ["LABELS", "MEDIA_PACKAGES", "TemplateClip", "is_even", "load_labels", "template_clips", "to_mp4",
           "webp_frames"]

HERE = Path(__file__).resolve().parent
LABELS = HERE / "real" / "labels.yaml"
MEDIA_PACKAGES = ("comfyui-workflow-templates-media-video", "comfyui-workflow-templates-media-api",
                  "comfyui-workflow-templates-media-image", "comfyui-workflow-templates-media-other",
                  "comfyui-workflow-templates-media-assets-01", "comfyui-workflow-templates-media-assets-02")
MIN_FRAMES = 24
DEFAULT_CACHE = Path(os.environ.get("NIGHTREEL_CLIP_CACHE", Path.home() / ".cache" / "nightreel" / "critic-clips")) / "real"


def is_even(name: str) -> bool:
    """The tuning half: the file name's sha1 hex digest ends in an even digit."""
    return hashlib.sha1(name.encode()).hexdigest()[-1] in "02468ace"


@dataclass(frozen=True)
class TemplateClip:
    name: str          # e.g. video_wan2_2_14B_t2v-1.webp
    path: Path
    package: str       # the distribution it came from, with its version
    frames: int
    size: tuple[int, int]


def _webps(dist_name: str) -> list[Path]:
    try:
        dist = importlib.metadata.distribution(dist_name)
    except importlib.metadata.PackageNotFoundError:
        return []
    return [Path(dist.locate_file(f)) for f in dist.files or [] if str(f).endswith(".webp")]


def template_clips(min_frames: int = MIN_FRAMES) -> dict[str, TemplateClip]:
    """Every animated WebP with at least `min_frames` frames in the installed media wheels, by file name."""
    from PIL import Image

    out: dict[str, TemplateClip] = {}
    for pkg in MEDIA_PACKAGES:
        for p in _webps(pkg):
            try:
                with Image.open(p) as im:
                    n, size = int(getattr(im, "n_frames", 1)), im.size
            except (OSError, ValueError):
                continue
            if n >= min_frames and p.name not in out:
                ver = importlib.metadata.version(pkg)
                out[p.name] = TemplateClip(p.name, p, f"{pkg}=={ver}", n, size)
    return out


def webp_frames(path: Path, scale: float = 1.0) -> tuple[list[np.ndarray], float]:
    """All frames of an animated WebP as RGB arrays (optionally scaled), and its frame rate."""
    from PIL import Image, ImageSequence

    frames: list[np.ndarray] = []
    durations: list[int] = []
    with Image.open(path) as im:
        w, h = im.size
        tw, th = (max(2, int(round(w * scale / 2)) * 2), max(2, int(round(h * scale / 2)) * 2)) if scale != 1.0 else (w, h)
        for fr in ImageSequence.Iterator(im):
            durations.append(int(fr.info.get("duration") or 0))
            rgb = fr.convert("RGB")
            if (tw, th) != (w, h):
                rgb = rgb.resize((tw, th), Image.Resampling.LANCZOS)
            frames.append(np.asarray(rgb))
    ms = float(np.median([d for d in durations if d > 0])) if any(d > 0 for d in durations) else 1000 / 16
    fps = min(60.0, max(4.0, 1000.0 / ms))
    return frames, fps


def to_mp4(clip: TemplateClip | Path, dest: Path, *, scale: float = 1.0, crf: int = 20) -> Path:
    """The clip as an H.264 MP4 at its own size (or scaled), written once into `dest` (a cache)."""
    from tools.media import write_clip

    if dest.is_file() and dest.stat().st_size > 0:
        return dest
    src = clip.path if isinstance(clip, TemplateClip) else Path(clip)
    frames, fps = webp_frames(src, scale)
    tmp = dest.with_suffix(".part.mp4")
    write_clip(tmp, frames, root=dest.parent, fps=round(fps, 3), crf=crf)
    tmp.replace(dest)
    return dest


def load_labels(path: Path = LABELS) -> list[dict]:
    """The labelled clips (even half only: a label on a held-out clip is an error, not a row)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    clips = data.get("clips") or []
    odd = [c["file"] for c in clips if not is_even(c["file"])]
    if odd:
        raise ValueError(f"{path.name} labels held-out clips (odd half): {', '.join(odd[:5])}")
    return clips
