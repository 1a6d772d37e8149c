"""The statistics learning reads: a rejection reason without its particulars, the features of a prompt, and
the features that separate shots rejected for one reason from accepted ones (smoothed log-odds, a one-sided
Fisher exact test with Bonferroni over the features tested; a feature explained by a stronger kept one is
dropped, an actionable rider joins it). :mod:`memory.learn` turns the findings into lessons."""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from memory.lessons import learned_rewrite
from nightreel.schema import Outcome, finding_reasons

__all__ = ["ACCEPTED", "MAX_LEARN_CHARS", "REJECTED", "Finding", "find_features", "outcome_reasons", "prompt_features",
           "reason_key"]

REJECTED = ("reject", "rerender")
ACCEPTED = ("accept",)
#: how much of one prompt learning reads (an enormous prompt is stored whole, but learned from its head)
MAX_LEARN_CHARS = 20_000

_STOP = frozenset(["a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "into", "onto", "from", "by", "with", "without", "for", "over", "under", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "there", "their", "his", "her", "he", "she", "they", "we", "you", "i", "me", "my", "our", "your", "than", "then", "so", "very", "no", "not", "nor", "only", "just", "up", "down", "out", "off", "through", "across", "along", "while", "each", "every", "any", "all", "some", "one", "two"])
_CLAUSE = re.compile(r"[,.;:!?()\[\]{}\"“”/|\n—–]+")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def reason_key(reason: str) -> str:
    """A rejection reason without its particulars: lower case, no numbers, cut at ':', '(' or ' at '.

    >>> reason_key("Unexpected person at 2.1 s (frames 12-40)")
    'unexpected person'
    """
    r = reason.lower().strip()
    r = re.split(r"[:(\[;]| at | in frames? | from \d| — | - ", r, maxsplit=1)[0]
    r = re.sub(r"[\d.,%]+", " ", r)
    r = re.sub(r"[^\w\s'-]", " ", r)
    return re.sub(r"\s+", " ", r).strip()


def outcome_reasons(o: Outcome) -> list[str]:
    """The keys of the reasons an outcome was rejected for, each once: its findings only (the critic's notes and
    its method line are no reason: a word common in every rejected shot would be learned three times over, once
    per line), or ``""`` when no finding is named."""
    return list(dict.fromkeys(reason_key(r) for r in finding_reasons(list(o.reasons or [])) or [""]))


def prompt_features(prompt: str) -> set[str]:
    """Words and two-word phrases of a prompt (lower case, stopwords dropped), each once. A phrase
    never spans punctuation ('lamp, seamless loop' has no 'lamp seamless'), so every phrase learned
    is one the lint can find again in a prompt."""
    feats: set[str] = set()
    for chunk in _CLAUSE.split(prompt[:MAX_LEARN_CHARS].lower()):
        toks = _TOKEN.findall(chunk)
        feats |= {t for t in toks if t not in _STOP and len(t) > 1}
        feats |= {f"{a} {b}" for a, b in zip(toks, toks[1:]) if a not in _STOP and b not in _STOP}
    return feats


@dataclass(frozen=True)
class Finding:
    """A prompt feature that separates shots rejected for `reason` from accepted ones."""

    feature: str
    reason: str
    rejected_with: int
    rejected: int
    accepted_with: int
    accepted: int
    log_odds: float
    p_value: float
    tested: int
    also: tuple[str, ...] = ()  # words riding along in the same shots for which the lint knows a rewrite

    def evidence(self) -> str:
        return (f"'{self.feature}' appeared in {self.rejected_with} of {self.rejected} shots rejected for "
                f"{_article(self.reason)}, and in {self.accepted_with} of {self.accepted} accepted ones "
                f"(log-odds {self.log_odds:.1f}, one-sided Fisher p={self.p_value:.1g}, "
                f"{self.tested} features tested)")


def _article(reason: str) -> str:
    if not reason:
        return "an unstated reason"
    return ("an " if reason[0] in "aeiou" else "a ") + reason if reason.split()[0] not in _STOP else reason


def _log_odds(a: int, n1: int, b: int, n0: int) -> float:
    return math.log((a + 0.5) / (n1 - a + 0.5)) - math.log((b + 0.5) / (n0 - b + 0.5))


def _fisher_greater(a: int, n1: int, b: int, n0: int) -> float:
    """P(X >= a) for X hypergeometric: n1 rejected and n0 accepted shots, a + b carry the feature."""
    k, n = a + b, n1 + n0
    total = math.comb(n, k)
    return min(1.0, sum(math.comb(n1, x) * math.comb(n0, k - x) for x in range(a, min(k, n1) + 1)) / total)


def find_features(
    outcomes: Iterable[Outcome],
    *,
    min_count: int = 5,
    min_accepted: int = 5,
    min_log_odds: float = 2.0,
    alpha: float = 0.01,
    max_per_reason: int = 3,
) -> list[Finding]:
    """The prompt features that separate rejected from accepted shots, strongest first (see module doc)."""
    accepted: list[set[str]] = []
    by_reason: dict[str, list[set[str]]] = defaultdict(list)
    for o in outcomes:
        if o.verdict in ACCEPTED:
            accepted.append(prompt_features(o.prompt))
        elif o.verdict in REJECTED:
            feats = prompt_features(o.prompt)
            for key in outcome_reasons(o):
                by_reason[key].append(feats)
    n0 = len(accepted)
    if n0 < min_accepted:
        return []
    acc_counts = Counter(f for feats in accepted for f in feats)
    found: list[Finding] = []
    for reason, shots in sorted(by_reason.items()):
        n1 = len(shots)
        if n1 < min_count:
            continue
        rej_counts = Counter(f for feats in shots for f in feats)
        rows: dict[str, set[int]] = defaultdict(set)
        for i, feats in enumerate(shots):
            for f in feats:
                if rej_counts[f] >= min_count:
                    rows[f].add(i)
        candidates = [f for f, a in rej_counts.items() if a >= min_count]
        tested = len(candidates)
        picked: list[Finding] = []
        for f in candidates:
            a, b = rej_counts[f], acc_counts.get(f, 0)
            lo = _log_odds(a, n1, b, n0)
            if lo < min_log_odds:
                continue
            p = _fisher_greater(a, n1, b, n0)
            if p <= alpha / tested:
                picked.append(Finding(f, reason, a, n1, b, n0, lo, p, tested))
        # on an exact tie a word the lint can rewrite wins (the lesson can then fix prompts, not only
        # warn), then the phrase: 'strobe light' says more than 'strobe' or 'light' alone
        picked.sort(key=lambda x: (x.p_value, -x.log_odds, not _actionable(x.feature), " " not in x.feature,
                                   x.feature))
        kept: list[Finding] = []
        riders: dict[str, list[str]] = defaultdict(list)
        for fd in picked:
            # a phrase that repeats a kept word, or a word that rides along with a kept one in the
            # same rejected shots ('soft' in 'soft footsteps'), says nothing new; a rider the lint can
            # rewrite ('walking' beside 'footsteps') joins the kept lesson's words instead
            owner = next((k for k in kept if _overlaps(fd.feature, k.feature)
                          or len(rows[fd.feature] & rows[k.feature]) >= 0.8 * len(rows[fd.feature])), None)
            if owner is not None:
                if _actionable(fd.feature) and not _overlaps(fd.feature, owner.feature):
                    riders[owner.feature].append(fd.feature)
                continue
            if len(kept) < max_per_reason:
                kept.append(fd)
        found += [dataclasses.replace(k, also=tuple(riders[k.feature])) for k in kept]
    return sorted(found, key=lambda x: (x.p_value, -x.log_odds))


def _actionable(feature: str) -> bool:
    return learned_rewrite(feature) is not None


def _overlaps(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    return bool(wa & wb)
