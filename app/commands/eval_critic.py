"""`nightreel eval critic`: the critic (probes only) on its labelled clips — registered on the `eval` group
by app/commands/eval.py."""

from __future__ import annotations

from enum import Enum
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


class CriticSet(str, Enum):
    synthetic = "synthetic"
    real = "real"


def eval_critic(
    which: CriticSet = typer.Option(CriticSet.synthetic, "--set",
                                    help="synthetic: 53 clips moved from photographs (evals/clips/manifest.yaml); "
                                         "real: real video-model outputs from ComfyUI's template wheels, the labelled "
                                         "even half (evals/real/labels.yaml)"),
    stability: bool = typer.Option(False, "--stability", help="real set: critique each clip again encoded at another "
                                                              "quality and scaled ±10 %, and count verdicts that change"),
    clips: Path = typer.Option(None, "--clips", help="cache folder for the generated clips "
                                                     "(default: ~/.cache/nightreel/critic-clips or NIGHTREEL_CLIP_CACHE)"),
    only: list[str] = typer.Option(None, "--only", help="only these clip ids (repeatable)"),
    dense: bool = typer.Option(False, "--dense", help="the naive pass (every frame through every detector), for comparison"),
    out_dir: Path = typer.Option(None, "--out", "-o", help="where the Markdown + JSON go (default: evals/results/)"),
) -> None:
    """Score the critic (probes only) on labelled clips: people, camera move (with a confusion table), flicker,
    freeze, loop seam, text — precision / recall per clip, seconds per clip. `--set synthetic` (default): clips built
    from photographs that installed packages ship, broken files checked for one clear error. `--set real`: real
    video-model outputs (Wan, LTX-2, Hunyuan, Kling, Veo...) from the template wheels, false alarms listed by class
    with the frame the critic pointed at. Clips are built once into a cache."""
    from evals.critic_eval import RESULTS, run_critic_eval, to_markdown, write_results

    if which is CriticSet.real:
        _eval_real(clips, only, stability, out_dir or RESULTS)
        return

    with _progress() as bars:
        task = bars.add_task("building clips, then critiquing", total=None)
        rep = run_critic_eval(clips, only=only or None, dense=dense,
                              progress=lambda cid, k, n: bars.update(task, completed=k, total=n,
                                                                     description=f"critiquing {cid}"))
    md, js = write_results(rep, out_dir or RESULTS, name="critic_dense" if dense else "critic")
    from rich.markdown import Markdown

    out.print(Markdown(to_markdown(rep).split("\n## Every clip")[0]))
    out.print(f"report: {md}\ndata:   {js}", highlight=False)


def _eval_real(cache: Path | None, only: list[str] | None, stability: bool, out_dir: Path) -> None:
    import json

    from rich.markdown import Markdown

    from evals.critic_real import real_markdown, run_real_eval

    frames = out_dir / "critic-real"
    with _progress() as bars:
        task = bars.add_task("encoding and critiquing real clips", total=None)
        rep = run_real_eval(cache, only=only or None, stability=stability, frames_dir=frames,
                            progress=lambda name, k, n: bars.update(task, completed=k, total=n,
                                                                    description=f"critiquing {name}"))
    out_dir.mkdir(parents=True, exist_ok=True)
    md, js = out_dir / "critic-real.md", out_dir / "critic-real.json"
    text = real_markdown(rep)
    md.write_text(text, encoding="utf-8")
    js.write_text(json.dumps(rep.to_json(), indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    out.print(Markdown(text.split("\n## Every clip")[0]))
    out.print(f"report: {md}\ndata:   {js}", highlight=False)
