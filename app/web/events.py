"""A small in-process publish/subscribe for the page's Server-Sent Events (chat, jobs, boards, status)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

__all__ = ["Broker"]


class Broker:
    """Every subscriber (one per open tab) gets every event; a slow tab drops its oldest events."""

    def __init__(self, maxsize: int = 500):
        self._subs: set[asyncio.Queue] = set()
        self.maxsize = maxsize
        self.closed = asyncio.Event()

    def publish(self, kind: str, data: dict[str, Any]) -> None:
        msg = {"event": kind, "data": json.dumps(data, default=str)}
        for q in list(self._subs):
            if q.full():
                q.get_nowait()
            q.put_nowait(msg)

    async def subscribe(self) -> AsyncIterator[dict]:
        q: asyncio.Queue = asyncio.Queue(self.maxsize)
        self._subs.add(q)
        try:
            yield {"event": "hello", "data": "{}"}
            while not self.closed.is_set():
                get = asyncio.ensure_future(q.get())
                stop = asyncio.ensure_future(self.closed.wait())
                done, _ = await asyncio.wait({get, stop}, return_when=asyncio.FIRST_COMPLETED)
                if get in done:
                    stop.cancel()
                    yield get.result()
                else:
                    get.cancel()
        finally:
            self._subs.discard(q)

    def close(self) -> None:
        self.closed.set()
