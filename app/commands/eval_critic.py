"""`nightreel eval critic`: the critic (probes only) on its labelled clips — registered on the `eval` group
by app/commands/eval.py."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

console = Console(stderr=True)
out = Console()

__all__ = ["eval_critic"]


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def eval_critic(
    clips: Path = typer.Option(None, "--clips", help="cache folder for the generated clips "
                                                     "(default: ~/.cache/nightreel/critic-clips or NIGHTREEL_CLIP_CACHE)"),
    only: list[str] = typer.Option(None, "--only", help="only these clip ids (repeatable)"),
    dense: bool = typer.Option(False, "--dense", help="the old exhaustive probe pass, for comparison"),
    out_dir: Path = typer.Option(None, "--out", "-o", help="where the Markdown + JSON go (default: evals/results/)"),
) -> None:
    """Score the critic (probes only) on labelled clips built from photographs that installed packages ship:
    people, camera move (with a confusion table), flicker, freeze, loop seam, text — precision / recall per
    clip, broken files checked for one clear error, seconds per clip. Clips are built once into a cache."""
    from evals.critic_eval import RESULTS, run_critic_eval, to_markdown, write_results

    with _progress() as bars:
        task = bars.add_task("building clips, then critiquing", total=None)
        rep = run_critic_eval(clips, only=only or None, dense=dense,
                              progress=lambda cid, k, n: bars.update(task, completed=k, total=n,
                                                                     description=f"critiquing {cid}"))
    md, js = write_results(rep, out_dir or RESULTS, name="critic_dense" if dense else "critic")
    from rich.markdown import Markdown

    out.print(Markdown(to_markdown(rep).split("\n## Every clip")[0]))
    out.print(f"report: {md}\ndata:   {js}", highlight=False)
