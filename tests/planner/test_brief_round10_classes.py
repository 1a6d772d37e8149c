"""The rules abstain where they were sure and wrong on the used sets (issue 26, round 10), in new phrasings.

Each test is a class, not a brief. What a user notices: a person only supposed ("as if traced by an invisible
hand"), seen only as a shadow, or the name of a pet no longer forces a person into the picture, while a silhouette
or a reflection of a real person still does; an empty pool (drained, or nobody in it) is left to the reader; fans
waving flags are no camera pan; steps said in order ("…, poi … e infine …", "first … then") leave the move to the
reader; "nothing on the page legible" asks for no words.
"""

import pytest

from agents.brief import rule_reading


def _sure(idea, field):
    return rule_reading(idea).values.get(field)


# ------------------------------------------------------------------------------------------------------ people

@pytest.mark.parametrize("idea", [
    "Letters forming on a blank card as if traced by an invisible hand.",
    "Une lettre qui s'écrit toute seule, comme si une main invisible tenait la plume.",
    "The shadow of a skater slides across the frozen pond.",
    "Sur le trottoir, l'ombre d'un cycliste s'allonge.",
    "Der Schatten eines Läufers huscht über die Mauer.",
    "A cat named Mimi asleep on the windowsill.",
])
def test_a_person_supposed_unseen_a_shadow_or_a_pet_name_is_not_sure(idea):
    assert _sure(idea, "people") != "required"


@pytest.mark.parametrize("idea", [
    "Silhouette of a fisherman against the low sun.",
    "A dancer seen only as a reflection in a puddle.",
    "The shadow of a tree on a runner's back as she stretches.",
])
def test_a_silhouette_or_a_reflection_of_a_real_person_is_someone_in_frame(idea):
    assert _sure(idea, "people") == "required"


@pytest.mark.parametrize("idea", [
    "An empty pool behind a closed hotel, leaves on the tiles.",
    "Un bassin vide au fond du jardin, de la mousse sur les pierres.",
])
def test_an_emptied_pool_is_a_hint_not_a_sure_nobody(idea):
    r = rule_reading(idea)
    assert r.values.get("people") is None and r.hints.get("people") == "none"


def test_an_empty_street_is_still_nobody():
    assert _sure("A deserted street at dawn, shutters closed.", "people") == "none"


# ------------------------------------------------------------------------------------------------------ camera

@pytest.mark.parametrize("idea", [
    "Die Fans schwenken Fahnen und singen.",
    "Die Zuschauer schwenken ihre Schals.",
])
def test_a_move_verb_whose_subject_is_a_person_is_no_camera_move(idea):
    assert _sure(idea, "camera") is None


def test_the_camera_panning_over_fans_is_still_a_pan():
    assert _sure("The camera pans across the stadium as fans wave flags.", "camera") == "pan"


@pytest.mark.parametrize("idea", [
    "Drone che sorvola il lago, poi gira intorno all'isola e infine si avvicina al pontile.",
    "We track along the hedge, then orbit the fountain.",
])
def test_steps_chained_without_first_leave_the_move_open(idea):
    assert _sure(idea, "camera") is None


@pytest.mark.parametrize("idea, move", [
    ("Prima un giro attorno al vaso, poi ci avviciniamo ai fiori.", "dolly_in"),
    ("First a close look at the teapot, then we push in on the steam.", "dolly_in"),
])
def test_a_move_read_in_one_of_ordered_steps_is_a_hint(idea, move):
    r = rule_reading(idea)
    assert r.values.get("camera") is None and r.hints.get("camera") == move


# -------------------------------------------------------------------------------------------------------- text

@pytest.mark.parametrize("idea", [
    "A crossword half done, nothing on the page legible.",
    "An old ledger open on a desk, nothing in the columns legible.",
])
def test_nothing_far_before_legible_asks_for_no_words(idea):
    assert _sure(idea, "text_in_frame") is not True


def test_legible_said_plainly_still_asks_for_words():
    assert _sure("A chalkboard menu, legible from across the room.", "text_in_frame") is True
