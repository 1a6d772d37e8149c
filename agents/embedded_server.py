"""The embedded llama-cpp-python server as a child process, and the planner endpoint the settings name.

:class:`EmbeddedServer` starts ``python -m agents.llama_server`` with a GGUF of :mod:`agents.embedded_models` on a
free loopback port, waits for it to answer, and stops it on exit (Linux kills it with nightreel: no orphan).
:func:`open_planner` yields the endpoint of `planner_url` when one is set, else of a server it starts and stops.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import structlog

from agents.embedded_models import EMBEDDED_MODELS, embedded_model_path
from agents.models import Endpoint, output_mode_for
from nightreel.errors import ModelUnavailable

log = structlog.get_logger()

__all__ = ["EmbeddedServer", "free_port", "open_planner"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child: ask Linux to SIGKILL it when nightreel dies, even by kill -9 (no orphaned servers).

    SIGKILL, not SIGTERM: on SIGTERM uvicorn waits for the request in flight, and llama-cpp-python keeps
    generating for a client that is gone, up to max_tokens — an orphan burning both cores for minutes."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class EmbeddedServer:
    """llama-cpp-python's OpenAI-compatible server on a free loopback port, as a context manager."""

    def __init__(self, model: str, cache_dir: Path, log_dir: Path, *, n_ctx: int = 4096,
                 n_threads: int = 2, startup_timeout_s: float = 120.0):
        self.spec = EMBEDDED_MODELS[model]
        self.cache_dir, self.log_dir = cache_dir, log_dir
        self.n_ctx, self.n_threads, self.timeout = n_ctx, n_threads, startup_timeout_s
        self.port = 0
        self.proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> Endpoint:
        path = embedded_model_path(self.spec.name, self.cache_dir)
        self.port = free_port()
        cmd = [sys.executable, "-m", "agents.llama_server", "--model", str(path), "--host", "127.0.0.1",
               "--port", str(self.port), "--n_ctx", str(self.n_ctx), "--n_threads", str(self.n_threads),
               "--model_alias", self.spec.alias]
        if self.spec.chat_format:
            cmd += ["--chat_format", self.spec.chat_format]
        self.log_dir.mkdir(parents=True, exist_ok=True)
        logf = (self.log_dir / f"llama-{self.spec.name}-{self.port}.log").open("ab")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
                                     preexec_fn=_die_with_parent)
        deadline = t0 + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ModelUnavailable(f"the embedded llama server exited with code {self.proc.returncode}; "
                                       f"see {logf.name}")
            try:
                r = httpx.get(f"{self.base_url}/models", timeout=2.0)
                if r.status_code == 200:
                    log.info("embedded_llama_ready", model=self.spec.alias, port=self.port,
                             seconds=round(time.monotonic() - t0, 2))
                    return Endpoint(self.base_url, self.spec.alias, output_mode="json_object", embedded=True,
                                    label=self.spec.name, pid=self.proc.pid, tools=self.spec.tools,
                                    chat_format=self.spec.chat_format)
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise ModelUnavailable(f"the embedded llama server did not answer within {self.timeout:.0f} s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.proc = None

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def open_planner(settings, cache_dir: Path, log_dir: Path, *, embedded_model: str | None = None) -> Iterator[Endpoint]:
    """The planner endpoint the settings name, starting (and later stopping) the embedded one if needed."""
    if settings.planner_url:
        yield Endpoint(settings.planner_url.rstrip("/"), settings.planner_model or "default",
                       settings.planner_api_key, output_mode_for(settings.planner_output, False),
                       label=settings.planner_model or settings.planner_url,
                       tools=settings.planner_tools != "off", chat_format=settings.planner_chat_format or None,
                       timeout_s=settings.model_timeout_s)
        return
    name = embedded_model or settings.embedded_model
    with EmbeddedServer(name, cache_dir, log_dir, n_ctx=settings.embedded_ctx,
                        n_threads=settings.embedded_threads) as ep:
        mode = output_mode_for(settings.planner_output, True)
        tools = ep.tools if settings.planner_tools == "auto" else settings.planner_tools == "on"
        yield Endpoint(ep.base_url, ep.model, output_mode=mode, embedded=True, label=ep.label, pid=ep.pid,
                       tools=tools, chat_format=ep.chat_format, timeout_s=settings.model_timeout_s)
