"""The independent review of round 16 (issue 26), by class, on phrasings written for the test.

What a user notices: a trip or a cart said with a direction ("a couple traveling around Japan", "Travelling forward
in time", "il carrello avanti nella miniera", "eine Rundfahrt um die Insel") no longer forces a dolly or an orbit onto
every shot, nor cancels a pan the brief names; the camera's own travel ("Kamerafahrt rückwärts", "movimiento de
cámara hacia adelante") still is the move, and a bare camera travel ("un travelling hacia adelante") is a hint the
model's reading confirms.
"""

from __future__ import annotations

import pytest

from agents.brief import merge_readings
from tests.planner.brief_helpers import read, reading, sure


@pytest.mark.parametrize("idea", [
    "A young couple traveling around Portugal by train, orange groves outside the window.",
    "Travelling forward in time: the same street corner from 1920 to today.",
    "Nella miniera il carrello avanti e indietro sui binari, lampade accese.",
    "Eine Rundfahrt um die Insel, Möwen über dem Boot.",
    "Die Hinfahrt im Nachtzug, Lichter ziehen vorbei.",
])
def test_a_trip_or_a_cart_with_a_direction_forces_no_move(idea):
    assert sure(idea, "camera") is None


@pytest.mark.parametrize("idea, move", [
    ("Kamerafahrt rückwärts vom Ofen weg, Funken in der Luft.", "dolly_out"),
    ("Movimiento de cámara hacia adelante por el pasillo del hotel.", "dolly_in"),
    ("Slow pan across the chart: the route of a ship traveling around the Cape.", "pan"),
])
def test_the_cameras_own_travel_and_a_named_pan_are_still_sure(idea, move):
    assert sure(idea, "camera") == move


def test_a_bare_camera_travel_is_a_hint_the_models_reading_confirms():
    idea = "Un travelling hacia adelante por el mercado vacío."
    assert sure(idea, "camera") is None and read(idea, "camera") == "dolly_in"
    merged = merge_readings(idea, reading(camera_words="Un travelling hacia adelante", camera="dolly_in"))
    assert merged.full()["camera"] == "dolly_in"


@pytest.mark.parametrize("idea", [
    "Nessuno sul molo. La barca è ormeggiata, lei dondola piano.",
    "Niemand im Hof. Die Katze schläft, sie im Schatten der Mauer.",
    "Personne sur la plage. La mer monte ; elle au loin gronde.",
])
def test_a_pronoun_for_a_thing_or_an_animal_keeps_an_explicit_nobody(idea):
    assert sure(idea, "people") == "none"


@pytest.mark.parametrize("idea", ["Ella en la cocina de su abuela, amasando pan.", "Lei al balcone, il vento nei capelli."])
def test_a_pronoun_opening_the_brief_is_still_someone(idea):
    assert read(idea, "people") == "required"
