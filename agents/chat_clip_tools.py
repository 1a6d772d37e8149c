"""The chat's clip tools: render a shot, wait for its render, have the critic judge the clip, crop a start image
from a frame, salvage the clip with the pixels it has, render again with a changed prompt. Each guards its act (asked
for in the person's line, not done twice in a turn, re-renders capped per shot); the work is in
``agents.render_tools`` and ``agents.critic_tools``. ``wait_for_shot`` and ``critique_shot_number`` are the plain
functions on ``deps`` behind ``wait_for_job`` and ``critique_clip`` (the rules call them too); ``start_shot_render``
is ``render_shot``'s work past its guardrails (``rerender_shot`` calls it too).
"""

from __future__ import annotations

import asyncio
from typing import Literal

from pydantic_ai import ModelRetry, RunContext, ToolFailed

from agents.brief import apply_explicit, explicit_expectations
from agents.chat_board_tools import _set, _shot
from agents.chat_guards import _act_key, _asked, _cuts_something, _is_a_prompt, _not_again, _tier_asked
from agents.deps import Deps
from agents.night_agent import SalvageOp
from nightreel.errors import InputError, NightreelError
from nightreel.schema import Shot

__all__ = ["WAIT_S", "critique_clip", "critique_shot_number", "crop_frame", "render_shot", "rerender_shot",
           "salvage_clip", "start_shot_render", "wait_for_job", "wait_for_shot"]


async def _render_deps(deps: Deps) -> Deps | None:
    """Deps with a ledger and a ComfyUI pool: this run's, or opened on the first render of the session."""
    ws = deps.workspace
    if deps.comfy is not None and deps.ledger is not None:
        return deps
    if ws.render_deps is None and ws.render_opener is not None:
        ws.render_deps = await ws.render_opener()
    return ws.render_deps


def _apply_rules(shot: Shot, brief: str, instruction: str = "", *, lessons=None) -> Shot:
    """The brief's (and the instruction's) stated constraints, then the lint with `lessons` (the active ones:
    seeded, approved and tonight's proposals, ``agents.planner.active_lessons``): the same as chat's edits."""
    from memory.lessons import lint_shot

    explicit = {**explicit_expectations(brief), **(explicit_expectations(instruction) if instruction else {})}
    return lint_shot(apply_explicit(shot, explicit), lessons).shot


async def render_shot(ctx: RunContext[Deps], shot: int, tier: Literal["draft", "final"] = "draft") -> str:
    """Start rendering one shot on ComfyUI; then call wait_for_job with the same shot number.

    Args:
        shot: the shot's number.
        tier: "draft" (quick preview) or "final" (Wan 2.2).
    """
    _, s = _shot(ctx.deps, shot)
    _asked(ctx.deps, "render", shot)
    _tier_asked(ctx.deps, tier)
    key = _act_key("render_shot", shot=s.id, tier=tier, seed=s.seed, positive=s.positive)
    _not_again(ctx.deps, key)
    started = await start_shot_render(ctx.deps, shot, tier)
    ctx.deps.workspace.acts.add(key)
    return started


async def start_shot_render(deps: Deps, shot: int, tier: Literal["draft", "final"] = "draft") -> str:
    """render_shot's work on `deps` (re-render calls it too, past the guardrails it has passed itself)."""
    from agents.render_tools import start_render

    sb, s = _shot(deps, shot)
    rdeps = await _render_deps(deps)
    if rdeps is None:
        raise ToolFailed("Rendering is not available in this session (no ComfyUI).")
    try:
        job = start_render(rdeps, sb, s, tier)
    except NightreelError as e:
        raise ToolFailed(f"ComfyUI could not start the render: {e}") from None
    if job.error and not job.job_id:
        raise ToolFailed(f"Could not render shot {shot}: {job.error}")
    deps.workspace.jobs[(s.id, tier)] = job.job_id
    if job.state == "done":
        return f"Shot {shot} already has a {tier} clip: {job.clip_path}. Next: critique_clip(shot={shot})."
    return f"Rendering shot {shot} as a {tier} (job {job.job_id}, {job.state}). Next: wait_for_job(shot={shot})."


WAIT_S = 600.0   # wait_for_job's default: the longest a chat turn waits for a render unless the model asks longer


async def wait_for_job(ctx: RunContext[Deps], shot: int, tier: Literal["draft", "final"] = "draft",
                       timeout_s: float = WAIT_S) -> str:
    """Wait until the render of a shot is finished (or timeout_s seconds pass; the render goes on).

    Args:
        shot: the shot's number.
        tier: "draft" or "final", as it was rendered.
        timeout_s: the longest wait in seconds (at most 3600).
    """
    return await wait_for_shot(ctx.deps, shot, tier, timeout_s)


async def wait_for_shot(deps: Deps, shot: int, tier: Literal["draft", "final"] = "draft",
                        timeout_s: float = WAIT_S) -> str:
    """wait_for_job's work on `deps` (the rules call it too): the render this chat started for the shot at `tier`."""
    from agents.render_tools import wait_job

    _, s = _shot(deps, shot)
    job_id = deps.workspace.jobs.get((s.id, tier))
    if job_id is None:
        raise ModelRetry(f"shot {shot} has no {tier} render in this chat: call render_shot(shot={shot}) first")
    rdeps = await _render_deps(deps)
    if rdeps is None or rdeps.ledger is None:
        raise ToolFailed("Rendering is not available in this session (no ComfyUI), so there is no render to wait for.")
    job = await wait_job(rdeps, job_id, max(1.0, min(timeout_s, 3600.0)))
    if job.state == "done":
        if job.retrieved:  # the footage stand-in: the clip is real footage retrieved for the shot, not made from it
            return (f"Shot {shot} {tier} is done: {job.clip_path}, a {job.retrieved} — not a render of this shot. "
                    f"Next: critique_clip(shot={shot}).")
        return f"Shot {shot} {tier} is rendered: {job.clip_path}. Next: critique_clip(shot={shot})."
    if job.state == "failed":
        raise ToolFailed(f"The render of shot {shot} failed: {job.error}")
    return f"Shot {shot} is still {job.state} after {timeout_s:g} s; it keeps rendering."


async def critique_clip(ctx: RunContext[Deps], shot: int) -> str:
    """Have the critic look at the newest clip of a shot: verdict, evidence with times, and what it saw.

    Args:
        shot: the shot's number.
    """
    return await critique_shot_number(ctx.deps, shot)


async def critique_shot_number(deps: Deps, shot: int) -> str:
    """critique_clip's work on `deps` (the rules call it too); the critique is kept on the workspace for the reply."""
    from agents.critic_tools import clip_for_shot, critique_shot

    _, s = _shot(deps, shot)
    rdeps = await _render_deps(deps) or deps
    clip = clip_for_shot(rdeps, s.id)
    if clip is None:
        raise ModelRetry(f"shot {shot} has no rendered clip yet: render_shot then wait_for_job first")
    res = await critique_shot(rdeps, s, clip)
    deps.workspace.critiques.append((shot, res))    # the reply carries the verdict whatever the model says
    if res.error:
        raise ToolFailed(f"The critic could not look at clip {clip.name}: {res.error}")
    ev = ("\nEvidence: " + "; ".join(res.evidence)) if res.evidence else ""
    return f"Clip {clip.name}.\n{res.description}{ev}"


async def crop_frame(ctx: RunContext[Deps], shot: int, x: int, y: int, w: int, h: int, t: float = 0.0,
                     size: int = 1280) -> str:
    """Cut a tighter start image for a shot from its clip's frame (crop, don't regenerate).

    Args:
        shot: the shot's number; its newest clip (or its start image) is the source.
        x: left edge of the box in pixels.
        y: top edge of the box in pixels.
        w: width of the box in pixels.
        h: height of the box in pixels.
        t: the time in seconds of the frame to cut from.
        size: width in pixels of the new image.
    """
    from agents.critic_tools import clip_for_shot
    from agents.render_tools import crop_to_start_image

    sb, s = _shot(ctx.deps, shot)
    deps = await _render_deps(ctx.deps) or ctx.deps
    src = clip_for_shot(deps, s.id)
    if src is None and s.start_image:
        try:
            src = ctx.deps.studio.inside(s.start_image)
        except NightreelError:
            src = None
    if src is None or not src.is_file():
        raise ModelRetry(f"shot {shot} has no clip or start image to crop from: render it first")
    if not 64 <= size <= 4096:
        raise ModelRetry("size must be between 64 and 4096 pixels")
    key = _act_key("crop_frame", shot=s.id, src=str(src), box=[x, y, w, h], t=t, size=size)
    _not_again(ctx.deps, key)
    rel = await crop_to_start_image(ctx.deps.studio, src, x, y, w, h, size=size, t=max(0.0, t))
    ctx.deps.workspace.acts.add(key)
    cropped = s.model_copy(update={"start_image": rel})   # a new shot: the board before the crop is left as it was
    _set(ctx.deps, sb.model_copy(update={"shots": [cropped if o.id == s.id else o for o in sb.shots]}))
    return f"Shot {shot} now starts from the cropped image {rel}."


async def salvage_clip(ctx: RunContext[Deps], shot: int, ops: list[SalvageOp]) -> str:
    """Fix a shot's clip with the pixels it has (trim, crop, ping-pong, crossfade), then judge it again.

    Args:
        shot: the shot's number.
        ops: the steps in order, e.g. [{"op": "trim", "start_s": 0, "end_s": 2.5}].
    """
    from agents.critic_tools import clip_for_shot, critique_shot
    from tools.media_ops import apply_plan

    _, s = _shot(ctx.deps, shot)
    if not ops:
        raise ModelRetry('give at least one op, e.g. [{"op": "trim", "start_s": 0, "end_s": 2.5}]')
    _asked(ctx.deps, "salvage", shot)
    deps = await _render_deps(ctx.deps) or ctx.deps
    clip = clip_for_shot(deps, s.id)
    if clip is None:
        raise ModelRetry(f"shot {shot} has no rendered clip to salvage")
    key = _act_key("salvage_clip", clip=str(clip), ops=[op.as_plan_op() for op in ops])
    _not_again(ctx.deps, key)
    await asyncio.to_thread(_cuts_something, clip, ops, root=ctx.deps.studio.root)
    out = clip.with_name(f"{clip.stem}-salvaged.mp4")
    try:
        apply_plan(clip, {"ops": [op.as_plan_op() for op in ops]}, out, root=ctx.deps.studio.root)
    except InputError as e:
        raise ModelRetry(f"the ops cannot be applied to this clip: {e}") from None
    except NightreelError as e:
        raise ToolFailed(f"salvage failed: {e}") from None
    ctx.deps.workspace.acts.add(key)
    res = await critique_shot(deps, s, out, expectations_only=True)
    return f"Salvaged clip {out.name}.\n{res.description}"


async def rerender_shot(ctx: RunContext[Deps], shot: int, change: str, positive: str = "") -> str:
    """Render a shot again on a new seed with a changed prompt; then wait_for_job and critique_clip.

    Args:
        shot: the shot's number.
        change: what changes and why, in one line.
        positive: the full rewritten prompt (optional; else the change is appended to the prompt).
    """
    sb, s = _shot(ctx.deps, shot)
    if not change.strip():
        raise ModelRetry("say what changes, e.g. 'no footsteps; describe a Steadicam glide'")
    _asked(ctx.deps, "rerender", shot)
    if positive.strip() and not _is_a_prompt(positive, s):
        raise ModelRetry("positive must be the shot's whole prompt rewritten (the scene in words, as in the "
                         f"storyboard: {s.positive[:120]!r}…), not tool calls or results; or leave it empty")
    key = _act_key("rerender_shot", shot=s.id, change=change.strip(), positive=positive.strip())
    _not_again(ctx.deps, key)
    cap, done = ctx.deps.settings.chat_max_rerenders, ctx.deps.workspace.rerenders
    if done.get(s.id, 0) >= cap:
        raise ToolFailed(f"Not rendered: shot {shot} was already re-rendered {cap} times (the limit per shot; failed "
                         "attempts count too, so a model cannot loop on a server that is down). "
                         "Tell the person what the critic found and ask how to go on.")
    done[s.id] = done.get(s.id, 0) + 1
    new_pos = positive.strip() or f"{s.positive.rstrip('. ')}. {change.strip()}"
    fixed = s.model_copy(update={"positive": new_pos, "seed": (s.seed + 1) % 2**32,
                                 "lint": [*s.lint, f"re-render: {change.strip()[:200]}"]})
    from agents.planner import active_lessons

    fixed = _apply_rules(fixed, sb.brief.idea, lessons=active_lessons(ctx.deps))
    _set(ctx.deps, sb.model_copy(update={"shots": [fixed if x.id == s.id else x for x in sb.shots]}))
    try:
        started = await start_shot_render(ctx.deps, shot, "draft")
    except (ToolFailed, ModelRetry):
        _set(ctx.deps, sb)                  # not rendered: the shot stays as it was (the attempt still counts)
        raise
    ctx.deps.workspace.acts.add(key)
    return f"Shot {shot} prompt is now: {fixed.positive[:300]}\n{started}"
