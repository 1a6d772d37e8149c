"""The brief reader on the classes of misses that the held-out set blind4 listed (issue 26), in new phrasings.

Each test is a class, not a brief: a second camera move in a form the rules do not name leaves the move to the
planner (never a wrong sure move); an owner named with a possessive is not in the picture; roles, crowds, feet in
shoes and a living statue are someone; loop words with their length; opening titles; blank or read paper carries
no words to read; a length as the last note or after de/da. And a second look may not take a likeness, an animal
or the viewer for someone.
"""

import pytest

from agents.brief import claim_supported, rule_reading
from agents.brief_look import _look_supported


def _people(idea):
    r = rule_reading(idea)
    return r.values.get("people", r.hints.get("people", "allowed"))


def _camera(idea):
    r = rule_reading(idea)
    return r.values.get("camera", r.hints.get("camera", "any"))


@pytest.mark.parametrize("idea", [
    "A slow push in on the bakery window, then pan off to the bus stop.",
    "A locked-off shot of the dancers, then pan off to the band.",
    "Travelling avant vers le portail, puis on recule jusqu'à la rue.",
    "Carrellata in avanti verso la chiesa, poi ci allontaniamo lungo il viale.",
    "Langsame Kamerafahrt nach vorn auf die Tür, dann schwenkt die Kamera zum Fenster.",
    "Start locked on the dunes at sunset, then orbit the old jeep as the sun sinks.",
])
def test_a_second_move_in_a_form_not_named_leaves_the_move_open(idea):
    r = rule_reading(idea)
    assert "camera" not in r.values and "camera" not in r.hints


@pytest.mark.parametrize("idea, move", [
    ("Orbit the birdbath slowly as the sun comes up behind the hedge.", "orbit"),
    ("Please don't move the camera while the bread rises.", "locked"),
    ("Keep the camera steady as the tide comes in.", "locked"),
    ("No muevas la camara: la lluvia cae sobre el patio.", "locked"),
    ("Non muovere la camera, la nebbia sale dal fiume.", "locked"),
    ("Ripresa col treppiede di una barca ferma al porto.", "locked"),
    ("Turn the camera slowly from the piano to the open window.", "pan"),
    ("La caméra pivote du comptoir vers la porte d'entrée.", "pan"),
    ("Un lent recul depuis la théière jusqu'à la pièce entière.", "dolly_out"),
    ("Kamerafahrt nach vorn durch das leere Treppenhaus.", "dolly_in"),
    ("Shot on my phone, a little wobbly, fireworks over the bay.", "handheld"),
    ("Camara en mano entre los puestos del mercado.", "handheld"),
])
def test_a_move_said_in_another_form_is_read(idea, move):
    assert _camera(idea) == move


def test_the_sun_or_a_planet_orbiting_is_not_the_camera():
    assert _camera("A model of the moon orbits the earth on a classroom desk.") == "any"
    assert _camera("A pan of paella from the stove to the table.") == "any"


@pytest.mark.parametrize("idea, people", [
    ("Lo studio di mio nonno, vuoto, con la polvere nella luce.", "none"),
    ("La bottega di mia nonna al mattino, una radio accesa.", "allowed"),
    ("L'atelier de mon grand-père, vide, des outils au mur.", "none"),
    ("El taller de mi abuelo, vacío, con serrín en el suelo.", "none"),
    ("Les mains de ma grand-mère pétrissent la pâte.", "required"),
    ("The goalkeeper bounces on the line before the kick.", "required"),
    ("El portero se estira bajo la lluvia.", "required"),
    ("Ein Straßenmusiker spielt Akkordeon am Bahnhof.", "required"),
    ("I tifosi cantano sugli spalti.", "required"),
    ("Hinchas saltando en la grada, plano general.", "required"),
    ("Thousands of fans wave flags in the stadium.", "required"),
    ("Close on feet in sneakers skipping over puddles.", "required"),
    ("Una estatua viviente plateada saluda en la Rambla.", "required"),
    ("Ceiling fans turn slowly over an empty dining room.", "none"),
])
def test_people_classes(idea, people):
    assert _people(idea) == people


@pytest.mark.parametrize("idea, loop, total", [
    ("Bucle de 4 segundos: vapor sobre una taza.", True, 4),
    ("Boucle parfaite de 8 secondes : une flamme.", True, 8),
    ("Loopbar, 6 Sekunden: Regen an der Scheibe.", True, 6),
    ("Spot da 20 secondi per un caffè, la tazzina fuma.", False, 20),
    ("Rain on a skylight, locked off, 20s", False, 20),
    ('Toast pops up. Caption: "Good morning." 7 seconds.', False, 7),
    ("A candle in a window, handheld, roughly 10 seconds.", False, 10),
])
def test_loops_and_lengths_as_the_last_note_or_after_de(idea, loop, total):
    r = rule_reading(idea)
    assert r.values.get("loopable", False) is loop
    assert r.total_duration_s == total


def test_a_decade_with_an_era_is_still_no_length():
    assert rule_reading("Retro diner, 70s, chrome stools.").total_duration_s is None
    assert rule_reading("A kettle boils; after 5 seconds the whistle blows.").total_duration_s is None


@pytest.mark.parametrize("idea, text", [
    ("Titoli di testa bianchi su nero, poi una spiaggia.", True),
    ("Vorspann in weißer Schrift über dem Hafen.", True),
    ("A notebook lies open on the desk, its pages blank.", False),
    ("A grandfather reads the newspaper on the porch.", False),
    ("Un cuaderno en blanco junto a una taza.", False),
])
def test_titles_and_paper_without_words(idea, text):
    r = rule_reading(idea)
    assert r.values.get("text_in_frame", r.hints.get("text_in_frame", False)) is text


@pytest.mark.parametrize("words, idea", [
    ("a mannequin in a red coat", "A mannequin in a red coat stands in a shop window."),
    ("I open the fridge", "I open the fridge at night and the light spills out."),
    ("Ein Fuchs", "Ein Fuchs schnürt über das Feld."),
])
def test_a_second_look_cannot_take_a_likeness_an_animal_or_the_viewer_for_someone(words, idea):
    assert not _look_supported("people", "required", words, idea)
    assert not claim_supported("people", "required", words, idea)


def test_a_second_look_still_names_someone_the_lexicon_does_not_know():
    assert _look_supported("people", "required", "spettatori", "Spettatori sugli spalti.")
    assert _look_supported("people", "required", "I bagnanti si tuffano", "I bagnanti si tuffano dal molo.")
    assert claim_supported("people", "required", "Maria Lopez", "Maria Lopez waters her roses.")
