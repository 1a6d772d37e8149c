"""The loop: outcomes (with the person's notes) → learning after a night → approval → the next storyboard."""

from __future__ import annotations

import random

import pytest

from memory.explain import explain_lesson
from memory.learn import learn_from_outcomes, propose_lessons, reviewed_view
from memory.lessons import EMPTY_OPEN, lint_shot
from memory.store import MemoryStore
from nightreel.boards import write_storyboard
from nightreel.schema import Brief, Outcome, Shot, ShotExpectations, Storyboard
from tests.memory.test_learn import EMPTY, gait_history


@pytest.fixture
def bare_store(studio, memory_ef):
    """A memory that starts with no lessons at all (learning has to find everything itself)."""
    with MemoryStore.open(studio, memory_ef, confirmations=2, seed=False) as store:
        yield store


def _shot(positive: str, **exp) -> Shot:
    return Shot(id="shot-1", title="hall", duration_s=4, target="draft", positive=positive, negative="",
                camera="glide", lighting="night", expectations=ShotExpectations(**exp))


def test_learning_after_a_night_reports_new_then_confirmed_with_counts(bare_store):
    hist = gait_history()
    bare_store.record_outcomes(hist)
    first = learn_from_outcomes(bare_store, run_id="night-1")
    assert not first.error and first.outcomes == len(hist)
    new = [ls for ls in first.new if ls.words[0] == "footsteps"]
    assert new, first.lines()
    assert "7 of 8 shots rejected for an unexpected person, and in 0 of 21 accepted" in new[0].evidence
    assert any("learned tonight" in line and "footsteps" in line for line in first.lines())
    again = learn_from_outcomes(bare_store, run_id="night-1-again")
    assert not again.new and not again.confirmed  # the same night re-read is not new evidence
    rng = random.Random(3)
    bare_store.record_outcomes([Outcome(shot_id=f"n{i}", prompt=f"glide past a {rng.random():.3f} desk, footsteps",
                                          verdict="reject", expectations=EMPTY, reasons=["unexpected person"])
                                  for i in range(3)])
    third = learn_from_outcomes(bare_store, run_id="night-2")
    assert [ls.id for ls in third.confirmed] == [new[0].id] and third.confirmed[0].times_confirmed == 2
    assert [e["run_id"] for e in bare_store.learning_log()] == ["night-1", "night-1-again", "night-2"]


def test_a_persons_notes_become_the_lessons_evidence():
    hist = [o for o in gait_history() if o.verdict == "accept"]
    rng = random.Random(5)
    for i in range(6):
        hist.append(Outcome(shot_id=f"k{i}", prompt=f"a kettle steaming on a stove, {rng.choice(['dawn', 'dusk'])} "
                                                     f"light, shot {i}", verdict="reject",
                            reasons=["rejected by the reviewer"], note="the steam looks like smoke, fire alarm vibes",
                            params={"source": "review", "item": f"it-{i}"}))
    props = propose_lessons(hist)
    steam = [ls for ls in props if ls.words[0] in ("steaming", "kettle", "stove", "kettle steaming")]
    assert steam, [ls.words for ls in props]
    assert 'the person wrote: "the steam looks like smoke, fire alarm vibes"' in steam[0].evidence


def test_a_review_replaces_the_critics_verdict_on_the_same_clip():
    critic = Outcome(shot_id="s", prompt="p", verdict="accept", params={"item": "it-1"})
    person = Outcome(shot_id="s", prompt="p", verdict="reject", reasons=["rejected by the reviewer"],
                     params={"item": "it-1", "source": "review"})
    other = Outcome(shot_id="t", prompt="q", verdict="accept", params={"item": "it-2"})
    assert {(o.shot_id, o.verdict) for o in reviewed_view([critic, person, other])} == {("s", "reject"), ("t", "accept")}


def test_an_approved_learned_trigger_is_rewritten_where_the_lint_can_and_left_out_where_it_cannot(bare_store):
    bare_store.record_outcomes(gait_history())
    lesson = next(ls for ls in learn_from_outcomes(bare_store).new if ls.words[0] == "footsteps")
    shot = _shot("slow glide down the hall, footsteps on the carpet", people="none")
    # proposed, not yet approved: the next storyboard is not changed
    assert lint_shot(shot, bare_store.active_lessons()).shot.positive == shot.positive
    bare_store.approve(lesson.id)
    active = [ls for ls in bare_store.active_lessons() if ls.id.startswith("learned-")]
    res = lint_shot(shot, active)
    assert "footsteps" not in res.shot.positive and "3 slow gentle dips of the camera" in res.shot.positive
    assert lesson.id in res.shot.lessons_applied and any("learned trigger 'footsteps'" in c for c in res.changes)
    # a learned word the lint has no rewrite for: left out (the lesson's fix), and the change says which lesson
    odd = lesson.model_copy(update={"id": "learned-x-chandelier", "words": ["chandelier"], "status": "approved"})
    res2 = lint_shot(_shot("a chandelier sways in an empty hall", people="none"), [odd])
    assert "chandelier" not in res2.shot.positive and "sways in an empty hall" in res2.shot.positive
    assert any("'chandelier' left out (learned-x-chandelier" in c for c in res2.changes)
    assert lint_shot(res.shot, active).shot.positive == res.shot.positive  # idempotent


def test_memory_show_story_counts_shots_clips_and_storyboards(bare_store, studio, tmp_path):
    hist = gait_history()
    clip = tmp_path / "p0.mp4"
    clip.write_bytes(b"not really a clip")
    hist[0] = hist[0].model_copy(update={"clip": str(clip)})
    hist[1] = hist[1].model_copy(update={"clip": str(tmp_path / "deleted.mp4")})
    bare_store.record_outcomes(hist)
    lesson = next(ls for ls in learn_from_outcomes(bare_store).new if ls.words[0] == "footsteps")
    bare_store.approve(lesson.id)
    shot = lint_shot(_shot("glide along the hall, footsteps", people="none"), bare_store.active_lessons()).shot
    sb = Storyboard(title="hotel at night", brief=Brief(idea="hotel at night"), shots=[shot])
    write_storyboard(sb, studio.project_dir("hotel") / "night" / sb.id, "md")
    story = explain_lesson(bare_store, lesson.id, studio.root)
    assert len(story.rejected) == 7 and not story.accepted
    clips = {e.clip: e.clip_exists for e in story.rejected if e.clip}
    assert clips == {str(clip): True, str(tmp_path / "deleted.mp4"): False}
    assert [b.storyboard_id for b in story.boards] == [sb.id] and story.boards[0].shots == ["shot-1"]
    assert story.learned and story.learned[0].startswith("proposed")


def test_empty_open_bookend_still_comes_from_the_seed_rule(memory_store):
    # seeded and learned lessons work together: the seed's bookends, the learned rewrite
    res = lint_shot(_shot("walking down the hall", people="none"), memory_store.active_lessons())
    assert res.shot.positive.startswith(EMPTY_OPEN)
