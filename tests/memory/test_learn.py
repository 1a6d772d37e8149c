"""Learning lessons from outcomes: the gait lesson from a generated history, nothing from noise."""

from __future__ import annotations

import random

from memory.learn import merge_proposals, propose_lessons, reason_key
from nightreel.schema import Outcome, ShotExpectations

SCENE = ["bedroom", "curtain", "sunbeam", "dust", "desk", "monitor", "window", "leaves", "poster", "lamp",
         "carpet", "shelf", "glow", "afternoon", "golden", "warm", "quiet", "breeze", "tree", "glass",
         "wooden", "cozy", "soft", "haze", "shadow", "keyboard", "chair", "bed", "blanket", "clock"]
CAMERA = ["slow dolly in", "locked tripod", "gentle pan left", "steady glide", "slow orbit"]
EMPTY = ShotExpectations(people="none")
GAIT_PHRASES = ["with footsteps on the carpet", "footsteps creak across the floor", "as footsteps approach",
                "to the rhythm of slow footsteps"]


def _prompt(rng: random.Random, extra: str = "") -> str:
    words = rng.sample(SCENE, 7)
    return f"{rng.choice(CAMERA)} through a {' '.join(words[:3])}, {' '.join(words[3:])} {extra}".strip()


def gait_history(seed: int = 7) -> list[Outcome]:
    """29 judged shots: 8 rejected for an unexpected person (7 of them said 'footsteps'), 21 accepted,
    plus a few rejected for flicker that have nothing to do with gait."""
    rng = random.Random(seed)
    outs = []
    for i in range(8):
        extra = GAIT_PHRASES[i % len(GAIT_PHRASES)] if i < 7 else "as the light shifts"
        outs.append(Outcome(shot_id=f"p{i}", prompt=_prompt(rng, extra), verdict="reject", expectations=EMPTY,
                            reasons=[f"unexpected person at {rng.uniform(0.5, 4):.1f} s (frames {i}-{i + 30})"]))
    for i in range(21):
        outs.append(Outcome(shot_id=f"a{i}", prompt=_prompt(rng), verdict="accept", expectations=EMPTY))
    for i in range(6):
        outs.append(Outcome(shot_id=f"f{i}", prompt=_prompt(rng), verdict="rerender", reasons=["flicker"]))
    return outs


def test_reason_key_drops_the_particulars():
    assert reason_key("Unexpected person at 2.1 s (frames 12-40)") == "unexpected person"
    assert reason_key("unexpected person: 3 frames") == "unexpected person"
    assert reason_key("画面闪烁 (0.5 s)") == "画面闪烁"


def test_learning_proposes_the_gait_lesson_with_its_evidence():
    lessons = propose_lessons(gait_history())
    assert len(lessons) == 1
    ls = lessons[0]
    # the learned word first, its other form, then the rest of the gait family (a walker comes for
    # 'stroll' as for 'footsteps'): the proposal names every word it will rewrite
    assert ls.words[:2] == ["footsteps", "footstep"]
    assert {"walking", "stroll", "strides", "walking pace"} <= set(ls.words)
    assert "'stroll'" in ls.evidence and "gait words the lint rewrites" in ls.evidence
    assert ls.status == "proposed" and ls.check == "avoid_words"
    assert ls.evidence.startswith(
        "'footsteps' appeared in 7 of 8 shots rejected for an unexpected person, and in 0 of 21 accepted ones")
    assert ls.counts == {"rejected_with": 7, "rejected": 8, "accepted_with": 0, "accepted": 21}
    assert ls.scope_expectation == {"people": "none"}


def test_the_critics_notes_and_method_line_are_no_reason_to_learn_from():
    """Real verdicts carry notes and the probes-only line beside the finding; one cause learned three times over
    (once per line) was what a three-night run proposed. One lesson, for the finding."""
    outs = gait_history()
    for o in outs:
        o.reasons = [*o.reasons, "checked by the measured probes only (no vision model configured)",
                     "note: the retrieved clip holds 3 s"]
        if o.verdict == "accept":
            o.reasons = ["every measured check matches the shot", "note: the retrieved clip holds 3 s"]
    lessons = propose_lessons(outs)
    assert [ls.words[0] for ls in lessons] == ["footsteps"]
    assert "rejected for an unexpected person" in lessons[0].evidence


def test_a_gait_word_learned_for_another_reason_does_not_take_the_family():
    outs = [o.model_copy(update={"reasons": ["flicker"]}) if o.verdict == "reject" else o for o in gait_history()]
    lessons = propose_lessons(outs)
    assert [ls.words for ls in lessons] == [["footsteps", "footstep"]]
    assert "gait words" not in lessons[0].evidence


def test_a_lesson_is_narrowed_to_one_model_only_where_another_model_took_the_word_well():
    finals = [o.model_copy(update={"target": "final"}) for o in gait_history()]
    (ls,) = propose_lessons(finals)
    assert ls.scope_target is None          # footsteps only ever written for finals: drafts are not spared
    drafts_fine = [Outcome(shot_id=f"d{i}", prompt=f"slow glide down a hallway, footsteps on the carpet, lamp {i}",
                           verdict="accept", target="draft", expectations=EMPTY) for i in range(6)]
    (ls,) = propose_lessons(finals + drafts_fine)
    assert ls.scope_target == "final"


def test_learning_needs_the_minimum_count():
    assert propose_lessons(gait_history(), min_count=8) == []


def test_known_lessons_are_not_proposed_again():
    from memory.lessons import seed_lessons

    assert propose_lessons(gait_history(), known=seed_lessons()) == []  # the seeded gait lesson has 'footsteps'


def test_learning_proposes_nothing_from_noise():
    for seed in range(5):
        rng = random.Random(seed)
        outs = []
        for i in range(300):  # verdicts and reasons independent of the prompt
            verdict = rng.choice(["accept", "accept", "reject", "rerender", "salvage"])
            reasons = [rng.choice(["unexpected person", "flicker", "camera moved", "frozen frames"])] \
                if verdict in ("reject", "rerender") else []
            extra = rng.choice(["with footsteps", "with a ticking clock", "", "as leaves fall"])
            outs.append(Outcome(shot_id=f"n{i}", prompt=_prompt(rng, extra), verdict=verdict, reasons=reasons))
        assert propose_lessons(outs) == [], f"noise seed {seed} proposed a lesson"


def test_chinese_prompts_are_learned_from_too():
    rng = random.Random(3)
    outs = [Outcome(shot_id=f"r{i}", prompt=_prompt(rng, "，脚步声"), verdict="reject",
                    reasons=["unexpected person"]) for i in range(6)]
    outs += [Outcome(shot_id=f"a{i}", prompt=_prompt(rng), verdict="accept") for i in range(20)]
    assert "脚步声" in [w for ls in propose_lessons(outs) for w in ls.words]


def test_store_learns_confirms_only_on_new_evidence_then_applies(memory_store):
    rng = random.Random(11)

    def strobe_night(n_bad: int, start: int) -> list[Outcome]:
        bad = [Outcome(shot_id=f"b{start + i}", prompt=_prompt(rng, "under a strobe light"), verdict="reject",
                       reasons=["flicker at 1.2 s"]) for i in range(n_bad)]
        good = [Outcome(shot_id=f"g{start + i}", prompt=_prompt(rng), verdict="accept") for i in range(15)]
        return bad + good

    memory_store.record_outcomes(strobe_night(6, 0))
    first = merge_proposals(memory_store)
    assert [ls.words for ls in first] == [["strobe light"]]
    lid = first[0].id
    assert memory_store.get_lesson(lid).status == "proposed"
    assert lid not in [ls.id for ls in memory_store.active_lessons()]

    assert merge_proposals(memory_store) == []  # the same night read again is not a confirmation
    memory_store.record_outcomes(strobe_night(5, 100))
    again = merge_proposals(memory_store)
    assert [ls.id for ls in again] == [lid] and again[0].times_confirmed == 2
    assert "'strobe light' appeared in 11 of 11 shots rejected for a flicker" in memory_store.get_lesson(lid).evidence
    assert lid in [ls.id for ls in memory_store.active_lessons()]  # confirmations=2 in the fixture


def test_accepted_shots_stored_after_a_proposal_refresh_its_evidence_without_confirming_it(memory_store):
    # two nights at once: one learned before the other's last accepted shots were stored; the person must
    # read the evidence over every shot, and nothing new was rejected, so it is no confirmation
    rng = random.Random(5)
    memory_store.record_outcomes(
        [Outcome(shot_id=f"b{i}", prompt=_prompt(rng, "under a strobe light"), verdict="reject",
                 reasons=["flicker at 1.2 s"]) for i in range(6)]
        + [Outcome(shot_id=f"g{i}", prompt=_prompt(rng), verdict="accept") for i in range(10)])
    [lesson] = merge_proposals(memory_store)
    assert lesson.counts["accepted"] == 10
    memory_store.record_outcomes([Outcome(shot_id=f"h{i}", prompt=_prompt(rng), verdict="accept") for i in range(3)])
    assert merge_proposals(memory_store) == []
    stored = memory_store.get_lesson(lesson.id)
    assert stored.counts["accepted"] == 13 and stored.times_confirmed == lesson.times_confirmed
    assert "in 0 of 13 accepted ones" in stored.evidence
