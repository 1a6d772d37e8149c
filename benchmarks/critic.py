"""Critic benchmark: seek-sampling 8 frames vs decoding every frame, and one full probe pass per clip.

Clip: 81 frames (5 s at 16 fps, a Wan 2.2 clip) at 1280x704, H.264, made here from a real photograph
(skimage's coffee, panned); the probe table adds three more 5-s 1280x704 clips from evals/clips recipes
(an empty locked shot, a person walking into a pan, an orbit) and times the whole critic on each, the
naive pass (every analysis frame through every people detector — pose, pose on tiles, faces, MTCNN, hands, the
headless body detector — and every frame through the camera tracker, with the same warmed detectors) against
today's coarse-to-fine one, in the same run (wall and CPU seconds; the CPU figure is
what a quiet 2-core box would see when other work shares the machine). Two encodings: ffmpeg/libx264 defaults as ComfyUI writes them (keyint 250:
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
    probe_pass(root, clip)


def _timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def naive_pass(path: Path, exp, **kw):
    """The naive pass: every analysis frame through every detector (tools.probes_people, `coarse=None`), the
    camera tracker on every frame, with the same warmed detectors as today's pass — what sampling saves, not set-up."""
    from agents.critic import critique_sync
    from tools.media import Limits

    return critique_sync(path, exp, use_vlm=False, limits=Limits(dense=True), **kw)


def probe_pass(root: Path, pan_clip: Path) -> None:
    """Per-clip seconds of the whole critic (probes only) on 5-s 1280x704 clips: today's coarse-to-fine pass vs
    the naive pass (every frame through every detector, the same warmed detectors), in this run, on the same clips,
    with the verdicts compared."""
    from agents.critic import critique_sync
    from evals.clips.make_clips import frames_for, write_mp4
    from nightreel.schema import ShotExpectations

    clips = {"pan (coffee)": (pan_clip, ShotExpectations(people="none", camera="pan"))}
    for name, rec, exp in (
            ("locked, empty (rocket)", {"bg": "rocket"}, ShotExpectations(people="none", camera="locked")),
            ("person walks in (china, pan)", {"bg": "china", "move": "pan", "amount": 0.5,
                                              "person": {"who": "astronaut", "from": "left", "enter": [2.0, 3.0],
                                                         "x": 0.3, "height": 0.85}},
             ShotExpectations(people="none", camera="pan")),
            ("orbit (motorcycle)", {"bg": "moto", "move": "orbit"}, ShotExpectations(camera="orbit"))):
        path = root / f"{name.split()[0]}-{len(clips)}.mp4"
        write_mp4(path, frames_for({**rec, "size": [W, H], "seconds": 5, "fps": FPS}), FPS)
        clips[name] = (path, exp)
    settings = type("ProbesOnly", (), {"critic_url": None})()
    # warm both paths once (imports, detector graphs) so neither pays the first-use cost in the table
    critique_sync(pan_clip, ShotExpectations(), settings=settings, studio=root, use_vlm=False)
    naive_pass(pan_clip, ShotExpectations(), settings=settings, studio=root)
    print(f"\ncritic per 5-s {W}x{H} clip (probes only; wall s / CPU s; {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}):")
    print(f"{'clip':32s} {'naive':>16s} {'coarse-to-fine':>16s} {'ratio':>6s}  verdicts (naive → ours)")
    tot_old = tot_new = 0.0
    same = 0
    for name, (path, exp) in clips.items():
        old, w_old, c_old = _timed(lambda p=path, e=exp: naive_pass(p, e, settings=settings, studio=root))
        new, w_new, c_new = _timed(lambda p=path, e=exp: critique_sync(p, e, settings=settings, studio=root,
                                                                        use_vlm=False))
        tot_old, tot_new = tot_old + w_old, tot_new + w_new
        same += old.verdict == new.verdict
        print(f"{name:32s} {w_old:7.2f} / {c_old:6.2f} {w_new:7.2f} / {c_new:6.2f} {w_old / w_new:5.1f}x  "
              f"{old.verdict} ({old.probes.camera}) → {new.verdict} ({new.probes.camera})")
    print(f"{'mean':32s} {tot_old / len(clips):7.2f} {'':8s} {tot_new / len(clips):7.2f} {'':8s} "
          f"{tot_old / tot_new:5.1f}x  same verdict on {same} of {len(clips)}")


if __name__ == "__main__":
    main()
