"""The brief reader's model path by class (issue 26, round 12), in new phrasings, not the sets' briefs.

What a user notices: with the model, a role the lexicon does not know is asked about, not left allowed; a crowd named
by a collective noun, thumbs at work and a real guard beside portraits are someone; a machine working on its own is
no one. The rules' classes are in test_brief_round12_classes.py.
"""

import pytest

from agents.brief import read_with_model
from tests.planner.brief_helpers import reading, scripted

# ------------------------------------------------------------------------------------------------- the model path



@pytest.mark.parametrize("idea, noun", [
    ("Ein Turmuhrmacher auf der Leiter im Glockenturm, Staub im Gegenlicht. 10 Sekunden.", "turmuhrmacher"),
    ("A container terminal at night, the straddle-carrier operator visible in his cab, sodium light.", "operator"),
    ("Un sonneur de cloches dans le clocher, les cordes qui se tendent.", "sonneur"),
])
async def test_a_role_the_lexicon_lacks_is_asked_about_when_the_model_read_nothing(idea, noun):
    asked: list[str] = []
    model = scripted(reading(people_words="", people="none"), {}, human="person", asked=asked)
    r = await read_with_model(idea, model)
    assert r.expectations.get("people") == "required"
    assert asked and noun in asked[-1]


async def test_a_thing_named_like_a_role_stays_allowed():
    asked: list[str] = []
    idea = "A kitchen at dawn, the coffee maker gurgling, sunlight on the tiles."
    model = scripted(reading(people_words="", people="none"), {}, human="thing", asked=asked)
    r = await read_with_model(idea, model)
    assert r.expectations.get("people", "allowed") == "allowed"


@pytest.mark.parametrize("idea, words", [
    ("A player piano playing by itself in an empty ballroom, dust in the light.", "A player piano playing"),
    ("Un vieux métier à tisser qui travaille comme par magie dans l'atelier vide.", "Un vieux métier à tisser qui travaille"),
])
async def test_a_machine_doing_a_persons_act_by_itself_is_no_one(idea, words):
    model = scripted(reading(people_words=words, people="required"), {"words": words, "answer": "required"},
                      human="person")
    r = await read_with_model(idea, model)
    assert r.expectations.get("people", "allowed") != "required"


async def test_names_scrolling_in_the_credits_are_no_one():
    idea = "End titles: cast and crew names scrolling over a slow sunset."
    model = scripted(reading(people_words="cast and crew names", people="required"), {}, human="thing")
    r = await read_with_model(idea, model)
    assert r.expectations.get("people", "allowed") != "required"


async def test_someone_real_beside_portraits_is_required():
    idea = "A town hall corridor, paintings of old fishermen along the walls, a guard dozing on his chair by the door."
    words = "paintings of old fishermen along the walls, a guard dozing on his chair by the door"
    model = scripted(reading(people_words=words, people="required"), {"unusable": True})
    r = await read_with_model(idea, model)
    assert r.expectations.get("people") == "required"


async def test_a_portrait_alone_is_still_not_someone():
    idea = "A town hall corridor, paintings of old fishermen along the walls, dust in the light."
    words = "paintings of old fishermen along the walls"
    model = scripted(reading(people_words=words, people="required"), {"unusable": True})
    r = await read_with_model(idea, model)
    assert r.expectations.get("people", "allowed") == "allowed"


@pytest.mark.parametrize("idea, words, seconds", [
    ("Rain on a skylight, loop, anywhere between 8 and 12 seconds.", "between 8 and 12 seconds", 12),
    ("Pioggia sul lucernario, in loop, tra 10 e 20 secondi.", "tra 10 e 20 secondi", 20),
])
async def test_one_end_of_a_range_is_no_stated_length(idea, words, seconds):
    model = scripted(reading(duration_words=words, total_duration_s=seconds), {})
    r = await read_with_model(idea, model)
    assert r.total_duration_s is None
