"""Opening what a command needs: settings, the studio, memory, and the planner endpoint."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

from agents.deps import Deps
from agents.embedded_server import open_planner
from agents.models import Endpoint
from nightreel.config import Settings, load_settings
from nightreel.schema import new_id
from nightreel.studio import Studio

__all__ = ["open_studio", "open_memory", "planner_session"]


def open_studio(settings: Settings | None = None) -> tuple[Settings, Studio]:
    settings = settings or load_settings()
    return settings, Studio.open(settings.studio)


@contextlib.contextmanager
def open_memory(studio: Studio, *, enabled: bool = True) -> Iterator[object | None]:
    """The studio's memory store (chromadb), or None when disabled."""
    if not enabled:
        yield None
        return
    from memory.store import MemoryStore

    store = MemoryStore.open(studio)
    try:
        yield store
    finally:
        store.close()


@contextlib.contextmanager
def planner_session(settings: Settings | None = None, *, memory: bool = True,
                    embedded_model: str | None = None) -> Iterator[tuple[Deps, Endpoint]]:
    """Deps + a ready planner endpoint (the embedded server is started and stopped here)."""
    settings, studio = open_studio(settings)
    with open_memory(studio, enabled=memory) as store, \
            open_planner(settings, studio.cache, studio.logs, embedded_model=embedded_model) as ep:
        deps = Deps(settings=settings, studio=studio, memory=store, run_id=new_id("run-"))
        yield deps, ep


def with_memory(deps: Deps, store) -> Deps:
    return replace(deps, memory=store)
