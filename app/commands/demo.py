"""`nightreel demo`: the whole job once, on the embedded defaults — what `make demo` runs.

idea → a note → the night loop (storyboard with memory and lint → draft renders on ComfyUI (on the
embedded defaults: the footage stand-in, real generations retrieved by each shot's prompt) → the
critic's verdicts → salvage / re-render / finals) → the dailies page. Run it again and it resumes
or, when the note was already expanded, just writes the dailies again.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from agents.brief import clean_idea
from nightreel.config import load_settings
from nightreel.studio import slug

console = Console(stderr=True)


def demo(
    idea: str = typer.Argument("eight-second spot for a coffee, night atmosphere", help="the idea to make"),
    out_dir: Path = typer.Option(Path("demo-out"), "--out", "-o", help="where the demo's note goes (the clips, the ledger and the dailies go to the studio: $NIGHTREEL_STUDIO, or <out>/studio with make demo)"),
    shots: int = typer.Option(2, "--shots", "-n", help="shots (variants) to plan for the idea"),
    minutes: int = typer.Option(30, "--minutes", help="how long the demo night may last"),
) -> None:
    """Run the whole job on one idea: storyboard → renders → critic → dailies (last line: the page)."""
    from app.commands.night import night

    settings = load_settings()
    text = clean_idea(idea, settings.max_idea_chars)
    notes = (out_dir / "notes").resolve()
    notes.mkdir(parents=True, exist_ok=True)
    note = notes / f"{slug(text, 40)}.md"
    if not note.exists():
        note.write_text(f"---\nproject: demo\nvariants: {shots}\n---\n{text}\n", encoding="utf-8")
    console.print(f"[bold]nightreel demo[/bold] · note {note} · studio {settings.studio}")
    if not settings.comfy_urls and settings.workflow in ("auto", "footage"):
        console.print("renders: the footage stand-in — no video model is configured, so each shot plays the real "
                      "video-model generation (from the ComfyUI template wheels) whose prompt is nearest the shot's, "
                      "cut and scaled by the embedded ComfyUI and labelled as retrieved, not rendered")
    night(notes=notes, start=None, now=True, dawn=f"+{minutes}m", variants=shots, no_finals=False,
          comfy=None, planner_url=None, no_memory=False)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
