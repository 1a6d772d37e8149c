"""The night decides with its memory and learns while it runs (scripted decider: FunctionModel; a real memory;
no render servers: clips already judged wait in a real night store, the night's decision batch is called).

- the decider is shown the lessons in the shot's scope (approved and proposed, with their counts) and the past
  outcomes of similar shots (the critic's reason, the person's note), and the record lists what it was shown and
  what it cited;
- a re-render's prompt is the model's rewrite, linted with a LEARNED lesson (no seeded lesson in this memory);
- learning runs after every few judged clips: its proposal applies to the rest of the night, as a proposal;
- learning that raises mid-night leaves the night going, and the clip's card and the report say so.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from pydantic_ai.messages import ModelResponse, ToolCallPart
from pydantic_ai.models.function import FunctionModel

from app.night import NightPlan, _Night
from app.night_decisions import rerender_shot_for
from app.night_store import Item, NightStore
from memory.learn import learn_from_outcomes
from memory.store import MemoryStore
from nightreel.config import load_settings
from nightreel.schema import Outcome, Shot, ShotExpectations, Verdict
from tests.memory.test_learn import EMPTY, _prompt, gait_history

PERSON = "unexpected person at 2.0 s"


@pytest.fixture
def bare_store(studio, memory_ef):
    """A memory with no seeded lesson: whatever the lint does here, a learned lesson did."""
    with MemoryStore.open(studio, memory_ef, confirmations=3, seed=False) as store:
        yield store


def _shot(positive: str, title: str = "Hallway") -> Shot:
    return Shot(title=title, duration_s=2, target="draft", positive=positive, negative="", camera="glide",
                lighting="night", expectations=ShotExpectations(people="none"))


def _prompt_of(messages) -> str:
    return "\n".join(str(getattr(p, "content", "")) for m in messages for p in getattr(m, "parts", []))


def _night(studio, tmp_path, store, memory, decider, **settings_kw):
    settings = load_settings(studio=studio.root, workflow="animatic", **settings_kw)
    deps = SimpleNamespace(settings=settings, studio=studio, comfy=None, memory=memory, ledger=None)
    now = datetime(2026, 3, 3, 2, 0)
    plan = NightPlan(notes_dir=tmp_path, start=now - timedelta(hours=3), dawn=now + timedelta(hours=4))
    night = _Night(deps, None, store, plan, clock=lambda: now, on_event=None, decision_model=FunctionModel(decider))
    night.report.run_id = store.open_run(day="2026-03-03", start="23:00", dawn="07:00").id
    return night


def _judged(store: NightStore, run_id: str, shot: Shot, reasons=(PERSON,), verdict="reject") -> Item:
    it = store.add_item(Item(run_id=run_id, project="hotel", shot=shot, note_hash="h"))
    return store.update_item(it.id, state="deciding", verdict=Verdict(verdict=verdict, reasons=list(reasons)))


async def test_the_decider_sees_memory_and_its_rewrite_carries_a_learned_lessons_fix(studio, tmp_path, bare_store):
    # what the studio went through: 'footsteps' got shots rejected for a person; learning proposed it, a person
    # approved it. A second proposal (still proposed) and two past outcomes like tonight's shot.
    bare_store.record_outcomes(gait_history())
    [learned] = learn_from_outcomes(bare_store, run_id="last-night").new
    bare_store.approve(learned.id)
    bad = Outcome(id="out-hall-rejected", shot_id="s1", prompt="slow glide down a hotel hallway at night, footsteps "
                  "on the carpet", verdict="reject", reasons=["unexpected person at 1.5 s"], expectations=EMPTY,
                  note="a man in a suit walks out of room 12")
    good = Outcome(id="out-hall-accepted", shot_id="s2", prompt="slow glide down an empty hotel hallway at night, "
                   "sconces glowing, carpet", verdict="accept", expectations=EMPTY)
    bare_store.record_outcomes([bad, good])
    seen = []

    def decider(messages, info):
        seen.append(_prompt_of(messages))
        return ModelResponse(parts=[ToolCallPart("decide_clip", {
            "action": "rerender", "reason": f"a person walked in, as in {bad.id}; {learned.id} says footsteps summon one",
            "change": "no footsteps",
            "new_prompt": "A slow glide down the hotel hallway at night, soft footsteps, sconces glowing",
            "cited": [learned.id, "out-made-up"]})])

    with NightStore.open(studio) as store:
        night = _night(studio, tmp_path, store, bare_store, decider)
        it = _judged(store, night.report.run_id, _shot("slow glide down a hotel hallway at night, carpet, sconces"))
        await night.conclude(it)
        done, child = store.item(it.id), store.item(f"{it.id}-r1")

    prompt = seen[0]
    # shown as quoted data: the lesson with its status and counts, the past outcomes with reason and note
    assert f"[{learned.id}] approved, in 7 of 8 rejected shots and 0 of 21 accepted ones" in prompt
    assert f"[{bad.id}] rejected" in prompt and "unexpected person at 1.5 s" in prompt
    assert "a man in a suit walks out of room 12" in prompt and f"[{good.id}] accepted" in prompt
    [dc] = done.decisions
    assert learned.id in dc["shown"]["lessons"] and {bad.id, good.id} <= set(dc["shown"]["outcomes"])
    assert dc["cited"] == [learned.id, bad.id]        # named in cited or in its words, and shown; not the made-up one
    assert (dc["by"], dc["prompt_by"]) == ("agent", "agent")
    # the model's rewrite, not the old prompt with a sentence appended, linted with the learned lesson
    assert child.shot.positive.startswith("A slow glide down the hotel hallway at night, soft 3 slow gentle dips")
    assert "footsteps" not in child.shot.positive and "no footsteps" not in child.shot.positive
    assert learned.id in child.shot.lessons_applied
    assert not any(i.startswith("seed-") for i in child.shot.lessons_applied)
    assert any("memory shown" in t and f"cited {learned.id}, {bad.id}" in t for t in done.tried)


def test_without_a_rewrite_the_rule_appends_the_change_and_says_so():
    d = SimpleNamespace(new_prompt=None, change="describe a Steadicam glide", new_seed=True)
    shot, by = rerender_shot_for(_shot("a hallway at night"), d, [])
    assert by == "rule" and shot.positive == "a hallway at night. describe a Steadicam glide"
    same = SimpleNamespace(new_prompt="A hallway at night.", change="", new_seed=True)   # no real rewrite
    assert rerender_shot_for(_shot("a hallway at night"), same, [])[1] == "rule"


async def test_a_lesson_learned_mid_night_applies_to_the_rest_of_it_as_a_proposal(studio, tmp_path, bare_store):
    rng = random.Random(3)
    # before tonight: 3 shots rejected with 'footsteps' (too few to learn from) and 21 accepted
    bare_store.record_outcomes([Outcome(shot_id=f"p{i}", prompt=_prompt(rng, "footsteps on the carpet"),
                                        verdict="reject", reasons=[PERSON], expectations=EMPTY) for i in range(3)]
                               + [Outcome(shot_id=f"a{i}", prompt=_prompt(rng), verdict="accept", expectations=EMPTY)
                                  for i in range(21)])

    def decider(messages, info):
        if "Fifth" not in _prompt_of(messages):
            return ModelResponse(parts=[ToolCallPart("decide_clip", {"action": "drop", "reason": "a person walked in"})])
        return ModelResponse(parts=[ToolCallPart("decide_clip", {
            "action": "rerender", "reason": "a person", "change": "glide", "new_prompt": "a glide down the hall, footsteps echo"})])

    with NightStore.open(studio) as store:
        night = _night(studio, tmp_path, store, bare_store, decider, night_learn_every=4)
        items = [_judged(store, night.report.run_id, _shot(_prompt(rng, "footsteps echo"), title=t))
                 for t in ("One", "Two", "Three", "Fourth", "Fifth")]
        for it in items:
            await night.conclude(it)
        fourth, fifth = store.item(items[3].id), store.item(items[4].id)
        child = store.item(f"{items[4].id}-r1")
    [lesson] = bare_store.list_lessons("proposed")
    assert lesson.status == "proposed" and "footsteps" in lesson.words     # a person still approves it for good
    assert night.tonight == {lesson.id}
    # learning ran after the fourth judged clip, and its card says what it learned and that it applies tonight
    assert any("mid-night: learned tonight" in t and "applied to the rest of the night as a proposal" in t
               for t in fourth.tried)
    # the fifth clip's decider was shown the proposal; its re-render was linted with it
    assert lesson.id in fifth.decisions[0]["shown"]["lessons"]
    assert "footsteps" not in child.shot.positive and lesson.id in child.shot.lessons_applied
    assert any("proposed: applied tonight" in line for line in child.shot.lint)
    assert any(lesson.id in line and "as a proposal" in line for line in night.report.learned)


class _LearningBreaks:
    """The memory, except that reading every outcome for learning raises."""

    def __init__(self, store: MemoryStore):
        self._store = store

    def outcomes(self, **kw):
        raise RuntimeError("disk on fire")

    def __getattr__(self, name):
        return getattr(self._store, name)


async def test_learning_that_raises_mid_night_leaves_the_night_going_and_is_said(studio, tmp_path, bare_store):
    def decider(messages, info):
        return ModelResponse(parts=[ToolCallPart("decide_clip", {"action": "drop", "reason": "a person walked in"})])

    with NightStore.open(studio) as store:
        night = _night(studio, tmp_path, store, _LearningBreaks(bare_store), decider, night_learn_every=2)
        for i in range(3):
            _judged(store, night.report.run_id, _shot(f"a hallway, take {i}"))
        assert await night.decide_waiting() == 3
        await night.learn_now(final=True)
        items = store.items()
    assert all(it.state == "done" and it.decision == "reject" for it in items)     # every clip decided
    said = [t for it in items for t in it.tried if "learning failed" in t]
    assert len(said) == 1 and "mid-night (RuntimeError: disk on fire); the night went on" in said[0]
    assert [ln.split(" (")[0] for ln in night.report.learned] == ["learning failed mid-night",
                                                                   "learning failed at the night's end"]
    assert bare_store.count_outcomes() == 3                                          # the outcomes were kept


def test_a_proposal_contradicting_an_approved_lesson_is_reported_not_applied(studio, memory_ef):
    """The seeded gait lesson writes "no people visible anywhere" into every empty shot; outcomes that blame
    'visible anywhere' for a person contradict it: the proposal is kept for a person to see, never applied."""
    rng = random.Random(5)
    with MemoryStore.open(studio, memory_ef, confirmations=3) as store:     # seeded
        store.record_outcomes(
            [Outcome(shot_id=f"p{i}", prompt=_prompt(rng, ", visible anywhere"), verdict="reject",
                     reasons=[PERSON], expectations=EMPTY) for i in range(7)]
            + [Outcome(shot_id=f"a{i}", prompt=_prompt(rng), verdict="accept", expectations=EMPTY)
               for i in range(21)])
        rep = learn_from_outcomes(store, run_id="tonight", apply_until=datetime.now() + timedelta(hours=4))
        [ls] = [x for x in rep.new if "visible" in " ".join(x.words)]
        assert ls.id in rep.contradicting and "seed-gait-words" in rep.contradicting[ls.id]
        assert ls.id not in rep.applied_tonight and ls.id not in [x.id for x in store.active_lessons()]
        assert any(line.startswith(f"not applied ({ls.id})") for line in rep.lines())
        assert store.get_lesson(ls.id).status == "proposed"


async def test_a_salvage_that_fails_becomes_a_reject_and_the_record_says_so(studio, tmp_path):
    def decider(messages, info):
        return ModelResponse(parts=[ToolCallPart("decide_clip", {
            "action": "salvage", "reason": "cut before the person", "ops": [{"op": "trim", "start_s": 0, "end_s": 1.0}]})])

    with NightStore.open(studio) as store:
        night = _night(studio, tmp_path, store, None, decider)
        it = _judged(store, night.report.run_id, _shot("a hallway"), verdict="salvage")
        store.update_item(it.id, clip_path=str(studio.root / "gone.mp4"))      # the clip is not there any more
        await night.conclude(store.item(it.id))
        done = store.item(it.id)
    [dc] = done.decisions
    assert done.decision == "reject" and (dc["action"], dc["by"], dc["args"]["action"]) == ("drop", "rule", "salvage")
    assert "the salvage failed" in dc["note"] and "the clip is rejected" in dc["note"] and not dc["promote"]
    assert not store_children(studio, it.id)


def store_children(studio, item_id: str) -> list:
    with NightStore.open(studio) as store:
        return [i for i in store.items() if i.parent_id == item_id]


def test_tonights_proposal_applies_until_dawn_everywhere_and_the_dailies_mark_it(bare_store):
    """Chat and storyboards read the same memory: until dawn they lint with tonight's proposal too."""
    from app.review import pending_proposals

    bare_store.record_outcomes(gait_history())
    rep = learn_from_outcomes(bare_store, run_id="tonight", apply_until=datetime.now() + timedelta(hours=2))
    [ls] = rep.new
    assert rep.applied_tonight == [ls.id]
    active = {x.id: x for x in bare_store.active_lessons()}
    assert active[ls.id].status == "proposed"                      # applied, still a proposal
    [p] = pending_proposals(bare_store)
    assert p.line.startswith("learned tonight") and "applied to the rest of the night as a proposal" in p.line
    bare_store.apply_tonight([ls.id], datetime.now() - timedelta(minutes=1))   # dawn has passed
    assert ls.id not in [x.id for x in bare_store.active_lessons()]
