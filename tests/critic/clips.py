"""Test clips built from real photographs shipped by scikit-image (no download).

The "room" is ``skimage.data.coffee()`` (a table, a cup, no one in it); the person is
``skimage.data.astronaut()`` (Eileen Collins, head and shoulders). Camera moves are real
sub-pixel warps of the photograph, encoded to H.264 like any render.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from tools.media import write_clip

W, H, FPS, N = 448, 256, 16, 48   # 3 s at 16 fps, like a short Wan draft


def room() -> np.ndarray:
    from skimage import data

    img = data.coffee()                                   # 400 x 600
    return cv2.resize(img, (900, 600), interpolation=cv2.INTER_CUBIC)


def person() -> np.ndarray:
    from skimage import data

    a = data.astronaut()[:, 40:470]                        # 512 x 430
    return cv2.resize(a, (168, 200), interpolation=cv2.INTER_AREA)


def view(src: np.ndarray, *, scale: float = 1.0, dx: float = 0.0, dy: float = 0.0, rot: float = 0.0) -> np.ndarray:
    """The W x H window at the centre of `src`, zoomed by `scale`, shifted by (dx, dy) output pixels."""
    sh, sw = src.shape[:2]
    base = W / (sw * 0.6)                                  # the window shows 60 % of the room's width
    m = cv2.getRotationMatrix2D((sw / 2, sh / 2), rot, base * scale)
    m[0, 2] += W / 2 - sw / 2 + dx
    m[1, 2] += H / 2 - sh / 2 + dy
    return cv2.warpAffine(src, m, (W, H), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REFLECT)


def frames(kind: str) -> list[np.ndarray]:
    r = room()
    rng = np.random.default_rng(7)
    out = []
    for i in range(N):
        u = i / (N - 1)
        if kind == "still":
            f = view(r)
        elif kind == "person":
            f = view(r)
            if i >= N // 2:                                # walks in from the right over 4 frames, then stays
                p = person()
                x = int(W / 2 - 84 + max(0, 3 - (i - N // 2)) * 60)
                x0, x1 = max(0, x), min(W, x + p.shape[1])
                f[H - 200:H, x0:x1] = p[:, x0 - x: x1 - x]
        elif kind == "person_edge":                      # someone stands at the right edge the whole time
            f = view(r)
            p = cv2.resize(person(), (118, 140), interpolation=cv2.INTER_AREA)
            f[H - 140:H, W - 118:W] = p
        elif kind == "push_in":
            f = view(r, scale=1.0 + 0.25 * u)
        elif kind == "pan":
            f = view(r, dx=60 - 120 * u)
        elif kind == "shaky":
            f = view(r, dx=rng.normal(0, 5), dy=rng.normal(0, 4), rot=rng.normal(0, 0.4))
        elif kind == "flicker":
            f = view(r)
            if i % 4 == 1:
                f = np.clip(f.astype(np.float32) * 1.18 + 6, 0, 255).astype(np.uint8)
        elif kind == "loop_ok":                            # one full sway cycle: the last frame leads into the first
            f = view(r, dx=6 * np.sin(2 * np.pi * i / N), scale=1.0 + 0.01 * np.sin(2 * np.pi * i / N))
        elif kind == "loop_broken":                        # drifts one way: the seam jumps back
            f = view(r, dx=-14 * u, scale=1.0 + 0.03 * u)
        elif kind == "black_tail":
            f = view(r) if i < N - 10 else np.zeros((H, W, 3), np.uint8)
        else:
            raise ValueError(kind)
        out.append(f)
    return out


KINDS = ("still", "person", "person_edge", "push_in", "pan", "shaky", "flicker", "loop_ok", "loop_broken", "black_tail")


def make(kind: str, folder: Path, root: Path) -> Path:
    return write_clip(folder / f"{kind}.mp4", frames(kind), root=root, fps=FPS, crf=18)
