"""`nightreel memory ...` on a real studio and real chromadb: in-process through the Typer app (the
embedding model is loaded once), and one real process for the error line and exit code a user sees."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from nightreel.errors import MemoryStoreError

ROOT = Path(__file__).resolve().parents[2]


class _Result:
    def __init__(self, returncode: int, stdout: str, stderr: str, exception=None):
        self.returncode, self.stdout, self.stderr, self.exception = returncode, stdout, stderr, exception


@pytest.fixture
def nightreel(memory_ef, monkeypatch):
    """Run `nightreel memory ARGS` in this process (NIGHTREEL_STUDIO is the test's studio)."""
    from app.cli import app

    monkeypatch.setenv("COLUMNS", "160")
    runner = CliRunner()

    def run(studio, *args: str) -> _Result:
        assert os.environ["NIGHTREEL_STUDIO"] == str(studio.root)
        r = runner.invoke(app, ["memory", *args])
        return _Result(r.exit_code, r.stdout, r.stderr, r.exception)

    return run


def test_add_show_approve_forget_export(studio, nightreel):
    added = nightreel(studio, "add", "--trigger", "the word 'crowd' in an empty-room shot",
                      "--effect", "extras appear in the doorway", "--fix", "say 'deserted' instead",
                      "--words", "crowd,crowds", "--people", "none")
    assert added.returncode == 0, added.stderr
    lesson_id = added.stdout.strip().splitlines()[-1]
    assert lesson_id.startswith("lesson-")

    listed = nightreel(studio, "list")
    assert listed.returncode == 0, listed.stderr
    assert "seed-gait-words" in listed.stdout and lesson_id in listed.stdout
    assert "7 lessons (7 applied to every plan)" in listed.stdout

    shown = nightreel(studio, "show", lesson_id)
    assert "extras appear in the doorway" in shown.stdout and "people=none" in shown.stdout

    forgot = nightreel(studio, "forget", lesson_id)
    assert forgot.returncode == 0, forgot.stderr
    exported = nightreel(studio, "export")
    assert exported.returncode == 0, exported.stderr
    ids = [ls["id"] for ls in yaml.safe_load(exported.stdout)["lessons"]]
    assert lesson_id not in ids and "seed-wan-negative" in ids


def test_missing_ids_and_empty_triggers_are_refused(studio, nightreel):
    for cmd in ("forget", "show", "approve"):
        res = nightreel(studio, cmd, "lesson-does-not-exist")
        assert res.returncode != 0
        assert isinstance(res.exception, MemoryStoreError)
        assert "no lesson with id 'lesson-does-not-exist'" in str(res.exception)
    res = nightreel(studio, "add", "--trigger", " ", "--effect", "x", "--fix", "y")
    assert res.returncode != 0 and "--trigger is empty" in str(res.exception)


def test_forgetting_a_missing_id_prints_one_line_and_exits_nonzero(studio):
    env = {**os.environ, "NIGHTREEL_STUDIO": str(studio.root), "OMP_NUM_THREADS": "1"}
    res = subprocess.run([sys.executable, "-m", "app.cli", "memory", "forget", "lesson-does-not-exist"],
                         check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines()[-1].startswith("error: no lesson with id 'lesson-does-not-exist'")
    assert "Traceback" not in res.stderr


def test_search_puts_the_gait_lesson_first(studio, nightreel):
    res = nightreel(studio, "search", "first-person walk into an empty bedroom toward the computer", "--limit", "2")
    assert res.returncode == 0, res.stderr
    rows = [line for line in res.stdout.splitlines() if "seed-" in line]
    assert rows[0].split("│")[1].strip() == "seed-gait-words"
    assert len(rows) == 2


def test_learn_then_show_tells_why_the_lesson_exists_and_what_it_changed(studio, nightreel, memory_ef, tmp_path):
    from memory.lessons import lint_shot
    from memory.store import MemoryStore
    from nightreel.boards import write_storyboard
    from nightreel.schema import Brief, Shot, ShotExpectations, Storyboard
    from tests.memory.test_learn import gait_history

    hist = gait_history()
    hist[0] = hist[0].model_copy(update={"clip": str(tmp_path / "gone.mp4"), "note": "a man walks in at 2 s"})
    with MemoryStore.open(studio, memory_ef, seed=False) as store:
        store.record_outcomes(hist)
    # without the seeded gait lesson, learning has to find it in the outcomes
    assert nightreel(studio, "forget", "seed-gait-words").returncode == 0
    learned = nightreel(studio, "learn")
    assert learned.returncode == 0, learned.stderr
    assert "learned tonight" in learned.stdout and "7 of 8 shots rejected" in learned.stdout
    lesson_id = "learned-unexpected-person-footsteps"
    assert nightreel(studio, "approve", lesson_id).returncode == 0
    with MemoryStore.open(studio, memory_ef) as store:
        shot = Shot(id="shot-1", title="hall", duration_s=3, target="draft", positive="glide, footsteps echo",
                    negative="", camera="glide", lighting="night", expectations=ShotExpectations(people="none"))
        shot = lint_shot(shot, store.active_lessons()).shot
    sb = Storyboard(title="hotel hallway", brief=Brief(idea="hotel hallway"), shots=[shot])
    write_storyboard(sb, studio.project_dir("hotel") / "night" / sb.id, "md")
    shown = nightreel(studio, "show", lesson_id)
    assert shown.returncode == 0, shown.stderr
    out = " ".join(shown.stdout.split())
    assert "rejected_with=7" in out and "accepted=21" in out
    assert "rejected shots carrying its words" in out and "a man walks in at 2 s" in out
    assert "gone.mp4 (deleted)" in out
    assert "storyboards it changed (1" in out and sb.id in out
