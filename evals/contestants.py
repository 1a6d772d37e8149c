"""Who competes in a contest and who judges: remote servers, the embedded models one after another, the judge
that is never a contestant, and the peak memory each server takes (sampled from its process)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from urllib.parse import urlparse

import httpx
import httpx2

from agents.embedded_models import EMBEDDED_MODELS
from agents.embedded_server import EmbeddedServer
from agents.models import Endpoint, make_model
from evals.judge import Judge, build_judge_agent
from nightreel.errors import InputError, ModelUnavailable

__all__ = ["OUTPUT_MODES", "Contestant", "EmbeddedJudge", "MemorySampler", "default_judge", "embedded_contestants",
           "judge_for_endpoint", "local_pid", "parse_model_spec", "remote_contestant"]

OUTPUT_MODES = ("json_schema", "json_object", "tool")


@dataclass
class Contestant:
    name: str
    endpoint: Endpoint | None
    error: str | None = None  # why it could not take part (down, refused)
    params_m: int | None = None
    #: a lazy server (e.g. an EmbeddedServer): entered when this model's turn comes, left when it is done
    server: Callable[[], AbstractContextManager[Endpoint]] | None = None


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
    """One contestant per embedded model.

    In parallel every server starts now (threads split between them); one after another, each
    contestant carries a lazy server that ``run_contest`` starts when its turn comes and stops
    before the next one starts, so only one model holds the cores and the memory at a time.
    """
    if len(set(names)) != len(names):
        raise InputError(f"model names must be distinct, got {', '.join(names)}")
    for name in names:
        if name not in EMBEDDED_MODELS:
            raise InputError(f"no embedded model {name!r}; the embedded models are {', '.join(EMBEDDED_MODELS)}")
    if not parallel:
        yield [Contestant(name, None, params_m=EMBEDDED_MODELS[name].params_m,
                          server=_embedded_factory(name, cache_dir, log_dir, n_ctx, max(1, cores)))
               for name in names]
        return
    threads = max(1, cores // len(names))
    with contextlib.ExitStack() as stack:
        out = []
        for name in names:
            try:
                ep = stack.enter_context(EmbeddedServer(name, cache_dir, log_dir, n_ctx=n_ctx, n_threads=threads))
                out.append(Contestant(name, ep, params_m=EMBEDDED_MODELS[name].params_m))
            except ModelUnavailable as e:
                out.append(Contestant(name, None, error=str(e), params_m=EMBEDDED_MODELS[name].params_m))
        yield out


def _embedded_factory(name: str, cache_dir, log_dir, n_ctx: int, threads: int):
    return lambda: EmbeddedServer(name, cache_dir, log_dir, n_ctx=n_ctx, n_threads=threads)


def judge_for_endpoint(ep: Endpoint, *, http: httpx2.AsyncClient | None = None, name: str | None = None) -> Judge:
    return Judge(build_judge_agent(make_model(ep, http), ep.output_mode), name=name or ep.label or ep.model)


def default_judge(contestants: list[Contestant]) -> tuple[str | None, str]:
    """The strongest embedded model that is not competing — if it is no weaker than what it would judge.

    Returns (embedded model name or None, a sentence for the report saying who judges or why nobody does).
    """
    taken = {c.name for c in contestants}
    free = [m for m in EMBEDDED_MODELS.values() if m.name not in taken]
    if not free:
        return None, ("no independent judge: every embedded model is competing, and a model never judges itself; "
                      "automatic scores only (pass --judge NAME=URL for an outside judge)")
    best = max(free, key=lambda m: m.params_m)
    sizes = [c.params_m for c in contestants if c.params_m]
    if sizes and best.params_m < max(sizes):
        return None, (f"no independent judge: the strongest model not competing ({best.name}, {best.params_m}M "
                      f"parameters) is smaller than the contestants it would judge (up to {max(sizes)}M); "
                      "automatic scores only (pass --judge NAME=URL for a stronger one)")
    unknown = " (the contestants' sizes are unknown)" if not sizes else ""
    return best.name, f"judge: {best.name}, the strongest embedded model not competing{unknown}"


class EmbeddedJudge:
    """A lazy embedded judge: ``run_contest`` starts its server after the contestants' servers have stopped."""

    def __init__(self, name: str, cache_dir, log_dir, *, n_ctx: int = 8192, n_threads: int = 2):
        self.judge_name = name
        self._args = (name, cache_dir, log_dir)
        self._kw = {"n_ctx": n_ctx, "n_threads": n_threads}

    @contextlib.contextmanager
    def _serve(self) -> Iterator[Judge]:
        with EmbeddedServer(*self._args, **self._kw) as ep:
            yield judge_for_endpoint(ep, name=self.judge_name)

    def __call__(self) -> AbstractContextManager[Judge]:
        return self._serve()


def local_pid(url: str) -> int | None:
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

    def __enter__(self) -> MemorySampler:
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
