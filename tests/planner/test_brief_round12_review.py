"""Round 12b: the independent review of round 12's abstentions (issue 26). Each class is tested with the reviewer's
brief and phrasings of the same class written for these tests (other languages too), not the sets' briefs.

Round 12 made sure rules abstain where a negation or an absence could govern the evidence; the review found
abstentions that fire on plain present people and moves ("a family on holiday builds a sandcastle"), and classes
that were the tuning examples' words. A rule that abstains here throws away a right sure value.
"""

import pytest

from agents.brief import rule_reading
from tests.planner.brief_helpers import sure

# ------------------------------------------------------------------------------------------------ people present


@pytest.mark.parametrize("idea", [
    "Eine Frau und sonst keiner auf dem Steg.",  # 1. "sonst" before a nobody is "else", not "usually"
    # 4. a person with a state of their own who does something in the same clause is there
    "A family on holiday builds a sandcastle at low tide.",
    "Two nurses on their break share a coffee outside the hospital.",
    "Deux pêcheurs en vacances réparent un filet sur le quai.",
    "Ein Kellner im Urlaub trinkt Kaffee am Strand.",
    "A man takes a break on the pier.",                 # a break taken, not a state of being away
    "A woman on duty at the desk, phone ringing.",      # on duty is there; off duty is away
    # 4. far away is a distance, not an absence; "partially" is no "parti"
    "A lone fisherman is far away on the horizon, casting his line.",
    "A man is partially hidden by fog on the pier.",
    # 4. a person who may or usually does something, outside a clause of place, is there
    "An old man may smile at the very end.",
    "A barista who usually works nights pulls an espresso at dawn.",
    "Un pescatore che di solito esce all'alba ripara la rete.",
    # 5. a person who sees (badly, never) is the subject of the verb of seeing, not its object
    "Una anciana no ve bien; enhebra una aguja junto a la ventana.",
    "Un pescatore non vede più il mare, ripara la rete alla finestra.",
    "Le pêcheur n'a jamais vu la mer aussi calme.",
    # 6. a verb's negation does not reach past a preposition; a spaced dash ends a negation's clause
    "Don't cut away from the old fisherman mending nets.",
    "Never look away from the dancer spinning under the lamp.",
    "No cuts — a slow dolly in on the bride.",
    "No music - a baker kneads dough at dawn.",
    "A slow pan that doesn't show the faces of the crowd.",
    # 9. a person word before a word that takes an object or a verb's past heads its phrase
    "A man up a ladder paints a mural at dusk.",
    "An old woman sat by the fire knits a scarf.",
    "A boy atop a wall throws pebbles into the sea.",
    "A woman beneath an umbrella waits for the tram.",
])
def test_a_person_there_in_the_present_is_sure(idea):
    assert sure(idea, "people") == "required"


@pytest.mark.parametrize("idea", [
    "Ein Mann und sonst niemand am Strand.",
    "A man and nobody else on the beach.",
    "Un hombre y nadie más en la playa.",
])
def test_someone_and_nobody_else_is_no_sure_nobody(idea):
    r = rule_reading(idea)  # 1. "sonst" is "else" here, not "usually": the man is not said absent
    assert r.values.get("people", r.hints.get("people")) == "required"


@pytest.mark.parametrize("idea", [
    # 2. a person away from their post, said in a clause of their own beside an empty post: not sure
    "A lifeguard on leave; the tower stands empty.",
    "El socorrista de vacaciones, la torre vacía.",
    "Il bagnino in ferie, la torretta vuota.",
    # gone somewhere, or out of the picture until a new clause: still not sure
    "The fisherman is away at sea, his boat moored at the quay.",
    "The baker stays off-screen while the bread rises.",
    "The baker is gone and the shop is silent.",
])
def test_a_person_away_from_their_post_is_not_sure(idea):
    assert sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "A butler sink full of peonies, morning light.",
    "A lady slipper orchid in the rain, macro.",
])
def test_a_person_word_naming_a_kind_of_thing_is_still_not_sure(idea):
    assert sure(idea, "people") != "required"


# ------------------------------------------------------------------------------------------------ camera and loop


@pytest.mark.parametrize("idea, move", [
    # 6. the dash ends the negation's clause
    ("No cuts — a slow dolly in on the bride.", "dolly_in"),
    # 7. a pan that does not show something is still a pan
    ("A slow pan that doesn't show the faces of the crowd.", "pan"),
    # 8. a negator that is half of a compound is none; a participle of forgetting is a place's
    ("A non-stop handheld walk through the night market.", "handheld"),
    ("A no-nonsense locked-off shot of a kettle boiling.", "locked"),
    ("Dans la gare oubliée un lent travelling avant.", "dolly_in"),
    ("En el pueblo olvidado, un paneo lento sobre los tejados.", "pan"),
    ("A forgotten pier at dusk, a slow dolly in.", "dolly_in"),
    # a verb of using or keeping before the move still says it
    ("Use the handheld look through the market.", "handheld"),
])
def test_a_move_said_plainly_is_sure(idea, move):
    assert sure(idea, "camera") == move


@pytest.mark.parametrize("idea", [
    # 3. a move as the object of a verb that opens its clause and is no verb of doing: maybe refused
    "Drop the handheld look; keep it calm.",
    "Scrap the slow pan, hold it wide.",
    "Cut the zoom in, stay wide on the bay.",
    "Streich den Schwenk, die Totale reicht.",
    "Togli la panoramica, inquadratura larga sul porto.",
    "Abandonnez le zoom avant, plan large sur le port.",
])
def test_a_move_dropped_by_a_verb_is_not_sure(idea):
    assert sure(idea, "camera") is None


@pytest.mark.parametrize("idea", [
    # 7. a manner denied, or another noun's predicate, is no denial of the loop
    "A seamless loop of waves that never repeats obviously.",
    "Seamless loop where the cut is not visible: waves rolling in.",
    "A perfect loop of rain on glass where the seam is never seen.",
])
def test_a_loop_whose_seam_is_not_seen_is_a_loop(idea):
    assert sure(idea, "loopable") is True
