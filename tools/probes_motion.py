"""Measured checks on frame arrays: camera move, motion energy, flicker, black/frozen frames, loop seam.

All functions take grayscale uint8 frames (N x H x W, small: ~240 px wide is plenty) plus the
clip frame number of each, and return plain numbers or Evidence. Thresholds are in units a
person can check: fractions of the frame width, luma levels out of 255, seconds.

Camera move: sparse Lucas–Kanade flow on Shi–Tomasi corners between consecutive frames, a
RANSAC similarity transform per step (so a person walking through does not move the camera),
then: high-frequency translation residue → handheld; depth parallax while the frame travels one way → orbit;
zoom (log scale) → dolly_in / dolly_out; a steady net translation → pan (where the frame both slides and
scales, the larger change); a wandering path with some shake → handheld; none of these → locked.

On real video-model output the subject moves a lot and backgrounds are often blurred or plain, so the corners
sit on the subject: a face turning to the lens, a dancer, passers-by or petals move the fitted transform by a
few per cent. The thresholds are set above that (a viewer's "tiny drift" is locked), and a parallax spread
counts as an orbit only while the frame as a whole travels one way (a subject moving in a locked frame
spreads the motion too, but the frame goes nowhere).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from nightreel.schema import Evidence

__all__ = [
    "CameraEstimate",
    "black_frames",
    "camera_motion",
    "flicker",
    "frozen_frames",
    "loop_seam",
    "motion_energy",
    "motion_level",
    "orbit_parallax",
    "parallax",
    "to_gray",
]

# thresholds (fractions of the frame width, per clip unless said otherwise)
DOLLY_MIN_ZOOM = 0.09        # 9 % total scale change (what a viewer calls a push-in; below it is drift or the subject)
DOLLY_SURE_ZOOM = 0.18       # below this a scale change is a dolly only if the frame scales one way nearly all along:
DOLLY_SMALL_STEADY = 0.95    # a subject swelling and turning (a dancer of sand) scales the fit 8-9 %, back and forth
PAN_MIN_SHIFT = 0.08         # 8 % of the width, net
PAN_STEADY_SHIFT = 0.035     # 3.5 % is enough when nearly every step goes the same way (a slow drift)
HANDHELD_JITTER = 0.0035     # RMS high-frequency shift per step, fraction of width
HANDHELD_SWAY = 0.03         # wandering path (peak to peak) without a net direction, with some shake in it
HANDHELD_SWAY_JITTER = 0.5 * HANDHELD_JITTER
LONG_TRAVEL_SLACK = 0.15     # past 0.3 of the width of net travel, the shake must reach the travel less this to be handheld
ENERGY_STILL = 0.4           # % of width per second (dense flow)
ENERGY_STRONG = 6.0


def to_gray(frames_rgb: np.ndarray, width: int = 240) -> np.ndarray:
    n, h, w = frames_rgb.shape[:3]
    if w > width:
        size = (width, max(2, int(round(h * width / w))))
        return np.stack([cv2.resize(cv2.cvtColor(f, cv2.COLOR_RGB2GRAY), size, interpolation=cv2.INTER_AREA)
                         for f in frames_rgb])
    return np.stack([cv2.cvtColor(f, cv2.COLOR_RGB2GRAY) for f in frames_rgb])


@dataclass
class CameraEstimate:
    move: str = "locked"
    zoom_total: float = 0.0          # log-scale change over the clip (+ = in)
    shift_x: float = 0.0             # net translation of the frame centre, fraction of width (+ = content moves right)
    shift_y: float = 0.0
    jitter: float = 0.0              # RMS high-frequency shift per step, fraction of width
    sway: float = 0.0                # peak-to-peak of the path, fraction of width
    parallax: float = 0.0            # horizontal depth parallax per second, fraction of width (orbit)
    steady: float = 0.0              # net / travelled path of the frame centre: 1 = one way all clip long
    zoom_steady: float = 0.0         # net / summed absolute scale change: 1 = the frame scales one way all clip long
    steps_tracked: int = 0
    steps: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: (round(v, 5) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _grid_corners(a: np.ndarray, cols: int = 4, rows: int = 3, per_cell: int = 25) -> np.ndarray | None:
    """Corners spread over a grid, so a textured subject cannot outvote the background."""
    h, w = a.shape
    found = []
    for r in range(rows):
        for c in range(cols):
            mask = np.zeros_like(a)
            mask[r * h // rows:(r + 1) * h // rows, c * w // cols:(c + 1) * w // cols] = 255
            p = cv2.goodFeaturesToTrack(a, maxCorners=per_cell, qualityLevel=0.01, minDistance=5, blockSize=5, mask=mask)
            if p is not None:
                found.append(p)
    return np.concatenate(found).astype(np.float32) if found else None


def _fast_corners(a: np.ndarray, cols: int = 4, rows: int = 3, per_cell: int = 25) -> np.ndarray | None:
    """The same spread as :func:`_grid_corners`, each cell searched on its own pixels only (the per-cell mask
    pass computes the corner map of the whole frame once per cell)."""
    h, w = a.shape
    found = []
    for r in range(rows):
        for c in range(cols):
            y0, y1, x0, x1 = r * h // rows, (r + 1) * h // rows, c * w // cols, (c + 1) * w // cols
            p = cv2.goodFeaturesToTrack(np.ascontiguousarray(a[y0:y1, x0:x1]), maxCorners=per_cell, qualityLevel=0.01,
                                        minDistance=5, blockSize=5)
            if p is not None:
                found.append(p + np.array([x0, y0], np.float32))
    return np.concatenate(found).astype(np.float32) if found else None


def _track(a: np.ndarray, b: np.ndarray, pts: np.ndarray):
    nxt, st, _ = cv2.calcOpticalFlowPyrLK(a, b, pts, None, winSize=(21, 21), maxLevel=3,
                                          criteria=(cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 30, 0.01))
    ok = st.ravel() == 1
    return pts[ok].reshape(-1, 2), nxt[ok].reshape(-1, 2)


def parallax(a: np.ndarray, b: np.ndarray) -> tuple[float, float] | None:
    """Depth parallax between two gray frames some steps apart: the spread (interquartile range, fraction of
    the width) of the horizontal and vertical motion left once the frame's zoom is taken out.

    A pan or a tilt moves every point alike and a dolly scales them about the centre: both leave no spread.
    An orbit keeps its subject while the background slides the other way (near and far at different
    speeds): a wide spread, mostly horizontal. A person crossing a locked frame moves a minority of the
    points and barely moves the quartiles."""
    pts = _fast_corners(a)
    if pts is None or len(pts) < 20:
        return None
    p0, p1 = _track(a, b, pts)
    if len(p0) < 20:
        return None
    m, inl = cv2.estimateAffinePartial2D(p0, p1, method=cv2.RANSAC, ransacReprojThreshold=1.0)
    if m is None:
        return None
    s = float(np.hypot(m[0, 0], m[1, 0]))
    h, w = a.shape
    c = np.array([w / 2, h / 2])
    d = (p1 - c) - s * (p0 - c)          # motion with the zoom about the centre removed (translation stays)
    iq = np.percentile(d, 75, axis=0) - np.percentile(d, 25, axis=0)
    return float(iq[0] / w), float(iq[1] / w)


def _step_transform(a: np.ndarray, b: np.ndarray, *, fast: bool = False) -> tuple[float, float, float] | None:
    """(log scale, dx, dy) of the centre between two gray frames, in pixels; None if untrackable."""
    pts = _fast_corners(a) if fast else _grid_corners(a)
    if pts is None or len(pts) < 10:
        return None
    nxt, st, _ = cv2.calcOpticalFlowPyrLK(a, b, pts, None, winSize=(21, 21), maxLevel=3,
                                          criteria=(cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 30, 0.01))
    ok = st.ravel() == 1
    if ok.sum() < 8:
        return None
    p0, p1 = pts[ok].reshape(-1, 2), nxt[ok].reshape(-1, 2)
    m, inl = cv2.estimateAffinePartial2D(p0, p1, method=cv2.RANSAC, ransacReprojThreshold=1.0)
    if m is None or inl is None or inl.sum() < 6:
        return None
    # a subject crossing a locked frame can carry more corners than the background it covers, and RANSAC
    # then follows the subject; but under a moving camera nothing stays put, so when many points did not
    # move at all while the chosen motion moves them by pixels, the camera stood still
    moved = float(np.median(np.hypot(*(p0 @ m[:, :2].T + m[:, 2] - p0).T)))
    still = int((np.hypot(*(p1 - p0).T) < 0.5).sum())
    if moved > 1.5 and still >= max(6, 0.25 * len(p0), 0.5 * int(inl.sum())):
        return 0.0, 0.0, 0.0
    s = float(np.hypot(m[0, 0], m[1, 0]))
    h, w = a.shape
    cx, cy = w / 2, h / 2
    nx = m[0, 0] * cx + m[0, 1] * cy + m[0, 2]
    ny = m[1, 0] * cx + m[1, 1] * cy + m[1, 2]
    return float(np.log(max(s, 1e-6))), float(nx - cx), float(ny - cy)


def orbit_parallax(gray: np.ndarray, fidx: list[int] | None = None, fps: float = 16.0, *,
                   pairs: int = 5, span_s: float = 0.6) -> float:
    """The clip's parallax rate: the lower quartile over a few frame pairs `span_s` apart of the horizontal spread
    (see :func:`parallax`), per second, fraction of the width; 0 where the spread is mostly vertical."""
    n = len(gray)
    fidx = list(range(n)) if fidx is None else fidx
    step_s = (fidx[-1] - fidx[0]) / fps / max(1, n - 1) if n > 1 else 1.0
    k = max(1, int(round(span_s / max(step_s, 1e-6))))
    if n <= k:
        k = n - 1
    if k < 1:
        return 0.0
    starts = np.unique(np.linspace(0, n - 1 - k, min(pairs, n - k)).astype(int))
    rates = []
    for i in starts:
        r = parallax(gray[i], gray[i + k])
        if r is None:
            continue
        px, py = r
        dt = (fidx[i + k] - fidx[i]) / fps or 1.0
        rates.append(px / dt if px > 1.5 * py else 0.0)
    # the orbit goes on all clip long: the lower quartile over the pairs, so a subject crossing a pan (parallax
    # in a few pairs only) does not read as one
    return float(np.percentile(rates, 25)) if rates else 0.0


ORBIT_MIN_PARALLAX = 0.010   # horizontal parallax spread, fraction of the width per second
ORBIT_STEADY = 0.85          # net / travelled path of the frame: an orbiting camera travels one way all clip long


def flash_frames(gray: np.ndarray, min_jump: float = 5.0) -> set[int]:
    """Frames whose mean luma jumps off the 5-frame median (the flicker probe's outliers)."""
    y = gray.reshape(len(gray), -1).mean(1)
    if len(y) < 5:
        return set()
    pad = np.pad(y, 2, mode="edge")
    med = np.array([np.median(pad[i:i + 5]) for i in range(len(y))])
    return {int(i) for i in np.flatnonzero(np.abs(y - med) >= min_jump)}


def camera_motion(gray: np.ndarray, *, fast: bool = False, fidx: list[int] | None = None,
                  fps: float = 16.0) -> CameraEstimate:
    """Classify the camera move of a clip from consecutive gray frames.

    `fast`: one corner pass per frame instead of one per grid cell, and the orbit check (parallax over
    frame pairs ~0.6 s apart); the classic classification otherwise."""
    est = CameraEstimate(steps=max(0, len(gray) - 1))
    if len(gray) < 3:
        est.notes.append("too few frames to measure the camera")
        return est
    w = gray.shape[2]
    # a flash is not a camera move: leave out every step across which the mean luma jumps (a move barely
    # changes it), and the steps into and out of the flicker probe's outlier frames
    skip = flash_frames(gray) if fast else set()
    luma = gray.reshape(len(gray), -1).mean(1)
    skipped = [i for i in range(len(gray) - 1) if fast and (i in skip or i + 1 in skip or abs(luma[i + 1] - luma[i]) >= 4)]
    if len(skipped) > 0.6 * (len(gray) - 1):
        skipped = []                    # flashing nearly every frame: track through it rather than not at all
    rows = [None if i in skipped else _step_transform(gray[i], gray[i + 1], fast=fast) for i in range(len(gray) - 1)]
    tracked = sum(r is not None for r in rows) + len(skipped)
    for i in skipped:                   # a left-out step moves like its tracked neighbours
        near = [rows[j] for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(rows) and rows[j] is not None
                and j not in skipped]
        if near:
            rows[i] = tuple(float(np.mean([r[c] for r in near])) for c in range(3))
    good = [r if r is not None else (0.0, 0.0, 0.0) for r in rows]
    est.steps_tracked = tracked
    if skipped:
        est.notes.append(f"{len(skipped)} step(s) across a flash left out of the camera estimate")
    if est.steps_tracked < max(2, est.steps // 3):
        est.notes.append("too little texture to track the camera; assumed locked")
        return est
    arr = np.array(good)
    ls, dx, dy = arr[:, 0], arr[:, 1] / w, arr[:, 2] / w
    est.zoom_total = float(ls.sum())
    est.shift_x, est.shift_y = float(dx.sum()), float(dy.sum())
    k = 5 if len(dx) >= 9 else 3
    kern = np.ones(k) / k

    def hf(v: np.ndarray) -> np.ndarray:
        return v - np.convolve(np.pad(v, k // 2, mode="edge"), kern, mode="valid")

    # the typical step, not the worst: one jump (a frozen stretch catching up, a subject the tracker
    # followed for a step) is not a shaking hand; the largest tenth of the steps is left out
    e2 = np.sort(hf(dx) ** 2 + hf(dy) ** 2)
    est.jitter = float(np.sqrt(np.mean(e2[:max(1, int(np.ceil(0.9 * len(e2))))])))
    path = np.stack([np.cumsum(dx), np.cumsum(dy)], 1)
    est.sway = float(np.max(np.ptp(path, axis=0)))
    net = float(np.hypot(est.shift_x, est.shift_y))
    travelled = float(np.sum(np.hypot(dx, dy))) or 1e-9
    zoom_consistent = abs(est.zoom_total) / (np.abs(ls).sum() or 1e-9)
    est.steady = net / travelled
    est.zoom_steady = float(zoom_consistent)
    if fast:
        est.parallax = orbit_parallax(gray, fidx, fps)
    # a steady slide of the frame; where the frame both slides and scales, the larger change is the move
    pans = (net >= PAN_MIN_SHIFT and net / travelled > 0.6) or (net >= PAN_STEADY_SHIFT and net / travelled > 0.9)
    # shake is handheld when it adds up to more than half the net travel; on a long travel (a frame or more) the
    # tracker's own error grows with the speed, so there the shake must come close to the travel itself
    if est.jitter >= HANDHELD_JITTER and est.jitter * len(dx) > max(0.5 * net, net - LONG_TRAVEL_SLACK):
        est.move = "handheld"
    elif fast and est.parallax >= ORBIT_MIN_PARALLAX and net / travelled >= ORBIT_STEADY:
        est.move = "orbit"
    elif abs(est.zoom_total) >= DOLLY_MIN_ZOOM and zoom_consistent > (0.5 if abs(est.zoom_total) >= DOLLY_SURE_ZOOM
                                                                     else DOLLY_SMALL_STEADY) \
            and not (pans and net > abs(est.zoom_total)):
        est.move = "dolly_in" if est.zoom_total > 0 else "dolly_out"
    elif pans:
        est.move = "pan"
    elif est.sway >= HANDHELD_SWAY and net / travelled < 0.6 and est.jitter >= HANDHELD_SWAY_JITTER:
        est.move = "handheld"
    return est


def motion_energy(gray: np.ndarray, fps_analysis: float, *, max_pairs: int | None = None) -> float:
    """Median dense-flow magnitude, in % of the frame width per second (camera and subject motion alike).

    `max_pairs`: measure that many consecutive pairs spread over the clip instead of all of them."""
    if len(gray) < 2:
        return 0.0
    if max_pairs and len(gray) - 1 > max_pairs:
        starts = np.unique(np.linspace(0, len(gray) - 2, max_pairs).astype(int))
        gray = np.stack([g for i in starts for g in (gray[i], gray[i + 1])])
        pairs = [(2 * j, 2 * j + 1) for j in range(len(starts))]
    else:
        pairs = [(i, i + 1) for i in range(len(gray) - 1)]
    small = gray
    if gray.shape[2] > 160:
        size = (160, max(2, int(round(gray.shape[1] * 160 / gray.shape[2]))))
        small = np.stack([cv2.resize(g, size, interpolation=cv2.INTER_AREA) for g in gray])
    w = small.shape[2]
    mags = []
    for ia, ib in pairs:
        a, b = small[ia], small[ib]
        flow = cv2.calcOpticalFlowFarneback(a, b, None, 0.5, 3, 15, 3, 5, 1.2, 0)
        mags.append(float(np.mean(np.hypot(flow[..., 0], flow[..., 1]))))
    return float(np.median(mags) / w * fps_analysis * 100)


def motion_level(energy: float) -> str:
    return "still" if energy < ENERGY_STILL else ("strong" if energy >= ENERGY_STRONG else "subtle")


def _runs(mask: np.ndarray, gap: int = 0) -> list[tuple[int, int]]:
    """(start, end) index pairs of True runs in `mask`, bridging gaps of up to `gap` False items."""
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return []
    out, s, e = [], idx[0], idx[0]
    for i in idx[1:]:
        if i - e <= gap + 1:
            e = i
        else:
            out.append((int(s), int(e)))
            s = e = i
    out.append((int(s), int(e)))
    return out


def _ev(what: str, a: int, b: int, fidx: list[int], fps: float) -> Evidence:
    return Evidence(what=what, t_start=round(fidx[a] / fps, 2), t_end=round(fidx[b] / fps, 2),
                    frame_start=fidx[a], frame_end=fidx[b])


def flicker(gray: np.ndarray, fidx: list[int], fps: float, *, min_jump: float = 5.0) -> tuple[list[Evidence], float]:
    """Frame-to-frame luminance jumps that a 5-frame median does not follow (fades and cuts do not count)."""
    y = gray.reshape(len(gray), -1).mean(1)
    if len(y) < 5:
        return [], 0.0
    pad = np.pad(y, 2, mode="edge")
    med = np.array([np.median(pad[i:i + 5]) for i in range(len(y))])
    dev = np.abs(y - med)
    mask = dev >= min_jump
    out = []
    for a, b in _runs(mask, gap=3):
        n = int(mask[a:b + 1].sum())
        if n >= 2:
            out.append(_ev(f"flicker: luminance jumps up to {dev[a:b + 1].max():.0f} levels ({n} jumps)", a, b, fidx, fps))
    return out, float(dev.max())


def black_frames(gray: np.ndarray, fidx: list[int], fps: float) -> list[Evidence]:
    flat = gray.reshape(len(gray), -1)
    mask = (flat.mean(1) < 14) & (flat.std(1) < 8)
    return [_ev(f"black frames ({b - a + 1})", a, b, fidx, fps) for a, b in _runs(mask)]


def frozen_frames(gray: np.ndarray, fidx: list[int], fps: float, *, min_s: float = 0.5,
                  camera_moves: bool = False, strict: bool = True) -> list[Evidence]:
    """Runs of identical frames in a clip that otherwise moves (a clip that never changes is a still, not frozen).

    `strict` (the default): the picture must *jump* when it resumes — the frames after the run differ from
    the held frame by well over the clip's usual step, because the world went on while the picture held.
    A still room before someone walks in holds too, but resumes with an ordinary step. A held stretch
    at the head or tail counts only while the camera moves (a moving camera cannot stand still)."""
    if len(gray) < 3:
        return []
    d = np.array([np.mean(cv2.absdiff(a, b)) for a, b in zip(gray[:-1], gray[1:])])
    same = d < 0.3
    if same.mean() > 0.9:
        return []
    step = float(np.median(d[~same])) if (~same).any() else 0.0
    out = []
    for a, b in _runs(same):
        if (fidx[b + 1] - fidx[a]) / fps < min_s or b - a + 1 < 3:
            continue
        if strict:
            held = gray[b + 1].astype(np.int16)
            after = [float(np.mean(np.abs(gray[j].astype(np.int16) - held))) for j in (b + 2, b + 3) if j < len(gray)]
            if after:
                if min(after) < max(2.5 * step, 1.0):
                    continue        # resumes with an ordinary step (or a lone flash): nothing froze
            elif not camera_moves:
                continue
        out.append(_ev(f"frozen: {b - a + 2} identical frames", a, b + 1, fidx, fps))
    return out


def loop_seam(gray: np.ndarray) -> tuple[float, float, bool]:
    """(SSIM last→first, median SSIM of consecutive frames, seamless?). The seam must look like any other cut."""
    from skimage.metrics import structural_similarity as ssim

    if len(gray) < 3:
        return 1.0, 1.0, True
    seam = float(ssim(gray[-1], gray[0], data_range=255))
    pick = np.linspace(0, len(gray) - 2, min(12, len(gray) - 1)).astype(int)
    cons = float(np.median([ssim(gray[i], gray[i + 1], data_range=255) for i in pick]))
    ok = seam >= 0.6 and seam >= cons - 0.12
    return round(seam, 4), round(cons, 4), ok
