"""The brief reader's model calls: the reading (a few worked examples, then the brief) and the second look.

The reading is one schema-constrained call whose prompt is the instructions (``prompts/brief_system``), the worked
examples of ``prompts/brief_examples`` as earlier turns, then the brief: the fixed part comes first, so a server
that keeps its last prompt (llama-cpp-python) reads it once. A second look on one field continues that same
conversation with one focused question (``prompts/brief_look`` + ``prompts/brief_look_<field>``) and a two-field
answer: the words that decide it and the value. Its quote must be in the brief, or the look is void; a "required"
must quote a human being or a body part seen now (:mod:`agents.brief_quote`), not a tree, a chair or a menu; when
only its noun is unknown to the lexicon ("il casaro", "a drummer's sticks"), one short call that names the
noun's kind (``prompts/brief_look_human``: a person, an animal, a thing …) decides. Where neither the rules nor the
model read anything of people, the same question is asked (twice at most) of the nouns the rules found by shape
(:mod:`agents.brief_unknown`): someone named is required, someone denied is nobody.
"""

from __future__ import annotations

import html
import json
from functools import cache
from typing import Any, Literal

import structlog
from pydantic import BaseModel

from agents.brief import (
    _DEFAULTS,
    _WORDS_FIELD,
    EXPECTATION_FIELDS,
    BriefExtraction,
    BriefReading,
    Look,
    claim_supported,
    grounded,
    merge_readings,
    model_claims,
    needs_second_look,
    not_someone,
    person_in_quote,
)
from agents.brief_claims import names_a_person, past_presence_at
from agents.brief_cues import absent
from agents.brief_people_cues import acts_by_itself
from agents.brief_quote import head_noun
from agents.brief_rules import RuleReading, normalise, rule_reading
from agents.brief_rules_people import makers_place
from nightreel.schema import CameraMove, People

__all__ = ["LOOK_TOKENS", "examples", "extract_brief", "read_with_model", "reader_prompt_text", "second_look"]

log = structlog.get_logger()
LOOK_TOKENS = 80
_KIND_QUESTIONS = 2   # the most questions on a noun's kind a brief costs when the rules and the model read nothing


class PeopleLook(BaseModel):
    words: str
    answer: People


class CameraLook(BaseModel):
    words: str
    answer: CameraMove


class YesNoLook(BaseModel):
    words: str
    answer: bool


class KindLook(BaseModel):
    """What a noun names: a small model answers a choice among kinds more soberly than a yes/no (it said yes to
    a deer, a flower shop and "three shots")."""

    word: str
    kind: Literal["person", "animal", "thing", "plant", "place", "food", "time", "shot"]


_LOOK_MODEL: dict[str, type[BaseModel]] = {"people": PeopleLook, "camera": CameraLook, "loopable": YesNoLook,
                                           "text_in_frame": YesNoLook}

# the shape of a second look's answer, shown in its question (no schema text is sent: the grammar holds it)
_LOOK_EXAMPLE = {"people": '{"words": "Nessuno in piazza", "answer": "none"}',
                 "camera": '{"words": "the camera advances slowly", "answer": "dolly_in"}',
                 "loopable": '{"words": "seamless loop", "answer": true}',
                 "text_in_frame": '{"words": "a sign reading OPEN", "answer": true}'}


@cache
def examples() -> tuple[tuple[str, BriefExtraction], ...]:
    """The worked examples: (brief, the reading a careful reader gives it), from ``prompts/brief_examples``."""
    import prompts

    out = []
    for block in prompts.load("brief_examples").split("\n\n"):
        first, answer = block.strip().split("\n", 1)
        out.append((first.removeprefix("Brief:").strip(), BriefExtraction.model_validate_json(answer)))
    return tuple(out)


def _history() -> list[Any]:
    from pydantic_ai.messages import (
        ModelRequest,
        ModelResponse,
        TextPart,
        UserPromptPart,
    )

    import prompts

    msgs: list[Any] = []
    for brief, reading in examples():
        msgs.append(ModelRequest(parts=[UserPromptPart(content=prompts.load("brief_user").format(idea=brief))]))
        msgs.append(ModelResponse(parts=[TextPart(content=reading.model_dump_json())]))
    return msgs


def reader_prompt_text(idea: str) -> str:
    """Everything the reading call sends as text (for the context budget)."""
    import prompts

    shown = [prompts.load("brief_system")]
    for brief, reading in examples():
        shown += [prompts.load("brief_user").format(idea=brief), reading.model_dump_json()]
    return "\n".join([*shown, prompts.load("brief_user").format(idea=idea)])


def _settings(output_type: type[BaseModel], output_mode: str, max_tokens: int, temperature: float,
              seed: int | None) -> tuple[Any, dict[str, Any]]:
    from pydantic_ai import NativeOutput, PromptedOutput, ToolOutput

    settings: dict[str, Any] = {"max_tokens": max_tokens, "temperature": temperature}
    if seed is not None:
        settings["seed"] = seed
    if output_mode == "json_object":
        # the schema is a grammar on the server; the examples show the shape, so no schema text in the prompt
        output: Any = PromptedOutput(output_type, template=False)
        settings["extra_body"] = {"response_format": {"type": "json_object",
                                                      "schema": output_type.model_json_schema()},
                                  "repeat_penalty": 1.0}   # quoting the brief repeats its words, on purpose
    elif output_mode == "json_schema":
        output = NativeOutput(output_type)
    else:
        output = ToolOutput(output_type, name=output_type.__name__.lower())
    return output, settings


async def _reading_run(idea: str, model: Any, *, max_tokens: int, temperature: float, output_mode: str,
                       seed: int | None) -> tuple[BriefExtraction, list[Any]]:
    from pydantic_ai import Agent

    import prompts

    output, settings = _settings(BriefExtraction, output_mode, max_tokens, temperature, seed)
    agent = Agent(model, output_type=output, instructions=prompts.load("brief_system"), retries={"output": 0},
                  model_settings=settings, name="brief_reader")
    res = await agent.run(prompts.load("brief_user").format(idea=idea), message_history=_history())
    return res.output, res.all_messages()


async def extract_brief(idea: str, model: Any, *, max_tokens: int = 260, temperature: float = 0.0,
                        output_mode: str = "json_object", seed: int | None = None) -> BriefExtraction:
    """One schema-constrained call: the model's reading of the brief (raises pydantic-ai's errors).

    `output_mode` as the endpoint's: json_object (llama-cpp-python: the schema compiled into a grammar),
    json_schema (native structured output) or tool. No output retry: a wrong answer costs one call and the
    rules stand alone.
    """
    reading, _ = await _reading_run(idea, model, max_tokens=max_tokens, temperature=temperature,
                                    output_mode=output_mode, seed=seed)
    return reading


def _readings_line(k: str, extraction: BriefExtraction, rules: RuleReading) -> str:
    value, words = getattr(extraction, k), html.unescape(getattr(extraction, _WORDS_FIELD[k]).strip())
    parts = [f"{value!r}" + (f" (from {words!r})" if words else "")]
    hint = rules.hints.get(k, _DEFAULTS[k])
    parts.append(f"{hint!r}" + (f" (from {rules.hint_words[k]!r})" if k in rules.hint_words else ""))
    return " or ".join(parts)


async def second_look(k: str, idea: str, model: Any, history: list[Any], readings: str, *,
                      output_mode: str = "json_object", seed: int | None = None,
                      person_words: str = "", spent: list[str] | None = None) -> Look | None:
    """One focused call on field `k`, continuing the reading's conversation. None when its answer is unusable
    or quotes words that are not in the brief (the first reading then stands). A further yes/no call on a
    person's noun is appended to `spent`."""
    from pydantic_ai import Agent
    from pydantic_ai.exceptions import (
        ModelAPIError,
        UnexpectedModelBehavior,
        UsageLimitExceeded,
    )

    import prompts

    look_model = _LOOK_MODEL[k]
    output, settings = _settings(look_model, output_mode, LOOK_TOKENS, 0.0, seed)
    agent = Agent(model, output_type=output, instructions=prompts.load("brief_system"), retries={"output": 0},
                  model_settings=settings, name=f"brief_look_{k}")
    asked = prompts.load(f"brief_look_{k}")
    if person_words:  # the model named someone the rules do not know: asked about those very words
        asked = prompts.load("brief_look_person").format(words=json.dumps(person_words, ensure_ascii=False))
    question = prompts.load("brief_look").format(question=asked, readings=readings, example=_LOOK_EXAMPLE[k])
    try:
        res = await agent.run(question, message_history=history)
    except (ModelAPIError, UnexpectedModelBehavior, UsageLimitExceeded, ValueError) as e:
        log.info("brief_second_look_unusable", field=k, error=str(e)[:200])
        return None
    value, words = res.output.answer, html.unescape(res.output.words.strip())
    if value == _DEFAULTS[k]:
        return Look(value, words)
    support = _look_support(k, value, words, idea) if grounded(words, idea) else "no"
    if support == "noun":  # "il casaro", "a drummer's sticks": the lexicon does not know the noun; one more question
        noun = head_noun(words)
        if noun and spent is not None:
            spent.append(noun)
        support = "yes" if noun and await _is_human(noun, model, history, output_mode=output_mode, seed=seed) \
            else "no"
    if support != "yes":
        log.info("brief_second_look_unquoted", field=k, value=value, words=words)
        return None
    return Look(value, words)


async def _is_human(noun: str, model: Any, history: list[Any], *, output_mode: str, seed: int | None) -> bool:
    """One short call, continuing the reading's conversation: what kind of thing `noun` names (a person, an
    animal, a thing, a plant, a place, a food, a time, a shot). True only for a person; False when the answer is
    unusable."""
    from pydantic_ai import Agent
    from pydantic_ai.exceptions import (
        ModelAPIError,
        UnexpectedModelBehavior,
        UsageLimitExceeded,
    )

    import prompts

    output, settings = _settings(KindLook, output_mode, LOOK_TOKENS, 0.0, seed)
    agent = Agent(model, output_type=output, instructions=prompts.load("brief_system"), retries={"output": 0},
                  model_settings=settings, name="brief_look_human")
    question = prompts.load("brief_look_human").format(noun=json.dumps(noun, ensure_ascii=False))
    try:
        res = await agent.run(question, message_history=history)
    except (ModelAPIError, UnexpectedModelBehavior, UsageLimitExceeded, ValueError) as e:
        log.info("brief_human_look_unusable", noun=noun, error=str(e)[:200])
        return False
    log.info("brief_human_look", noun=noun, kind=res.output.kind)
    return res.output.kind == "person"


def _look_supported(k: str, value: Any, words: str, idea: str) -> bool:
    """The look's words carry its value without a further question."""
    return _look_support(k, value, words, idea) == "yes"


def _look_support(k: str, value: Any, words: str, idea: str) -> str:
    """ "yes" when the look's words can carry its value, "no" when they cannot, "noun" when only the noun of a
    "required" is unknown to the lexicon (then the model is asked whether it names a human being)."""
    # the second look is the arbiter for what the lexicon cannot confirm ("spettatori", "a departure board"):
    # only the checks that reject a wrong kind of evidence apply (a camera move's words, a person in the past)
    if k == "camera" or (k == "people" and value == "none"):  # nobody needs a negation or an emptiness
        return "yes" if claim_supported(k, value, words, idea) else "no"
    if k == "people" and value == "required":
        # a mannequin, a fox, the viewer; a past sitter; a place named by its maker ("l'atelier d'un luthier")
        if not_someone(words) or past_presence_at(words, idea) or makers_place(words):
            return "no"
        li, low = normalise(idea), normalise(words)
        at = li.find(low)
        if at >= 0 and (absent(li, at, at + len(low)) or acts_by_itself(li, at, at + len(low))):
            return "no"   # a person named in the past; a typewriter typing on its own
        return "yes" if names_a_person(words) else "noun"   # trees, a chair, a menu: asked, and answered no
    return "yes"


def _unknown_in_reading(extraction: BriefExtraction, idea: str) -> str:
    """The noun of the model's own "required" when its quoted words are in the brief and only that noun is
    unknown to the lexicon ("Ein Drechsler an der Drechselbank" → "drechsler"); "" otherwise."""
    words = html.unescape(extraction.people_words.strip())
    if extraction.people != "required" or not words or not grounded(words, idea) \
            or _look_support("people", "required", words, idea) != "noun":
        return ""
    return head_noun(words)


async def _unknown_people(rules: RuleReading, model: Any, history: list[Any], spent: list[str], *,
                          output_mode: str, seed: int | None) -> Look | None:
    """Where the rules and the model read nothing of people: someone the lexicon does not know, found by shape
    (:mod:`agents.brief_unknown`), whose kind the model names. A noun in a noun's place that names a person
    ("ein Glockengießer", "i pescivendoli che urlano") is someone required; else a denied one that names a person
    ("ni un jornalero", "nessun vendemmiatore") is nobody. At most two questions; each is appended to `spent`."""
    asked: list[tuple[str, str, str]] = [(p, p, "required") for p in rules.roles]
    asked += [(noun, phrase, "none") for phrase, noun in rules.denied]
    # a noun already asked about is not asked again, and the brief's questions stay at two
    asked = [a for a in asked if head_noun(a[0]) not in {head_noun(n) for n in spent}]
    for noun, words, value in asked[:max(0, _KIND_QUESTIONS - len(spent))]:
        spent.append(noun)
        if await _is_human(noun, model, history, output_mode=output_mode, seed=seed):
            return Look(value, words)
    return None


async def read_with_model(idea: str, model: Any, *, rules: RuleReading | None = None, max_tokens: int = 260,
                          output_mode: str = "json_object", seed: int | None = None,
                          temperature: float = 0.0) -> BriefReading:
    """The rules, the model's reading, and a second look on each field where the two differ (raises pydantic-ai's
    errors for the reading call; a failed second look leaves the first reading)."""
    rules = rules or rule_reading(idea)
    extraction, history = await _reading_run(idea, model, max_tokens=max_tokens, temperature=temperature,
                                             output_mode=output_mode, seed=seed)
    claims = model_claims(idea, extraction)
    several = any("several camera moves" in n for n in rules.notes)
    looks: dict[str, Look] = {}
    asked = 0
    nouns: list[str] = []
    for k in EXPECTATION_FIELDS:
        if not needs_second_look(k, claims[k], rules, several_moves=several):
            continue
        if k == "people" and (noun := _unknown_in_reading(extraction, idea)):
            nouns.append(noun)   # "Ein Drechsler an der Drechselbank": what the noun names decides, in one call
            if await _is_human(noun, model, history, output_mode=output_mode, seed=seed):
                looks[k] = Look("required", html.unescape(extraction.people_words.strip()))
            continue
        asked += 1
        c = claims[k]
        person = c.words if person_in_quote(k, c, rules) else ""
        look = await second_look(k, idea, model, history, _readings_line(k, extraction, rules),
                                 output_mode=output_mode, seed=seed, person_words=person, spent=nouns)
        if look is not None:
            looks[k] = look
    c, seen = claims["people"], looks.get("people")
    # a second look's "allowed" reads nothing either ("Un ombrellaio ripara le stecche" read as no one, then as
    # neither): the nouns found by shape are still asked about
    if c.status != "said" and (seen is None or seen.value == "allowed") and "people" not in rules.values \
            and "people" not in rules.hints:
        look = await _unknown_people(rules, model, history, nouns, output_mode=output_mode, seed=seed)
        if look is not None:
            looks["people"] = look
    reading = merge_readings(idea, extraction, rules, looks)
    reading.model_calls = 1 + asked + len(nouns)
    return reading

