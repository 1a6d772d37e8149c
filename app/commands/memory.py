"""`nightreel memory ...`: see, search, add, approve, forget and export what nightreel has learned."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import typer
import yaml
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from nightreel.config import load_settings
from nightreel.errors import InputError, MemoryStoreError
from nightreel.schema import Lesson, ShotExpectations
from nightreel.studio import Studio

console = Console(stderr=True)
out = Console()

memory_app = typer.Typer(
    name="memory",
    help="What nightreel remembers: lessons (seeded from the articles, learned from rejected shots, or added by "
         "you) and the outcome of every rendered shot. Proposed lessons apply only after `approve` "
         "(or after they are confirmed often enough).",
    no_args_is_help=True,
)

_STATUS_STYLE = {"seeded": "cyan", "approved": "green", "proposed": "yellow", "retired": "dim"}


@contextlib.contextmanager
def _store() -> Iterator:
    from memory.store import MemoryStore

    settings = load_settings()
    store = MemoryStore.open(Studio.open(settings.studio), confirmations=settings.lesson_confirmations)
    try:
        yield store
    finally:
        store.close()


def _scope(ls: Lesson) -> str:
    parts = [f"target={ls.scope_target}"] if ls.scope_target else []
    parts += [f"{k}={v}" for k, v in ls.scope_expectation.items()]
    return ", ".join(parts) or "any shot"


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _table(lessons: list[Lesson], title: str) -> Table:
    t = Table(title=title)
    t.add_column("id", no_wrap=True)
    t.add_column("status", no_wrap=True)
    t.add_column("trigger → fix")
    t.add_column("scope", style="dim")
    t.add_column("conf.", justify="right")
    for ls in lessons:
        style = _STATUS_STYLE.get(ls.status, "")
        t.add_row(ls.id, f"[{style}]{ls.status}[/]", f"{_short(ls.trigger)}\n[dim]→ {_short(ls.fix)}[/]",
                  _scope(ls), str(ls.times_confirmed))
    return t


def list_cmd(
    status: str = typer.Option(None, "--status", "-s", help="only seeded | proposed | approved | retired"),
    all_: bool = typer.Option(False, "--all", "-a", help="include retired (forgotten) lessons"),
) -> None:
    """List the lessons in memory."""
    if status and status not in _STATUS_STYLE:
        raise InputError(f"--status must be one of {', '.join(_STATUS_STYLE)}, not {status!r}")
    with _store() as store:
        lessons = store.list_lessons(status)  # type: ignore[arg-type]
        active = {ls.id for ls in store.active_lessons()}
    if not (status or all_):
        lessons = [ls for ls in lessons if ls.status != "retired"]
    out.print(_table(lessons, f"{len(lessons)} lessons ({len(active)} applied to every plan)"))


def search_cmd(
    query: str = typer.Argument(..., help="what the shot or brief is about, in words"),
    limit: int = typer.Option(5, "--limit", "-n", min=1, max=100, help="how many lessons to show"),
    target: str = typer.Option(None, "--target", "-t", help="only lessons for this target: draft | final | still"),
    people: str = typer.Option(None, "--people", help="only lessons for shots with people none | allowed | required"),
) -> None:
    """Recall the lessons most relevant to QUERY (what the planner sees before it writes prompts)."""
    if not query.strip():
        raise InputError("the search query is empty: say what the shot is about")
    exp = {"people": people} if people else None
    if people and people not in ("none", "allowed", "required"):
        raise InputError(f"--people must be none, allowed or required, not {people!r}")
    with _store() as store:
        lessons = store.recall(query, target=target, expectations=exp, limit=limit)
    out.print(_table(lessons, f"lessons for: {query[:80]}"))


def show_cmd(
    lesson_id: str = typer.Argument(..., help="the lesson id (see `nightreel memory list`)"),
    shots: int = typer.Option(8, "--shots", "-n", min=0, max=200, help="how many evidence shots to list"),
) -> None:
    """Show one lesson in full and why it exists: trigger, effect, fix, scope, the counts and the shots
    (with their clips) behind it, when learning proposed it, and which storyboards it has changed since."""
    from memory.explain import explain_lesson

    settings = load_settings()
    with _store() as store:
        story = explain_lesson(store, lesson_id, Studio.open(settings.studio).root, max_shots=shots)
    ls = story.lesson
    t = Table(show_header=False, title=ls.id)
    t.add_column(style="bold")
    t.add_column()
    rows = [("status", ls.status), ("trigger", ls.trigger), ("effect", ls.effect), ("fix", ls.fix),
            ("scope", _scope(ls)), ("words", ", ".join(ls.words)), ("lint rule", ls.check or "-"),
            ("evidence", ls.evidence), ("source", ls.source), ("confirmed", str(ls.times_confirmed))]
    if ls.counts:
        rows.append(("counts", ", ".join(f"{k}={v}" for k, v in ls.counts.items())))
    if story.learned:
        rows.append(("learning", "; ".join(story.learned)))
    if story.renders_changed:
        rows.append(("renders it changed", ", ".join(f"{k} {v}" for k, v in sorted(story.renders_changed.items()))))
    for k, v in rows:
        t.add_row(k, v or "-")
    out.print(t)
    for title, group in (("rejected shots carrying its words", story.rejected),
                         ("accepted shots carrying its words", story.accepted)):
        if not group:
            continue
        et = Table(title=f"{title} (newest first)")
        for col in ("when", "project · shot", "verdict", "prompt", "why", "clip"):
            et.add_column(col, overflow="fold")
        for e in group:
            why = "; ".join(e.reasons[:2]) + (f' — note: "{_short(e.note, 80)}"' if e.note else "")
            name = Path(e.clip).name if e.clip else ""
            clip = "-" if not e.clip else (name if e.clip_exists else f"{name} (deleted)")
            et.add_row(e.created_at.strftime("%Y-%m-%d %H:%M"), f"{e.project} · {e.shot_id}", e.verdict,
                       _short(e.prompt, 90), why or "-", clip)
        out.print(et)
    if story.boards:
        bt = Table(title=f"storyboards it changed ({len(story.boards)}, newest first)")
        for col in ("created", "storyboard", "title", "shots"):
            bt.add_column(col, overflow="fold")
        for b in story.boards:
            bt.add_row(b.created_at.strftime("%Y-%m-%d %H:%M"), b.storyboard_id, _short(b.title, 50), ", ".join(b.shots))
        out.print(bt)
    else:
        out.print("no storyboard in this studio has been changed by it yet")


def add_cmd(
    trigger: str = typer.Option(..., "--trigger", "-t", help="what in a prompt or shot causes the problem"),
    effect: str = typer.Option(..., "--effect", "-e", help="what goes wrong in the render"),
    fix: str = typer.Option(..., "--fix", "-f", help="what to write instead"),
    words: str = typer.Option("", "--words", "-w", help="comma-separated words the lint warns about"),
    target: str = typer.Option(None, "--target", help="only for draft | final | still shots"),
    people: str = typer.Option(None, "--people", help="only for shots with people none | allowed | required"),
) -> None:
    """Teach nightreel a lesson of your own (approved at once)."""
    for name, val in (("--trigger", trigger), ("--effect", effect), ("--fix", fix)):
        if not val.strip():
            raise InputError(f"{name} is empty: a lesson needs a trigger, an effect and a fix")
    word_list = [w.strip() for w in words.split(",") if w.strip()]
    try:
        lesson = Lesson(trigger=trigger.strip(), effect=effect.strip(), fix=fix.strip(), words=word_list,
                        check="avoid_words" if word_list else None, scope_target=target,
                        scope_expectation={"people": ShotExpectations(people=people).people} if people else {},
                        source="added by hand", status="approved")
    except ValidationError as e:  # a bad --target or --people
        err = e.errors()[0]
        raise InputError(f"cannot make that lesson: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None
    with _store() as store:
        store.add_lesson(lesson)
    console.print(f"[green]added[/] {lesson.id}")
    out.print(lesson.id)


def approve_cmd(lesson_id: str = typer.Argument(..., help="the lesson id")) -> None:
    """Approve a proposed lesson: the planner applies it from now on."""
    with _store() as store:
        ls = store.approve(lesson_id)
    console.print(f"[green]approved[/] {ls.id}: {ls.trigger}")


def forget_cmd(lesson_id: str = typer.Argument(..., help="the lesson id")) -> None:
    """Forget a lesson (seeded and learned ones are retired, so they do not come back)."""
    with _store() as store:
        store.forget(lesson_id)
    console.print(f"forgot {lesson_id}")


def export_cmd(
    outcomes: bool = typer.Option(False, "--outcomes", help="include every recorded outcome"),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of YAML"),
) -> None:
    """Print everything memory holds (YAML), for a backup or a review. Redirect it to a file."""
    with _store() as store:
        data = store.export(outcomes=outcomes)
    if as_json:
        out.print_json(json.dumps(data, ensure_ascii=False))
    else:
        typer.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def learn_cmd(
    min_count: int = typer.Option(5, "--min-count", help="a word must occur in at least this many rejected shots"),
) -> None:
    """Look at every recorded outcome and propose lessons for what keeps getting shots rejected.

    (Every night runs this as its last step; the dailies and `nightreel review` show what it found.)"""
    from memory.learn import learn_from_outcomes

    with _store() as store:
        report = learn_from_outcomes(store, min_count=min_count)
    if report.error:
        raise MemoryStoreError(report.summary())
    console.print(report.summary())
    if not report.changed:
        console.print("nothing new to learn")
        return
    out.print(_table(report.changed, "proposed or confirmed (approve with `nightreel memory approve ID`)"))
    for line in report.lines():
        out.print(line, soft_wrap=True)


def register(app: typer.Typer) -> None:
    memory_app.command("list")(list_cmd)
    memory_app.command("search")(search_cmd)
    memory_app.command("show")(show_cmd)
    memory_app.command("add")(add_cmd)
    memory_app.command("approve")(approve_cmd)
    memory_app.command("forget")(forget_cmd)
    memory_app.command("export")(export_cmd)
    memory_app.command("learn")(learn_cmd)
    app.add_typer(memory_app, name="memory")


__all__ = ["memory_app", "register"]
