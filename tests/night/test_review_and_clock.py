"""Morning review decisions and the night's clock flags."""

from datetime import datetime

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.commands.night import night_window, parse_clock
from nightreel.errors import InputError
from app.night_store import Item, NightStore
from app.review import REVIEWER_SCORE, review_item
from app.scheduler import Estimator, Scheduler, Work
from nightreel.schema import Shot, ShotExpectations, Verdict


class _Memory:
    """Records outcomes like memory.store.MemoryStore.record_outcome (the real store is tested by memory)."""

    def __init__(self):
        self.outcomes = []

    def record_outcome(self, o):
        self.outcomes.append(o)


def _night(studio):
    store = NightStore.open(studio)
    run = store.open_run(day="2026-03-01", start="23:00", dawn="07:00")
    shot = Shot(title="cup", duration_s=2, target="draft", positive="a cup of coffee on a counter", negative="",
                camera="tripod", lighting="night", expectations=ShotExpectations())
    it = store.add_item(Item(run_id=run.id, project="coffee", shot=shot))
    store.update_item(it.id, state="done", verdict=Verdict(verdict="reject", reasons=["too dark"]))
    return store, it


def test_promote_and_requeue_are_recorded_and_queued_for_the_next_night(studio):
    store, it = _night(studio)
    mem = _Memory()
    review_item(store, it.id, "promote", "love the steam", memory=mem)
    review_item(store, it.id, "requeue", "warmer light", memory=mem)
    pending = store.items(state="pending")
    final = next(p for p in pending if p.tier == "final")
    redo = next(p for p in pending if p.tier == "draft")
    assert final.score == REVIEWER_SCORE and final.parent_id == it.id
    assert redo.shot.positive.endswith("warmer light") and redo.round == 1
    assert [r.action for r in store.reviews(it.id)] == ["promote", "requeue"]
    assert [o.verdict for o in mem.outcomes] == ["accept", "rerender"]
    assert mem.outcomes[0].note == "love the steam" and mem.outcomes[0].verdict == "accept"
    # the reviewer's final goes before any final the night proposes by itself
    sched = Scheduler(Estimator(), dawn=datetime(2026, 3, 2, 7))
    night_final = Work("night", "rain", "final", "wan2.2", score=1.01, seq=1)
    chosen = sched.choose([night_final, Work(final.id, "coffee", "final", "wan2.2", score=final.score, seq=2)],
                          datetime(2026, 3, 1, 23))
    assert chosen.id == final.id
    with pytest.raises(InputError, match="no clip"):
        review_item(store, "it-nope", "promote")
    store.close()


def test_review_by_flags_on_the_command_line(studio):
    store, it = _night(studio)
    store.close()
    res = CliRunner().invoke(app, ["review", it.id, "--reject", "--note", "a person walks in"])
    assert res.exit_code == 0, res.output
    assert f"reject {it.id}: a person walks in" in res.output
    res = CliRunner().invoke(app, ["dailies", "--print-path"])
    assert res.exit_code == 0, res.output
    assert res.output.strip().splitlines()[-1].endswith("dailies/2026-03-01/index.html")


def test_clock_flags():
    now = datetime(2026, 3, 1, 22, 30)
    assert parse_clock("07:00", after=now, flag="--dawn") == datetime(2026, 3, 2, 7, 0)
    assert parse_clock("+90m", after=now, flag="--dawn") == datetime(2026, 3, 2, 0, 0)
    assert night_window("23:00", False, "07:00", now) == (datetime(2026, 3, 1, 23), datetime(2026, 3, 2, 7))
    late = datetime(2026, 3, 2, 1, 0)  # started after 23:00: the night begins now
    assert night_window("23:00", False, "07:00", late) == (late, datetime(2026, 3, 2, 7))
    afternoon = datetime(2026, 3, 1, 15, 0)  # a relative dawn counts from the start: wait for 23:00
    assert night_window("23:00", False, "+90m", afternoon) == (datetime(2026, 3, 1, 23), datetime(2026, 3, 2, 0, 30))
    with pytest.raises(InputError, match="HH:MM"):
        parse_clock("tomorrow", after=now, flag="--dawn")
