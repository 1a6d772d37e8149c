"""The footage catalogue: every animated WebP of at least 24 frames in the installed ComfyUI template media wheels,
with the prompt that made it (read from the template JSON of the same stem in ``comfyui-workflow-templates-json``).

A clip is kept only when it decodes, has ``MIN_FRAMES`` frames or more, and its template holds a prompt; every other
WebP is counted under the reason it was skipped, so the catalogue can say what it left out. Nothing here raises for a
bad file: a WebP that fails to decode is one more skip.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import struct
from dataclasses import asdict, dataclass, field
from importlib import metadata, resources
from pathlib import Path

from PIL import Image

from tools.footage.prompts import template_prompt

__all__ = ["MIN_FRAMES", "Catalogue", "FootageClip", "MediaSource", "build_catalogue", "installed_sources",
           "model_of", "webp_info"]

MIN_FRAMES = 24
#: bumped whenever what the scan keeps or reads changes (prompt rules, skip reasons): part of the index's key
SCAN_RULES = 2
_MEDIA_PREFIX = "comfyui-workflow-templates-media"
_TEMPLATES_DIST = "comfyui-workflow-templates-json"
#: template-name token -> the model that made the clip (first match wins; the longer tokens first)
_MODELS = [("wan2_2", "Wan 2.2"), ("wan2.2", "Wan 2.2"), ("wan2_1", "Wan 2.1"), ("wan2.1", "Wan 2.1"),
           ("wan21", "Wan 2.1"), ("wan2_6", "Wan 2.6"), ("wan2_7", "Wan 2.7"), ("wan3_0", "Wan 3.0"),
           ("wan", "Wan"), ("ltx2_3", "LTX-2.3"), ("ltx2_5", "LTX-2.5"), ("ltx2", "LTX-2"), ("ltx", "LTX"),
           ("hunyuan_video", "HunyuanVideo"), ("hunyuan", "Hunyuan"), ("kandinsky", "Kandinsky 5"),
           ("kling", "Kling"), ("veo", "Veo"), ("gemini_omni", "Gemini Omni"), ("gemini", "Gemini"),
           ("runway", "Runway"), ("vidu", "Vidu"),
           ("seedance", "Seedance"), ("bytedance", "Seedance"), ("pixverse", "PixVerse"), ("minimax", "MiniMax"),
           ("hailuo", "Hailuo"), ("fasth3", "MiniMax H3"), ("luma", "Luma"), ("bfl", "FLUX"), ("flux", "FLUX"),
           ("grok", "Grok Imagine"), ("heygen", "HeyGen"), ("happyhorse", "HappyHorse"), ("meshy", "Meshy"),
           ("tripo", "Tripo"), ("rodin", "Rodin"), ("pruna", "Pruna"), ("sora", "Sora"), ("moonvalley", "Moonvalley"),
           ("topaz", "Topaz"), ("seedvr", "SeedVR2"), ("sync_so", "Sync"), ("beeble", "Beeble"),
           ("higgsfield", "Higgsfield"), ("sonilo", "Sonilo"), ("recraft", "Recraft"), ("qwen", "Qwen")]


@dataclass(frozen=True)
class MediaSource:
    """One installed media wheel: its distribution name, version and the folder holding its WebPs."""

    dist: str
    version: str
    folder: Path


@dataclass(frozen=True)
class FootageClip:
    name: str          # the file name, e.g. video_wan2_2_14B_t2v-1.webp
    path: str          # where the installed wheel holds it
    package: str       # the wheel it comes from
    template: str      # the template that made it, e.g. video_wan2_2_14B_t2v
    model: str         # the video model, from the template's name ("Wan 2.2")
    prompt: str        # the prompt that made it
    frames: int
    width: int
    height: int
    fps: float
    fps_known: bool    # False: the WebP gave no frame durations and fps is the 16 fps default

    @property
    def seconds(self) -> float:
        return round(self.frames / self.fps, 2) if self.fps else 0.0


@dataclass
class Catalogue:
    clips: list[FootageClip] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)   # reason -> file names
    versions: dict[str, str] = field(default_factory=dict)        # distribution -> version
    key: str = ""                                                 # versions + file names and sizes

    def skip(self, reason: str, name: str) -> None:
        self.skipped.setdefault(reason, []).append(name)

    def summary(self) -> str:
        parts = [f"{len(self.clips)} clips with prompts"]
        by_count = sorted(self.skipped.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        parts += [f"{len(v)} {reason}" for reason, v in by_count]
        return ", ".join(parts)

    def to_json(self) -> dict:
        return {"clips": [asdict(c) for c in self.clips], "skipped": self.skipped, "versions": self.versions,
                "key": self.key}

    @classmethod
    def from_json(cls, doc: dict) -> Catalogue:
        return cls(clips=[FootageClip(**c) for c in doc["clips"]], skipped=dict(doc.get("skipped") or {}),
                   versions=dict(doc.get("versions") or {}), key=str(doc.get("key") or ""))


def model_of(template: str) -> str:
    """The video model a template name names ("video_wan2_2_14B_t2v" -> "Wan 2.2"); "unknown" when none."""
    low = template.lower()
    for token, label in _MODELS:
        if token in low:
            return label
    return "unknown"


def installed_sources() -> tuple[list[MediaSource], Path, str]:
    """The installed media wheels, the template JSON folder and the templates wheel's version."""
    sources = []
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if not name.startswith(_MEDIA_PREFIX):
            continue
        module = name.replace("-", "_")
        try:
            folder = Path(str(resources.files(module))) / "templates"
        except ModuleNotFoundError:
            continue
        if folder.is_dir():
            sources.append(MediaSource(name, dist.version, folder))
    sources.sort(key=lambda s: s.dist)
    try:
        templates = Path(str(resources.files("comfyui_workflow_templates_json"))) / "templates"
        version = metadata.version(_TEMPLATES_DIST)
    except (ModuleNotFoundError, metadata.PackageNotFoundError):
        templates, version = Path("/nonexistent"), "missing"
    return sources, templates, version


def catalogue_key(sources: list[MediaSource], templates_version: str) -> tuple[str, dict[str, str]]:
    """A key that changes with any wheel version, any WebP's name or size and the scan's rules; and the versions."""
    versions = {s.dist: s.version for s in sources} | {_TEMPLATES_DIST: templates_version}
    h = hashlib.sha256(json.dumps([SCAN_RULES, versions], sort_keys=True).encode())
    for s in sources:
        for p in sorted(s.folder.glob("*.webp")):
            h.update(f"{s.dist}/{p.name}:{p.stat().st_size}\n".encode())
    return h.hexdigest()[:32], versions


def webp_info(path: Path) -> tuple[int, int, int, list[int]]:
    """(frames, width, height, frame durations in ms) of a WebP, from its RIFF chunks; raises ValueError."""
    with open(path, "rb") as f:
        head = f.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WEBP":
            raise ValueError("not a RIFF/WEBP file")
        end = 8 + struct.unpack("<I", head[4:8])[0]
        width = height = 0
        durations: list[int] = []
        still = False
        pos = 12
        while pos + 8 <= end:
            f.seek(pos)
            chunk = f.read(8)
            if len(chunk) < 8:
                raise ValueError("truncated chunk header")
            fourcc, size = chunk[:4], struct.unpack("<I", chunk[4:8])[0]
            if fourcc == b"VP8X":
                body = f.read(10)
                width, height = 1 + int.from_bytes(body[4:7], "little"), 1 + int.from_bytes(body[7:10], "little")
            elif fourcc == b"ANMF":
                body = f.read(16)
                if len(body) < 16:
                    raise ValueError("truncated animation frame")
                durations.append(int.from_bytes(body[12:15], "little"))
            elif fourcc in (b"VP8 ", b"VP8L"):
                still = True
            pos += 8 + size + (size & 1)
        if f.seek(0, 2) < end:
            raise ValueError("file shorter than its header says")
    frames = len(durations) or (1 if still else 0)
    if frames == 0:
        raise ValueError("no image data")
    return frames, width, height, durations


def _fps(durations: list[int]) -> tuple[float, bool]:
    """Frames per second from the frame durations, snapped to a common rate within 3 %; 16 when unknown."""
    good = [d for d in durations if d > 0]
    if not good:
        return 16.0, False
    fps = 1000.0 / statistics.median(good)
    for rate in (8, 10, 12, 15, 16, 24, 25, 30, 48, 50, 60):
        if abs(fps - rate) / rate <= 0.03:
            return float(rate), True
    return round(fps, 3), True


def _decodes(path: Path) -> bool:
    """Pillow opens the WebP and decodes its first frame."""
    try:
        with Image.open(path) as im:
            im.load()
        return True
    except Exception:  # noqa: BLE001 — Pillow raises many kinds for a broken file; each is one more skip
        return False


_SUFFIX = re.compile(r"-\d+$")
_MODEL_FILES = (".safetensors", ".gguf", ".ckpt", ".pt", ".pth")


def build_catalogue(sources: list[MediaSource], templates_dir: Path, templates_version: str = "") -> Catalogue:
    """Scan the wheels' WebPs: keep the real generations with a prompt, count the rest by reason."""
    key, versions = catalogue_key(sources, templates_version)
    cat = Catalogue(versions=versions, key=key)
    prompts: dict[str, tuple[str | None, str]] = {}
    seen: set[str] = set()
    for src in sources:
        for path in sorted(src.folder.glob("*.webp")):
            name = path.name
            if name in seen:   # the wheels ship some files twice (the same bytes): one clip, one upload name
                cat.skip("the same file in another wheel", name)
                continue
            seen.add(name)
            try:
                frames, width, height, durations = webp_info(path)
            except (OSError, ValueError):
                cat.skip("fail to decode", name)
                continue
            if frames == 1:
                cat.skip("one frame (a still)", name)
                continue
            if frames < MIN_FRAMES:
                cat.skip(f"fewer than {MIN_FRAMES} frames", name)
                continue
            if not _decodes(path):
                cat.skip("fail to decode", name)
                continue
            template = _SUFFIX.sub("", path.stem)
            if template not in prompts:
                prompts[template] = _read_template(templates_dir / f"{template}.json")
            prompt, model = prompts[template]
            if prompt is None:
                reason = "no template JSON" if not (templates_dir / f"{template}.json").is_file() else "no prompt"
                cat.skip(reason, name)
                continue
            fps, known = _fps(durations)
            cat.clips.append(FootageClip(name=name, path=str(path), package=src.dist, template=template,
                                         model=model, prompt=prompt, frames=frames, width=width,
                                         height=height, fps=fps, fps_known=known))
    return cat


def _read_template(path: Path) -> tuple[str | None, str]:
    """(the template's prompt, the model that made its output): the model from the template's name, else from its
    node types and model file names (a "Kling..." node, a "wan2.1_..." file)."""
    model = model_of(path.stem)
    try:
        workflow = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, model
    if model == "unknown":
        nodes = [n for g in [workflow, *((workflow.get("definitions") or {}).get("subgraphs") or [])]
                 for n in g.get("nodes") or [] if isinstance(n, dict)]
        hints = [str(n.get("type", "")) for n in nodes if not str(n.get("type", "")).endswith("Note")]
        hints += [v for n in nodes for v in (n.get("widgets_values") if isinstance(n.get("widgets_values"), list)
                                             else []) if isinstance(v, str) and v.endswith(_MODEL_FILES)]
        model = model_of(" ".join(hints).replace("-", "_"))
    return template_prompt(workflow), model
