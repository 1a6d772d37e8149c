"""A person's morning decisions: promote, reject or re-queue a clip with a note.

Each decision is recorded in the night store (``night_reviews``) and fed to memory as an
``Outcome`` (promote = accept, reject = reject, requeue = rerender, the note as the reason);
promote and requeue also add the item the next night renders (a final at full quality, or a
new draft with the note as the fix), ahead of the night's own finals.
"""

from __future__ import annotations

from typing import Any, Literal

import structlog

from nightreel.errors import InputError, NightreelError
from app.night_store import Item, NightStore, Review
from nightreel.schema import Outcome

log = structlog.get_logger()

__all__ = ["review_item", "Action", "REVIEWER_SCORE"]

Action = Literal["promote", "reject", "requeue"]
#: a person's promotion ranks above every final the night proposes by itself
REVIEWER_SCORE = 2.0
_OUTCOME = {"promote": "accept", "reject": "reject", "requeue": "rerender"}


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
                reasons=[f"reviewer: {note}" if note else f"reviewer: {action}"],
                lessons_applied=it.shot.lessons_applied, params={"item": it.id, "source": "review"}))
        except NightreelError as e:
            log.warning("review.memory_failed", item=it.id, error=str(e))
    log.info("review", item=it.id, action=action)
    return rv
