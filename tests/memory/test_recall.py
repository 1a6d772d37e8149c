"""Recall of past work: the past shots most like a brief, with what became of them, within a budget."""

from __future__ import annotations

from datetime import timedelta

from memory.recall import estimate_tokens, past_shots_block, recall_past_shots
from nightreel.schema import Outcome, ShotExpectations, utcnow

HALL = "slow glide down an empty hotel hallway at night, wall sconces, patterned carpet"
EMPTY = ShotExpectations(people="none")


def _history(now=None):
    now = now or utcnow()
    return [
        Outcome(id="o-acc", shot_id="shot-1", project="hotel", prompt=HALL + ", doors on both sides",
                verdict="accept", expectations=EMPTY, created_at=now - timedelta(days=3)),
        Outcome(id="o-rej", shot_id="shot-2", project="hotel",
                prompt="walking pace down an empty hotel hallway at night, footsteps on the carpet",
                verdict="reject", expectations=EMPTY, reasons=["unexpected person at 2.1 s"],
                clip="/nowhere/deleted-clip.mp4", created_at=now - timedelta(days=2)),
        Outcome(id="o-rev", shot_id="shot-2", project="hotel",
                prompt="walking pace down an empty hotel hallway at night, footsteps on the carpet",
                verdict="reject", expectations=EMPTY, reasons=["rejected by the reviewer"],
                note="a man walks in at the end, again", params={"source": "review", "item": "it-1"},
                created_at=now - timedelta(days=1)),
        Outcome(id="o-far", shot_id="shot-9", project="food", prompt="macro of espresso crema swirling in a cup",
                verdict="accept", created_at=now),
    ]


def test_accepted_are_examples_rejected_come_with_reason_and_note(memory_store):
    memory_store.record_outcomes(_history())
    got = recall_past_shots(memory_store, "an empty hotel corridor at night", max_tokens=500)
    assert [s.outcome_id for s in got.build_on] == ["o-acc"]
    bad = got.avoid
    # the same prompt judged by the critic and reviewed by the person is one entry; the person's word leads
    assert len(bad) == 1 and bad[0].times == 2 and bad[0].reviewed
    assert "unexpected person at 2.1 s" in bad[0].reasons
    assert bad[0].note == "a man walks in at the end, again"
    assert bad[0].clip_exists is False  # the clip was deleted since: said, not fatal
    assert "a man walks in at the end" in got.text and "unexpected person" in got.text
    assert "Accepted" in got.text and "Rejected" in got.text
    assert "espresso" not in got.text  # unrelated shots stay out


def test_never_the_shot_being_rewritten(memory_store):
    memory_store.record_outcomes(_history())
    rewriting = "Walking pace down an empty hotel hallway at night,  footsteps on the carpet."
    got = recall_past_shots(memory_store, rewriting, max_tokens=500, exclude=rewriting)
    assert "footsteps" not in got.text
    assert [s.outcome_id for s in got.shots] == ["o-acc"]


def test_newest_first_among_equals(memory_store):
    now = utcnow()
    same = "static shot of a kettle steaming on a stove in a dark kitchen"
    memory_store.record_outcomes([
        Outcome(id=f"k{i}", shot_id=f"s{i}", prompt=f"{same} ({n})", verdict="accept",
                created_at=now - timedelta(hours=h))
        for i, (n, h) in enumerate([(1, 30), (2, 10), (3, 20)])])
    got = recall_past_shots(memory_store, same, max_tokens=800, exclude=[])
    close = [s for s in got.shots if got.shots[0].similarity - s.similarity < 0.01]
    assert len(close) >= 2
    assert [s.created_at for s in close] == sorted((s.created_at for s in close), reverse=True)


def test_the_block_stays_within_its_token_budget_even_with_a_1mb_note(memory_store):
    memory_store.record_outcomes(_history())
    memory_store.record_outcome(Outcome(id="o-big", shot_id="s-big", prompt=HALL + ", long note",
                                        verdict="reject", reasons=["flicker"], note="too busy " * 120_000,
                                        params={"source": "review"}))
    for budget in (60, 150, 400):
        got = recall_past_shots(memory_store, HALL, max_tokens=budget)
        assert got.tokens <= budget and estimate_tokens(got.text) <= budget
    assert recall_past_shots(memory_store, HALL, max_tokens=60).left_out >= 1
    big = [s for s in recall_past_shots(memory_store, HALL, max_tokens=2000).shots if s.outcome_id == "o-big"]
    assert big and big[0].note == ("too busy " * 120_000).strip()  # the typed result keeps the note whole
    stored = [o for o in memory_store.outcomes() if o.id == "o-big"]
    assert stored[0].note == "too busy " * 120_000  # and memory stores it whole: nothing lost
    assert recall_past_shots(memory_store, HALL, max_tokens=0).text == ""


def test_past_shots_block_for_the_expansion_prompt(memory_store):
    assert past_shots_block(memory_store, HALL, 300) == ""  # nothing remembered yet: nothing added
    assert past_shots_block(None, HALL, 300) == ""
    memory_store.record_outcomes(_history())
    block = past_shots_block(memory_store, HALL, 300)
    assert block.startswith("Past shots like this one") and estimate_tokens(block) <= 300


def test_a_review_note_is_searched_with_the_prompt(memory_store):
    # two prompts alike; only the person's note says what went wrong
    memory_store.record_outcomes([
        Outcome(id="n1", shot_id="a", prompt="a kettle on the stove, morning light, close-up", verdict="reject",
                reasons=["rejected by the reviewer"], note="the steam looks like smoke, as if it were burning",
                params={"source": "review"}),
        Outcome(id="n2", shot_id="b", prompt="a kettle on the stove, evening light, close-up", verdict="accept"),
    ])
    top = memory_store.similar_outcomes("smoke from a burning kettle", limit=1)
    assert top[0].id == "n1"
