"""The ledger: a durable state machine, squared with what the servers say."""

from __future__ import annotations

import sqlite3

import pytest

from nightreel.ledger import InvalidTransition, Ledger, reconcile
from nightreel.schema import JobState, RenderJob


def _job(ledger: Ledger, shot: str, server: str = "http://a") -> RenderJob:
    job = ledger.add(RenderJob(shot_id=shot), key=f"k-{shot}")
    return ledger.transition(job.id, JobState.submitted, server=server, attempts=1)


def test_ledger_is_wal_with_full_sync_and_survives_reopen(studio):
    with Ledger.open(studio) as led:
        job = _job(led, "s1")
        assert led._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert led._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with Ledger.open(studio) as again:  # a new process would see the same
        assert again.get(job.id).state == JobState.submitted
        assert [e["to_state"] for e in again.events(job.id)] == ["planned", "submitted"]
        assert again.by_prompt(job.prompt_id).id == job.id
    assert sqlite3.connect(studio.ledger_path).execute("SELECT count(*) FROM jobs").fetchone()[0] == 1


def test_transitions_follow_the_state_machine(studio):
    with Ledger.open(studio) as led:
        job = led.add(RenderJob(shot_id="s1"), key="k")
        with pytest.raises(InvalidTransition):
            led.transition(job.id, JobState.done)  # planned -> done skips the server
        led.transition(job.id, JobState.submitted)
        led.transition(job.id, JobState.running)
        done = led.transition(job.id, JobState.done, clip_path="/x.mp4")
        assert done.finished_at is not None and done.clip_path == "/x.mp4"
        with pytest.raises(InvalidTransition):
            led.transition(job.id, JobState.running)
        assert led.get(job.id).state == JobState.done  # a refused move changes nothing


def test_reconcile_never_resubmits_what_a_server_has_and_resubmits_the_forgotten_once(studio):
    with Ledger.open(studio) as led:
        running, pending, done, forgotten, errored, unasked = (_job(led, s) for s in "abcdef")
        led.update(unasked.id, server="http://b")
        again = _job(led, "g")
        led.transition(again.id, JobState.lost)
        led.transition(again.id, JobState.submitted, attempts=2)  # already resubmitted once
        views = {"http://a": {running.prompt_id: "running", pending.prompt_id: "pending", done.prompt_id: "done",
                              forgotten.prompt_id: "unknown", errored.prompt_id: "error", again.prompt_id: "unknown"}}
        plan = reconcile(led, views)
        assert sorted(plan["wait"]) == sorted([running.id, pending.id])
        assert plan["collect"] == [done.id]
        assert plan["resubmit"] == [forgotten.id]
        assert sorted(plan["failed"]) == sorted([errored.id, again.id])
        assert led.get(running.id).state == JobState.running
        assert led.get(forgotten.id).state == JobState.lost
        assert led.get(again.id).state == JobState.failed and "lost 2 times" in led.get(again.id).error
        assert led.get(unasked.id).state == JobState.submitted  # server b was not reachable: untouched
