"""The brief reader's classes beyond word lists (issue 26), the quote check, and the second look.

The rules are sure only of what they can be sure of (a rule that fires is forced onto every shot); what they only
suspect is a hint, and where the model's reading and a hint differ a second model call on that one field decides.
The model is scripted with pydantic-ai's FunctionModel: these tests are about what nightreel does with answers.
"""

import json

import pytest
from pydantic_ai.messages import ModelResponse, TextPart, UserPromptPart
from pydantic_ai.models.function import AgentInfo, FunctionModel

from agents.brief import (
    BriefExtraction,
    grounded,
    merge_readings,
    read_with_model,
    rule_reading,
)
from agents.brief_look import examples
from tests.planner.brief_helpers import reading

# ---------------------------------------------------------------------------------------------- the rules

@pytest.mark.parametrize("idea", [
    "Personne. Seulement le vent sur la plage.",                 # the one-word negation, alone
    "Personne ce matin devant la boulangerie fermée.",
    "Sur le quai, il n'y a personne.",
    "Kein Mensch auf der Brücke, nur Nebel.",
    "Non c'è nessuno sul molo.",
    "POV: I walk into my old bedroom, now empty, the posters gone.",   # the camera is not a person
])
def test_nobody_in_other_forms_is_sure(idea):
    assert rule_reading(idea).values.get("people") == "none"


@pytest.mark.parametrize("idea", [
    "Une personne âgée attend le bus sous la pluie.",           # the noun: a person
    "Une personne seule lance un cerf-volant sur la plage.",
])
def test_the_french_noun_personne_is_someone(idea):
    assert rule_reading(idea).values.get("people") == "required"


@pytest.mark.parametrize("idea", [
    "The armchair where Grandpa used to read, a lamp still on.",
    "Der Tisch, an dem früher die Großmutter nähte, im Abendlicht.",
    "A long table after the waiters have left, candles guttering.",
])
def test_a_person_named_in_the_past_is_never_forced_into_the_picture(idea):
    r = rule_reading(idea)
    assert r.values.get("people") != "required" and r.hints.get("people") != "required"


@pytest.mark.parametrize("idea,move", [
    ("The camera advances slowly down the nave.", "dolly_in"),
    ("La cámara avanza despacio por el pasillo.", "dolly_in"),
    ("The camera stays perfectly still on the harbour.", "locked"),
    ("Die Kamera bleibt völlig still, Schnee fällt.", "locked"),
    ("Pull back from a red kayak to show the whole fjord.", "dolly_out"),
    ("The camera drifts around the choir in a full circle.", "orbit"),
    ("The camera swings from the mountain on the left to the lake on the right.", "pan"),
])
def test_camera_moves_said_in_plain_words(idea, move):
    assert rule_reading(idea).values.get("camera") == move


def test_still_water_is_only_a_hint_and_a_handheld_fan_no_camera_at_all():
    lake = rule_reading("The lake lies perfectly still at dawn.")   # the lake is still, not the camera
    assert "camera" not in lake.values and "camera" not in lake.hints
    assert rule_reading("We slide sideways past the lake at dawn.").hints.get("camera") == "pan"   # or a track
    assert "camera" not in rule_reading("A handheld fan whirs on a desk.").values
    assert rule_reading("A crowded market, handheld walk-through.").values.get("camera") == "handheld"


@pytest.mark.parametrize("idea", [
    "Commuters under a departure board reading DELAYED.",
    "A sign that reads Welcome Home hangs over the porch.",
    "Un cartel oxidado donde todavía se lee 'San Isidro'.",
    "A globe spins, the country names clearly legible.",
    "Le pagine di un quaderno si riempiono di parole scritte a matita.",
])
def test_words_in_frame_without_the_word_text_are_sure(idea):
    assert rule_reading(idea).values.get("text_in_frame") is True


@pytest.mark.parametrize("idea,hint", [
    ("Red neon lights hum over a wet alley.", None),                # lights are not words
    ("A blank screen glows in a dark room.", None),
    ("A handwritten menu on a café table.", True),                  # likely words: the model decides
    ("Eine Anzeigetafel am leeren Bahnsteig.", True),
])
def test_things_that_may_carry_words_are_hints_not_rules(idea, hint):
    r = rule_reading(idea)
    assert "text_in_frame" not in r.values and r.hints.get("text_in_frame") == hint


def test_a_loop_in_the_picture_is_not_a_looping_video():
    assert "loopable" not in rule_reading("A roller coaster races through its loop-the-loop at night.").values
    assert rule_reading("Une boucle de neige qui tombe devant un réverbère.").values.get("loopable") is True


# ---------------------------------------------------------------------------------------------- quotes

def test_a_quote_must_be_a_substring_of_the_brief():
    brief = "A bustling night market, the stalls lit by paper lanterns"
    assert grounded("the stalls lit by paper lanterns", brief)
    assert grounded("A Bustling Night Market", brief)        # case aside
    assert grounded("a paper lanterns", brief) is False or grounded("paper lanterns", brief)
    assert not grounded("night market stalls", brief)        # the words are there, the quote is not
    assert not grounded("a woman listens", brief)


def test_a_first_person_walk_quoted_as_a_person_is_not_someone():
    idea = "A first-person walk into an empty room at dusk."
    r = merge_readings(idea, reading(people_words="first-person walk", people="required"))
    assert r.expectations["people"] == "none"


def test_the_worked_examples_quote_their_briefs_and_agree_with_the_sure_rules():
    for brief, reading in examples():
        for k in ("people_words", "camera_words", "loop_words", "text_words", "duration_words"):
            words = getattr(reading, k)
            assert not words or grounded(words, brief), (brief, k, words)
        sure = rule_reading(brief).values
        for k, v in sure.items():
            if k in ("people", "camera", "loopable", "text_in_frame"):
                assert getattr(reading, k) == v, (brief, k)


# ---------------------------------------------------------------------------------------------- second look

def _scripted(reading: BriefExtraction, looks: dict[str, dict], seen: list):
    """The reading for the first call; for a second look, the answer scripted for the field it asks about."""
    def fn(messages, info: AgentInfo):
        last = messages[-1].parts[-1]
        text = last.content if isinstance(last, UserPromptPart) else ""
        seen.append(text)
        if text.startswith("Look again"):
            field = next(k for k in looks if {"people": "person", "text_in_frame": "written words",
                                               "camera": "camera move"}[k] in text)
            return ModelResponse(parts=[TextPart(json.dumps(looks[field]))])
        return ModelResponse(parts=[TextPart(reading.model_dump_json())])
    return FunctionModel(fn)


async def test_where_the_model_and_a_hint_differ_a_second_look_decides():
    idea = "Das Zimmer, in dem früher die Großmutter strickte, steht heute leer."
    assert rule_reading(idea).hints.get("people") == "none"
    seen: list = []
    model = _scripted(reading(people_words="die Großmutter strickte", people="required"),
                      {"people": {"words": "steht heute leer", "answer": "none"}}, seen)
    r = await read_with_model(idea, model)
    assert r.expectations["people"] == "none" and r.sources["people"].startswith("second look")
    assert r.model_calls == 2 and sum(s.startswith("Look again") for s in seen) == 1
    assert any("second look read 'none'" in d for d in r.disagreements)


async def test_a_second_look_quoting_words_not_in_the_brief_is_void_and_the_hint_stands():
    idea = "A handwritten menu propped on a café table, morning light."
    seen: list = []
    model = _scripted(reading(), {"text_in_frame": {"words": "the menu lists croissants", "answer": True}}, seen)
    r = await read_with_model(idea, model)
    assert r.model_calls == 2
    assert r.expectations["text_in_frame"] is True and r.sources["text_in_frame"].startswith("rules (hint)")


async def test_a_claim_the_lexicon_cannot_confirm_is_looked_at_again():
    idea = "I tuffatori si lanciano dal molo nel pomeriggio."   # divers: a word the lexicon does not hold
    seen: list = []
    model = _scripted(reading(people_words="I tuffatori si lanciano", people="required"),
                      {"people": {"words": "I tuffatori si lanciano", "answer": "required"}}, seen)
    r = await read_with_model(idea, model)
    assert r.expectations["people"] == "required" and r.model_calls == 2


async def test_no_second_look_where_the_rules_are_sure_or_the_model_agrees():
    seen: list = []
    model = _scripted(reading(people_words="a barista", people="allowed", camera_words="slow pan", camera="pan"),
                      {}, seen)
    r = await read_with_model("Nobody in the café at dawn, a slow pan across the counter.", model)
    assert r.model_calls == 1 and len(seen) == 1
    assert r.expectations["people"] == "none" and r.expectations["camera"] == "pan"


async def test_the_reading_call_shows_the_worked_examples_before_the_brief():
    sent = []

    def fn(messages, info: AgentInfo):
        sent.append(messages)
        return ModelResponse(parts=[TextPart(reading().model_dump_json())])

    await read_with_model("Rain on a tin roof.", FunctionModel(fn))
    users = [p.content for m in sent[0] for p in m.parts if isinstance(p, UserPromptPart)]
    assert len(users) == len(examples()) + 1 and users[-1].endswith("Rain on a tin roof.")
