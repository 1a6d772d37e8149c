"""A shot's camera line and its expected camera move never disagree, wherever the expectations are forced."""

from agents.planner import agree_camera, finish_shots
from nightreel.schema import Shot, ShotDraft


def _shot(camera: str, expects: str) -> ShotDraft:
    return ShotDraft(title="t", duration_s=4, target="draft", positive="the sea", negative="", camera=camera,
                     lighting="dusk", expectations={"camera": expects})


def test_a_stated_move_rewrites_the_camera_line_and_otherwise_the_expectation_follows_the_line():
    # the lighthouse case: the reading forced "locked" while the model's camera line said dolly out
    shots, _ = finish_shots("the sea", [_shot("slow dolly out from the lamp", "dolly_out")], [],
                            explicit={"camera": "locked"})
    assert shots[0].expectations.camera == "locked" and "tripod" in shots[0].camera
    # nothing stated: a line that says pan with an expectation of locked becomes a pan
    shots, _ = finish_shots("the sea", [_shot("slow pan across the stairs", "locked")], [], explicit={})
    assert shots[0].expectations.camera == "pan" and shots[0].camera == "slow pan across the stairs"
    # "any", or a line that names no move, disagrees with nothing
    one = Shot(**_shot("wide, from the cliff", "dolly_in").model_dump())
    assert agree_camera(one) == one
    anyway = Shot(**_shot("slow pan", "any").model_dump())
    assert agree_camera(anyway) == anyway


def test_a_locked_shot_keeps_no_sentence_that_moves_the_camera():
    """Qwen wrote "The camera follows the lighthouse keeper, … a sense of movement." into all three shots of a board
    the person had locked: the video model reads the prompt, so the camera line alone did not hold the camera."""
    prose = ("The keeper walks up the stairs. The camera follows the keeper, keeping them in focus. "
             "We glide past the window as rain falls. The camera does not move. The lamp sways in the wind.")
    draft = ShotDraft(title="t", duration_s=4, target="draft", positive=prose, negative="", camera="slow dolly in",
                      lighting="dusk", expectations={"camera": "dolly_in"})
    shots, _ = finish_shots("the stairs", [draft], [], explicit={"camera": "locked"})
    assert shots[0].positive == "The keeper walks up the stairs. The camera does not move. The lamp sways in the wind."
    assert any("a locked camera: left out" in ln for ln in shots[0].lint)
    moving, _ = finish_shots("the stairs", [draft], [], explicit={})          # a moving shot keeps its prose
    assert moving[0].positive == prose


def test_a_locked_shot_loses_the_clause_that_moves_the_camera_not_its_subject():
    """Qwen wrote "A rainy window at night; no light from the lamp or any other source; The camera slowly moves
    closer." on the studio page: the whole sentence went, and the shot's prompt was the lint's own words only."""
    prose = ("A rainy window at night; no light from the lamp or any other source; The camera slowly moves closer. "
             "Rain streaks the glass.")
    draft = ShotDraft(title="t", duration_s=4, target="draft", positive=prose, negative="", camera="locked-off tripod",
                      lighting="night", expectations={"camera": "locked"})
    shots, _ = finish_shots("a rainy window", [draft], [], explicit={"camera": "locked"})
    assert shots[0].positive.startswith("A rainy window at night; no light from the lamp or any other source. "
                                        "Rain streaks the glass.")
    assert "moves closer" not in shots[0].positive
