"""The scheduler on a simulated clock: drafts for every project first, nothing that cannot finish by dawn."""

from datetime import datetime, timedelta

from app.scheduler import SEED_SECONDS, Estimator, Scheduler, Work, simulate

T0 = datetime(2026, 3, 1, 23, 0)
DAWN = datetime(2026, 3, 2, 7, 0)


def test_estimates_start_at_the_seed_figures_and_learn_from_history():
    est = Estimator()
    assert est.estimate("ltx2") == SEED_SECONDS["ltx2"] == 180
    assert est.estimate("wan2.2") == 1500 and est.estimate("flux2") == 40 and est.estimate("plan") == 90
    for _ in range(20):
        est.observe("ltx2", 60.0, "768x512x97")
    assert 60 < est.estimate("ltx2", "768x512x97") < 80      # this box is faster: the history wins
    assert est.estimate("wan2.2") == 1500                    # other workflows keep their prior


def test_every_project_gets_drafts_before_any_project_gets_a_final():
    s = Scheduler(Estimator(), dawn=DAWN)
    pending = [Work("fa", "a", "final", "wan2.2", score=0.9, seq=1)]
    pending += [Work(f"d{p}{i}", p, "draft", "ltx2", seq=10 + i) for p in "ab" for i in range(2)]
    order = []
    while pending:
        w = s.choose(pending, T0)
        pending.remove(w)
        s.started_job(w)
        order.append(w.id)
    assert order[-1] == "fa"
    assert {order[0][1], order[1][1]} == {"a", "b"}  # round-robin: one draft of each project first


def test_never_starts_a_job_that_cannot_finish_before_dawn():
    s = Scheduler(Estimator(), dawn=DAWN)
    final = Work("f", "a", "final", "wan2.2", seq=1)
    draft = Work("d", "a", "draft", "ltx2", round=1, seq=2)
    late = DAWN - timedelta(minutes=10)
    assert s.choose([final, draft], late) is draft          # the final (25 min) does not fit; a draft does
    assert s.choose([final], late) is None
    assert s.choose([draft], DAWN - timedelta(minutes=2)) is None


def test_simulated_night_matches_the_seed_volume_and_beats_fifo_on_projects_served():
    notes = [(p, 4) for p in ("coffee", "rain", "desk", "city") for _ in range(3)]
    ours = simulate(notes, start=T0, dawn=DAWN, policy="ours")
    fifo = simulate(notes, start=T0, dawn=DAWN, policy="fifo")
    assert ours.late_starts == 0 and ours.overrun_s == 0
    assert 40 <= ours.drafts <= 60 and 8 <= ours.finals <= 14    # the seed: 40-60 drafts + about 10 finals
    assert ours.final_projects == {"coffee", "rain", "desk", "city"}
    # the baseline keeps the same dawn rule: neither runs past dawn, so ours wins on what it orders, not on the tail
    assert fifo.late_starts == 0 and fifo.overrun_s == 0
    assert ours.busy_fraction >= fifo.busy_fraction
    assert len(ours.final_projects) > len(fifo.final_projects)
