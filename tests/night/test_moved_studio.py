"""A studio folder moved (or restored from a backup elsewhere) still finds its clips: the ledger keeps paths
relative to the studio root, and re-bases the absolute paths older ledgers hold."""

import json
import re
import shutil
import sqlite3
from pathlib import Path

import numpy as np

from app.dailies import write_dailies
from app.night_store import Item, NightStore
from nightreel.ledger import Ledger
from nightreel.schema import Clip, JobState, RenderJob, Shot, ShotExpectations, Verdict
from nightreel.studio import Studio
from tools.comfy.runner import _clip_from_done
from tools.media import write_clip


def _shot(title):
    return Shot(title=title, duration_s=1, target="draft", positive=f"{title}, night", negative="people",
                camera="tripod", lighting="neon", expectations=ShotExpectations(people="none"))


def _night(studio: Studio) -> tuple[str, str, Path]:
    """One night's clip, as the night records it: a done ledger job with its sidecar, an item with clip and sheet."""
    out = studio.project_dir("coffee") / "night" / "sb-1" / "it-1"
    frames = [np.full((64, 96, 3), 30 + 5 * i, np.uint8) for i in range(16)]
    clip = write_clip(out / "shot-1-draft-1.mp4", frames, root=studio.root, fps=16)
    sheet = out / "sheet.png"
    sheet.write_bytes(b"not really a png")
    clip.with_suffix(".json").write_text(json.dumps({"clip": Clip(path=str(clip), shot_id="shot-1", frames=16,
                                                                  provenance_path=None).model_dump()}))
    board = studio.project_dir("coffee") / "boards" / "sb-1" / "storyboard.json"
    board.parent.mkdir(parents=True)
    board.write_text("{}")
    with Ledger.open(studio) as led:
        job = led.add(RenderJob(storyboard_id="sb-1", project="coffee", shot_id="shot-1"), key="k")
        for state in (JobState.submitted, JobState.running):
            led.transition(job.id, state)
        led.transition(job.id, JobState.done, clip_path=str(clip))
    with NightStore.open(studio) as store:
        run = store.open_run(day="2026-03-01", start="23:00", dawn="07:00")
        store.record_expanded(note_hash="h", name="coffee.md", path="/notes/coffee.md", project="coffee",
                              storyboard_id="sb-1", storyboard_path=str(board), run_id=run.id, items=[])
        it = store.add_item(Item(run_id=run.id, project="coffee", shot=_shot("steam"), note_hash="h",
                                 storyboard_id="sb-1"))
        store.update_item(it.id, state="done", clip_path=str(clip), sheet_path=str(sheet), job_id=job.id,
                          verdict=Verdict(verdict="accept", reasons=["nothing wrong found"]), decision="accept")
        store.finish_run(run.id)
    return job.id, it.id, clip.relative_to(studio.root)


def _move(studio: Studio, tmp_path: Path) -> Studio:
    new_root = tmp_path / "elsewhere" / "studio-moved"
    new_root.parent.mkdir()
    shutil.move(studio.root, new_root)
    return Studio.open(new_root)


def _assert_found_in(moved: Studio, job_id: str, item_id: str, rel: Path, old_root: Path) -> None:
    with Ledger.open(moved) as led:
        job = led.get(job_id)
        assert Path(job.clip_path) == moved.root / rel and Path(job.clip_path).is_file()
        clip = _clip_from_done(job)                  # the runner's "already rendered": not rendered again
        assert Path(clip.path) == moved.root / rel and Path(clip.provenance_path).is_file()
    with NightStore.open(moved) as store:
        it = store.item(item_id)
        assert Path(it.clip_path) == moved.root / rel
        assert Path(it.sheet_path).is_file() and Path(it.sheet_path).is_relative_to(moved.root)
        assert Path(store.notes()[0]["storyboard_path"]).is_file()
        page, _ = write_dailies(moved, store)
    html = page.read_text()
    src = re.search(r'<video [^>]*src="([^"]+)"', html).group(1)
    assert (page.parent / src).resolve() == (moved.root / rel).resolve()   # the page plays the clip it shows
    assert str(old_root) not in html


def test_a_moved_studio_finds_its_clips_and_its_dailies_play_them(studio, tmp_path):
    job_id, item_id, rel = _night(studio)
    rows = sqlite3.connect(studio.ledger_path)
    kept = [*rows.execute("SELECT clip_path FROM jobs"), *rows.execute("SELECT clip_path, sheet_path FROM night_items"),
            *rows.execute("SELECT storyboard_path FROM night_notes")]
    rows.close()
    assert kept and all(not Path(p).is_absolute() for row in kept for p in row)   # relative to the studio root
    old_root = studio.root
    moved = _move(studio, tmp_path)
    _assert_found_in(moved, job_id, item_id, rel, old_root)


def test_a_ledger_of_absolute_paths_from_before_is_rebased_after_a_move(studio, tmp_path):
    job_id, item_id, rel = _night(studio)
    old_root = studio.root
    db = sqlite3.connect(studio.ledger_path)   # as a ledger written before paths were kept relative
    clip, sheet = str(old_root / rel), str(old_root / rel.parent / "sheet.png")
    with db:
        db.execute("UPDATE jobs SET clip_path = ?", (clip,))
        db.execute("UPDATE night_items SET clip_path = ?, sheet_path = ?", (clip, sheet))
        db.execute("UPDATE night_notes SET storyboard_path = ?",
                   (str(old_root / "projects" / "coffee" / "boards" / "sb-1" / "storyboard.json"),))
        db.execute("INSERT INTO jobs (id, key, shot_id, prompt_id, state, clip_path) VALUES "
                   "('job-gone', 'k2', 'shot-9', 'p2', 'done', '/nowhere/at/all/clip.mp4')")
    db.close()
    moved = _move(studio, tmp_path)
    assert not old_root.exists()
    _assert_found_in(moved, job_id, item_id, rel, old_root)
    with Ledger.open(moved) as led:   # a path found nowhere is left as it was: the clip is reported missing
        assert led.get("job-gone").clip_path == "/nowhere/at/all/clip.mp4"
