"""The brief reader by class (issue 26, round 12), in new phrasings, not the sets' briefs.

What a user notices: a sure rule no longer forces what a negation may deny — a person said again to be never in
frame, a fixed name with a person word in it ("the man in the moon"), "nowhere a soul" in the five languages, a move
refused ("no handheld stuff", "niente camera a mano"); a length said after a habit ("where he sat every evening.
20 seconds."), "a 2:00 travel film", "three minutes and a half"; "not even one" + a role and "niente persone" read
as nobody; a crowd named by a collective noun read as people; a clock's hand, names in the credits and a machine
working on its own are no one. The model path is in test_brief_round12_model_path.py.
"""


import pytest

from agents.brief import rule_reading
from agents.brief_rules import stated_duration
from tests.planner.brief_helpers import sure


def _read(idea, field):
    r = rule_reading(idea)
    return r.values.get(field, r.hints.get(field))

# ------------------------------------------------------------------------------- sure rules that must abstain

@pytest.mark.parametrize("idea", [
    "Only the reflection of a skater on the black ice, the skater never in shot.",
    "L'ombre d'un facteur glisse sur la façade, le facteur jamais dans le champ.",
    "La sombra de un jinete sobre el muro, el jinete nunca en cuadro.",
])
def test_a_person_said_never_in_frame_is_not_sure(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "The man in the moon over a sleeping village, snow on the roofs.",
    "Der Mann im Mond über dem stillen Hafen, Nebel auf dem Wasser.",
    "The old lady of the lake, a rock shaped like a face, mist drifting across it.",
])
def test_a_fixed_name_with_a_person_word_is_not_sure(idea):
    assert sure(idea, "people") != "required"


def test_a_person_in_a_coat_is_still_someone():
    assert _read("The woman in the red coat crosses the square.", "people") == "required"
    assert sure("A man in a raincoat waits at the tram stop.", "people") == "required"


@pytest.mark.parametrize("idea", [
    "Three shots of the quay at dawn: nets, buoys, gulls. Nowhere a fisherman.",
    "Le port au petit jour, des filets, des bouées. Nulle part un pêcheur.",
    "El puerto al amanecer, redes y boyas. En ningún sitio un pescador.",
    "Il porto all'alba, reti e boe. Da nessuna parte un pescatore.",
    "Der Hafen im Morgengrauen, Netze und Bojen. Nirgendwo ein Fischer.",
])
def test_a_negator_of_place_denies_the_person_after_it(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A loaf cooling on a rack, steam rising. Nothing handheld, please.",
    "Une tasse de café sur le rebord, rien à l'épaule.",
    "Una moka sul fuoco. Niente camera a mano.",
])
def test_a_move_refused_is_not_the_move(idea):
    assert sure(idea, "camera") != "handheld"


def test_a_move_named_after_nothing_else_moves_is_still_the_move():
    assert sure("Nothing moves but the camera: a handheld walk through the empty hall.", "camera") == "handheld"

# ----------------------------------------------------------------------------------------------------- lengths

@pytest.mark.parametrize("idea, seconds", [
    ("El banco del parque donde mi padre leía cada mañana. Otoño. 20 segundos.", 20),
    ("La cucina di mia nonna, il mestolo dove lo posava ogni domenica. Luce calda, 15 secondi.", 15),
    ("Le fauteuil où mon grand-père lisait chaque soir. Lumière douce, 25 secondes.", 25),
    ("Give me a 2:00 travel film of a night ferry: engines humming, wake glowing.", 120),
    ("Olas en una cala, sin barcos. Tres minutos y medio.", 210),
    ("Des vagues sur la digue. Deux minutes et demie.", 150),
])
def test_a_length_is_read_past_a_habit_or_in_minutes_and_a_half(idea, seconds):
    got = stated_duration(idea)
    assert got is not None and got[0] == seconds


def test_a_length_per_shot_is_still_not_the_whole():
    got = stated_duration("Four shots of a lighthouse, 5 seconds each.")
    assert got is not None and got[0] == 20

# ------------------------------------------------------------------------------------------------ people hints

@pytest.mark.parametrize("idea", [
    "A ski lift creaking over a grey slope, not even one skier. Loop.",
    "Niente persone, niente insegne: solo la nebbia sul lago.",
    "Pas de personnes, pas de bateaux : la mer, seulement la mer.",
])
def test_not_even_one_role_or_no_people_is_nobody(idea):
    assert _read(idea, "people") == "none"


@pytest.mark.parametrize("idea", [
    "A night market in Taipei, the throng between the stalls, lanterns swaying.",
    "Le marché aux puces un dimanche, la cohue entre les étals.",
    "Oktoberfest am Nachmittag, dichtes Gedränge vor dem Zelt.",
    "La feria de abril, un gentío entre las casetas.",
])
def test_a_crowd_named_by_a_collective_noun_is_people(idea):
    assert _read(idea, "people") == "required"


@pytest.mark.parametrize("idea", [
    "Poplars bending like a crowd that bows, autumn wind.",
    "A crowd of starlings wheeling over the marsh at dusk.",
    "A steaming pot of chili, the ultimate crowd-pleaser, slow push in.",
])
def test_a_crowd_of_things_or_a_likeness_is_no_people(idea):
    assert _read(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A station clock on an empty platform, its minute hand jumping. Tripod, 30 seconds, so the hand moves once.",
    "Closing credits: crew names rolling over a rainy windscreen.",
])
def test_a_clock_hand_or_names_on_screen_are_no_one(idea):
    assert _read(idea, "people") != "required"


def test_thumbs_at_work_are_someone():
    assert _read("A potter's wheel spinning, wet clay rising between two thumbs.", "people") == "required"

# ------------------------------------------------------------------------------------------------ text and loop

@pytest.mark.parametrize("idea", [
    "Eine Bäckerei am Sonntag, an der Tür ein Zettel „Bis Montag zu“, Regen.",
    "Une épicerie fermée, sur la vitrine un papier « Fermé pour travaux ».",
    "Una fermata del tram, sul vetro un foglio «Sciopero oggi».",
])
def test_a_phrase_in_typeset_quotes_is_likely_words_to_read(idea):
    assert _read(idea, "text_in_frame") is True


def test_a_phrase_someone_whispers_is_no_words_to_read():
    assert _read("Une chambre sombre, elle chuchote « bonne nuit » à l'enfant.", "text_in_frame") is not True


@pytest.mark.parametrize("idea", [
    "Ein Kaminfeuer, ruhig, das Ende soll nahtlos in den Anfang übergehen.",
    "Un feu de cheminée, la fin rejoint le début sans coupure.",
    "Un fuego en la chimenea, el final se funde con el principio.",
    "Un camino acceso, la fine si ricollega all'inizio.",
])
def test_an_end_that_flows_into_the_beginning_is_a_loop(idea):
    assert sure(idea, "loopable") is True


@pytest.mark.parametrize("idea", [
    "A bus stop in the rain at night, nobody waiting. Locked camera, tripod. 10 seconds.",
    "Une cabine téléphonique sous la neige. Caméra fixe, trépied.",
])
def test_the_same_move_said_twice_is_still_that_move(idea):
    assert sure(idea, "camera") == "locked"


def test_two_different_moves_still_leave_the_move_open():
    assert sure("Locked camera on the singer, then pan to the band.", "camera") is None


def test_the_month_of_may_is_no_negation():
    assert sure("Im Mai ein Fischer auf dem Steg, Nebel über dem See.", "people") == "required"


@pytest.mark.parametrize("idea", [
    "The baker is nowhere to be seen, only loaves cooling on the rack.",
    "Le boulanger n'est nulle part, seulement les pains qui refroidissent.",
    "Der Bäcker ist nirgends zu sehen, nur Brote auf dem Gitter.",
    "El panadero no está por ningún lado, solo el pan enfriándose.",
    "Il fornaio non è da nessuna parte, solo il pane che si raffredda.",
])
def test_a_person_said_to_be_nowhere_is_not_sure(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "The fisherman? Gone. Only his boat knocking against the jetty.",
    "Der Pianist bleibt außerhalb des Bildes, nur die Tasten und das Licht.",
    "Le boulanger ? Parti depuis longtemps, la boutique est ouverte.",
])
def test_a_person_said_gone_or_out_of_the_picture_is_not_sure(idea):
    assert sure(idea, "people") != "required"


def test_someone_walking_away_is_still_someone():
    assert sure("A fisherman walks away along the pier at dusk.", "people") == "required"


@pytest.mark.parametrize("idea", [
    "Lady Liberty at dusk, seen from the ferry, gulls circling.",
    "The Old Man of Storr in low cloud, a slow drone push in.",
])
def test_a_capitalised_title_with_a_person_word_is_not_sure(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A teapot on a table. Forget the handheld look.",
    "A teapot on a table, anything but handheld.",
    "Une théière sur la table, oubliez le travelling avant.",
    "Una teiera sul tavolo, lascia perdere lo zoom in avanti.",
])
def test_a_move_refused_by_a_verb_is_not_the_move(idea):
    r = rule_reading(idea)
    assert "camera" not in r.values


@pytest.mark.parametrize("idea", [
    "A butler sink full of peonies, morning light.",
    "A lady slipper orchid in the rain, macro.",
])
def test_a_person_word_naming_a_kind_of_thing_is_not_sure(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A chef plating a dish under warm light.",
    "A girl alone on a swing at dusk.",
    "A dancer frozen mid-pose under a single spotlight.",
])
def test_a_person_heading_their_phrase_is_still_sure(idea):
    assert sure(idea, "people") == "required"


@pytest.mark.parametrize("idea", [
    "A quiet lake at dawn. Subtitles? Not needed.",
    "A quiet lake at dawn; the title overlay comes later in post, not in the shot.",
    "A quiet lake, the words 'Still Water' never appear.",
])
def test_words_denied_after_they_are_named_are_not_sure(idea):
    assert sure(idea, "text_in_frame") is not True


@pytest.mark.parametrize("idea", [
    "A quiet lake at dawn. Loop? No.",
    "A quiet lake at dawn, it shouldn't loop.",
    "A quiet lake at dawn. Loop not required.",
    "Un lago calmo all'alba. Niente loop.",
])
def test_a_loop_denied_after_it_is_named_is_not_sure(idea):
    assert sure(idea, "loopable") is not True


def test_a_sign_that_reads_words_is_still_words():
    assert sure("A sign that says 'No Parking' on a brick wall.", "text_in_frame") is True


@pytest.mark.parametrize("idea", [
    "A teapot on the counter. Handheld? No.",
    "Ein Teekessel auf dem Herd. Schwenk? Nein.",
    "Una tetera en la encimera. ¿Cámara en mano? No.",
])
def test_a_move_answered_no_is_not_the_move(idea):
    assert "camera" not in rule_reading(idea).values


def test_a_list_of_denied_moves_after_a_colon_still_locks_the_camera():
    assert sure("A skyline at dusk. Don't move the camera: no pan, no tilt.", "camera") == "locked"


@pytest.mark.parametrize("idea", [
    "The pool at night, lifeguard off duty, the water still.",
    "A violin on its stand, the player on a break.",
    "Un tracteur dans le champ, le fermier ailleurs.",
    "Un trattore nel campo, il contadino altrove.",
])
def test_a_person_said_to_be_elsewhere_is_not_sure(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A kitchen where a chef would normally stand, knives on the board.",
    "Le comptoir où le boulanger se tient d'habitude, la farine au sol.",
    "A knight on a chessboard, slow orbit, shallow focus.",
])
def test_a_person_only_supposed_or_a_chess_piece_is_not_sure(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A parrot says 'hello' on its perch, morning light.",
    "The radio says 'storm tonight', a kitchen at dawn.",
    "Working title 'Tides': waves on a beach, no text on screen.",
])
def test_words_spoken_or_a_title_beside_no_text_are_not_sure(idea):
    assert sure(idea, "text_in_frame") is not True


@pytest.mark.parametrize("idea", [
    "No need for a loop, just one long take of the harbour.",
    "A loop pedal on a small stage, the amp glowing.",
    "Eine Schleife aus Seide auf dem Geschenk, weiches Licht.",
    "Un bucle de pelo sobre la almohada, luz de mañana.",
])
def test_a_loop_denied_or_a_thing_called_loop_is_not_sure(idea):
    assert sure(idea, "loopable") is not True


def test_a_loop_of_waves_is_still_a_loop():
    assert sure("A loop of waves crashing on the rocks, 6 seconds.", "loopable") is True


@pytest.mark.parametrize("idea", [
    "The streets are empty but for a lone cyclist.",
    "Not a soul, only a lighthouse keeper in his window.",
    "La plage est déserte, sauf un pêcheur au bout de la jetée.",
])
def test_an_emptiness_with_someone_excepted_is_not_sure_nobody(idea):
    r = rule_reading(idea)
    assert r.values.get("people") != "none"
    assert r.hints.get("people", r.values.get("people")) == "required"


def test_things_after_only_leave_nobody_sure():
    assert sure("No one at the bar, only glasses drying.", "people") == "none"


@pytest.mark.parametrize("idea", [
    "Ivy hugs the old wall, slow push in.",
    "Waves kiss the shore at dawn, tripod.",
    "Fog hugging the valley floor at sunrise.",
])
def test_a_thing_doing_a_persons_act_is_not_sure_someone(idea):
    assert sure(idea, "people") != "required"


def test_people_hugging_are_still_someone():
    assert sure("Two friends hug at the station, handheld.", "people") == "required"


@pytest.mark.parametrize("idea", [
    "Project title 'Harbour': a harbour at dusk, slow pan.",
    "A harbour at dusk. Caption for Instagram: 'calm waters'.",
])
def test_a_name_for_the_piece_or_its_post_is_not_words_in_the_frame(idea):
    assert sure(idea, "text_in_frame") is not True


@pytest.mark.parametrize("idea", [
    "A 30-second commercial playing on a TV in an empty bar.",
    "Un spot de 30 secondes passe à la télé dans un bar vide.",
])
def test_a_length_of_something_on_a_screen_in_the_picture_is_not_the_pieces(idea):
    assert stated_duration(idea) is None


def test_a_spot_with_no_text_on_screen_keeps_its_length():
    got = stated_duration("Spot de 20 segundos para una marca de café, sin texto en pantalla.")
    assert got is not None and got[0] == 20


@pytest.mark.parametrize("idea", [
    "Al panadero no se le ve, solo el pan enfriándose.",
    "Il fornaio non si vede mai, solo il pane sul bancone.",
    "Den Bäcker sieht man nie, nur das Brot auf dem Blech.",
])
def test_a_person_never_seen_as_an_object_is_not_sure(idea):
    assert sure(idea, "people") != "required"


def test_a_man_the_village_loves_is_still_someone():
    assert sure("An old man the village loves, feeding pigeons.", "people") == "required"


@pytest.mark.parametrize("idea", [
    "A security camera pans across an empty parking lot at night.",
    "Eine Überwachungskamera schwenkt über den leeren Parkplatz.",
    "A panning shot? Not this time, just hold on the door.",
])
def test_a_camera_in_the_picture_or_a_move_put_off_is_not_the_move(idea):
    assert "camera" not in rule_reading(idea).values


def test_the_camera_panning_is_still_a_pan():
    assert sure("The camera pans across an empty parking lot at night.", "camera") == "pan"


@pytest.mark.parametrize("idea", [
    "Personne ne parle : deux vieux amis sur un banc.",
    "Nessuno parla: due vecchi amici su una panchina.",
    "No one speaks; two old friends share a bench by the sea.",
])
def test_no_one_speaking_is_no_empty_picture(idea):
    assert sure(idea, "people") != "none"


def test_no_one_passing_is_still_nobody():
    assert sure("Personne ne passe dans la rue, la pluie tombe.", "people") == "none"


def test_a_capitalised_person_word_inside_a_sentence_is_a_name():
    assert sure("Le strade di Monaco all'alba, la città del Monaco ancora addormentata.", "people") != "required"


@pytest.mark.parametrize("idea", [
    "Un vieil homme de la mer, statue de bronze sur le port.",
    "Un pescador, estatua de piedra en el muelle, gaviotas.",
])
def test_a_person_word_apposed_to_a_likeness_is_not_sure(idea):
    assert sure(idea, "people") != "required"


def test_a_person_with_an_apposition_is_still_someone():
    assert sure("A fisherman, pipe in mouth, mends nets on the quay.", "people") == "required"
