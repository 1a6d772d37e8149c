"""The model-free animatic: a storyboard panel moved by the shot's camera, made of core ComfyUI nodes.

Panel = the shot's start image, or a card drawn with Pillow from its title and prompt. Motion =
one ``ImageCrop`` + ``ImageScale`` per frame (a slow push-in, pull-out or pan over the panel),
joined by a balanced tree of ``ImageBatch`` nodes, then ``CreateVideo`` and ``SaveVideo`` (mp4,
16 fps, ``round(duration_s * 16)`` frames). Runs on any ComfyUI with no model files at all.
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from nightreel.schema import Shot

__all__ = [
    "ANIMATIC_FPS",
    "ANIMATIC_SIZE",
    "animatic_frames",
    "animatic_graph",
    "camera_path",
    "draw_card",
    "prepare_panel",
]

ANIMATIC_FPS = 16
ANIMATIC_SIZE = (512, 288)  # output width, height (even, 16:9)
_PANEL_SCALE = 1.5          # the panel is larger than the frame so the camera has room to move


def animatic_frames(duration_s: float, fps: int = ANIMATIC_FPS) -> int:
    return max(2, round(duration_s * fps))


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _palette(shot: Shot) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    h = hashlib.sha256(f"{shot.id}:{shot.seed}".encode()).digest()
    top = (20 + h[0] % 50, 20 + h[1] % 50, 30 + h[2] % 60)
    bottom = (top[0] // 3, top[1] // 3, top[2] // 3)
    return top, bottom


def draw_card(shot: Shot, size: tuple[int, int] | None = None) -> Image.Image:
    """A storyboard card: gradient ground, title, the prompt, camera and light, a frame guide."""
    w, h = size or (int(ANIMATIC_SIZE[0] * _PANEL_SCALE), int(ANIMATIC_SIZE[1] * _PANEL_SCALE))
    top, bottom = _palette(shot)
    img = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(img)
    for y in range(h):  # vertical gradient
        t = y / max(1, h - 1)
        draw.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    # a horizon and a vanishing grid, so camera motion is visible in every frame
    for i in range(0, w + 1, w // 12):
        draw.line([(w // 2, int(h * 0.55)), (i, h)], fill=(90, 90, 110), width=1)
    draw.line([(0, int(h * 0.55)), (w, int(h * 0.55))], fill=(140, 140, 160), width=2)
    draw.rectangle([w * 0.18, h * 0.18, w * 0.82, h * 0.82], outline=(200, 200, 210), width=2)
    title_font, body_font, small = _font(max(14, h // 14)), _font(max(10, h // 26)), _font(max(9, h // 32))
    margin = int(w * 0.2)
    draw.text((margin, int(h * 0.21)), shot.title[:60], fill=(255, 244, 220), font=title_font)
    chars = max(20, int((w - 2 * margin) / (body_font.size * 0.55))) if hasattr(body_font, "size") else 60
    body = textwrap.wrap(shot.positive, width=chars)[:6]
    y = int(h * 0.21) + int(title_font.size * 1.6 if hasattr(title_font, "size") else 30)
    for line in body:
        draw.text((margin, y), line, fill=(225, 225, 235), font=body_font)
        y += int(body_font.size * 1.3) if hasattr(body_font, "size") else 14
    footer = f"ANIMATIC  {shot.id}  {shot.duration_s:g}s  camera: {shot.camera[:40]}  light: {shot.lighting[:40]}"
    draw.text((margin, int(h * 0.76)), footer, fill=(180, 200, 255), font=small)
    return img


def prepare_panel(shot: Shot, dest: Path, start_image: Path | None = None) -> Path:
    """Write the panel PNG (the start image fitted to the panel size, or a drawn card) to `dest`."""
    size = (int(ANIMATIC_SIZE[0] * _PANEL_SCALE), int(ANIMATIC_SIZE[1] * _PANEL_SCALE))
    if start_image is not None:
        with Image.open(start_image) as im:
            panel = ImageOps.fit(im.convert("RGB"), size, Image.Resampling.LANCZOS)
    else:
        panel = draw_card(shot, size)
    dest.parent.mkdir(parents=True, exist_ok=True)
    panel.save(dest, format="PNG")
    return dest


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)  # smoothstep: a camera that starts and stops gently


def camera_path(camera: str, n: int, panel: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """Crop boxes (x, y, w, h) over the panel for each of `n` frames of a camera move."""
    pw, ph = panel
    aspect = ANIMATIC_SIZE[0] / ANIMATIC_SIZE[1]
    boxes = []
    for i in range(n):
        t = _ease(i / max(1, n - 1))
        if camera in ("pan", "orbit"):
            cw = int(pw * 0.75)
            ch = int(cw / aspect)
            x, y = int((pw - cw) * t), (ph - ch) // 2
        else:
            if camera == "dolly_out":
                t = 1 - t
            span = 0.03 if camera == "locked" else 0.35
            cw = int(pw * (1.0 - span * t))
            ch = min(ph, int(cw / aspect))
            x, y = (pw - cw) // 2, (ph - ch) // 2
        boxes.append((x, y, cw, ch))
    return boxes


def _camera_kind(shot: Shot) -> str:
    move = shot.expectations.camera
    if move in ("dolly_in", "dolly_out", "pan", "orbit", "locked"):
        return move
    text = shot.camera.lower()
    if "pan" in text or "track" in text:
        return "pan"
    if "out" in text or "pull" in text:
        return "dolly_out"
    return "dolly_in"


def animatic_graph(shot: Shot, image_name: str, *, filename_prefix: str,
                   panel_size: tuple[int, int] | None = None, fps: int = ANIMATIC_FPS) -> dict:
    """The API-format graph of one animatic: LoadImage -> per-frame crop/scale -> batch tree -> mp4."""
    panel_size = panel_size or (int(ANIMATIC_SIZE[0] * _PANEL_SCALE), int(ANIMATIC_SIZE[1] * _PANEL_SCALE))
    n = animatic_frames(shot.duration_s, fps)
    out_w, out_h = ANIMATIC_SIZE
    graph: dict[str, dict] = {"1": {"class_type": "LoadImage", "inputs": {"image": image_name},
                                    "_meta": {"title": "Storyboard panel"}}}
    next_id = 2

    def add(class_type: str, inputs: dict, title: str | None = None) -> str:
        nonlocal next_id
        nid = str(next_id)
        next_id += 1
        graph[nid] = {"class_type": class_type, "inputs": inputs}
        if title:
            graph[nid]["_meta"] = {"title": title}
        return nid

    frames: list[str] = []
    for x, y, w, h in camera_path(_camera_kind(shot), n, panel_size):
        crop = add("ImageCrop", {"image": ["1", 0], "width": w, "height": h, "x": x, "y": y})
        frames.append(add("ImageScale", {"image": [crop, 0], "upscale_method": "bilinear",
                                         "width": out_w, "height": out_h, "crop": "disabled"}))
    while len(frames) > 1:  # a balanced tree keeps the copying at n log n, not n^2
        merged = [add("ImageBatch", {"image1": [frames[i], 0], "image2": [frames[i + 1], 0]})
                  for i in range(0, len(frames) - 1, 2)]
        if len(frames) % 2:
            merged.append(frames[-1])
        frames = merged
    video = add("CreateVideo", {"images": [frames[0], 0], "fps": float(fps)}, "Create video")
    add("SaveVideo", {"video": [video, 0], "filename_prefix": filename_prefix, "format": "mp4", "codec": "h264"},
        "Save video")
    return graph
