"""The dailies page from a recorded night: real clips (encoded here), real SQLite, the real template."""

import re
from pathlib import Path

import av
import numpy as np

from app.dailies import write_dailies
from app.night_store import Item, NightStore
from nightreel.schema import Shot, ShotExpectations, Verdict
from tests.night.helpers import DailiesPage
from tools.media import write_clip


def _clip(studio, project, name, shade):
    frames = [np.full((64, 96, 3), (shade + 4 * i) % 255, np.uint8) for i in range(16)]
    return write_clip(studio.project_dir(project) / "clips" / name, frames, root=studio.root, fps=16)


def _shot(title):
    return Shot(title=title, duration_s=1, target="draft", positive=f"{title}, night, neon", negative="people",
                camera="tripod", lighting="neon", expectations=ShotExpectations(people="none"))


def test_dailies_page_sorted_by_project_with_playable_clips_and_verdicts(studio):
    with NightStore.open(studio) as store:
        run = store.open_run(day="2026-03-01", start="23:00", dawn="07:00")
        verdicts = [("coffee", "accept", "nothing wrong found"),
                    ("coffee", "reject", "a person is visible from 2.0 s to 2.9 s, frames 31-47"),
                    ("rain", "salvage", "flicker in the last second: trimmed")]
        for i, (project, v, reason) in enumerate(verdicts):
            clip = _clip(studio, project, f"c{i}.mp4", 40 * i)
            it = store.add_item(Item(run_id=run.id, project=project, shot=_shot(f"shot {i}"), note_hash="h"))
            store.update_item(it.id, state="done", clip_path=str(clip), render_s=170.0, critic_s=12.0,
                              verdict=Verdict(verdict=v, reasons=[reason]), decision=v, tried=["draft LTX-2"])
        store.record_skipped(note_hash=None, name="binary.md", path="/x/binary.md", reason="binary file",
                             run_id=run.id)
        store.finish_run(run.id)
        page, summary = write_dailies(studio, store)
    html = page.read_text()
    parsed = DailiesPage(html)
    assert [c["data-project"] for c in parsed.cards] == ["coffee", "coffee", "rain"]   # sorted by project
    assert [c["data-verdict"] for c in parsed.cards][:2] == ["accept", "reject"]     # best first
    assert "a person is visible from 2.0 s to 2.9 s" in html and "binary file" in html
    assert len(parsed.videos) == 3
    for v in parsed.videos:
        assert v["poster"].startswith("data:image/jpeg;base64,")
        clip = (page.parent / v["src"]).resolve()
        with av.open(str(clip)) as c:                   # every clip on the page plays
            assert c.streams.video[0].frames == 16
    assert 'id="f-project"' in html and 'id="f-verdict"' in html
    # the time spent on a clip says what it is (a bare "182 s" beside the verdict read as the clip's length)
    assert html.count("182 s to make") == 3 and not re.search(r'class="tag"[^>]*>\d+ s<', html)
    # the header says when the night ended, not only its dawn (a newcomer read "08:42→09:07" as its real span)
    ended = store_run_end(studio, run.id)
    assert f"dawn 07:00 (finished, ended {ended[11:16]} UTC)" in html and "23:00→07:00" not in html
    assert not re.search(r'(src|href)="https?://', html)  # self-contained: nothing fetched from the network
    md = summary.read_text()
    assert "| coffee | 2 | 0 | 1 | 0 | 0 | 1 |" in md and "binary.md: binary file" in md


def test_dailies_of_a_studio_no_night_ran_in_names_the_studio_and_makes_nothing(studio):
    """A person opening the demo's dailies from another studio is told which studio was looked at, and nothing is
    left behind in it (it made an empty dailies/none/ before)."""
    import pytest

    from nightreel.errors import InputError

    with NightStore.open(studio) as store, pytest.raises(InputError) as e:
        write_dailies(studio, store)
    assert str(studio.root) in str(e.value) and "NIGHTREEL_STUDIO" in str(e.value)
    assert not (studio.root / "dailies").exists()


def _done(store, studio, run, project, title, shade, verdict="accept"):
    clip = _clip(studio, project, f"{title.replace(' ', '-')}.mp4", shade)
    it = store.add_item(Item(run_id=run.id, project=project, shot=_shot(title), note_hash="h"))
    store.update_item(it.id, state="done", clip_path=str(clip), verdict=Verdict(verdict=verdict, reasons=["ok"]),
                      decision=verdict)


def test_dailies_of_a_day_with_two_runs_show_the_newest_run_first(studio):
    """Two nights started on one day (a night stopped and started again): the morning page opens on what the latest
    run made, and its header and summary name that run first."""
    with NightStore.open(studio) as store:
        first = store.open_run(day="2026-03-01", start="23:00", dawn="07:00")
        _done(store, studio, first, "coffee", "older accepted", 10)
        _done(store, studio, first, "coffee", "older rejected", 20, "reject")
        store.finish_run(first.id, "stopped")
        second = store.open_run(day="2026-03-01", start="23:40", dawn="07:00")
        assert second.id != first.id
        _done(store, studio, second, "coffee", "newer rejected", 30, "reject")
        _done(store, studio, second, "coffee", "newer accepted", 40)
        store.finish_run(second.id)
        page, summary = write_dailies(studio, store)
    html = page.read_text()
    titles = re.findall(r"<h3>(.*?) <small>", html)
    assert titles == ["newer accepted", "newer rejected", "older accepted", "older rejected"]
    header = html.split("</header>")[0]
    assert header.index(f"run {second.id}") < header.index(f"run {first.id}")
    md = summary.read_text()
    assert md.index(f"run {second.id}") < md.index(f"run {first.id}")


def test_dailies_again_with_nothing_new_leave_the_page_alone_and_say_so(studio):
    """`nightreel dailies` a second time with nothing new keeps the page's file as it was (a browser watching it is
    not reloaded; its mtime still says when the night last changed it) and tells the person; a new review rewrites it."""
    import os

    from typer.testing import CliRunner

    from app.cli import app
    from app.review import review_item

    with NightStore.open(studio) as store:
        run = store.open_run(day="2026-03-01", start="23:00", dawn="07:00")
        _done(store, studio, run, "coffee", "steam", 10)
        store.finish_run(run.id)
        page, summary = write_dailies(studio, store)
    long_ago = 946_684_800  # 2000-01-01: any rewrite moves the mtime off it
    for f in (page, summary):
        os.utime(f, (long_ago, long_ago))
    before = page.read_bytes()
    res = CliRunner().invoke(app, ["dailies"])
    assert res.exit_code == 0, res.output
    assert res.output.strip().splitlines()[-1] == str(page)
    assert "unchanged since 2000-01-01" in " ".join(res.output.split())
    assert page.stat().st_mtime == long_ago and summary.stat().st_mtime == long_ago
    assert page.read_bytes() == before
    with NightStore.open(studio) as store:
        item = store.items()[0]
        review_item(store, item.id, "reject", "too dark")
        write_dailies(studio, store)
    assert page.stat().st_mtime > long_ago and "too dark" in page.read_text()


def store_run_end(studio, run_id: str) -> str:
    with NightStore.open(studio) as store:
        return next(r.finished_at for r in store.runs() if r.id == run_id)


def test_dailies_explain_their_words_and_quote_the_agents_reason_as_its_own(studio):
    """A person opening the page learns what verdict, round, rule and similarity mean; the planner's reason
    is shown as its unchecked words (a model's 'the graph failed to load' is not a fact), the rule's plainly."""
    with NightStore.open(studio) as store:
        run = store.open_run(day="2026-03-02", start="23:00", dawn="07:00")
        clip = _clip(studio, "coffee", "d.mp4", 90)
        it = store.add_item(Item(run_id=run.id, project="coffee", shot=_shot("cup"), note_hash="h"))
        decisions = [{"action": "rerender", "by": "agent", "tool": "decide_clip", "args": {},
                      "reason": "the graph failed to load", "note": ""},
                     {"action": "drop", "by": "rule", "tool": "", "args": {},
                      "reason": "at most 2 re-render(s) per shot", "note": ""}]
        store.update_item(it.id, state="done", clip_path=str(clip), verdict=Verdict(verdict="rerender", reasons=["x"]),
                          decision="reject", decisions=decisions)
        store.finish_run(run.id)
        page, _ = write_dailies(studio, store)
    html = page.read_text()
    assert "How to read this page" in html
    for word in ("salvage", "guardrail", "re-render of the same shot", "similarity"):
        assert word in html.split("How to read this page")[1].split("</details>")[0]
    assert "in the model&#39;s own words (not checked against the clip): “the graph failed to load”" in html \
        or "in the model's own words (not checked against the clip): “the graph failed to load”" in html
    assert "— at most 2 re-render(s) per shot" in html and "“at most 2" not in html
