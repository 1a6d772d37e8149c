"""The lint and the brief rules: what a user sees in the storyboard before anything renders."""

import pytest

from agents.brief import clean_idea, enforce_brief, explicit_expectations
from memory.lessons import EMPTY_CLOSE, EMPTY_OPEN, lint_shot, seed_lessons
from nightreel.errors import InputError
from nightreel.schema import Shot, ShotExpectations
from prompts import WAN_NEGATIVE


def _shot(**kw) -> Shot:
    base = dict(title="t", duration_s=5, target="final", positive="A slow walking pace through a dark bedroom, "
                "footsteps on the carpet toward the glowing computer.", negative="blurry", camera="walking forward",
                lighting="moonlight", expectations=ShotExpectations(people="none"))
    base.update(kw)
    return Shot(**base)


def test_gait_words_become_camera_mechanics_and_prompt_is_bookended():
    res = lint_shot(_shot())
    pos = res.shot.positive.lower()
    for w in ("walking", "footsteps", "pace"):
        assert w not in pos.split() and f" {w} " not in f" {pos} "
    assert res.shot.positive.startswith(EMPTY_OPEN)
    assert res.shot.positive.endswith(EMPTY_CLOSE)
    assert "steadicam" in pos or "glide" in pos
    assert "walking" not in res.shot.camera.lower()
    assert "seed-gait-words" in res.shot.lessons_applied
    assert any("gait word 'footsteps'" in c for c in res.changes)


def test_gait_words_left_alone_when_people_are_allowed():
    res = lint_shot(_shot(expectations=ShotExpectations(people="allowed")))
    assert "footsteps" in res.shot.positive
    assert not res.shot.positive.startswith(EMPTY_OPEN)


def test_a_shot_that_needs_a_person_loses_the_copied_no_people_lines():
    """A model copied the style example's "No person ever appears in frame." after "The keeper sits by the lamp" in a
    shot that needs the keeper: the prompt must not tell the video model the opposite of the shot's expectation."""
    shot = _shot(positive="Empty lighthouse room, no people visible anywhere. The keeper sits by the lamp, winding "
                          "the clock. Locked-off tripod, slow drift of the lamp. No person ever appears in frame.",
                 expectations=ShotExpectations(people="required"))
    res = lint_shot(shot)
    assert EMPTY_CLOSE.lower() not in res.shot.positive.lower()
    assert "no people visible" not in res.shot.positive.lower()
    assert res.shot.positive.startswith("The keeper sits by the lamp")
    assert any("needs a person" in c for c in res.changes)
    assert lint_shot(res.shot).changes == []


def test_lint_is_idempotent():
    once = lint_shot(_shot()).shot
    twice = lint_shot(once)
    assert twice.shot.positive == once.positive and twice.shot.negative == once.negative
    assert twice.changes == []


def test_wan_negative_kept_after_ours_for_finals_only():
    final = lint_shot(_shot(negative=f"blurry, {WAN_NEGATIVE}, watermark")).shot
    assert final.negative.endswith(WAN_NEGATIVE)
    assert final.negative.count(WAN_NEGATIVE) == 1
    assert final.negative.startswith("blurry")
    draft = lint_shot(_shot(target="draft")).shot
    assert WAN_NEGATIVE not in draft.negative


def test_text_in_frame_warns_and_keeps_screen_dark():
    res = lint_shot(_shot(positive="A monitor with the words HELLO WORLD on the screen.",
                          expectations=ShotExpectations(text_in_frame=True)))
    assert res.warnings and "legible text" in res.warnings[0]
    assert "dark" in res.shot.positive.lower()
    assert "text" in res.shot.negative


def test_loopable_shot_asks_for_symmetric_motion():
    res = lint_shot(_shot(positive="Rain on a window.", expectations=ShotExpectations(loopable=True)))
    assert "symmetric" in res.shot.positive.lower()
    res2 = lint_shot(_shot(positive="Curtains swaying gently.", expectations=ShotExpectations(loopable=True)))
    assert "symmetric" not in res2.shot.positive.lower()


def test_retired_lessons_do_not_apply():
    lessons = seed_lessons()
    for ls in lessons:
        if ls.check == "gait_words":
            ls.status = "retired"
    assert "footsteps" in lint_shot(_shot(), lessons).shot.positive


@pytest.mark.parametrize("idea,expected", [
    ("an empty bedroom at night, locked-off tripod", {"people": "none", "camera": "locked"}),
    ("nobody in the kitchen, slow push-in on the kettle", {"people": "none", "camera": "dolly_in"}),
    ("a seamless loop of rain on glass", {"loopable": True}),
    ("the words OPEN LATE on the screen of an old terminal", {"text_in_frame": True}),
    ("a barista pours latte art, handheld", {"camera": "handheld", "people": "required"}),
    ("eight-second spot for a coffee, night atmosphere", {}),
    ("a barista fills an empty cup", {"people": "required"}),  # a role is a person; an empty cup is not an empty place
    ("heats milk in a pan, steam rising", {}),
    ("a woman reads a letter by the window", {"people": "required"}),  # not text in frame
    ("a deserted train station, the camera pans across the platform", {"people": "none", "camera": "pan"}),
    ("a neon sign that reads 'OPEN LATE' in the rain", {"text_in_frame": True}),
])
def test_explicit_expectations_from_the_brief(idea, expected):
    assert explicit_expectations(idea) == expected


def test_brief_overrides_what_the_model_wrote():
    shot = _shot(expectations=ShotExpectations(people="required", camera="pan"))
    fixed, fixes = enforce_brief(shot, {"people": "none", "camera": "locked"})
    assert fixed.expectations.people == "none" and fixed.expectations.camera == "locked"
    assert len(fixes) == 2 and "the brief says" in fixes[0]


@pytest.mark.parametrize("idea,msg", [("   ", "empty"), ("x" * 50_000, "50,000 characters"),
                                      ("caf\udce9 at night", "not valid UTF-8")])
def test_bad_ideas_get_a_clear_error(idea, msg):
    with pytest.raises(InputError, match=msg):
        clean_idea(idea)


def test_non_utf8_bytes_are_refused_clearly():
    with pytest.raises(InputError, match="UTF-8"):
        clean_idea("café".encode("latin-1"))


def test_an_empty_exterior_opens_with_its_place_not_a_room():
    res = lint_shot(_shot(positive="Rain streaks down the glass of a bus stop at 3 a.m., a timetable glowing.",
                          camera="locked-off tripod"))
    assert res.shot.positive.startswith("Empty bus stop, no people visible anywhere.")
    assert "room" not in res.shot.positive.lower()
    assert lint_shot(res.shot).shot.positive == res.shot.positive       # linting again adds nothing


def test_words_to_read_leave_the_prompt_for_the_overlay_and_possessives_stay():
    res = lint_shot(_shot(positive="The timetable reading 'LAST BUS 02:40' glows; a night cleaner's mop passes once.",
                          expectations=ShotExpectations(text_in_frame=True)))
    assert "LAST BUS" not in res.shot.positive and "cleaner's mop" in res.shot.positive
    assert any("'LAST BUS 02:40'" in w for w in res.warnings)           # the words are not lost: overlay them
    assert any("taken out of the prompt" in c for c in res.changes)


def test_the_seeds_line_copied_into_the_middle_leaves_one_opener_first_and_the_close_last():
    res = lint_shot(_shot(positive="A dark bus stop, rain on the glass. An empty room, no people visible anywhere. "
                                   "The timetable glows.", camera="locked-off tripod",
                          expectations=ShotExpectations(people="none", loopable=True, text_in_frame=True)))
    pos = res.shot.positive
    assert pos.startswith("Empty bus stop, no people visible anywhere.") and "empty room" not in pos.lower()
    assert pos.endswith(EMPTY_CLOSE) and pos.count(EMPTY_CLOSE) == 1     # the last thing the model reads
    assert lint_shot(res.shot).shot.positive == pos and lint_shot(res.shot).changes == []


def test_html_entities_a_model_writes_are_plain_text_in_the_prompt():
    from agents.planner import finish_shots
    from nightreel.schema import ShotDraft

    draft = ShotDraft(title="Rock &amp; roll", duration_s=3, target="final", camera="tripod", lighting="neon",
                      positive="A jukebox glows, a sign reads &#39;OPEN&#39; &amp; rain falls.", negative="blurry",
                      expectations=ShotExpectations())
    shots, _ = finish_shots("A jukebox at night", [draft], seed_lessons())
    assert "&#39;" not in shots[0].positive and "&amp;" not in shots[0].positive
    assert shots[0].title == "Rock & roll"


def test_an_empty_shot_opens_indoors_in_a_room_not_in_the_field_of_its_depth_of_field():
    """The seed's style line ends in 'shallow depth of field': a laundromat's empty shot once opened 'Empty field'."""
    shot = _shot(positive="A wide shot of a laundromat, dryers spinning. Locked-off tripod, shallow depth of field, "
                          "slow drift of the steam.", camera="locked-off tripod")
    out = lint_shot(shot, seed_lessons()).shot
    assert out.positive.startswith(EMPTY_OPEN)


def test_an_empty_shot_loses_the_clause_that_asks_for_people_and_keeps_the_one_that_denies_them():
    shot = _shot(positive="A wide shot of the lobby, with people leaving as the dryers spin. A desert beyond the "
                          "window, with no living people.", camera="locked-off tripod")
    res = lint_shot(shot, seed_lessons())
    assert "people leaving" not in res.shot.positive and "A wide shot of the lobby." in res.shot.positive
    assert "with no living people" in res.shot.positive
    assert any("people leaving as the dryers spin" in c for c in res.changes)
    kept = lint_shot(_shot(positive="People leaving as the dryers spin.", camera="locked-off tripod"), seed_lessons())
    assert "People leaving" in kept.shot.positive        # nothing else to show: left as written, not emptied


def test_a_moving_shot_does_not_keep_a_locked_camera_in_its_prompt():
    from agents.planner import agree_camera

    shot = _shot(positive="A storefront banner flapping in the wind. Locked-off tripod, shallow depth of field.",
                 camera="slow pan", expectations=ShotExpectations(people="allowed", camera="pan"))
    out = agree_camera(shot, "pan")
    assert "locked" not in out.positive.lower() and "Slow pan, shallow depth of field." in out.positive
    locked = agree_camera(shot.model_copy(update={"expectations": ShotExpectations(camera="locked")}), "locked")
    assert "Locked-off tripod" in locked.positive
