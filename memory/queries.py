"""The store's read side: which lessons apply to a shot, and the past outcomes most like a prompt.

A mixin of :class:`~memory.store.MemoryStore` (it reads the store's chromadb collections; it never writes).
Semantic search over lessons is filtered by scope (a lesson scoped to ``final`` or to ``people: none`` is
found only for matching shots); a lesson whose trigger words occur in the query ranks up by
:data:`WORD_BONUS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from memory.embeddings import MAX_EMBED_CHARS
from memory.lessons import find_words
from memory.records import ANY, EXP_KEYS, meta_value, outcome_from_record, where
from nightreel.schema import Lesson, Outcome, ShotExpectations

__all__ = ["OUTCOMES_PAGE", "WORD_BONUS", "Queries"]

#: outcomes read per chromadb get() (SQLite caps the variables one statement may bind)
OUTCOMES_PAGE = 5000
#: bonus added to a lesson's cosine similarity when one of its trigger words is in the query
WORD_BONUS = 0.25


class Queries:
    """Recall of lessons and outcomes (mixed into MemoryStore)."""

    def active_lessons(self, *, tonight: Iterable[str] = ()) -> list[Lesson]:
        """The lessons the lint applies: seeded, approved, proposed ones confirmed enough times (as approved)
        and proposed ones applied for tonight (:meth:`apply_tonight`, or named in `tonight` by the night that
        proposed them; kept ``proposed`` so the lint says so)."""
        also = set(tonight)
        return [self._as_applied(ls) for ls in self.list_lessons()
                if self._is_active(ls) or (ls.status == "proposed" and ls.id in also)]

    def recall(self, query: str, *, target: str | None = None, expectations: dict | ShotExpectations | None = None,
               limit: int = 5) -> list[Lesson]:
        """The active lessons most relevant to a brief or a shot, best first (see the module doc)."""
        return [self._as_applied(ls) for ls, _ in self._search_lessons(
            query, target=target, expectations=expectations, limit=limit, active_only=True)]

    def lessons_for(self, query: str, *, target: str | None = None,
                    expectations: dict | ShotExpectations | None = None, limit: int = 5) -> list[Lesson]:
        """The lessons in scope for a shot, best first, proposed ones included with their real status and
        counts (what a decider is shown: a proposal is evidence, not yet a rule)."""
        return [ls for ls, _ in self._search_lessons(query, target=target, expectations=expectations,
                                                     limit=limit, active_only=False)]

    def _search_lessons(self, query: str, *, target, expectations, limit: int,
                        active_only: bool) -> list[tuple[Lesson, float]]:
        if limit <= 0:
            return []
        self._fresh()
        if isinstance(expectations, ShotExpectations):
            expectations = expectations.model_dump()
        clauses: list[dict[str, Any]] = [{"status": {"$in": ["seeded", "approved", "proposed"]}}]
        if target:
            clauses.append({"scope_target": {"$in": [ANY, target]}})
        for k, v in (expectations or {}).items():
            if k in EXP_KEYS and v is not None:
                clauses.append({f"exp_{k}": {"$in": [ANY, meta_value(v)]}})
        n = self._lessons.count()
        if not n:
            return []
        q = query[:MAX_EMBED_CHARS]
        got = self._chroma("recalling lessons", self._lessons.query, query_embeddings=self._ef([q]),
                           n_results=n, where=where(clauses), include=["metadatas", "distances"])
        scored = []
        for meta, dist in zip(got["metadatas"][0], got["distances"][0]):
            ls = Lesson.model_validate_json(meta["json"])
            if active_only and not self._is_active(ls):
                continue
            score = 1.0 - dist + (WORD_BONUS if ls.words and find_words(query, ls.words) else 0.0)
            scored.append((ls, score))
        scored.sort(key=lambda x: -x[1])
        return scored[:limit]

    def outcomes(self, *, verdict: str | None = None, target: str | None = None, project: str | None = None,
                 limit: int | None = None) -> list[Outcome]:
        """Stored outcomes, oldest first, optionally filtered."""
        self._check_open()
        clauses = [{k: v} for k, v in (("verdict", verdict), ("target", target), ("project", project)) if v]
        outs: list[Outcome] = []
        # in pages: one get() of 100 000 rows exceeds SQLite's limit on bound variables
        for offset in range(0, max(self._outcomes.count(), 1), OUTCOMES_PAGE):
            got = self._chroma("reading outcomes", self._outcomes.get, where=where(clauses),
                               include=["metadatas", "documents"], limit=OUTCOMES_PAGE, offset=offset)
            outs += [outcome_from_record(m, d) for m, d in zip(got["metadatas"], got["documents"])]
            if len(got["ids"]) < OUTCOMES_PAGE:
                break
        outs.sort(key=lambda o: o.created_at)
        return outs[-limit:] if limit else outs

    def similar_outcomes(self, prompt: str, *, limit: int = 5, verdict: str | None = None,
                         project: str | None = None) -> list[Outcome]:
        """Past shots whose prompts (and review notes) read most like `prompt`, closest first."""
        return [o for o, _ in self.similar_outcomes_scored(prompt, limit=limit, verdict=verdict, project=project)]

    def similar_outcomes_scored(self, prompt: str, *, limit: int = 5, verdict: str | None = None,
                                project: str | None = None) -> list[tuple[Outcome, float]]:
        """Like :meth:`similar_outcomes`, with each outcome's cosine similarity (1 = the same text)."""
        if limit <= 0:
            return []
        self._fresh()
        n = self._outcomes.count()
        if not n:
            return []
        clauses = [{k: v} for k, v in (("verdict", verdict), ("project", project)) if v]
        got = self._chroma("searching outcomes", self._outcomes.query,
                           query_embeddings=self._ef([prompt[:MAX_EMBED_CHARS]]), n_results=min(limit, n),
                           where=where(clauses), include=["metadatas", "documents", "distances"])
        return [(outcome_from_record(m, d), 1.0 - dist)
                for m, d, dist in zip(got["metadatas"][0], got["documents"][0], got["distances"][0])]

    def count_outcomes(self) -> int:
        self._check_open()
        return self._outcomes.count()
