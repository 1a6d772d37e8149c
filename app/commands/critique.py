"""`nightreel critique CLIP`: a grounded verdict on one clip (accept | salvage | rerender | reject)."""

from __future__ import annotations

import json
import os
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from nightreel.config import load_settings
from nightreel.errors import InputError
from nightreel.schema import Shot, ShotExpectations, Storyboard, Verdict
from app.commands._userpaths import user_file
from nightreel.studio import Studio

console = Console(stderr=True)
out = Console()

_COLOR = {"accept": "green", "salvage": "yellow", "rerender": "magenta", "reject": "red"}


class Fmt(str, Enum):
    text = "text"
    json = "json"


def parse_expect(spec: str) -> ShotExpectations:
    """``people=none,camera=locked,loopable=true`` → ShotExpectations (InputError naming the bad key/value)."""
    fields = ShotExpectations.model_fields
    data: dict[str, object] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        if "=" not in part:
            raise InputError(f"--expect: {part!r} is not key=value (e.g. people=none,camera=locked)")
        k, v = (x.strip() for x in part.split("=", 1))
        if k not in fields:
            raise InputError(f"--expect: unknown key {k!r}; use {', '.join(fields)}")
        data[k] = v.lower() in ("1", "true", "yes", "y") if fields[k].annotation is bool else v
    try:
        return ShotExpectations.model_validate(data)
    except ValueError as e:
        err = e.errors()[0]  # type: ignore[attr-defined]
        raise InputError(f"--expect {'.'.join(map(str, err['loc']))}: {err['msg']}") from None


def load_shot(path: Path, shot_id: str | None) -> Shot:
    """A Shot from a single-shot JSON or a storyboard JSON (pick with `shot_id`: an id or a 0-based index)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"--shot {path}: not a readable JSON file ({e})") from None
    try:
        if isinstance(doc, dict) and "shots" in doc:
            board = Storyboard.model_validate(doc) if "brief" in doc else None
            shots = board.shots if board else [Shot.model_validate(s) for s in doc["shots"]]
            if not shots:
                raise InputError(f"--shot {path}: the storyboard has no shots")
            if shot_id is None:
                if len(shots) == 1:
                    return shots[0]
                raise InputError(f"--shot {path} is a storyboard of {len(shots)} shots: pick one with --shot-id "
                                 f"(an id such as {shots[0].id}, or a number 1–{len(shots)})")
            for s in shots:
                if s.id == shot_id:
                    return s
            if shot_id.isdigit() and 1 <= int(shot_id) <= len(shots):  # 1-based, as everywhere in nightreel
                return shots[int(shot_id) - 1]
            raise InputError(f"--shot-id {shot_id}: no such shot; ids: {', '.join(s.id for s in shots)}")
        return Shot.model_validate(doc)
    except ValueError as e:
        if isinstance(e, InputError):
            raise
        raise InputError(f"--shot {path}: not a shot or storyboard ({str(e).splitlines()[0]})") from None


def render_text(v: Verdict, clip: Path, sheet: Path | None) -> None:
    c = _COLOR[v.verdict]
    out.print(f"[bold {c}]{v.verdict.upper()}[/]  {clip.name}  [dim]({v.source})[/]")
    for r in v.reasons:
        style = "dim" if r.startswith(("note", "checked by")) else ("yellow" if r.startswith("warning") else "")
        out.print(f"  • {r}", style=style or None, highlight=False)
    if v.evidence:
        t = Table(title="evidence", title_justify="left", show_lines=False)
        for col in ("what", "time", "frames", "box (x, y, w, h)"):
            t.add_column(col)
        for e in v.evidence:
            t.add_row(e.what, f"{e.t_start:.2f}–{e.t_end:.2f} s", f"{e.frame_start}–{e.frame_end}",
                      ", ".join(map(str, e.box)) if e.box else "")
        out.print(t)
    if v.fix:
        out.print(f"[bold]fix:[/] {v.fix}", highlight=False)
    if v.salvage:
        out.print(f"[bold]salvage plan:[/] {json.dumps(v.salvage)}", highlight=False)
    for d in v.disagreements:
        out.print(f"[yellow]disagreement:[/] {d}", highlight=False)
    if v.vlm_description:
        out.print(f"[bold]VLM:[/] {v.vlm_description}", highlight=False)
    p = v.probes
    if p is not None:
        out.print(f"[dim]probes: {p.width}x{p.height} {p.fps:g} fps {p.duration_s:.2f} s · camera {p.camera} · "
                  f"motion {p.motion} ({p.motion_energy:.2f} %W/s) · loop seam SSIM {p.loop_seam_ssim} · "
                  f"{getattr(p, 'frames_analysed', '?')} frames analysed in {getattr(p, 'seconds', 0):.1f} s[/]",
                  highlight=False)
    if sheet:
        out.print(f"contact sheet: {sheet}", highlight=False)


def critique_cmd(
    clip: Path = typer.Argument(..., help="the video clip, wherever it is (your own path)"),
    shot: Path = typer.Option(None, "--shot", "-s", help="a Shot JSON, or a storyboard JSON (with --shot-id)"),
    shot_id: str = typer.Option(None, "--shot-id", help="which shot of a storyboard: its id or 0-based index"),
    expect: str = typer.Option(None, "--expect", "-e",
                               help="expectations without a shot file: people=none|allowed|required, "
                                    "camera=locked|dolly_in|dolly_out|pan|orbit|handheld|any, "
                                    "motion=still|subtle|strong, loopable=true, text_in_frame=true"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="text for people, json for machines"),
    sheet: Path = typer.Option(None, "--sheet", help="write a contact sheet PNG with the evidence drawn (your own path)"),
    no_vlm: bool = typer.Option(False, "--no-vlm", help="probes only, even if a critic VLM is configured"),
    studio_dir: Path = typer.Option(None, "--studio", help="the studio folder (default: NIGHTREEL_STUDIO or ~/nightreel)"),
) -> None:
    """Measure a clip (people, camera move, motion, flicker, black/frozen frames, loop seam) and check it against
    the shot: prints accept | salvage | rerender | reject with the reasons, evidence (times, frames, boxes), the
    fix for a re-render or the salvage plan. With a critic VLM configured (NIGHTREEL_CRITIC_URL) its description
    is cross-checked against the probes; the probes win."""
    from agents.critic import critique_sync

    if shot and expect:
        raise InputError("give either --shot or --expect, not both")
    settings = load_settings(studio=str(studio_dir) if studio_dir else None)
    st = Studio.open(settings.studio)
    target: Shot | ShotExpectations
    if shot:
        target = load_shot(shot.expanduser().resolve(), shot_id)
    else:
        target = parse_expect(expect) if expect else ShotExpectations()
    # the clip and the sheet are paths the person typed: theirs, wherever they are (a model's or a web
    # request's paths go through the studio's confinement in agents/critic_tools.py instead)
    clip_p = user_file(clip, "the clip")
    sheet_p = sheet.expanduser().resolve() if sheet else None
    if sheet_p is not None and sheet_p.is_dir():
        raise InputError(f"--sheet {sheet_p} is a folder; give a file name such as {sheet_p / 'sheet.png'}")
    with console.status(f"critiquing {clip_p.name}…", spinner="dots") if fmt is Fmt.text else _null():
        v = critique_sync(clip_p, target, settings=settings, studio=_user_root(st, clip_p, sheet_p),
                          sheet_path=sheet_p, use_vlm=not no_vlm)
    if fmt is Fmt.json:
        doc = v.model_dump(mode="json")
        doc["clip"] = str(clip_p)
        if sheet_p:
            doc["sheet"] = str(sheet_p.with_suffix(".png"))
        out.print_json(json.dumps(doc)) if out.is_terminal else print(json.dumps(doc, indent=1))
    else:
        render_text(v, clip_p, sheet_p.with_suffix(".png") if sheet_p else None)


def _user_root(st: Studio, clip: Path, sheet: Path | None) -> Path:
    """The folder the critic may read and write in for this command: the studio when the person's paths are in it,
    else the nearest folder holding the clip and the sheet (both typed by the person)."""
    paths = [clip, *([sheet] if sheet else [])]
    if all(p.is_relative_to(st.root) for p in paths):
        return st.root
    return Path(os.path.commonpath([str(p.parent) for p in paths]))


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def register(app: typer.Typer) -> None:
    app.command("critique")(critique_cmd)
