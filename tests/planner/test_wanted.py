"""What a prompt asks to see (agents.wanted): the query the footage stand-in embeds, so "no people visible" is not
read as a text about people, in the languages the briefs use; and whether a text describes a person."""

from __future__ import annotations

import pytest

from agents.wanted import describes_person, wanted_text


@pytest.mark.parametrize("prompt, wanted", [
    ("Empty room, no people visible anywhere. A lamp on a desk. No person ever appears in frame.",
     "Empty room. A lamp on a desk."),
    ("an empty hotel corridor at night, soft carpet, nobody in it, slow dolly forward",
     "an empty hotel corridor at night, soft carpet, slow dolly forward"),
    ("A woman reads by the window, no camera shake, without text, never looking up", "A woman reads by the window"),
    ("A monitor on a desk, the screen stays dark and blank, with no legible text.",
     "A monitor on a desk, the screen stays dark and blank."),
    ("une rue pavée déserte sous la neige, lampadaires allumés, sans personne",
     "une rue pavée déserte sous la neige, lampadaires allumés"),
    ("il n'y a personne sur la plage, des vagues, aucun promeneur", "sur la plage, des vagues"),
    ("la caméra ne bouge pas, une personne lit dans la cuisine", "la caméra, une personne lit dans la cuisine"),
    ("una calle vacía, sin gente, nadie en la acera", "una calle vacía, en la acera"),
    ("ein menschenleerer Bahnsteig, keine Menschen, ohne Text", "ein Bahnsteig"),
])
def test_what_a_prompt_forbids_is_not_in_what_it_wants_to_see(prompt, wanted):
    assert wanted_text(prompt) == wanted


def test_an_exception_to_nobody_is_wanted_and_a_word_that_only_looks_negative_stays():
    assert wanted_text("nobody but a lone cyclist crosses the bridge at dusk") == "a lone cyclist crosses the bridge at dusk"
    assert wanted_text("a cup floats in zero gravity, no longer spinning") == "a cup floats in zero gravity, no longer spinning"
    assert wanted_text("No people. No text.") == "No people. No text."   # all negation: nothing else to search by


def test_a_person_is_read_in_any_text_unless_negated():
    assert describes_person("A man in a black tuxedo stands facing a mirror")
    assert describes_person("The character stands in the wilderness and looks back")
    assert describes_person("一个人正在跳舞")
    assert not describes_person("A vast empty palace hall, floor of polished marble, no people, no barista")
    assert not describes_person("A spacious warm living room, soft sunlight through window, soft sofa")
