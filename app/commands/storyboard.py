"""`nightreel storyboard`, `nightreel chat`, `nightreel doctor`."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from agents.brief import clean_idea
from agents.models import check_endpoint
from agents.planner import expand
from nightreel.boards import to_markdown, write_storyboard
from nightreel.config import load_settings
from nightreel.errors import InputError, NightreelError
from app.session import planner_session

console = Console(stderr=True)
out = Console()


class Fmt(str, Enum):
    md = "md"
    json = "json"
    html = "html"


class TargetOpt(str, Enum):
    auto = "auto"
    draft = "draft"
    final = "final"
    still = "still"


def _idea_arg(idea: str) -> str:
    if idea == "-":
        raw = sys.stdin.buffer.read()
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"the idea on stdin is not valid UTF-8 (byte {e.start}); save it as UTF-8 text") from None
    return idea


def storyboard(
    idea: str = typer.Argument(..., help="the idea, in a line or two ('-' reads it from stdin)"),
    shots: int = typer.Option(None, "--shots", "-n", help="how many shots (default 6)"),
    fmt: Fmt = typer.Option(Fmt.md, "--format", "-f", help="readable copy written beside storyboard.json, and what is printed"),
    out_dir: Path = typer.Option(None, "--out", "-o", help="folder for storyboard.json (default: the studio's project folder)"),
    target: TargetOpt = typer.Option(TargetOpt.auto, "--target", "-t", help="force every shot to draft (LTX-2), final (Wan 2.2) or still (FLUX.2)"),
    project: str = typer.Option("default", "--project", "-p", help="project name (folder in the studio)"),
    planner_url: str = typer.Option(None, "--planner-url", help="OpenAI-compatible base URL (default: the embedded model)"),
    planner_model: str = typer.Option(None, "--planner-model", help="model name on that server"),
    no_memory: bool = typer.Option(False, "--no-memory", help="plan with the seeded lessons only"),
) -> None:
    """Expand an IDEA into a storyboard of shots with prompts ready for the video models.

    Writes DIR/storyboard.json (what `nightreel render` reads) and a readable storyboard.md or .html.
    What the idea states explicitly (nobody in the room, a tripod, a loop, words on a screen, a camera
    move) is kept in every shot's expectations, whatever the model wrote.
    """
    settings = load_settings(planner_url=planner_url, planner_model=planner_model)
    n = shots if shots is not None else settings.default_shots
    text = clean_idea(_idea_arg(idea), settings.max_idea_chars)  # fail fast, before any server starts
    if not 1 <= n <= settings.max_shots:
        raise InputError(f"--shots must be between 1 and {settings.max_shots}, got {n}")
    with console.status("starting the planner…") as status, planner_session(settings, memory=not no_memory) as (deps, ep):
        status.update(f"planning {n} shots with {ep.label or ep.model}…")
        sb = asyncio.run(expand(text, deps, ep, n_shots=n, target=target.value, project=project))
        dest = out_dir or deps.studio.project_dir(project) / "storyboards" / sb.id
    paths = write_storyboard(sb, dest, fmt.value)
    if fmt is Fmt.json:
        out.print_json(sb.model_dump_json())
    elif fmt is Fmt.md:
        out.print(Markdown(to_markdown(sb)))
    for p in paths:
        console.print(f"wrote {p}")


def chat(
    out_dir: Path = typer.Option(None, "--out", "-o", help="where `save` writes storyboard.json"),
    shots: int = typer.Option(None, "--shots", "-n", help="shots in the first storyboard (default 6)"),
    planner_url: str = typer.Option(None, "--planner-url", help="OpenAI-compatible base URL"),
    planner_model: str = typer.Option(None, "--planner-model", help="model name on that server"),
    no_memory: bool = typer.Option(False, "--no-memory", help="plan with the seeded lessons only"),
) -> None:
    """Talk a brief into a storyboard: the idea first, then follow-ups, then `save`.

    Follow-ups: "make shot 3 a locked tripod", "two more variants of shot 1", "drop shot 2",
    "render shot 2 as a draft", "show", "save", "quit".
    """
    from agents.chat import ChatSession

    settings = load_settings(planner_url=planner_url, planner_model=planner_model)
    console.print("starting the planner…")
    with planner_session(settings, memory=not no_memory) as (deps, ep):
        session = ChatSession(deps, ep, n_shots=shots or settings.default_shots, out_dir=out_dir, save_anywhere=True)
        console.print("[bold]nightreel chat[/bold] — type the idea. Then follow-ups; `save` writes it, `quit` leaves.")
        while True:
            try:
                line = input("you> ").strip()
            except EOFError:
                line = "quit"
            if not line:
                continue
            m = re.match(r"^\s*render\b(.*)$", line, re.IGNORECASE)
            if m and session.storyboard is not None:
                try:
                    _chat_render(deps, session.storyboard, m.group(1))
                except NightreelError as e:
                    console.print(f"[red]{e}[/red]")
                continue
            try:
                reply = asyncio.run(session.say(line))
            except InputError as e:
                console.print(f"[red]{e}[/red]")
                continue
            if reply.saved_to is None and line.lower() in ("quit", "exit", ":q"):
                console.print("bye (unsaved changes are in the transcript only)" if session.dirty else "bye")
                return
            out.print(Markdown(reply.text))
            if reply.saved_to is not None:
                console.print(f"wrote {reply.saved_to}")


def _chat_render(deps, storyboard, rest: str) -> None:
    """`render shot 2 as a draft` / `render all shots final` in chat: the same renderer as `nightreel render`."""
    from agents.chat import parse_shot_refs
    from app.rendering import render_session
    from tools.comfy.runner import render_storyboard

    refs = parse_shot_refs(rest, len(storyboard.shots)) or list(range(1, len(storyboard.shots) + 1))
    tier = "final" if re.search(r"\bfinal\b", rest, re.IGNORECASE) else "draft"
    ids = [storyboard.shots[i - 1].id for i in refs]

    async def go():
        async with render_session(deps=deps) as d:
            return await render_storyboard(storyboard, tier, d, shot_ids=ids)

    with console.status(f"rendering {len(ids)} shot(s) as {tier}…"):
        outcome = asyncio.run(go())
    for clip in outcome:
        out.print(f"{clip.shot_id}: {clip.path}")
    for job in outcome.unfinished:
        out.print(f"[red]{job.shot_id}: {job.state.value} — {job.error}[/red]")


def doctor(
    planner_url: str = typer.Option(None, "--planner-url", help="OpenAI-compatible base URL to check"),
    planner_model: str = typer.Option(None, "--planner-model", help="model name on that server"),
    comfy: list[str] = typer.Option(None, "--comfy", help="ComfyUI URL to preflight (repeat for a pool)"),
    template: list[str] = typer.Option(None, "--template", help="workflow to preflight on --comfy (official "
                                       "template name or exported .json; default: the Wan 2.2, LTX-2, FLUX.2 ones)"),
) -> None:
    """Check the planner endpoint (reachable, model listed, a 1-token completion) and say what to fix.

    With --comfy URL: preflight every workflow nightreel would send there — each node class exists on the
    server and each model file it names is in the server's lists, else which files are missing and the
    folder they belong in.
    """
    settings = load_settings(planner_url=planner_url, planner_model=planner_model)
    table = Table("check", "result", title=f"nightreel doctor · studio {settings.studio}")
    ok_all = True
    for url in comfy or []:
        ok_all &= _preflight_rows(table, url, template or None)
    with console.status("checking the planner…"), planner_session(settings, memory=False) as (deps, ep):
        for ok, msg in check_endpoint(ep, timeout_s=min(settings.model_timeout_s, 60)):
            table.add_row("planner", ("[green]ok[/green] " if ok else "[red]FAIL[/red] ") + msg)
            ok_all &= ok
    table.add_row("ffmpeg", "[green]ok[/green]" if _which("ffmpeg") else "[red]FAIL[/red] install ffmpeg (apt-get install ffmpeg)")
    out.print(table)
    if not ok_all:
        raise typer.Exit(1)


def _preflight_rows(table: Table, url: str, templates: list[str] | None) -> bool:
    from tools.comfy.preflight import preflight
    from tools.comfy.workflows import TIER_TEMPLATES, load_workflow

    names = templates or sorted({name for pair in TIER_TEMPLATES.values() for name in pair})
    ok_all = True
    for name in names:
        graph, label = load_workflow(name)
        try:
            problems = preflight(graph, url)
        except NightreelError as e:
            table.add_row(f"comfy {url}", f"[red]FAIL[/red] {e}")
            return False
        ok_all &= not problems
        table.add_row(f"comfy {label}", "[green]ok[/green] ready" if not problems else
                      "[red]FAIL[/red] " + "; ".join(problems))
    return ok_all


def _which(cmd: str) -> bool:
    return any(os.access(os.path.join(p, cmd), os.X_OK) for p in os.environ.get("PATH", "").split(os.pathsep))


def register(app: typer.Typer) -> None:
    app.command("storyboard")(storyboard)
    app.command("chat")(chat)
    app.command("doctor")(doctor)
