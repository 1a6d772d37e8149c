"""The critic for the agents' tools: plain functions that take ``deps`` (the chat's ``critique_clip`` and
``salvage_clip`` in ``agents.chat_clip_tools``, and the rules, call them). What went wrong at run time (an unreadable
clip) comes back as data: a ``CritiqueResult`` with ``error``.

Which clip belongs to a shot: the newest ``done`` render job for that shot in the ledger, or
else the newest ``*.mp4`` in the studio whose name carries the shot id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from agents.deps import Deps
from nightreel.errors import NightreelError
from nightreel.schema import JobState, Shot, Verdict

__all__ = ["CritiqueResult", "clip_for_shot", "critique_shot"]


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


def clip_for_shot(deps: Deps, shot_id: str) -> Path | None:
    """The newest rendered clip of a shot: from the ledger's done jobs, else by name under the studio."""
    if deps.ledger is not None:
        done = [j for j in deps.ledger.jobs(state=JobState.done) if j.shot_id == shot_id and j.clip_path]
        for j in sorted(done, key=lambda j: j.finished_at or j.created_at, reverse=True):
            if Path(j.clip_path).is_file():
                return Path(j.clip_path)
    found = [p for p in deps.studio.root.rglob(f"*{shot_id}*.mp4") if "salvaged" not in p.name]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


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
