"""The storyboard keeps what the brief says on every shot, whatever the planner wrote (issue 26, item 3)."""

from agents.brief import merge_readings
from evals import storyboard_keeps
from evals.brief_eval import run_brief_eval, to_markdown
from evals.storyboard_keeps import GAIT_WORDS, check_storyboard, ignoring_drafts
from memory.lessons import find_words
from tests.evals.test_brief_eval import _set


def _read(idea):
    return merge_readings(idea, None)


def test_a_planner_that_ignores_the_brief_is_overruled_on_every_shot():
    idea = "Nobody in the old ballroom at dawn; locked-off camera; a seamless loop, 12 seconds."
    reading = _read(idea)
    drafts = ignoring_drafts(reading)
    # the stand-in planner really does contradict the brief: a person, a pan, no loop, gait words
    assert all(d.expectations.people != "none" and d.expectations.camera != "locked" and not d.expectations.loopable
               for d in drafts)
    assert all(find_words(d.positive, GAIT_WORDS) for d in drafts)
    check = check_storyboard(idea, reading)
    assert check.kept, check.problems
    assert check.shots == 3 and check.gait_on_empty == 0 and check.finals_without_wan == 0 and not check.length_off


def test_the_check_sees_a_storyboard_step_that_forgets_the_brief(monkeypatch):
    real = storyboard_keeps.finish_shots
    monkeypatch.setattr(storyboard_keeps, "finish_shots",
                        lambda idea, drafts, lessons, **kw: real(idea, drafts, lessons, explicit={}))
    idea = "An empty car park at night, not a soul; slow push in toward the ticket machine."
    check = check_storyboard(idea, _read(idea))
    assert not check.kept
    assert any("people is 'required', the brief was read as 'none'" in p for p in check.problems)
    assert any("camera" in p for p in check.problems)


def test_the_brief_report_says_what_the_storyboards_kept(tmp_path):
    doc = run_brief_eval("rules", path=_set(tmp_path, "none"))
    assert doc["storyboard"]["briefs"] == 2 and doc["storyboard"]["kept"] == 2 and doc["storyboard"]["shots"] == 6
    md = to_markdown(doc)
    assert "## The storyboard keeps the reading" in md and "**2 of 2**" in md
