"""`nightreel night`, `nightreel dailies`, `nightreel review`.

Timers: ``nightreel night --start 23:00 --dawn 07:00`` waits for 23:00 by itself. To start it from the
system instead, see the examples in ``nightreel night --help`` (the night command's docstring below): cron,
or a systemd user timer, both calling the venv inside the folder nightreel was cloned into
(``$HOME/src/nightreel/.venv/bin/nightreel`` in the examples). Rerunning after a crash resumes the night.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Column, Table

from nightreel.config import load_settings
from nightreel.errors import InputError
from app.night import NightPlan

console = Console(stderr=True)
out = Console()


def parse_clock(value: str, *, after: datetime, flag: str) -> datetime:
    """HH:MM as the next such time at or after `after`; +Nm / +Nh as that long after `after`."""
    m = re.fullmatch(r"\+(\d+(?:\.\d+)?)([mh])", value.strip())
    if m:
        n = float(m.group(1))
        return after + (timedelta(minutes=n) if m.group(2) == "m" else timedelta(hours=n))
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if not m:
        raise InputError(f"{flag} takes HH:MM (e.g. 07:00) or +Nm / +Nh (e.g. +90m), got {value!r}")
    t = after.replace(hour=int(m.group(1)), minute=int(m.group(2)), second=0, microsecond=0)
    return t if t >= after else t + timedelta(days=1)


def night_window(start: str | None, now_flag: bool, dawn: str, now: datetime) -> tuple[datetime, datetime]:
    if now_flag:
        t0 = now
    else:
        t0 = parse_clock(start or "23:00", after=now, flag="--start")
        if not dawn.strip().startswith("+"):  # a relative dawn counts from the start, not from now
            d_if_now = parse_clock(dawn, after=now, flag="--dawn")
            if d_if_now < t0:  # we are inside tonight's window already (started late): start now
                t0 = now
    t_dawn = parse_clock(dawn, after=t0, flag="--dawn")
    if t_dawn <= t0:
        raise InputError(f"dawn {dawn} is not after the start {t0:%H:%M}")
    return t0, t_dawn


def night_progress(console: Console) -> Progress:
    """The night's progress display, readable at 80 columns: the project's name is cut to 12 columns, the bar is
    short, and the status line (step first, then shot, then project: 'rendering draft shot-2 · coffee') ends
    in an ellipsis when it is too long, so what is happening stays on screen."""
    return Progress(
        TextColumn("{task.fields[project]}", justify="right",
                   table_column=Column(width=12, no_wrap=True, overflow="ellipsis")),
        BarColumn(bar_width=16), MofNCompleteColumn(),
        TextColumn("{task.description}", table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1)),
        TimeRemainingColumn(), console=console, expand=True)


class _NightView:
    """Rich progress for the night: one bar per project (items judged of items known) and a status line."""

    def __init__(self, progress: Progress):
        self.p = progress
        self.tasks: dict[str, int] = {}
        self.status = progress.add_task("starting", total=None, project="night")

    def _task(self, project: str) -> int:
        if project not in self.tasks:
            self.tasks[project] = self.p.add_task("judged", total=0, project=project)
        return self.tasks[project]

    def __call__(self, kind: str, data: dict) -> None:
        project = data.get("project")
        if kind == "planned" and project:
            t = self._task(project)
            self.p.update(t, total=(self.p.tasks[t].total or 0) + data.get("shots", 0))
        elif kind == "judged" and project:
            t = self._task(project)
            if data.get("decision") in ("accept", "salvaged") and data.get("tier") != "final":
                self.p.update(t, total=(self.p.tasks[t].total or 0) + 1)
            self.p.advance(t)
        elif kind == "failed" and project:
            self.p.advance(self._task(project))
        line = {"intake": "planning {note}", "started": "rendering {tier} {shot} · {project}",
                "rendered": "judging {tier} {shot} · {project}", "judged": "{shot} {tier}: {verdict} · {project}",
                "failed": "{shot} render failed · {project}: {error}", "skipped": "skipped {note}: {reason}",
                "waiting": "{shot} waits: ComfyUI unavailable · {project}", "learned": "learning: {summary}"}.get(kind)
        if line:
            text = line.format_map(defaultdict(str, {k: v for k, v in data.items() if v is not None}))
            self.p.update(self.status, description=" ".join(text.split()).strip(" ·:")[:200])


def night(
    notes: Path = typer.Option(None, "--notes", help="folder of notes, one idea per file (default: STUDIO/notes)"),
    start: str = typer.Option(None, "--start", help="HH:MM to begin (waits until then; default 23:00)"),
    now: bool = typer.Option(False, "--now", help="begin at once"),
    dawn: str = typer.Option(None, "--dawn", help="HH:MM, or +Nm / +Nh from the start (default 07:00)"),
    variants: int = typer.Option(2, "--variants", help="shots per note when its front matter does not say"),
    no_finals: bool = typer.Option(False, "--no-finals", help="drafts and verdicts only"),
    comfy: list[str] = typer.Option(None, "--comfy", help="ComfyUI URL (repeat for a pool; default embedded)"),
    planner_url: str = typer.Option(None, "--planner-url", help="OpenAI-compatible planner URL"),
    no_memory: bool = typer.Option(False, "--no-memory", help="plan with the seeded lessons only"),
) -> None:
    """Work through the notes folder until dawn: storyboards, drafts, the critic's verdicts, finals.

    Every new note is expanded once (its content hash is remembered); drafts for every project come
    before any final; nothing is started that its estimate says cannot finish before dawn. Ctrl-C is
    safe: killed and run again, the night resumes where it was. Ends by writing the dailies (last line:
    the page).

    From cron (crontab -e), nightreel cloned into ~/src/nightreel, the studio in ~/nightreel:

      55 22 * * *  NIGHTREEL_STUDIO=$HOME/nightreel $HOME/src/nightreel/.venv/bin/nightreel night --start 23:00 --dawn 07:00

    From a systemd user timer, two files in ~/.config/systemd/user/:

      nightreel.service   \[Service]
                          Type=oneshot
                          ExecStart=%h/src/nightreel/.venv/bin/nightreel night --now --dawn 07:00
      nightreel.timer     \[Timer]
                          OnCalendar=*-*-* 23:00
                          Persistent=true
                          \[Install]
                          WantedBy=timers.target

    then: systemctl --user enable --now nightreel.timer
    """
    from app.session import planner_session

    if start and now:
        raise InputError("give --start HH:MM or --now, not both")
    settings = load_settings(planner_url=planner_url, comfy_urls=comfy or None)
    t0, t_dawn = night_window(start or settings.night_start, now, dawn or settings.night_dawn, datetime.now())
    notes_dir = Path(notes or (settings.studio / "notes")).expanduser()
    if not notes_dir.is_dir():
        raise InputError(f"the notes folder {notes_dir} does not exist; create it and put one idea per file in it")
    with console.status(f"waiting for {t0:%H:%M} (dawn {t_dawn:%H:%M})"):
        while datetime.now() < t0:
            time.sleep(min(30.0, max(0.1, (t0 - datetime.now()).total_seconds())))
    with contextlib.ExitStack() as stack:
        with console.status("starting the planner…"):
            deps, ep = stack.enter_context(planner_session(settings, memory=not no_memory))
        plan = NightPlan(notes_dir=notes_dir, start=t0, dawn=t_dawn, variants=variants, finals=not no_finals,
                         dawn_policy=settings.dawn_policy)
        report, page = asyncio.run(_run(deps, ep, plan))
    table = Table("notes expanded", "skipped", "drafts", "finals", "verdicts", "decided by",
                  "left for next night", title=f"night {report.run_id}")
    table.add_row(str(report.notes_expanded), str(report.notes_skipped), str(report.drafts), str(report.finals),
                  ", ".join(f"{k} {v}" for k, v in sorted(report.verdicts.items())) or "-",
                  ", ".join(f"{k} {v}" for k, v in sorted(report.decisions.items())) or "-",
                  str(report.left_for_next_night))
    console.print(table)
    for line in report.learned:   # what learning proposed, confirmed, applied tonight, or why it failed
        console.print(line, soft_wrap=True, markup=False, highlight=False)
    out.print(str(page), soft_wrap=True)


async def _run(deps, ep, plan: NightPlan):
    from app.dailies import write_dailies
    from app.night import run_night
    from app.night_store import NightStore
    from app.rendering import render_session

    async with render_session(deps=deps) as d:
        with NightStore.open(deps.studio) as store:
            with night_progress(console) as progress:
                report = await run_night(d, ep, plan, on_event=_NightView(progress), store=store)
            page, _ = write_dailies(deps.studio, store, day=plan.start.strftime("%Y-%m-%d"))
            return report, page


def _check_day(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"--date takes YYYY-MM-DD (the date the night started), got {value!r}") from None


def dailies(
    day: str = typer.Option(None, "--date", help="YYYY-MM-DD the night started (default: the latest night)"),
    print_path: bool = typer.Option(False, "--print-path", help="print only the page's path"),
    fmt: str = typer.Option("text", "--format", "-f", help="text (summary, then the page's path) or json "
                            "(every clip with its verdict and decisions: by agent or rule, tool call, reason)"),
) -> None:
    """Write the morning's dailies page (sorted by project, filters by project and verdict) and a summary.

    Each clip shows who decided what became of it: the planner agent (with its tool call and its reason)
    or the rule (and why the rule decided). The last line printed is the page's path:
    `xdg-open "$(nightreel dailies --print-path)"`.
    """
    if fmt not in ("text", "json"):
        raise InputError(f"--format is text or json, not {fmt!r}")
    from rich.markdown import Markdown

    from app.dailies import dailies_page, write_dailies
    from app.night_store import NightStore
    from app.session import open_studio

    settings, studio = open_studio(load_settings())
    with NightStore.open(studio) as store:
        before = _mtime_ns(dailies_page(studio, store, day=_check_day(day)))
        page, summary = write_dailies(studio, store, day=_check_day(day))
        unchanged = before is not None and before == _mtime_ns(page)
        if fmt == "json":
            import json

            from app.dailies import as_json, collect

            d = collect(studio, store, day=_check_day(day), page_dir=page.parent)
            out.print_json(json.dumps({**as_json(d), "page": str(page)}, ensure_ascii=False, default=str))
            return
    if not print_path:
        console.print(Markdown(summary.read_text(encoding="utf-8")))
        if unchanged:
            made = datetime.fromtimestamp(page.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            console.print(f"The page is unchanged since {made}: nothing new was recorded, so it was not rewritten.")
    out.print(str(page), soft_wrap=True)


def _mtime_ns(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


def review(
    item: str = typer.Argument(None, help="the clip's item id (shown on the dailies page); omit to go through them"),
    promote: bool = typer.Option(False, "--promote", help="render it as a final next night"),
    reject: bool = typer.Option(False, "--reject", help="drop it"),
    requeue: bool = typer.Option(False, "--requeue", help="draft it again next night (the note becomes the fix)"),
    note: str = typer.Option("", "--note", "-m", help="why; fed to memory with the decision"),
    day: str = typer.Option(None, "--date", help="YYYY-MM-DD of the night to review (default: the latest)"),
) -> None:
    """Promote, reject or re-queue clips from the dailies; recorded in the ledger and fed to memory."""
    from app.night_store import NightStore
    from app.review import review_item
    from app.session import open_memory, open_studio

    flags = [a for a, on in (("promote", promote), ("reject", reject), ("requeue", requeue)) if on]
    if len(flags) > 1:
        raise InputError("choose one of --promote, --reject, --requeue")
    if flags and not item:
        raise InputError(f"--{flags[0]} needs the clip's item id, e.g. `nightreel review it-… --{flags[0]}`")
    settings, studio = open_studio(load_settings())
    with NightStore.open(studio) as store, open_memory(studio) as memory:
        if item:
            action = flags[0] if flags else typer.prompt("promote / reject / requeue")
            rv = review_item(store, item, action.strip().lower(), note, memory=memory)
            out.print(f"{rv.action} {rv.item_id}" + (f": {rv.note}" if rv.note else ""))
            return
        from app.review import review_proposals  # what the nights learned comes first: approve / dismiss

        review_proposals(memory, ask=typer.prompt, say=out.print)
        runs = store.runs()
        if not runs:
            raise InputError(f"no night has run in the studio {studio.root} yet; start one with `nightreel night "
                             "--now`, or point NIGHTREEL_STUDIO at the studio a night ran in (make demo's: "
                             "demo-out/studio)")
        d = _check_day(day) or runs[-1].day
        ids = {r.id for r in runs if r.day == d}
        todo = [i for i in store.items(state="done") if i.run_id in ids and not store.reviews(i.id)]
        for it in todo:
            v = it.verdict.verdict if it.verdict else it.decision
            out.print(f"[bold]{it.project}[/bold] · {it.shot.title} · {it.tier} · critic: {v}\n  {it.clip_path}")
            ans = typer.prompt("[p]romote / [r]eject / re[q]ueue / [s]kip / e[x]it", default="s").strip().lower()
            if ans.startswith("x"):
                break
            action = {"p": "promote", "r": "reject", "q": "requeue"}.get(ans[:1])
            if action:
                why = typer.prompt("note", default="", show_default=False)
                review_item(store, it.id, action, why, memory=memory)
        out.print(f"{len(store.reviews())} decisions recorded")


def register(app: typer.Typer) -> None:
    app.command("night")(night)
    app.command("dailies")(dailies)
    app.command("review")(review)
