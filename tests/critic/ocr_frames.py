"""Synthetic frames with words for the OCR tests: Pillow-rendered signs on real photographs and textures shipped
by scikit-image (no download), spelled right and garbled the way video models garble them.

``SIGNS`` is the test set: (background, words, style). ``sign_frame`` draws one; ``sign_clip`` writes a 3-s clip
of a sign under a slow push-in (the camera moves, so the letters are resampled every frame like a render's).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np

W, H = 640, 360

#: (background, words, style). Garbled spellings are letters dropped, swapped or doubled, as generated signs show.
SIGNS: list[tuple[str, str, str]] = [
    ("coffee", "OPEN ALL NIGHT", "panel"),
    ("coffee", "OPEN ALL NGHT", "panel"),
    ("brick", "NIGHT MARKET", "paint"),
    ("brick", "NIGTH MARKTE", "paint"),
    ("grass", "FRESH COFFEE", "panel"),
    ("grass", "FRESH COFEFE", "panel"),
    ("chelsea", "Late Show", "panel"),
    ("gravel", "HOTEL", "paint"),
    ("gravel", "HOTLE", "paint"),
    ("rocket", "Departures 22:40", "panel"),
]


@cache
def _background(name: str) -> np.ndarray:
    from skimage import data

    img = getattr(data, name)()
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
    return cv2.resize(np.ascontiguousarray(img[..., :3]), (W, H), interpolation=cv2.INTER_AREA)


def _font(size: int):
    import matplotlib
    from PIL import ImageFont

    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"), size)


def sign_frame(bg: str, words: str, style: str = "panel", *, size: int = 44) -> np.ndarray:
    """An RGB frame: `words` on `bg`, on a dark panel with warm letters ("panel") or painted straight on ("paint")."""
    from PIL import Image, ImageDraw

    im = Image.fromarray(_background(bg))
    d = ImageDraw.Draw(im)
    font = _font(size)
    x0, y0, x1, y1 = d.textbbox((0, 0), words, font=font)
    tw, th = x1 - x0, y1 - y0
    x, y = (W - tw) // 2, int(H * 0.3)
    if style == "panel":
        d.rectangle((x - 24, y - 18, x + tw + 24, y + th + 26), fill=(18, 16, 22))
        d.text((x - x0, y - y0), words, font=font, fill=(255, 196, 90))
    else:
        d.text((x - x0, y - y0), words, font=font, fill=(240, 240, 232), stroke_width=2, stroke_fill=(20, 20, 20))
    return np.asarray(im)


def sign_clip(path: Path, bg: str, words: str, style: str = "panel", *, seconds: float = 3.0, fps: int = 16) -> Path:
    """A clip of the sign under a slow push-in (5 % over the clip), H.264 like a render."""
    from evals.clips.make_clips import write_mp4

    still = sign_frame(bg, words, style)
    n = int(seconds * fps)

    def frames():
        for i in range(n):
            s = 1.0 + 0.05 * i / max(1, n - 1)
            m = cv2.getRotationMatrix2D((W / 2, H / 2), 0.0, s)
            yield cv2.warpAffine(still, m, (W, H), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REFLECT)

    return write_mp4(path, frames(), fps)
