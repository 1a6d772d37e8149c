"""The contest by outcome: the report says where the judge's ranking and the critic's accept rates disagree,
and whether the intervals let the outcome separate the sizes at all."""

from collections import Counter

from evals.contest_outcome import SizeOutcome, by_outcome_markdown, wilson


def test_wilson_interval_brackets_the_rate_and_widens_with_few_shots():
    lo, hi = wilson(3, 9)
    assert lo < 3 / 9 < hi and hi - lo > 0.4
    lo2, hi2 = wilson(30, 90)
    assert hi2 - lo2 < hi - lo
    assert wilson(0, 0) == (0.0, 1.0)


def test_the_report_names_a_disagreement_with_the_judge_and_says_when_it_is_not_sure():
    small = SizeOutcome("qwen0.5b", shots=9, accepted=1, rejected=8, missing=3, verdicts=Counter(reject=8, accept=1))
    big = SizeOutcome("qwen1.5b", shots=9, accepted=6, rejected=3, verdicts=Counter(accept=6, reject=3))
    md = by_outcome_markdown([small, big], [("qwen0.5b", 1540.0), ("qwen1.5b", 1460.0)], n_briefs=3, n_shots=3)
    assert "| qwen1.5b | 9 | 6 | 67% (35%–88%)" in md
    assert "They disagree: the judge puts qwen0.5b first, the critic accepts more of qwen1.5b's shots" in md
    assert "not a sure difference" in md                     # 1 of 9 vs 6 of 9: the intervals overlap
    sure = by_outcome_markdown([SizeOutcome("a", shots=60, accepted=50), SizeOutcome("b", shots=60, accepted=5)],
                               [("a", 1600.0), ("b", 1400.0)], n_briefs=20, n_shots=3)
    assert "They agree on the first place (a)." in sure
