"""Round 14 (issue 26): the model path's classes from blind11, on phrasings written for the test.

The model's reading is scripted (pydantic-ai's FunctionModel); what is checked is what the merged reading keeps: a
second look that quotes only a place named by its maker is void; a loop the model quotes from a thing (a curl of
hair, a loop of rope) is no loop; a right "none" quoted with the wrong words stands when the brief denies a role.
"""

from __future__ import annotations

import pytest

from agents.brief import merge_readings, read_with_model
from tests.planner.brief_helpers import reading, scripted


@pytest.mark.parametrize("idea, words", [
    ("L'atelier d'un ébéniste au petit matin, des copeaux sur l'établi.", "L'atelier d'un ébéniste"),
    ("El taller de un ebanista, virutas en el suelo, luz de tarde.", "El taller de un ebanista"),
    ("The workshop of a wheelwright, spokes drying in the sun.", "The workshop of a wheelwright"),
])
async def test_a_second_look_that_quotes_only_a_makers_place_is_void(idea, words):
    model = scripted(reading(people_words=words, people="required"), {"words": words, "answer": "required"},
                      human="person")
    r = await read_with_model(idea, model)
    assert r.expectations.get("people", "allowed") != "required"


async def test_a_maker_at_work_in_the_place_is_still_someone():
    idea = "Un ebanista lija una cómoda en su taller."
    words = "Un ebanista lija una cómoda"
    model = scripted(reading(people_words=words, people="required"), {"words": words, "answer": "required"},
                      human="person")
    r = await read_with_model(idea, model)
    assert r.expectations["people"] == "required"


@pytest.mark.parametrize("idea, words", [
    ("Una niña se enrolla un bucle del pelo en el dedo mientras lee.", "bucle del pelo"),
    ("Le marin serre une boucle de la corde autour du taquet.", "une boucle de la corde"),
    ("A girl twists a loop of the ribbon around her finger.", "a loop of the ribbon"),
])
def test_a_loop_the_model_quotes_from_a_thing_is_no_loop(idea, words):
    r = merge_readings(idea, reading(loop_words=words, loopable=True))
    assert r.full()["loopable"] is False


def test_a_loop_asked_for_stays_a_loop():
    idea = "Rain on a window, a seamless loop of six seconds."
    r = merge_readings(idea, reading(loop_words="a seamless loop", loopable=True))
    assert r.full()["loopable"] is True


@pytest.mark.parametrize("idea", [
    "Marionettes bow on a toy stage, no puppeteers visible.",
    "Une cour d'école au petit matin, aucun élève visible.",
    "Headphones spinning on a turntable, no hands, no model.",
])
def test_a_right_none_quoted_with_the_wrong_words_stands_when_a_role_is_denied(idea):
    # the model answers "none" but quotes the subject, not the denial
    r = merge_readings(idea, reading(people_words=idea.split(",")[0], people="none"))
    assert r.full()["people"] == "none"


@pytest.mark.parametrize("idea, words, secs", [
    ("A night avenue, shutter at 1/30 s so the headlights streak, on a tripod.", "1/30 s", 1 / 30),
    ("Un viale di notte, otturatore a 1/15 s, cavalletto.", "1/15 s", 1 / 15),
])
def test_an_exposure_the_model_quotes_is_no_length(idea, words, secs):
    r = merge_readings(idea, reading(duration_words=words, total_duration_s=secs))
    assert r.total_duration_s is None
