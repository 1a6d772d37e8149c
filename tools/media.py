"""Reading clips with PyAV: probe, seek-sampling, bounded decoding for the probes, writing clips.

Everything here takes a ``root`` (the studio folder) and resolves every path inside it
(:func:`nightreel.studio.check_inside`). Bad input is a clear error, never a traceback:

- not a video / unreadable / zero-length / no video stream → :class:`MediaError`
- a clip longer or larger than the critic analyses → :class:`InputError` (says the limit)
- a path outside the studio → :class:`PathOutsideStudio`

The post tools the planner calls (crop, trim, ping-pong, crossfades, web-optimise) live in
:mod:`tools.media_ops`, Lucas–Kanade corner tracking in :mod:`tools.track`, the contact sheet in
:mod:`tools.sheet`; all are re-exported here so callers need one import.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import structlog

from nightreel.errors import InputError, MediaError
from nightreel.studio import check_inside

log = structlog.get_logger()

__all__ = [
    "Limits",
    "MediaInfo",
    "SampledFrame",
    "decode_frames",
    "even_indices",
    "probe",
    "resolve_in",
    "sample_frames",
    "write_clip",
]


@dataclass(frozen=True)
class Limits:
    """Bounds on what the critic reads, so a 4K hour-long file costs seconds, not the night."""

    max_duration_s: float = 600.0        # refuse longer clips outright
    max_analysis_frames: int = 160       # probes see at most this many frames (evenly strided)
    analysis_width: int = 480            # frames are decoded straight to this width
    decode_budget_s: float = 90.0        # wall-clock cap on one decode pass
    max_file_mb: float = 4096.0
    dense: bool = False                  # the naive pass: every frame through every detector (benchmarks compare against it)


@dataclass(frozen=True)
class MediaInfo:
    path: str
    duration_s: float
    fps: float
    width: int
    height: int
    frames: int
    codec: str
    size_bytes: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SampledFrame:
    index: int          # frame number in the clip (0-based)
    t: float            # seconds from the start
    image: np.ndarray   # RGB uint8, H x W x 3


_STILL_FORMATS = {"image2", "png_pipe", "jpeg_pipe", "webp_pipe", "bmp_pipe", "tiff_pipe", "gif_pipe", "pgm_pipe",
                  "ppm_pipe", "j2k_pipe", "qoi_pipe", "dpx_pipe", "exr_pipe", "svg_pipe"}
_STILL_CODECS = {"png", "mjpeg", "bmp", "tiff", "webp", "jpeg2000", "ppm", "pgm", "qoi", "exr", "dpx"}


def resolve_in(path: str | Path, root: str | Path, *, must_exist: bool = True) -> Path:
    """`path` resolved inside `root` (PathOutsideStudio otherwise); an InputError if it must exist and does not."""
    p = check_inside(path, root)
    if must_exist and p.is_dir():
        raise InputError(f"{p} is a folder, not a clip: pass one video file")
    if must_exist and not p.is_file():
        raise InputError(f"no such clip: {p}")
    return p


def _open(path: Path):
    import av

    try:
        return av.open(str(path), metadata_errors="ignore")
    except (av.error.InvalidDataError, av.error.FFmpegError, UnicodeDecodeError, ValueError) as e:
        raise MediaError(f"{path.name} is not a readable video ({e.__class__.__name__}: {e})") from None


def probe(path: str | Path, *, root: str | Path, limits: Limits = Limits()) -> MediaInfo:
    """Duration, fps, size, frame count and codec of a clip, read from its headers (no full decode)."""
    p = resolve_in(path, root)
    size = p.stat().st_size
    if size == 0:
        raise MediaError(f"{p.name} is empty (0 bytes): the render or download did not finish")
    if size > limits.max_file_mb * 1e6:
        raise InputError(f"{p.name} is {size / 1e6:,.0f} MB; the critic reads clips up to {limits.max_file_mb:,.0f} MB")
    with _open(p) as c:
        if not c.streams.video:
            raise MediaError(f"{p.name} has no video stream (streams: "
                             f"{', '.join(s.type for s in c.streams) or 'none'})")
        s = c.streams.video[0]
        cc = s.codec_context
        if c.format.name in _STILL_FORMATS or (cc.name in _STILL_CODECS and (s.frames or 0) <= 1):
            raise MediaError(f"{p.name} is a still image ({cc.name}), not a video clip: "
                             "render or encode it as a video first")
        rate = s.average_rate or s.guessed_rate or s.base_rate
        fps = float(rate) if rate else 0.0
        if s.duration is not None and s.time_base:
            duration = float(s.duration * s.time_base)
        elif c.duration:
            duration = c.duration / 1_000_000
        else:
            duration = 0.0
        frames = int(s.frames or 0)
        if frames == 0 and fps and duration:
            frames = int(round(duration * fps))
        if frames and fps and not duration:
            duration = frames / fps
        w, h = int(cc.width or 0), int(cc.height or 0)
        codec = cc.name or "?"
    if w == 0 or h == 0 or fps <= 0:
        raise MediaError(f"{p.name}: the video stream has no usable size/frame rate ({w}x{h} @ {fps} fps)")
    if frames == 0 or duration <= 0:
        raise MediaError(f"{p.name} has zero length (no frames)")
    if duration > limits.max_duration_s:
        raise InputError(f"{p.name} lasts {duration:,.0f} s; the critic reads clips up to {limits.max_duration_s:,.0f} s "
                         "(trim it first)")
    return MediaInfo(str(p), round(duration, 4), round(fps, 4), w, h, frames, codec, size)


def even_indices(n_frames: int, n: int) -> list[int]:
    """`n` frame indices spread evenly over the clip, always including the first and the last."""
    if n_frames <= 0:
        return []
    n = max(1, min(n, n_frames))
    if n == 1:
        return [0]
    return sorted({int(round(i * (n_frames - 1) / (n - 1))) for i in range(n)})


def _size_for(w: int, h: int, width: int | None) -> tuple[int, int]:
    if not width or width >= w:
        return w, h
    return width - width % 2, max(2, int(round(h * width / w / 2)) * 2)


def _frame_index(frame, tb: Fraction, start: float, fps: float) -> int:
    pts = frame.pts if frame.pts is not None else frame.dts
    if pts is None:
        return -1
    return int(round((float(pts * tb) - start) * fps))


def _keyframes(c, s, tb: Fraction, start: float, fps: float) -> list[int]:
    """Frame indices of the keyframes, from the packet index (demux only, nothing decoded)."""
    keys = []
    for pkt in c.demux(s):
        if pkt.is_keyframe and pkt.pts is not None:
            keys.append(int(round((float(pkt.pts * tb) - start) * fps)))
    return sorted(set(keys)) or [0]


def sample_frames(path: str | Path, n: int = 8, *, root: str | Path, width: int | None = None,
                  info: MediaInfo | None = None, limits: Limits = Limits()) -> list[SampledFrame]:
    """`n` frames evenly spaced (first and last included), reached by seeking, not by decoding the clip.

    The packet index says where the keyframes are; for each target the decoder jumps to the keyframe
    before it when that keyframe lies ahead of where the decoder already is, and otherwise decodes on.
    Only the targets are converted to RGB (optionally scaled to `width`). Cost: the GOP fractions
    in front of each target, never more than one pass.
    """
    info = info or probe(path, root=root, limits=limits)
    targets = even_indices(info.frames, n)
    out: list[SampledFrame] = []
    t0 = time.monotonic()
    seeks = 0
    with _open(Path(info.path)) as c:
        s = c.streams.video[0]
        s.thread_type = "AUTO"
        tb = s.time_base
        start = float(s.start_time * tb) if s.start_time is not None else 0.0
        ow, oh = _size_for(info.width, info.height, width)
        keys = _keyframes(c, s, tb, start, info.fps)
        gen, pos = None, -1
        for target in targets:
            k = max((x for x in keys if x <= target), default=0)
            if gen is None or k > pos:
                c.seek(int((start + k / info.fps) / tb), stream=s, backward=True, any_frame=False)
                gen, seeks = c.decode(s), seeks + 1
            got = None
            try:
                for frame in gen:
                    idx = _frame_index(frame, tb, start, info.fps)
                    pos = idx
                    got = (max(idx, 0), frame)
                    if idx >= target:
                        break
            except Exception as e:  # av raises many error types mid-stream on corrupt data
                raise MediaError(f"{Path(info.path).name}: decoding failed near frame {target} ({e})") from None
            if got is None:
                continue
            idx, frame = got
            img = frame.to_ndarray(format="rgb24", width=ow, height=oh)
            out.append(SampledFrame(min(idx, info.frames - 1), round(idx / info.fps, 3), img))
    if not out:
        raise MediaError(f"{Path(info.path).name}: no frame could be decoded")
    log.info("sample_frames", clip=Path(info.path).name, n=len(out), seeks=seeks,
             seconds=round(time.monotonic() - t0, 3))
    return out


def decode_frames(path: str | Path, *, root: str | Path, info: MediaInfo | None = None,
                  limits: Limits = Limits()) -> tuple[list[int], np.ndarray]:
    """Every k-th frame of the clip (at most ``limits.max_analysis_frames``), RGB at the analysis width.

    One sequential pass, multi-threaded decode, frames scaled inside the decoder's swscale so memory
    stays at (analysis frames × small frame). Bounded by ``limits.decode_budget_s``: past it, a
    MediaError says how far it got.
    """
    info = info or probe(path, root=root, limits=limits)
    stride = max(1, int(np.ceil(info.frames / limits.max_analysis_frames)))
    ow, oh = _size_for(info.width, info.height, limits.analysis_width)
    idxs: list[int] = []
    imgs: list[np.ndarray] = []
    t0 = time.monotonic()
    with _open(Path(info.path)) as c:
        s = c.streams.video[0]
        s.thread_type = "AUTO"
        tb = s.time_base
        start = float(s.start_time * tb) if s.start_time is not None else 0.0
        if stride >= 4:  # a long clip: skip decoding frames nothing refers to (B-frames); we take every k-th anyway
            s.codec_context.skip_frame = "NONREF"
        n, last, next_idx = 0, None, 0
        try:
            for frame in c.decode(s):
                idx = _frame_index(frame, tb, start, info.fps)
                idx = n if idx < 0 else idx
                n += 1
                if idx >= next_idx and len(imgs) < limits.max_analysis_frames:
                    idxs.append(idx)
                    imgs.append(frame.to_ndarray(format="rgb24", width=ow, height=oh))
                    next_idx = idx + stride
                    last = None
                else:
                    last = (idx, frame)
                if time.monotonic() - t0 > limits.decode_budget_s:
                    raise MediaError(f"{Path(info.path).name}: decoding {info.width}x{info.height} took longer than "
                                     f"{limits.decode_budget_s:.0f} s (stopped at frame {idx} of {info.frames}); "
                                     "downscale it first (web_optimise)")
        except MediaError:
            raise
        except Exception as e:
            if not imgs:
                raise MediaError(f"{Path(info.path).name}: decoding failed ({e})") from None
            log.warning("decode_truncated", clip=Path(info.path).name, after_frames=n, error=str(e))
        if last is not None and imgs and last[0] > idxs[-1]:  # the loop seam needs the true last frame
            idxs.append(last[0])
            imgs.append(last[1].to_ndarray(format="rgb24", width=ow, height=oh))
    if not imgs:
        raise MediaError(f"{Path(info.path).name}: no frame could be decoded")
    log.info("decode_frames", clip=Path(info.path).name, frames=len(imgs), stride=stride,
             seconds=round(time.monotonic() - t0, 3))
    return idxs, np.stack(imgs)


def write_clip(path: str | Path, frames, *, root: str | Path, fps: float = 16, crf: int = 20,
               codec: str = "libx264") -> Path:
    """Encode RGB frames (an iterable of H x W x 3 uint8 arrays of one size) to an H.264 MP4 inside `root`."""
    import av

    p = check_inside(path, root)
    p.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with av.open(str(p), "w") as out:
        s = out.add_stream(codec, rate=Fraction(fps).limit_denominator(1001))
        s.pix_fmt = "yuv420p"
        s.options = {"crf": str(crf), "preset": "veryfast"} if codec == "libx264" else {}
        for img in frames:
            img = np.ascontiguousarray(img, dtype=np.uint8)
            if n == 0:
                s.height, s.width = img.shape[0] - img.shape[0] % 2, img.shape[1] - img.shape[1] % 2
            img = img[: s.height, : s.width]
            for pkt in s.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(pkt)
            n += 1
        for pkt in s.encode():
            out.mux(pkt)
    if n == 0:
        raise MediaError(f"write_clip {p.name}: no frames given")
    return p
