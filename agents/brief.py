"""Reading a brief: what it states or implies, and making sure every shot keeps it.

Two readers, merged:

- **rules** (:func:`rule_reading`): plain patterns over the words a person typed, in English and the common
  European languages. What they are sure of (``values``: "nobody", "personne sur le quai", a person named by a
  role, a quoted sign that reads, a named camera move, a loop, the stated length) is forced onto every shot,
  whatever a model writes. What they only suspect (``hints``: a person named in a now-empty place, a menu that
  may carry words, "perfectly still" without the camera as subject) is left to the model.
- **the model** (:func:`extract_brief`): one schema-constrained call, shown a few worked examples, that returns
  every field with the words of the brief that decide it. A quote that is not a substring of the brief is not
  evidence; a claim whose words do not say it ("a kettle" for a person) is unsure.

:func:`read_with_model` merges them: the rules' sure values win; where the model's reading and a hint differ,
or the model claims what its words do not confirm, a **second look** (:mod:`agents.brief_look`: one focused call
on that field, sharing the first call's prompt) decides. Every disagreement is listed for the storyboard.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from agents.brief_claims import (
    claim_supported,
    duration_supported,
    grounded,
    names_a_person,
    not_someone,
)
from agents.brief_evidence import length_of_the_piece, quoted_seconds
from agents.brief_lexicon_people import CREATURES
from agents.brief_quote import head_noun
from agents.brief_rules import (
    CAMERA_TEXT,
    EXPECTATION_FIELDS,
    RuleReading,
    apply_explicit,
    clean_idea,
    enforce_brief,
    explicit_expectations,
    normalise,
    rule_reading,
    stated_duration,
)
from nightreel.schema import CameraMove, People

__all__ = [
    "CAMERA_TEXT",
    "EXPECTATION_FIELDS",
    "BriefExtraction",
    "BriefReading",
    "Claim",
    "apply_explicit",
    "clean_idea",
    "enforce_brief",
    "explicit_expectations",
    "extract_brief",
    "grounded",
    "merge_readings",
    "model_claims",
    "needs_second_look",
    "not_someone",
    "read_with_model",
    "rule_reading",
    "stated_duration",
]

# --------------------------------------------------------------------------------------------------
# the model's reading
# --------------------------------------------------------------------------------------------------

class BriefExtraction(BaseModel):
    """What a brief asks of every shot, each with the brief's own words that justify it (the extraction schema).

    The words come first so a small model decides after quoting. The schema carries no descriptions: a small
    model copied them into the *_words fields; the instructions and a worked example are in prompts/brief_system.
    """

    people_words: str
    people: People
    camera_words: str
    camera: CameraMove
    loop_words: str
    loopable: bool
    text_words: str
    text_in_frame: bool
    duration_words: str
    total_duration_s: float


_WORDS_FIELD = {"people": "people_words", "camera": "camera_words", "loopable": "loop_words",
                "text_in_frame": "text_words"}
_DEFAULTS = {"people": "allowed", "camera": "any", "loopable": False, "text_in_frame": False}


@dataclass
class Claim:
    """One field of the model's reading, checked: ``said`` (quoted from the brief, and the words say it),
    ``unsure`` (quoted, but the words do not confirm it), ``unquoted`` (the words are not in the brief) or
    ``default`` (the model read nothing)."""

    value: Any
    words: str
    status: str


def model_claims(idea: str, extraction: BriefExtraction) -> dict[str, Claim]:
    out = {}
    for k in EXPECTATION_FIELDS:
        v, words = getattr(extraction, k), html.unescape(getattr(extraction, _WORDS_FIELD[k]).strip())
        if v == _DEFAULTS[k]:
            status = "default"
        elif not grounded(words, idea):
            status = "unquoted"
        elif not claim_supported(k, v, words, idea):
            status = "unsure"
        else:
            status = "said"
        out[k] = Claim(v, words, status)
    return out


def needs_second_look(k: str, claim: Claim, rules: RuleReading, *, several_moves: bool = False) -> bool:
    """Whether the model's reading of field `k` and the rules' hint differ (or the model claims what its own words
    do not confirm): then one focused call decides. Never where the rules are sure."""
    if k in rules.values or (k == "camera" and several_moves):
        return False
    hint = rules.hints.get(k)
    if claim.status == "said":
        return hint is not None and hint != claim.value
    if claim.status == "unsure":
        # a person the lexicon does not know ("gli spettatori", "the stallholder"): asked about those words
        return person_in_quote(k, claim, rules) or (hint is not None and hint != claim.value)
    return hint is not None and hint != _DEFAULTS[k]


def person_in_quote(k: str, claim: Claim, rules: RuleReading) -> bool:
    """The model's people reading quotes words the rules cannot confirm, with no hint of theirs: a person it names
    ("required" from "the stallholder") or a person doing something that it read as no one ("none" from "Il
    liutaio leviga la tavola", "her first sip"). The second look is asked about those very words."""
    if k != "people" or claim.status != "unsure" or k in rules.hints:
        return False
    if claim.value == "required":
        return True
    # not a creature's ("a cat curls her tail")
    return claim.value == "none" and names_a_person(claim.words) and not re.fullmatch(
        CREATURES, head_noun(claim.words))


def _beside_the_hint(k: str, claim: Claim, rules: RuleReading, idea: str) -> bool:
    """The rules' hint *allowed* comes from someone not in the picture (a portrait, someone gone, someone never in
    frame) and the model's *required* quotes someone else too ("portraits of stern merchants …, a guard asleep on
    his stool"): the words left once the hint's are taken out still name a person."""
    if k != "people" or claim.value != "required" or rules.hints.get(k) != "allowed":
        return False
    hint = rules.hint_words.get(k, "")
    low = normalise(claim.words)
    rest = low.replace(normalise(hint), " ") if hint and normalise(hint) in low else ""
    return bool(rest.strip(" ,;.")) and claim_supported(k, "required", rest, idea)


@dataclass
class Look:
    """A second look's answer on one field, with the words it quoted."""

    value: Any
    words: str


@dataclass
class BriefReading:
    """The merged reading: what every shot must keep, where each value came from, and what disagreed."""

    expectations: dict[str, Any]
    sources: dict[str, str]                  # field -> "rules: 'nobody'" / "model: 'a barista'"
    total_duration_s: float | None = None
    duration_source: str = ""
    disagreements: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    model_used: bool = False
    model_answer: dict[str, Any] | None = None   # the model's raw reading, before grounding and the rules
    model_calls: int = 0                     # the reading call plus any second looks

    def full(self) -> dict[str, Any]:
        """Every field with its default where nobody read a value (for scoring)."""
        return {**_DEFAULTS, **{k: v for k, v in self.expectations.items() if k in _DEFAULTS}}


def merge_readings(idea: str, extraction: BriefExtraction | None, rules: RuleReading | None = None,
                   looks: dict[str, Look] | None = None) -> BriefReading:
    """The rules' sure values; elsewhere a second look's answer, else the model's claim where its words say it
    and no hint disagrees, else the rules' hint. Every overruled reading is listed."""
    rules = rules or rule_reading(idea)
    looks = looks or {}
    exp = dict(rules.values)
    sources = {k: f"rules: {rules.words.get(k, '')!r}" for k in rules.values}
    disagreements: list[str] = []
    notes = list(rules.notes)
    total, dsrc = rules.total_duration_s, (f"rules: {rules.duration_words!r}" if rules.total_duration_s else "")
    claims = model_claims(idea, extraction) if extraction is not None else {}
    several = any("several camera moves" in n for n in rules.notes)
    for k in EXPECTATION_FIELDS:
        c, hint = claims.get(k), rules.hints.get(k)
        if c is not None and c.status == "unquoted":
            notes.append(f"{k}: the model said {c.value!r} but quoted {c.words!r}, which is not in the brief; ignored")
        elif c is not None and c.status == "unsure" and k not in looks:
            what = "does not name that move" if k == "camera" else "does not say so"
            notes.append(f"{k}: the model said {c.value!r} from {c.words!r}, which {what}; ignored")
        if k in exp:
            if c is not None and c.status in ("said", "unsure") and c.value != exp[k]:
                disagreements.append(f"{k}: the model read {c.value!r} ({c.words!r}), the rules read {exp[k]!r} "
                                     f"({rules.words.get(k, '')!r}); the rules win")
            continue
        if k in looks:
            lk = looks[k]
            exp[k], sources[k] = lk.value, f"second look: {lk.words!r}"
            first = (f"the model read {c.value!r} ({c.words!r})" if c is not None and c.status != "default"
                     else f"the model read {_DEFAULTS[k]!r}")
            other = (f"the rules' hint {hint!r} ({rules.hint_words.get(k, '')!r})" if hint is not None
                     else "words the rules could not confirm")
            disagreements.append(f"{k}: {first}, against {other}; a second look read {lk.value!r} ({lk.words!r})")
            continue
        if k == "camera" and several:
            continue
        if c is not None and c.status == "said" and (hint is None or hint == c.value or _beside_the_hint(k, c, rules, idea)):
            exp[k], sources[k] = c.value, f"model: {c.words!r}"
        elif hint is not None:
            exp[k], sources[k] = hint, f"rules (hint): {rules.hint_words.get(k, '')!r}"
            if c is not None and c.status == "said" and c.value != hint:
                disagreements.append(f"{k}: the model read {c.value!r} ({c.words!r}), the rules' hint {hint!r}; "
                                     f"no second look was made, the hint stands")
    if extraction is not None:
        md = extraction.total_duration_s
        dwords = html.unescape(extraction.duration_words)
        if md and md > 0:
            # the seconds the quoted words say, not the model's number for them ("two-minute" is 120, not 2;
            # "Thirty-second" is 30, not the ordinal's 32)
            secs = quoted_seconds(dwords) or md
            if total is None and 1 <= secs <= 600 and grounded(dwords, idea) and duration_supported(dwords) \
                    and length_of_the_piece(dwords, idea):
                total, dsrc = float(secs), f"model: {dwords!r}"
            elif total is not None and abs(md - total) > 0.5:
                disagreements.append(f"total duration: the model read {md:g} s, the rules read {total:g} s "
                                     f"({rules.duration_words!r}); the rules win")
    return BriefReading(expectations=exp, sources=sources, total_duration_s=total, duration_source=dsrc,
                        disagreements=disagreements, notes=notes, model_used=extraction is not None,
                        model_answer=extraction.model_dump() if extraction is not None else None,
                        model_calls=(1 + len(looks)) if extraction is not None else 0)


async def extract_brief(idea: str, model: Any, **kw: Any) -> BriefExtraction:
    """The model's reading call alone (:func:`agents.brief_look.extract_brief`)."""
    from agents.brief_look import extract_brief as _extract

    return await _extract(idea, model, **kw)


async def read_with_model(idea: str, model: Any, **kw: Any) -> BriefReading:
    """The rules, the model's reading and the second looks, merged (:func:`agents.brief_look.read_with_model`)."""
    from agents.brief_look import read_with_model as _read

    return await _read(idea, model, **kw)
