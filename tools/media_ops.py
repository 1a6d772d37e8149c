"""The post tools the planner calls to salvage a clip, all through the ffmpeg CLI.

"Crop, don't regenerate": a tighter shot is a crop of the frame you have
(``crop=W:H:X:Y,scale=1280:704``). "Wan I2V does not loop": ping-pong it (forward + reversed)
or crossfade its end into its start. A walk-in crossfades into the ambient loop in its
last half second. Everything ships web-optimised: H.264, CRF, ``+faststart``, 16 fps.

Every input and output path is resolved inside the studio (``root``); no tool deletes or
overwrites its input. Each ffmpeg run has a timeout; a failure is a MediaError carrying the
command and the tail of ffmpeg's stderr.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import structlog

from nightreel.errors import InputError, MediaError
from nightreel.studio import check_inside
from tools.media import MediaInfo, probe

log = structlog.get_logger()

__all__ = [
    "apply_plan",
    "crop_scale",
    "crossfade_into",
    "crossfade_loop",
    "ffmpeg_bin",
    "pingpong",
    "trim",
    "web_optimise",
]

_ENC = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-crf", "20", "-an"]


def ffmpeg_bin() -> str:
    exe = shutil.which("ffmpeg")
    if not exe:
        raise MediaError("ffmpeg is not installed (run `make system` or apt-get install ffmpeg)")
    return exe


def _run(args: list[str], *, timeout_s: float = 300.0) -> None:
    cmd = [ffmpeg_bin(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args]
    t0 = time.monotonic()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise MediaError(f"ffmpeg took longer than {timeout_s:.0f} s", command=cmd) from None
    log.info("ffmpeg", seconds=round(time.monotonic() - t0, 2), out=Path(cmd[-1]).name, rc=r.returncode)
    if r.returncode != 0:
        raise MediaError(f"ffmpeg failed (exit {r.returncode})", command=cmd, stderr=r.stderr)


def _io(src: str | Path, dst: str | Path, root: str | Path) -> tuple[MediaInfo, Path]:
    info = probe(src, root=root)
    out = check_inside(dst, root)
    if out == Path(info.path):
        raise InputError(f"refusing to overwrite the input {out.name}: give another output path")
    if out.suffix.lower() not in (".mp4", ".mov", ".mkv", ".webm"):
        raise InputError(f"output {out.name}: use a video extension (.mp4)")
    out.parent.mkdir(parents=True, exist_ok=True)
    return info, out


def crop_scale(src: str | Path, dst: str | Path, *, root: str | Path, x: int, y: int, w: int, h: int,
               out_w: int | None = None, out_h: int | None = None) -> Path:
    """Crop the rectangle (x, y, w, h) in pixels and scale it to out_w x out_h (default: the source size)."""
    info, out = _io(src, dst, root)
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > info.width or y + h > info.height:
        raise InputError(f"crop {w}x{h} at ({x},{y}) is outside the {info.width}x{info.height} frame")
    ow, oh = out_w or info.width, out_h or info.height
    _run(["-i", info.path, "-vf", f"crop={w}:{h}:{x}:{y},scale={ow}:{oh}:flags=lanczos,setsar=1", *_ENC, str(out)])
    return out


def trim(src: str | Path, dst: str | Path, *, root: str | Path, start_s: float, end_s: float | None = None) -> Path:
    """Keep [start_s, end_s) seconds (frame-accurate, re-encoded)."""
    info, out = _io(src, dst, root)
    end = info.duration_s if end_s is None else min(end_s, info.duration_s)
    if start_s < 0 or end - start_s < 1 / info.fps:
        raise InputError(f"trim {start_s:.2f}-{end:.2f} s leaves nothing of a {info.duration_s:.2f} s clip")
    _run(["-i", info.path, "-vf", f"trim=start={start_s:.4f}:end={end:.4f},setpts=PTS-STARTPTS", *_ENC, str(out)])
    return out


def pingpong(src: str | Path, dst: str | Path, *, root: str | Path) -> Path:
    """Forward then reversed (without repeating the turn-around frames): the seam matches itself."""
    info, out = _io(src, dst, root)
    if info.duration_s > 60:
        raise InputError("ping-pong holds the whole clip in memory; trim it under 60 s first")
    graph = ("[0:v]split[a][b];[b]reverse,trim=start_frame=1,setpts=PTS-STARTPTS[r];"
             f"[r]trim=end_frame={max(1, info.frames - 2)}[r2];[a][r2]concat=n=2:v=1[v]")
    _run(["-i", info.path, "-filter_complex", graph, "-map", "[v]", *_ENC, str(out)])
    return out


def crossfade_loop(src: str | Path, dst: str | Path, *, root: str | Path, fade_s: float = 0.5) -> Path:
    """Crossfade the clip's end into its own start: the output (duration - fade) loops without a jolt."""
    info, out = _io(src, dst, root)
    d = info.duration_s
    if not 0 < fade_s < d / 2:
        raise InputError(f"fade {fade_s} s must be between 0 and half the clip ({d / 2:.2f} s)")
    graph = (f"[0:v]split[a][b];[a]trim=start={fade_s:.4f},setpts=PTS-STARTPTS[main];"
             f"[b]trim=end={fade_s:.4f},setpts=PTS-STARTPTS[head];"
             f"[main][head]xfade=transition=fade:duration={fade_s:.4f}:offset={d - 2 * fade_s:.4f}[v]")
    _run(["-i", info.path, "-filter_complex", graph, "-map", "[v]", *_ENC, str(out)])
    return out


def crossfade_into(first: str | Path, second: str | Path, dst: str | Path, *, root: str | Path,
                   fade_s: float = 0.5) -> Path:
    """`first` (e.g. a walk-in) dissolving into `second` (the ambient loop) over its last `fade_s` seconds."""
    a, out = _io(first, dst, root)
    b = probe(second, root=root)
    if not 0 < fade_s < min(a.duration_s, b.duration_s):
        raise InputError(f"fade {fade_s} s must be shorter than both clips")
    fps = a.fps
    graph = (f"[0:v]fps={fps},format=yuv420p,setsar=1,settb=AVTB[a];"
             f"[1:v]scale={a.width}:{a.height},fps={fps},format=yuv420p,setsar=1,settb=AVTB[b];"
             f"[a][b]xfade=transition=fade:duration={fade_s:.4f}:offset={a.duration_s - fade_s:.4f}[v]")
    _run(["-i", a.path, "-i", b.path, "-filter_complex", graph, "-map", "[v]", *_ENC, str(out)])
    return out


def web_optimise(src: str | Path, dst: str | Path, *, root: str | Path, fps: float = 16, crf: int = 28,
                 max_width: int = 1280) -> Path:
    """H.264 (yuv420p, CRF `crf`), `fps` frames per second, at most `max_width` wide, moov atom first."""
    info, out = _io(src, dst, root)
    vf = f"fps={fps},scale='min({max_width},iw)':-2:flags=lanczos,setsar=1"
    _run(["-i", info.path, "-vf", vf, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "medium",
          "-crf", str(crf), "-movflags", "+faststart", "-an", str(out)])
    return out


def apply_plan(src: str | Path, plan: dict[str, Any], dst: str | Path, *, root: str | Path) -> Path:
    """Apply a salvage plan ``{"ops": [{"op": "trim", "start_s": 0, "end_s": 2.5}, {"op": "pingpong"}, ...]}``.

    Ops: trim(start_s, end_s), crop(x, y, w, h[, out_w, out_h]), pingpong, crossfade_loop(fade_s),
    web_optimise(fps, crf). Intermediate files go next to `dst` with a numbered suffix.
    """
    ops = plan.get("ops") if isinstance(plan, dict) else None
    if not ops or not isinstance(ops, list):
        raise InputError('a salvage plan is {"ops": [{"op": "trim", "start_s": 0, "end_s": 2}, ...]}')
    out = check_inside(dst, root)
    cur: Path | str = src
    for i, op in enumerate(ops):
        kind = op.get("op") if isinstance(op, dict) else None
        args = {k: v for k, v in op.items() if k != "op"} if isinstance(op, dict) else {}
        step = out if i == len(ops) - 1 else out.with_name(f"{out.stem}.step{i + 1}{out.suffix}")
        try:
            if kind == "trim":
                cur = trim(cur, step, root=root, start_s=float(args.get("start_s", 0)),
                           end_s=None if args.get("end_s") is None else float(args["end_s"]))
            elif kind == "crop":
                cur = crop_scale(cur, step, root=root, **{k: int(v) for k, v in args.items()})
            elif kind == "pingpong":
                cur = pingpong(cur, step, root=root)
            elif kind == "crossfade_loop":
                cur = crossfade_loop(cur, step, root=root, fade_s=float(args.get("fade_s", 0.5)))
            elif kind == "web_optimise":
                cur = web_optimise(cur, step, root=root, **args)
            else:
                raise InputError(f"unknown salvage op {kind!r}; use trim, crop, pingpong, crossfade_loop, web_optimise")
        except TypeError as e:
            raise InputError(f"salvage op {kind}: bad arguments ({e})") from None
    _derived_sidecar(Path(src), Path(cur), ops)
    return Path(cur)


def _derived_sidecar(src: Path, dst: Path, ops: list) -> None:
    """The salvaged clip keeps its source's provenance (``<clip>.json``: what made it — a render's graph and seed,
    or the retrieved real generation it is), with what was done to it: a crop of a retrieved clip is still not a
    render of the shot, and its card must not say it is. Nothing is written when the source has no sidecar."""
    side = src.with_suffix(".json")
    try:
        doc = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(doc, dict):
        return
    doc["derived"] = {"from": src.name, "ops": ops}
    dst.with_suffix(".json").write_text(json.dumps(doc, indent=2, default=str), encoding="utf-8")

