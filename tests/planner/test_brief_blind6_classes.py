"""The brief reader on the classes of misses that the held-out set blind6 listed (issue 26), in new phrasings.

Each test is a class, not a brief. What a user notices: "nobody would say…" forces no empty picture; the hand that
holds the filming phone is not someone in the shot, while a hand seen in frame — the viewer's own included — is;
someone gone ("the coat she forgot") or a statue's shoulders put nobody in the picture; a role denied as a note
("no players") empties it; a frozen dancer "perfectly still" is no locked camera; the frame widening is a dolly
out; "handheld please", "from the shoulder", "caméra à la main" are handheld; several moves chained leave the move
open; a loop said by its ending is a loop, a path's ending is not; "must not be legible" asks for no words; shots
times seconds in words, "une minute en tout" and "Runtime 1:30" are the length.
"""

import pytest

from agents.brief import rule_reading
from tests.planner.brief_helpers import sure


@pytest.mark.parametrize("idea", [
    "Nobody would call this a car park: wildflowers through every crack.",
    "Nadie diría que esta cocina tiene cien años.",
    "Nessuno direbbe che questa spiaggia è in città.",
    "Niemand würde sagen, dass hier einmal eine Fabrik stand.",
    "Personne ne croirait que ce jardin est au cinquième étage.",
    "Nadie se imaginaría que este patio está en el centro.",
    "Kein Mensch würde glauben, dass es November ist.",
])
def test_nobody_with_a_verb_of_saying_or_thinking_is_no_empty_picture(idea):
    assert sure(idea, "people") != "none"


@pytest.mark.parametrize("idea", [
    "Nobody on the quay, just ropes creaking.",
    "Nadie en la playa al amanecer.",
    "Niemand ist auf dem Friedhof, nur Krähen.",
])
def test_a_literal_nobody_still_empties_the_picture(idea):
    assert sure(idea, "people") == "none"


@pytest.mark.parametrize("idea", [
    "Phone video, held in one hand, of the lanterns on the river.",
    "Filmed on a phone held in the hand: waves over the breakwater.",
    "Tourné au téléphone tenu à la main : la grande roue la nuit.",
    "Mit dem Handy in der Hand gefilmt: Nebel über dem Feld.",
])
def test_the_hand_holding_the_filming_phone_is_nobody_in_the_shot(idea):
    r = rule_reading(idea)
    assert r.values.get("people") != "required"
    assert r.values.get("camera", r.hints.get("camera")) == "handheld"


@pytest.mark.parametrize("idea", [
    "I turn the key with my hand and the garage door rattles up.",
    "My hands on the handlebars, the gravel road ahead.",
    "J'écarte les rideaux avec ma main, la mer apparaît.",
    "Empujo la verja con mi mano y entro al huerto.",
    "Con la mia mano accendo la lampada sul comodino.",
    "The phone in my hand lights up with a message.",
])
def test_a_hand_seen_in_frame_the_viewers_own_included_is_someone(idea):
    assert sure(idea, "people") == "required"


@pytest.mark.parametrize("idea", [
    "I step into the empty gallery; white walls, one bench.",
    "J'entre dans l'église vide, les bancs alignés.",
])
def test_a_first_person_walk_into_an_empty_place_stays_nobody(idea):
    assert sure(idea, "people") == "none"


@pytest.mark.parametrize("idea", [
    "The scarf she knitted, draped on the banister.",
    "The kite he flew, tangled in the oak.",
    "Bronze generals in the square, pigeons on their heads.",
    "Plaster saints in the chapel, dust on their hands.",
])
def test_someone_gone_or_a_likeness_body_is_nobody_required(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "The bread he baked sits on the board while he slices it.",
    "Swimmers rest on the jetty, towels on their shoulders.",
])
def test_someone_present_beside_those_forms_is_still_required(idea):
    assert sure(idea, "people") == "required"


@pytest.mark.parametrize("idea", [
    "A basketball court at dusk, no players, a ball by the fence.",
    "Un campo di calcio senza giocatori, la nebbia sull'erba.",
    "Un théâtre sans spectateurs, le rideau baissé.",
])
def test_a_role_denied_as_a_note_is_likely_nobody(idea):
    r = rule_reading(idea)
    assert r.values.get("people", r.hints.get("people")) == "none"


def test_without_a_soul_after_a_likeness_is_nobody():
    assert sure("Una sala di manichini, senza un'anima.", "people") == "none"


@pytest.mark.parametrize("idea", [
    "A quartet with no singers plays in the cloister.",
    "Invités, témoins et mariés dansent sous les guirlandes.",
])
def test_a_role_denied_among_others_is_no_empty_picture(idea):
    assert sure(idea, "people") != "none"


@pytest.mark.parametrize("idea", [
    "Reporters shout questions at the town hall door.",
    "Wedding guests throw confetti on the church steps.",
    "La viticultora prueba la uva en la viña.",
    "Die Gäste stoßen im Garten an.",
])
def test_roles_the_lexicon_lacked_are_someone(idea):
    assert sure(idea, "people") == "required"


@pytest.mark.parametrize("idea", [
    "A mime frozen mid-step, perfectly still, in the rain.",
    "The fox in the snow, completely still, ears up.",
    "A pond under the willows, perfectly still.",
])
def test_a_subject_kept_still_is_no_locked_camera(idea):
    assert sure(idea, "camera") is None


@pytest.mark.parametrize("idea", [
    "Dawn over the harbour. Perfectly still.",
    "A teapot on the sill; the camera stays perfectly still.",
])
def test_the_camera_kept_still_stays_locked(idea):
    assert sure(idea, "camera") == "locked"


@pytest.mark.parametrize("idea, move", [
    ("The view gradually widens to show the whole orchard.", "dolly_out"),
    ("La imagen se abre lentamente sobre el valle.", "dolly_out"),
    ("Das Bild öffnet sich langsam auf den Hafen.", "dolly_out"),
    ("L'inquadratura si allarga sul porto al tramonto.", "dolly_out"),
    ("The camera dollies gently back from the vase.", "dolly_out"),
    ("The night market, handheld please.", "handheld"),
    ("A gentle handheld sway along the quay.", "handheld"),
    ("Fishermen mending nets, shot from the shoulder.", "handheld"),
    ("La fête foraine, caméra à la main.", "handheld"),
    ("The attic at noon, camera locked from the doorway.", "locked"),
    ("Four views of the tower, locked for each of them.", "locked"),
    ("We stay on the window, no movement, as the rain stops.", "locked"),
    ("A smooth pan drifting right over the vineyards.", "pan"),
    ("Two kids on a swing; the camera circles them once.", "orbit"),
])
def test_camera_moves_said_in_forms_not_read_before(idea, move):
    assert sure(idea, "camera") == move


@pytest.mark.parametrize("idea", [
    "The road widens into a square.",
    "A handheld vacuum hums on the counter.",
    "A smooth pan of risotto on the stove.",
    "The shutter is locked from the outside.",
    "A tourist crosses the bridge, camera in hand.",
    "Rise above the vines, orbit the farmhouse, tilt down to the well.",
    "La cámara rodea la fuente, sube sobre los tejados, baja hasta la calle.",
])
def test_a_thing_or_chained_moves_leave_the_camera_open(idea):
    assert sure(idea, "camera") is None


@pytest.mark.parametrize("idea", [
    "Candle flames, a clip that repeats forever with no visible seam.",
    "Cycling endlessly without a jump: the windmill at dusk.",
    "Le film se termine exactement là où il commence : la pluie sur le toit.",
    "Il video finisce proprio dove è cominciato: la giostra.",
    "Das Video endet genau dort, wo es begann: die Wellen am Strand.",
    "La nieve cae; debe repetirse sin fin.",
])
def test_a_loop_said_by_its_ending_or_cycling(idea):
    assert sure(idea, "loopable") is True


@pytest.mark.parametrize("idea", [
    "The walk ends exactly where it began, by the harbour.",
    "A wheel that cycles endlessly in the mill stream.",
])
def test_a_path_or_a_thing_cycling_is_no_loop(idea):
    assert sure(idea, "loopable") is not True


@pytest.mark.parametrize("idea", [
    "A diary on the pillow; the words must not be readable.",
    "Un carnet sur la table, l'écriture ne doit pas être lisible.",
    "Un cuaderno abierto, la letra no tiene que ser legible.",
    "Ein Notizbuch, die Schrift soll nicht lesbar sein.",
    "Una lettera sul letto, la grafia non deve essere leggibile.",
    "Las etiquetas no deben leerse.",
    "Il nome sulla porta non dev'essere leggibile.",
])
def test_a_modal_negation_before_readable_asks_for_no_words(idea):
    r = rule_reading(idea)
    assert r.values.get("text_in_frame") is False


def test_words_that_must_be_readable_are_words():
    assert sure("A postcard on the table; the handwriting must be legible.", "text_in_frame") is True


def test_a_board_the_camera_only_moves_to_asks_for_no_words():
    r = rule_reading("An empty classroom; we glide toward the chalkboard.")
    assert r.values.get("text_in_frame") is not True and r.hints.get("text_in_frame") is not True


@pytest.mark.parametrize("idea, seconds", [
    ("Quattro inquadrature da tre secondi: la neve sul tetto.", 12),
    ("Deux plans de cinq secondes sur le port.", 10),
    ("Fünf Einstellungen à zwei Sekunden: der Bahnhof.", 10),
    ("Tres planos de cuatro segundos: el mercado.", 12),
    ("Drei Einstellungen zu je vier Sekunden: der Markt.", 12),
    ("6 shots x 2s of the harbour lights.", 12),
    ("A 4-second gif of a kettle boiling.", 4),
    ("Une minute en tout : le vent dans les blés.", 60),
    ("Runtime 2:00, the empty stadium at night.", 120),
    ("A 15-second exposure look; the clip itself is 6 seconds.", 6),
])
def test_a_length_said_as_shots_times_seconds_or_in_all(idea, seconds):
    assert rule_reading(idea).total_duration_s == seconds


def test_a_clock_time_is_no_length():
    assert rule_reading("Two dancers rehearse at 2:30 a.m. in the hall.").total_duration_s is None
