"""A person's morning decisions: promote, reject or re-queue a clip with a note.

Each decision is recorded in the night store (``night_reviews``) and fed to memory as an
``Outcome`` (promote = accept, reject = reject, requeue = rerender) carrying the person's note
whole in ``note`` (embedded with the prompt, so recall finds shots by what the person said, and
quoted in the evidence of the lessons learning draws from them), the clip and the storyboard;
promote and requeue also add the item the next night renders (a final at full quality, or a
new draft with the note as the fix), ahead of the night's own finals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import structlog

from app.night_store import Item, NightStore, Review
from nightreel.errors import InputError, NightreelError
from nightreel.schema import Lesson, Outcome

log = structlog.get_logger()

__all__ = [
    "REVIEWER_SCORE",
    "Action",
    "Proposal",
    "decide_proposal",
    "pending_proposals",
    "review_item",
    "review_proposals",
    "short_evidence",
    "studio_proposals",
]

Action = Literal["promote", "reject", "requeue"]
#: a person's promotion ranks above every final the night proposes by itself
REVIEWER_SCORE = 2.0
_OUTCOME = {"promote": "accept", "reject": "reject", "requeue": "rerender"}
#: the reason learning groups a person's decisions under (their own words are the note)
_REASON = {"promote": [], "reject": ["rejected by the reviewer"], "requeue": ["re-queued by the reviewer"]}


def _find(store: NightStore, item_id: str) -> Item:
    try:
        return store.item(item_id)
    except KeyError:
        near = [i.id for i in store.items() if item_id in i.id][:5]
        hint = f"; did you mean {', '.join(near)}?" if near else "; `nightreel review` lists them"
        raise InputError(f"no clip {item_id!r} in the dailies{hint}") from None


def review_item(store: NightStore, item_id: str, action: str, note: str = "", *, memory: Any = None) -> Review:
    """Record a decision on an item; returns the Review. Raises InputError for an unknown id or action."""
    if action not in _OUTCOME:
        raise InputError(f"action must be promote, reject or requeue, got {action!r}")
    it = _find(store, item_id)
    if it.state not in ("done", "dropped"):
        raise InputError(f"{item_id} is still {it.state}; review it once the night has judged it")
    n = len(store.reviews(it.id)) + 1
    follow: Item | None = None
    if action == "promote":
        follow = Item(id=f"{it.id}-promoted{n}", project=it.project, note_hash=it.note_hash,
                      storyboard_id=it.storyboard_id, shot_id=it.shot_id, shot=it.shot, tier="final",
                      parent_id=it.id, score=REVIEWER_SCORE, tried=[f"promoted by the reviewer{': ' + note if note else ''}"])
    elif action == "requeue":
        shot = it.shot
        if note:
            shot = shot.model_copy(update={"positive": f"{shot.positive.rstrip('. ')}. {note.strip()}",
                                           "seed": (shot.seed + 1) % 2**32})
        follow = Item(id=f"{it.id}-requeued{n}", project=it.project, note_hash=it.note_hash,
                      storyboard_id=it.storyboard_id, shot_id=it.shot_id, shot=shot, tier=it.tier,
                      round=it.round + 1, parent_id=it.id, tried=[f"re-queued by the reviewer{': ' + note if note else ''}"])
    rv = store.add_review(it.id, action, note, follow_up=follow)
    if memory is not None and hasattr(memory, "record_outcome"):
        try:
            memory.record_outcome(Outcome(
                shot_id=it.shot.id, project=it.project, prompt=it.shot.positive, negative=it.shot.negative,
                target=it.tier, expectations=it.shot.expectations, verdict=_OUTCOME[action],  # type: ignore[arg-type]
                reasons=list(_REASON[action]), note=note.strip(), clip=it.clip_path, storyboard_id=it.storyboard_id,
                lessons_applied=it.shot.lessons_applied, params={"item": it.id, "source": "review"}))
        except NightreelError as e:
            log.warning("review.memory_failed", item=it.id, error=str(e))
    log.info("review", item=it.id, action=action)
    return rv


# ---- lessons learned overnight: shown at the top of the dailies and in `nightreel review` ------------

@dataclass
class Proposal:
    """A proposed lesson waiting for the person: approve (applied from the next storyboard on) or dismiss."""

    lesson: Lesson
    tonight: str  # "new" | "confirmed" | "" (proposed on an earlier night)
    line: str

    @property
    def id(self) -> str:
        return self.lesson.id


def short_evidence(ls: Lesson) -> str:
    """"'footsteps' appeared in 7 of 8 shots rejected for an unexpected person, 0 of 21 accepted"."""
    c = ls.counts
    if {"rejected_with", "rejected", "accepted_with", "accepted"} <= c.keys() and ls.words:
        why = ls.effect.removeprefix("shots get rejected for ").strip()
        return (f"'{ls.words[0]}' appeared in {c['rejected_with']} of {c['rejected']} shots rejected for {why}, "
                f"{c['accepted_with']} of {c['accepted']} accepted")
    return ls.evidence or ls.trigger


def pending_proposals(memory: Any) -> list[Proposal]:
    """The proposed lessons not yet approved or dismissed, those learned or confirmed by the last learning
    run first. Returns [] when there is no memory."""
    if memory is None or not hasattr(memory, "list_lessons"):
        return []
    log_ = memory.learning_log() if hasattr(memory, "learning_log") else []
    # the last night's learning runs (it learns after every few judged clips, and at its end)
    last = [e for e in log_ if log_ and e.get("run_id") == log_[-1].get("run_id")] if log_ else []
    new = {i for e in last for i in e.get("new", [])}
    confirmed = {i for e in last for i in e.get("confirmed", [])} - new
    applied_tonight = {i for e in last for i in e.get("applied_tonight", [])}
    props = []
    for ls in memory.list_lessons("proposed"):
        tonight = "new" if ls.id in new else "confirmed" if ls.id in confirmed else ""
        label = {"new": "learned tonight", "confirmed": "confirmed tonight"}.get(tonight, "still proposed")
        applied = (" — applied without approval after "
                   f"{ls.times_confirmed} confirmations") if memory._confirmed(ls) else (
            " — applied to the rest of the night as a proposal; approve it to keep it"
            if ls.id in applied_tonight else "")
        props.append(Proposal(ls, tonight, f"{label}: {short_evidence(ls)}{applied}"))
    order = {"new": 0, "confirmed": 1, "": 2}
    return sorted(props, key=lambda p: (order[p.tonight], -p.lesson.counts.get("rejected_with", 0), p.id))


def studio_proposals(studio: Any) -> list[Proposal]:
    """:func:`pending_proposals` of a studio's memory, opened and closed here; [] (logged) when the memory
    cannot be opened, so the dailies are written anyway."""
    if not (studio.memory_dir / "chroma.sqlite3").is_file():
        return []
    from memory.store import MemoryStore

    try:
        with MemoryStore.open(studio, seed=False, lock_timeout=5) as memory:
            return pending_proposals(memory)
    except NightreelError as e:
        log.warning("dailies.proposals_unavailable", error=str(e))
        return []


def decide_proposal(memory: Any, lesson_id: str, action: str) -> Lesson:
    """approve (the lint and the planner apply it from the next storyboard on) or dismiss (retired: learning
    does not propose it again). Raises InputError for another action or a lesson that is not proposed."""
    action = action.strip().lower()
    if action not in ("approve", "dismiss"):
        raise InputError(f"a proposed lesson is approved or dismissed, not {action!r}")
    ls = memory.get_lesson(lesson_id)
    if ls.status != "proposed":
        raise InputError(f"{lesson_id} is {ls.status}, not proposed; nothing to decide")
    if action == "approve":
        ls = memory.approve(lesson_id)
    else:
        memory.forget(lesson_id)
        ls = ls.model_copy(update={"status": "retired"})
    log.info("review.lesson", lesson=lesson_id, action=action)
    return ls


def review_proposals(memory: Any, *, ask: Callable[..., str], say: Callable[[str], Any]) -> int:
    """Go through the proposed lessons with the person (``nightreel review``): approve, dismiss, skip or
    exit. Returns how many were decided."""
    props = pending_proposals(memory)
    if not props:
        return 0
    say(f"[bold]{len(props)} lessons learned from your outcomes wait for you[/bold] "
        "(approved ones change every storyboard from the next one on)")
    decided = 0
    for p in props:
        say(f"  {p.line}\n  [dim]{p.id}: fix — {p.lesson.fix}[/dim]")
        ans = ask("[a]pprove / [d]ismiss / [s]kip / e[x]it", default="s").strip().lower()
        if ans.startswith("x"):
            break
        action = {"a": "approve", "d": "dismiss"}.get(ans[:1])
        if action:
            decide_proposal(memory, p.id, action)
            say(f"  {'approved' if action == 'approve' else 'dismissed'} {p.id}")
            decided += 1
    return decided
