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

from agents.brief_camera import described_moves
from agents.brief_cues import absent
from agents.brief_evidence import denied_text, length_of_the_piece, not_nobody
from agents.brief_lexicon_people import NEGATORS, NONE_STRONG, NONE_WEAK
from agents.brief_lexicon_shot import LOOP, MIN, NUM, SEC, TEXT
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
              r"fixe|fija|fijo|fissa|fixa|trépied|trípode|stativ|feste|statisch\w*|"
              # the camera stays where it is: "die Kamera bleibt stehen", "stays put", "reste immobile"
              r"(stays?|remains?|bleibt|reste|queda|permanece|resta|rimane) (\w+ )?(put|still|stehen|immobile|"
              r"ferm[oa]|quiet[oa]|fixe|fij[oa]|fest|ruhig|stable))\b",
    "dolly_in": r"\b(push\w*|zoom\w* in|approach\w*|advanc\w*|creep\w*|avance|acerca\w*|heran|ranfahrt|avanti)\b",
    "dolly_out": r"\b(pull\w*|reveal\w*|retreat\w*|recule|aleja|retrocede|rückfahrt|indietro)\b",
    "pan": r"\b(pan\w*|sweep\w*|schwenk\w*|paneo|panea|panoramique|panoramica)\b",
    "orbit": r"\b(orbit\w*|circl\w*|arc\w*|around|360|tourne|gira\w*|umkreist|kreisfahrt)\b",
    "handheld": r"\b(hand-?held|handheld|shaky|shake|shoulder|documentary|épaule|portée|mano|hombro|handkamera)\b",
}
# a bare direction names a dolly only as the particle of a move ("moves in slowly", "drifts back", "travelling
# avant"): "sunlight streams in", "moving in slow motion", "camera in hand", "walks toward the sea" name none
_DIRECTIONS = {"dolly_in": r"in|forward|forwards|closer|toward|towards|vor|avant",
               "dolly_out": r"out|back|backward|backwards|away|arrière|zurück"}
_MOVING = (r"camera|cam|lens|shot|we|dolly\w*|zoom\w*|push\w*|pull\w*|track\w*|crane\w*|glid\w*|drift\w*|mov\w*|"
           r"travel\w*|creep\w*|float\w*|clos\w*|eases|easing|ease|inch\w*|edg\w*|slid\w*|backs|backing|"
           r"fährt|fahrt|kamerafahrt|travelling|traveling|caméra|cámara|kamera")
# what may follow a particle: nothing, an adverb, a direction or a goal — not a noun phrase ("in the car")
_PARTICLE_END = (r"\s*($|[.,;:!?)]|\w+ly\b|(on|onto|to|toward|towards|until|till|then|and then|for|from|over|at|"
                 r"closer|close|tight|tighter|gently|a little|a bit|all the way|auf|sur|vers)\b)")


def _move_direction(move: str, low: str) -> bool:
    """A direction word of ``move`` carried by a camera or a verb of moving a few words before it, and (for the
    particles "in" and "out") not heading a noun phrase."""
    for m in re.finditer(r"\b(" + _DIRECTIONS[move] + r")\b", low):
        before = re.findall(r"[\w'-]+", low[max(0, m.start() - 40):m.start()])[-3:]
        if not any(re.fullmatch(_MOVING, w) for w in before):
            continue
        if m.group(1) in ("in", "out") and (re.match(r" and (in|out)\b", low[m.end():])
                                            or not re.match(_PARTICLE_END, low[m.end():])):
            continue
        return True
    return False


# the words behind a people or text claim must say so: a person (a noun, a pronoun, a role, a body part, a name)
# for "required", a negation or an emptiness for "none", something written for text in frame. A small model
# quoting "a kettle" for a required person, or "the words" for nobody, is not evidence.
_BODY = r"\b(she|he|her|his|him|they|them|someone|somebody|elle|ella|él|sie|lei|lui|hands?|fingers?|face|faces|feet|foot|arms?|legs?|eyes|lips|silhouettes?|shadow of a)\b"
_NAME = r"\b[A-Z][a-zà-ÿ]+ [A-Z][a-zà-ÿ]+\b"
# capitalised words that are not a name: an article and a German noun ("Ein Fuchs", "Der Hund")
_ARTICLE_CAP = (r"The|A|An|This|That|Ein|Eine|Einen|Einem|Der|Die|Das|Den|Dem|La|Le|Les|El|Los|Las|Un|Una|Une|Il|"
                r"Lo|Gli|Mein|Meine|Sein|Seine|Unser|Unsere|My|Our|His|Her")
# the viewer, said in the first person: "I open the fridge", "je marche", "ich öffne"
# (not the Italian article before a plural: "I bagnanti si tuffano")
_VIEWER = r"\b(i(?!\s+[\w-]+i\b)|i'm|i've|me|my|myself|we|us|our|je|j'|moi|yo|ich|mich|io)\b"
_ROLES = r"\b(guard|watchman|keeper|caretaker|owner|host|hostess|crew|staff|band|choir|orchestra|cast)\b"
_BUSY = r"\b(bustling|busy|crowded|crowds?|packed|thronged|teeming|lively|rush hour|queue|concourse at rush)\b"
_EMPTY = (r"\b(nobody|no one|noone|none|empty|deserted|abandoned|vacant|unoccupied|uninhabited|desolate|"
          r"vide|vides|désert\w*|vacío|vacía|vací\w+|desiert\w*|leer\w*|verlassen\w*|vuot\w*|vazi\w*|personne|nadie|"
          r"nessuno|niemand|ninguém|after hours|after closing)\b")
# words that say something is written to be read (a sign alone, a screen or neon lights do not)
_WRITTEN = (r"\b(text|texts|titles?|subtitles?|captions?|credits|words?|letters|lettering|written|writing|handwrit\w*|"
            r"handwriting|reads?|reading|says|saying|spells?|spelling|spelled|legible|readable|menu|headline|"
            r"inscription|slogan|tagline|name|names|label|labels|listing|lists|typed|printed|scrawled|"
            r"écrit\w*|mots|lisible\w*|inscription|carte|menú|letras|palabras|escrit\w*|se lee|dice|legible\w*|"
            r"schrift\w*|aufschrift|wörter\w*|worte\w*|speisekarte|lesbar\w*|steht|scritt\w*|parole|leggibil\w*|"
            r"si legge|sottotitoli|sous-titres?|subtítulos|untertitel\w*)\b")


def _names_someone(words: str) -> bool:
    """Two capitalised words that read as a person's name ("Maria Lopez"), not an article and a noun ("Ein Fuchs")
    nor an animal's kind."""
    from agents.brief_lexicon_people import CREATURES

    for m in re.finditer(_NAME, words):
        first, second = m.group(0).split()
        if not re.fullmatch(_ARTICLE_CAP, first) and not re.fullmatch(CREATURES + r"|fuchs|füchse|renard|zorro|volpe",
                                                                     second.lower()):
            return True
    return False


def not_someone(words: str) -> bool:
    """Quoted words that name no one in the picture however they are read: only a likeness or an animal ("a
    mannequin in a bridal gown", "Ein Fuchs"), or only the viewer said in the first person ("I open the fridge")."""
    from agents.brief_lexicon_people import CREATURES, LIKENESS
    from agents.brief_person import _LIVING_STATUE
    from agents.brief_quote import head_noun

    low = normalise(words)
    if person_mention(low) or re.search(_BODY.replace(r"\b(she|he|", r"\b(she|he|my|"), low) or re.search(_ROLES, low) \
            or re.search(_BUSY, low) or _names_someone(words) or re.search(_LIVING_STATUE, low):
        return False
    if re.search(_VIEWER, low):
        return True
    thing = re.search(r"\b(" + CREATURES + r"|" + LIKENESS + r"|fuchs|renard|zorro|volpe)\b", low)
    if thing is None:
        return False
    # the quote's head decides: "a farrier shoeing a draft horse" opens on another noun, which may be a person
    head = head_noun(words)
    at = re.search(r"(?<![\w-])" + re.escape(head) + r"(?![\w-])", low) if head else None
    return at is None or thing.start() <= at.end() + 1   # "a stone angel": the head is its material


def claim_supported(field: str, value: Any, words: str, idea: str = "") -> bool:
    """Whether the quoted words can carry the model's claim: a person for "required" (not one named in the past,
    nor the camera's point of view), a negation or an emptiness for "none", something written for text in frame,
    a loop for a loop, a word naming that move or a move described toward, away, around, still or shaking
    (:mod:`agents.brief_camera`) for a camera move."""
    low = normalise(words)
    if field == "people" and value == "required":
        if re.search(r"\b(first|third)[- ]person\b|\bpov\b", low) and not person_mention(
                re.sub(r"\b(first|third)[- ]person\b", " ", low)):
            return False
        said = bool(person_mention(low) or re.search(_BODY, low) or re.search(_BUSY, low)
                    or re.search(_ROLES, low) or _names_someone(words))
        if said and idea:  # the quote's place in the brief: a person named in the past is not there now
            li = normalise(idea)
            at = li.find(" ".join(low.split()))
            if at >= 0 and absent(li, at, at + len(low)):
                return False
        return said
    if field == "people" and value == "none":
        low = not_nobody(words)  # "nobody would guess …", "nicht menschenleer": no emptiness said
        if idea and _denied_emptiness_at(words, idea):  # "vuoto" quoted from "Non è che sia vuoto"
            return False
        return bool(re.search(_EMPTY, low) or re.search(r"\b" + NEGATORS + r"\b", low)
                    or re.search(NONE_STRONG, low) or re.search(NONE_WEAK, low))
    if field == "text_in_frame" and value:
        if _quoted_in(words, idea):  # «Torno subito, non aspettarmi»: the words themselves, given to be read
            return True
        if denied_text(words):  # "so not one title can be made out": nothing to read
            return False
        return bool(re.search(_WRITTEN, low) or re.search(TEXT, low) or re.search(r"[\"“”«»„]|'[^']+'", words)
                    or re.search(r"\b[A-Z]{3,}\b", words))
    if field == "loopable" and value:
        return bool(re.search(LOOP, low) or re.search(_LOOPISH, low))
    if field == "camera" and value != "any":
        return bool(re.search(_MOVE_HINTS.get(value, _CAMERA_HINT), low)) or (
            value in _DIRECTIONS and _move_direction(value, low)) or any(
            m == value for _, m, _, _ in described_moves(low))   # "we drift backwards", "nos alejamos"
    return True


def _denied_emptiness_at(words: str, idea: str) -> bool:
    """The quoted words are only an emptiness that the brief denies where they stand ("vuoto" in "Non è che sia
    vuoto")."""
    from agents.brief_negation import EMPTY_ADJ, undenied_empty

    low, li = normalise(words).strip(" .,;:!?"), normalise(idea)
    if not re.fullmatch(EMPTY_ADJ, low):
        return False
    return any(undenied_empty(li, m.start()) for m in re.finditer(r"(?<![\w-])" + re.escape(low) + r"(?![\w-])", li))


def _quoted_in(words: str, idea: str) -> bool:
    """The quoted words stand between quotation marks in the brief («Caro Paolo, ti scrivo …», "OPEN"): words
    given to be read."""
    w = words.strip().strip("\"“”«»„' ")
    if len(w) < 3 or not idea:
        return False
    at = idea.find(w)
    return at > 0 and bool(re.search(r"([\"“”«»„]|(^|\s)')\s*$", idea[max(0, at - 4):at]))


def duration_supported(words: str) -> bool:
    """The quoted words state a length: a number with a unit of time ("ten seconds in all", "a 30s spot"), not
    a clock time ("3 a.m.") or a count of things."""
    return bool(re.search(NUM + r"[\s-]*(" + SEC + "|" + MIN + r")\b", normalise(words)))


# a loop in the model's words where the rules' loop patterns are stricter ("plays forever", "cycles back")
_LOOPISH = (r"\b(seamless\w*|repeat\w*|cycl\w*|endless\w*|forever|again and again|over and over|"
            r"boucl\w*|bucle\w*|schleife\w*|ciclo\w*|en boucle|sin fin|senza fine)\b")

_WORDS_FIELD = {"people": "people_words", "camera": "camera_words", "loopable": "loop_words",
                "text_in_frame": "text_words"}
_DEFAULTS = {"people": "allowed", "camera": "any", "loopable": False, "text_in_frame": False}
_ARTICLES = r"^((a|an|the|le|la|les|l'|un|une|des|el|los|las|una|der|die|das|ein|eine|il|lo|gli|i) )+"


def _plain(text: str) -> str:
    """Text compared for quoting: HTML entities undone, lower case, quotes and dashes unified, one space."""
    text = normalise(html.unescape(text))
    text = re.sub(r"[\"“”«»„]", "", text)
    return " ".join(re.sub(r"\s*([,;:.!?])\s*", r"\1 ", text).split()).strip(" ,;:.!?'")


def grounded(words: str, idea: str) -> bool:
    """The quoted words are a substring of the brief (case, quote marks, spacing and a leading article aside:
    "a night guard" is grounded in "the night guard"); a paraphrase is not."""
    w, brief = _plain(words), _plain(idea)
    if len(w.replace(" ", "")) < 2:
        return False
    return w in brief or re.sub(_ARTICLES, "", w) in brief


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
    from agents.brief_lexicon_people import CREATURES
    from agents.brief_quote import head_noun, names_a_person

    # not a creature's ("a cat curls her tail")
    return claim.value == "none" and names_a_person(claim.words) and not re.fullmatch(
        CREATURES, head_noun(claim.words))


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
        if c is not None and c.status == "said" and (hint is None or hint == c.value):
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
            if total is None and 1 <= md <= 600 and grounded(dwords, idea) and duration_supported(dwords) \
                    and length_of_the_piece(dwords, idea):
                total, dsrc = float(md), f"model: {dwords!r}"
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
