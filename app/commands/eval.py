"""`nightreel eval …`: measure nightreel's readers on labelled sets (a Typer group; one command per set).

- ``nightreel eval briefs`` — the brief reader (rules only, or rules + an embedded model) on
  ``evals/labelled/briefs.yaml``: per-field accuracy, precision / recall, confusion tables.

Each command prints its tables and writes Markdown + JSON to ``evals/results/`` (or ``--out``).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from nightreel.config import load_settings
from nightreel.studio import Studio

console = Console(stderr=True)
out = Console()

eval_app = typer.Typer(help="Measure nightreel's readers on labelled sets: per-field precision / recall, "
                            "confusion tables, Markdown + JSON reports in evals/results/.", no_args_is_help=True)


class BriefModel(str, Enum):
    rules = "rules"
    smollm2 = "smollm2"
    qwen05 = "qwen0.5b"
    qwen15 = "qwen1.5b"
    gemma3 = "gemma3"


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


@eval_app.command("briefs")
def eval_briefs(
    model: BriefModel = typer.Option(BriefModel.rules, "--model", "-m",
                                     help="rules: the patterns alone; an embedded model name: rules + that model's "
                                          "extraction call (the rules' sure readings win; where the model and a rule's hint "
                                          "differ, a second, focused look at that field decides)"),
    limit: int = typer.Option(None, "--limit", "-n", help="only the first N briefs (with a model each brief is one call: seconds on a free machine, minutes on a busy 2-core one)"),
    ids: str = typer.Option(None, "--ids", help="only these briefs, by id, comma-separated (e.g. the ones the rules miss)"),
    labelled: Path = typer.Option(None, "--set", help="a labelled briefs YAML (default: evals/labelled/briefs.yaml)"),
    out_dir: Path = typer.Option(None, "--out", "-o", help="where the Markdown + JSON go (default: evals/results/)"),
) -> None:
    """Score the brief reader on hand-labelled briefs: people (none / allowed / required), camera move, loop,
    text in frame, total duration — accuracy, per-class precision / recall, a confusion table per field, and the
    rules' own precision (what the rules match is forced onto every shot, so it must be right); and whether each
    reading survives the storyboard's last step on every shot when the planner ignores the brief (a stand-in planner,
    no model: fields kept, no gait word on an empty shot, Wan's negative on every final, the stated length)."""
    from evals.brief_eval import (
        DEFAULT_SET,
        RESULTS_DIR,
        print_summary,
        run_brief_eval,
        write_report,
    )

    settings = load_settings()
    studio = Studio.open(settings.studio) if model is not BriefModel.rules else None
    with _progress() as bars:
        task = bars.add_task(f"reading briefs ({model.value})", total=None)

        def progress(done: int, total: int) -> None:
            bars.update(task, completed=done, total=total)

        if model is not BriefModel.rules:
            bars.update(task, description=f"starting {model.value}, then reading briefs")
        doc = run_brief_eval(model.value, limit=limit, ids=[i.strip() for i in ids.split(",") if i.strip()] if ids else None,
                             path=labelled or DEFAULT_SET, settings=settings,
                             studio=studio, progress=progress)
    print_summary(doc, out)
    md, js = write_report(doc, out_dir or RESULTS_DIR)
    out.print(f"report: {md}\ndata:   {js}", highlight=False)


from app.commands.eval_critic import eval_critic

eval_app.command("critic")(eval_critic)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
