"""Critic benchmark: seek-sampling 8 frames vs decoding every frame, and one full probe pass per clip.

Clip: 81 frames (5 s at 16 fps, a Wan 2.2 clip) at 1280x704, H.264, made here from a real photograph
(skimage's coffee, panned). Two encodings: ffmpeg/libx264 defaults as ComfyUI writes them (keyint 250:
the whole clip is one GOP) and keyint 16 (one keyframe a second). The ratio printed is
decode-everything time / sample-8 time, best of 5 runs each, measured in this run.

    .venv/bin/python benchmarks/critic.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("GLOG_minloglevel", "2")
# benchmarks/ holds scripts named like stdlib modules (queue.py): keep this folder off the import path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import av
import cv2
import numpy as np

W, H, N, FPS = 1280, 704, 81, 16


def make_clip(path: Path, keyint: int | None) -> Path:
    from skimage import data

    src = cv2.resize(data.coffee(), (2200, 1467), interpolation=cv2.INTER_CUBIC)
    with av.open(str(path), "w") as out:
        s = out.add_stream("libx264", rate=FPS)
        s.width, s.height, s.pix_fmt = W, H, "yuv420p"
        s.options = {"crf": "20", "preset": "veryfast", **({"g": str(keyint), "keyint_min": str(keyint)} if keyint else {})}
        for i in range(N):
            x = int(200 + 600 * i / (N - 1))
            frame = np.ascontiguousarray(src[300:300 + H, x:x + W])
            for p in s.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                out.mux(p)
        for p in s.encode():
            out.mux(p)
    return path


def decode_all(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        s.thread_type = "AUTO"
        return [f.to_ndarray(format="rgb24") for f in c.decode(s)]


def best_of(fn, k: int = 5) -> float:
    times = []
    for _ in range(k):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(40))
    from tools.media import sample_frames
    from tools.probes import run_probes

    root = Path(tempfile.mkdtemp(prefix="nightreel-bench-"))
    print(f"clip: {N} frames {W}x{H} H.264 @ {FPS} fps; machine: {os.cpu_count()} cores")
    for label, keyint in (("libx264 defaults (keyint 250, ComfyUI)", None), ("keyint 16", 16)):
        clip = make_clip(root / f"clip-{keyint or 250}.mp4", keyint)
        assert len(sample_frames(clip, 8, root=root)) == 8
        t_all = best_of(lambda c=clip: decode_all(c))
        t_seek = best_of(lambda c=clip: sample_frames(c, 8, root=root))
        print(f"[{label}] decode every frame: {t_all * 1000:.0f} ms; sample 8 by seeking: {t_seek * 1000:.0f} ms; "
              f"ratio {t_all / t_seek:.1f}x")
    clip = root / "clip-250.mp4"
    t0 = time.perf_counter()
    rep = run_probes(clip, root=root)
    dt = time.perf_counter() - t0
    t1 = time.perf_counter()
    run_probes(clip, root=root, people=False)
    dt_np = time.perf_counter() - t1
    print(f"full probe pass: {dt:.2f} s per clip ({N / dt:.1f} clip frames/s; {rep.frames_analysed} frames analysed, "
          f"{rep.people_frames} through the people detectors); without people detectors {dt_np:.2f} s "
          f"({N / dt_np:.1f} frames/s)")


if __name__ == "__main__":
    main()
