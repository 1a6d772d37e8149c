"""Agent tools over memory's outcomes: ``recall_past_shots``.

A plain async function taking ``RunContext[Deps]``; the lead registers it on the chat agent (and on
any planner that can call tools). Its docstring is what the model reads. The work is
:func:`memory.recall.recall_past_shots`; this wrapper picks the budget, leaves out the shots the
conversation is rewriting, and turns a memory failure into a line the model can read.
"""

from __future__ import annotations

import asyncio

from pydantic_ai import ModelRetry, RunContext

from agents.deps import (
    Deps,  # pydantic-ai resolves the RunContext[Deps] annotations at registration
)
from memory.recall import recall_past_shots as _recall
from nightreel.errors import MemoryStoreError

__all__ = ["TOOL_MAX_TOKENS", "recall_past_shots"]

#: what one call may add to the model's context (estimated tokens)
TOOL_MAX_TOKENS = 600


async def recall_past_shots(ctx: RunContext[Deps], topic: str) -> str:
    """Recall past shots from this studio that are like a topic, and what became of them.

    Use it before writing or rewriting a shot's prompt: accepted prompts are examples to build on;
    rejected ones come with the critic's reason and the person's review note, so you can avoid
    what went wrong ("a person appeared", "the steam looks like smoke"). The shots you are
    rewriting now are never returned.

    Args:
        topic: what the shot is about, in words, or the prompt you are about to write,
            e.g. "slow glide down an empty hallway at night, rain on the windows".

    Returns:
        A short list of past prompts, accepted first then rejected, each with its verdict, the
        critic's reasons and the person's note; "no past shots like this yet" when memory has none.
    """
    if not topic or not topic.strip():
        raise ModelRetry("topic is empty: say what the shot is about, in a few words")
    store = ctx.deps.memory
    if store is None or not hasattr(store, "similar_outcomes_scored"):
        return "no memory in this session: no past shots to recall"
    sb = ctx.deps.workspace.storyboard
    rewriting = [s.positive for s in sb.shots] if sb is not None else []
    budget = TOOL_MAX_TOKENS
    try:
        # the search embeds the topic (CPU) and reads SQLite: off the event loop
        found = await asyncio.to_thread(_recall, store, topic.strip()[:2000], max_tokens=budget, exclude=rewriting)
    except MemoryStoreError as e:
        return f"memory could not be searched: {e}"
    return found.text or "no past shots like this yet"
