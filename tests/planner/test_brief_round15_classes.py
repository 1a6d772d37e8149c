"""Round 15 (issue 26): the classes of an independent review of round 14, on phrasings written for the test.

The review's own briefs are a tuning set now; these phrasings are new, in the five languages: a broad role
vocabulary that is a hint, never a sure person (its words are also things, adjectives, animals); a person named only
as whoever keeps a place; likenesses and costumes; the public a place is closed to; "not even a dog" as an idiom or
beside a person; a hold that frames a subject; negators that do not reach the move; a GIF denied or repeating once;
one shot's length when another shot follows, and not when only a word of the picture does; roles gone from an
empty place; the maker at work in a workshop; someone behind a curtain who is seen.
"""

from __future__ import annotations

import pytest

from agents.brief import rule_reading
from tests.planner.brief_helpers import read, sure

# ------------------------------------------------------------------------- people: a role word is only a hint

@pytest.mark.parametrize("idea", [
    "La vapeur s'élève d'une tasse posée sur le rebord.",          # s'élève: rises, no pupil
    "Un vent passager fait trembler les rideaux.",                 # passager: fleeting
    "Une assiette de poires boulangères sur la table.",            # a dish
    "Un distributeur cajero junto a la puerta del banco.",         # cajero: a cash machine
    "Las montañas vecinas cubiertas de nieve al amanecer.",        # vecinas: nearby
    "Una pizza artigiana appena sfornata sul tagliere.",           # artigiana: handmade
    "Die schwarzen Bauern stehen noch auf dem Brett.",             # chess pawns
    "Ein Heckenwächter aus Metall rostet im Garten.",              # a German compound of a thing
    "Apple cobblers cooling on the windowsill.",                   # a dessert
    "Three email clients open on a laptop screen.",                # software
    "Un pez payaso naranja entre los corales.",                     # a fish
    "Des fourmis ouvrières portent une miette.",                   # worker ants
])
def test_a_role_word_that_may_be_a_thing_makes_no_sure_person(idea):
    assert sure(idea, "people") is None


@pytest.mark.parametrize("idea", [
    "Les infirmières traversent le couloir vide en riant.",
    "Die Matrosen schrubben das leere Deck.",
    "Los bomberos recorren la calle desierta.",
])
def test_a_role_in_an_empty_place_is_no_sure_nobody(idea):
    assert sure(idea, "people") is None and read(idea, "people") == "required"


# ---------------------------------------------------------------------- people: whoever keeps a place

@pytest.mark.parametrize("idea, want", [
    ("Le bureau du facteur, vide, au petit matin.", "none"),
    ("El despacho del capitán, con la lámpara encendida.", None),
    ("La casa dei nonni al tramonto, le finestre chiuse.", None),
    ("Das Zimmer der Großeltern, leer, im Winterlicht.", "none"),
    ("La cuisine des cuisiniers, les casseroles pendues.", None),
])
def test_a_person_named_only_as_a_places_keeper_is_not_in_frame(idea, want):
    assert sure(idea, "people") in (want, None) and sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "The workshop of a cobbler who stitches a boot by the window.",
    "L'atelier d'un forgeron qui bat le fer rouge.",
    "La bottega di un fabbro che batte il ferro.",
])
def test_the_maker_at_work_in_the_place_is_someone(idea):
    assert sure(idea, "people") == "required"


# ------------------------------------------------------------------------- people: likenesses, costumes

@pytest.mark.parametrize("idea", [
    "Un retrato de una bailarina colgado en la taberna.",
    "Un portrait d'un pêcheur au-dessus de la cheminée.",
    "Ein Gemälde von einer Tänzerin im Flur des Museums.",
    "Un poster di un ciclista sulla parete della cameretta.",
    "A shop dummy dressed as a nurse in the window.",
    "Un pêcheur en plâtre sur la cheminée, couvert de poussière.",
    "Una bailarina de yeso sobre la repisa.",
])
def test_a_likeness_or_a_costume_is_no_sure_person(idea):
    assert sure(idea, "people") != "required"


def test_a_filmed_portrait_beside_not_a_single_visitor_is_not_nobody():
    idea = "Portrait of a young potter shaping a bowl in her studio, not a single visitor around."
    assert sure(idea, "people") != "none"


# --------------------------------------------------------------------- people: the public, not even a dog

@pytest.mark.parametrize("idea", [
    "La basilique est fermée au public ce matin.",
    "El jardín botánico, cerrado al público por obras.",
    "Il castello è chiuso al pubblico durante l'inverno.",
])
def test_the_public_a_place_is_closed_to_is_nobody_seen(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A stew so salty that not even a dog would touch it.",
    "Une soupe que même pas un chien ne mangerait.",
])
def test_not_even_a_dog_as_an_idiom_of_a_thing_is_no_sure_nobody(idea):
    assert sure(idea, "people") is None


@pytest.mark.parametrize("idea", [
    "The old farmer walks down the lane; not even a dog looks up.",
    "Una anciana cruza la plaza; ni siquiera un perro la mira.",
    "Ein alter Mann sitzt auf der Bank, nicht mal eine Katze kommt vorbei.",
])
def test_not_even_a_dog_beside_a_person_is_that_person(idea):
    assert sure(idea, "people") == "required"


# ------------------------------------------------------------------------ people: gone, or seen behind a curtain

@pytest.mark.parametrize("idea", [
    "An empty gym after the show; the acrobats have left.",
    "Die Küche ist leer, die Köche sind längst weg.",
    "Les serveurs sont partis, la salle est vide.",
])
def test_roles_gone_from_an_empty_place_leave_nobody(idea):
    assert sure(idea, "people") == "none"


@pytest.mark.parametrize("idea", [
    "Nobody on the terrace, the waiters gone from their tables.",
    "Personne au comptoir, les caissières sont rentrées chez elles.",
    "An empty playground, the children gone from the swings.",
])
def test_people_gone_home_leave_nobody(idea):
    assert sure(idea, "people") == "none"


@pytest.mark.parametrize("idea", [
    "A man behind the curtain watches the street below.",
    "Une femme derrière le rideau regarde tomber la neige.",
])
def test_someone_behind_a_curtain_is_seen(idea):
    assert sure(idea, "people") == "required"


# ---------------------------------------------------------------------------------------------------- camera

@pytest.mark.parametrize("idea, move", [
    ("Keep the frame on the skater while the camera circles her.", "orbit"),
    ("Mantén el plano en el niño, cámara en mano.", "handheld"),
    ("Garde le cadre sur la danseuse pendant que la caméra tourne autour d'elle.", "orbit"),
])
def test_a_hold_that_frames_a_subject_is_not_a_locked_camera(idea, move):
    assert sure(idea, "camera") == move


@pytest.mark.parametrize("idea", [
    "Hold the frame on the gate, then a slow push in.",
    "A slow pan over the vines; then hold the shot on the farmhouse.",
])
def test_a_hold_in_turn_with_a_move_leaves_the_move_unsure(idea):
    assert sure(idea, "camera") is None


@pytest.mark.parametrize("idea, move", [
    ("Pan across the market; the vendors can't stop shouting as we dolly in.", None),
    ("You cannot miss the slow push in on the door.", "dolly_in"),
    ("Zero wind and a slow pan across the lake.", "pan"),
    ("Aucun passant dans le panoramique lent sur la place.", "pan"),
])
def test_a_negator_of_another_clause_does_not_deny_the_move(idea, move):
    assert sure(idea, "camera") == move or (move is None and sure(idea, "camera") is None)


@pytest.mark.parametrize("idea", ["Neither a zoom nor a pan, please.", "Zero handheld shake, please."])
def test_a_negator_in_front_of_the_move_still_denies_it(idea):
    # a guard: these were read so before, and must stay
    assert sure(idea, "camera") is None


# ------------------------------------------------------------------------------------------------------ loop

@pytest.mark.parametrize("idea", [
    "Rather than a GIF that repeats, one take that ends.",
    "Not a GIF that repeats: the kettle boils once.",
    "Kein GIF, das sich wiederholt, bitte.",
    "Pas un gif qui se répète : la bougie s'éteint.",
    "A GIF that cannot repeat: the glass shatters once.",
    "A gif that repeats just once, then stops.",
])
def test_a_gif_denied_or_repeating_once_is_no_sure_loop(idea):
    assert sure(idea, "loopable") is not True


@pytest.mark.parametrize("idea", ["A loop of the twine hangs from the hook.", "Un bucle de la cuerda cuelga del clavo."])
def test_a_loop_of_a_thread_after_an_article_is_no_loop(idea):
    assert sure(idea, "loopable") is not True


# ---------------------------------------------------------------------------------------------------- length

@pytest.mark.parametrize("idea", [
    "A six-second shot of a bell, followed by a close-up of the rope.",
    "A six-second shot of a bell. Cut to the tower.",
    "A six-second shot of the bell and a two-second shot of the rope.",
    "Una toma de seis segundos de la campana y otra de la torre.",
    "Un plan de six secondes sur la cloche, suivi d'un plan du clocher.",
    "A six-second shot of the bell; after that, a wide of the square.",
])
def test_one_shots_length_is_not_the_pieces_when_another_shot_follows(idea):
    assert rule_reading(idea).total_duration_s is None


@pytest.mark.parametrize("idea, secs", [
    ("A 12-second shot of the valley, then the view opens up.", 12.0),
    ("A 12-second shot of hands that then cut the rope.", 12.0),
    ("A 12-second shot of the pier; next to it, a wide river.", 12.0),
])
def test_a_word_of_the_picture_after_the_shot_keeps_its_length(idea, secs):
    assert rule_reading(idea).total_duration_s == secs


# ------------------------------------------------------------------ blind12's classes (a used set since 63158d0)

@pytest.mark.parametrize("idea", [
    "A wristwatch on a bedside table, the hands ticking past midnight.",
    "Grandfather clock in the hall, the hands stopped at ten past three.",
])
def test_the_hands_of_a_clock_named_in_the_brief_are_no_one(idea):
    assert sure(idea, "people") is None


@pytest.mark.parametrize("idea, secs", [
    ("Rain on a tin roof at dusk. Thirty-five seconds.", 35.0),
    ("Veintitrés segundos de olas contra el muelle.", 23.0),
    ("Une vidéo de vingt-huit secondes sur un quai désert.", 28.0),
    ("Ein Clip von siebenundzwanzig Sekunden über dem Moor.", 27.0),
])
def test_a_length_in_words_of_tens_and_units(idea, secs):
    assert rule_reading(idea).total_duration_s == secs


@pytest.mark.parametrize("idea", [
    "Non serve che vada in loop: la candela si spegne una volta.",
    "Pas besoin qu'elle boucle, une seule prise de la mer.",
    "There's no need for it to loop; one take of the tide.",
])
def test_no_need_to_loop_is_no_loop(idea):
    assert sure(idea, "loopable") is False


# ------------------------------------------------- a second review (of round 15): its classes, phrasings written here

@pytest.mark.parametrize("idea, secs", [
    ("Seventy-three seconds of fog rolling over the bay.", 73.0),
    ("Un plan de soixante-dix-huit secondes sur la lande.", 78.0),
    ("Quatre-vingt-quatre secondes de vent dans les blés.", 84.0),
    ("Une boucle de soixante et une secondes, la mer.", 61.0),
    ("Vingt et une secondes : un train traverse le pont.", 21.0),
    ("Un vídeo de ochenta y ocho segundos del puerto.", 88.0),
    ("Veintiún segundos de nieve sobre el tejado.", 21.0),
    ("Un filmato di settantadue secondi sul lago.", 72.0),
    ("Neunundsechzig Sekunden Nebel über dem Fluss.", 69.0),
    ("A ninety-one second clip of an empty gallery, handheld.", 91.0),
])
def test_tens_and_units_past_fifty_and_with_et_un_are_read_whole(idea, secs):
    # before, the unit after the hyphen was read alone ("seventy-three" as 3 s) or nothing was read
    assert rule_reading(idea).total_duration_s == secs


@pytest.mark.parametrize("idea", [
    "No need for words, but it should loop.",
    "No need for sound, it has to loop.",
    "No hace falta voz, pero que haga loop.",
    "Pas besoin de son, mais qu'il boucle.",
    "Non serve audio, ma deve fare loop.",
])
def test_no_need_for_something_else_does_not_deny_the_loop_asked_after_it(idea):
    assert sure(idea, "loopable") is not False


@pytest.mark.parametrize("idea", [
    "Un tableau représentant un pêcheur accroché au-dessus de la cheminée.",
    "Un cuadro que representa a un pescador, colgado sobre la chimenea.",
    "Un dipinto che raffigura un pescatore sopra il camino.",
    "Ein Gemälde, das einen Fischer zeigt, hängt über dem Kamin.",
    "Un cartel de un boxeador en la pared del gimnasio vacío.",
    "A resin figure of a soldier on a shelf, dust in the light.",
    "Une statuette en bronze d'un soldat sur l'étagère.",
    "Una figura de cera de un soldado en la vitrina.",
    "Un busto in gesso di un soldato sulla mensola.",
])
def test_a_likeness_said_by_a_verb_of_showing_or_by_its_material_first_is_no_sure_person(idea):
    assert sure(idea, "people") != "required"
