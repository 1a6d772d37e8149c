"""One ComfyUI server, spoken to over its HTTP API and WebSocket.

A prompt is submitted with a prompt_id we generate (an idempotency key): before a retried
``POST /prompt`` we ask ``/queue`` and ``/history`` whether the server already has it.
Completion is the ``executing`` message with ``node: null`` for our prompt_id, then
``/history/{id}`` (polled, since it can be empty right after ``execution_success``).
When the socket stalls or drops, ``/history`` and ``/queue`` are polled instead.

Errors (nightreel.errors): 400 with node_errors -> ComfyRejected (never retried);
execution_error -> ComfyJobFailed; connection refused after bounded retries -> ComfyUnavailable;
a prompt the server no longer knows (it restarted) -> ComfyJobLost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import httpx
import structlog
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential
from websockets.asyncio.client import connect as ws_connect

from nightreel.errors import ComfyError, ComfyJobFailed, ComfyJobLost, ComfyRejected, ComfyUnavailable, InputError
from nightreel.studio import check_inside

__all__ = ["ComfyClient", "OutputFile", "Progress", "describe_node_errors", "safe_output_name"]

log = structlog.get_logger()

ProgressCallback = Callable[["Progress"], Awaitable[None] | None]


@dataclass
class Progress:
    """Where one prompt is: nodes finished out of the graph's, and the running node's own steps."""

    prompt_id: str
    nodes_done: int = 0
    nodes_total: int = 1
    node: str | None = None
    value: int = 0
    max: int = 0
    state: str = "queued"  # queued | running | done

    @property
    def fraction(self) -> float:
        inner = (self.value / self.max) if self.max else 0.0
        return min(1.0, (self.nodes_done + inner) / max(1, self.nodes_total))


@dataclass(frozen=True)
class OutputFile:
    filename: str
    subfolder: str
    type: str
    node_id: str


def safe_output_name(filename: str, subfolder: str) -> PurePosixPath:
    """Refuse a history entry's file name that could climb out of the download folder."""
    for part in (filename, subfolder):
        if "\\" in part or "\x00" in part or part.startswith(("/", "~")) or (len(part) > 1 and part[1] == ":"):
            raise ComfyError(f"ComfyUI history names an unsafe path: {subfolder!r}/{filename!r}")
    rel = PurePosixPath(subfolder) / filename if subfolder else PurePosixPath(filename)
    if not filename or ".." in rel.parts or rel.is_absolute():
        raise ComfyError(f"ComfyUI history names an unsafe path: {subfolder!r}/{filename!r}")
    return rel


def describe_node_errors(body: dict, graph: dict | None = None) -> str:
    """One line naming each rejected node, its input and the reason (from a 400 body)."""
    parts: list[str] = []
    for node_id, info in (body.get("node_errors") or {}).items():
        cls = info.get("class_type") or (graph or {}).get(node_id, {}).get("class_type", "?")
        for err in info.get("errors", []):
            inp = (err.get("extra_info") or {}).get("input_name")
            where = f"node {node_id} ({cls})" + (f" input {inp!r}" if inp else "")
            parts.append(f"{where}: {err.get('message', '')} {err.get('details', '')}".strip())
    if not parts:
        err = body.get("error") or {}
        parts.append(f"{err.get('message', 'rejected')}: {err.get('details', '')}".strip(": "))
    return "; ".join(parts)


class ComfyClient:
    """A client of one ComfyUI server. Use ``async with ComfyClient(url) as c:``."""

    def __init__(
        self,
        url: str,
        http: httpx.AsyncClient | None = None,
        *,
        timeout_s: float = 30.0,
        retries: int = 4,
        stall_s: float = 2.0,
        client_id: str | None = None,
    ):
        self.url = url.rstrip("/")
        self.client_id = client_id or uuid.uuid4().hex
        self.timeout_s, self.retries, self.stall_s = timeout_s, retries, stall_s
        self._own_http = http is None
        self.http = http or httpx.AsyncClient(timeout=timeout_s)
        self._watchers: dict[str, asyncio.Queue] = {}
        self._ws_task: asyncio.Task | None = None
        self._ws_ready = asyncio.Event()

    async def __aenter__(self) -> ComfyClient:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._ws_task:
            self._ws_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._ws_task
            self._ws_task = None
        if self._own_http:
            await self.http.aclose()

    # -- plain HTTP, bounded and retried (idempotent calls only) ---------------------------------

    async def _request(self, method: str, path: str, *, retry: bool = True, **kw) -> httpx.Response:
        attempts = self.retries if retry else 1
        t0 = time.perf_counter()
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(max(1, attempts)),
                wait=wait_exponential(multiplier=0.25, max=4),
                retry=retry_if_exception_type((httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError,
                                               httpx.ConnectTimeout)),
                reraise=True,
            ):
                with attempt:
                    r = await self.http.request(method, self.url + path, timeout=kw.pop("timeout", self.timeout_s), **kw)
        except httpx.TransportError as e:
            why = f"{type(e).__name__}: {e}".rstrip(": ")
            if isinstance(e, httpx.ConnectError | httpx.ConnectTimeout):
                why += (" — is ComfyUI running there, on that port, and (from another machine) started with "
                        "--listen?")
            raise ComfyUnavailable(self.url, why) from e
        log.debug("comfy.http", method=method, path=path, status=r.status_code, ms=round(1000 * (time.perf_counter() - t0)))
        return r

    async def _json(self, path: str) -> Any:
        r = await self._request("GET", path)
        if r.status_code != 200:
            raise ComfyError(f"ComfyUI {path} answered HTTP {r.status_code}: {r.text[:200]}")
        return r.json()

    async def system_stats(self) -> dict:
        return await self._json("/system_stats")

    async def object_info(self) -> dict:
        return await self._json("/object_info")

    async def models(self, folder: str) -> list[str]:
        """Model files the server lists for one folder (checkpoints, loras, vae, ...)."""
        r = await self._request("GET", f"/models/{folder}")
        return r.json() if r.status_code == 200 else []

    async def queue(self) -> dict:
        return await self._json("/queue")

    async def history(self, prompt_id: str | None = None) -> dict:
        return await self._json(f"/history/{prompt_id}" if prompt_id else "/history?max_items=200")

    async def where_is(self, prompt_id: str) -> str | None:
        """'running', 'pending', 'done' (in history), or None if the server does not know it."""
        q = await self.queue()
        if any(item[1] == prompt_id for item in q.get("queue_running", [])):
            return "running"
        if any(item[1] == prompt_id for item in q.get("queue_pending", [])):
            return "pending"
        if (await self.history(prompt_id)).get(prompt_id):
            return "done"
        return None

    async def queue_depth(self) -> int:
        q = await self.queue()
        return len(q.get("queue_running", [])) + len(q.get("queue_pending", []))

    # -- submitting ----------------------------------------------------------------------------

    async def submit(self, graph: dict, prompt_id: str | None = None, *, extra_data: dict | None = None) -> str:
        """POST /prompt with our prompt_id. A retry first checks the server does not have it already."""
        prompt_id = str(uuid.UUID(prompt_id)) if prompt_id else str(uuid.uuid4())
        await self._ensure_ws()
        self._watch(prompt_id)
        body = {"prompt": graph, "client_id": self.client_id, "prompt_id": prompt_id,
                "extra_data": extra_data or {}}
        for attempt in range(max(1, self.retries)):
            try:
                r = await self.http.post(self.url + "/prompt", json=body, timeout=self.timeout_s)
            except httpx.TransportError as e:
                log.warning("comfy.submit_retry", prompt_id=prompt_id, error=type(e).__name__, attempt=attempt)
                await asyncio.sleep(min(4.0, 0.25 * 2**attempt))
                try:
                    if await self.where_is(prompt_id):
                        return prompt_id
                except ComfyUnavailable:
                    continue
                continue
            if r.status_code == 200:
                log.info("comfy.submitted", prompt_id=prompt_id, server=self.url)
                return prompt_id
            self._watchers.pop(prompt_id, None)
            try:
                data = r.json()
            except json.JSONDecodeError:
                data = {"error": {"message": r.text[:300]}}
            if r.status_code == 400:
                raise ComfyRejected(f"ComfyUI at {self.url} rejected the graph: {describe_node_errors(data, graph)}",
                                    data.get("node_errors"))
            if r.status_code == 413:
                raise ComfyRejected(f"ComfyUI at {self.url} refused the request as too large (HTTP 413)")
            raise ComfyError(f"ComfyUI at {self.url} answered HTTP {r.status_code} to /prompt: {r.text[:200]}")
        self._watchers.pop(prompt_id, None)
        raise ComfyUnavailable(self.url, f"POST /prompt failed {self.retries} times")

    async def upload_image(self, path: Path, *, subfolder: str = "nightreel", name: str | None = None) -> str:
        """Upload a start image to the server's input folder; returns the name LoadImage expects."""
        data = Path(path).read_bytes()
        files = {"image": (name or Path(path).name, data, "image/png")}
        r = await self._request("POST", "/upload/image", files=files,
                                data={"subfolder": subfolder, "type": "input", "overwrite": "true"})
        if r.status_code == 413:
            raise InputError(f"{path} ({len(data) / 1e6:.1f} MB) is larger than ComfyUI at {self.url} accepts; "
                             "make it smaller or start the server with a higher --max-upload-size")
        if r.status_code != 200:
            raise ComfyError(f"ComfyUI /upload/image answered HTTP {r.status_code}: {r.text[:200]}")
        out = r.json()
        return f"{out['subfolder']}/{out['name']}" if out.get("subfolder") else out["name"]

    async def interrupt(self, prompt_id: str) -> bool:
        """Interrupt our prompt only if it is the one running; never someone else's."""
        if await self.where_is(prompt_id) != "running":
            return False
        await self._request("POST", "/interrupt", json={"prompt_id": prompt_id})
        return True

    async def free(self, *, unload_models: bool = True, free_memory: bool = True) -> bool:
        """POST /free: ask the server to unload its models and release memory (one pool on a unified box)."""
        r = await self._request("POST", "/free", json={"unload_models": unload_models, "free_memory": free_memory})
        return r.status_code == 200

    async def delete_pending(self, prompt_id: str) -> None:
        await self._request("POST", "/queue", json={"delete": [prompt_id]})

    # -- waiting -------------------------------------------------------------------------------

    def _watch(self, prompt_id: str) -> asyncio.Queue:
        return self._watchers.setdefault(prompt_id, asyncio.Queue())

    async def _ensure_ws(self) -> None:
        if self._ws_task is None or self._ws_task.done():
            self._ws_ready.clear()
            self._ws_task = asyncio.create_task(self._ws_loop(), name=f"comfy-ws-{self.url}")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._ws_ready.wait(), timeout=min(5.0, self.timeout_s))

    async def _ws_loop(self) -> None:
        ws_url = self.url.replace("http", "ws", 1) + f"/ws?clientId={self.client_id}"
        try:
            async with ws_connect(ws_url, max_size=None, open_timeout=self.timeout_s, ping_interval=20) as ws:
                self._ws_ready.set()
                async for raw in ws:
                    if isinstance(raw, bytes):
                        continue  # preview images
                    msg = json.loads(raw)
                    pid = (msg.get("data") or {}).get("prompt_id")
                    if pid in self._watchers:
                        self._watchers[pid].put_nowait(msg)
        except (OSError, Exception) as e:  # noqa: BLE001 - a dead socket means: poll instead
            log.info("comfy.ws_closed", server=self.url, error=type(e).__name__)
        finally:
            self._ws_ready.set()

    async def wait(self, prompt_id: str, graph: dict | None = None, on_progress: ProgressCallback | None = None,
                   *, timeout_s: float | None = None) -> dict:
        """Wait for our prompt to finish; returns its /history entry."""
        q = self._watch(prompt_id)
        prog = Progress(prompt_id, nodes_total=len(graph) if graph else 1)
        deadline = time.monotonic() + timeout_s if timeout_s else None
        executed: set[str] = set()
        try:
            while True:
                if deadline and time.monotonic() > deadline:
                    raise ComfyJobFailed(prompt_id, None, f"no result within {timeout_s:.0f} s")
                if self._ws_task is None or self._ws_task.done():
                    with contextlib.suppress(Exception):
                        await self._ensure_ws()
                try:
                    msg = await asyncio.wait_for(q.get(), timeout=self.stall_s)
                except TimeoutError:
                    entry = await self._poll(prompt_id, prog)
                    if entry is not None:
                        return entry
                    await _call(on_progress, prog)
                    continue
                kind, data = msg.get("type"), msg.get("data") or {}
                if kind == "execution_start":
                    prog.state = "running"
                elif kind == "execution_cached":
                    executed.update(data.get("nodes") or [])
                elif kind == "executing":
                    if data.get("node") is None:
                        return await self._final_history(prompt_id, prog, on_progress)
                    if prog.node is not None:
                        executed.add(str(prog.node))  # a new node running = the previous one finished
                    prog.state, prog.node, prog.value, prog.max = "running", data["node"], 0, 0
                elif kind == "executed":
                    executed.add(str(data.get("node")))
                elif kind == "progress":
                    prog.value, prog.max = int(data.get("value", 0)), int(data.get("max", 0))
                elif kind == "execution_error":
                    raise ComfyJobFailed(prompt_id, data.get("node_id"),
                                         f"{data.get('node_type', '')}: {data.get('exception_message', '').strip()}")
                elif kind == "execution_interrupted":
                    raise ComfyJobFailed(prompt_id, data.get("node_id"), "interrupted")
                prog.nodes_done = len(executed)
                await _call(on_progress, prog)
        finally:
            self._watchers.pop(prompt_id, None)

    async def _poll(self, prompt_id: str, prog: Progress) -> dict | None:
        """The socket was quiet: ask /history, then /queue. None = still going."""
        entry = (await self.history(prompt_id)).get(prompt_id)
        if entry and (entry.get("status") or entry.get("outputs")):
            return self._check_entry(prompt_id, entry)
        where = await self.where_is(prompt_id)
        if where is None:
            raise ComfyJobLost(prompt_id, self.url)
        prog.state = "running" if where == "running" else "queued"
        return None

    async def _final_history(self, prompt_id: str, prog: Progress, on_progress: ProgressCallback | None) -> dict:
        deadline = time.monotonic() + max(10.0, self.timeout_s)
        delay = 0.02
        while time.monotonic() < deadline:  # history can lag execution_success (ComfyUI #11540)
            entry = (await self.history(prompt_id)).get(prompt_id)
            if entry and (entry.get("status") or entry.get("outputs")):
                prog.state, prog.nodes_done = "done", prog.nodes_total
                await _call(on_progress, prog)
                return self._check_entry(prompt_id, entry)
            await asyncio.sleep(delay)
            delay = min(0.5, delay * 2)
        raise ComfyJobFailed(prompt_id, None, "finished but /history never listed it")

    @staticmethod
    def _check_entry(prompt_id: str, entry: dict) -> dict:
        status = entry.get("status") or {}
        if status.get("status_str") == "error":
            for name, data in status.get("messages", []):
                if name == "execution_error":
                    raise ComfyJobFailed(prompt_id, data.get("node_id"),
                                         f"{data.get('node_type', '')}: {data.get('exception_message', '').strip()}")
                if name == "execution_interrupted":
                    raise ComfyJobFailed(prompt_id, data.get("node_id"), "interrupted")
            raise ComfyJobFailed(prompt_id, None, "ComfyUI reported an error")
        return entry

    # -- downloading ---------------------------------------------------------------------------

    @staticmethod
    def outputs(entry: dict) -> list[OutputFile]:
        files: list[OutputFile] = []
        for node_id, out in (entry.get("outputs") or {}).items():
            for value in out.values():
                if isinstance(value, list):
                    for item in value:
                        if isinstance(item, dict) and "filename" in item:
                            safe_output_name(item["filename"], item.get("subfolder", ""))
                            files.append(OutputFile(item["filename"], item.get("subfolder", ""),
                                                    item.get("type", "output"), node_id))
        return files

    async def download(self, item: OutputFile, dest: Path, root: Path) -> Path:
        """Download one output to `dest` (checked inside `root`) via /view."""
        safe_output_name(item.filename, item.subfolder)
        target = check_inside(dest, root)
        target.parent.mkdir(parents=True, exist_ok=True)
        params = {"filename": item.filename, "subfolder": item.subfolder, "type": item.type}
        tmp = target.with_name(target.name + ".part")
        try:
            async with self.http.stream("GET", self.url + "/view", params=params, timeout=self.timeout_s) as r:
                if r.status_code != 200:
                    raise ComfyError(f"ComfyUI /view {item.filename} answered HTTP {r.status_code}")
                with tmp.open("wb") as fh:
                    async for chunk in r.aiter_bytes(1 << 16):
                        fh.write(chunk)
        except httpx.TransportError as e:
            raise ComfyUnavailable(self.url, f"download of {item.filename} failed: {type(e).__name__}") from e
        tmp.replace(target)
        return target


async def _call(cb: ProgressCallback | None, prog: Progress) -> None:
    if cb is None:
        return
    res = cb(prog)
    if asyncio.iscoroutine(res):
        await res
