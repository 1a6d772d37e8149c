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

:func:`find_text` then reads the words (:mod:`tools.ocr`) on those frames only — one frame per run, a second
if the first reads nothing legible — so a clip without letters costs no OCR call, and a run where nothing legible
is read is not text (foliage, grilles: on the labelled real clips every such run was a false alarm). Where the shot asks for words,
or where the finder found no words at all, it also reads up to ``EXPECT_READS`` sampled frames the finder passed over (the
words may be there all the same: on the labelled real clips the finder passed over a badge in a corner, a wordmark on a
texture, words over a busy picture; reading three more frames took the text recall from 0.49 to 0.80 at a precision of 1.00, a fit).
Reading stops after ``OCR_BUDGET_S`` per clip; what was read by then is kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import cv2
import numpy as np

from nightreel.schema import Evidence
from tools.ocr import OcrUnavailable, ReadLine, read_frame

__all__ = ["TextFound", "TextLine", "detect_text", "find_text", "text_lines"]

WIDTH = 480
OCR_BUDGET_S = 2.0
EXPECT_READS = 3
FIND_CHARS = 4      # with the OCR to confirm, the finder flags a line of four characters (a badge, "OPEN")


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
        widths = np.array([b[2] for b in distinct], float)
        if len(steps) >= 3 and float(np.std(steps)) < 0.2 * float(np.mean(steps)) \
                and float(np.std(widths)) < 0.12 * float(np.mean(widths)):
            continue    # evenly spaced repeats of one width (tiles, railings, a fence) are a pattern, not writing
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


def _has_text(lines: list[TextLine], min_chars: int = 5) -> bool:
    """Words, not a coincidence: a line of five characters or more (four where the OCR checks the finding)."""
    return any(ln.chars >= min_chars for ln in lines)


def _runs(hits: list[list[TextLine]], min_run: int, min_chars: int = 5) -> list[tuple[int, int]]:
    """Runs (first, last) of sampled frames with text, at least `min_run` long (or all of a shorter clip)."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(hits)
    while i < n:
        if not _has_text(hits[i], min_chars):
            i += 1
            continue
        j = i
        while j + 1 < n and _has_text(hits[j + 1], min_chars):
            j += 1
        if j - i + 1 >= min(min_run, n):
            out.append((i, j))
        i = j + 1
    return out


def _union(boxes: list[tuple[int, int, int, int]], scale: float) -> tuple[int, int, int, int]:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return tuple(int(round(v * scale)) for v in (x0, y0, x1 - x0, y1 - y0))  # type: ignore[return-value]


def _evidence(hits: list[list[TextLine]], i: int, j: int, frame_idx: list[int], fps: float, scale: float,
              read: list[ReadLine] | None = None) -> Evidence:
    n = len(hits)
    nl = max(len(hits[k]) for k in range(i, j + 1))
    what = f"text: {nl} line(s) of letters ({j - i + 1} of {n} sampled frames)"
    if read is not None:
        what += (", read: " + " / ".join(f"'{r.text}'" for r in read)) if read else ", nothing legible read"
    boxes = [r.box for r in read] if read else [ln.box for k in range(i, j + 1) for ln in hits[k]]
    return Evidence(what=what, t_start=round(frame_idx[i] / fps, 2), t_end=round(frame_idx[j] / fps, 2),
                    frame_start=frame_idx[i], frame_end=frame_idx[j], box=_union(boxes, scale),
                    words=None if read is None else [r.text for r in read])


def detect_text(frames: np.ndarray, frame_idx: list[int], fps: float, *, scale: float = 1.0,
                min_run: int = 2) -> list[Evidence]:
    """Runs of sampled frames that show text (at least `min_run` in a row), boxes scaled to the clip. No OCR."""
    hits = [text_lines(f) for f in frames]
    return [_evidence(hits, i, j, frame_idx, fps, scale) for i, j in _runs(hits, min_run)]


@dataclass
class TextFound:
    """The text probe's findings: evidence (with the words read), and what reading cost."""

    evidence: list[Evidence] = field(default_factory=list)
    ocr_frames: int = 0
    ocr_seconds: float = 0.0
    warning: str | None = None


def find_text(frames: np.ndarray, frame_idx: list[int], fps: float, *, scale: float = 1.0, min_run: int = 2,
              expect_words: bool = False, budget_s: float = OCR_BUDGET_S) -> TextFound:
    """:func:`detect_text` with a lower bar (a line of ``FIND_CHARS`` characters), then the words read on the
    frames it flagged (and, with `expect_words` or where it flagged nothing legible, on a few of the others). The OCR confirms the finder: a run where
    it read nothing legible is dropped; where it could not read (budget spent, engine missing) the run stays,
    with ``words`` None."""
    hits = [text_lines(f) for f in frames]
    found = TextFound()
    reads: dict[int, list[ReadLine]] = {}
    t0 = time.monotonic()

    def read(k: int) -> list[ReadLine] | None:
        if k in reads:
            return reads[k]
        if found.warning or time.monotonic() - t0 > budget_s:
            return None
        try:
            reads[k] = read_frame(frames[k])
        except OcrUnavailable as e:
            found.warning = f"words in frame not read: {e}"
            return None
        return reads[k]

    runs = _runs(hits, min_run, FIND_CHARS)
    for i, j in runs:
        got: list[ReadLine] | None = None
        for k in dict.fromkeys([(i + j) // 2, i, j]):
            got = read(k)
            if got is None or got:
                break
        if got != []:
            found.evidence.append(_evidence(hits, i, j, frame_idx, fps, scale, got))
    if expect_words or not found.evidence:
        rest = [k for k in range(len(frames)) if not any(i <= k <= j for i, j in runs)]
        if len(rest) > EXPECT_READS:
            rest = [rest[int(round(q))] for q in np.linspace(0, len(rest) - 1, EXPECT_READS)]
        seen = [k for k in rest if read(k)]
        for k in seen:      # one evidence per frame read: the finder saw no run of letters around it
            lines = reads[k]
            found.evidence.append(Evidence(
                what="text read: " + " / ".join(f"'{r.text}'" for r in lines) + " (the letter finder saw no run here)",
                t_start=round(frame_idx[k] / fps, 2), t_end=round(frame_idx[k] / fps, 2), frame_start=frame_idx[k],
                frame_end=frame_idx[k], box=_union([r.box for r in lines], scale), words=[r.text for r in lines]))
        found.evidence.sort(key=lambda e: e.frame_start)
    found.ocr_frames = len(reads)
    found.ocr_seconds = round(time.monotonic() - t0, 3)
    return found
