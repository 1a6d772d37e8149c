"""The measured probes: one bounded decode pass over a clip → a :class:`ProbeReport`.

What is measured (see :mod:`tools.probes_people` and :mod:`tools.probes_motion` for how):
people and hands (boxes, runs of at least three sampled frames), the camera move (orbit by its depth
parallax), motion energy, text in frame (:mod:`tools.probes_text`),
flicker, black and frozen frames, the loop seam (first vs last frame SSIM), and the clip's
duration / fps / size. Nothing here calls a model over the network, and nothing downloads.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path

import numpy as np
import structlog

from nightreel.schema import ProbeReport
from tools.media import Limits, MediaInfo, decode_frames, even_indices, probe
from tools.probes_motion import (
    black_frames,
    camera_motion,
    flicker,
    frozen_frames,
    loop_seam,
    motion_energy,
    motion_level,
    to_gray,
)
from tools.probes_people import detect_people
from tools.probes_text import TextFound, find_text

log = structlog.get_logger()

__all__ = ["Limits", "run_probes"]


def run_probes(path: str | Path, *, root: str | Path, limits: Limits = Limits(), people: bool = True,
               info: MediaInfo | None = None, expect_text: bool = False) -> ProbeReport:
    """Probe a clip inside the studio. Synchronous and CPU-bound (run it in a thread from async code).

    Args:
        path: the clip (inside `root`).
        root: the studio folder.
        limits: bounds on decode time, analysis frames and clip length.
        people: run the people/hands detectors (the slowest probe).
        info: an already-read :class:`MediaInfo`, to skip the header probe.
        expect_text: the shot asks for words: the OCR reads a few sampled frames even where no letters were seen.

    Coarse to fine (the default): the people detectors look at 5–10 frames spread over the clip and refine
    only around a hit; the camera tracks one corner set per frame; flow energy is the median of 16 pairs;
    text is looked for on 4–5 frames. ``limits.dense`` runs the old exhaustive pass (benchmarks compare).

    Returns:
        The ProbeReport, with extra fields: codec, frames_analysed, stride, people_frames, camera_detail,
        flicker_max_jump, loop_seam_ok, frame_ssim_median, ocr_frames and ocr_seconds (what reading the words
        cost), seconds, warnings.
    """
    t0 = time.monotonic()
    info = info or probe(path, root=root, limits=limits)
    idxs, rgb = decode_frames(info.path, root=root, info=info, limits=limits)
    t_dec = time.monotonic() - t0
    gray = to_gray(rgb)
    stride = max(1, int(np.median(np.diff(idxs)))) if len(idxs) > 1 else 1
    fps_an = info.fps / stride
    dense = limits.dense
    ppl, hands, n_people = ([], [], 0)
    with ThreadPoolExecutor(1, thread_name_prefix="probe-people") as pool:
        # the people detectors (MediaPipe, MTCNN, OpenCV's DNN: native code that lets go of the GIL) take one core
        # while the camera, motion, flicker, seam and text probes take the other; the old pass stays serial
        found = None
        if people:
            coarse = None if dense else max(5, min(10, int(round(1.6 * info.duration_s)) + 1))
            find = partial(detect_people, rgb, idxs, info.fps, clip_width=info.width, coarse=coarse)
            found = find() if dense else pool.submit(find)
        cam = camera_motion(gray, fast=not dense, fidx=idxs, fps=info.fps)
        energy = motion_energy(gray, fps_an, max_pairs=None if dense else 16)
        flick, max_jump = flicker(gray, idxs, info.fps)
        seam, cons, seam_ok = loop_seam(gray)
        text = TextFound()
        if not dense:
            pick = even_indices(len(rgb), max(4, min(5, int(round(info.duration_s)))))
            text = find_text(rgb[pick], [idxs[k] for k in pick], info.fps, scale=info.width / rgb.shape[2],
                             expect_words=expect_text)
        if found is not None:
            ppl, hands, n_people = found.result() if isinstance(found, Future) else found
    warnings = list(cam.notes) + ([text.warning] if text.warning else [])
    frozen = frozen_frames(gray, idxs, info.fps, camera_moves=cam.move != "locked", strict=not dense)
    if len(idxs) < info.frames and stride > 1:
        warnings.append(f"analysed every {stride}th frame ({len(idxs)} of {info.frames})")
    seconds = time.monotonic() - t0
    rep = ProbeReport(
        duration_s=info.duration_s, fps=info.fps, width=info.width, height=info.height, frames=info.frames,
        people=ppl, hands=hands, camera=cam.move, motion=motion_level(energy), motion_energy=round(energy, 3),
        flicker=flick, black_frames=black_frames(gray, idxs, info.fps), frozen=frozen, text=text.evidence,
        loop_seam_ssim=seam,
        codec=info.codec, frames_analysed=len(idxs), stride=stride, people_frames=n_people,
        camera_detail=cam.as_dict(), flicker_max_jump=round(max_jump, 2), loop_seam_ok=seam_ok,
        frame_ssim_median=cons, ocr_frames=text.ocr_frames, ocr_seconds=text.ocr_seconds, seconds=round(seconds, 3),
        decode_seconds=round(t_dec, 3), warnings=warnings,
    )
    log.info("probes", clip=Path(info.path).name, camera=rep.camera, motion=rep.motion, people=len(ppl),
             seconds=rep.seconds)
    return rep
