"""The independent review of round 17's rules (issue 26), by class, on phrasings written for the test.

What a user notices: the new rules do not force a value onto briefs that only look like their classes — a
landmark's reflection puts no one in frame, the end of a pier meeting a boardwalk asks for no loop, a quoted dish
name on a plate or a painting's title is no sign to read, a dancer who does not move leaves the camera free, and
lengths said as a guess or beside another length are not summed.
"""

from __future__ import annotations

import pytest

from agents.brief import rule_reading
from tests.planner.brief_helpers import read, sure


@pytest.mark.parametrize("idea", [
    "The old mill and its reflection in the pond at dusk.",
    "La cathédrale et son reflet dans le fleuve, brume légère.",
    "Der Leuchtturm und sein Spiegelbild im ruhigen Hafenbecken.",
    "A cat staring at his reflection in a puddle.",
])
def test_a_things_or_an_animals_reflection_is_no_one_in_frame(idea):
    assert sure(idea, "people") is None


@pytest.mark.parametrize("idea", [
    "The end of the jetty meets the beginning of the promenade, gulls overhead.",
    "La finale del campionato passa all'inizio della sera, luci sullo stadio.",
    "We don't need a loop, it plays once at the opening.",
    "No necesito un bucle, se ve una sola vez.",
    "Je veux une boucle de ceinture en laiton, gros plan.",
])
def test_an_end_beside_a_start_or_a_loop_not_wanted_asks_for_no_loop(idea):
    assert sure(idea, "loopable") is not True


def test_please_make_it_loop_still_loops():
    assert sure("Rain on a skylight. Please make it loop seamlessly.", "loopable") is True


@pytest.mark.parametrize("idea", [
    "A plate of 'grandma-style' gnocchi steaming on a wooden table.",
    "Ein Ritter hebt sein Wappenschild mit dem »Schwarzen Adler«.",
    "Sotto il tabellone, la cantante intona « Azzurro » e la piazza canta.",
    "A blank poster, no text, that someone once called 'the void'.",
])
def test_a_quote_that_is_no_sign_to_read_is_not_sure_text(idea):
    assert sure(idea, "text_in_frame") is not True


@pytest.mark.parametrize("idea", [
    "The camera watches the dancer not moving an inch under the spotlight.",
    "The camera isn't moving with the ferry, it rides on deck, so the horizon tilts.",
])
def test_someone_else_still_or_a_camera_riding_along_is_no_locked_camera(idea):
    assert sure(idea, "camera") != "locked"


@pytest.mark.parametrize("idea", [
    "Un plano de 5 segundos y otro de 2 niños jugando en la plaza.",
    "Three 10-second clips; the final edit is 20 seconds.",
    "Two 5-second shots? Or three? Length up to you.",
    "One shot of 5 seconds and another of 3 seconds or so, loosely.",
])
def test_a_guess_or_another_length_beside_the_shots_is_not_summed(idea):
    total = rule_reading(idea).total_duration_s
    assert total is None or total in (5, 20)


@pytest.mark.parametrize("idea", [
    "A sandcastle built by a little girl who pats its walls flat.",
    "La pasta fatta dalla nonna che la stende sul tavolo.",
])
def test_a_maker_still_at_work_is_in_frame(idea):
    assert read(idea, "people") == "required"
