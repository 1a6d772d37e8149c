"""Reading the words in a frame, and checking them against the words a shot asks for.

The reader is RapidOCR (``rapidocr-onnxruntime``): PP-OCRv4 text detection and recognition as ONNX, the model
files inside the wheel; nothing downloads. One engine per process, built on first use under a lock; calls are
serialised on the same lock (the engine keeps per-call state), and a wait for it longer than ``LOAD_TIMEOUT_S``
is an :class:`OcrUnavailable`, as is a wheel that is missing or does not load. Detection dominates the cost
(~0.25 s on a 480-px frame here), so :mod:`tools.probes_text` calls it only on the frames where it saw letters,
or, where the shot asks for words, on a few sampled frames.

Words are compared normalised: case, spacing and punctuation are ignored, nothing else
(``"Open all-night"`` is ``OPEN ALL NIGHT``; ``OPEN ALL NGHT`` is not).
"""

from __future__ import annotations

import difflib
import itertools
import threading
import time
from dataclasses import dataclass
from typing import Literal

import numpy as np
import structlog

log = structlog.get_logger()

__all__ = ["OcrUnavailable", "ReadLine", "WordCheck", "check_words", "normalise", "read_frame"]

LOAD_TIMEOUT_S = 60.0
MIN_SCORE = 0.6         # recognition confidence below this is not a reading
FULL_FRAME_PX = 480     # a frame smaller than this on its long side is scaled up to it before reading
SIMILAR = 0.6           # a reading this close to the asked words is those words misspelled, not other words


class OcrUnavailable(RuntimeError):
    """The OCR engine could not be loaded (wheel missing or broken). :mod:`tools.probes_text` turns it into a
    warning on the report (words not read) and the probe goes on; it never reaches the user as an error."""


@dataclass(frozen=True)
class ReadLine:
    """One line of text read in a frame: the words, the recogniser's confidence, the box (x, y, w, h)."""

    text: str
    score: float
    box: tuple[int, int, int, int]


_lock = threading.Lock()
_engine = None


def _get_engine():
    global _engine
    if _engine is not None:
        return _engine
    if not _lock.acquire(timeout=LOAD_TIMEOUT_S):
        raise OcrUnavailable(f"the OCR engine did not load within {LOAD_TIMEOUT_S:.0f} s")
    try:
        if _engine is None:
            t0 = time.monotonic()
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as e:
                raise OcrUnavailable(f"rapidocr-onnxruntime is not installed ({e}); run `make setup`") from None
            try:
                # det limit "max": a frame is read at its own size (its short side is not blown up to 736 px as by
                # default: 3x the time for the same words here); no angle classifier (generated text is upright)
                _engine = RapidOCR(det_limit_type="max", det_limit_side_len=960, use_cls=False,
                                   intra_op_num_threads=1, inter_op_num_threads=1)
            except Exception as e:  # noqa: BLE001 — onnxruntime raises its own types for a broken model file
                raise OcrUnavailable(f"the OCR engine failed to load ({e.__class__.__name__}: {e})") from None
            log.info("ocr_loaded", seconds=round(time.monotonic() - t0, 3))
        return _engine
    finally:
        _lock.release()


def _run(bgr: np.ndarray) -> list[tuple[list, str, float]]:
    eng = _get_engine()
    if not _lock.acquire(timeout=LOAD_TIMEOUT_S):
        raise OcrUnavailable(f"the OCR engine stayed busy for {LOAD_TIMEOUT_S:.0f} s")
    try:
        res, _ = eng(bgr)
    finally:
        _lock.release()
    return list(res or [])


def read_frame(rgb: np.ndarray) -> list[ReadLine]:
    """The lines of text in one RGB frame (H x W x 3 uint8), top to bottom, boxes in the frame's pixels.

    The whole frame is read (the letter finder's boxes often miss the words it was right to flag); a frame
    smaller than ``FULL_FRAME_PX`` on its long side is scaled up to it first. A line counts when the recogniser's
    confidence is at least ``MIN_SCORE`` and it holds two letters or digits.
    """
    import cv2

    h, w = rgb.shape[:2]
    bgr = np.ascontiguousarray(rgb[..., ::-1])     # RapidOCR takes arrays as BGR
    k = max(1.0, FULL_FRAME_PX / max(w, h))
    if k > 1.01:
        bgr = cv2.resize(bgr, (round(w * k), round(h * k)), interpolation=cv2.INTER_CUBIC)
    out: list[ReadLine] = []
    for pts, text, score in _run(bgr):
        text = " ".join(str(text).split())
        if float(score) < MIN_SCORE or sum(ch.isalnum() for ch in text) < 2:
            continue
        a = np.asarray(pts, dtype=float) / k
        x0, y0 = a[:, 0].min(), a[:, 1].min()
        out.append(ReadLine(text, round(float(score), 3),
                            (int(x0), int(y0), int(a[:, 0].max() - x0), int(a[:, 1].max() - y0))))
    out.sort(key=lambda r: (r.box[1], r.box[0]))
    return out


def normalise(words: str) -> str:
    """Case, spacing and punctuation dropped: ``"Open all-night!"`` → ``"OPENALLNIGHT"``."""
    return "".join(ch for ch in words.upper() if ch.isalnum())


@dataclass(frozen=True)
class WordCheck:
    """What became of one line of words the shot asks for."""

    asked: str
    status: Literal["right", "misspelled", "missing"]
    read_as: str | None = None    # for misspelled: the reading closest to what was asked

    def says(self) -> str:
        if self.status == "right":
            return f"'{self.asked}' is in frame, spelled right"
        if self.status == "misspelled":
            return f"'{self.asked}' is misspelled in frame: it reads '{self.read_as}'"
        return f"'{self.asked}' is not in frame"


def check_words(asked: list[str], read: list[list[str]]) -> list[WordCheck]:
    """Each asked line against what was read (a list of lines per frame read).

    Right: its normalised letters appear in one frame's lines (joined in reading order, so a sign read as two
    lines still counts). Misspelled: not right, but a line read (or two neighbouring lines) is at least
    ``SIMILAR`` alike by :class:`difflib.SequenceMatcher` on the normalised letters. Otherwise missing.
    """
    out: list[WordCheck] = []
    for words in asked:
        want = normalise(words)
        if not want:
            continue
        if any(want in normalise(" ".join(lines)) for lines in read):
            out.append(WordCheck(words, "right"))
            continue
        best, best_text = 0.0, None
        for lines in read:
            cands = list(lines) + [f"{a} {b}" for a, b in itertools.pairwise(lines)]
            for c in cands:
                r = difflib.SequenceMatcher(None, want, normalise(c)).ratio()
                if r > best:
                    best, best_text = r, c
        out.append(WordCheck(words, "misspelled", best_text) if best >= SIMILAR and best_text
                   else WordCheck(words, "missing"))
    return out
