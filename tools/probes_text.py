"""Text in frame: MSER character candidates grouped into lines (no model, nothing downloaded).

OpenCV's scene-text models (EAST, DB, the ER-filter classifiers) are not shipped in any wheel, and its
stroke-width transform (``cv2.text.detectTextSWT``) takes about a second per 640-px frame here and fires on
foliage. This probe is the classic pipeline, cheap on a downscaled frame:

1. MSER regions of the gray frame (dark-on-light and light-on-dark alike);
2. character candidates: a plausible size (6 px to a fifth of the frame high), shape (not a line, not a
   blob), solidity, strong contrast with their surroundings and a regular stroke (the distance transform's
   spread along the region is small — a letter is drawn with one pen, a leaf or a star is not);
3. lines: candidates of similar height whose centres align, a small gap apart, chained left to right;
   a line of at least ``min_chars`` characters at least three heights wide is text.

Evidence is reported for runs of sampled frames with text, with the union box of the lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from nightreel.schema import Evidence

__all__ = ["TextLine", "detect_text", "text_lines"]

WIDTH = 480


@dataclass
class TextLine:
    box: tuple[int, int, int, int]
    chars: int
    height: float


def _candidates(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    h, w = gray.shape
    mser = cv2.MSER_create(delta=6, min_area=12, max_area=int(0.004 * h * w), max_variation=0.25)
    regions, boxes = mser.detectRegions(gray)
    out = []
    if len(boxes) == 0:
        return out
    boxes = np.asarray(boxes)
    bw_, bh_ = boxes[:, 2].astype(float), boxes[:, 3].astype(float)
    sizes = np.fromiter((len(r) for r in regions), float, len(regions))
    fill_ = sizes / np.maximum(1.0, bw_ * bh_)
    ok = (bh_ >= 6) & (bh_ <= h / 5) & (bw_ >= 2) & (bw_ / bh_ >= 0.12) & (bw_ / bh_ <= 1.6) & (fill_ >= 0.12) & (fill_ <= 0.9)
    padded = cv2.copyMakeBorder(gray, 3, 3, 3, 3, cv2.BORDER_REFLECT)
    idx = np.flatnonzero(ok)
    _, first = np.unique(boxes[idx] // 2, axis=0, return_index=True)   # nested MSERs: one per box
    for i in idx[np.sort(first)]:
        pts = regions[i]
        x, y, bw, bh = (int(v) for v in boxes[i])
        P = 3
        mask = np.zeros((bh + 2 * P, bw + 2 * P), np.uint8)
        mask[pts[:, 1] - y + P, pts[:, 0] - x + P] = 255
        inside = gray[pts[:, 1], pts[:, 0]].astype(np.float32)
        ring = (cv2.dilate(mask, np.ones((5, 5), np.uint8)) > 0) & (mask == 0)
        around = padded[y:y + bh + 2 * P, x:x + bw + 2 * P][ring]
        if around.size < 4 or abs(inside.sum() / inside.size - around.sum() / around.size) < 45:
            continue
        dist = cv2.distanceTransform(mask, cv2.DIST_L2, 3)
        ridge = dist[(dist > 0) & (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8)) - 0.5)]
        if ridge.size < 3:
            continue
        sw = float(ridge.mean())
        if sw <= 0 or float(ridge.std()) / sw > 0.6 or sw > 0.35 * bh:
            continue
        out.append((x, y, bw, bh))
    return out


def text_lines(rgb_or_gray: np.ndarray, *, min_chars: int = 3) -> list[TextLine]:
    """Lines of text in one frame (boxes in that frame's pixels)."""
    g = rgb_or_gray if rgb_or_gray.ndim == 2 else cv2.cvtColor(rgb_or_gray, cv2.COLOR_RGB2GRAY)
    k = 1.0
    if g.shape[1] > WIDTH:
        k = g.shape[1] / WIDTH
        g = cv2.resize(g, (WIDTH, int(round(g.shape[0] / k))), interpolation=cv2.INTER_AREA)
    cands = sorted(_candidates(g), key=lambda b: b[0])
    n = len(cands)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        xi, yi, wi, hi = cands[i]
        for j in range(i + 1, n):
            xj, yj, wj, hj = cands[j]
            if xj > xi + wi + 1.2 * max(hi, hj):
                break
            if max(hi, hj) / min(hi, hj) > 1.5:
                continue
            if abs((yi + hi / 2) - (yj + hj / 2)) > 0.35 * max(hi, hj):
                continue
            if xj < xi + 0.3 * wi and abs(yi - yj) < 2:   # the same glyph found twice (nested MSER)
                continue
            parent[find(j)] = find(i)
    groups: dict[int, list[tuple[int, int, int, int]]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(cands[i])
    lines = []
    for g_ in groups.values():
        # distinct characters: drop boxes mostly inside another
        xs = sorted(g_, key=lambda b: b[0])
        distinct = [xs[0]]
        for b in xs[1:]:
            if b[0] >= distinct[-1][0] + 0.5 * distinct[-1][2]:
                distinct.append(b)
        if len(distinct) < min_chars:
            continue
        centres = np.array([b[0] + b[2] / 2 for b in distinct])
        steps = np.diff(centres)
        if len(steps) >= 3 and float(np.std(steps)) < 0.2 * float(np.mean(steps)):
            continue    # evenly spaced repeats (tiles, railings, a fence) are a pattern, not writing
        x0 = min(b[0] for b in g_)
        y0 = min(b[1] for b in g_)
        x1 = max(b[0] + b[2] for b in g_)
        y1 = max(b[1] + b[3] for b in g_)
        hmed = float(np.median([b[3] for b in g_]))
        if x1 - x0 < 2.5 * hmed or (x1 - x0) / len(distinct) < 0.45 * hmed:
            continue    # too short, or slivers packed tighter than letters are (a carved frieze, a grille)
        if not _two_tone(g[y0:y1, x0:x1]):
            continue
        lines.append(TextLine((int(x0 * k), int(y0 * k), int((x1 - x0) * k), int((y1 - y0) * k)), len(distinct),
                              hmed * k))
    return lines


def _two_tone(patch: np.ndarray) -> bool:
    """Letters on a plain ground: Otsu's two classes explain most of the patch's variance (foliage, tiles and
    gravel are many-toned)."""
    if patch.size < 20:
        return False
    v = float(patch.var())
    if v < 100:
        return False
    t, _ = cv2.threshold(patch, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    lo, hi = patch[patch <= t], patch[patch > t]
    if lo.size == 0 or hi.size == 0:
        return False
    within = (lo.var() * lo.size + hi.var() * hi.size) / patch.size
    return 1 - within / v >= 0.7


def _has_text(lines: list[TextLine]) -> bool:
    """Words, not a coincidence: a line of five characters or more."""
    return any(ln.chars >= 5 for ln in lines)


def detect_text(frames: np.ndarray, frame_idx: list[int], fps: float, *, scale: float = 1.0,
                min_run: int = 2) -> list[Evidence]:
    """Runs of sampled frames that show text (at least `min_run` in a row), boxes scaled to the clip."""
    hits = [text_lines(f) for f in frames]
    out: list[Evidence] = []
    i, n = 0, len(hits)
    while i < n:
        if not _has_text(hits[i]):
            i += 1
            continue
        j = i
        while j + 1 < n and _has_text(hits[j + 1]):
            j += 1
        if j - i + 1 >= min(min_run, n):
            ls = [ln for k in range(i, j + 1) for ln in hits[k]]
            x0 = min(ln.box[0] for ln in ls)
            y0 = min(ln.box[1] for ln in ls)
            x1 = max(ln.box[0] + ln.box[2] for ln in ls)
            y1 = max(ln.box[1] + ln.box[3] for ln in ls)
            box = tuple(int(round(v * scale)) for v in (x0, y0, x1 - x0, y1 - y0))
            nl = max(len(hits[k]) for k in range(i, j + 1))
            out.append(Evidence(what=f"text: {nl} line(s) of letters ({j - i + 1} of {n} sampled frames)",
                                t_start=round(frame_idx[i] / fps, 2), t_end=round(frame_idx[j] / fps, 2),
                                frame_start=frame_idx[i], frame_end=frame_idx[j], box=box))  # type: ignore[arg-type]
        i = j + 1
    return out
