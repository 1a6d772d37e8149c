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
from agents.expand import expand
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
    shots: int = typer.Option(None, "--shots", "-n", help="how many shots (default: the idea's stated length in shots "
                              "of at most 5 s, else 6)"),
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
    text = clean_idea(_idea_arg(idea), settings.max_idea_chars)  # fail fast, before any server starts
    if shots is not None and not 1 <= shots <= settings.max_shots:
        raise InputError(f"--shots must be between 1 and {settings.max_shots}, got {shots}")
    with console.status("starting the planner…") as status, planner_session(settings, memory=not no_memory) as (deps, ep):
        status.update(f"planning {f'{shots} shots' if shots else 'the shots'} with {ep.label or ep.model}…")
        sb = asyncio.run(expand(text, deps, ep, n_shots=shots, target=target.value, project=project))
        dest = out_dir or deps.studio.project_dir(project) / "storyboards" / sb.id
    paths = write_storyboard(sb, dest, fmt.value)
    if fmt is Fmt.json:
        out.print_json(sb.model_dump_json())
    elif fmt is Fmt.md:
        out.print(Markdown(to_markdown(sb)))
    for p in paths:
        console.print(f"wrote {p}")


class ChatFmt(str, Enum):
    text = "text"
    json = "json"


def chat(
    out_dir: Path = typer.Option(None, "--out", "-o", help="where `save` writes storyboard.json"),
    shots: int = typer.Option(None, "--shots", "-n", help="shots in the first storyboard (default: the idea's stated "
                              "length in shots of at most 5 s, else 6)"),
    say: list[str] = typer.Option(None, "--say", help="a line to say, without a terminal (repeat for several, in order)"),
    fmt: ChatFmt = typer.Option(ChatFmt.text, "--format", "-f", help="with --say: text, or one JSON object "
                                "{steps: [{tool, args, result, ok, by}], reply, verdicts, by, storyboard}"),
    planner_url: str = typer.Option(None, "--planner-url", help="OpenAI-compatible base URL"),
    planner_model: str = typer.Option(None, "--planner-model", help="model name on that server"),
    no_memory: bool = typer.Option(False, "--no-memory", help="plan with the seeded lessons only"),
) -> None:
    """Talk a brief into a storyboard with the planner agent, render it and hear what the critic saw.

    The planner model chooses its tools (expand the brief, revise a shot, render, wait, critique, crop,
    salvage, re-render, save); each call and its result is printed as a line. Try: the idea, then
    "make shot 3 a locked tripod", "render shot 2 as a draft and tell me whether anybody walks in",
    "save". With a model that cannot call tools the follow-up rules answer instead, and say so.
    `show` prints the storyboard, `quit` leaves. With --say the lines run without a terminal.
    """
    settings = load_settings(planner_url=planner_url, planner_model=planner_model)
    if fmt is ChatFmt.json and not say:
        raise InputError("--format json needs the lines as --say LINE (it prints one object at the end)")
    console.print("starting the planner…")
    with planner_session(settings, memory=not no_memory) as (deps, ep):
        asyncio.run(_chat_loop(deps, ep, shots, out_dir, say or None, fmt))


async def _chat_loop(deps, ep, n_shots: int | None, out_dir, lines: list[str] | None, fmt: ChatFmt) -> None:
    """One event loop for the whole conversation (renders started by the agent go on between lines)."""
    import contextlib
    import json as _json

    from agents.chat import ChatSession, Step
    from app.rendering import render_session

    quiet = fmt is ChatFmt.json
    async with contextlib.AsyncExitStack() as stack:
        async def open_renders():
            console.print("starting ComfyUI for the render…")
            return await stack.enter_async_context(render_session(deps=deps))

        def show_step(step: Step) -> None:
            if quiet:
                return
            args = ", ".join(f"{k}={v!r}" for k, v in step.args.items())
            mark = "[green]→[/green]" if step.ok else "[yellow]↻[/yellow]"
            first = step.result.strip().split("\n", 1)[0]
            console.print(f"  {mark} [bold]{step.tool}[/bold]({args[:160]}) {first[:200]}", highlight=False)

        session = ChatSession(deps, ep, n_shots=n_shots, out_dir=out_dir, save_anywhere=True,
                              render_opener=open_renders, on_step=show_step)
        if not quiet:
            mode = "the planner agent chooses its tools" if session.use_agent else \
                "this model cannot call tools: the follow-up rules answer"
            console.print(f"[bold]nightreel chat[/bold] — {mode}. Type the idea, then follow-ups; "
                          "`save` writes it, `quit` leaves.")
        all_steps, verdicts, last, failed = [], [], None, None
        queue = list(lines) if lines is not None else None
        while True:
            if queue is not None:
                if not queue:
                    break
                line = queue.pop(0).strip()
            else:
                try:
                    line = (await asyncio.to_thread(input, "you> ")).strip()
                except EOFError:
                    line = "quit"
            if not line:
                continue
            try:
                reply = await session.say(line)
            except InputError as e:
                if queue is not None:
                    raise
                console.print(f"[red]{e}[/red]")
                continue
            except Exception as e:  # noqa: BLE001  a server gone or a fault mid-line: the conversation so far stays
                import structlog

                structlog.get_logger().warning("chat.line_failed", line=line[:200], error=repr(e)[:500])
                failed = (f"the line {line[:80]!r} failed ({type(e).__name__}: {str(e)[:300]}); the storyboard "
                          "so far is kept")
                console.print(f"[red]{failed}[/red]")
                if queue is not None:
                    break
                continue
            all_steps += [st.as_dict() for st in reply.steps]
            verdicts += [v.as_dict() for v in reply.verdicts]
            last = reply
            if line.lower() in ("quit", "exit", ":q"):
                if not quiet:
                    console.print("bye (unsaved changes are in the transcript only)" if session.dirty else "bye")
                break
            if not quiet:
                out.print(Markdown(reply.text))
                if reply.verdicts:   # the critic's verdicts, from the critiques themselves
                    out.print(Markdown("\n\n".join(v.markdown() for v in reply.verdicts)))
                if reply.saved_to is not None:
                    console.print(f"wrote {reply.saved_to}")
        sb = session.storyboard
        path = None
        if sb is not None and quiet:
            saved = [r for r in (last,) if r is not None and r.saved_to is not None]
            path = str(saved[0].saved_to) if saved else None
            if path is None:  # a script gets a storyboard file it can read
                dest = out_dir or deps.studio.project_dir(sb.brief.project) / "storyboards" / sb.id
                write_storyboard(sb, dest, "md")
                path = str(dest / "storyboard.json")
        if quiet:
            out.print_json(_json.dumps({"steps": all_steps, "reply": last.text if last else "",
                                        "verdicts": verdicts, "by": last.by if last else None, "storyboard": path,
                                        **({"error": failed} if failed else {})},
                                       ensure_ascii=False, default=str))
        if failed and queue is not None:
            raise typer.Exit(1)


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
        table.add_row("agent", f"[green]on[/green] {ep.label or ep.model} chooses the tools in chat and at night"
                      if ep.tools else f"[yellow]off[/yellow] {ep.label or ep.model} does not call tools: the rules "
                      "decide (set planner_tools = \"on\" for a server that can)")
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
