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
    assert "they disagree: the judge puts qwen0.5b first, the critic accepts more of qwen1.5b's shots" in md
    assert "not a sure difference" in md                     # 1 of 9 vs 6 of 9: the intervals overlap
    sure = by_outcome_markdown([SizeOutcome("a", shots=60, accepted=50), SizeOutcome("b", shots=60, accepted=5)],
                               [("a", 1600.0), ("b", 1400.0)], n_briefs=20, n_shots=3)
    assert "they agree on the first place (a)." in sure


def test_equal_accept_rates_are_a_tie_not_an_agreement():
    """Both sizes at 0 % (every retrieved clip moved the wrong way) used to read 'They agree on the first place'."""
    a = SizeOutcome("qwen1.5b", shots=12, accepted=0, rejected=12, camera_free=7)
    b = SizeOutcome("qwen0.5b", shots=12, accepted=0, rejected=6, missing=6, camera_free=3)
    md = by_outcome_markdown([a, b], [("qwen1.5b", 1039.0), ("qwen0.5b", 961.0)], n_briefs=4, n_shots=3)
    assert "by this outcome it cannot rank them" in md
    assert "agree on the first place" not in md.split("camera left out:")[0]
    assert "Ranking by accept rate, camera left out: qwen1.5b 58%, qwen0.5b 25%" in md
    assert "| 7 · 58% (" in md


def test_the_camera_left_out_is_the_same_measurements_judged_again():
    """A clip rejected only for its camera is accepted with the camera left out; a person where the shot says nobody
    is still a reject."""
    from agents.verdict import judge
    from evals.contest_outcome import _without_camera
    from nightreel.schema import Evidence, ProbeReport, Shot, ShotExpectations

    shot = Shot(id="shot-1", title="t", duration_s=2.0, target="draft", positive="an empty room", negative="",
                camera="locked", lighting="soft", seed=0,
                expectations=ShotExpectations(camera="locked", people="none", motion="subtle"))
    moving = ProbeReport(duration_s=2, fps=24, width=640, height=352, frames=48, camera="pan", motion="subtle")
    v = judge(moving, shot)
    assert v.verdict == "rerender" and _without_camera(v, shot)
    person = moving.model_copy(update={"people": [Evidence(what="person", t_start=0, t_end=1, frame_start=0,
                                                           frame_end=24, box=(10, 10, 50, 100))]})
    v2 = judge(person, shot)
    assert v2.verdict != "accept" and not _without_camera(v2, shot)
