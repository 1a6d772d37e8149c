"""Bad input around memory: an older or newer memory folder, two nights at once, the person's review
(a 1 MB note, a deleted clip), and where the learned lessons reach the person (dailies, review, tool)."""

from __future__ import annotations

import hashlib

import pytest
from pydantic_ai import ModelRetry, RunContext
from pydantic_ai.models.test import TestModel
from pydantic_ai.usage import RunUsage

from agents.deps import Deps, Workspace
from agents.memory_tools import recall_past_shots
from app.dailies import collect, render_html, render_markdown
from app.night_store import Item, NightStore
from app.review import pending_proposals, review_item, review_proposals
from memory.learn import learn_from_outcomes
from memory.records import FORMAT
from memory.store import MemoryStore
from nightreel.config import load_settings
from nightreel.errors import MemoryStoreError
from nightreel.schema import Brief, Outcome, Shot, ShotExpectations, Storyboard, Verdict
from tests.memory.test_learn import gait_history
from tests.memory.test_store import _finish, _worker


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_memory_from_an_older_version_is_migrated_not_emptied(studio, memory_ef):
    with MemoryStore.open(studio, memory_ef) as store:
        store.record_outcomes([
            # how a review was remembered before notes were outcome fields
            Outcome(id="old-review", shot_id="s1", prompt="a kettle on the stove, close-up", verdict="reject",
                    reasons=["reviewer: the steam looks like smoke"], params={"source": "review", "item": "it-1"}),
            Outcome(id="old-critic", shot_id="s2", prompt="rain on a window at night", verdict="accept"),
        ])
        store.approve("seed-box-fixes")
    (studio.memory_dir / ".format").unlink()  # a folder written before formats were recorded
    with MemoryStore.open(studio, memory_ef) as store:
        assert store.count_outcomes() == 2 and len(store.list_lessons()) == 6
        old = {o.id: o for o in store.outcomes()}
        assert old["old-review"].note == "the steam looks like smoke"
        assert store.similar_outcomes("smoke pouring from a kitchen", limit=1)[0].id == "old-review"
        assert store.get_lesson("seed-box-fixes").status == "approved"
    assert (studio.memory_dir / ".format").read_text().strip() == str(FORMAT)


@pytest.mark.parametrize("marker, says", [("99", "newer nightreel"), ("not a number", "unreadable format marker")])
def test_a_memory_from_a_newer_version_or_with_a_broken_marker_is_refused_untouched(studio, memory_ef, marker, says):
    with MemoryStore.open(studio, memory_ef) as store:
        store.record_outcome(Outcome(shot_id="s", prompt="p", verdict="accept"))
    (studio.memory_dir / ".format").write_text(marker)
    before = _digest(studio.memory_dir)
    with pytest.raises(MemoryStoreError, match=says):
        MemoryStore.open(studio, memory_ef)
    assert _digest(studio.memory_dir) == before


def test_two_nights_learning_at_once_lose_nothing_and_propose_one_lesson(studio, memory_ef):
    with MemoryStore.open(studio, memory_ef, seed=False):
        pass
    a = _worker("night", str(studio.memory_dir), "north", "12")
    b = _worker("night", str(studio.memory_dir), "south", "12")
    _finish(a)
    _finish(b)
    with MemoryStore.open(studio, memory_ef, seed=False) as store:
        assert store.count_outcomes() == 24
        # the merge holds the write lock: one lesson, proposed as new by exactly one of the two nights
        [lesson] = [ls for ls in store.list_lessons() if "footsteps" in ls.words]
        log_ = store.learning_log()
        assert sorted(e["run_id"] for e in log_) == ["north", "south"]
        assert [i for e in log_ for i in e["new"]] == [lesson.id]
        learn_from_outcomes(store, run_id="morning")
        [lesson] = [ls for ls in store.list_lessons() if "footsteps" in ls.words]
        # counted over both nights' shots: 12 rejected with 'footsteps', 12 accepted without
        assert lesson.counts == {"rejected_with": 12, "rejected": 12, "accepted_with": 0, "accepted": 12}


def _reviewed_night(studio, clip_exists: bool = True):
    store = NightStore.open(studio)
    run = store.open_run(day="2026-03-01", start="23:00", dawn="07:00")
    shot = Shot(title="kettle", duration_s=2, target="draft", positive="a kettle steaming on a stove, dawn light",
                negative="", camera="tripod", lighting="dawn", expectations=ShotExpectations(people="none"))
    clip = studio.root / "kettle.mp4"
    if clip_exists:
        clip.write_bytes(b"\x00" * 16)
    it = store.add_item(Item(run_id=run.id, project="kitchen", shot=shot, storyboard_id="sb-kettle"))
    store.update_item(it.id, state="done", clip_path=str(clip), verdict=Verdict(verdict="accept"))
    return store, it, clip


def test_a_review_note_reaches_memory_whole_with_the_clip_even_one_of_1mb(studio, memory_store):
    store, it, clip = _reviewed_night(studio)
    note = "the steam looks like smoke. " * 37_500  # ~1 MB
    review_item(store, it.id, "reject", note, memory=memory_store)
    store.close()
    got = [o for o in memory_store.outcomes() if o.params.get("source") == "review"]
    assert len(got) == 1
    o = got[0]
    assert o.note == note.strip() and o.verdict == "reject" and o.clip == str(clip)
    assert o.storyboard_id == "sb-kettle" and o.reasons == ["rejected by the reviewer"]
    assert memory_store.similar_outcomes("smoke", limit=1)[0].id == o.id


def test_an_outcome_whose_clip_was_deleted_is_still_recalled_and_learned_from(studio, bare_store):
    hist = gait_history()
    hist = [o.model_copy(update={"clip": f"/gone/{o.shot_id}.mp4"}) for o in hist]
    bare_store.record_outcomes(hist)
    report = learn_from_outcomes(bare_store)
    assert any(ls.words[0] == "footsteps" for ls in report.new)


@pytest.fixture
def bare_store(studio, memory_ef):
    with MemoryStore.open(studio, memory_ef, confirmations=2, seed=False) as store:
        yield store


def test_learned_lessons_top_the_dailies_and_wait_in_review(studio, bare_store):
    bare_store.record_outcomes(gait_history())
    learn_from_outcomes(bare_store, run_id="run-1")
    props = pending_proposals(bare_store)
    assert props and props[0].tonight == "new"
    assert "'footsteps' appeared in 7 of 8 shots rejected for an unexpected person, 0 of 21 accepted" in props[0].line
    store, it, _ = _reviewed_night(studio)
    d = collect(studio, store)
    html, md = render_html(d), render_markdown(d)
    assert html.index("Learned — approve or dismiss") < html.index('class="card"')
    assert props[0].id in html and "'footsteps' appeared in 7 of 8" in md
    answers = iter(["a"])
    said: list[str] = []
    assert review_proposals(bare_store, ask=lambda *a, **k: next(answers), say=said.append) == 1
    assert bare_store.get_lesson(props[0].id).status == "approved"
    assert not pending_proposals(bare_store)
    store.close()


async def test_the_recall_tool_leaves_out_the_shots_being_rewritten(studio, memory_store):
    memory_store.record_outcomes([
        Outcome(shot_id="shot-1", prompt="glide down an empty hallway, footsteps on the carpet", verdict="reject",
                reasons=["unexpected person at 1.2 s"], note="a man walks in"),
        Outcome(shot_id="shot-2", prompt="slow glide down an empty hallway, sconces glowing", verdict="accept"),
    ])
    rewriting = Shot(id="shot-1", title="hall", duration_s=3, target="draft", positive="slow glide down an empty "
                     "hallway, sconces glowing", negative="", camera="glide", lighting="night",
                     expectations=ShotExpectations())
    sb = Storyboard(title="hall", brief=Brief(idea="hall"), shots=[rewriting])
    deps = Deps(settings=load_settings(studio=studio.root), studio=studio, memory=memory_store,
                workspace=Workspace(storyboard=sb))
    ctx = RunContext(deps=deps, model=TestModel(), usage=RunUsage())
    text = await recall_past_shots(ctx, "an empty hotel hallway at night")
    assert "a man walks in" in text and "unexpected person" in text
    assert "sconces glowing" not in text  # the shot being rewritten is never its own example
    with pytest.raises(ModelRetry):
        await recall_past_shots(ctx, "  ")
    no_memory = RunContext(deps=Deps(settings=deps.settings, studio=studio), model=TestModel(), usage=RunUsage())
    assert "no memory" in await recall_past_shots(no_memory, "hallway")
