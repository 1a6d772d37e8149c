"""The brief's rules: plain patterns over the words a person typed, and keeping what they state on every shot.

In English and the common European languages: nobody / no one / "without a soul in sight" / an empty place;
a person named by a role, an occupation, a pronoun or a body part ("hands pour"); words meant to be read on
screen (quoted strings near a sign or screen, "the words", "a sign saying", title cards, subtitles); a named
camera move; a loop; the length of the whole spot. What the rules match is the guarantee: it is forced onto
every shot whatever a model writes (:func:`enforce_brief`, :func:`apply_explicit`). The model's reading and
the merge of the two are in :mod:`agents.brief`; the people and camera fields are read in
:mod:`agents.brief_rules_people` and :mod:`agents.brief_rules_camera`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from agents.brief_cues import cased, loop_is_a_thing, normalise
from agents.brief_length import stated_duration
from agents.brief_lexicon_people import CREATURES, PERSON_NOUNS
from agents.brief_lexicon_shot import (
    GIF_NOT_LOOPING,
    LOOP,
    LOOP_ENDING,
    LOOP_NEG,
    LOOP_SAID,
    LOOP_SUBJECT,
    LOOP_UNSEEN,
    NUM_WORDS,
)
from agents.brief_lexicon_text import (
    NOT_LEGIBLE,
    NOTHING_LEGIBLE,
    QUOTED,
    TEXT,
    TEXT_CUES,
    TEXT_NEG,
    WRITTEN_AFTER,
    WRITTEN_BEFORE,
)
from agents.brief_negation import denied_after, denies_itself
from agents.brief_rules_camera import read_camera
from agents.brief_rules_people import (
    negated_before,
    person_mention,
    person_mentions,
    read_people,
)
from agents.brief_text_cues import (
    mask,
    negated_seen,
    onscreen_spans,
    text_hint,
    text_sure,
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
    "person_mentions",
    "rule_reading",
    "stated_duration",
]

EXPECTATION_FIELDS = ("people", "camera", "loopable", "text_in_frame")


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


# --------------------------------------------------------------------------------------------------
# the rules
# --------------------------------------------------------------------------------------------------

def _first(pattern: str, text: str) -> re.Match | None:
    return re.search(pattern, text)


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
        # the quote is what is written: "taps out the line 'It was a dark night'", "piped with 'Happy 30th'"
        if re.search(WRITTEN_BEFORE, low[max(0, m.start() - 40):m.start()]) or re.match(
                WRITTEN_AFTER, low[m.end():m.end() + 40]):
            return m.group(0).strip()
    return None


@dataclass
class RuleReading:
    """What the rules read, field by field, with the words that fired.

    ``values`` are sure (forced onto every shot, whatever a model says); ``hints`` are likely readings the rules
    are not sure of (a person named in a now-empty place, a menu that may carry words, "perfectly still" without
    the camera as subject): the model's reading decides, and a second look where the two differ.
    """

    values: dict[str, Any] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    total_duration_s: float | None = None
    duration_words: str = ""
    notes: list[str] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)
    hint_words: dict[str, str] = field(default_factory=dict)
    # nouns that read as a person only by their ending, heading a noun phrase in the picture ("ein Glockengießer
    # gießt", "the crane operator visible in his cab"): the model is asked what kind of thing each names
    roles: list[str] = field(default_factory=list)
    # a denial of a noun read as someone only by its shape ("ni un jornalero", "nessun vendemmiatore"), with its noun:
    # where nothing else names people, the model is asked the noun's kind, and a person denied is nobody
    denied: list[tuple[str, str]] = field(default_factory=list)

    def sure(self, key: str, value: Any, words: str) -> None:
        self.values[key], self.words[key] = value, words
        self.hints.pop(key, None)

    def hint(self, key: str, value: Any, words: str) -> None:
        if key not in self.values:
            self.hints[key], self.hint_words[key] = value, words


def _loop(low: str, r: RuleReading) -> None:
    neg_loop = _first(LOOP_NEG, low)
    loops = [m for m in re.finditer(LOOP, low)
             if not re.match(r"-\w{1,4}-loops?\b|[- ](line|road|trail|track|route|knot|stitch)\b", low[m.end():m.end() + 12])
             and not re.search(r"loops?-\w{1,4}-$", low[max(0, m.start() - 12):m.start()])
             and not loop_is_a_thing(low, m)]   # a flight figure: "loop-the-loop", "a loop-de-loop"
    # a loop denied where the loop-negation patterns do not reach ("Loop? No.", "Niente loop", "it shouldn't loop")
    denied = [m for m in loops if denied_after(low, m.end()) or (
        re.match(r"(loops?|boucle|bucle|schleife|gifs?)\b", m.group(0)) and negated_before(low, m.start(), 4))
        or (m.group(0).startswith("gif") and re.search(GIF_NOT_LOOPING, low))]
    if denied and not neg_loop:
        r.notes.append(f"loopable: {denied[0].group(0)!r} is denied in its note; left to the reader")
        return
    said = _loop_said(low)
    if said and not loops and not neg_loop:
        r.sure("loopable", True, said.group(0))
    elif neg_loop:
        r.sure("loopable", False, neg_loop.group(0))
    elif loops:
        m = loops[0]
        before = re.findall(r"[\w'-]+", low[max(0, m.start() - 20):m.start()])
        if m.group(0) in ("loop", "loops") and before and before[-1] in ("its", "their", "his", "her") and re.match(
                r"\s+(a?round|through|along|of|in|on)\b", low[m.end():]):
            return  # "finishes her loop around the park": a path someone takes
        if m.group(0) in ("loop", "loops") and before and before[-1] in ("its", "their", "his", "her", "the"):
            r.hint("loopable", True, m.group(0))  # "races through its loop", "the loop of the river": a thing
        else:
            r.sure("loopable", True, m.group(0))


def _loop_said(low: str) -> re.Match | None:
    """A loop said without a loop word, whose subject is the clip ("the video ends exactly where it began", "a clip
    that cycles endlessly") or which opens its clause as a note ("Repeating forever with no visible seam")."""
    unseen = re.search(LOOP_ENDING, low) or re.search(LOOP_UNSEEN, low)
    if unseen:  # its ending flows into its start, or it starts over with no cut anyone sees
        return unseen
    for m in re.finditer(LOOP_SAID, low):
        head = re.split(r"[.;:!?\n()]|,\s|\s-\s", low[:m.start()])[-1].strip()
        words = re.findall(r"[\w'-]+", head)
        if not words or re.search(r"\b" + LOOP_SUBJECT + r"(\s+\w+ly)?(\s+(just|simply|also|then))?\s*$", head) or (
                re.fullmatch(r"(the|le|la|el|il|lo|das|der|die|l')", words[0]) and len(words) == 2
                and re.fullmatch(LOOP_SUBJECT, words[1])):
            return m
    return None


def _unreadable_sentences(low: str) -> list[tuple[int, int]]:
    """The sentences that say their words must not be readable ("the handwriting must not be legible")."""
    spans = []
    for m in re.finditer(NOT_LEGIBLE, low):
        starts = [i.end() for i in re.finditer(r"[.;!?\n]", low[:m.start()])]
        end = re.search(r"[.;!?\n]", low[m.end():])
        spans.append((starts[-1] if starts else 0, m.end() + end.start() if end else len(low)))
    for m in re.finditer(NOTHING_LEGIBLE, low):  # "nothing legible on the tags": that clause only
        starts = [i.end() for i in re.finditer(r"[.;:!?\n(]|,\s|\s-\s", low[:m.start()])]
        end = re.search(r"[.;:!?\n)]|,\s|\s-\s", low[m.end():])
        spans.append((starts[-1] if starts else 0, m.end() + end.start() if end else len(low)))
    return spans


# words that name the piece or its post rather than words in the frame: "Project title 'Harbour'", "working title",
# "Caption for Instagram: …", "call it 'Blue Hour'", "titre du projet", "Arbeitstitel", "título provisional"
_NAME_OF_THE_PIECE = (r"\b((project|working|file|folder|video|clip|post|reel)[ -](title|name)|(caption|title|hashtag)s? "
                      r"for (the |my |an? |our )?(instagram|post|tiktok|youtube|upload|video|reel|feed)|call it|name it|"
                      r"titre (du projet|provisoire)|arbeitstitel|projekttitel|título (provisional|del proyecto)|"
                      r"titolo (provvisorio|del progetto))\b")


def _text(idea: str, low: str, r: RuleReading) -> None:
    unreadable = _unreadable_sentences(low)
    not_legible = re.search(NOT_LEGIBLE, low) or re.search(NOTHING_LEGIBLE, low)
    if unreadable:  # the words of these sentences are not to be read; the rest of the brief may still ask for some
        kept = "".join(" " * (e - s) if (s, e) in unreadable else low[s:e] for s, e in _cuts(low, unreadable))
        idea = "".join(" " * (e - s) if (s, e) in unreadable else idea[s:e] for s, e in _cuts(low, unreadable)) \
            if len(idea) == len(low) else kept
        low = kept
    neg_text = _first(TEXT_NEG, low)
    text = next((m for m in re.finditer(TEXT, low) if not negated_before(low, m.start(), 3)
                 and not negated_seen(low, m.start()) and not denied_after(low, m.end(), later=True)
                 and not denies_itself(m.group(0))
                 and not (neg_text and neg_text.start() <= m.start() < neg_text.end())), None)
    said = text.group(0) if text else (_quoted_text(idea, low) or text_sure(idea, low))
    at = low.find(said.lower()) if said else -1
    if said and not text and (denies_itself(said.lower()) or at >= 0 and denied_after(low, at + len(said), later=True)):
        r.notes.append(f"text_in_frame: {said!r} is denied in its note; left to the reader")
        return  # "the words 'Still Water' never appear"
    if unreadable and not said:
        r.sure("text_in_frame", False, not_legible.group(0) if not_legible else "")
        return
    if said and neg_text and not text:
        # words to read and a denial of words in one brief ("Working title 'Tides': …, no text on screen"): one of the
        # two is not what it seems; the reader decides
        r.notes.append(f"text_in_frame: {said!r} and {neg_text.group(0)!r} in one brief; left to the reader")
        return
    if said and at >= 0 and re.search(_NAME_OF_THE_PIECE, low[max(0, at - 40):at + len(said) + 25]):
        r.notes.append(f"text_in_frame: {said!r} names the piece or its post, not words in the frame; left to the reader")
        return  # "Project title 'Harbour'", "Caption for Instagram: 'calm'"
    if said and at >= 0 and re.match(r"(says|said|dit|dice|sagt|diz)\b", said.lower()) and re.search(
            r"\b(" + PERSON_NOUNS + "|" + CREATURES + r"|he|she|they|radio|voice|announcer|loudspeaker|speaker|"
            r"narrator|voice-?over|tannoy|phone|il|elle|él|ella|er|sie|lui|lei)\s+$", low[max(0, at - 30):at]):
        r.notes.append(f"text_in_frame: {said!r} is said by someone or something, not written; left to the reader")
        return  # "a parrot says 'hello'", "the radio says 'rain tonight'"
    if said:
        r.sure("text_in_frame", True, said)
    elif neg_text:
        r.sure("text_in_frame", False, neg_text.group(0))
    else:
        hint = text_hint(idea, low)
        if hint:
            r.hint("text_in_frame", True, hint)


def _cuts(low: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``low`` cut at the spans' ends: the spans and the stretches between them, in order."""
    out, at = [], 0
    for s, e in sorted(spans):
        if s > at:
            out.append((at, s))
        if e > max(s, at):
            out.append((max(s, at), e) if max(s, at) == s else (s, e))
        at = max(at, e)
    if at < len(low):
        out.append((at, len(low)))
    return out


def rule_reading(idea: str) -> RuleReading:
    """The rules' reading of a brief (English plus French, Spanish, German, Italian, Portuguese cues)."""
    low = normalise(idea)
    r = RuleReading()
    said = cased(idea)
    spans = onscreen_spans(said) if len(said) == len(low) else []
    plain = mask(low, spans)  # the sign's own words ("a sign reading 'NOBODY HOME'") are not the brief's
    read_people(plain, r, mask(said, spans) if len(said) == len(low) else "")
    # a loop's ending ("the last frame flows straight back into the first") is no camera move
    read_camera(mask(plain, [m.span() for m in re.finditer(LOOP_ENDING, plain)]), r)
    _loop(plain, r)
    _text(idea, low, r)
    dur = stated_duration(mask(said, spans) if spans else idea)
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
