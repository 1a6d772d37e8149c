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
