"""Several ComfyUI servers as one: least-queued placement, each queue kept one job deep.

Each new job goes to the server with the least queued work (its ``/queue`` length plus the jobs
we have in flight there). Up to ``depth`` jobs of ours are on a server at once (default 2: one
running, one waiting in ComfyUI's own queue), so its GPU never waits for us between jobs. No
queue of our own making across machines: ComfyUI's queue is the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import httpx
import structlog

from nightreel.errors import ComfyError, ComfyUnavailable
from tools.comfy.client import ComfyClient

__all__ = ["ComfyPool"]

log = structlog.get_logger()


class ComfyPool:
    """ComfyUI clients for a list of URLs. ``async with ComfyPool(urls) as pool:``."""

    def __init__(self, urls: list[str], http: httpx.AsyncClient | None = None, *, depth: int = 2,
                 timeout_s: float = 30.0, retries: int = 4, stall_s: float = 2.0):
        if not urls:
            raise ComfyError("a pool needs at least one ComfyUI URL")
        self._own_http = http is None
        self.http = http or httpx.AsyncClient(timeout=timeout_s)
        self.clients = {u.rstrip("/"): ComfyClient(u, self.http, timeout_s=timeout_s, retries=retries,
                                                   stall_s=stall_s) for u in urls}
        self.depth = max(1, depth)
        self.inflight = {u: 0 for u in self.clients}
        self._cond = asyncio.Condition()
        self.background: dict[str, asyncio.Task] = {}
        #: True when the servers hold no models (the embedded ComfyUI): "auto" renders retrieved footage
        self.model_free = False

    @classmethod
    def from_settings(cls, settings, urls: list[str], http: httpx.AsyncClient | None = None) -> ComfyPool:
        return cls(urls, http, timeout_s=settings.comfy_timeout_s, retries=settings.comfy_retries)

    @property
    def urls(self) -> list[str]:
        return list(self.clients)

    def client(self, url: str) -> ComfyClient:
        return self.clients[url.rstrip("/")]

    async def __aenter__(self) -> ComfyPool:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    def spawn(self, coro, key: str) -> asyncio.Task:
        """Run a render in the background, once per key (a job id); the pool keeps the task alive."""
        task = self.background.get(key)
        if task is not None and not task.done():
            coro.close()
            return task
        task = asyncio.create_task(coro, name=f"render-{key}")
        self.background[key] = task
        return task

    async def aclose(self) -> None:
        for task in self.background.values():  # the ledger keeps their state; the next run resumes them
            task.cancel()
        if self.background:
            await asyncio.gather(*self.background.values(), return_exceptions=True)
        for c in self.clients.values():
            await c.aclose()
        if self._own_http:
            await self.http.aclose()

    async def _server_depth(self, url: str) -> int | None:
        try:
            return await self.clients[url].queue_depth()
        except ComfyError:
            return None  # unreachable: not a candidate this round

    async def _pick(self) -> str | None:
        free = [u for u in self.clients if self.inflight[u] < self.depth]
        if not free:
            return None
        if len(self.clients) == 1:
            return free[0]
        depths = await asyncio.gather(*(self._server_depth(u) for u in free))
        ranked = sorted(((d, self.inflight[u], i, u) for i, (u, d) in enumerate(zip(free, depths)) if d is not None))
        if not ranked:
            raise ComfyUnavailable(", ".join(free), "no server in the pool answers /queue")
        return ranked[0][3]

    @contextlib.asynccontextmanager
    async def slot(self, prefer: str | None = None) -> AsyncIterator[ComfyClient]:
        """A client with room for one more job of ours; the slot is held until the block ends.

        `prefer` pins the job to one server (a job already submitted there, being waited on).
        """
        async with self._cond:
            while True:
                if prefer is not None:
                    url = prefer.rstrip("/") if self.inflight.get(prefer.rstrip("/"), 0) < self.depth else None
                    if prefer.rstrip("/") not in self.clients:
                        raise ComfyError(f"{prefer} is not in the pool ({', '.join(self.clients)})")
                else:
                    url = await self._pick()
                if url is not None:
                    self.inflight[url] += 1
                    break
                await self._cond.wait()
        log.debug("pool.slot", server=url, inflight=self.inflight[url])
        try:
            yield self.clients[url]
        finally:
            async with self._cond:
                self.inflight[url] -= 1
                self._cond.notify_all()

    async def healthy(self) -> list[str]:
        """The URLs that answer /system_stats now."""
        async def ok(u: str) -> bool:
            try:
                await self.clients[u].system_stats()
                return True
            except ComfyError:
                return False
        flags = await asyncio.gather(*(ok(u) for u in self.clients))
        return [u for u, f in zip(self.clients, flags) if f]
