"""The critic's former gaps, measured on clips built from real photographs (evals/clips recipes, small size):
orbit vs pan, text appearing on a screen, and a freeze that is a defect only where the shot asks for motion."""

from __future__ import annotations

import pytest

from agents.critic import critique_sync
from nightreel.schema import ShotExpectations

PROBES_ONLY = type("ProbesOnly", (), {"critic_url": None})()
SIZE = [512, 288]


@pytest.fixture(scope="module")
def made(critic_studio):
    from evals.clips.make_clips import frames_for, write_mp4

    folder = critic_studio.root / "gaps"
    done: dict[str, object] = {}

    def get(name: str, recipe: dict):
        if name not in done:
            rec = {"size": SIZE, **recipe}
            done[name] = write_mp4(folder / f"{name}.mp4", frames_for(rec), rec.get("fps", 16))
        return done[name]

    return get


def _v(path, root, **expect):
    return critique_sync(path, ShotExpectations(**expect), settings=PROBES_ONLY, studio=root, use_vlm=False)


def test_an_orbit_is_told_from_a_pan_by_its_parallax(made, critic_studio):
    root = critic_studio.root
    orbit = _v(made("orbit", {"bg": "moto", "move": "orbit"}), root, camera="orbit")
    pan = _v(made("pan", {"bg": "moto", "move": "pan"}), root, camera="orbit")
    assert orbit.probes.camera == "orbit", orbit.probes.camera_detail
    assert orbit.verdict == "accept" or not any("camera moves" in r for r in orbit.reasons)
    assert pan.probes.camera == "pan"
    assert pan.probes.camera_detail["parallax"] < orbit.probes.camera_detail["parallax"] / 2


def test_words_appearing_on_a_screen_are_found_after_they_appear(made, critic_studio):
    root = critic_studio.root
    v = _v(made("title", {"bg": "coffee", "text": {"at": 1.0, "words": "OPEN LATE\ntonight only",
                                                     "screen": [0.2, 0.2, 0.8, 0.65]}}), root, text_in_frame=True)
    assert v.probes.text, v.reasons
    e = v.probes.text[0]
    assert e.t_start >= 0.9                                  # not before the words appear at 1.0 s
    x, y, w, h = e.box
    assert 0.15 * 512 <= x and x + w <= 0.85 * 512           # on the screen
    assert any("words are visible" in r for r in v.reasons)


def test_a_blank_screen_and_a_plain_room_have_no_text(made, critic_studio):
    root = critic_studio.root
    for name, rec in (("blank", {"bg": "moto", "text": {"at": 99, "screen": [0.3, 0.15, 0.75, 0.6]}}),
                      ("cat", {"bg": "chelsea"})):
        v = _v(made(name, rec), root, text_in_frame=True)
        assert v.probes.text == [], name
        assert any("no text measured" in r for r in v.reasons)


def test_a_freeze_mid_pan_is_a_defect_and_says_why(made, critic_studio):
    v = _v(made("freeze_pan", {"bg": "coffee", "move": "pan", "freeze": [1.0, 2.0]}), critic_studio.root,
           camera="pan")
    assert v.probes.frozen
    r = [x for x in v.reasons if "freezes" in x]
    assert r and "a defect: the shot asks for a pan move" in r[0]
    assert v.verdict in ("rerender", "salvage")


def test_a_freeze_on_a_locked_still_shot_is_what_was_asked(made, critic_studio):
    v = _v(made("freeze_still", {"bg": "china", "move": "breathe", "freeze": [1.0, 2.2]}), critic_studio.root,
           camera="locked", motion="still")
    assert v.probes.frozen                                   # measured…
    assert v.verdict == "accept", v.reasons                 # …but not a defect for this shot
    assert any("holds still" in r and "not a defect" in r for r in v.reasons)


def test_a_still_room_before_someone_walks_in_is_not_a_freeze(made, critic_studio):
    v = _v(made("walk_in", {"bg": "coffee", "person": {"who": "astronaut", "from": "left", "enter": [1.2, 2.0],
                                                       "x": 0.35, "height": 0.85}}), critic_studio.root)
    assert v.probes.frozen == []
    assert v.probes.people
