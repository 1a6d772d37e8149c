"""The brief's rules: plain patterns over the words a person typed, and keeping what they state on every shot.

In English and the common European languages: nobody / no one / "without a soul in sight" / an empty place;
a person named by a role, an occupation, a pronoun or a body part ("hands pour"); words meant to be read on
screen (quoted strings near a sign or screen, "the words", "a sign saying", title cards, subtitles); a named
camera move; a loop; the length of the whole spot. What the rules match is the guarantee: it is forced onto
every shot whatever a model writes (:func:`enforce_brief`, :func:`apply_explicit`). The model's reading and
the merge of the two are in :mod:`agents.brief`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from agents.brief_lexicon import (
    BODY,
    BODY_NOT,
    CAMERA,
    CAMERA_NEG,
    LOOP,
    LOOP_NEG,
    MIN,
    NEGATORS,
    NONE_STRONG,
    NONE_WEAK,
    NUM,
    NUM_WORDS,
    PER_SHOT,
    PERSON_ACTIONS,
    PERSON_NOUNS,
    QUOTED,
    SEC,
    STILL,
    TEXT,
    TEXT_CUES,
    TEXT_NEG,
    WHOLE,
)
from nightreel.errors import InputError
from nightreel.schema import Shot

__all__ = [
    "CAMERA_TEXT",
    "EXPECTATION_FIELDS",
    "NUM_WORDS",
    "RuleReading",
    "apply_explicit",
    "clean_idea",
    "enforce_brief",
    "explicit_expectations",
    "normalise",
    "person_mention",
    "rule_reading",
    "stated_duration",
]

EXPECTATION_FIELDS = ("people", "camera", "loopable", "text_in_frame")

def _num(tok: str) -> float | None:
    tok = tok.strip().lower()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", tok):
        return float(tok.replace(",", "."))
    return float(NUM_WORDS[tok]) if tok in NUM_WORDS else None


# --------------------------------------------------------------------------------------------------
# the idea as text
# --------------------------------------------------------------------------------------------------

def clean_idea(idea: str | bytes, max_chars: int = 4000) -> str:
    """The idea as text we can send, or an InputError that says what to change."""
    if isinstance(idea, bytes):
        try:
            idea = idea.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"the idea is not valid UTF-8 (byte {e.start}); save it as UTF-8 text") from None
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in idea):  # undecodable argv bytes (surrogateescape)
        raise InputError("the idea contains bytes that are not valid UTF-8; retype it or save it as UTF-8 text")
    idea = unicodedata.normalize("NFC", idea)
    idea = "".join(ch for ch in idea if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()
    if not idea:
        raise InputError("the idea is empty: say what the video is about, e.g. 'eight-second spot for a coffee, night atmosphere'")
    if len(idea) > max_chars:
        raise InputError(
            f"the idea is {len(idea):,} characters; the planner takes at most {max_chars:,}. "
            "Keep the brief to a few lines (put reference material in a note for `nightreel night`)."
        )
    return idea


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", " - ")


# --------------------------------------------------------------------------------------------------
# the rules
# --------------------------------------------------------------------------------------------------

def _first(pattern: str, text: str) -> re.Match | None:
    return re.search(pattern, text)


def _negated_before(text: str, start: int, window: int = 4) -> bool:
    """A negator among the few words before `start`, in the same clause ("no barista", "without a driver")."""
    clause = re.split(r"[.,;:!?()\n]", text[max(0, start - 60):start])[-1]
    before = re.findall(r"[\w'-]+", clause)[-window:]
    return any(re.fullmatch(NEGATORS, w) for w in before)


def person_mention(low: str) -> re.Match | None:
    """The first word naming a person that is not negated ("no barista") nor possessive ("the baker's stall")."""
    masked = re.sub(BODY_NOT, lambda m: " " * len(m.group(0)), low)
    # a point of view ("first-person glide", "third person view") is the camera, not a person in frame
    masked = re.sub(r"\b(first|second|third)[- ]person\b", lambda m: " " * len(m.group(0)), masked)
    # a measurement ("30 feet") or a thing ("palm trees") is not a person
    for m in re.finditer(r"\b(" + PERSON_NOUNS + r"|" + BODY + r")\b", masked):
        word = m.group(0)
        after = masked[m.end():m.end() + 3]
        if after.startswith(("'s", "s'")) and word not in ("someone", "somebody"):
            # "the baker's empty stall" is not a person in frame; "the chef's hands" is (a body part)
            if not re.match(r"'s (hands?|fingers?|face|arms?|feet)\b", masked[m.end():m.end() + 12]):
                continue
        if _negated_before(masked, m.start()):
            continue
        prev = re.findall(r"[\w'-]+", masked[max(0, m.start() - 20):m.start()])
        if prev and prev[-1] in ("for", "pour", "para", "für", "per"):  # "a spot for baristas": the audience
            continue
        if word in ("he", "she") and not re.match(r"\s+\w+", masked[m.end():]):
            continue
        return m
    act = re.search(PERSON_ACTIONS, masked)
    return act


def _camera_mentions(low: str) -> list[tuple[int, str, str]]:
    found = []
    for move, pat in CAMERA:
        for m in re.finditer(pat, low):
            neg_zone = low[max(0, m.start() - 25):m.start()]
            if re.search(CAMERA_NEG + r"[^.,;]*$", neg_zone):
                continue
            if move == "orbit" and re.search(r"\b(planets?|moons?|satellites?|electrons?|the sun|the earth|"
                                             r"space station)\b", low[max(0, m.start() - 40):m.end() + 40]) \
                    and not re.search(r"\bcamera\b", low[max(0, m.start() - 30):m.end() + 10]):
                continue
            found.append((m.start(), move, m.group(0)))
            break
    return sorted(found)


def _quoted_text(idea: str, low: str) -> str | None:
    """A quoted string meant to be read on screen: a quote with a sign/screen/title word in its sentence."""
    for m in re.finditer(QUOTED, idea):
        sentence_start = max(low.rfind(".", 0, m.start()), low.rfind(";", 0, m.start()), 0)
        sentence_end = [i for i in (low.find(".", m.end()), low.find(";", m.end())) if i >= 0]
        sentence = low[sentence_start:min(sentence_end) if sentence_end else len(low)]
        if re.search(r"\b(" + TEXT_CUES + r")s?\b", sentence):
            return m.group(0).strip()
        if re.search(r"\b(appear\w*|fad\w+ in|flash\w*|light\w* up|pops? up|popping up|comes? up|typ\w+|"
                     r"scroll\w*|writ\w+ itself|spell\w* out)\b", low[m.end():m.end() + 30]):
            return m.group(0).strip()
    return None


def stated_duration(idea: str) -> tuple[float, str] | None:
    """The length of the whole piece when the brief states it ("an eight-second spot", "30 s in total")."""
    low = normalise(idea)
    half = re.search(r"\b(half a minute|a half[- ]minute|demi-minute|medio minuto|halbe minute)\b", low)
    if half:
        return 30.0, idea[half.start():half.end()]
    whole_min = re.search(r"\b(a|one)[- ]minute[- ](\w+[- ]){0,2}?" + WHOLE + r"\b", low)
    if whole_min:
        return 60.0, idea[whole_min.start():whole_min.end()]
    pats = [
        # "eight-second spot", "a 30 s film", "15-second loop", "10 seconds long"
        NUM + r"[- ]?(and a half[- ])?" + SEC + r"[- ]" + r"(\w+[- ]){0,3}?" + WHOLE + r"\b",
        NUM + r"[- ]?" + MIN + r"[- ](\w+[- ]){0,3}?" + WHOLE + r"\b",
        r"\b" + WHOLE + r" (of|lasting|running|de|von|di) (about |around |exactly |roughly )?" + NUM + r"[- ]?" +
        r"(" + SEC + r"|" + MIN + r")\b",
        r"\b(lasts?|runs?|runtime|running time|duration|length|durée|duración|dauer|länge|durata|dura)"
        r"( of| is|:| de| von| di)? (about |around |exactly |roughly |only |just )?" + NUM + r"[- ]?(" + SEC + "|" +
        MIN + r")\b",
        r"\b(in total|in all|insgesamt|au total|en total|in totale|total of) " + NUM + r"[- ]?(" + SEC + "|" + MIN + r")\b",
        r"\b" + NUM + r"[- ]?(" + SEC + "|" + MIN + r") (in total|total|in all|overall|altogether|long|en total|"
        r"au total|insgesamt|in totale)\b",
        r"^\s*" + NUM + r"[- ]?(" + SEC + "|" + MIN + r")\s*[:,-]",
        # "a coffee spot, 20 seconds." — a bare length as its own clause
        r"(^|[,;:(\u2014-]\s*)" + NUM + r"[- ]?(" + SEC + "|" + MIN + r")\s*([.,;:)!]|$)",
    ]
    for pat in pats:
        for m in re.finditer(pat, low):
            span = low[max(0, m.start() - 25):m.end() + 25]
            if re.search(PER_SHOT, span) and not re.search(r"\b(in total|total|overall|in all|au total|insgesamt)\b", span):
                continue
            nums = re.findall(NUM, m.group(0))
            val = next((v for v in (_num(n if isinstance(n, str) else n[0]) for n in nums) if v is not None), None)
            if val is None:
                continue
            if re.search(r"and a half", m.group(0)):
                val += 0.5
            if re.search(MIN, m.group(0)) and not re.search(r"\b" + SEC + r"\b", m.group(0)):
                val *= 60
            if 1 <= val <= 600:
                return val, idea[m.start():m.end()].strip()
    return None


@dataclass
class RuleReading:
    """What the rules read, field by field, with the words that fired."""

    values: dict[str, Any] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    total_duration_s: float | None = None
    duration_words: str = ""
    notes: list[str] = field(default_factory=list)


def strong_start(low: str) -> int:
    m = re.search(NONE_STRONG, low)
    return m.start() if m else 0


def rule_reading(idea: str) -> RuleReading:
    """The rules' reading of a brief (English plus French, Spanish, German, Italian, Portuguese cues)."""
    low = normalise(idea)
    r = RuleReading()
    strong = _first(NONE_STRONG, low)
    if strong:
        tail = low[strong.end():strong.end() + 60]
        exc = re.match(r"[^.;]{0,25}?\b(but|except|save|apart from|other than|besides|only|just|excepto|salvo|menos|"
                       r"sauf|à part|außer|tranne|exceto)\b", tail)
        found = person_mention(tail[exc.end():]) if exc else None
        if found:  # "no one but the old fisherman", "no one around, only a jogger"
            r.values["people"], r.words["people"] = "required", found.group(0)
        if exc and exc.group(1) in ("only", "just") and not found:
            exc = None  # "no one at the bar, only glasses drying": things, not an exception among people
        if exc:  # "nobody but the night guard": somebody after all, whom the rules may not know
            strong = None
            r.notes.append(f"people: {low[strong_start(low):][:60]!r} names an exception; left to the reader")
    weak = next((m for m in re.finditer(NONE_WEAK, low)
                 if not m.group(0).startswith("not a") or re.search(r"\b(" + PERSON_NOUNS + r")\b", m.group(0))),
                None)
    person = person_mention(low)
    if "people" not in r.values:
        if strong:
            r.values["people"], r.words["people"] = "none", strong.group(0)
        elif person:
            r.values["people"], r.words["people"] = "required", person.group(0)
        elif weak:
            r.values["people"], r.words["people"] = "none", weak.group(0)
    moves = _camera_mentions(low)
    distinct = {m for _, m, _ in moves}
    if len(distinct) == 1:
        r.values["camera"], r.words["camera"] = moves[0][1], moves[0][2]
    elif len(distinct) > 1:
        r.notes.append("the brief names several camera moves (" + ", ".join(f"{m} ({w!r})" for _, m, w in moves)
                       + "): each shot's move is left to the planner")
    if r.values.get("camera") == "locked" and re.search(STILL, low):
        r.values["motion"], r.words["motion"] = "still", re.search(STILL, low).group(0)  # type: ignore[union-attr]
    neg_loop = _first(LOOP_NEG, low)
    loop = _first(LOOP, low)
    if neg_loop:
        r.values["loopable"], r.words["loopable"] = False, neg_loop.group(0)
    elif loop:
        r.values["loopable"], r.words["loopable"] = True, loop.group(0)
    neg_text = _first(TEXT_NEG, low)
    text = next((m for m in re.finditer(TEXT, low) if not _negated_before(low, m.start(), 3)), None)
    quoted = _quoted_text(idea, low)
    if text:
        r.values["text_in_frame"], r.words["text_in_frame"] = True, text.group(0)
    elif quoted:
        r.values["text_in_frame"], r.words["text_in_frame"] = True, quoted
    elif neg_text:
        r.values["text_in_frame"], r.words["text_in_frame"] = False, neg_text.group(0)
    dur = stated_duration(idea)
    if dur:
        r.total_duration_s, r.duration_words = dur
    return r


def explicit_expectations(idea: str) -> dict:
    """The expectations the rules read in the idea (only those): the guarantee forced onto every shot."""
    return dict(rule_reading(idea).values)


def enforce_brief(shot: Shot, explicit: dict) -> tuple[Shot, list[str]]:
    """Force what the brief stated onto the shot's expectations; say what was corrected."""
    exp = shot.expectations
    fixes = [f"expectations.{k}: model wrote {getattr(exp, k)!r}, the brief says {v!r}"
             for k, v in explicit.items() if getattr(exp, k) != v]
    if not fixes:
        return shot, []
    new_exp = exp.model_copy(update=explicit)
    return shot.model_copy(update={"expectations": new_exp, "lint": [*shot.lint, *fixes]}), fixes


#: the camera line a shot gets when the person names the move
CAMERA_TEXT = {"locked": "locked-off tripod, no camera movement", "dolly_in": "slow dolly in",
               "dolly_out": "slow dolly out", "pan": "slow pan", "orbit": "slow orbit around the subject",
               "handheld": "handheld, gentle natural sway"}


def apply_explicit(shot: Shot, explicit: dict) -> Shot:
    """What the person stated, on one shot: its expectations forced, and the camera line when a move is named."""
    shot, _ = enforce_brief(shot, explicit)
    if explicit.get("camera") in CAMERA_TEXT:
        shot = shot.model_copy(update={"camera": CAMERA_TEXT[explicit["camera"]]})
    return shot
