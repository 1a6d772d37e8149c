"""The rules of the brief reader on phrasings that are not in evals/labelled/briefs.yaml (held-out classes).

What the rules match is forced onto every shot, so a rule that fires must be right; where a brief is
ambiguous the rules stay silent and the model's (grounded) reading decides.
"""

import pytest

from agents.brief import explicit_expectations, rule_reading, stated_duration


def people(idea):
    return explicit_expectations(idea).get("people", "allowed")


@pytest.mark.parametrize("idea", [
    "Not a soul on the boulevard at four in the morning.",
    "the square lies empty after the market packs up",
    "There is no one at the bar, only glasses drying on a towel.",
    "A ferris wheel turning slowly, nobody about, fog.",
    "a swimming pool at night with no-one in the water",
    "Corridors without anyone, fluorescent light humming",
    "Personne dans la rue ce matin, seulement la neige.",        # French: nobody
    "No hay nadie en la playa.",                                  # Spanish
    "Niemand ist im Zimmer, nur eine Katze.",                     # German
    "Nessuno in spiaggia, solo ombrelloni chiusi.",              # Italian
    "Ninguém na estação.",                                        # Portuguese
    "An empty, rain-soaked street under one lamp.",
])
def test_negation_idioms_mean_nobody(idea):
    assert people(idea) == "none"


@pytest.mark.parametrize("idea", [
    "A lifeguard scans the sea from a wooden tower.",
    "The tailor measures a length of blue cloth.",
    "Fingers drum impatiently on an office desk.",
    "Close on his hands as they tie a fishing fly.",
    "A bartender polishes glasses, no customers yet.",   # a partial negation does not remove the bartender
    "Une personne attend le bus sous la pluie.",          # French: a person (not 'personne' = nobody)
    "Une personne dans la rue regarde la vitrine.",
    "Ein Kellner deckt den Tisch.",
    "She pauses at the top of the stairs.",
    "Fingers thread a needle under a lamp, no faces.",    # faces kept out of frame: the person is still there
    "A welder's sparks, his face never shown, gloved hands steady.",
])
def test_a_role_a_pronoun_or_a_body_part_means_someone(idea):
    assert people(idea) == "required"


@pytest.mark.parametrize("idea", [
    "A couple of lemons on a blue plate.",           # 'a couple of' things
    "A record player spins an old jazz record.",
    "The clock's hands sweep past midnight.",
    "A hand-painted shop front, flaking.",
    "Rain in the right-hand corner of the window.",
    "A spot for baristas: beans tumbling into a grinder.",  # the audience is not in frame
    "The baker's empty stall at the end of the day",        # a possessive, not a person in frame
    "An empty glass on the bar, ice melting.",               # an empty thing in a place, not an empty place
])
def test_words_that_only_look_like_people_do_not_fire(idea):
    assert people(idea) == "allowed"


@pytest.mark.parametrize("idea", [
    "Rain on a shop window at night. No faces.",
    "A crowd scene is fine, but no faces in focus.",
])
def test_no_faces_is_a_framing_not_an_empty_scene(idea):
    assert people(idea) != "none"


def test_nobody_but_someone_the_rules_do_not_know_is_left_to_the_reader():
    r = rule_reading("nobody but the lamplighter on the bridge")
    assert "people" not in r.values and any("exception" in n for n in r.notes)


@pytest.mark.parametrize("idea,move", [
    ("the camera creeps toward the door", "dolly_in"),
    ("A slow pull-back reveals the whole valley.", "dolly_out"),
    ("Whip pan from the window to the bed", "pan"),
    ("keep it on sticks, a tripod, nothing moves", "locked"),
    ("Don't zoom in; keep the frame fixed on a tripod.", "locked"),
    ("shot with a shaky camera, like a home video", "handheld"),
    ("Plano fijo de una ventana con lluvia", "locked"),
    ("La caméra tourne autour de la statue", "orbit"),
])
def test_named_camera_moves(idea, move):
    assert explicit_expectations(idea).get("camera") == move


@pytest.mark.parametrize("idea", [
    "The train pulls away from the platform.",
    "Fog creeps in over the harbour.",
    "Omelette slides from the pan to the plate.",
    "Planets orbit a pale sun in a model of the solar system.",
    "A hawk circles around the church tower.",
])
def test_things_moving_are_not_camera_moves(idea):
    assert "camera" not in explicit_expectations(idea)


def test_two_different_moves_force_neither_and_say_so():
    r = rule_reading("start locked on a tripod, then a slow push in on the cup")
    assert "camera" not in r.values and any("several camera moves" in n for n in r.notes)


@pytest.mark.parametrize("idea,expected", [
    ("A sign saying WELCOME HOME over the door", True),
    ("Burned-in subtitles translate the old man's words", True),
    ("The monitor displays the word 'ERROR' in red", True),
    ("Title card: 'Winter'.", True),
    ("A neon 'Bar' above the door flickers", True),
    ('She whispers "goodnight" and turns off the light', None),   # speech, not words on screen
    ("No text anywhere, just the sea", False),
])
def test_text_in_frame(idea, expected):
    assert explicit_expectations(idea).get("text_in_frame") == expected


@pytest.mark.parametrize("idea,expected", [
    ("make it loop", True),
    ("an endless loop of a spinning top", True),
    ("It doesn't need to loop.", False),
    ("a boucle d'oreille on a velvet cushion", None),   # an earring, not a loop
])
def test_loops(idea, expected):
    assert explicit_expectations(idea).get("loopable") == expected


@pytest.mark.parametrize("idea,seconds", [
    ("A 45-second commercial for running shoes", 45),
    ("The film runs 2 minutes.", 120),
    ("half a minute of rain on a tin roof", 30),
    ("Un spot de trente secondes pour un café", 30),
    ("Ein Werbespot, insgesamt 12 Sekunden", 12),
    ("Beach at dawn, 9 s.", 9),
    ("Four shots, each 3 seconds", None),          # per shot, not the whole piece
    ("a second clip of the cup", None),
])
def test_total_duration(idea, seconds):
    got = stated_duration(idea)
    assert (got[0] if got else None) == seconds


@pytest.mark.parametrize("idea,text", [
    ("An old typewriter taps out the line 'It was a dark night' on cream paper.", True),   # a quote being written
    ("A departures board listing destinations flickers in an empty hall.", True),
    ("The arcade screen flashes GAME OVER in red.", True),
    ("A concrete wall free of any legible words, rain running down it.", False),
])
def test_words_to_read_without_the_word_text(idea, text):
    assert rule_reading(idea).values.get("text_in_frame") is text


def test_pages_that_only_flutter_are_no_hint_of_text():
    r = rule_reading("The pages of an old book flutter on a garden bench.")
    assert "text_in_frame" not in r.values and "text_in_frame" not in r.hints


@pytest.mark.parametrize("idea,loop", [
    ("Wellen am Strand, nahtlos wiederholbar.", True),
    ("Vagues sur la plage, qui se répète à l'infini.", True),
    ("A roller coaster goes through its loop at night.", None),    # the ride's loop, not the video's
])
def test_a_loop_said_without_the_word_and_a_rides_loop(idea, loop):
    r = rule_reading(idea)
    assert r.values.get("loopable", r.hints.get("loopable")) is loop
