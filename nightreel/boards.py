"""Storyboard files: write ``storyboard.json`` plus a readable Markdown or HTML page, and read them back."""

from __future__ import annotations

import json
import os
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from nightreel.errors import InputError
from nightreel.schema import TARGET_MODEL, Shot, Storyboard

__all__ = ["to_markdown", "to_html", "write_storyboard", "load_storyboard", "load_shot"]

_env = Environment(loader=PackageLoader("nightreel", "templates"), autoescape=select_autoescape(["html", "j2"]))


def _exp(shot: Shot) -> str:
    e = shot.expectations
    bits = [f"people {e.people}", f"camera {e.camera}", f"motion {e.motion}"]
    if e.loopable:
        bits.append("loops")
    if e.text_in_frame:
        bits.append("text overlaid later")
    return ", ".join(bits)


def to_markdown(sb: Storyboard) -> str:
    total = sum(s.duration_s for s in sb.shots)
    out = [f"# {sb.title}", "", f"> {sb.brief.idea}", "",
           f"{len(sb.shots)} shots, {total:g} s in all · planner `{sb.model}` · {sb.created_at:%Y-%m-%d %H:%M} UTC", ""]
    for i, s in enumerate(sb.shots, 1):
        out += [f"## {i}. {s.title}  ({s.duration_s:g} s, {s.target} → {TARGET_MODEL[s.target]})", "",
                f"**Prompt.** {s.positive}", "", f"**Negative.** {s.negative}", "",
                f"**Camera.** {s.camera} · **Light.** {s.lighting}" + (f" · **Audio.** {s.audio}" if s.audio else ""),
                "", f"**Expectations.** {_exp(s)} · seed {s.seed}", ""]
        if s.lint:
            out += ["**Lint.**", *[f"- {n}" for n in s.lint], ""]
        if s.lessons_applied:
            out += [f"*Lessons applied:* {', '.join(s.lessons_applied)}", ""]
    if sb.warnings:
        out += ["## Warnings", *[f"- {w}" for w in sb.warnings], ""]
    return "\n".join(out)


def to_html(sb: Storyboard) -> str:
    return _env.get_template("storyboard.html.j2").render(sb=sb, target_model=TARGET_MODEL, exp=_exp)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_storyboard(sb: Storyboard, out_dir: Path, fmt: str = "md") -> list[Path]:
    """Write storyboard.json and the readable copy; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "storyboard.json"]
    _atomic_write(paths[0], sb.model_dump_json(indent=2))
    if fmt in ("md", "html"):
        p = out_dir / f"storyboard.{fmt}"
        _atomic_write(p, to_markdown(sb) if fmt == "md" else to_html(sb))
        paths.append(p)
    return paths


def load_storyboard(path: str | Path) -> Storyboard:
    p = Path(path)
    if p.is_dir():
        p = p / "storyboard.json"
    try:
        return Storyboard.model_validate_json(p.read_bytes())
    except FileNotFoundError:
        raise InputError(f"no storyboard at {p}; make one with `nightreel storyboard \"idea\" --out DIR`") from None
    except ValueError as e:
        raise InputError(f"{p} is not a nightreel storyboard: {str(e).splitlines()[0]}") from None


def load_shot(path: str | Path, shot: str | None = None) -> Shot:
    """A Shot from a shot JSON file, or from a storyboard JSON (by id or 1-based index; default the first)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"cannot read shot file {p}: {e}") from None
    if isinstance(data, dict) and "shots" in data:
        shots = data["shots"]
        if not shots:
            raise InputError(f"{p} has no shots")
        if shot is None:
            data = shots[0]
        elif shot.isdigit() and 1 <= int(shot) <= len(shots):
            data = shots[int(shot) - 1]
        else:
            match = [s for s in shots if s.get("id") == shot]
            if not match:
                raise InputError(f"no shot {shot!r} in {p}; it has {', '.join(s.get('id', '?') for s in shots)}")
            data = match[0]
    try:
        return Shot.model_validate(data)
    except ValueError as e:
        raise InputError(f"{p} is not a shot: {str(e).splitlines()[0]}") from None
