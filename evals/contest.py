"""A model-size contest: every planner gets the same briefs, is scored, judged pairwise and rated.

``run_contest`` takes contestants (an Endpoint each, or the reason it is down), a Dataset of
briefs, and a judge; it returns a :class:`ContestOutcome` that ``evals.report`` writes out.

- Each planner answers every brief through ``agents.planner.build_planner``/``run_planner``
  directly, so the scorers see what the MODEL wrote before nightreel enforces the brief,
  and whether its first answer parsed (no retry prompt in the run's messages).
- Models run in parallel (``parallel=True``) or one after another; each model's briefs run
  one at a time (a llama server decodes one request at a time anyway).
- A model that cannot be reached is marked failed with the reason; the contest goes on.
- Peak memory is sampled from the server process (embedded servers, or a server on this
  machine found by its port); a remote server's memory is reported as unknown.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import httpx
import structlog
from pydantic_ai.messages import ModelRequest, RetryPromptPart
from pydantic_evals import Case, Dataset
from pydantic_evals.reporting import EvaluationReport

from agents.deps import Deps
from agents.models import EMBEDDED_MODELS, EmbeddedServer, Endpoint, make_model
from agents.planner import (
    build_planner,
    finish_shots,
    recall,
    run_planner,
    tokens_budget,
    user_prompt,
)
from evals.dataset import BriefInput, ContestDataset, PlanOutput
from evals.judge import Judge, JudgePair, PairwiseJudge, build_judge_agent, render_draft
from evals.ratings import Comparison
from evals.scorers import AUTO_SCORERS, composite, default_scorers
from memory.lessons import seed_lessons
from nightreel.errors import InputError, ModelError, ModelUnavailable
from nightreel.schema import StoryboardDraft

log = structlog.get_logger()

__all__ = ["Contestant", "ContestOptions", "ModelRun", "ContestOutcome", "run_contest", "parse_model_spec",
           "remote_contestant", "embedded_contestants", "judge_for_endpoint", "plan_case", "OUTPUT_MODES"]

OUTPUT_MODES = ("json_schema", "json_object", "tool")
Progress = Callable[[str, str], None]


@dataclass
class Contestant:
    name: str
    endpoint: Endpoint | None
    error: str | None = None  # why it could not take part (down, refused)
    params_m: int | None = None


@dataclass
class ContestOptions:
    n_shots: int = 3
    temperature: float = 0.7
    parallel: bool = True
    max_requests: int = 6
    timeout_s: float = 300.0  # one HTTP request
    case_timeout_s: float | None = None  # time box of one storyboard (retries included); None = no box
    tie_margin: float = 0.02  # automatic quality closer than this on a brief is a tie


@dataclass
class ModelRun:
    name: str
    outputs: dict[str, PlanOutput] = field(default_factory=dict)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)  # case -> scorer -> value
    failed: bool = False
    notes: list[str] = field(default_factory=list)
    peak_memory_mb: float | None = None
    wall_s: float = 0.0
    params_m: int | None = None
    report: EvaluationReport | None = None

    @property
    def quality(self) -> dict[str, float]:
        return {case: composite(s) for case, s in self.scores.items()}

    @property
    def ok_outputs(self) -> list[PlanOutput]:
        return [o for o in self.outputs.values() if o.ok]


@dataclass
class ContestOutcome:
    dataset: str
    cases: list[tuple[str, BriefInput]]
    runs: dict[str, ModelRun]
    comparisons: list[Comparison]
    judge: str | None
    judge_dropped: int = 0
    judge_calls: int = 0
    wall_s: float = 0.0
    parallel: bool = True
    n_shots: int = 3

    @property
    def rated(self) -> list[str]:
        return [m for m, r in self.runs.items() if not r.failed]


# ---------------------------------------------------------------- contestants


def parse_model_spec(spec: str, output_mode: str | None = None) -> tuple[str, str, str]:
    """``NAME=URL[:json_object|:json_schema|:tool]`` → (name, base URL, output mode)."""
    name, sep, url = spec.partition("=")
    if not sep or not name.strip() or not url.strip():
        raise InputError(f"--model expects NAME=URL (e.g. small=http://127.0.0.1:8080/v1), got {spec!r}")
    url, mode = url.strip(), output_mode or "json_schema"
    for m in OUTPUT_MODES:
        if url.endswith(":" + m):
            url, mode = url[: -len(m) - 1], m
    if urlparse(url).scheme not in ("http", "https"):
        raise InputError(f"--model {name}: {url!r} is not an http(s) URL")
    if mode not in OUTPUT_MODES:
        raise InputError(f"--output-mode must be one of {', '.join(OUTPUT_MODES)}, got {mode!r}")
    return name.strip(), url.rstrip("/"), mode


def remote_contestant(name: str, url: str, output_mode: str = "json_schema", *, api_key: str = "sk-local",
                      timeout_s: float = 5.0) -> Contestant:
    """A contestant on an OpenAI-compatible server, or a failed one that says why (the contest goes on)."""
    try:
        r = httpx.get(f"{url}/models", headers={"Authorization": f"Bearer {api_key}"}, timeout=timeout_s)
    except httpx.HTTPError as e:
        return Contestant(name, None, error=f"cannot reach {url} ({e.__class__.__name__})")
    if r.status_code != 200:
        return Contestant(name, None, error=f"{url}/models answered HTTP {r.status_code}")
    try:
        ids = [str(m.get("id")) for m in r.json().get("data", [])]
    except (ValueError, AttributeError):
        ids = []
    model = name if name in ids or len(ids) != 1 else ids[0]
    return Contestant(name, Endpoint(url, model, api_key, output_mode=output_mode, label=name))  # type: ignore[arg-type]


@contextlib.contextmanager
def embedded_contestants(names: list[str], cache_dir, log_dir, *, parallel: bool, cores: int,
                         n_ctx: int = 8192) -> Iterator[list[Contestant]]:
    """Start one embedded server per model (threads split between them when they run in parallel)."""
    threads = max(1, cores // len(names)) if parallel else max(1, cores)
    with contextlib.ExitStack() as stack:
        out = []
        for name in names:
            try:
                ep = stack.enter_context(EmbeddedServer(name, cache_dir, log_dir, n_ctx=n_ctx, n_threads=threads))
                out.append(Contestant(name, ep, params_m=EMBEDDED_MODELS[name].params_m))
            except ModelUnavailable as e:
                out.append(Contestant(name, None, error=str(e), params_m=EMBEDDED_MODELS[name].params_m))
        yield out


def judge_for_endpoint(ep: Endpoint, *, http: httpx.AsyncClient | None = None, name: str | None = None) -> Judge:
    return Judge(build_judge_agent(make_model(ep, http), ep.output_mode), name=name or ep.label or ep.model)


# ---------------------------------------------------------------- memory


def _local_pid(url: str) -> int | None:
    """The pid listening on a loopback URL's port (a server on this machine), if we may see it."""
    import psutil

    u = urlparse(url)
    if u.hostname not in ("127.0.0.1", "localhost", "::1") or not u.port:
        return None
    try:
        for c in psutil.net_connections(kind="tcp"):
            if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == u.port and c.pid:
                return c.pid
    except (psutil.Error, OSError):
        return None
    return None


class MemorySampler:
    """Peak resident memory of a process and its children, sampled every `every_s` in a thread."""

    def __init__(self, pid: int | None, every_s: float = 0.2):
        self.pid, self.every = pid, every_s
        self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _sample(self) -> None:
        import psutil

        try:
            p = psutil.Process(self.pid)
            procs = [p, *p.children(recursive=True)]
            self.peak = max(self.peak, sum(q.memory_info().rss for q in procs))
        except psutil.Error:
            pass

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def __enter__(self) -> "MemorySampler":
        if self.pid:
            self._sample()
            self._thread = threading.Thread(target=self._loop, daemon=True, name=f"mem-{self.pid}")
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2)

    @property
    def peak_mb(self) -> float | None:
        return self.peak / 2**20 if self.peak else None


# ---------------------------------------------------------------- planning


def _first_try(messages) -> bool:
    """True when no output validation failed (a retry prompt for the output, not a tool's ModelRetry)."""
    for m in messages:
        if isinstance(m, ModelRequest):
            for p in m.parts:
                if isinstance(p, RetryPromptPart) and p.tool_name in (None, "final_storyboard"):
                    return False
    return True


async def plan_case(ep: Endpoint, deps: Deps, inputs: BriefInput, *, n_shots: int, temperature: float,
                    max_requests: int, http: httpx.AsyncClient | None = None) -> PlanOutput:
    """One planner's answer to one brief: the raw draft, the enforced shots, validity and cost."""
    n = inputs.n_shots or n_shots
    out = PlanOutput(model=ep.label or ep.model, target=inputs.target, n_shots=n)
    lessons = recall(deps, inputs.idea)
    agent = build_planner(ep, n, http=http, temperature=temperature)
    t0 = time.monotonic()
    try:
        result = await run_planner(agent, user_prompt(inputs.idea, n, inputs.target, lessons), deps,
                                   max_requests=max_requests)
    except ModelUnavailable as e:  # a timeout looks the same: the server is down only if /models fails too
        down = _is_down(ep)
        return out.model_copy(update={"error": str(e), "unavailable": down, "seconds": time.monotonic() - t0})
    except ModelError as e:
        return out.model_copy(update={"error": str(e), "seconds": time.monotonic() - t0})
    seconds = time.monotonic() - t0
    usage = result.usage
    draft = result.output
    shots, _ = finish_shots(inputs.idea, list(draft.shots), seed_lessons(), target=inputs.target)
    log.info("contest_plan", model=out.model, seconds=round(seconds, 2), requests=usage.requests,
             output_tokens=usage.output_tokens)
    return out.model_copy(update={
        "ok": True, "first_try": _first_try(result.all_messages()), "requests": usage.requests, "seconds": seconds,
        "input_tokens": usage.input_tokens or 0, "output_tokens": usage.output_tokens or 0,
        "draft": StoryboardDraft.model_validate(draft.model_dump()), "shots": shots})


def _is_down(ep: Endpoint) -> bool:
    try:
        return httpx.get(f"{ep.base_url}/models", timeout=5.0).status_code >= 500
    except httpx.HTTPError:
        return True


async def _run_model(c: Contestant, dataset: ContestDataset, deps: Deps, opts: ContestOptions, scorers: list,
                     on_progress: Progress) -> ModelRun:
    run = ModelRun(c.name, params_m=c.params_m)
    if c.endpoint is None:
        run.failed, run.notes = True, [f"failed: {c.error}"]
        for case in dataset.cases:
            on_progress("plan", c.name)
        return run
    ep = c.endpoint
    pid = ep.pid or _local_pid(ep.base_url)
    t0 = time.monotonic()
    async with httpx.AsyncClient(timeout=httpx.Timeout(opts.timeout_s, connect=10.0)) as http:

        async def task(inputs: BriefInput) -> PlanOutput:
            t1 = time.monotonic()
            try:
                return await asyncio.wait_for(
                    plan_case(ep, deps, inputs, n_shots=opts.n_shots, temperature=opts.temperature,
                              max_requests=opts.max_requests, http=http), opts.case_timeout_s)
            except TimeoutError:
                return PlanOutput(model=c.name, target=inputs.target, seconds=time.monotonic() - t1,
                                  error=f"no storyboard within the {opts.case_timeout_s:.0f} s time box")
            except Exception as e:  # one model's crash must not end the contest: record it on the brief
                log.exception("contest_plan_crashed", model=c.name)
                return PlanOutput(model=c.name, target=inputs.target, seconds=time.monotonic() - t1,
                                  error=f"{e.__class__.__name__}: {e}")
            finally:
                on_progress("plan", c.name)

        ds = ContestDataset(name=dataset.name, cases=dataset.cases, evaluators=scorers)
        with MemorySampler(pid) as mem:
            report = await ds.evaluate(task, name=c.name, max_concurrency=1, progress=False)
    run.wall_s, run.peak_memory_mb, run.report = time.monotonic() - t0, mem.peak_mb, report
    for rc in report.cases:
        run.outputs[rc.name] = rc.output
        run.scores[rc.name] = {k: float(v.value) for k, v in rc.scores.items()}
    for f in report.failures:
        run.notes.append(f"brief {f.name}: {f.error_message[:200]}")
    if run.outputs and all(o.unavailable for o in run.outputs.values()):
        run.failed = True
        run.notes.insert(0, f"failed: {next(iter(run.outputs.values())).error}")
    elif errs := [o for o in run.outputs.values() if not o.ok]:
        run.notes.append(f"{len(errs)} of {len(run.outputs)} briefs without a storyboard (first: {errs[0].error})")
    if pid is None:
        run.notes.append("peak memory: the server is not on this machine (not measured)")
    return run


def _score_comparisons(runs: dict[str, ModelRun], models: list[str], cases: list[str], margin: float) -> list[Comparison]:
    out = []
    for case in cases:
        for a, b in itertools.combinations(models, 2):
            qa, qb = runs[a].quality.get(case), runs[b].quality.get(case)
            if qa is None or qb is None:
                continue
            outcome = "tie" if abs(qa - qb) < margin else ("a" if qa > qb else "b")
            out.append(Comparison(case, a, b, outcome, source="scores"))  # type: ignore[arg-type]
    return out


async def _judge_pairs(judge: Judge, runs: dict[str, ModelRun], models: list[str], dataset: ContestDataset,
                       on_progress: Progress) -> tuple[list[Comparison], int]:
    cases = []
    for case in dataset.cases:
        for a, b in itertools.combinations(models, 2):
            oa, ob = runs[a].outputs.get(case.name), runs[b].outputs.get(case.name)
            pair = JudgePair(case=case.name, idea=case.inputs.idea, a=a, b=b,
                             text_a=render_draft(oa.draft) if oa and oa.ok else "",
                             text_b=render_draft(ob.draft) if ob and ob.ok else "")
            cases.append(Case(name=f"{case.name} | {a} vs {b}", inputs=pair))

    async def task(pair: JudgePair) -> JudgePair:
        return pair

    ds = Dataset[JudgePair, JudgePair, Any](name="judge", cases=cases, evaluators=[PairwiseJudge(judge)])  # type: ignore[misc]

    report = await ds.evaluate(task, name=judge.name, max_concurrency=1, progress=False)
    comps, dropped = [], 0
    for rc in report.cases:
        on_progress("judge", rc.inputs.case)
        label = rc.labels.get("judge")
        value = label.value if label else "dropped"
        if value == "dropped":
            dropped += 1
            continue
        comps.append(Comparison(rc.inputs.case, rc.inputs.a, rc.inputs.b, value, source="judge"))
    dropped += len(report.failures)
    return comps, dropped


async def run_contest(contestants: list[Contestant], dataset: ContestDataset, deps: Deps, opts: ContestOptions,
                      *, judge: Judge | None = None, scorers: list | None = None,
                      on_progress: Progress | None = None) -> ContestOutcome:
    """Every contestant answers every brief, is scored, judged pairwise; the outcome holds it all."""
    names = [c.name for c in contestants]
    if len(set(names)) != len(names):
        raise InputError(f"model names must be distinct, got {', '.join(names)}")
    for c in contestants:
        if c.endpoint is not None and c.endpoint.embedded:
            need = tokens_budget(opts.n_shots) + 1800
            if need > deps.settings.embedded_ctx:
                raise InputError(f"{opts.n_shots} shots do not fit the embedded {deps.settings.embedded_ctx}-token "
                                 "context; use fewer --shots")
    progress = on_progress or (lambda kind, name: None)
    scorers = scorers if scorers is not None else default_scorers()
    t0 = time.monotonic()
    if opts.parallel:
        runs_list = await asyncio.gather(*(_run_model(c, dataset, deps, opts, scorers, progress) for c in contestants))
    else:
        runs_list = [await _run_model(c, dataset, deps, opts, scorers, progress) for c in contestants]
    runs = {r.name: r for r in runs_list}
    models = [r.name for r in runs_list if not r.failed]
    case_names = [c.name for c in dataset.cases]
    comparisons = _score_comparisons(runs, models, case_names, opts.tie_margin)
    dropped = calls = 0
    if judge is not None and len(models) >= 2:
        judged, dropped = await _judge_pairs(judge, runs, models, dataset, progress)
        comparisons += judged
        calls = judge.calls
    return ContestOutcome(dataset=dataset.name, cases=[(c.name, c.inputs) for c in dataset.cases], runs=runs,
                          comparisons=comparisons, judge=judge.name if judge else None, judge_dropped=dropped,
                          judge_calls=calls, wall_s=time.monotonic() - t0, parallel=opts.parallel,
                          n_shots=opts.n_shots)


def scorer_means(run: ModelRun) -> dict[str, float]:
    """Mean of each automatic scorer over the briefs (failed briefs count as 0)."""
    out = {}
    for k in AUTO_SCORERS:
        vals = [s[k] for s in run.scores.values() if k in s]
        out[k] = sum(vals) / len(vals) if vals else 0.0
    return out
