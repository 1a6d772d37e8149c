"""`nightreel contest`: which planner size is worth its memory and time, with statistics."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import math
import os
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from agents.deps import Deps
from agents.embedded_models import EMBEDDED_MODELS
from app.session import open_studio
from evals.agent_tasks import DEFAULT_AGENT_TASKS, load_agent_tasks
from evals.contest import (
    Contestant,
    ContestOptions,
    EmbeddedJudge,
    Journal,
    default_judge,
    embedded_contestants,
    judge_for_endpoint,
    parse_model_spec,
    remote_contestant,
    run_contest,
)
from evals.dataset import load_tasks
from evals.report import summarize, write_report
from nightreel.config import load_settings
from nightreel.errors import InputError, ModelUnavailable
from nightreel.schema import new_id

console = Console(stderr=True)
out = Console()

#: The families of embedded models at several sizes (the seed's question: is the middle size good enough?).
FAMILIES = {"qwen": ["qwen1.5b", "qwen0.5b"]}
TINY = ["smollm2", "gemma3"]


def _contestant_names(embedded_sizes: bool, family: str | None, skip_tiny: bool) -> list[str]:
    if family is not None:
        if family not in FAMILIES:
            raise InputError(f"--family {family!r}: the families here are {', '.join(FAMILIES)}")
        return list(FAMILIES[family])
    names = ["qwen0.5b", "qwen1.5b", *([] if skip_tiny else TINY)]
    return [n for n in names if n in EMBEDDED_MODELS]


def _server(url: str) -> tuple[str, str, int | None]:
    """A base URL as the server it reaches: scheme, host (loopback names as one), port (the path does not matter:
    http://localhost:8080 and http://127.0.0.1:8080/v1 are one server)."""
    u = urlparse(url.strip())
    host = (u.hostname or "").lower()
    if host in ("localhost", "::1", "0.0.0.0") or host.startswith("127."):
        host = "127.0.0.1"
    try:
        port = u.port or {"http": 80, "https": 443}.get(u.scheme)
    except ValueError:
        port = None
    return u.scheme.lower(), host, port


def _resolve_judge(spec: str | None, contestants: list[Contestant], studio, settings, output_mode: str | None,
                   urls: dict[str, str] | None = None):
    """(a Judge or a lazy embedded judge or None, the sentence the report prints about the judge).

    Called before any contestant's server is started or reached: `contestants` only need names and sizes,
    `urls` maps each --model name to its URL. The judge is never a contestant, by name or by server.
    """
    names = {c.name for c in contestants}
    if spec is not None and spec.lower() == "none":
        return None, "none asked for (--judge none); automatic scores only"
    if spec is None:
        name, note = default_judge(contestants)
        if name is None:
            return None, note
        spec = name
    if "=" in spec:
        name, url, mode = parse_model_spec(spec, output_mode)
        if name in names:
            raise InputError(f"--judge {name}: the judge is never a contestant; give it another name or pick "
                             "another server")
        for other, curl in (urls or {}).items():
            if _server(curl) == _server(url):
                raise InputError(f"--judge {name}={url}: that is the server of the contestant {other} ({curl}); "
                                 "a model never judges itself, so the judge needs a server that is not competing")
        c = remote_contestant(name, url, mode, api_key=settings.planner_api_key)
        if c.endpoint is None:
            raise ModelUnavailable(f"the judge {name}: {c.error}")
        return judge_for_endpoint(c.endpoint, name=name), f"judge: {name} at {url}"
    if spec in names:
        raise InputError(f"--judge {spec}: {spec} is a contestant, and a model never judges itself; name a model "
                         f"that is not competing ({', '.join(m for m in EMBEDDED_MODELS if m not in names) or 'none left'}), "
                         "NAME=URL, or none")
    if spec in EMBEDDED_MODELS:
        return (EmbeddedJudge(spec, studio.cache, studio.logs, n_ctx=settings.embedded_ctx,
                              n_threads=settings.embedded_threads), f"judge: {spec} (embedded, not competing)")
    raise InputError(f"--judge {spec!r}: name an embedded model that is not competing "
                     f"({', '.join(EMBEDDED_MODELS)}), NAME=URL, or none")


def contest_key(names: list[str], urls: dict[str, str], dataset, agent_list, *, shots: int, temperature: float,
                live_agent: bool = False, modes: dict[str, str] | None = None, time_box: float = 900.0) -> str:
    """The default folder name of a contest: the same contestants (with their output modes), briefs, agent tasks
    (after --limit), shots, temperature, --time-box and --live-agent give the same name on any day, so running the
    same command again resumes it, and a change that makes results incomparable starts a new one (a contest with
    the defaults keeps the name it had before modes, time boxes and live tasks were part of it)."""
    what = {"models": sorted((n, urls.get(n, "embedded")) for n in names),
            "briefs": [(c.name, c.inputs.model_dump_json()) for c in dataset.cases],
            "agent": [t.model_dump_json(exclude={"live"}) for t in agent_list], "shots": shots,
            "temperature": temperature}
    if live_agent:
        what["live_agent"] = [t.id for t in agent_list if t.live]
    if modes and any(m != "json_schema" for m in modes.values()):
        what["modes"] = sorted(modes.items())
    if time_box != 900.0:
        what["time_box"] = time_box
    digest = hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()[:10]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", "-".join(sorted(names)))[:60]
    return f"{slug}-{len(dataset.cases)}b{len(agent_list)}t-{digest}"


def contest(
    model: list[str] = typer.Option(None, "--model", "-m", help="a planner to enter, as NAME=URL of an OpenAI-compatible "
                                    "server (repeat for each; append :json_object or :tool to the URL to change how "
                                    "structured output is asked for)"),
    embedded_sizes: bool = typer.Option(False, "--embedded-sizes", help="an offline contest on this machine: Qwen2.5-Coder "
                                        "0.5B and 1.5B, SmolLM2-135M and Gemma 3 270M, each on its own embedded server"),
    family: str = typer.Option(None, "--family", help="one family at several sizes: 'qwen' = Qwen2.5-Coder 1.5B vs 0.5B "
                               "(is the smaller one good enough?)"),
    skip_tiny: bool = typer.Option(False, "--skip-tiny", help="with --embedded-sizes: leave out SmolLM2-135M and Gemma 3 270M"),
    judge: str = typer.Option(None, "--judge", "-j", help="the pairwise judge, never a contestant: an embedded model that "
                              "is not competing, NAME=URL of any server, or 'none' (default: the strongest embedded model "
                              "not competing, if it is no smaller than the contestants; else automatic scores only)"),
    tasks: Path = typer.Option(None, "--tasks", help="a YAML file of briefs (default: the labelled briefs "
                         "evals/labelled/briefs.yaml when present, else evals/tasks/briefs.yaml)"),
    agent_tasks: Path = typer.Option(None, "--agent-tasks", help="a YAML file of scripted chat requests scored on "
                                     "their tool calls (default: evals/tasks/agent.yaml, when present)"),
    no_agent: bool = typer.Option(False, "--no-agent", help="storyboards only: skip the agent tasks"),
    limit: int = typer.Option(None, "--limit", "-l", help="use only the first N briefs and the first N agent tasks"),
    out_dir: Path = typer.Option(None, "--out", "-o", help="folder for report.md/report.html and the results.jsonl "
                                 "journal; run again with the same folder to resume (default: <studio>/contest/<models>-<N>b<M>t-<key>/, "
                                 "the same for the same models, briefs, agent tasks, --limit, --shots and "
                                 "--temperature, so the same command resumes)"),
    fresh: bool = typer.Option(False, "--fresh", help="start over: ignore (and replace) a journal in the output folder"),
    shots: int = typer.Option(3, "--shots", "-n", help="shots per storyboard (small models are slow: keep it small)"),
    parallel: bool = typer.Option(None, "--parallel/--sequential", help="serve and run the models at the same time, "
                                  "or one after another (default: parallel for remote servers; embedded servers one "
                                  "after another, each stopped before the next starts, unless there are 4+ cores per model)"),
    output_mode: str = typer.Option(None, "--output-mode", help="json_schema (default), json_object or tool, for every --model"),
    temperature: float = typer.Option(0.7, "--temperature", help="sampling temperature for every planner"),
    time_box: float = typer.Option(900.0, "--time-box", help="seconds one task (a storyboard, or a scripted request "
                                   "with all its calls) may take; a model past it loses that task, and the report names it"),
    live_agent: bool = typer.Option(False, "--live-agent", help="run the agent tasks marked `live` on the real tools: "
                                    "an embedded ComfyUI (animatic workflow) renders, the critic judges, and a task is "
                                    "complete only when the ledger shows it (slower; default: simulated tool results)"),
    by_outcome: bool = typer.Option(False, "--by-outcome", help="also render every storyboard's shots with the footage "
                                    "stand-in and have the critic judge them: each model's accept rate and rejections "
                                    "with 95% intervals, beside the judge's ranking (by_outcome.md)"),
) -> None:
    """Give every planner the same briefs and scripted chat requests, score every answer, judge the storyboards
    pairwise with a judge that is not competing, and rate them.

    Writes report.md and report.html (one sentence per pair of models — who beats whom on storyboards and on tool
    calls, how sure, and at what cost in time and memory —, ratings with honest 95% intervals, quality against
    seconds per task and memory) and results.json, and appends every finished task to results.jsonl so an
    interrupted contest resumes where it stopped. A model whose URL is down is marked failed; the contest goes on.

    Without --out the folder is <studio>/contest/<models>-<N>b<M>t-<key>/, the same for the same models, briefs,
    agent tasks, --limit, --shots and --temperature on any day: the same command resumes it (the folder is printed
    first). Tasks that met a crashed or unreachable server run again on resume; a slow model's losses stay.
    """
    sources = sum([bool(model), embedded_sizes, family is not None])
    if sources != 1:
        raise InputError("give exactly one of --model NAME=URL (one or more), --embedded-sizes, or --family qwen")
    if skip_tiny and not embedded_sizes:
        raise InputError("--skip-tiny goes with --embedded-sizes")
    if not 1 <= shots <= 12:
        raise InputError(f"--shots must be between 1 and 12, got {shots}")
    if time_box <= 0:
        raise InputError(f"--time-box must be positive, got {time_box}")
    dataset = load_tasks(tasks, limit=limit)
    agent_list = []
    if not no_agent and (agent_tasks is not None or DEFAULT_AGENT_TASKS.is_file()):
        agent_list = load_agent_tasks(agent_tasks, limit=limit)
    elif not no_agent:
        console.print(f"[yellow]no agent tasks ({DEFAULT_AGENT_TASKS} is missing): storyboards only[/yellow]")
    specs = [parse_model_spec(m, output_mode) for m in model or []]
    names = [n for n, _, _ in specs] if specs else _contestant_names(embedded_sizes, family, skip_tiny)
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"model names must be distinct: {', '.join(dup)} is entered twice")
    embedded = not specs
    settings, studio = open_studio(load_settings())
    urls = {n: u for n, u, _ in specs}
    # the judge is settled before any contestant's server is started or reached
    entrants = [Contestant(n, None, params_m=EMBEDDED_MODELS[n].params_m if embedded and n in EMBEDDED_MODELS
                           else None) for n in names]
    judge_src, judge_note = _resolve_judge(judge, entrants, studio, settings, output_mode, urls)
    if out_dir is None:
        dest = studio.inside(Path("contest") / contest_key(names, urls, dataset, agent_list, shots=shots,
                                                           temperature=temperature, live_agent=live_agent,
                                                           modes={n: m for n, _, m in specs}, time_box=time_box))
    else:
        dest = out_dir
    journal_path = Path(dest).expanduser().resolve() / "results.jsonl"
    if fresh and journal_path.is_file():
        journal_path.unlink()
    resuming = journal_path.is_file() and journal_path.stat().st_size > 0
    live_tasks = [t.id for t in agent_list if t.live] if live_agent else []
    if live_agent and not live_tasks:
        console.print("[yellow]--live-agent: no agent task is marked `live: true`; every task is simulated[/yellow]")
    # a live contest's journal is its own (live and simulated answers are not comparable)
    journal = Journal(journal_path, {"dataset": dataset.name, "shots": shots, "temperature": temperature,
                                     **({"live_agent": True} if live_tasks else {})})
    if resuming:
        console.print(f"resuming the contest in {journal_path.parent}: {journal.done} task(s) already done"
                      + (f", {journal.retry} that met a down server run again" if journal.retry else ""),
                      soft_wrap=True, markup=False, highlight=False)
    else:
        console.print(f"contest folder: {journal_path.parent} (run the same command again to resume it)",
                      soft_wrap=True, markup=False, highlight=False)
    if journal.broken:
        console.print(f"[yellow]{journal.broken} unreadable line(s) in {journal_path} skipped (an interrupted write); "
                      "those tasks run again[/yellow]")
    if parallel is None:  # benchmarks/contest.py: two embedded servers sharing 2 cores are slower than in turn
        parallel = not embedded or (os.cpu_count() or 1) >= 4 * len(names)
    opts = ContestOptions(n_shots=shots, temperature=temperature, parallel=parallel,
                          timeout_s=settings.model_timeout_s, case_timeout_s=time_box,
                          max_requests=min(settings.planner_max_requests, 6), agent_tasks=agent_list,
                          agent_time_box_s=time_box)
    with contextlib.ExitStack() as stack:
        if embedded:
            console.print(f"contestants: {', '.join(names)} (embedded, "
                          f"{'in parallel' if parallel else 'one server at a time'})")
            contestants = stack.enter_context(embedded_contestants(
                names, studio.cache, studio.logs, parallel=parallel,
                cores=max(settings.embedded_threads, 1), n_ctx=settings.embedded_ctx))
        else:
            contestants = [remote_contestant(n, u, md, api_key=settings.planner_api_key) for n, u, md in specs]
        for c in contestants:
            if c.endpoint is None and c.server is None:
                console.print(f"[yellow]{c.name} is down ({c.error}); it is marked failed and the contest goes on[/yellow]")
        console.print(judge_note)
        n_pairs = math.comb(len(contestants), 2) if judge_src is not None else 0
        total = len(contestants) * (len(dataset.cases) + len(agent_list)) + len(dataset.cases) * n_pairs
        deps = Deps(settings=settings, studio=studio, memory=None, run_id=new_id("contest-"))
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console) as bar:
            task = bar.add_task(f"{len(dataset.cases)} briefs + {len(agent_list)} agent tasks × "
                                f"{len(contestants)} planners", total=total)
            verbs = {"plan": "storyboards", "agent": "agent tasks", "judge": "judging"}

            def tick(kind: str, name: str) -> None:
                bar.update(task, advance=1, description=f"{verbs.get(kind, kind)} · {name}")

            async def go():
                if not live_tasks:
                    return await run_contest(contestants, dataset, deps, opts, judge=judge_src, on_progress=tick,
                                             journal=journal, judge_note=judge_note)
                from app.rendering import render_session

                # the agent's renders: ComfyUI's animatic workflow (embedded unless comfy_urls are set)
                live_settings = settings.model_copy(update={"workflow": "animatic"})
                async with render_session(live_settings, studio, replace(deps, settings=live_settings)) as live:
                    opts.live_deps = live
                    return await run_contest(contestants, dataset, deps, opts, judge=judge_src, on_progress=tick,
                                             journal=journal, judge_note=judge_note)

            if live_tasks:
                console.print(f"live agent tasks (real renders on ComfyUI, scored on the ledger): {', '.join(live_tasks)}")
            outcome = asyncio.run(go())
    summary = summarize(outcome)
    paths = write_report(outcome, dest, summary=summary)
    table = Table("model", "rating", "95% CI", "W–L–T", "s/task", "tool calls 1st try", "peak MB",
                  title="nightreel contest")
    for r in summary.results:
        if r.failed:
            table.add_row(r.model, "[red]failed[/red]", "", "", "", "", "")
            continue
        tools = f"{round(r.agent.get('tool_first_try', 0) * r.agent_tasks)}/{r.agent_tasks}" if r.agent_tasks else "–"
        ci = f"{r.ci_low:.0f}–{r.ci_high:.0f}" if r.ci_known else "unknown"
        table.add_row(r.model, f"{r.rating:.0f}", ci, f"{r.wins}–{r.losses}–{r.ties}",
                      f"{r.seconds_per_task:.1f}" if r.seconds_per_task else "–", tools,
                      f"{r.peak_memory_mb:.0f}" if r.peak_memory_mb else "–")
    out.print(table)
    for p in summary.pairs:
        out.print(f"• {p}")
    out.print(f"[bold]{summary.verdict}[/bold]")
    if outcome.judge is None:
        out.print(f"Judge: none — {outcome.judge_note}")
    else:
        rate = outcome.judge_agreement
        out.print(f"Judge {outcome.judge}: position-swap agreement "
                  + (f"{outcome.judge_agreed}/{outcome.judge_swapped} ({rate:.0%})" if rate is not None else "not measured")
                  + (" — [red]noise: left out of the ratings[/red]" if outcome.judge_noise else ""))
    if outcome.judge_dropped:
        console.print(f"{outcome.judge_dropped} judge comparison(s) dropped after unusable answers")
    if by_outcome:
        paths = [*paths, _by_outcome(outcome, summary, settings, studio, Path(dest), shots=shots)]
    for p in [*paths, journal_path]:
        console.print(f"wrote {p}")


def _by_outcome(outcome, summary, settings, studio, dest: Path, *, shots: int) -> Path:
    """Render the contest's storyboards with the footage stand-in, judge them, write by_outcome.md."""
    from app.rendering import render_session
    from evals.contest_outcome import by_outcome_markdown, judge_by_outcome

    fs = settings.model_copy(update={"workflow": "footage"})
    dest = dest.expanduser().resolve()

    async def go():
        base = Deps(settings=fs, studio=studio, run_id=new_id("contest-outcome-"))
        async with render_session(fs, studio, base) as deps:
            return await judge_by_outcome(outcome, deps, out_dir=dest / "by-outcome")

    console.print("by outcome: rendering every storyboard with the footage stand-in and asking the critic")
    results = asyncio.run(go())
    ranking = [(r.model, r.rating) for r in summary.results if not r.failed and not math.isnan(r.rating)]
    md = by_outcome_markdown(results, ranking, n_briefs=len(outcome.cases), n_shots=shots)
    path = dest / "by_outcome.md"
    path.write_text(md, encoding="utf-8")
    out.print(md, markup=False, highlight=False)
    return path


def register(app: typer.Typer) -> None:
    app.command("contest")(contest)
