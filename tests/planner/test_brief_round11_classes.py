"""The brief reader by class (issue 26, round 11), in new phrasings, not the sets' briefs.

What a user notices: a negation governs a whole list of nouns in each of the five languages ("ni le patron ni les
clients", "not a boat or a fisherman", "weder Kellner noch Gäste"), so no one denied there is forced into the
picture; a denied emptiness ("la plage n'est pas vide", "no está vacío") says someone is there; a person who never
enters the frame is not sure to be in it; "niente sottotitoli" asks for no words. With the model: "nobody would
guess …" says nothing of an empty picture; a role the lexicon lacks, quoted doing something (a farrier shoeing a
horse, "his first bite"), is asked about rather than left allowed.
"""

import json

import pytest

from agents.brief import read_with_model, rule_reading
from tests.planner.brief_helpers import reading, scripted, sure

# ---------------------------------------------------------------------------------------------- negation scope

@pytest.mark.parametrize("idea", [
    "Ni le patron ni les habitués, juste le comptoir qui brille.",
    "Une épicerie au petit matin, pas un vendeur, pas de caissière, les néons qui grésillent.",
    "Una piazza all'alba, né turisti né venditori, solo piccioni.",
    "Weder Kellner noch Gäste, nur Stühle auf den Tischen.",
    "Un muelle de madrugada, ni pescadores ni marineros, la niebla baja.",
])
def test_a_list_of_denied_roles_forces_no_one_into_the_picture(idea):
    assert sure(idea, "people") != "required"
    assert rule_reading(idea).hints.get("people", "none") == "none"


@pytest.mark.parametrize("idea", [
    "A salt flat at noon, not a truck or a person for miles, heat haze.",
    "A frozen lake, no skaters out yet, the ice creaking.",
    "A puppet theatre after the show, no puppeteer in sight.",
])
def test_no_role_as_a_note_of_its_own_reads_nobody(idea):
    r = rule_reading(idea)
    assert r.values.get("people", r.hints.get("people")) == "none"


@pytest.mark.parametrize("idea", [
    "Il molo al tramonto, senza un solo pescatore.",
    "Una playa de invierno sin un solo bañista, olas grises.",
    "Ein Weinberg im Nebel, ohne einen einzigen Winzer.",
])
def test_without_a_single_role_is_nobody(idea):
    assert sure(idea, "people") == "none"


def test_a_band_with_no_singer_is_not_nobody():
    r = rule_reading("A band with no singer rehearses in a garage.")
    assert r.values.get("people", r.hints.get("people")) != "none"


@pytest.mark.parametrize("idea, people", [
    ("Nicht menschenleer: ein paar Fischer flicken Netze am Kai.", "required"),
    ("La plage n'est pas vide, loin de là : parasols et serviettes à perte de vue.", "required"),
    ("El mercado no está vacío: todo el pueblo compra fruta.", "required"),
    ("Not that the beach is empty: kite surfers everywhere, tripod shot.", "required"),
    ("Ce n'est pas que la gare soit déserte : des voyageurs attendent le dernier train.", "required"),
])
def test_a_denied_emptiness_says_someone_is_there(idea, people):
    r = rule_reading(idea)
    assert r.values.get("people", r.hints.get("people")) == people


def test_an_empty_market_is_still_nobody():
    r = rule_reading("El mercado está vacío al amanecer.")
    assert r.values.get("people", r.hints.get("people")) == "none"


@pytest.mark.parametrize("idea", [
    "Only the reflection of headlights on wet tiles; the driver himself never appears.",
    "L'ombre d'un passant sur le mur, le passant lui-même n'entre jamais dans le champ.",
])
def test_a_person_who_never_enters_the_frame_is_not_sure(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "Niente sottotitoli né scritte: solo il mare d'inverno.",
    "Ni subtítulos ni letreros, solo la lluvia en el cristal.",
])
def test_forbidden_words_are_no_words_to_read(idea):
    assert sure(idea, "text_in_frame") is not True


@pytest.mark.parametrize("idea", [
    "A chess scorebook open on the table, you can read every move.",
    "Una lavagna in cortile, si possono leggere i nomi dei bambini.",
    "Ein Kassenzettel im Regen, man kann noch jede Zeile lesen.",
])
def test_a_reader_able_to_read_asks_for_words(idea):
    assert sure(idea, "text_in_frame") is True


def test_nothing_that_can_be_read_asks_for_none():
    assert sure("Screens everywhere, all blurred so nothing can be read.", "text_in_frame") is not True


# ------------------------------------------------------------------------------------------------- the model path


@pytest.mark.parametrize("idea, words", [
    ("Nobody would believe this little workshop still makes clocks: show the pendulums swinging.",
     "Nobody would believe this little workshop still makes clocks"),
    ("Personne ne soupçonnerait que cette cabane cache un piano : le couvercle s'ouvre lentement.",
     "Personne ne soupçonnerait que cette cabane cache un piano"),
    ("Nadie imaginaría que este sótano guarda un jardín: las hojas brillan bajo las lámparas.",
     "Nadie imaginaría que este sótano guarda un jardín"),
])
async def test_nobody_would_guess_is_no_empty_picture(idea, words):
    r = await read_with_model(idea, scripted(reading(people_words=words, people="none"), {}))
    assert r.expectations.get("people", "allowed") == "allowed"


@pytest.mark.parametrize("idea, words", [
    ("Nicht menschenleer: auf dem Deich sitzen Leute mit Thermoskannen.", "Nicht menschenleer"),
    ("Non è che sia deserta: la sagra riempie la piazza.", "Non è che sia deserta"),
])
async def test_a_denied_emptiness_quoted_is_no_nobody(idea, words):
    r = await read_with_model(idea, scripted(reading(people_words=words, people="none"), {}))
    assert r.expectations.get("people", "allowed") != "none"


@pytest.mark.parametrize("idea, words", [
    ("A wheelwright backing a horse between the shafts of a cart, dusk.",
     "A wheelwright backing a horse between the shafts"),
    ("Un bourrelier qui ajuste le collier d'un cheval de trait, lumière d'étable.",
     "Un bourrelier qui ajuste le collier d'un cheval de trait"),
])
async def test_a_role_before_an_animal_is_asked_about_not_voided(idea, words):
    asked: list[str] = []
    model = scripted(reading(people_words=words, people="required"), {"words": words, "answer": "required"},
                      human="person", asked=asked)
    r = await read_with_model(idea, model)
    assert r.expectations.get("people") == "required"


@pytest.mark.parametrize("idea, words, look_words", [
    ("Il bottaio piega le doghe sul fuoco, fumo nella bottega.", "Il bottaio piega le doghe sul fuoco",
     "Il bottaio piega le doghe"),
    ("Two shots: the toast popping, then his first bite.", "the toast popping, then his first bite",
     "his first bite"),
])
async def test_someone_quoted_doing_something_is_not_read_as_no_one(idea, words, look_words):
    asked: list[str] = []
    model = scripted(reading(people_words=words, people="none"), {"words": look_words, "answer": "required"},
                      human="person", asked=asked)
    r = await read_with_model(idea, model)
    assert r.expectations.get("people") == "required"
    assert asked and json.dumps(words) in asked[0]


async def test_an_animal_quoted_with_her_is_not_asked_about():
    asked: list[str] = []
    idea = "A cat curls her tail around the teapot, steam rising."
    model = scripted(reading(people_words="A cat curls her tail", people="none"),
                      {"words": "her tail", "answer": "required"}, asked=asked)
    r = await read_with_model(idea, model)
    assert not asked and r.expectations.get("people", "allowed") == "allowed"


async def test_words_quoted_in_the_brief_are_words_to_read():
    idea = "Un biglietto sul tavolo, scritto a matita, quasi sbiadito: «Torno subito, non aspettarmi»"
    words = "Torno subito, non aspettarmi"
    r = await read_with_model(idea, scripted(reading(text_words=words, text_in_frame=True), {}))
    assert r.expectations.get("text_in_frame") is True


async def test_an_emptiness_the_brief_denies_is_no_nobody_in_a_second_look():
    idea = "Non è che sia vuota: la sagra riempie la piazza di bancarelle, ripresa dal drone."
    model = scripted(reading(people_words="Non è che sia vuota", people="none"),
                      {"words": "vuota", "answer": "none"})
    r = await read_with_model(idea, model)
    assert r.expectations.get("people", "allowed") != "none"
