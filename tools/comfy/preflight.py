"""Preflight: can this server run this graph? (``nightreel doctor --comfy URL`` calls :func:`preflight`)."""

from __future__ import annotations

import httpx

from nightreel.errors import ComfyError, ComfyUnavailable
from tools.comfy.workflows import check_graph, to_api

__all__ = ["apreflight", "preflight"]


def _problems(graph: dict, object_info: dict) -> list[str]:
    return check_graph(to_api(graph, object_info), object_info)


def preflight(graph: dict, url: str, *, timeout_s: float = 30.0) -> list[str]:
    """Problems that would stop `graph` (API or UI format) on the server at `url`; [] = ready.

    Each problem is one line: a missing node class, or missing model files with the folder they
    belong in. Raises ComfyUnavailable when the server cannot be reached.
    """
    try:
        r = httpx.get(url.rstrip("/") + "/object_info", timeout=timeout_s)
    except httpx.TransportError as e:
        raise ComfyUnavailable(url, type(e).__name__) from e
    if r.status_code != 200:
        raise ComfyError(f"ComfyUI /object_info at {url} answered HTTP {r.status_code}")
    return _problems(graph, r.json())


async def apreflight(graph: dict, client) -> list[str]:
    """The same, through a ComfyClient."""
    return _problems(graph, await client.object_info())
