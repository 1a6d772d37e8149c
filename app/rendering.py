"""What a render needs, opened together: ComfyUI URLs (embedded when none are configured), the pool,
the ledger, the footage index (its embedder, the memory's MiniLM, wired here where both floors are
visible), and Deps carrying them. The CLI, the night agent and the demo all render through this."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace

import httpx

from agents.deps import Deps
from agents.wanted import describes_person, wanted_text
from memory.embeddings import minilm_embedding_function
from nightreel.config import Settings, load_settings
from nightreel.ledger import Ledger
from nightreel.schema import new_id
from nightreel.studio import Studio
from tools.comfy.embedded import comfy_servers
from tools.comfy.pool import ComfyPool
from tools.footage import FootageIndex

__all__ = ["footage_index", "render_session"]


@contextlib.asynccontextmanager
async def render_session(settings: Settings | None = None, studio: Studio | None = None,
                         deps: Deps | None = None, *, depth: int = 2) -> AsyncIterator[Deps]:
    """Deps with `.ledger` and `.comfy` (a ComfyPool) ready; the embedded ComfyUI is started (in a
    thread) when `settings.comfy_urls` is empty and no embedded server is running, and stopped after."""
    settings = settings or (deps.settings if deps else load_settings())
    studio = studio or (deps.studio if deps else Studio.open(settings.studio))
    servers = comfy_servers(settings, studio)
    urls = await _enter_in_thread(servers)
    try:
        with Ledger.open(studio) as ledger:
            async with httpx.AsyncClient(timeout=settings.comfy_timeout_s) as http:
                async with ComfyPool(urls, http, depth=depth, timeout_s=settings.comfy_timeout_s,
                                     retries=settings.comfy_retries) as pool:
                    pool.model_free = not settings.comfy_urls
                    base = deps or Deps(settings=settings, studio=studio, run_id=new_id("run-"))
                    footage = base.footage or footage_index(studio)
                    yield replace(base, ledger=ledger, comfy=pool, http=base.http or http, footage=footage)
    finally:
        import asyncio

        await asyncio.to_thread(servers.__exit__, None, None, None)


async def _enter_in_thread(cm) -> list[str]:
    import asyncio

    return await asyncio.to_thread(cm.__enter__)


def footage_index(studio: Studio) -> FootageIndex:
    """The footage index under the studio's cache, embedding with the memory's MiniLM (loaded on first use) what a
    shot's prompt wants to see (its negations taken out) and preferring clips that agree with the shot on people."""
    return FootageIndex(studio.cache / "footage", minilm_embedding_function(), wanted=wanted_text,
                        shows_person=describes_person)
