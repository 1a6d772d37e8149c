"""Verdicts on real-pixel clips: what a planner (or a person at breakfast) would decide."""

from __future__ import annotations

from agents.verdict import judge
from nightreel.schema import Shot, ShotExpectations


def _shot(**kw) -> Shot:
    exp = kw.pop("expectations", {})
    base = dict(title="bedroom at night", duration_s=3, target="final", positive="an empty bedroom at night",
                negative="people", camera="locked-off tripod", lighting="moonlight",
                expectations=ShotExpectations(**exp))
    return Shot(**{**base, **kw})


def test_person_clip_is_rejected_for_an_empty_room_with_a_checkable_reason_and_a_fix(report):
    v = judge(report("person"), ShotExpectations(people="none", camera="locked", motion="still"))
    assert v.verdict == "reject"
    assert "a person is visible from 1.5 s" in v.reasons[0] and "the shot says nobody is in the room" in v.reasons[0]
    assert v.evidence and v.evidence[0].box is not None
    assert "Empty room, no people visible anywhere" in v.fix
    assert v.source == "probes" and any("probes only" in r for r in v.reasons)


def test_person_clip_is_accepted_when_people_are_allowed(report):
    v = judge(report("person"), ShotExpectations(people="allowed", camera="locked", motion="still"))
    assert v.verdict == "accept", v.reasons
    assert v.fix is None and v.salvage is None


def test_still_room_is_accepted_for_an_empty_locked_shot(report):
    v = judge(report("still"), _shot(expectations=dict(people="none", camera="locked", motion="still")).expectations)
    assert v.verdict == "accept"
    assert v.reasons[0] == "every measured check matches the shot"


def test_black_tail_is_salvaged_by_trimming_it_away(report):
    v = judge(report("black_tail"), ShotExpectations(people="none", motion="still"))
    assert v.verdict == "salvage"
    (op,) = v.salvage["ops"]
    assert op["op"] == "trim" and op["start_s"] == 0 and 2.1 <= op["end_s"] <= 2.4


def test_broken_loop_is_salvaged_to_fit_its_camera_and_a_good_loop_passes(report):
    rep = report("loop_broken")  # a slow one-way drift: the seam jumps back
    v = judge(rep, ShotExpectations(loopable=True, motion="subtle"))
    assert v.verdict == "salvage" and "loop seam jumps" in v.reasons[0]
    # a camera that travels one way would run backwards in a ping-pong: it is crossfaded at the seam
    want = {"op": "crossfade_loop", "fade_s": 0.5} if rep.camera in ("pan", "dolly_in", "dolly_out") else {"op": "pingpong"}
    assert want in v.salvage["ops"], (rep.camera, v.salvage)
    assert judge(report("loop_ok"), ShotExpectations(loopable=True, motion="subtle")).verdict == "accept"


def test_wrong_camera_move_is_a_rerender_with_a_camera_fix(report):
    v = judge(report("pan"), ShotExpectations(camera="locked", motion="strong"))
    assert v.verdict == "rerender"
    assert "the camera moves as pan" in v.reasons[0] and "tripod" in v.fix
    assert judge(report("push_in"), ShotExpectations(camera="dolly_in")).verdict == "accept"


def test_flicker_is_a_rerender_with_a_light_fix(report):
    v = judge(report("flicker"), ShotExpectations(camera="locked", motion="subtle"))
    assert v.verdict == "rerender" and "steady, constant light" in v.fix


def test_a_clip_shorter_than_the_shot_is_a_rerender(report):
    v = judge(report("still"), _shot(duration_s=8, expectations=dict(people="none", camera="locked", motion="still")))
    assert v.verdict == "rerender" and "the shot asks for 8 s" in v.reasons[0]


def test_a_person_at_the_edge_is_cropped_away_and_the_crop_passes(clip, report, critic_studio):
    from agents.critic import critique_sync
    from nightreel.config import load_settings
    from tools.media_ops import apply_plan

    expect = ShotExpectations(people="none", camera="locked", motion="still")
    v = judge(report("person_edge"), expect)
    assert v.verdict == "salvage", v.reasons
    (op,) = v.salvage["ops"]
    assert op["op"] == "crop" and op["x"] == 0 and op["w"] >= 0.6 * 448
    assert "cropping to" in v.reasons[0]
    root = critic_studio.root
    out = apply_plan(clip("person_edge"), v.salvage, root / "post" / "edge-cropped.mp4", root=root)
    again = critique_sync(out, expect, settings=load_settings(studio=str(root)), studio=critic_studio)
    assert again.verdict == "accept", again.reasons
    assert again.probes.width == 448 and again.probes.people == []


def test_a_crop_leaves_room_for_the_body_past_its_landmarks():
    """A person box spans the pose landmarks; her shoulder and hair reach past them. A crop that only just
    clears the box would keep half a shoulder in frame, so that person is not cropped away: the clip is rejected."""
    from types import SimpleNamespace

    from agents.verdict import _crop_away
    from nightreel.schema import Evidence

    frame = SimpleNamespace(width=1280, height=704)
    wide = Evidence(what="person", t_start=2.5, t_end=5.0, frame_start=40, frame_end=80, box=(224, 176, 251, 389))
    assert _crop_away([("reject", [wide], "a person", "people")], frame) is None
    near_edge = Evidence(what="person", t_start=2.5, t_end=5.0, frame_start=40, frame_end=80, box=(40, 176, 120, 389))
    crop = _crop_away([("reject", [near_edge], "a person", "people")], frame)
    assert crop is not None and crop["x"] >= 40 + 1.25 * 120 and crop["x"] + crop["w"] == 1280


def test_a_retrieved_clip_is_not_sent_back_for_its_length_or_camera_but_still_for_a_person(report):
    """The footage stand-in's clip holds what its source holds: a shot asking 3x its length and another camera gets
    notes, not a re-render; a person where the shot says nobody is still a reject (the planner's words chose it)."""
    rep = report("pan")
    long_locked = _shot(duration_s=rep.duration_s * 3, expectations={"camera": "locked", "motion": "strong"})
    rendered = judge(rep, long_locked)
    retrieved = judge(rep, long_locked, retrieved="video_wan2_2_14B_t2v (Wan 2.2)")
    assert rendered.verdict == "rerender" and any("the shot asks for" in r for r in rendered.reasons)
    assert retrieved.verdict == "accept", retrieved.reasons
    assert any("camera move is not judged" in r for r in retrieved.reasons)
    assert any("holds what its source holds" in r for r in retrieved.reasons)
    matching = judge(report("push_in"), ShotExpectations(camera="dolly_in"), retrieved="x (Wan)")
    assert not any("not judged" in r for r in matching.reasons)      # a move that matches needs no note
    person = judge(report("person"), _shot(expectations={"people": "none"}), retrieved="x (Wan)")
    assert person.verdict in ("reject", "salvage")
