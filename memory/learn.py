"""Learning from outcomes: which prompt features keep getting shots rejected.

For every rejection reason (normalised by :func:`reason_key`: "unexpected person at 2.1 s"
and "Unexpected person (frames 12-40)" are one reason) the shots rejected for it are compared
with the accepted shots. A feature of the positive prompt (a word, or two adjacent words)
becomes a proposed lesson when

- it occurs in at least ``min_count`` shots rejected for that reason,
- the smoothed log-odds ratio (Haldane-Anscombe, +0.5 in every cell) of the feature between
  rejected and accepted shots is at least ``min_log_odds``, and
- a one-sided Fisher exact test says the split is not chance, at ``alpha`` divided by the
  number of features that were tested (Bonferroni), so a night of noise proposes nothing;
- it is not explained by a stronger feature already kept (a phrase containing it, or a word
  that occurs in the same rejected shots: 'soft' riding along with 'soft footsteps').

A proposal is a :class:`~nightreel.schema.Lesson` with status ``proposed``, the counts in
``counts`` and the evidence in words ("'footsteps' appeared in 7 of 8 shots rejected for an
unexpected person, and in 0 of 21 accepted ones"). It is applied only once approved, or once
confirmed ``settings.lesson_confirmations`` times by later learning runs (see :func:`merge_proposals`).
Its id is deterministic (reason + feature), so learning again confirms the same lesson instead of
proposing a twin; the merge reads and writes under the store's write lock, so two nights learning at
once make one lesson with the counts of every outcome.

A proposal whose trigger words are words an active seeded or approved lesson writes into prompts
(:func:`memory.lessons.written_by`: 'people' against the seeded "no people visible anywhere") contradicts
it: it is stored for a person to see, never applied for the night, and the report says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from memory.features import (
    ACCEPTED,
    MAX_LEARN_CHARS,
    REJECTED,
    Finding,
    _article,
    find_features,
    outcome_reasons,
    prompt_features,
    reason_key,
)
from memory.lessons import LEARNED_REWRITES, family_of, find_words, learned_rewrite, written_by
from nightreel.schema import Lesson, Outcome
from nightreel.studio import slug

if TYPE_CHECKING:
    from memory.store import MemoryStore

__all__ = [
    "ACCEPTED",
    "MAX_LEARN_CHARS",
    "REJECTED",
    "Finding",
    "LearningReport",
    "find_features",
    "learn_from_outcomes",
    "merge_proposals",
    "lesson_evidence_outcomes",
    "prompt_features",
    "propose_lessons",
    "reason_key",
    "reviewed_view",
]

def reviewed_view(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """The outcomes learning reads: where a person reviewed a clip, their verdict replaces the
    critic's on that clip (one shot is never counted as both accepted and rejected)."""
    outcomes = list(outcomes)
    reviewed = {o.params.get("item") for o in outcomes if o.params.get("source") == "review" and o.params.get("item")}
    latest: dict[str, Outcome] = {}
    keep: list[Outcome] = []
    for o in sorted(outcomes, key=lambda x: x.created_at):
        item = o.params.get("item")
        if item in reviewed:
            if o.params.get("source") == "review":
                latest[item] = o  # the person's last word on the clip
            continue
        keep.append(o)
    return keep + list(latest.values())


def _notes_for(outcomes: list[Outcome], fd: Finding, n: int = 2) -> list[str]:
    """The person's notes on the shots behind a finding, those naming the feature first."""
    hits = [o for o in outcomes if o.note.strip() and o.verdict in REJECTED
            and fd.reason in outcome_reasons(o) and fd.feature in prompt_features(o.prompt)]
    hits.sort(key=lambda o: (fd.feature not in prompt_features(o.note), -o.created_at.timestamp()))
    notes = []
    for o in hits:
        text = " ".join(o.note.split())
        text = text if len(text) <= 160 else text[:159] + "…"
        if text not in notes:
            notes.append(text)
        if len(notes) == n:
            break
    return notes


def _with_family(words: list[str], known: set[str]) -> list[str]:
    """The words plus the inflections the lint knows of each ('walking' → 'walk', 'walks', 'walked',
    'walking pace'): the same word, so a lesson about it covers its other forms. Known words are left out."""
    out = list(dict.fromkeys(words))
    for w in words:
        if " " in w or len(w) < 4:
            continue
        stem = w[:4]
        out += [k for k in LEARNED_REWRITES if k.split()[0].startswith(stem) and k.split()[0][:len(stem)] == stem
                and (w.startswith(k.split()[0]) or k.split()[0].startswith(w.rstrip("s").rstrip("ing")[:4]))
                and k not in out and k not in known]
    return out


def _lesson_id(reason: str, feature: str) -> str:
    return f"learned-{slug(reason, 32)}-{slug(feature, 32)}"


def propose_lessons(
    outcomes: Iterable[Outcome],
    *,
    min_count: int = 5,
    min_accepted: int = 5,
    min_log_odds: float = 2.0,
    alpha: float = 0.01,
    max_per_reason: int = 3,
    known: Iterable[Lesson] = (),
) -> list[Lesson]:
    """Propose lessons from outcomes: prompt features that keep getting shots rejected for one reason.

    Args:
        outcomes: the shots rendered and judged so far.
        min_count: a feature must occur in at least this many shots rejected for the reason.
        min_accepted: learn nothing until at least this many shots were accepted (the baseline).
        min_log_odds: smallest smoothed log-odds ratio (rejected vs accepted) worth a lesson.
        alpha: family-wise false-proposal rate per reason (Bonferroni over the features tested).
        max_per_reason: at most this many proposals for one reason.
        known: lessons already in memory; a feature one of their ``words`` covers is not proposed again.

    Returns:
        Lessons with status ``proposed``, ``words=[feature]``, the ``avoid_words`` lint check,
        the counts in ``counts`` and the evidence in words; strongest first.
    """
    outcomes = reviewed_view(outcomes)
    known_words = {w.lower() for ls in known if ls.status != "retired" for w in ls.words}
    lessons: list[Lesson] = []
    for fd in find_features(outcomes, min_count=min_count, min_accepted=min_accepted,
                            min_log_odds=min_log_odds, alpha=alpha, max_per_reason=max_per_reason):
        if fd.feature in known_words or any(w in known_words for w in fd.feature.split()):
            continue
        scope_target, scope_exp = _common_scope(outcomes, fd)
        what = _article(fd.reason)
        notes = _notes_for(outcomes, fd)
        if fd.also:
            evidence_also = "; in the same shots: " + ", ".join(f"'{w}'" for w in fd.also)
        else:
            evidence_also = ""
        words = _with_family([fd.feature, *(w for w in fd.also if w not in known_words)], known_words)
        family = next((f for f in map(lambda w: family_of(w, fd.reason), words) if f), None)
        evidence_family = ""
        if family is not None:
            kin = [w for w in family.words if w not in words and w not in known_words]
            words += kin
            if kin:
                evidence_family = (f"; it covers the other {family.name} the lint rewrites the same way: "
                                   + ", ".join(f"'{w}'" for w in kin))
        evidence = (fd.evidence() + evidence_also + evidence_family
                    + ("; the person wrote: " + "; ".join(f'"{t}"' for t in notes) if notes else ""))
        lessons.append(Lesson(
            id=_lesson_id(fd.reason, fd.feature),
            trigger=f"'{fd.feature}' in the prompt",
            effect=f"shots get rejected for {what}",
            fix=_fix_for(fd.feature),
            words=words,
            check="avoid_words",
            scope_target=scope_target,
            scope_expectation=scope_exp,
            evidence=evidence,
            source="learned from outcomes",
            counts={"rejected_with": fd.rejected_with, "rejected": fd.rejected,
                    "accepted_with": fd.accepted_with, "accepted": fd.accepted},
            times_confirmed=1,
            status="proposed",
        ))
    return lessons


def _common_scope(outcomes: list[Outcome], fd: Finding) -> tuple[str | None, dict]:
    """The target and expectations every shot rejected for this reason with this feature shared (the target
    only where another target's accepted shots carry the feature)."""
    hits = [o for o in outcomes if o.verdict in REJECTED
            and fd.reason in outcome_reasons(o)
            and fd.feature in prompt_features(o.prompt)]
    targets = {o.target for o in hits}
    scope_target = None
    if len(targets) == 1:
        only = targets.pop()
        # narrowed to one model only where the outcomes show the feature is harmless on another: accepted
        # shots of another target carry it. A word written only for finals so far says nothing about drafts.
        if any(o.verdict in ACCEPTED and o.target != only and fd.feature in prompt_features(o.prompt)
               for o in outcomes):
            scope_target = only
    scope: dict = {}
    people = {o.expectations.people for o in hits}
    if len(people) == 1:
        scope["people"] = people.pop()
    for key in ("loopable", "text_in_frame"):  # only a shared True narrows anything
        if hits and all(getattr(o.expectations, key) for o in hits):
            scope[key] = True
    return scope_target, scope


def _fix_for(feature: str) -> str:
    rep = learned_rewrite(feature)
    if rep is not None:
        return f"write '{rep}' instead of '{feature}' (the lint does this once the lesson is approved)"
    return f"leave '{feature}' out of the prompt (the lint does this once the lesson applies)"


def lesson_evidence_outcomes(outcomes: Iterable[Outcome], lesson: Lesson) -> tuple[list[Outcome], list[Outcome]]:
    """The outcomes behind a learned lesson: (rejected shots carrying its words, accepted shots carrying them)."""
    words = [w.lower() for w in lesson.words]
    rejected, accepted = [], []
    for o in reviewed_view(outcomes):
        feats = prompt_features(o.prompt)
        if not any(w in feats for w in words):
            continue
        (accepted if o.verdict in ACCEPTED else rejected if o.verdict in REJECTED else []).append(o)
    return rejected, accepted


def merge_proposals(store: MemoryStore, **kwargs) -> list[Lesson]:
    """Propose lessons from every stored outcome and merge them into `store`; the lessons added or confirmed.

    A new finding is stored as ``proposed`` (confirmed once). A finding already proposed is confirmed
    again only if more rejected shots carry it than last time (new evidence, not the same night re-read);
    once confirmed ``store.confirmations`` times it is applied. Features a known lesson already covers are
    not proposed again; a retired lesson is not brought back. A proposal whose counts changed without a new
    rejected shot (accepted shots stored since) gets its counts and evidence refreshed, not a confirmation. Read, merge and write hold the store's write
    lock: two processes learning at once make one lesson, counted from every outcome. kwargs go to
    :func:`propose_lessons`.
    """
    with store._writing():   # re-entrant: the write inside takes the same lock
        known = store.list_lessons()
        props = propose_lessons(store.outcomes(), known=[k for k in known if k.status != "proposed"], **kwargs)
        by_id = {k.id: k for k in known}
        changed: list[Lesson] = []
        refreshed: list[Lesson] = []
        for p in props:
            old = by_id.get(p.id)
            if old is None:
                changed.append(p)
            elif old.status == "proposed" and p.counts.get("rejected_with", 0) > old.counts.get("rejected_with", 0):
                changed.append(p.model_copy(update={"times_confirmed": old.times_confirmed + 1}))
            elif old.status == "proposed" and p.counts != old.counts:
                # more accepted shots (another night's, stored after this lesson was counted): the evidence the
                # person reads is brought up to date, but nothing new was rejected, so it is no confirmation
                refreshed.append(old.model_copy(update={"counts": p.counts, "evidence": p.evidence}))
        store.save_lessons(changed + refreshed)
    return changed


def contradiction(lesson: Lesson, others: Iterable[Lesson]) -> str | None:
    """Why a proposal must not be applied: it asks to avoid words an active seeded or approved lesson writes
    into every prompt it applies to (applying both would undo one with the other); None when it does not."""
    for other in others:
        if other.id == lesson.id or other.status not in ("seeded", "approved"):
            continue
        hit = find_words(written_by(other), lesson.words)
        if hit:
            return (f"'{hit[0]}' is what {other.id} writes into prompts ({other.fix[:80]}); "
                    "the two contradict: a person decides")
    return None


@dataclass
class LearningReport:
    """What one learning run found: new proposals, confirmations of earlier ones, what it read, and the
    proposals not applied because they contradict an approved lesson (lesson id -> why)."""

    new: list[Lesson] = field(default_factory=list)
    confirmed: list[Lesson] = field(default_factory=list)
    outcomes: int = 0
    error: str | None = None
    contradicting: dict[str, str] = field(default_factory=dict)
    applied_tonight: list[str] = field(default_factory=list)   # lesson ids applied for the rest of the night

    @property
    def changed(self) -> list[Lesson]:
        return [*self.new, *self.confirmed]

    @property
    def applicable(self) -> list[Lesson]:
        """The changed lessons that contradict no approved one (what a night may apply as proposals)."""
        return [ls for ls in self.changed if ls.id not in self.contradicting]

    def lines(self) -> list[str]:
        """One line per lesson: "learned tonight: 'footsteps' appeared in 7 of 8 shots rejected ..."."""
        out = []
        for ls in self.new:
            out.append(f"learned tonight ({ls.id}): {ls.evidence}"
                       + ("; applied to the rest of the night as a proposal" if ls.id in self.applied_tonight else ""))
        for ls in self.confirmed:
            out.append(f"confirmed again, {ls.times_confirmed}x ({ls.id}): {ls.evidence}")
        for lid, why in self.contradicting.items():
            out.append(f"not applied ({lid}): {why}")
        return out

    def summary(self) -> str:
        if self.error:
            return f"learning failed: {self.error}"
        return (f"learning read {self.outcomes} outcomes: {len(self.new)} new proposals, "
                f"{len(self.confirmed)} confirmations"
                + (f", {len(self.contradicting)} not applied (contradicting an approved lesson)"
                   if self.contradicting else ""))


def learn_from_outcomes(store: MemoryStore, *, run_id: str = "", apply_until: datetime | None = None,
                        **kwargs) -> LearningReport:
    """Run learning over every outcome in `store` (after judged clips, and at the night's end) and say what
    changed. With `apply_until` (the night's dawn) the new and confirmed proposals that contradict no approved
    lesson apply until then, as proposals (:meth:`~memory.journal.Journal.apply_tonight`). kwargs go to
    :func:`propose_lessons` (min_count, alpha, ...). A memory error is returned in the report, not raised: a
    night that rendered and judged everything is not failed by learning.
    """
    from nightreel.errors import MemoryStoreError
    from nightreel.schema import utcnow

    try:
        before = {ls.id for ls in store.list_lessons()}
        changed = merge_proposals(store, **kwargs)
        n = store.count_outcomes()
        report = LearningReport(new=[ls for ls in changed if ls.id not in before],
                                confirmed=[ls for ls in changed if ls.id in before], outcomes=n)
        approved = [ls for ls in store.list_lessons() if ls.status in ("seeded", "approved")]
        for ls in report.changed:
            why = contradiction(ls, approved)
            if why:
                report.contradicting[ls.id] = why
        if apply_until is not None and report.applicable:
            store.apply_tonight([ls.id for ls in report.applicable], apply_until)
            report.applied_tonight = [ls.id for ls in report.applicable]
        store.log_learning({"at": utcnow().isoformat(), "run_id": run_id, "outcomes": n,
                            "new": [ls.id for ls in report.new], "confirmed": [ls.id for ls in report.confirmed],
                            "contradicting": report.contradicting, "applied_tonight": report.applied_tonight})
    except MemoryStoreError as e:
        return LearningReport(error=str(e))
    return report
