"""`nightreel footage ...`: the real generations the footage stand-in retrieves, and what a prompt would get."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from nightreel.config import load_settings
from nightreel.errors import InputError
from nightreel.studio import Studio

console = Console(stderr=True)
out = Console()

footage_app = typer.Typer(
    name="footage",
    help="The footage stand-in (the embedded default renderer): real video-model generations shipped in the ComfyUI "
         "template wheels, retrieved by a shot's prompt. Every clip it makes is labelled as retrieved, not rendered.",
    no_args_is_help=True,
)


def _index():
    from app.rendering import footage_index

    settings = load_settings()
    return footage_index(Studio.open(settings.studio))


@footage_app.command("info")
def info() -> None:
    """What the catalogue holds: clips with a prompt, what was skipped and why, the wheel versions."""
    index = _index()
    with console.status("reading the footage index (built once per wheel set)…"):
        cat = index.load()
    out.print(cat.summary())
    for dist, version in sorted(cat.versions.items()):
        out.print(f"  {dist} {version}")
    out.print(f"index: {index.cache_dir}" + (f" (built now in {index.built_s:g} s)" if index.built_s else ""))


@footage_app.command("search")
def search(
    text: str = typer.Argument(..., help="a shot's prompt"),
    k: int = typer.Option(5, "--top", "-k", min=1, max=50, help="how many nearest clips to list"),
    seed: int = typer.Option(None, "--seed", help="also say which clip a shot with this seed gets"),
    people: str = typer.Option(None, "--people", help="the shot's people expectation (none|allowed|required): "
                               "clips whose prompt disagrees rank lower, as in a render"),
) -> None:
    """The clips whose generating prompts are nearest what TEXT wants to see (its negations left out), with their
    cosine similarity."""
    if not text.strip():
        raise InputError("give the prompt to match, e.g. nightreel footage search \"a dahlia in the rain\"")
    if people not in (None, "none", "allowed", "required"):
        raise InputError(f"--people takes none, allowed or required, not {people!r}")
    index = _index()
    with console.status("matching…"):
        matches = index.search(text, k, people=people)
        picked = index.pick(text, seed, people=people) if seed is not None else None
    out.print(f"query embedded: {index.query(text)}")
    table = Table(title=f"nearest real generations to: {text[:60]}")
    for col in ("#", "score", "clip", "model", "frames", "generating prompt"):
        table.add_column(col, overflow="fold" if col in ("clip", "generating prompt") else "ellipsis")
    for m in matches:
        mark = " ← seed" if picked and picked.clip.name == m.clip.name else ""
        table.add_row(str(m.rank + 1), f"{m.score:.3f}", m.clip.name + mark, m.clip.model,
                      f"{m.clip.frames} @ {m.clip.fps:g}", m.clip.prompt[:120])
    out.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(footage_app)
