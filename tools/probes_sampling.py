"""Which frames the people detectors look at, and how their hits become evidence.

- :class:`FrameLooks`: one detection per distinct frame (a locked shot's frames are looked at once), spread over
  a few detectors in threads, each detector used by one thread at a time.
- :func:`coarse_to_fine`: a few frames over the whole clip, then only around what they found.
- :func:`hit_runs` / :func:`runs_to_evidence`: hits in consecutive sampled frames → runs →
  :class:`~nightreel.schema.Evidence`; :func:`look_again_in_gaps`: a frame missing from a run is looked at again
  where the run is; :func:`confirm_brief_runs`: a run on one coarse frame needs a second detector, and is one thing
  in one place.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np

from nightreel.schema import Evidence

__all__ = ["FrameLooks", "coarse_picks", "coarse_to_fine", "confirm_brief_runs", "hit_runs", "lender",
           "look_again_in_gaps", "runs_to_evidence"]

Box = tuple[int, int, int, int]


class FrameLooks:
    """`detector(frame, deep)` on analysis frames, at most one look per distinct frame and depth.

    A frame no block of which changed since a frame already looked at (block means on a `grid` within `level`
    luma levels: a locked shot's sampled frames, mostly) gets that frame's result, if that look was as deep; a
    look still running is waited for, not repeated. A block is 1/32 of the width: a person far away entering
    changes several. `detectors` lends each detector (its graphs are stateful) to one thread at a time: it may be
    shared by the critiques of several clips at once (:func:`lender`)."""

    def __init__(self, frames: np.ndarray, detectors: queue.Queue, *,
                 grid: tuple[int, int] = (32, 18), level: float = 2.0):
        import cv2

        self._cv2, self.frames, self.grid, self.level = cv2, frames, grid, level
        self._free = detectors
        self._thumbs: dict[int, np.ndarray] = {}
        self._looks: dict[int, tuple[Future, bool]] = {}
        self._lock = threading.Lock()

    def _thumb(self, k: int) -> np.ndarray:
        if k not in self._thumbs:
            g = self._cv2.cvtColor(np.ascontiguousarray(self.frames[k]), self._cv2.COLOR_RGB2GRAY)
            self._thumbs[k] = self._cv2.resize(g, self.grid, interpolation=self._cv2.INTER_AREA).astype(np.int16)
        return self._thumbs[k]

    def __call__(self, k: int, deep: bool = True) -> Any:
        fut: Future | None = None
        with self._lock:
            t = self._thumb(k)
            for j in sorted(self._looks, key=lambda j: abs(j - k)):
                other, was_deep = self._looks[j]
                if (was_deep or not deep) and int(np.abs(self._thumb(j) - t).max()) <= self.level:
                    fut = other
                    break
            mine = fut is None
            if fut is None:
                fut = Future()
                self._looks[k] = (fut, deep)
        if not mine:
            return fut.result()         # looked at already, or being looked at by another thread
        det = self._free.get()
        try:
            fut.set_result(det(self.frames[k], deep))
        except BaseException as e:
            fut.set_exception(e)
            raise
        finally:
            self._free.put(det)
        return fut.result()


def lender(detectors: list[Callable[[np.ndarray, bool], Any]]) -> queue.Queue:
    """A queue holding the detectors, for :class:`FrameLooks` to borrow them from and give them back."""
    q: queue.Queue = queue.Queue()
    for d in detectors:
        q.put(d)
    return q


def coarse_to_fine(look: Callable[[int, bool], Any], n: int, coarse: int, *, depth: int = 3,
                   workers: int = 1) -> dict[int, Any]:
    """Run `look(k, deep)` on `coarse` frames spread over the n analysis frames, then only where it found
    something: bisect every gap between a hit and a miss (down to `depth` halvings, to time the entry/exit) and
    add the neighbours of a hit that stands alone (so a real person makes a run, a one-frame glitch does not; at the
    clip's first or last frame, one step further inward: :func:`_inward`).
    A result is a hit when it has `.people` or `.hands`.

    Every look is the deep one (tiles for people far away or cut by the edge, MTCNN for profiles), the coarse
    frames' too: a quick look on every other coarse frame lost a person the deep look saw there in two of four
    encodings of a real clip (evals/results/critic-real-stability.md). So a person too small for the quick look is
    found where they stay one coarse frame, and timed as closely as before. The looks of
    each step (the coarse frames, the gaps, the neighbours) run `workers` at a time; with more than one worker
    `look` must itself make concurrent asks for the same frame one look (:class:`FrameLooks` does)."""
    seen: dict[int, Any] = {}
    deep: set[int] = set()

    def at(k: int, full: bool = True) -> Any:
        if k not in seen or (full and k not in deep):
            seen[k] = look(k, full)
            if full:
                deep.add(k)
        return seen[k]

    def hit(k: int) -> bool:
        d = at(k)
        return bool(d.people or d.hands)

    def found(k: int) -> bool:
        return bool(seen[k].people or seen[k].hands)

    def close_in(lo: int, hi: int) -> None:       # lo and hi disagree; close in on the change
        for _ in range(depth):
            if hi - lo < 2:
                break
            m = (lo + hi) // 2
            if hit(m) == hit(lo):
                lo = m
            else:
                hi = m

    with ThreadPoolExecutor(max(1, workers), thread_name_prefix="people-look") as pool:
        def each(fn, args) -> None:
            for _ in pool.map(lambda a: fn(*a), args):   # re-raises a look's error here
                pass

        picks = coarse_picks(n, coarse)
        each(at, [(k, True) for k in picks])
        each(close_in, [(a, b) for a, b in zip(picks[:-1], picks[1:]) if found(a) != found(b)])
        gap = max(1, (picks[1] - picks[0]) // 4) if len(picks) > 1 else 1
        order = sorted(seen)
        lone = []                                  # a hit not flanked by hits gets its close neighbours
        for i, k in enumerate(order):
            flanked = 0 < i < len(order) - 1 and found(order[i - 1]) and found(order[i + 1])
            if found(k) and not flanked:
                lone += [j for j in (k - gap, k + gap) if 0 <= j < n and j not in seen]
        each(at, [(j,) for j in sorted(set(lone))])
        each(at, [(j,) for j in _inward(seen, n, found)])
    return seen


def _inward(seen: dict[int, Any], n: int, found: Callable[[int], bool]) -> list[int]:
    """A hit on the clip's first or last frame has one neighbour where a hit inside has two: where that neighbour hits
    too and the next sampled frame does not, the frame one more step inward (a crowd seen in the first half second,
    on frames 0 and 2, was two frames of a run of three)."""
    order = sorted(seen)
    out = []
    for seq, end in ((order, 0), (order[::-1], n - 1)):
        if len(seq) < 2 or seq[0] != end or not (found(seq[0]) and found(seq[1])):
            continue
        j = 2 * seq[1] - seq[0]
        before_next = len(seq) < 3 or (not found(seq[2]) and min(seq[1], seq[2]) < j < max(seq[1], seq[2]))
        if 0 <= j < n and j not in seen and before_next:
            out.append(j)
    return out


def coarse_picks(n: int, coarse: int) -> list[int]:
    """The `coarse` frames :func:`coarse_to_fine` looks at first: spread evenly over n, the first and last included."""
    return sorted({int(round(i * (n - 1) / max(1, min(n, coarse) - 1))) for i in range(min(n, coarse))})


def hit_runs(hits: list[list[tuple[Box, str, float]]], frame_idx: list[int], *, min_run: int,
             agree_within: float | None = None) -> list[tuple[int, int]]:
    """The runs :func:`runs_to_evidence` reports, as (first, last) positions in `hits`."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(hits)
    while i < n:
        if not hits[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and hits[j + 1]:
            j += 1
        kinds = {h[1] for k in range(i, j + 1) for h in hits[k]}
        agree = len(kinds) >= 2 and j - i + 1 >= max(1, min_run - 1) and (
            agree_within is None or frame_idx[j] - frame_idx[i] <= agree_within)
        if j - i + 1 >= min_run or agree:
            out.append((i, j))
        i = j + 1
    return out


def confirm_brief_runs(hits: list[list[tuple[Box, str, float]]], pick: list[int], idx: list[int], coarse: set[int],
                       bodies: Callable[[int], list[tuple[Box, str, float]]] | None, *, min_run: int,
                       within: float | None, exempt: frozenset[str]) -> tuple[list[list[tuple[Box, str, float]]], int]:
    """`hits` (on the analysis frames `pick`) with the brief runs `bodies` does not confirm cleared; and how many
    frames `bodies(k)` looked at.

    A brief run holds at most one of the `coarse` frames: whether a coarse frame fell on it is chance (the same
    clip encoded again or scaled moves a stray fit by a frame), and the close looks around that one hit then make
    it a run. Such a run with no hit of an `exempt` kind counts where `bodies` (the head-free body detector) finds
    a body on one of its frames overlapping a hit. A pose fitted to a lighthouse's lamp and rock, to a glass
    flower or to a paper plane is then nobody however the clip was encoded; a person walking through is a body
    too. A brief run is one thing in one place: where the hits of two neighbouring frames do not overlap, its
    parts are judged apart, each a run by itself (:func:`_pieces`) — two tiled poses on a rooftop and a pose on
    another tower two frames later are two glimpses, not someone seen three times. `bodies` None: every run
    stands."""
    out, looked = [list(h) for h in hits], 0
    if bodies is None:
        return out, 0
    for i, j in hit_runs(hits, idx, min_run=min_run, agree_within=within):
        if sum(1 for k in pick[i:j + 1] if k in coarse) > 1 or any(h[1] in exempt for m in range(i, j + 1)
                                                                    for h in hits[m]):
            continue
        keep: set[int] = set()
        for a, b in _pieces(hits, i, j):
            if not hit_runs(hits[a:b + 1], idx[a:b + 1], min_run=min_run, agree_within=within):
                continue
            for m in (m for m in range(a, b + 1) if hits[m]):
                looked += 1
                if any(_overlap(bx, h[0]) > 0.3 for bx, _, _ in bodies(pick[m]) for h in hits[m]):
                    keep.update(range(a, b + 1))
                    break
        out[i:j + 1] = [out[m] if m in keep else [] for m in range(i, j + 1)]
    return out, looked


Hits = list[list[tuple[Box, str, float]]]


def look_again_in_gaps(hits: Hits, pick: list[int],
                       look: Callable[[int, Box], list[tuple[Box, str, float]]]) -> tuple[Hits, int]:
    """`hits` (on the analysis frames `pick`) with each one-frame gap in a run filled where a second look finds the
    body there; and how many frames it looked at.

    A gap is a sampled frame with no hit between two whose hits overlap in place: a figure the pose model fits on
    one frame and not on the next (a man getting into a car, a lone figure under an arch), which breaks a run of
    four into pieces too short to count. `look(k, region)` looks again at frame k around the flanking hits (the
    head-free body detector on a crop, :meth:`tools.probes_bodies.BodyDetector.detect_around`); its hits on that
    region fill the gap. Nothing is filled blindly: a pose flickering on a microphone or a dragon's wing has no
    body there."""
    out, looked = [list(h) for h in hits], 0
    for m in range(1, len(hits) - 1):
        if hits[m] or not hits[m - 1] or not hits[m + 1]:
            continue
        near = [box for a in hits[m - 1] for b in hits[m + 1] if _overlap(a[0], b[0]) > 0 for box in (a[0], b[0])]
        if not near:
            continue
        region = _union(near)
        looked += 1
        out[m] = [h for h in look(pick[m], region) if _overlap(h[0], region) > 0.3]
    return out, looked


def _pieces(hits: list[list[tuple[Box, str, float]]], i: int, j: int) -> list[tuple[int, int]]:
    """The run `hits[i..j]` cut where no hit of a frame overlaps a hit of the next, as (first, last) positions."""
    out, start = [], i
    for m in range(i, j + 1):
        if m == j or not any(_overlap(a[0], b[0]) > 0 for a in hits[m] for b in hits[m + 1]):
            out.append((start, m))
            start = m + 1
    return out


def _overlap(a: Box, b: Box) -> float:
    """Intersection over the smaller box's area."""
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    return ix * iy / max(1, min(a[2] * a[3], b[2] * b[3]))


def _union(boxes: list[Box]) -> Box:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0


def runs_to_evidence(hits: list[list[tuple[Box, str, float]]], frame_idx: list[int], fps: float, *,
                     min_run: int, label: str, scale: float = 1.0,
                     agree_within: float | None = None) -> list[Evidence]:
    """Runs of consecutive sampled frames with hits (at least `min_run` long) as Evidence, boxes scaled to the clip.

    Two detectors agreeing make a run one frame shorter, but only where its frames lie within `agree_within`
    (in `frame_idx` units; None: anywhere): two coarse frames a whole step apart, one a face, the other a tiled
    pose, are two separate glances at different pictures, not one person seen twice."""
    out: list[Evidence] = []
    n = len(hits)
    for i, j in hit_runs(hits, frame_idx, min_run=min_run, agree_within=agree_within):
        allh = [h for k in range(i, j + 1) for h in hits[k]]
        kinds = sorted({h[1] for h in allh})
        per_frame = np.array([_union([h[0] for h in hits[k]]) for k in range(i, j + 1)], dtype=float)
        box = tuple(int(round(v * scale)) for v in np.median(per_frame, axis=0))  # typical, not the sweep
        out.append(Evidence(
            what=f"{label} ({', '.join(kinds)}; {j - i + 1} of {n} sampled frames)",
            t_start=round(frame_idx[i] / fps, 2), t_end=round(frame_idx[j] / fps, 2),
            frame_start=frame_idx[i], frame_end=frame_idx[j], box=box))  # type: ignore[arg-type]
    return out
