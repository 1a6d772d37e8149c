"""The memory store on real chromadb with real MiniLM embeddings."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from memory.lessons import lint_shot
from memory.store import MemoryStore
from nightreel.errors import MemoryStoreError
from nightreel.schema import Lesson, Outcome, Shot, ShotExpectations
from prompts import WAN_NEGATIVE

ROOT = Path(__file__).resolve().parents[2]
GAIT_BRIEF = "first-person walk into an empty bedroom toward the computer"


def _worker(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.memory.worker", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _finish(p: subprocess.Popen, timeout: float = 240) -> str:
    out, err = p.communicate(timeout=timeout)
    assert p.returncode == 0, err[-2000:]
    return out


def test_recall_ranks_the_gait_lesson_first(memory_store):
    lessons = memory_store.recall(GAIT_BRIEF)
    assert lessons[0].id == "seed-gait-words"
    # and for the shot itself: no people, a Wan final
    shot_lessons = memory_store.recall(GAIT_BRIEF, target="final", expectations={"people": "none"})
    assert shot_lessons[0].id == "seed-gait-words"
    assert "seed-wan-negative" in [ls.id for ls in memory_store.recall(GAIT_BRIEF, target="final", limit=6)]


def test_recall_filters_by_scope(memory_store):
    ids = [ls.id for ls in memory_store.recall(GAIT_BRIEF, target="draft", expectations={"people": "required"},
                                               limit=10)]
    assert "seed-gait-words" not in ids  # a shot that wants a person may say "walking"
    assert "seed-wan-negative" not in ids  # drafts are LTX-2, not Wan
    assert memory_store.recall("a neon sign that reads OPEN", limit=1)[0].id == "seed-no-legible-text"


def test_store_survives_a_process_restart(studio, memory_ef):
    with MemoryStore.open(studio, memory_ef) as store:
        store.record_outcome(Outcome(shot_id="s1", prompt="curtain breathing in the breeze", verdict="accept"))
        store.forget("seed-box-fixes")
    # another process adds a lesson and 3 outcomes, then exits
    _finish(_worker("lesson", str(studio.memory_dir), "hand-lens-flare", "3"))
    with MemoryStore.open(studio, memory_ef) as store:
        assert store.get_lesson("hand-lens-flare").status == "approved"
        assert store.count_outcomes() == 4
        assert [o.prompt for o in store.outcomes(project="default")] == ["curtain breathing in the breeze"]
        ids = [ls.id for ls in store.list_lessons()]
        assert len(ids) == len(set(ids)) == 7  # seeds not duplicated by reopening
        assert store.get_lesson("seed-box-fixes").status == "retired"  # forgotten stays forgotten
        assert "seed-box-fixes" not in [ls.id for ls in store.active_lessons()]


def test_missing_ids_and_empty_triggers_are_clear_errors(memory_store):
    for call in (memory_store.forget, memory_store.approve, memory_store.get_lesson):
        with pytest.raises(MemoryStoreError, match="no lesson with id 'lesson-nope'"):
            call("lesson-nope")
    with pytest.raises(MemoryStoreError, match="non-empty trigger"):
        memory_store.add_lesson(Lesson(trigger="   ", effect="x", fix="y"))
    with pytest.raises(MemoryStoreError, match="already exists"):
        memory_store.add_lesson(memory_store.get_lesson("seed-gait-words"))


def test_enormous_and_chinese_prompts_are_stored_whole(memory_store):
    huge = "A slow dolly through a sunlit bedroom, dust drifting in the beam. " * 40_000  # ~2.6 MB
    zh = "卧室里的窗帘在微风中轻轻飘动，阳光洒在旧电脑上"
    memory_store.record_outcomes([
        Outcome(id="out-huge", shot_id="s-huge", prompt=huge, verdict="accept"),
        Outcome(id="out-zh", shot_id="s-zh", prompt=zh, negative=WAN_NEGATIVE, target="final", verdict="accept"),
    ])
    by_id = {o.id: o for o in memory_store.outcomes()}
    assert by_id["out-huge"].prompt == huge
    assert by_id["out-zh"].prompt == zh and by_id["out-zh"].negative == WAN_NEGATIVE
    assert memory_store.similar_outcomes("窗帘 微风 电脑", limit=1)[0].id == "out-zh"
    assert memory_store.recall(huge, limit=1)  # a huge query is cut for embedding, not refused


def test_a_corrupt_memory_folder_is_refused_and_left_alone(studio, memory_ef):
    mem = studio.memory_dir
    (mem / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    before = hashlib.sha256((mem / "chroma.sqlite3").read_bytes()).hexdigest()
    with pytest.raises(MemoryStoreError, match="cannot be opened.*Nothing was changed"):
        MemoryStore.open(studio, memory_ef)
    assert hashlib.sha256((mem / "chroma.sqlite3").read_bytes()).hexdigest() == before


def test_a_folder_without_a_database_is_not_started_over(tmp_path, memory_ef):
    mem = tmp_path / "memory"
    (mem / "4b1c0f9e-segment").mkdir(parents=True)
    (mem / "4b1c0f9e-segment" / "data_level0.bin").write_bytes(b"\0" * 64)
    with pytest.raises(MemoryStoreError, match="no chroma.sqlite3"):
        MemoryStore.open(mem, memory_ef, confirmations=2)
    assert not (mem / "chroma.sqlite3").exists()


def test_a_locked_memory_folder_is_a_clear_error(studio, memory_ef):
    with MemoryStore.open(studio, memory_ef):
        pass
    ready = studio.root / "lock-held"
    holder = _worker("hold-lock", str(studio.memory_dir), str(ready))
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert holder.poll() is None, holder.stderr.read()
            assert time.monotonic() < deadline, "the lock holder never started"
            time.sleep(0.05)
        with pytest.raises(MemoryStoreError, match="is locked: another nightreel process"):
            MemoryStore.open(studio, memory_ef, lock_timeout=0.5)
    finally:
        holder.kill()
        holder.wait()
    with MemoryStore.open(studio, memory_ef, lock_timeout=5) as store:  # the lock dies with its process
        assert store.count_outcomes() == 0


def test_two_processes_writing_at_once_lose_nothing(studio, memory_ef):
    with MemoryStore.open(studio, memory_ef) as store:
        assert store.count_outcomes() == 0
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        procs = [_worker("outcomes", str(studio.memory_dir), tag, "200", env=env) for tag in ("night", "chat")]
        for p in procs:
            _finish(p, timeout=600)
        # the long-lived store sees the other processes' writes without reopening by hand
        outs = store.outcomes()
        assert len(outs) == 400
        assert {o.id for o in outs} == {f"out-{t}-{i}" for t in ("night", "chat") for i in range(200)}
        hits = store.similar_outcomes("chat shot 123: slow dolly across a quiet kitchen at dusk", limit=3)
        assert "out-chat-123" in [o.id for o in hits]


def test_only_confirmed_or_approved_proposals_are_applied(memory_store):
    proposed = Lesson(id="learned-unexpected-person-corridor", trigger="'corridor' in the prompt",
                      effect="shots get rejected for an unexpected person", fix="say 'hallway, empty'",
                      words=["corridor"], check="avoid_words", scope_expectation={"people": "none"},
                      status="proposed", times_confirmed=1, source="learned from outcomes")
    memory_store.save_lesson(proposed)
    shot = Shot(title="t", duration_s=5, target="draft", positive="a dim corridor at night", negative="",
                camera="dolly in", lighting="moonlight", expectations=ShotExpectations(people="none"))
    assert proposed.id not in [ls.id for ls in memory_store.active_lessons()]
    assert lint_shot(shot, memory_store.active_lessons()).shot.positive.count("corridor") == 1

    memory_store.save_lesson(proposed.model_copy(update={"times_confirmed": 2}))  # confirmed twice = applied
    res = lint_shot(shot, memory_store.active_lessons())
    assert "corridor" not in res.shot.positive and any("'corridor' left out" in c for c in res.changes)
    assert proposed.id in res.shot.lessons_applied
    assert memory_store.recall("a dim corridor at night", expectations={"people": "none"}, limit=1)[0].id == proposed.id

    memory_store.approve(proposed.id)
    assert memory_store.get_lesson(proposed.id).status == "approved"
    memory_store.forget(proposed.id)  # learned lessons are retired, so learning will not propose them again
    assert memory_store.get_lesson(proposed.id).status == "retired"


def test_a_linted_shot_and_its_verdict_are_remembered_together(memory_store):
    from memory.records import outcome_from_verdict
    from nightreel.schema import Verdict

    shot = Shot(title="walk-in", duration_s=5, target="final", positive="first-person walk toward the desk",
                negative="", camera="walking pace", lighting="golden", expectations=ShotExpectations(people="none"))
    linted = lint_shot(shot, memory_store.active_lessons()).shot
    assert "walk" not in linted.positive.lower().replace("empty room", "")
    verdict = Verdict(verdict="reject", reasons=["unexpected person at 2.0 s"])
    memory_store.record_outcome(outcome_from_verdict(linted, verdict, project="nostalgia"))
    [out] = memory_store.outcomes(project="nostalgia")
    assert out.prompt == linted.positive and out.reasons == ["unexpected person at 2.0 s"]
    assert {"seed-gait-words", "seed-wan-negative"} <= set(out.lessons_applied)
