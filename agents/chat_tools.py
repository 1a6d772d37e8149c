"""The chat agent's tools: what the planner model may call while it talks with a person.

Every tool names shots by their **number** in the storyboard (1, 2, 3…), never by an id the model could
garble; jobs and clips are found from the shot number and the tier. A wrong number or a bad argument is a
``ModelRetry`` that says what exists; a call that is done and failed (ComfyUI down, a save that could not be
written, a refusal by a guardrail) raises ``ToolFailed``: the model reads why and tells the person, and the step
is recorded not ok. No tool deletes a file; every tool is bounded
(shots per storyboard, seconds of waiting, pixels of a crop). What the brief states explicitly (nobody in
frame, a tripod, a loop, words on a screen) is enforced on every shot a tool writes, whatever the model said.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic_ai import ModelRetry, RunContext, Tool, ToolDefinition, ToolFailed, ToolReturn

import prompts

from agents.brief import apply_explicit, explicit_expectations
from agents.chat_guards import _act_key, _asked, _cuts_something, _is_a_prompt, _not_again
from agents.deps import By, Deps
from agents.night_agent import SalvageOp
from nightreel.boards import write_storyboard
from nightreel.errors import InputError, NightreelError
from nightreel.schema import Shot, Storyboard

__all__ = ["CHAT_TOOLS", "WITHOUT_STORYBOARD", "StepMeta", "critique_shot_number", "storyboard_summary",
           "wait_for_shot"]


@dataclass(frozen=True)
class StepMeta:
    """What a tool tells the chat about its step beside its result (pydantic-ai ToolReturn.metadata; the model does
    not see it): who made it — the model's call, or a rule's substitute for it."""

    by: By = "agent"


def storyboard_summary(sb: Storyboard | None) -> str:
    """The storyboard as the model sees it at the start of every turn: short, numbered."""
    if sb is None:
        return prompts.load("chat_no_storyboard").strip()
    lines = [f"Storyboard {sb.title!r} for the brief {sb.brief.idea[:300]!r}, {len(sb.shots)} shot(s):"]
    for i, s in enumerate(sb.shots, 1):
        e = s.expectations
        lines.append(f"{i}. {s.title} — {s.duration_s:g} s {s.target}; people {e.people}, camera {e.camera}, "
                     f"motion {e.motion}{', loops' if e.loopable else ''}; prompt: {s.positive[:160]}")
    return "\n".join(lines)


def _sb(deps: Deps) -> Storyboard:
    sb = deps.workspace.storyboard
    if sb is None:
        raise ModelRetry("there is no storyboard yet: call expand_brief with the person's idea first")
    return sb


def _shot(deps: Deps, shot: int) -> tuple[Storyboard, Shot]:
    sb = _sb(deps)
    if not isinstance(shot, int) or not 1 <= shot <= len(sb.shots):
        raise ModelRetry(f"there is no shot {shot}: the storyboard has shots 1 to {len(sb.shots)}")
    return sb, sb.shots[shot - 1]


def _set(deps: Deps, sb: Storyboard) -> None:
    deps.workspace.storyboard = sb


async def _render_deps(deps: Deps) -> Deps | None:
    """Deps with a ledger and a ComfyUI pool: this run's, or opened on the first render of the session."""
    ws = deps.workspace
    if deps.comfy is not None and deps.ledger is not None:
        return deps
    if ws.render_deps is None and ws.render_opener is not None:
        ws.render_deps = await ws.render_opener()
    return ws.render_deps


# -- the storyboard ---------------------------------------------------------------------------------


async def expand_brief(ctx: RunContext[Deps], idea: str, shots: int = 0) -> ToolReturn:
    """Turn the person's idea into a new storyboard of shots: any line that describes a video, in any language.
    Call it first whenever there is no storyboard yet (it replaces the current one).

    Args:
        idea: the person's idea, in their own words (copy their line).
        shots: how many shots, when the person says (0 = the default).
    """
    from agents.expand import expansion

    st = ctx.deps.settings
    n = shots or st.default_shots
    if not 1 <= n <= min(st.max_shots, 12):
        raise ModelRetry(f"shots must be between 1 and {min(st.max_shots, 12)}")
    ws = ctx.deps.workspace
    project = ws.storyboard.brief.project if ws.storyboard else "default"
    try:
        done = await expansion(idea, ctx.deps, ws.planner, n_shots=n, project=project, model=ws.draft_model)
    except InputError as e:
        raise ModelRetry(str(e)) from None
    sb = done.storyboard
    _set(ctx.deps, sb)
    if done.rung == "rules":   # no answer of the planner's was usable: the shots are the rules', and the step says so
        return ToolReturn("Done, from the rules: the planner's drafts were unusable, so these are the brief's minimal "
                          "shots. " + storyboard_summary(sb), metadata=StepMeta(by="rule"))
    return ToolReturn("Done. " + storyboard_summary(sb), metadata=StepMeta(by="agent"))


def _apply_rules(shot: Shot, brief: str, instruction: str = "", *, lessons=None) -> Shot:
    """The brief's (and the instruction's) stated constraints, then the lint with `lessons` (the active ones:
    seeded, approved and tonight's proposals, ``agents.planner.active_lessons``): the same as chat's edits."""
    from memory.lessons import lint_shot

    explicit = {**explicit_expectations(brief), **(explicit_expectations(instruction) if instruction else {})}
    return lint_shot(apply_explicit(shot, explicit), lessons).shot


async def revise_shot(ctx: RunContext[Deps], shot: int, instruction: str) -> str:
    """Change one shot as the person asked (camera, light, people, loop, prompt…); other shots stay.

    Args:
        shot: the shot's number (1 = first).
        instruction: the change, in the person's words, e.g. "a locked tripod" or "make it rain".
    """
    from agents.chat_edits import edit_shots

    sb, target = _shot(ctx.deps, shot)
    if not instruction.strip():
        raise ModelRetry("say what to change in the shot")
    ws = ctx.deps.workspace
    # what the person's own line states for the shot it names is carried out even if the instruction left it out
    stated = explicit_expectations(ws.line) if target.id in ws.named_shots else {}
    edit = await edit_shots(ctx.deps, ws.planner, sb, [shot], instruction, model=ws.draft_model, stated=stated)
    _set(ctx.deps, edit.storyboard)
    s = edit.storyboard.shots[shot - 1]
    e = s.expectations
    done = (f"Shot {shot} is now: {s.title}; camera {s.camera!r} (expects {e.camera}); people {e.people}; "
            f"prompt: {s.positive[:300]}")
    if edit.not_done:
        ws.notes.append(f"Shot {shot}: {edit.not_done}.")
        done += f"\nNot done: {edit.not_done}."
    return done


async def add_variants(ctx: RunContext[Deps], shot: int, count: int = 1) -> str:
    """Add variants of a shot right after it.

    Args:
        shot: the shot's number.
        count: how many variants (1 to 4).
    """
    from agents.chat_edits import variants_of

    sb, _ = _shot(ctx.deps, shot)
    if not 1 <= count <= 4:
        raise ModelRetry("count must be between 1 and 4")
    if len(sb.shots) + count > ctx.deps.settings.max_shots:
        raise ModelRetry(f"a storyboard holds at most {ctx.deps.settings.max_shots} shots")
    ws = ctx.deps.workspace
    new, added = await variants_of(ctx.deps, ws.planner, sb, shot, count, model=ws.draft_model)
    _set(ctx.deps, new)
    return f"Added {len(added)} variant(s) after shot {shot}. " + storyboard_summary(new)


async def drop_shot(ctx: RunContext[Deps], shot: int) -> str:
    """Remove a shot from the storyboard (its renders stay on disk), when the person names the shot to drop.

    Args:
        shot: the shot's number.
    """
    sb, s = _shot(ctx.deps, shot)
    ws = ctx.deps.workspace
    if ws.line and s.id not in ws.named_shots:
        # a guardrail: a model that reads "delete the output folder" as "drop a shot" loses nobody's shot
        raise ToolFailed(f"Not dropped: a shot is dropped only when it is named (\"drop shot {shot}\"), and nothing "
                         "in this chat deletes files. The storyboard is unchanged.")
    if len(sb.shots) == 1:
        raise ModelRetry("that is the only shot: a storyboard keeps at least one")
    _set(ctx.deps, sb.model_copy(update={"shots": [s for i, s in enumerate(sb.shots, 1) if i != shot]}))
    return f"Dropped shot {shot}. " + storyboard_summary(ctx.deps.workspace.storyboard)


_ASKS_TO_SAVE = re.compile(r"\b(save|saved|keep|store|write|export|sauvegarde\w*|enregistre\w*|guarda\w*|speicher\w*|"
                           r"salva\w*)\b", re.IGNORECASE)


async def save_storyboard(ctx: RunContext[Deps], path: str = "") -> str:
    """Save the storyboard (storyboard.json + storyboard.md) so `nightreel render` can use it.

    Args:
        path: a folder; empty = the studio's project folder.
    """
    sb = _sb(ctx.deps)
    ws, studio = ctx.deps.workspace, ctx.deps.studio
    if ws.line and not _ASKS_TO_SAVE.search(ws.line):   # a guardrail: nothing is saved that the person did not ask for
        raise ToolFailed("Not saved: the person did not ask to save; the storyboard stays in this chat until they do.")
    if not path.strip():
        dest = studio.project_dir(sb.brief.project) / "storyboards" / sb.id
    elif ws.save_anywhere and path.strip() in ws.line:   # a path the person typed is theirs
        dest = Path(path.strip()).expanduser()
    else:
        try:
            dest = studio.inside(path.strip())
        except NightreelError as e:
            raise ModelRetry(f"{e}; save with an empty path (the studio's project folder)") from None
    try:
        write_storyboard(sb, dest, "md")
    except (OSError, NightreelError) as e:
        raise ToolFailed(f"could not save: {e}") from None
    ws.saved_to = dest / "storyboard.json"
    return f"Saved {len(sb.shots)} shots to {dest / 'storyboard.json'}"


# -- renders, the critic, salvage ---------------------------------------------------------------------


async def render_shot(ctx: RunContext[Deps], shot: int, tier: Literal["draft", "final"] = "draft") -> str:
    """Start rendering one shot on ComfyUI; then call wait_for_job with the same shot number.

    Args:
        shot: the shot's number.
        tier: "draft" (quick preview) or "final" (Wan 2.2).
    """
    _, s = _shot(ctx.deps, shot)
    _asked(ctx.deps, "render", shot)
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


async def recall_lessons(ctx: RunContext[Deps], topic: str) -> str:
    """Lessons learned from past renders that apply to a topic (what to avoid, what works).

    Args:
        topic: what the shot is about.
    """
    from agents.planner import recall

    lessons = recall(ctx.deps, topic)
    return "\n".join(f"- {ls.trigger}: {ls.effect}. Fix: {ls.fix}" for ls in lessons) or "no lessons yet"


from agents.memory_tools import recall_past_shots  # noqa: E402  (memory's tool, written with the others' rules)

#: the tools offered while there is no storyboard yet: every other tool works on one, so a model that has only a
#: brief sees the one tool that writes a storyboard (and the look-ups), not twelve it could not use yet
WITHOUT_STORYBOARD = frozenset({"expand_brief", "recall_lessons", "recall_past_shots"})


async def _when_storyboard(ctx: RunContext[Deps], tool_def: ToolDefinition) -> ToolDefinition | None:
    return tool_def if ctx.deps.workspace.storyboard is not None else None


CHAT_TOOLS = [fn if fn.__name__ in WITHOUT_STORYBOARD else Tool(fn, prepare=_when_storyboard)
              for fn in (expand_brief, revise_shot, add_variants, drop_shot, recall_lessons, recall_past_shots,
                         render_shot, wait_for_job, critique_clip, crop_frame, salvage_clip, rerender_shot,
                         save_storyboard)]
