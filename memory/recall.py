"""Recall of past work: the past shots most like a brief or a shot, and what became of them.

The planner builds on what was accepted and avoids what was rejected: for a query (a brief, a
shot's prompt, a topic) :func:`recall_past_shots` returns the closest past shots from the
outcomes memory with their verdict, the critic's reasons and the person's review note, as typed
:class:`PastShot` records and as one text block for a prompt:

- **bounded in tokens**: entries are added best first until the next one would not fit
  ``max_tokens`` (estimated conservatively, :func:`estimate_tokens`); long prompts and notes are
  cut, so a 1 MB note costs its first few hundred characters, never the budget;
- **deduplicated**: the same prompt rendered several times is one entry ("rejected 3x"); a
  person's review of it outranks the critic's verdict on it;
- **newest first among equals**: equally close shots (cosine similarities within :data:`TIE`) come
  newest first;
- **never the shot being rewritten**: outcomes whose prompt is one of ``exclude`` (or whose id is
  in ``exclude_ids``) are left out.

:func:`past_shots_block` is the same as a plain string for the expansion prompt of models that
cannot call tools.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from nightreel.errors import MemoryStoreError

if TYPE_CHECKING:  # the store is passed in; imported only for type checkers
    from memory.store import MemoryStore

__all__ = [
    "CHARS_PER_TOKEN",
    "PastShot",
    "PastShots",
    "estimate_tokens",
    "normalise_prompt",
    "past_shots_block",
    "recall_past_shots",
]

#: a conservative characters-per-token for English prompts (Qwen/Llama tokenizers give ~4)
CHARS_PER_TOKEN = 3.5
_PROMPT_CHARS = 320
_NOTE_CHARS = 200
_REASON_CHARS = 120
_ACCEPTED = ("accept",)
_HEADER = ("Past shots like this one, from this studio's renders (closest first). "
           "Build on the accepted ones; do not repeat what got the rejected ones rejected.")


def estimate_tokens(text: str) -> int:
    """Tokens `text` costs at most, roughly (characters / 3.5, rounded up)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN) if text else 0


def normalise_prompt(text: str) -> str:
    """A prompt reduced for comparison: lower case, single spaces, no trailing punctuation."""
    return re.sub(r"\s+", " ", text.lower()).strip().rstrip(".!,;: ")


def _cut(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class PastShot(BaseModel):
    """One past shot (deduplicated) and what became of it."""

    outcome_id: str
    shot_id: str
    project: str
    prompt: str
    verdict: str
    kind: Literal["build_on", "avoid"]
    reasons: list[str] = Field(default_factory=list)
    note: str = ""
    clip: str | None = None
    clip_exists: bool | None = Field(None, description="None = no clip recorded; False = the clip was deleted since")
    created_at: datetime
    similarity: float
    times: int = Field(1, description="how many outcomes this prompt had (renders and reviews)")
    reviewed: bool = False

    def line(self) -> str:
        """This shot as one line of the block."""
        n = f" {self.times}x" if self.times > 1 else ""
        what = {"accept": "accepted", "salvage": "salvaged", "rerender": "sent back", "reject": "rejected"}.get(
            self.verdict, self.verdict)
        by = " by the person" if self.reviewed else ""
        parts = [f'- "{_cut(self.prompt, _PROMPT_CHARS)}" — {what}{n}{by}']
        reasons = [r for r in self.reasons if r.strip()][:2]
        if reasons and self.kind == "avoid":
            parts.append("critic: " + "; ".join(_cut(r, _REASON_CHARS) for r in reasons))
        if self.note.strip():
            parts.append(f'person\'s note: "{_cut(self.note, _NOTE_CHARS)}"')
        return "; ".join(parts)


class PastShots(BaseModel):
    """What recall found for a query: the entries that fit the budget and the block to show a model."""

    query: str
    shots: list[PastShot] = Field(default_factory=list)
    text: str = ""
    tokens: int = 0
    max_tokens: int
    considered: int = Field(0, description="outcomes looked at before dedup, exclusion and the budget")
    left_out: int = Field(0, description="deduplicated shots that did not fit the budget")

    @property
    def build_on(self) -> list[PastShot]:
        return [s for s in self.shots if s.kind == "build_on"]

    @property
    def avoid(self) -> list[PastShot]:
        return [s for s in self.shots if s.kind == "avoid"]


def _render(shots: list[PastShot]) -> str:
    if not shots:
        return ""
    lines = [_HEADER]
    good = [s for s in shots if s.kind == "build_on"]
    bad = [s for s in shots if s.kind == "avoid"]
    if good:
        lines += ["Accepted (build on these):", *(s.line() for s in good)]
    if bad:
        lines += ["Rejected (avoid what went wrong):", *(s.line() for s in bad)]
    return "\n".join(lines)


def _clip_exists(clip: str | None) -> bool | None:
    if not clip:
        return None
    try:
        return Path(clip).is_file()
    except OSError:
        return False


#: shots whose similarities differ by less than this are equally close: the newer comes first
TIE = 0.01


def _rank(entries: list[PastShot]) -> list[PastShot]:
    """Closest first; a run of equally close shots (each within :data:`TIE` of the run's best) newest first."""
    entries = sorted(entries, key=lambda e: (-e.similarity, e.outcome_id))
    out: list[PastShot] = []
    while entries:
        top = entries[0].similarity
        run = [e for e in entries if top - e.similarity < TIE]
        entries = [e for e in entries if top - e.similarity >= TIE]
        out += sorted(run, key=lambda e: (-e.created_at.timestamp(), e.outcome_id))
    return out


def recall_past_shots(
    store: MemoryStore,
    query: str,
    *,
    max_tokens: int = 500,
    exclude: str | Iterable[str] | None = None,
    exclude_ids: Iterable[str] = (),
    project: str | None = None,
    candidates: int = 20,
    min_similarity: float = 0.2,
) -> PastShots:
    """The past shots most like `query` with their outcome, within `max_tokens`.

    Args:
        store: an open :class:`~memory.store.MemoryStore`.
        query: a brief, a shot's prompt or a topic.
        max_tokens: the most the text block may cost (estimated with :func:`estimate_tokens`);
            0 or less returns nothing.
        exclude: the prompt (or prompts) of the shot(s) being rewritten: never returned.
        exclude_ids: outcome ids never to return.
        project: only shots of this project (None: every project).
        candidates: how many nearest outcomes to read before deduplicating.
        min_similarity: closer than this (cosine, 0..1) or left out as unrelated.

    Raises:
        MemoryStoreError: the memory cannot be searched.
    """
    result = PastShots(query=query, max_tokens=max_tokens)
    if max_tokens <= 0 or not query.strip():
        return result
    if isinstance(exclude, str):
        exclude = [exclude]
    skip_prompts = {normalise_prompt(p) for p in (exclude or []) if p}
    skip_ids = set(exclude_ids)
    found = store.similar_outcomes_scored(query, limit=candidates, project=project)
    result.considered = len(found)
    groups: dict[str, list[tuple]] = {}
    for o, sim in found:
        key = normalise_prompt(o.prompt)
        if o.id in skip_ids or key in skip_prompts or sim < min_similarity or not key:
            continue
        groups.setdefault(key, []).append((o, sim))
    entries: list[PastShot] = []
    for rows in groups.values():
        reviewed = [r for r in rows if r[0].params.get("source") == "review"]
        # the person's word outranks the critic's; then the newest
        head, sim = max(reviewed or rows, key=lambda r: r[0].created_at)
        best_sim = max(s for _, s in rows)
        notes = list(dict.fromkeys(o.note.strip() for o, _ in sorted(rows, key=lambda r: r[0].created_at,
                                                                      reverse=True) if o.note.strip()))
        reasons = list(dict.fromkeys(r for o, _ in rows if o.verdict not in _ACCEPTED for r in o.reasons
                                     if not r.startswith(("reviewer:", "rejected by the reviewer",
                                                          "re-queued by the reviewer"))))
        clip = next((o.clip for o, _ in sorted(rows, key=lambda r: r[0].created_at, reverse=True) if o.clip), None)
        entries.append(PastShot(
            outcome_id=head.id, shot_id=head.shot_id, project=head.project, prompt=head.prompt,
            verdict=head.verdict, kind="build_on" if head.verdict in _ACCEPTED else "avoid",
            reasons=reasons, note=" / ".join(notes), clip=clip, clip_exists=_clip_exists(clip),
            created_at=max(o.created_at for o, _ in rows), similarity=round(best_sim, 4), times=len(rows),
            reviewed=bool(reviewed)))
    entries = _rank(entries)
    picked: list[PastShot] = []
    for e in entries:
        text = _render([*picked, e])
        if estimate_tokens(text) > max_tokens:
            continue  # a shorter one further down may still fit
        picked.append(e)
    result.shots = picked
    result.text = _render(picked)
    result.tokens = estimate_tokens(result.text)
    result.left_out = len(entries) - len(picked)
    return result


def past_shots_block(store: MemoryStore | None, idea: str, max_tokens: int, *,
                     exclude: str | Iterable[str] | None = None, project: str | None = None) -> str:
    """The past-shots block for an expansion prompt: at most `max_tokens` (estimated), "" when there is
    nothing to show, no memory, or the memory cannot be searched (a planner never fails for want of it)."""
    if store is None or max_tokens <= 0:
        return ""
    try:
        return recall_past_shots(store, idea, max_tokens=max_tokens, exclude=exclude, project=project).text
    except MemoryStoreError:
        return ""
