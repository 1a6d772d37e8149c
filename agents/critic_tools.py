"""Planner tools for the critic's decisions: ``critique_clip``, ``salvage_clip``, ``rerender_shot``.

Plain async functions taking ``RunContext[Deps]``; the lead registers them on the planner agent.
Their docstrings are what the model sees. Arguments the model can fix raise ``ModelRetry``;
what went wrong at run time (an unreadable clip, a failed ffmpeg) comes back as data.

Which clip belongs to a shot: the newest ``done`` render job for that shot in the ledger, or
else the newest ``*.mp4`` in the studio whose name carries the shot id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_ai import ModelRetry, RunContext

from agents.deps import (
    Deps,  # pydantic-ai resolves the RunContext[Deps] annotations at registration
)
from nightreel.errors import NightreelError
from nightreel.schema import JobState, Shot, Verdict

__all__ = ["CritiqueResult", "clip_for_shot", "critique_clip", "critique_shot", "rerender_shot", "salvage_clip"]


class CritiqueResult(BaseModel):
    """What the planner sees of a verdict (the probes' raw numbers stay out of its context)."""

    shot_id: str
    clip: str | None = None
    verdict: str
    reasons: list[str] = []
    fix: str | None = None
    salvage: dict[str, Any] | None = None
    disagreements: list[str] = []
    sheet: str | None = None
    error: str | None = None
    description: str = ""           # the critic in words: the VLM's, or written from the probes and labelled so
    evidence: list[str] = []
    people_seen: list[str] | None = None   # the probes' person detections ("0.5–2.0 s"); None: the probes did not run

    @classmethod
    def of(cls, shot_id: str, clip: Path, v: Verdict, sheet: Path | None) -> CritiqueResult:
        return cls(shot_id=shot_id, clip=str(clip), verdict=v.verdict, reasons=v.reasons, fix=v.fix,
                   salvage=v.salvage, disagreements=v.disagreements,
                   sheet=str(sheet) if sheet and sheet.is_file() else None,
                   people_seen=None if v.probes is None else [f"{e.t_start:.1f}–{e.t_end:.1f} s" for e in v.probes.people])


def _shot(ctx: RunContext[Deps], shot_id: str) -> Shot:
    sb = ctx.deps.workspace.storyboard
    if sb is None:
        raise ModelRetry("there is no storyboard yet: draft one and render its shots first")
    try:
        return sb.shot(shot_id)
    except KeyError:
        raise ModelRetry(f"no shot {shot_id!r}; the shots are {', '.join(s.id for s in sb.shots)}") from None


def clip_for_shot(deps: Deps, shot_id: str) -> Path | None:
    """The newest rendered clip of a shot: from the ledger's done jobs, else by name under the studio."""
    if deps.ledger is not None:
        done = [j for j in deps.ledger.jobs(state=JobState.done) if j.shot_id == shot_id and j.clip_path]
        for j in sorted(done, key=lambda j: j.finished_at or j.created_at, reverse=True):
            if Path(j.clip_path).is_file():
                return Path(j.clip_path)
    found = [p for p in deps.studio.root.rglob(f"*{shot_id}*.mp4") if "salvaged" not in p.name]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


async def critique_clip(ctx: RunContext[Deps], shot_id: str) -> CritiqueResult:
    """Look at the rendered clip of a shot and judge it against the shot's expectations.

    The verdict rests on measured probes (people, camera move, motion, flicker, black/frozen frames,
    loop seam); a vision model's description, if one is configured, is cross-checked against them.

    Args:
        shot_id: the id of a shot in the current storyboard that has been rendered.

    Returns:
        verdict: accept (keep it), salvage (apply the plan with salvage_clip), rerender (call rerender_shot
        with the fix), or reject (drop it, or rerender with the fix if the shot matters); reasons with times
        and frame numbers; the fix; the salvage plan; a contact sheet PNG.
    """
    shot = _shot(ctx, shot_id)
    clip = clip_for_shot(ctx.deps, shot_id)
    if clip is None:
        raise ModelRetry(f"shot {shot_id} has no rendered clip yet: render it (and wait for the job) first")
    return await critique_shot(ctx.deps, shot, clip)


async def critique_shot(deps: Deps, shot: Shot, clip: Path, *, expectations_only: bool = False) -> CritiqueResult:
    """The critic on one clip of a shot: verdict, evidence, and the description in words the planner reads.

    `expectations_only`: judge on the shot's expectations, not its duration (a salvaged clip is meant to be shorter).
    """
    from agents.critic import critique
    from agents.describe import describe_verdict

    sheet = clip.with_suffix(".sheet.png")
    try:
        v = await critique(clip, shot.expectations if expectations_only else shot, settings=deps.settings,
                           studio=deps.studio, sheet_path=sheet, http_client=deps.vlm_http)
    except NightreelError as e:
        return CritiqueResult(shot_id=shot.id, clip=str(clip), verdict="reject", error=str(e),
                              reasons=[f"the critic could not read the clip: {e}"],
                              description=f"The critic could not read the clip: {e}")
    res = CritiqueResult.of(shot.id, clip, v, sheet)
    res.description = describe_verdict(v, shot.expectations)
    res.evidence = [f"{e.what} at {e.t_start:.1f}–{e.t_end:.1f} s (frames {e.frame_start}–{e.frame_end})"
                    + (f", box {list(e.box)}" if e.box else "") for e in v.evidence[:6]]
    return res


async def salvage_clip(ctx: RunContext[Deps], shot_id: str, plan: dict[str, Any]) -> CritiqueResult:
    """Apply a salvage plan to a shot's clip (crop, don't regenerate), then judge the result again.

    Args:
        shot_id: the id of the shot whose clip to salvage.
        plan: {"ops": [...]} with ops applied in order: {"op": "trim", "start_s": 0.0, "end_s": 2.5},
            {"op": "crop", "x": 0, "y": 0, "w": 640, "h": 352}, {"op": "pingpong"},
            {"op": "crossfade_loop", "fade_s": 0.5}, {"op": "web_optimise"}. Usually the plan critique_clip gave.

    Returns:
        The verdict on the salvaged clip (its path is in `clip`).
    """
    from agents.critic import critique
    from tools.media_ops import apply_plan

    shot = _shot(ctx, shot_id)
    clip = clip_for_shot(ctx.deps, shot_id)
    if clip is None:
        raise ModelRetry(f"shot {shot_id} has no rendered clip to salvage")
    if not isinstance(plan, dict) or not plan.get("ops"):
        raise ModelRetry('plan must be {"ops": [{"op": "trim", "start_s": 0, "end_s": 2.5}, ...]}')
    out = clip.with_name(f"{clip.stem}-salvaged.mp4")
    try:
        apply_plan(clip, plan, out, root=ctx.deps.studio.root)
    except NightreelError as e:
        if e.__class__.__name__ == "InputError":
            raise ModelRetry(f"the plan cannot be applied: {e}") from None
        return CritiqueResult(shot_id=shot_id, clip=str(clip), verdict="reject", error=str(e),
                              reasons=[f"salvage failed: {e}"])
    sheet = out.with_suffix(".sheet.png")
    # a salvaged clip is meant to differ in length: judge it on the shot's expectations, not its duration
    v = await critique(out, shot.expectations, settings=ctx.deps.settings, studio=ctx.deps.studio, sheet_path=sheet,
                       http_client=ctx.deps.vlm_http)
    return CritiqueResult.of(shot_id, out, v, sheet)


async def rerender_shot(ctx: RunContext[Deps], shot_id: str, fix: str, positive: str | None = None,
                        negative: str | None = None) -> dict[str, Any]:
    """Re-render a shot with a fix, on a new seed, replacing its clip when the job finishes.

    Args:
        shot_id: the id of the shot to re-render.
        fix: what changes and why, in one line (e.g. "remove gait words; describe a Steadicam glide").
        positive: the rewritten positive prompt with the fix applied (recommended); if omitted, the fix is
            appended to the current prompt.
        negative: a rewritten negative prompt, if the fix needs one (keep Wan's default negatives in it).

    Returns:
        The updated shot's prompt and the render job (job_id, state); wait for it, then critique_clip again.
    """
    from memory.lessons import lint_shot
    from agents.planner import active_lessons
    from agents.render_tools import render_shot

    shot = _shot(ctx, shot_id)
    if not fix.strip():
        raise ModelRetry("say what the fix is (e.g. 'remove gait words; describe a Steadicam glide')")
    new_pos = positive.strip() if positive and positive.strip() else f"{shot.positive.rstrip('. ')}. {fix.strip()}"
    fixed = shot.model_copy(update={"positive": new_pos, "negative": negative or shot.negative,
                                    "seed": (shot.seed + 1) % 2**32, "lint": [*shot.lint, f"rerender fix: {fix}"]})
    fixed = lint_shot(fixed, active_lessons(ctx.deps)).shot   # seeded, approved and tonight's proposals
    sb = ctx.deps.workspace.storyboard
    sb.shots = [fixed if s.id == shot_id else s for s in sb.shots]
    job = await render_shot(ctx, shot_id, tier="draft")
    return {"shot_id": shot_id, "positive": fixed.positive, "seed": fixed.seed, "job": job.model_dump()}
