"""`nightreel contest`: which planner size is worth its memory and time, with statistics."""

from __future__ import annotations

import asyncio
import contextlib
import os
import math
from datetime import datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from agents.deps import Deps
from agents.models import EMBEDDED_MODELS, EmbeddedServer
from evals.contest import (Contestant, ContestOptions, embedded_contestants, judge_for_endpoint, parse_model_spec,
                           remote_contestant, run_contest)
from evals.dataset import load_tasks
from evals.report import summarize, write_report
from nightreel.config import load_settings
from nightreel.errors import InputError, ModelUnavailable
from nightreel.schema import new_id
from app.session import open_studio

console = Console(stderr=True)
out = Console()


def _resolve_judge(spec: str | None, contestants: list[Contestant], stack: contextlib.ExitStack, studio,
                   settings, output_mode: str | None):
    """The judge's Endpoint: a contestant by name, NAME=URL, an embedded model, or none."""
    by_name = {c.name: c for c in contestants}
    if spec and spec.lower() == "none":
        return None
    if spec is None:  # default: the larger embedded model
        spec = max(EMBEDDED_MODELS.values(), key=lambda m: m.params_m).name
    if "=" in spec:
        name, url, mode = parse_model_spec(spec, output_mode)
        c = remote_contestant(name, url, mode, api_key=settings.planner_api_key)
        if c.endpoint is None:
            raise ModelUnavailable(f"the judge {name}: {c.error}")
        return c.endpoint
    if spec in by_name:
        c = by_name[spec]
        if c.endpoint is None:
            raise ModelUnavailable(f"the judge {spec} is a contestant that is down: {c.error}")
        return c.endpoint
    if spec in EMBEDDED_MODELS:
        console.print(f"starting the embedded judge {spec}…")
        return stack.enter_context(EmbeddedServer(spec, studio.cache, studio.logs, n_ctx=settings.embedded_ctx,
                                                  n_threads=settings.embedded_threads))
    raise InputError(f"--judge {spec!r}: name a contestant ({', '.join(by_name)}), an embedded model "
                     f"({', '.join(EMBEDDED_MODELS)}), NAME=URL, or none")


def contest(
    model: list[str] = typer.Option(None, "--model", "-m", help="a planner to enter, as NAME=URL of an OpenAI-compatible "
                                    "server (repeat for each; append :json_object or :tool to the URL to change how "
                                    "structured output is asked for)"),
    embedded_sizes: bool = typer.Option(False, "--embedded-sizes", help="an offline contest on this machine: SmolLM2-135M "
                                        "vs Gemma 3 270M, each on its own embedded server"),
    judge: str = typer.Option(None, "--judge", "-j", help="the pairwise judge: a contestant's NAME, an embedded model "
                              "(smollm2, gemma3), NAME=URL, or 'none' (default: the larger embedded model)"),
    tasks: Path = typer.Option(None, "--tasks", help="a YAML file of briefs (default: evals/tasks/briefs.yaml)"),
    limit: int = typer.Option(None, "--limit", "-l", help="use only the first N briefs"),
    out_dir: Path = typer.Option(None, "--out", "-o", help="folder for report.md/report.html "
                                 "(default: <studio>/contest/<date>/)"),
    shots: int = typer.Option(3, "--shots", "-n", help="shots per storyboard (small models are slow: keep it small)"),
    parallel: bool = typer.Option(None, "--parallel/--sequential", help="serve and run the models at the same time, "
                                  "or one after another (default: parallel for remote servers; for --embedded-sizes "
                                  "only with 4+ cores — on 2 cores parallel measured 0.90x, slower)"),
    output_mode: str = typer.Option(None, "--output-mode", help="json_schema (default), json_object or tool, for every --model"),
    temperature: float = typer.Option(0.7, "--temperature", help="sampling temperature for every planner"),
    time_box: float = typer.Option(None, "--time-box", help="seconds one storyboard may take (retries included); "
                                   "a brief past it counts as no storyboard"),
) -> None:
    """Give every planner the same briefs, score every answer, judge them pairwise, and rate them.

    Writes report.md and report.html (ratings with 95% intervals, per-brief win rates, quality against
    seconds per storyboard and memory, and a one-sentence verdict) and results.json.
    A model whose URL is down is marked failed in the report; the contest goes on without it.
    """
    if bool(model) == embedded_sizes:
        raise InputError("give either --model NAME=URL (one or more) or --embedded-sizes")
    if not 1 <= shots <= 12:
        raise InputError(f"--shots must be between 1 and 12, got {shots}")
    dataset = load_tasks(tasks, limit=limit)
    settings, studio = open_studio(load_settings())
    dest = studio.inside(Path("contest") / datetime.now().strftime("%Y-%m-%d")) if out_dir is None else out_dir
    if parallel is None:  # benchmarks/contest.py: two embedded servers sharing 2 cores are slower than in turn
        parallel = not embedded_sizes or (os.cpu_count() or 1) >= 2 * len(EMBEDDED_MODELS)
    opts = ContestOptions(n_shots=shots, temperature=temperature, parallel=parallel,
                          timeout_s=settings.model_timeout_s, case_timeout_s=time_box, max_requests=min(settings.planner_max_requests, 6))
    with contextlib.ExitStack() as stack:
        if embedded_sizes:
            console.print("starting the embedded servers (smollm2, gemma3)…")
            contestants = stack.enter_context(embedded_contestants(
                list(EMBEDDED_MODELS), studio.cache, studio.logs, parallel=parallel,
                cores=max(settings.embedded_threads, 1), n_ctx=settings.embedded_ctx))
        else:
            specs = [parse_model_spec(m, output_mode) for m in model]
            contestants = [remote_contestant(n, u, md, api_key=settings.planner_api_key) for n, u, md in specs]
        for c in contestants:
            if c.endpoint is None:
                console.print(f"[yellow]{c.name} is down ({c.error}); it is marked failed and the contest goes on[/yellow]")
        judge_ep = _resolve_judge(judge, contestants, stack, studio, settings, output_mode)
        judge_obj = judge_for_endpoint(judge_ep) if judge_ep is not None else None
        live = sum(c.endpoint is not None for c in contestants)
        total = len(dataset.cases) * (len(contestants) + (math.comb(live, 2) if judge_obj else 0))
        deps = Deps(settings=settings, studio=studio, memory=None, run_id=new_id("contest-"))
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console) as bar:
            task = bar.add_task(f"{len(dataset.cases)} briefs × {len(contestants)} planners", total=total)

            def tick(kind: str, name: str) -> None:
                bar.update(task, advance=1, description=f"{'planning' if kind == 'plan' else 'judging'} · {name}")

            outcome = asyncio.run(run_contest(contestants, dataset, deps, opts, judge=judge_obj, on_progress=tick))
    summary = summarize(outcome)
    paths = write_report(outcome, dest, summary=summary)
    table = Table("model", "rating", "95% CI", "W–L–T", "s/storyboard", "tok/s", "peak MB", title="nightreel contest")
    for r in summary.results:
        if r.failed:
            table.add_row(r.model, "[red]failed[/red]", "", "", "", "", "", )
            continue
        table.add_row(r.model, f"{r.rating:.0f}", f"{r.ci_low:.0f}–{r.ci_high:.0f}", f"{r.wins}–{r.losses}–{r.ties}",
                      f"{r.seconds_per_storyboard:.1f}", f"{r.tokens_per_s:.1f}",
                      f"{r.peak_memory_mb:.0f}" if r.peak_memory_mb else "–")
    out.print(table)
    out.print(f"[bold]{summary.verdict}[/bold]")
    if outcome.judge_dropped:
        console.print(f"{outcome.judge_dropped} judge comparison(s) dropped after unusable answers")
    for p in paths:
        console.print(f"wrote {p}")


def register(app: typer.Typer) -> None:
    app.command("contest")(contest)
