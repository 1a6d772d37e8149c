"""A camera move described rather than named is read from who moves and which way (agents/brief_camera): the
camera, the view or "we" going toward, away from or around what is filmed, held still or shaking. A thing that
moves is not the camera, and two different moves leave the choice to the planner. Classes of wording (issue 26),
not briefs of any labelled set."""

import pytest

from agents.brief import claim_supported, rule_reading


def camera(idea):
    r = rule_reading(idea)
    return r.values.get("camera"), r.hints.get("camera")


@pytest.mark.parametrize("idea,move", [
    ("The lens edges nearer to the dew on a spider's web.", "dolly_in"),
    ("We glide toward the glowing jukebox in the corner.", "dolly_in"),
    ("Die Kamera bewegt sich langsam auf das Fenster zu.", "dolly_in"),
    ("Ci avviciniamo lentamente alla finestra illuminata.", "dolly_in"),
    ("We slowly back out of the tiny bakery onto the street.", "dolly_out"),
    ("The view retreats until the whole valley is in frame.", "dolly_out"),
    ("Nos alejamos poco a poco de la mesa.", "dolly_out"),
    ("On recule lentement depuis la fenêtre.", "dolly_out"),
    ("We travel all the way around an old oak in the fog.", "orbit"),
    ("La cámara da vueltas alrededor de un pastel.", "orbit"),
    ("The camera sweeps across the bay at sunset.", "pan"),
    ("One unmoving frame of a bus stop in the snow.", "locked"),
    ("Das Bild bleibt völlig ruhig, Schnee fällt auf den Hof.", "locked"),
    ("Plano totalmente quieto de una vela.", "locked"),
    ("The camera holds its ground as the wave breaks.", "locked"),
    ("Pas de mouvement de caméra : la mer, le ciel.", "locked"),
    ("Shaky phone footage of a street parade at night.", "handheld"),
    ("Imagen temblorosa de las olas rompiendo.", "handheld"),
    ("Shoulder rig, following a cook through a hot kitchen.", "handheld"),
])
def test_a_described_move_is_sure(idea, move):
    assert camera(idea) == (move, None)


@pytest.mark.parametrize("idea", [
    "A paper boat drifts toward the edge of a waterfall.",
    "A toy train circles the Christmas tree on its track.",
    "A grey heron stands perfectly still in the shallows.",
    "The camera watches as a fox trots away into the snow.",
    "The camera stays on the boat as it drifts away.",
    "A room with a view toward the mountains.",
    "The frame is filled with bubbles rising toward the surface.",
    "The camera is still moving when the lights go out.",
    "Le chat s'approche lentement de la fenêtre.",
    "A dancer sweeps across the floor in a red dress.",
    "The view from the bridge toward the city at dusk.",             # a noun phrase, no verb of moving
    "A picture frame falls backwards off the shelf.",                # a frame that is a thing
    "A frame shaking in the wind on a nail.",
    "Wide shot, waves roll back and forth on the shingle.",          # a label, then a thing's clause
    "The camera finds a girl on the shore, and she walks away.",     # a new subject after the conjunction
    "Back in the kitchen, a kettle boils over.",
])
def test_a_thing_that_moves_is_not_the_camera(idea):
    assert camera(idea) == (None, None)


@pytest.mark.parametrize("idea", [
    "The camera creeps toward the piano, then circles it once.",
    "Start perfectly still on the stage, then pull back to show the seats.",
    "We drift in close to the clock, then swing from left to right to the window.",
])
def test_two_described_moves_leave_the_choice(idea):
    assert camera(idea) == (None, None)


def test_sideways_is_a_pan_hint_not_a_rule():
    assert camera("The camera glides sideways past lit shop windows.") == (None, "pan")


def test_the_models_described_move_is_evidence():
    assert claim_supported("camera", "dolly_out", "nos alejamos poco a poco de la barca")
    assert claim_supported("camera", "orbit", "we travel all the way around the motorbike")
