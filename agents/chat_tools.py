"""The chat agent's tools: what the planner model may call while it talks with a person.

Every tool names shots by their **number** in the storyboard (1, 2, 3…), never by an id the model could
garble; jobs and clips are found from the shot number and the tier. A wrong number or a bad argument is a
``ModelRetry`` that says what exists; a call that is done and failed (ComfyUI down, a save that could not be
written, a refusal by a guardrail) raises ``ToolFailed``: the model reads why and tells the person, and the step
is recorded not ok. No tool deletes a file; every tool is bounded
(shots per storyboard, seconds of waiting, pixels of a crop). What the brief states explicitly (nobody in
frame, a tripod, a loop, words on a screen) is enforced on every shot a tool writes, whatever the model said.

Here: the list the chat agent is given (``CHAT_TOOLS``) and which tools it offers before there is a storyboard. The
storyboard's tools are in ``agents.chat_board_tools``, the clip's (render, wait, critique, crop, salvage, re-render)
in ``agents.chat_clip_tools``, the memory look-ups here and in ``agents.memory_tools``.
"""

from __future__ import annotations

from pydantic_ai import RunContext, Tool, ToolDefinition

from agents.chat_board_tools import add_variants, drop_shot, expand_brief, revise_shot, save_storyboard
from agents.chat_clip_tools import critique_clip, crop_frame, render_shot, rerender_shot, salvage_clip, wait_for_job
from agents.deps import Deps
from agents.memory_tools import recall_past_shots

__all__ = ["CHAT_TOOLS", "WITHOUT_STORYBOARD", "recall_lessons"]


async def recall_lessons(ctx: RunContext[Deps], topic: str) -> str:
    """Lessons learned from past renders that apply to a topic (what to avoid, what works).

    Args:
        topic: what the shot is about.
    """
    from agents.planner import recall

    lessons = recall(ctx.deps, topic)
    return "\n".join(f"- {ls.trigger}: {ls.effect}. Fix: {ls.fix}" for ls in lessons) or "no lessons yet"


#: the tools offered while there is no storyboard yet: every other tool works on one, so a model that has only a
#: brief sees the one tool that writes a storyboard (and the look-ups), not twelve it could not use yet
WITHOUT_STORYBOARD = frozenset({"expand_brief", "recall_lessons", "recall_past_shots"})


async def _when_storyboard(ctx: RunContext[Deps], tool_def: ToolDefinition) -> ToolDefinition | None:
    return tool_def if ctx.deps.workspace.storyboard is not None else None


CHAT_TOOLS = [fn if fn.__name__ in WITHOUT_STORYBOARD else Tool(fn, prepare=_when_storyboard)
              for fn in (expand_brief, revise_shot, add_variants, drop_shot, recall_lessons, recall_past_shots,
                         render_shot, wait_for_job, critique_clip, crop_frame, salvage_clip, rerender_shot,
                         save_storyboard)]
