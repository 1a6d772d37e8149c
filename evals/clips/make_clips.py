"""The critic's labelled clip set, built from real photographs that installed packages ship (no download).

Sources (all inside wheels the project already installs):

- scikit-image ``skimage.data``: coffee (a table, a cup), chelsea (a cat), rocket (a launch pad), the
  Middlebury motorcycle stereo pair with its disparity map (real depth, used for the orbit), page (a scanned
  page of print), hubble_deep_field, brick; people: astronaut (Eileen Collins), camera (the cameraman).
- matplotlib's sample data: grace_hopper.jpg (a portrait).
- scikit-learn's sample images: china.jpg (a temple and trees), flower.jpg.

Every clip is a deterministic function of those photographs (a seeded RNG for the handheld shake): camera
moves are sub-pixel warps of a still, the orbit is a depth-image-based re-rendering from the disparity map
(near and far move in opposite directions around the subject: parallax a pan has not), people are the
portraits composited in. The ground truth is *not* here: it lives in ``manifest.yaml`` beside this file,
written by hand from the recipe, never from what the probes say.

    .venv/bin/python -m evals.clips.make_clips [--out DIR]     # default: ~/.cache/nightreel/critic-clips

Clips are written once per recipe version (a stamp file); broken files (not a video, truncated, empty, an
image, a directory, a path with spaces and non-ASCII characters) are made next to them.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import yaml

VERSION = "4"
HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.yaml"
DEFAULT_OUT = Path(os.environ.get("NIGHTREEL_CLIP_CACHE", Path.home() / ".cache" / "nightreel" / "critic-clips"))

Frame = np.ndarray


# ---------------------------------------------------------------- photographs
def _skimage_file(name: str) -> np.ndarray:
    import skimage.data as d

    img = cv2.imread(str(Path(d.__file__).parent / name), cv2.IMREAD_COLOR)
    return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


@cache
def photo(name: str) -> np.ndarray:
    """An RGB uint8 photograph by name."""
    from skimage import data

    if name == "moto":
        return _skimage_file("motorcycle_left.png")
    if name == "grace_hopper":
        import matplotlib

        p = Path(matplotlib.__file__).parent / "mpl-data" / "sample_data" / "grace_hopper.jpg"
        return cv2.cvtColor(cv2.imread(str(p)), cv2.COLOR_BGR2RGB)
    if name in ("china", "flower"):
        from sklearn.datasets import load_sample_image

        return load_sample_image(f"{name}.jpg")
    img = getattr(data, name)()
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
    return np.ascontiguousarray(img[..., :3])


@cache
def moto_disparity() -> np.ndarray:
    import skimage.data as d

    disp = np.load(Path(d.__file__).parent / "motorcycle_disp.npz")["arr_0"].astype(np.float32)
    bad = ~np.isfinite(disp)
    disp[bad] = 0
    # fill the holes (occlusions) with the nearest valid disparity along the row
    disp = cv2.inpaint(cv2.normalize(disp, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8),
                       bad.astype(np.uint8), 5, cv2.INPAINT_TELEA).astype(np.float32) / 255 * np.nanmax(disp[~bad])
    return disp


@cache
def person(name: str) -> np.ndarray:
    """A portrait cut to the person (head, shoulders, torso), RGB."""
    if name == "astronaut":
        return photo("astronaut")[10:512, 20:380]
    if name == "cameraman":
        return photo("camera")[55:512, 0:340]
    if name == "hands":                    # the cameraman's gloved hands on his camera; his face in profile, cut
        return photo("camera")[150:300, 170:345]
    if name == "hopper":
        return photo("grace_hopper")[0:600, 30:500]
    raise ValueError(name)


# ---------------------------------------------------------------- geometry
def view(src: Frame, W: int, H: int, *, scale: float = 1.0, dx: float = 0.0, dy: float = 0.0, rot: float = 0.0,
         cover: float = 0.8) -> Frame:
    """A W x H camera on `src`: centred, showing `cover` of the photo's width (or height), zoomed by `scale`,
    moved by (dx, dy) output pixels, rolled by `rot` degrees."""
    sh, sw = src.shape[:2]
    base = max(W / (sw * cover), H / (sh * cover))
    m = cv2.getRotationMatrix2D((sw / 2, sh / 2), rot, base * scale)
    m[0, 2] += W / 2 - sw / 2 + dx
    m[1, 2] += H / 2 - sh / 2 + dy
    return cv2.warpAffine(src, m, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def paste(frame: Frame, img: Frame, x: int, y: int, height: int) -> Frame:
    """Composite `img` scaled to `height` px with its top-left at (x, y); parts outside the frame are cut.
    The edges are feathered so the person is not a hard-edged card."""
    h0, w0 = img.shape[:2]
    w = max(2, int(round(w0 * height / h0)))
    p = cv2.resize(img, (w, height), interpolation=cv2.INTER_AREA).astype(np.float32)
    alpha = np.ones((height, w), np.float32)
    k = max(1, min(w, height) // 12)
    alpha = cv2.blur(cv2.copyMakeBorder(alpha[k:-k or None, k:-k or None], k, k, k, k, cv2.BORDER_CONSTANT, value=0),
                     (2 * k + 1, 2 * k + 1)) if min(w, height) > 4 * k else alpha
    H, W = frame.shape[:2]
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + height)
    if x1 <= x0 or y1 <= y0:
        return frame
    out = frame.astype(np.float32)
    a = alpha[y0 - y:y1 - y, x0 - x:x1 - x, None]
    out[y0:y1, x0:x1] = out[y0:y1, x0:x1] * (1 - a) + p[y0 - y:y1 - y, x0 - x:x1 - x] * a
    return out.astype(np.uint8)


def ease(u: float) -> float:
    u = min(1.0, max(0.0, u))
    return u * u * (3 - 2 * u)


def orbit_view(u: float, W: int, H: int, amount: float) -> Frame:
    """The motorcycle seen from a camera moved along an arc around it: each pixel shifts by its disparity
    minus the subject's (near parts one way, the far wall the other), then a slight yaw keeps it centred."""
    src, disp = photo("moto"), moto_disparity()
    h, w = disp.shape
    d0 = float(np.median(disp[h // 3:2 * h // 3, w // 3:2 * w // 3]))    # the bike, in the middle
    s = amount * (2 * u - 1)                                              # -amount .. +amount of the baseline
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    mapx = xs + s * (disp - d0)
    img = cv2.remap(src, mapx, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return view(img, W, H, cover=0.78)


# ---------------------------------------------------------------- recipes
def frames_for(rec: dict) -> Iterator[Frame]:
    """The frames of one recipe (see manifest.yaml for the vocabulary)."""
    W, H = rec.get("size", [640, 352])
    fps, dur = rec.get("fps", 16), rec.get("seconds", 3.0)
    n = int(round(fps * dur)) + 1
    bg = photo(rec.get("bg", "coffee"))
    move = rec.get("move", "locked")
    amt = float(rec.get("amount", 1.0))
    rng = np.random.default_rng(rec.get("seed", 7))
    shake = np.cumsum(rng.normal(0, 1, (n, 3)), 0) if move == "handheld" else None
    if shake is not None:  # a wandering hand: smoothed random walk plus fast tremor, no net direction
        shake -= np.linspace(shake[0], shake[-1], n)
        shake += rng.normal(0, 0.6, (n, 3))
    ppl = rec.get("person")
    text = rec.get("text")
    freeze = rec.get("freeze")            # [start_s, end_s]: the picture holds
    flick = rec.get("flicker")            # {"every": k} or {"at": [s, ...]}
    held: Frame | None = None
    for i in range(n):
        u, t = i / (n - 1), i / fps
        if move == "locked":
            f = view(bg, W, H)
        elif move == "dolly_in":
            f = view(bg, W, H, scale=1.0 + 0.22 * amt * ease(u))
        elif move == "dolly_out":
            f = view(bg, W, H, scale=1.22 - 0.22 * amt * ease(u))
        elif move == "pan":
            f = view(bg, W, H, dx=amt * W * 0.14 * (1 - 2 * u), cover=0.65)
        elif move == "tilt":
            f = view(bg, W, H, dy=amt * H * 0.14 * (1 - 2 * u), cover=0.65)
        elif move == "handheld":
            sx, sy, sr = shake[i]
            f = view(bg, W, H, dx=amt * 2.2 * sx * W / 640, dy=amt * 1.6 * sy * W / 640, rot=0.15 * amt * sr)
        elif move == "orbit":
            f = orbit_view(u, W, H, amt)
        elif move == "sway":                # one full cycle of a gentle sway: the last frame leads into the first
            f = view(bg, W, H, dx=amt * 6 * np.sin(2 * np.pi * i / (n - 1)) * W / 640,
                     scale=1.0 + 0.01 * np.sin(2 * np.pi * i / (n - 1)))
        elif move == "drift":               # drifts one way: the seam jumps back
            f = view(bg, W, H, dx=-amt * 16 * u * W / 640, scale=1.0 + 0.035 * u)
        elif move == "breathe":             # locked, with a slow light breathing (subtle motion, no camera)
            f = view(bg, W, H)
            f = np.clip(f.astype(np.float32) * (1 + 0.05 * np.sin(2 * np.pi * t / 1.5)), 0, 255).astype(np.uint8)
        else:
            raise ValueError(f"unknown move {move!r}")
        if ppl:
            f = _person(f, ppl, t, W, H)
        if text:
            f = _text(f, text, t, W, H)
        if flick:
            if ("every" in flick and i % flick["every"] == 1 and t >= flick.get("from", 0)) or \
                    any(abs(t - s) < 0.5 / fps for s in flick.get("at", [])):
                f = np.clip(f.astype(np.float32) * flick.get("gain", 1.2) + 6, 0, 255).astype(np.uint8)
        if freeze and freeze[0] <= t <= freeze[1]:
            held = f if held is None else held
            f = held
        yield f


def _person(f: Frame, p: dict, t: float, W: int, H: int) -> Frame:
    img = person(p.get("who", "astronaut"))
    ph = int(p.get("height", 0.8) * H)
    pw = int(round(img.shape[1] * ph / img.shape[0]))
    cx = p.get("x", 0.5)                   # final centre, fraction of the width
    x_end, y_end = int(cx * W - pw / 2), H - ph
    y_end = int(p.get("y", y_end / H) * H) if "y" in p else y_end
    t0, t1 = p.get("enter", [0, 0])
    k = ease((t - t0) / max(1e-6, t1 - t0)) if t1 > t0 else (1.0 if t >= t0 else 0.0)
    if t < t0 and t1 > t0:
        return f
    side = p.get("from", "still")
    x, y = x_end, y_end
    if side == "left":
        x = int(-pw + (x_end + pw) * k)
    elif side == "right":
        x = int(W + (x_end - W) * k)
    elif side == "top":
        y = int(-ph + (y_end + ph) * k)
    elif side == "bottom":
        y = int(H + (y_end - H) * k)
    return paste(f, img, x, y, ph)


def _text(f: Frame, spec: dict, t: float, W: int, H: int) -> Frame:
    """A dark screen in the frame; from `at` seconds it shows words (a line of type, or a crop of a printed page)."""
    x0, y0, x1, y1 = (int(v * s) for v, s in zip(spec.get("screen", [0.25, 0.2, 0.75, 0.7]), (W, H, W, H)))
    f = f.copy()
    f[y0:y1, x0:x1] = (f[y0:y1, x0:x1].astype(np.float32) * 0.15 + 12).astype(np.uint8)
    if t < spec.get("at", 0):
        return f
    k = min(1.0, (t - spec.get("at", 0)) / 0.25)
    layer = np.zeros_like(f)
    if "words" in spec:
        lines = spec["words"].split("\n")
        scale = (y1 - y0) / (60 * len(lines) + 40)
        for j, line in enumerate(lines):
            cv2.putText(layer, line, (x0 + int(0.06 * (x1 - x0)), y0 + int((j + 1) * (y1 - y0) / (len(lines) + 0.6))),
                        cv2.FONT_HERSHEY_DUPLEX, scale * 1.6, (235, 235, 220), max(1, int(2 * scale + 0.5)), cv2.LINE_AA)
    else:                                  # a printed page, bright on the dark screen
        page = 255 - photo("page")[..., 0]
        page = cv2.resize(page, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)
        layer[y0:y1, x0:x1] = page[..., None]
    return np.maximum(f, (layer.astype(np.float32) * k).astype(np.uint8))


# ---------------------------------------------------------------- writing
def write_mp4(path: Path, frames: Iterator[Frame], fps: float) -> Path:
    import av

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with av.open(str(tmp), "w", format="mp4") as out:
        s = out.add_stream("libx264", rate=int(fps))
        s.pix_fmt = "yuv420p"
        s.options = {"crf": "20", "preset": "veryfast"}
        first = True
        for img in frames:
            if first:
                s.height, s.width = img.shape[0] // 2 * 2, img.shape[1] // 2 * 2
                first = False
            vf = av.VideoFrame.from_ndarray(np.ascontiguousarray(img[:s.height, :s.width]), format="rgb24")
            for pkt in s.encode(vf):
                out.mux(pkt)
        for pkt in s.encode():
            out.mux(pkt)
    tmp.replace(path)
    return path


def load_manifest(path: Path = MANIFEST) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def build(out: Path = DEFAULT_OUT, *, only: list[str] | None = None,
          progress: Callable[[str], None] | None = None) -> Path:
    """Write every clip of the manifest into `out` (skipping those already built for this VERSION)."""
    man = load_manifest()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for c in man["clips"]:
        if only and c["id"] not in only:
            continue
        target = out / c["file"]
        stamp = target.with_name(target.name + f".v{VERSION}")
        if c.get("broken"):
            _broken(c, target, out)
            continue
        if target.is_file() and stamp.is_file():
            continue
        if progress:
            progress(c["id"])
        rec = c["recipe"]
        write_mp4(target, frames_for(rec), rec.get("fps", 16))
        stamp.write_text(VERSION)
    return out


def _broken(c: dict, target: Path, out: Path) -> None:
    kind = c["broken"]
    if kind == "directory":
        target.mkdir(parents=True, exist_ok=True)
        (target / "inside.txt").write_text("a folder, not a clip\n")
    elif kind == "not_video":
        target.write_text("this is a text file with a video's name; it holds no frames.\n" * 40)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "image":
        cv2.imwrite(str(target), cv2.cvtColor(photo("coffee"), cv2.COLOR_RGB2BGR))
    elif kind == "truncated":
        good = out / "_truncate_source.mp4"
        if not good.is_file():
            write_mp4(good, frames_for({"bg": "coffee", "move": "pan"}), 16)
        data = good.read_bytes()
        target.write_bytes(data[: len(data) * 2 // 5])
    else:
        raise ValueError(kind)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    build(a.out, only=a.only, progress=lambda cid: print(f"building {cid}", flush=True))
    print(a.out)


if __name__ == "__main__":
    main()
