"""The brief reader on the classes of misses that the held-out set blind5 listed (issue 26), in new phrasings.

Each test is a class, not a brief. What a user notices: a crowd or a role in a simile, or "nobody" in a figure of
speech, forces nothing about people onto the shots; a living thing kept still is not a locked camera; a loop's
"cycles back" is not a dolly; a drone, an orbit or a move said as a noun phrase, a note ("top-down and locked",
"shaky") is read; a loop said without a loop word is a loop; a far negation, an unreadable name or an ordinary
path ("her loop around the park") asks for no words or loop; quotes piped or written in letters are words to read;
a length said for the whole, with "lang", or as shots times seconds is the length.
"""

import pytest

from agents.brief import rule_reading
from tests.planner.brief_helpers import sure


@pytest.mark.parametrize("idea", [
    "Seagulls line the railing like an audience before the curtain rises.",
    "Les feuilles tourbillonnent comme une foule de danseurs sur la place.",
    "Las farolas se encienden como una multitud de espectadores con velas.",
    "Die Wolken ziehen wie Pendler am Morgen über die Stadt.",
    "I lampioni si accendono come una folla di tifosi con le torce.",
])
def test_a_crowd_in_a_simile_is_nobody_required(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A lemon tart so bright no one could walk past it. Locked-off shot.",
    "An attic lamp that nobody would expect to still glow.",
    "Un pan que nadie resiste, recién salido del horno.",
    "Ein Blick, den niemand je vergisst: der See im Morgennebel.",
    "Un tramonto che nessuno dimentica sopra il porto.",
])
def test_nobody_in_a_figure_of_speech_is_not_an_empty_picture(idea):
    assert sure(idea, "people") != "none"


@pytest.mark.parametrize("idea", [
    "Nobody on the pier tonight, only gulls and fog.",
    "A back street where nobody can be seen, rain on the cobbles.",
    "A wax museum at night, no real visitors anywhere.",
    "Mannequins behind the glass and not a single living person.",
    "I walk into my empty new studio; bare floor, nothing else.",
])
def test_a_plain_nobody_still_empties_the_picture(idea):
    assert sure(idea, "people") == "none"


def test_the_viewers_own_hand_in_frame_is_no_empty_picture():
    # round 8's labelling policy: a body part seen in frame is someone, the viewer's own hand included
    assert sure("I walk into my empty new studio, my hand on the door frame; bare floor, nothing else.",
                 "people") != "none"


@pytest.mark.parametrize("idea", [
    "A mime on the bridge leans against an invisible wall.",
    "Il bagnino corre verso la riva con il salvagente.",
    "Une vieille dame arrose ses géraniums au balcon.",
    "Eine alte Dame liest auf der Parkbank.",
    "Sunbathers on the rocks below the lighthouse.",
])
def test_roles_the_lexicon_lacked_are_someone(idea):
    assert sure(idea, "people") == "required"


def test_fans_after_a_number_in_words_are_a_crowd():
    r = rule_reading("Sixty thousand fans wave scarves in the rain.")
    assert r.values.get("people", r.hints.get("people")) == "required"


@pytest.mark.parametrize("idea", [
    "A living statue dressed as a bronze soldier stays perfectly still while children stare.",
    "The old dog lies perfectly still by the fire.",
    "La statua vivente resta immobile davanti alla fontana.",
    "Shaky, the old fisherman stands up in the boat.",
    "A toy drone circles the Christmas tree.",
    "Swallows sweep across the barn roof at dusk.",
])
def test_a_subject_kept_still_or_moving_is_no_camera_move(idea):
    assert sure(idea, "camera") is None


def test_a_loop_cycling_back_is_a_loop_not_a_dolly():
    r = rule_reading("Snow falls on a lantern; let the last frame match the first so it cycles back.")
    assert r.values.get("camera") is None and r.values.get("loopable") is True


@pytest.mark.parametrize("idea, move", [
    ("Drone circling the ruined abbey at dawn.", "orbit"),
    ("The drone drifts away from the kayakers into the fjord.", "dolly_out"),
    ("A slow circle around the carousel horse, lights blinking.", "orbit"),
    ("La cámara rodea el viejo tractor en el campo.", "orbit"),
    ("Wir umkreisen die Statue auf dem Marktplatz.", "orbit"),
    ("Overhead and locked: hands sort beads on a tray.", "locked"),
    ("Plan large sur pied, la pluie sur le lac.", "locked"),
    ("Ne bougez pas la camera, la neige tombe sur le jardin.", "locked"),
    ("Sweeping from the lighthouse across to the harbour wall.", "pan"),
    ("La vue pivote de la fenêtre vers la porte.", "pan"),
    ("Un barrido suave por la bahía al amanecer.", "pan"),
    ("A gentle move back from the teapot to the whole kitchen.", "dolly_out"),
    ("Die Kamera fährt langsam heran an das Fahrrad an der Wand.", "dolly_in"),
    ("Walking POV along the canal, shaky, bikes passing.", "handheld"),
    ("Phone in my hand, I film the parade from the kerb.", "handheld"),
])
def test_camera_moves_said_in_forms_not_read_before(idea, move):
    assert sure(idea, "camera") == move


@pytest.mark.parametrize("idea", [
    "A candle burns down; the clip cycles back to its start without a cut.",
    "Una fuente que se repita sin fin en la plaza.",
    "Una noria que vuelve al inicio sin cortes.",
    "Un ciclo che riparte da capo: le onde sul molo.",
    "Regen auf dem Dach, der immer wieder von vorn beginnt.",
    "Feu de cheminée, plan fixe, boucle sans fin.",
])
def test_a_loop_said_without_a_loop_word(idea):
    assert sure(idea, "loopable") is True


@pytest.mark.parametrize("idea", [
    "A runner finishes his loop around the lake at dawn.",
    "The carousel starts its round again under the lights.",
])
def test_a_path_or_a_round_is_no_loop(idea):
    r = rule_reading(idea)
    assert r.values.get("loopable") is not True and r.hints.get("loopable") is not True


@pytest.mark.parametrize("idea", [
    "A ledger on the desk; we don't need the figures legible, only the lamp light.",
    "On ne voit pas les mots du journal, juste la pluie sur la vitre.",
    "Los subtítulos no hacen falta: solo el mar.",
    "The club's name on the awning is faded and unreadable.",
])
def test_words_negated_far_back_or_unreadable_ask_for_no_text(idea):
    r = rule_reading(idea)
    assert r.values.get("text_in_frame") is not True and r.hints.get("text_in_frame") is not True


@pytest.mark.parametrize("idea", [
    "A cupcake piped with 'Thank you' in pink icing.",
    "Una vetrina con «Chiuso» in lettere dorate.",
    "Un pastel con «Feliz día» escrito en chocolate.",
])
def test_quotes_piped_or_in_letters_are_words_to_read(idea):
    assert sure(idea, "text_in_frame") is True


@pytest.mark.parametrize("idea, seconds", [
    ("Waves on the breakwater, one shot. The whole thing 40 seconds.", 40),
    ("Eine Katze schläft auf dem Sofa, 12 Sekunden lang.", 12),
    ("Four shots of the market, 3 seconds each.", 12),
    ("Fog over the fields at dawn, 30s.", 30),
    ("Tra le vigne, al mattino, 9 secondi.", 9),
    ("Le tout dure 20 secondes : une bougie sur la table.", 20),
])
def test_lengths_said_for_the_whole(idea, seconds):
    assert rule_reading(idea).total_duration_s == seconds


@pytest.mark.parametrize("idea", [
    "Three shots, 4 seconds each, and a last one of 6 seconds.",
    "A diner in the style of the 50s, neon and chrome.",
])
def test_no_length_when_the_brief_does_not_state_one_whole(idea):
    assert rule_reading(idea).total_duration_s is None
