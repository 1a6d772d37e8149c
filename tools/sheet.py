"""The contact sheet: the sampled frames of a clip in a grid, with the evidence drawn on them.

Each tile is labelled with its frame number and time; a box a probe measured (a person, hands)
is drawn in red on every tile its run covers, and time-only evidence (flicker, black, frozen)
colours the tile's border. The header carries the verdict and the clip's numbers, so the PNG
alone is enough to check what the critic said.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from nightreel.schema import Evidence
from nightreel.studio import check_inside
from tools.media import Limits, MediaInfo, SampledFrame, probe, sample_frames

__all__ = ["contact_sheet", "render_sheet"]

_RED, _AMBER, _WHITE, _BG = (230, 40, 40), (255, 170, 0), (240, 240, 240), (18, 18, 22)


@functools.cache
def _font(size: int):
    """DejaVu Sans from matplotlib's wheel (accented letters: a clip named "café — nuit" reads right);
    Pillow's built-in font, which has no accented letters, only where matplotlib is absent."""
    with contextlib.suppress(ImportError, OSError):
        import matplotlib

        return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def _covers(e: Evidence, frame: int, tol: int) -> bool:
    return e.frame_start - tol <= frame <= e.frame_end + tol


def render_sheet(frames: Sequence[SampledFrame], *, clip_w: int, clip_h: int, evidence: Sequence[Evidence] = (),
                 title: str = "", tile_w: int = 320, cols: int = 4) -> Image.Image:
    """A PIL image of the frames in a grid, evidence drawn on them."""
    if not frames:
        raise ValueError("no frames")
    tile_h = int(round(tile_w * clip_h / clip_w))
    rows = (len(frames) + cols - 1) // cols
    head, cap, pad = 44, 18, 6
    W = cols * (tile_w + pad) + pad
    H = head + rows * (tile_h + cap + pad) + pad
    sheet = Image.new("RGB", (W, H), _BG)
    d = ImageDraw.Draw(sheet)
    d.text((pad, 6), title or "contact sheet", fill=_WHITE, font=_font(15))
    spacing = max(1, (frames[-1].index - frames[0].index) // max(1, len(frames) - 1))
    tol = spacing // 2
    sx, sy = tile_w / clip_w, tile_h / clip_h
    for k, fr in enumerate(frames):
        r, c = divmod(k, cols)
        x0, y0 = pad + c * (tile_w + pad), head + r * (tile_h + cap + pad)
        tile = Image.fromarray(np.ascontiguousarray(fr.image)).resize((tile_w, tile_h), Image.LANCZOS)
        sheet.paste(tile, (x0, y0))
        hits = [e for e in evidence if _covers(e, fr.index, tol)]
        for e in hits:
            if e.box:
                bx, by, bw, bh = e.box
                rect = (x0 + bx * sx, y0 + by * sy, x0 + (bx + bw) * sx, y0 + (by + bh) * sy)
                d.rectangle(rect, outline=_RED, width=3)
                d.text((rect[0] + 3, rect[1] + 2), e.what.split(" (")[0], fill=_RED, font=_font(12))
            else:
                d.rectangle((x0, y0, x0 + tile_w - 1, y0 + tile_h - 1), outline=_AMBER, width=4)
                d.text((x0 + 5, y0 + tile_h - 16), e.what.split(":")[0][:40], fill=_AMBER, font=_font(12))
        d.text((x0, y0 + tile_h + 2), f"#{fr.index}  {fr.t:.2f} s", fill=_RED if hits else _WHITE, font=_font(12))
    return sheet


def contact_sheet(clip: str | Path, out_path: str | Path, *, root: str | Path, evidence: Sequence[Evidence] = (),
                  title: str | None = None, n: int = 8, frames: Sequence[SampledFrame] | None = None,
                  info: MediaInfo | None = None, limits: Limits = Limits()) -> Path:
    """Write a PNG contact sheet of `clip` (n frames by seeking, or the given `frames`) inside the studio.

    Args:
        clip: the video (inside `root`).
        out_path: the PNG to write (inside `root`).
        root: the studio folder.
        evidence: what to draw (boxes on the frames their run covers; borders for time-only evidence).
        title: the header line (default: file name, size, fps, duration).
        n: frames to sample when `frames` is not given.
        frames: already-sampled frames (e.g. the ones the VLM saw).
        info: the clip's MediaInfo if already probed.
        limits: decode bounds.

    Returns:
        The PNG path.
    """
    info = info or probe(clip, root=root, limits=limits)
    out = check_inside(out_path, root)
    if out.suffix.lower() != ".png":
        out = out.with_suffix(".png")
    frames = list(frames) if frames else sample_frames(info.path, n, root=root, width=min(info.width, 640), info=info)
    head = title or (f"{Path(info.path).name}  {info.width}x{info.height}  {info.fps:g} fps  "
                     f"{info.duration_s:.2f} s  {info.frames} frames")
    img = render_sheet(frames, clip_w=info.width, clip_h=info.height, evidence=evidence, title=head)
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out, optimize=True)
    return out
