"""Ratings from pairwise outcomes: Bradley–Terry, bootstrap 95% intervals, paired significance.

Bradley–Terry says P(i beats j) = p_i / (p_i + p_j). It is fitted with Hunter's (2004)
minorize–maximize iteration; a tie counts half a win to each side, and a small prior (a
virtual tie between every pair) keeps a model that won everything at a finite rating.
Ratings are on the Elo scale (400·log10 p, mean 1000), so 100 points ≈ 64% expected wins.

The intervals bootstrap over briefs (every outcome of a brief together, because the
comparisons on one brief are not independent) and over the pairwise outcomes themselves
(each fit drawn around with the covariance its outcomes leave), so identical outcomes on a few
briefs still give an honest, wide interval rather than one of zero width. Significance between two models is an exact
two-sided sign test on their decisive head-to-head outcomes, paired by brief, and a
Wilcoxon signed-rank test on their per-brief automatic quality.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import stats

__all__ = [
    "Comparison",
    "PairTest",
    "bootstrap_ci",
    "elo",
    "fit_bradley_terry",
    "mcnemar_exact",
    "min_decisive_for_significance",
    "pair_probabilities",
    "paired_tests",
    "win_rates",
]

Outcome = Literal["a", "b", "tie"]
ELO_SCALE = 400.0 / math.log(10)


@dataclass(frozen=True)
class Comparison:
    """One pairwise outcome on one brief: `a` beat `b`, `b` beat `a`, or a tie."""

    case: str
    a: str
    b: str
    outcome: Outcome
    source: str = "judge"  # "judge" (LLM, positions swapped), "scores" (storyboard quality), "agent" (tool calls)


@dataclass(frozen=True)
class PairTest:
    a: str
    b: str
    wins_a: int
    wins_b: int
    ties: int
    p_sign: float
    p_wilcoxon: float | None
    quality_delta: float | None  # mean per-brief automatic quality, a minus b

    @property
    def significant(self) -> bool:
        return self.p_sign < 0.05


def fit_bradley_terry(models: Sequence[str], comparisons: Iterable[Comparison], *, prior: float = 0.5,
                      iters: int = 2000, tol: float = 1e-9) -> dict[str, float]:
    """Log-strengths (natural log, mean 0) of `models` from the outcomes."""
    idx = {m: i for i, m in enumerate(models)}
    k = len(models)
    wins = np.zeros(k)
    n = np.zeros((k, k))
    for c in comparisons:
        if c.a not in idx or c.b not in idx or c.a == c.b:
            continue
        i, j = idx[c.a], idx[c.b]
        n[i, j] += 1
        n[j, i] += 1
        wins[i] += {"a": 1.0, "b": 0.0, "tie": 0.5}[c.outcome]
        wins[j] += {"a": 0.0, "b": 1.0, "tie": 0.5}[c.outcome]
    if k < 2:
        return {m: 0.0 for m in models}
    off = ~np.eye(k, dtype=bool)
    n = n + prior * off
    wins = wins + prior * (k - 1) / 2
    p = np.ones(k)
    for _ in range(iters):
        denom = (n / (p[:, None] + p[None, :])).sum(axis=1)
        new = wins / denom
        new /= math.exp(np.log(new).mean())
        if np.max(np.abs(new - p)) < tol:
            p = new
            break
        p = new
    logp = np.log(p)
    return {m: float(logp[idx[m]] - logp.mean()) for m in models}


def elo(log_strength: float) -> float:
    return 1000.0 + ELO_SCALE * log_strength


def pair_probabilities(models: Sequence[str], comparisons: Sequence[Comparison], *,
                       prior: float = 0.5) -> dict[tuple[str, str], float]:
    """P(a beats b) for every pair, from the prior-smoothed Bradley–Terry fit (never exactly 0 or 1)."""
    fit = fit_bradley_terry(models, comparisons, prior=prior)
    return {(a, b): 1.0 / (1.0 + math.exp(fit[b] - fit[a])) for a in models for b in models if a != b}


def _fisher(models: Sequence[str], comparisons: Sequence[Comparison], logp: np.ndarray, prior: float) -> np.ndarray:
    """The Bradley–Terry information matrix at log-strengths `logp` (prior pseudo-comparisons included)."""
    idx = {m: i for i, m in enumerate(models)}
    k = len(models)
    n = np.full((k, k), prior) * ~np.eye(k, dtype=bool)
    for c in comparisons:
        if c.a in idx and c.b in idx and c.a != c.b:
            n[idx[c.a], idx[c.b]] += 1
            n[idx[c.b], idx[c.a]] += 1
    p = 1.0 / (1.0 + np.exp(logp[None, :] - logp[:, None]))  # p[i, j] = P(i beats j)
    w = n * p * (1 - p)
    h = -w
    np.fill_diagonal(h, w.sum(axis=1))
    return h


def bootstrap_ci(models: Sequence[str], comparisons: Sequence[Comparison], *, n_boot: int = 1000,
                 seed: int = 0, level: float = 0.95, prior: float = 0.5) -> dict[str, tuple[float, float]]:
    """Percentile intervals of each model's log-strength, bootstrapping over briefs *and* outcomes.

    Each replicate (1) resamples the briefs with replacement, keeping every outcome of a brief
    together, refits, and (2) draws the strengths around that fit with the covariance the fitted
    pairwise outcomes leave (the inverse of the Bradley–Terry information, prior included) — the
    uncertainty of redrawing each outcome. Step 1 alone gives an interval of zero width whenever
    every brief ended the same way (three briefs won 3–0 look "certain"); with step 2, few
    outcomes give wide intervals and many outcomes narrow ones.
    """
    by_case: dict[str, list[Comparison]] = defaultdict(list)
    for c in comparisons:
        if c.a in models and c.b in models and c.a != c.b:
            by_case[c.case].append(c)
    cases = sorted(by_case)
    if not cases or len(models) < 2:
        return {m: (-math.inf, math.inf) for m in models}  # nothing observed: nothing known
    rng = np.random.default_rng(seed)
    k = len(models)
    centre = np.eye(k) - 1.0 / k  # strengths are defined up to a constant: keep their mean at 0
    draws = np.empty((n_boot, k))
    for b in range(n_boot):
        pick = rng.integers(0, len(cases), len(cases))
        sample = [c for i in pick for c in by_case[cases[i]]]
        fit = fit_bradley_terry(models, sample, prior=prior, iters=500, tol=1e-7)
        logp = np.array([fit[m] for m in models])
        cov = centre @ np.linalg.pinv(_fisher(models, sample, logp, prior)) @ centre
        draws[b] = logp + rng.multivariate_normal(np.zeros(k), (cov + cov.T) / 2, method="eigh")
    lo, hi = np.percentile(draws, [(1 - level) / 2 * 100, (1 + level) / 2 * 100], axis=0)
    return {m: (float(lo[i]), float(hi[i])) for i, m in enumerate(models)}


def min_decisive_for_significance(alpha: float = 0.05) -> int:
    """The fewest decisive outcomes (all one way) for which an exact two-sided sign test reaches `alpha`."""
    n = 1
    while 2 * 0.5 ** n >= alpha:
        n += 1
    return n


def mcnemar_exact(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Two-sided exact McNemar p for paired binary outcomes (the tasks only one of the two got right)."""
    only_a = sum(1 for x, y in zip(a, b) if x and not y)
    only_b = sum(1 for x, y in zip(a, b) if y and not x)
    if only_a + only_b == 0:
        return 1.0
    return float(stats.binomtest(only_a, only_a + only_b, 0.5).pvalue)


def win_rates(comparisons: Iterable[Comparison]) -> dict[str, dict[str, float]]:
    """Per brief, each model's share of points (win 1, tie 0.5) over its comparisons."""
    pts: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for c in comparisons:
        pts[c.case][c.a].append({"a": 1.0, "b": 0.0, "tie": 0.5}[c.outcome])
        pts[c.case][c.b].append({"a": 0.0, "b": 1.0, "tie": 0.5}[c.outcome])
    return {case: {m: float(np.mean(v)) for m, v in per.items()} for case, per in pts.items()}


def paired_tests(models: Sequence[str], comparisons: Sequence[Comparison],
                 quality: dict[str, dict[str, float]] | None = None) -> list[PairTest]:
    """For every pair of models: head-to-head record, sign-test p, Wilcoxon p on per-brief quality."""
    out = []
    for i, a in enumerate(models):
        for b in models[i + 1:]:
            wa = wb = ties = 0
            for c in comparisons:
                if {c.a, c.b} != {a, b}:
                    continue
                winner = {"a": c.a, "b": c.b, "tie": None}[c.outcome]
                wa += winner == a
                wb += winner == b
                ties += winner is None
            p_sign = float(stats.binomtest(wa, wa + wb, 0.5).pvalue) if wa + wb else 1.0
            p_w, delta = None, None
            if quality and a in quality and b in quality:
                common = sorted(set(quality[a]) & set(quality[b]))
                if common:
                    x = np.array([quality[a][c] for c in common])
                    y = np.array([quality[b][c] for c in common])
                    delta = float(np.mean(x - y))
                    d = x - y
                    p_w = 1.0 if np.allclose(d, 0) else float(stats.wilcoxon(x, y, zero_method="zsplit").pvalue)
            out.append(PairTest(a, b, wa, wb, ties, p_sign, p_w, delta))
    return out
