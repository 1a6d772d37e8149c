"""Reading a brief: what it states or implies, and making sure every shot keeps it.

Two readers, merged:

- **rules** (:func:`explicit_expectations`, :func:`rule_reading`): plain patterns over the words a person
  typed, in English and the common European languages — nobody / no one / "without a soul in sight" /
  an empty place; a person named by a role, an occupation, a pronoun or a body part ("hands pour");
  words meant to be read on screen (quoted strings near a sign or screen, "the words", "a sign saying",
  title cards, subtitles); a named camera move; a loop; the length of the whole spot. What the rules match
  is the guarantee: it is forced onto every shot whatever a model writes.
- **the model** (:func:`extract_brief`): one schema-constrained call on the planner model that returns the
  same fields, each with the words of the brief that justify it. A claim whose words are not in the brief
  is dropped (a small model inventing "nobody" is not evidence).

:func:`merge_readings` takes the rules' value wherever the rules matched, the model's (grounded) value
elsewhere, and lists every disagreement, which the planner puts on the storyboard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from agents.brief_lexicon import (
    LOOP,
    MIN,
    NEGATORS,
    NONE_STRONG,
    NONE_WEAK,
    NUM,
    SEC,
    TEXT_CUES,
)
from agents.brief_rules import (
    CAMERA_TEXT,
    EXPECTATION_FIELDS,
    RuleReading,
    apply_explicit,
    clean_idea,
    enforce_brief,
    explicit_expectations,
    normalise,
    person_mention,
    rule_reading,
    stated_duration,
)
from nightreel.schema import CameraMove, People

__all__ = [
    "CAMERA_TEXT",
    "EXPECTATION_FIELDS",
    "BriefExtraction",
    "BriefReading",
    "apply_explicit",
    "clean_idea",
    "enforce_brief",
    "explicit_expectations",
    "extract_brief",
    "grounded",
    "merge_readings",
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


# the words behind a camera claim must name a camera or a movement (any of the languages the rules read)
_CAMERA_HINT = (r"\b(camera|cam|shot|lens|tripod|sticks|static|fixed|locked|still|steady|handheld|hand-held|shaky|"
                r"steadicam|gimbal|drone|pan\w*|tilt\w*|orbit\w*|arc\w*|circl\w*|dolly\w*|zoom\w*|push\w*|pull\w*|"
                r"track\w*|crane|glid\w*|drift\w*|mov\w*|travel\w*|reveal\w*|approach\w*|clos\w*|follow\w*|"
                r"sweep\w*|rotat\w*|spin\w*|creep\w*|float\w*|caméra|cámara|kamera|câmera|plan|plano|travelling|"
                r"trépied|trípode|stativ|fixe|fija|fest\w*|feste|schwenk\w*|fährt|tourne|gira\w*|avanza|recule|"
                r"umkreist|épaule|mano|hombro)\b")

# the words behind each claimed move must fit that move ("a torch beam sweeping" is not a locked camera)
_MOVE_HINTS = {
    "locked": r"\b(tripod|sticks|static|fixed|locked|lock-off|still camera|steady|unmoving|motionless|does ?n[o']t move|"
              r"fixe|fija|fijo|fissa|fixa|trépied|trípode|stativ|feste|statisch\w*)\b",
    "dolly_in": r"\b(in|push\w*|forward|closer|toward\w*|zoom\w* in|approach\w*|creep\w*|avant|avance|acerca\w*|"
                r"heran|vor|ranfahrt|avanti)\b",
    "dolly_out": r"\b(out|back|pull\w*|away|reveal\w*|retreat\w*|recule|arrière|aleja|retrocede|zurück|rückfahrt|"
                 r"indietro)\b",
    "pan": r"\b(pan\w*|sweep\w*|schwenk\w*|paneo|panea|panoramique|panoramica)\b",
    "orbit": r"\b(orbit\w*|circl\w*|arc\w*|around|360|tourne|gira\w*|umkreist|kreisfahrt)\b",
    "handheld": r"\b(hand-?held|handheld|shaky|shake|shoulder|documentary|épaule|portée|mano|hombro|handkamera)\b",
}
# the words behind a people or text claim must say so: a person (a noun, a pronoun, a role, a body part, a name)
# for "required", a negation or an emptiness for "none", something written for text in frame. A small model
# quoting "a kettle" for a required person, or "the words" for nobody, is not evidence.
_BODY = r"\b(she|he|her|his|him|they|them|someone|somebody|elle|ella|él|sie|lei|lui|hands?|fingers?|face|faces|feet|foot|arms?|legs?|eyes|lips|silhouettes?|shadow of a)\b"
_NAME = r"\b[A-Z][a-zà-ÿ]+ [A-Z][a-zà-ÿ]+\b"
_ROLES = r"\b(guard|watchman|keeper|caretaker|owner|host|hostess|crew|staff|band|choir|orchestra|cast)\b"
_BUSY = r"\b(bustling|busy|crowded|crowds?|packed|thronged|teeming|lively|rush hour|queue|concourse at rush)\b"
_EMPTY = (r"\b(nobody|no one|noone|none|alone|empty|deserted|abandoned|vacant|unoccupied|uninhabited|desolate|"
          r"closed|after hours|after closing|lonely|solitary|lone|quiet|silent|vide|vacío|vacía|leer\w*|vuot\w*|vazi\w*)\b")


def claim_supported(field: str, value: Any, words: str) -> bool:
    """Whether the quoted words can carry the model's claim (camera claims are checked against the move's hints)."""
    low = normalise(words)
    if field == "people" and value == "required":
        return bool(person_mention(low) or re.search(_BODY, low) or re.search(_BUSY, low)
                    or re.search(_ROLES, low) or re.search(_NAME, words))
    if field == "people" and value == "none":
        return bool(re.search(_EMPTY, low) or re.search(r"\b" + NEGATORS + r"\b", low)
                    or re.search(NONE_STRONG, low) or re.search(NONE_WEAK, low))
    if field == "text_in_frame" and value:
        return bool(re.search(r"\b(" + TEXT_CUES + r")\b", low) or re.search(r"[\"“”«»„]|'[^']+'", words))
    if field == "loopable" and value:
        return bool(re.search(LOOP, low) or re.search(_LOOPISH, low))
    return True


def duration_supported(words: str) -> bool:
    """The quoted words state a length: a number with a unit of time ("ten seconds in all", "a 30s spot"), not
    a clock time ("3 a.m.") or a count of things."""
    return bool(re.search(NUM + r"[\s-]*(" + SEC + "|" + MIN + r")\b", normalise(words)))


# a loop in the model's words where the rules' loop patterns are stricter ("plays forever", "cycles back")
_LOOPISH = (r"\b(loop\w*|seamless\w*|repeat\w*|cycl\w*|circular|endless\w*|forever|again and again|over and over|"
            r"boucl\w*|bucle\w*|schleife\w*|ciclo\w*|en boucle|sin fin|senza fine)\b")

_STOP = {"a", "an", "the", "his", "her", "their", "its", "this", "that", "some", "one", "of", "le", "la", "les", "un",
         "une", "des", "el", "los", "las", "una", "der", "die", "das", "ein", "eine", "il", "lo", "gli", "o", "os", "as"}

_WORDS_FIELD = {"people": "people_words", "camera": "camera_words", "loopable": "loop_words",
                "text_in_frame": "text_words"}
_DEFAULTS = {"people": "allowed", "camera": "any", "loopable": False, "text_in_frame": False}


def grounded(words: str, idea: str) -> bool:
    """The quoted words are really in the brief: the whole quote, or every content word of it in the brief's order
    (case, quotes, spacing and articles aside: "a night guard" is grounded in "the night guard")."""
    w = re.findall(r"\w+", normalise(words))
    brief = re.findall(r"\w+", normalise(idea))
    if not w or len("".join(w)) < 2:
        return False
    if " ".join(w) in " ".join(brief):
        return True
    content = [x for x in w if x not in _STOP]
    if not content or len(content) > 12:
        return False
    pos = 0
    for x in content:  # in order, each word found after the previous one
        try:
            pos = brief.index(x, pos) + 1
        except ValueError:
            return False
    return True


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

    def full(self) -> dict[str, Any]:
        """Every field with its default where nobody read a value (for scoring)."""
        return {**_DEFAULTS, **{k: v for k, v in self.expectations.items() if k in _DEFAULTS}}


def merge_readings(idea: str, extraction: BriefExtraction | None, rules: RuleReading | None = None) -> BriefReading:
    """Rules ∪ the model's grounded claims; the rules win every disagreement, which is listed."""
    rules = rules or rule_reading(idea)
    exp = dict(rules.values)
    sources = {k: f"rules: {rules.words.get(k, '')!r}" for k in rules.values}
    disagreements: list[str] = []
    notes = list(rules.notes)
    total, dsrc = rules.total_duration_s, (f"rules: {rules.duration_words!r}" if rules.total_duration_s else "")
    if extraction is not None:
        for k in EXPECTATION_FIELDS:
            mv = getattr(extraction, k)
            words = getattr(extraction, _WORDS_FIELD[k]).strip()
            if mv == _DEFAULTS[k]:
                if k in exp and exp[k] != mv and k == "people" and words and grounded(words, idea):
                    disagreements.append(f"people: the model read {mv!r} ({words!r}), the rules read {exp[k]!r} "
                                         f"({rules.words.get(k, '')!r}); the rules win")
                continue
            if not grounded(words, idea):
                notes.append(f"{k}: the model said {mv!r} but quoted {words!r}, which is not in the brief; ignored")
                continue
            if k == "camera" and not re.search(_MOVE_HINTS.get(mv, _CAMERA_HINT), normalise(words)):
                notes.append(f"camera: the model said {mv!r} from {words!r}, which does not name that move; ignored")
                continue
            if k in exp:
                if exp[k] != mv:
                    disagreements.append(f"{k}: the model read {mv!r} ({words!r}), the rules read {exp[k]!r} "
                                         f"({rules.words.get(k, '')!r}); the rules win")
                continue
            if k == "camera" and any("several camera moves" in n for n in rules.notes):
                continue
            if not claim_supported(k, mv, words):
                notes.append(f"{k}: the model said {mv!r} from {words!r}, which does not say so; ignored")
                continue
            exp[k], sources[k] = mv, f"model: {words!r}"
        md = extraction.total_duration_s
        if md and md > 0:
            if total is None and 1 <= md <= 600 and grounded(extraction.duration_words, idea) \
                    and duration_supported(extraction.duration_words):
                total, dsrc = float(md), f"model: {extraction.duration_words!r}"
            elif total is not None and abs(md - total) > 0.5:
                disagreements.append(f"total duration: the model read {md:g} s, the rules read {total:g} s "
                                     f"({rules.duration_words!r}); the rules win")
    return BriefReading(expectations=exp, sources=sources, total_duration_s=total, duration_source=dsrc,
                        disagreements=disagreements, notes=notes, model_used=extraction is not None,
                        model_answer=extraction.model_dump() if extraction is not None else None)


async def extract_brief(idea: str, model: Any, *, max_tokens: int = 260, temperature: float = 0.0,
                        output_mode: str = "json_object", seed: int | None = None) -> BriefExtraction:
    """One schema-constrained call: the model's reading of the brief (raises pydantic-ai's errors).

    `output_mode` as the endpoint's: json_object (llama-cpp-python: the schema compiled into a grammar),
    json_schema (native structured output) or tool. No output retry: a wrong answer costs one call and the
    rules stand alone.
    """
    from pydantic_ai import Agent, NativeOutput, PromptedOutput, ToolOutput

    import prompts

    settings: dict[str, Any] = {"max_tokens": max_tokens, "temperature": temperature}
    if seed is not None:
        settings["seed"] = seed
    if output_mode == "json_object":
        output: Any = PromptedOutput(BriefExtraction, template=prompts.load("brief_output"))
        settings["extra_body"] = {"response_format": {"type": "json_object",
                                                      "schema": BriefExtraction.model_json_schema()}}
    elif output_mode == "json_schema":
        output = NativeOutput(BriefExtraction)
    else:
        output = ToolOutput(BriefExtraction, name="brief_reading")
    agent = Agent(model, output_type=output, instructions=prompts.load("brief_system"), retries={"output": 0},
                  model_settings=settings, name="brief_reader")
    res = await agent.run(prompts.load("brief_user").format(idea=idea))
    return res.output
