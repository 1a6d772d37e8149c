"""An empty shot's prompt that still names people: the clauses that ask the video model for someone.

A small planner writes "A wide shot of the lobby, with people leaving as the dryers spin." into a shot the brief wants
empty (Qwen 1.5B, for a laundromat at 3 a.m., "Nobody inside"). The bookends and the negative prompt say nobody, the
clause asks for people, and a video model follows the clause. The lint leaves such clauses out — a sentence or comma
clause that names a person and does not deny it ("with no living people" stays) — and says which; when nothing else
would be left, it only warns.
"""

from __future__ import annotations

import re

__all__ = ["PERSON_WORDS", "without_people_clauses"]

PERSON_WORDS = (
    "people", "person", "persons", "man", "men", "woman", "women", "someone", "somebody", "human", "humans",
    "figure", "figures", "crowd", "crowds", "customer", "customers", "visitor", "visitors", "guest", "guests",
    "passer-by", "passers-by", "passerby", "passersby", "pedestrian", "pedestrians", "worker", "workers", "child",
    "children", "kid", "kids", "boy", "boys", "girl", "girls", "couple", "couples", "tourist", "tourists", "shopper",
    "shoppers", "diner", "diners", "commuter", "commuters", "traveller", "travellers", "traveler", "travelers",
    "patron", "patrons", "staff", "waiter", "waiters", "waitress", "waitresses", "passenger", "passengers", "family",
    "families", "stranger", "strangers", "silhouette", "silhouettes",
)
_PERSON = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(PERSON_WORDS, key=len, reverse=True)))
                     + r")(?![\w-])", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:no|not|never|without|nobody|zero|devoid|free of|empty of|absent)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_CLAUSE = re.compile(r"(?<=,)\s+")


def without_people_clauses(text: str) -> tuple[str, list[str]]:
    """`text` without the clauses that ask for a person (a person word no denial comes before in its clause), and
    those clauses. Unchanged when every clause would go."""
    kept: list[str] = []
    dropped: list[str] = []
    for sentence in _SENTENCE.split(text.strip()):
        end = sentence[-1] if sentence and sentence[-1] in ".!?;" else ""
        parts = []
        for clause in _CLAUSE.split(sentence):
            m = _PERSON.search(clause)
            if m and not _DENIED.search(clause[:m.start()]):
                dropped.append(clause.rstrip(" ,.;!?"))
            else:
                parts.append(clause)
        if parts:
            s = " ".join(parts).rstrip(" ,.;!?")
            kept.append(s + (end or ""))
    if not dropped or not kept:
        return text, []
    return " ".join(kept), dropped
