"""Lucas–Kanade tracking of four picked corners through a clip into a per-frame JSON timeline.

The seed's screen-overlay trick: click the four corners of the monitor on the first frame,
track them through every frame, and ride an overlay on them. The raw track vibrates, so
the motion is damped (about a quarter strength) and low-pass filtered before it is written.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import cv2
import numpy as np
import structlog

from nightreel.errors import InputError, MediaError
from nightreel.studio import check_inside
from tools.media import Limits, _open, probe

log = structlog.get_logger()

__all__ = ["smooth_track", "track_corners"]


def smooth_track(raw: np.ndarray, *, damping: float = 0.25, lowpass_s: float = 0.5, fps: float = 16) -> np.ndarray:
    """Damp the motion of each point around its first position and low-pass it (Gaussian, sigma = lowpass_s/2)."""
    from scipy.ndimage import gaussian_filter1d

    p0 = raw[0:1]
    motion = raw - p0
    sigma = max(0.0, lowpass_s * fps / 2)
    if sigma > 0 and len(raw) > 2:
        motion = gaussian_filter1d(motion, sigma=sigma, axis=0, mode="nearest")
        motion = motion - motion[0:1]          # the overlay starts exactly on the picked corners
    return p0 + damping * motion


def track_corners(clip: str | Path, corners: list[tuple[float, float]], out_json: str | Path, *, root: str | Path,
                  damping: float = 0.25, lowpass_s: float = 0.5, percent: bool = False,
                  limits: Limits = Limits()) -> Path:
    """Track points (pixels, or percentages of the frame with ``percent=True``) through every frame.

    Writes ``{"fps", "width", "height", "damping", "lowpass_s", "corners0", "frames": [{"i", "t",
    "corners": [[x, y], ...], "corners_pct": [[x%, y%], ...], "lost": n}]}`` and returns its path.
    A point LK loses keeps its last good position (and counts in ``lost``).
    """
    info = probe(clip, root=root, limits=limits)
    out = check_inside(out_json, root)
    if not corners or len(corners) > 16:
        raise InputError("give 1 to 16 points (four corners of a screen is the usual)")
    pts = np.array(corners, dtype=np.float32).reshape(-1, 2)
    if percent:
        pts = pts / 100.0 * np.array([info.width, info.height], dtype=np.float32)
    if (pts < 0).any() or (pts[:, 0] > info.width).any() or (pts[:, 1] > info.height).any():
        raise InputError(f"points {pts.tolist()} are outside the {info.width}x{info.height} frame")
    t0 = time.monotonic()
    raw, lost = [pts.copy()], [0]
    prev_gray = None
    cur = pts.reshape(-1, 1, 2).copy()
    with _open(Path(info.path)) as c:
        s = c.streams.video[0]
        s.thread_type = "AUTO"
        for k, frame in enumerate(c.decode(s)):
            gray = frame.to_ndarray(format="gray")
            if prev_gray is not None:
                nxt, st, _ = cv2.calcOpticalFlowPyrLK(prev_gray, gray, cur, None, winSize=(31, 31), maxLevel=4)
                ok = st.reshape(-1) == 1
                cur = np.where(ok[:, None, None], nxt, cur).astype(np.float32)
                raw.append(cur.reshape(-1, 2).copy())
                lost.append(int((~ok).sum()))
            prev_gray = gray
            if time.monotonic() - t0 > limits.decode_budget_s:
                raise MediaError(f"tracking stopped after {limits.decode_budget_s:.0f} s at frame {k}; "
                                 "web_optimise the clip first")
    track = smooth_track(np.array(raw, dtype=np.float64), damping=damping, lowpass_s=lowpass_s, fps=info.fps)
    wh = np.array([info.width, info.height])
    doc = {
        "clip": Path(info.path).name, "fps": info.fps, "width": info.width, "height": info.height,
        "damping": damping, "lowpass_s": lowpass_s, "corners0": pts.astype(np.float64).round(2).tolist(),
        "frames": [{"i": i, "t": round(i / info.fps, 4), "corners": p.round(2).tolist(),
                    "corners_pct": (p / wh * 100).round(3).tolist(), "lost": lost[i]} for i, p in enumerate(track)],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=1))
    log.info("track_corners", clip=Path(info.path).name, frames=len(track), seconds=round(time.monotonic() - t0, 2))
    return out
