"""blind13's wrong sure readings, by class (issue 26), on phrasings written for the test, not the set's briefs.

What a user notices: a zoom is the lens, not a move of the camera, so "slow zoom in" no longer forces a dolly onto
every shot (the blind sets' policy: a zoom alone names no move), while a dolly said beside a zoom still does; a
body part said by a likeness's pronoun ("snow on his shoulders" of a bronze general, "her face" of a stone angel a
sentence later) puts no one in the picture, while a real person beside the likeness still does; a flight figure
("a loop-de-loop") asks for no looping clip.
"""

from __future__ import annotations

import pytest

from agents.brief import merge_readings
from tests.planner.brief_helpers import read, reading, sure


@pytest.mark.parametrize("idea", [
    "Slow zoom in on the clock face above the station door.",
    "A harbour at dusk, then a slow zoom out to the whole bay.",
    "Zoom arrière lent sur la baie, les voiliers au mouillage.",
    "Langsam heranzoomen an die alte Haustür.",
    "Zoom lento in avanti sul campanile.",
    "Zoom lento hacia la puerta azul del patio.",
])
def test_a_zoom_alone_forces_no_dolly(idea):
    assert sure(idea, "camera") is None
    assert read(idea, "camera") == "any"


@pytest.mark.parametrize("idea, move", [
    ("No zoom: push in slowly on the cup.", "dolly_in"),
    ("Not a zoom, a real dolly back from the table.", "dolly_out"),
])
def test_a_dolly_said_beside_a_zoom_is_still_the_move(idea, move):
    assert sure(idea, "camera") == move


@pytest.mark.parametrize("idea, words", [
    ("Zoom lento in avanti sul campanile.", "Zoom lento in avanti"),
    ("The lighthouse at night, slow zoom out.", "slow zoom out"),
])
def test_the_models_dolly_from_a_zoom_is_not_taken(idea, words):
    move = "dolly_out" if "out" in words else "dolly_in"
    assert merge_readings(idea, reading(camera_words=words, camera=move)).full()["camera"] == "any"


@pytest.mark.parametrize("idea", [
    "A marble statue of a general on horseback in the square, snow settling on his shoulders.",
    "A wooden saint in a dim chapel. Candlelight on her face.",
    "A wooden saint in a dim chapel, no visitors. The camera drifts toward her face.",
])
def test_a_likeness_body_part_is_no_one_in_frame(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A stone angel in a cemetery; an old woman kneels beside it, rain on her face.",
    "A bronze statue of a poet. A student reads on the bench below, the sun on her hands.",
])
def test_a_person_beside_the_likeness_is_still_someone(idea):
    assert sure(idea, "people") == "required"


@pytest.mark.parametrize("idea", [
    "A stunt kite doing a loop-de-loop over the dunes, 8 seconds.",
    "Toy train on a track with a loop-the-loop, slow motion.",
])
def test_a_flight_figure_asks_for_no_loop(idea):
    assert read(idea, "loopable") is False


def test_a_loop_asked_beside_a_kite_is_still_a_loop():
    assert sure("A seamless loop of a kite dancing over the dunes.", "loopable") is True
