"""Round 17 (issue 26): someone named by a trade the lexicon does not know, doing something, on the model path.

The model is scripted (pydantic-ai's FunctionModel); what is checked is what the merged reading keeps and which
nouns the model is asked about: a trade found in any noun's place when it acts (after a preposition, after a verb,
before a relative clause) is asked about; the model's own "required" on such a noun is settled by the kind question
on that noun; a thing in the same place is not someone, and no noun is asked about twice.
"""

from __future__ import annotations

import re

import pytest

from agents.brief import read_with_model
from tests.planner.brief_helpers import reading, scripted

_NOTHING = {"words": "", "answer": "allowed"}


@pytest.mark.parametrize("idea, noun", [
    ("Close-up of a cooper hammering iron hoops onto an oak barrel.", "cooper"),
    ("A slow push in on a thatcher tying reed bundles along the roof.", "thatcher"),
    ("Gros plan sur un rempailleur qui tresse l'assise d'une chaise.", "rempailleur"),
    ("Primo piano di un arrotino che affila un coltello sulla mola.", "arrotino"),
    ("Plano cerrado de un cestero que trenza mimbre en la puerta.", "cestero"),
    ("In der Werkstatt hobelt ein Stellmacher die Speichen für ein Rad.", "stellmacher"),
    ("Nahaufnahme von einem Kesselflicker, der eine Pfanne lötet.", "kesselflicker"),
])
async def test_a_trade_that_acts_inside_a_clause_is_asked_about_and_is_someone(idea, noun):
    asked: list[str] = []
    model = scripted(reading(), _NOTHING, human="person", asked=asked, field_looks=False)
    r = await read_with_model(idea, model)
    assert r.expectations["people"] == "required"
    assert len(asked) == 1 and noun in asked[0]


@pytest.mark.parametrize("idea", [
    "Close-up of a cooper hammering hoops, a blender on the counter behind him.",
    "Gros plan sur un rempailleur qui tresse une chaise, dans un coin une bétonnière.",
])
async def test_a_thing_inside_a_clause_that_does_nothing_is_not_asked_about(idea):
    asked: list[str] = []
    model = scripted(reading(), _NOTHING, human="person", asked=asked, field_looks=False)
    r = await read_with_model(idea, model)
    assert r.expectations["people"] == "required"
    assert len(asked) == 1 and re.search(r'does "[^"]*(cooper|rempailleur)" name', asked[0])


@pytest.mark.parametrize("idea, words, kind", [
    ("Ein Kupferschmied an der Esse, Funken fliegen, ein Kessel entsteht.", "Ein Kupferschmied an der Esse", "person"),
    ("Un arrotino sotto il portico, la mola ferma accanto.", "Un arrotino sotto il portico", "person"),
    ("Ein Kupferschmied an der Esse, Funken fliegen, ein Kessel entsteht.", "Ein Kupferschmied an der Esse", "thing"),
    ("Un frullatore acceso sul bancone di marmo.", "Un frullatore acceso sul bancone", "thing"),
])
async def test_the_models_own_required_on_an_unknown_noun_is_settled_by_one_question_on_its_kind(idea, words, kind):
    # the second look would have answered "allowed"; the question on the noun's kind decides instead, asked once
    asked: list[str] = []
    model = scripted(reading(people_words=words, people="required"), _NOTHING, human=kind, asked=asked)
    r = await read_with_model(idea, model)
    assert (r.expectations.get("people", "allowed") == "required") == (kind == "person")
    assert len(asked) == 1 and asked[0].startswith("Look again at one word only")
    assert r.model_calls == 2


@pytest.mark.parametrize("idea, words", [
    ("Un cordaio intreccia una cima da barca nel capannone.", "Un cordaio intreccia una cima"),
    ("Un hojalatero golpea una lámina de zinc, saltan chispas.", "Un hojalatero golpea una lámina"),
])
async def test_a_trade_read_as_no_one_then_as_neither_is_still_asked_about(idea, words):
    # the model reads no one from words that name someone at work; its second look says neither
    asked: list[str] = []
    model = scripted(reading(people_words=words, people="none"), _NOTHING, human="person", asked=asked,
                     field_looks=False)
    r = await read_with_model(idea, model)
    assert r.expectations["people"] == "required"
    assert len(asked) == 1
