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

from agents.brief_camera import described_moves, unread_move
from agents.brief_cues import (
    absent,
    camera_plain,
    cased,
    clause,
    empty_word,
    loop_is_a_thing,
    normalise,
    personne_nobody,
    pronoun_nobody,
    text_hint,
    text_sure,
)
from agents.brief_length import stated_duration
from agents.brief_lexicon import (
    BODY,
    BODY_NOT,
    CAMERA,
    CAMERA_NEG,
    CAMERA_SUBJECT,
    LOOP,
    LOOP_NEG,
    NEGATORS,
    NONE_STRONG,
    NONE_WEAK,
    NUM_WORDS,
    PERSON_ACTIONS,
    PERSON_NOUNS,
    QUOTED,
    STILL,
    TEXT,
    TEXT_CUES,
    TEXT_NEG,
    THING_NAMES,
)
from agents.brief_person import (
    agent_noun,
    crowd_role,
    doubtful_pronoun,
    mask,
    not_in_picture,
    onscreen_spans,
    opening_pronoun,
    person_signal,
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


def _negated_before(text: str, start: int, window: int = 4) -> bool:
    """A negator among the few words before `start`, in the same clause ("no barista", "without a driver")."""
    clause = re.split(r"[.,;:!?()\n]", text[max(0, start - 60):start])[-1]
    before = re.findall(r"[\w'-]+", clause)[-window:]
    return any(re.fullmatch(NEGATORS, w) for w in before)


def person_mentions(low: str, doubts: list[tuple[re.Match, str]] | None = None):
    """Every word naming a person in the picture: not negated ("no barista"), not possessive ("the baker's
    stall"), not a thing, a likeness, a voice, someone awaited or optional (:func:`agents.brief_person.
    not_in_picture`). Words left out because they may be a person after all ("people optional", "she" in a
    brief about a cat) are appended to `doubts` with the reason ("optional", "pronoun")."""
    masked = re.sub(BODY_NOT, lambda m: " " * len(m.group(0)), low)
    masked = re.sub(THING_NAMES, lambda m: " " * len(m.group(0)), masked)
    # a point of view ("first-person glide", "third person view", "POV: I walk in") is the camera, not a person
    masked = re.sub(r"\b(first|second|third)[- ]person\b", lambda m: " " * len(m.group(0)), masked)
    # a measurement ("30 feet") or a thing ("palm trees") is not a person
    for m in re.finditer(r"\b(" + PERSON_NOUNS + r"|" + BODY + r")\b", masked):
        word = m.group(0)
        after = masked[m.end():m.end() + 3]
        if (after.startswith(("'s", "s'")) or (word.endswith("s") and after.startswith("' "))) \
                and word not in ("someone", "somebody"):
            # "the baker's empty stall" is not a person in frame; "the chef's hands" is (a body part)
            if not re.match(r"'s ([\w-]+ )?(hands?|fingers?|face|arms?|feet|steps|legs?|eyes|lips|shoulders?|"
                            r"breath|silhouette)\b", masked[m.end():m.end() + 30]):
                continue
        if _negated_before(masked, m.start()):
            continue
        prev = re.findall(r"[\w'-]+", masked[max(0, m.start() - 20):m.start()])
        if prev and prev[-1] in ("for", "pour", "para", "für", "per"):  # "a spot for baristas": the audience
            continue
        if word in ("he", "she") and not re.match(r"\s+\w+", masked[m.end():]):
            continue
        why = not_in_picture(masked, m) or ("pronoun" if doubtful_pronoun(masked, m) else None)
        if why:
            if doubts is not None and why in ("optional", "pronoun"):
                doubts.append((m, why))
            continue
        yield m
    act = re.search(PERSON_ACTIONS, masked)
    if act:
        yield act


def person_mention(low: str) -> re.Match | None:
    """The first word naming a person that is not negated ("no barista") nor possessive ("the baker's stall")."""
    return next(person_mentions(low), None)


def _not_the_camera(move: str, m: re.Match, low: str) -> bool:
    """A named move that is a thing in the picture: "a handheld fan", "a photographer's tripod stands"."""
    after = low[m.end():m.end() + 25]
    if move == "handheld" and re.match(r"(hand[- ]?held)$", m.group(0)):
        nxt = re.match(r"\s+([\w-]+)", after)
        return bool(nxt) and not re.fullmatch(r"camera|cam|shot|shots|close-?ups?|closeup|pov|footage|style|look|feel|"
                                              r"tracking|follow\w*|take|frame|framing|documentary|camerawork|"
                                              r"movement|wide|medium|close|and|throughout|all|from|through|in|on|walk[\w-]*|"
                                              r"with|at|as|like|the|along|following|walk\w*|shooting|filming|"
                                              r"glide|travelling|traveling", nxt.group(1))
    head = re.split(r"[.;:!?\n()]|,\s", low[:m.start()])[-1]
    if move == "pan" and not re.match(r"(camera|slow|whip|lateral|horizontal|gentle|quick|lazy)\b", m.group(0)) and (
            re.search(r"\b(pots and|pots &|frying|sauce|copper|cast-iron|iron|steel|saut[eé]|gold|baking|roasting|"
                      r"cake|bread|dust|muffin|enamel|clay|non-stick)\s*$", head)
            or re.match(r" for gold", low[m.end():])):
        return True   # "copper pans over the stove", "gold panning"
    # a thing that zooms: "a motorbike zooms in and out of traffic"
    thing_zooms = re.match(r" and (in|out)\b", low[m.end():]) or (
        re.search(r"\b(?!(camera|lens|shot|then|and|slowly|gently|quickly|now)\b)[a-z]+\s+$", head)
        and not re.search(r"\b(camera|lens|shot)\b", head))
    if move in ("dolly_in", "dolly_out") and re.match(r"zoom(s|ing)\b", m.group(0)) and thing_zooms:
        return True
    # an intransitive move whose subject is a thing: "le chat s'approche lentement", "el perro avanza"
    if move in ("dolly_in", "dolly_out", "orbit") and not re.search(CAMERA_SUBJECT, m.group(0)) \
            and not re.search(CAMERA_SUBJECT, head) and re.fullmatch(
                r"s'approche\w*( lentement)?|s'éloigne|avanza|se acerca|se aleja|retrocede|si avvicina|si allontana|"
                r"nähert sich|entfernt sich|tourne autour|gira (alrededor|intorno)|umkreist|orbita|ruota intorno",
                m.group(0)) and re.search(r"\b(the|a|an|le|la|les|un|une|el|los|las|der|die|das|ein|eine|il|lo|gli|"
                                          r"una|l')\s*[\w'-]+", head):
        return True
    if move == "locked" and re.search(r"\b(telescope|easel|lamp|light|spotlight|cauldron|pot|kettle|theodolite|"
                                      r"microphone|mic|stool|table|brazier|flag|sign|binoculars)s?\b[^.;,]{0,12}$",
                                      low[max(0, m.start() - 40):m.start()]):
        return True       # "a telescope on a tripod"
    if move == "locked" and re.fullmatch(r"tripod|trépied|trípode|stativ", m.group(0)):
        if re.search(r"\b(locked([- ]off)?|static|fixed|steady)\s+$", low[max(0, m.start() - 20):m.start()]):
            return False  # "a locked tripod and make it rain": a tripod the camera is locked on, whatever follows
        return bool(re.match(r"\s+(stands?|sits?|lies|leans?|is|falls?|topples?|tips?|holds?|with|and|legs?)\b",
                             after)) or low[max(0, m.start() - 3):m.start()].endswith("'s ")
    return False


_CELESTIAL = r"(planets?|moons?|satellites?|electrons?|(the )?sun|(the )?earth|space station|comets?|asteroids?|stars?)"


def _celestial_orbit(low: str, m: re.Match) -> bool:
    """An orbit that a sky body makes or is the centre of ("the moon orbits the earth", "a satellite in orbit"),
    not a camera move near a word for the sun ("orbit the sundial as the sun climbs")."""
    if re.search(r"\bcamera\b", low[max(0, m.start() - 30):m.end() + 10]):
        return False
    before = low[max(0, m.start() - 30):m.start()]
    if re.search(r"\b" + _CELESTIAL + r"\s+(\w+\s+)?$", before) or re.match(
            r"\s+(a?round |about )?(the |a |an |its |their )?" + _CELESTIAL + r"\b", low[m.end():]):
        return True
    return bool(re.search(r"\b(in|into|out of) $", before) or m.group(0) == "orbital") and bool(
        re.search(r"\b" + _CELESTIAL + r"\b", clause(low, m.start(), m.end())))


def _camera_mentions(low: str) -> list[tuple[int, str, str]]:
    found = []
    for move, pat in CAMERA:
        for m in re.finditer(pat, low):
            neg_zone = low[max(0, m.start() - 25):m.start()]
            if re.search(CAMERA_NEG + r"[^.,;\n]*$", neg_zone):
                continue
            if move == "orbit" and _celestial_orbit(low, m):
                continue
            if _not_the_camera(move, m, low):
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
        # the quote is what is written: "taps out the line 'It was a dark night'", "writes 'Back soon'"
        if re.search(r"\b(typ\w+|taps? out|tapped out|tapping out|writ\w+|wrote|scrawl\w*|print\w*|spell\w*|"
                     r"chalk\w*|paint\w*|carv\w*|engrav\w*|stamp\w*|the (line|lines|words?|phrase|sentence|title|"
                     r"name|message|caption|letters))\b[^.;!?]{0,12}$", low[max(0, m.start() - 40):m.start()]):
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

    def sure(self, key: str, value: Any, words: str) -> None:
        self.values[key], self.words[key] = value, words
        self.hints.pop(key, None)

    def hint(self, key: str, value: Any, words: str) -> None:
        if key not in self.values:
            self.hints[key], self.hint_words[key] = value, words


def strong_start(low: str) -> int:
    m = re.search(NONE_STRONG, low)
    return m.start() if m else 0


def _people(low: str, r: RuleReading, said: str = "") -> None:
    doubts: list[tuple[re.Match, str]] = []
    present, gone = [], []
    for m in person_mentions(low, doubts):
        (gone if absent(low, m.start(), m.end()) else present).append(m)
    opening = opening_pronoun(low)
    if opening and not present:
        present.append(opening)
    signal = person_signal(low)
    maybe = [m.group(0) for m, why in doubts if why == "pronoun"] + ([signal] if signal else [])
    optional = [m.group(0) for m, why in doubts if why == "optional"]
    strong = _first(NONE_STRONG, low) or personne_nobody(low) or (pronoun_nobody(said) if len(said) == len(low)
                                                                  else None)
    if strong:
        tail = low[strong.end():strong.end() + 60]
        exc = re.match(r"[^.;]{0,25}?\b(but|except|save|apart from|other than|besides|only|just|excepto|salvo|menos|"
                       r"sauf|à part|außer|tranne|exceto)\b", tail)
        found = person_mention(tail[exc.end():]) if exc else None
        if found:  # "no one but the old fisherman", "no one around, only a jogger"
            r.sure("people", "required", found.group(0))
            return
        if exc and exc.group(1) in ("only", "just") and not signal:
            exc = None  # "no one at the bar, only glasses drying": things, not an exception among people
        if exc:  # "nobody but the night guard": somebody after all, whom the rules may not know
            r.notes.append(f"people: {low[strong.start():][:60]!r} names an exception; left to the reader")
            r.hint("people", "required", low[strong.start():strong.end() + exc.end()])
            return
        # someone named elsewhere in the brief ("a busker plays but nobody stops", "Elle … ne croise personne")
        others = [m.group(0) for m in present if not strong.start() <= m.start() < strong.end()] + maybe
        if others:
            r.notes.append(f"people: {strong.group(0)!r} and {others[0]!r} in one brief; left to the reader")
            r.hint("people", "required", others[0])
            return
        if optional or re.match(r"\s*(else|más|d'autre|sonst|altro|mais)\b", low[strong.end():strong.end() + 12]):
            r.hint("people", "none", strong.group(0))  # "nobody else there", "no people … people optional"
            return
        r.sure("people", "none", strong.group(0))
        return
    weak = next((m for m in re.finditer(NONE_WEAK, low)
                 if not m.group(0).startswith(("not a", "not one")) or re.search(r"\b(" + PERSON_NOUNS + r")\b",
                                                                                  m.group(0))
                 or agent_noun(re.match(r"not (?:a|one) (?:single )?([\w-]+)", m.group(0)).group(1))),  # type: ignore[union-attr]
                None)
    # an empty place or thing (not "no customers yet", which leaves the bartender there)
    empty = (weak if weak and not weak.group(0).startswith(("no ", "not ")) else None) or empty_word(low)
    busy = re.search(r"\b(crowded|bustling|thronged|teeming|packed with|busy (street|market|station|platform|"
                     r"square|café|cafe|bar|kitchen|restaurant)|rush hour|bondée?s?|abarrotad\w*|überfüllt\w*|"
                     r"affollat\w*|gremit\w*)\b", low)
    crowd = crowd_role(low)
    place_empty = weak if weak and not weak.group(0).startswith(("no ", "not ")) else None
    if present and not place_empty:  # "a barista fills an empty cup": the cup is empty, not the place
        r.sure("people", "required", present[0].group(0))
    elif present:  # a person in an empty place ("a waiter sets tables in an empty restaurant"): likely there
        r.hint("people", "required", present[0].group(0))
    elif maybe:  # "she" in a brief about a cat, "Ella camina por la playa vacía": likely someone
        r.hint("people", "required", maybe[0])
    elif weak and not gone and not optional:
        r.sure("people", "none", weak.group(0))
    elif optional:  # "a deserted boardwalk, maybe a few surfers"
        r.hint("people", "allowed", optional[0])
    elif empty:  # "the room where grandmother knitted stands empty", "the bottle is empty"
        r.hint("people", "none", empty.group(0))
    elif busy or crowd:  # "a crowded night market", "revellers dance": people, though none is named
        r.hint("people", "required", (busy or crowd).group(0).strip(" ,.;:!?\n"))  # type: ignore[union-attr]
    elif gone:  # "the desk where Grandpa used to write": not in the picture now
        r.hint("people", "allowed", clause(low, gone[0].start(), gone[0].end()).strip())


def _camera(low: str, r: RuleReading) -> None:
    moves = _camera_mentions(low)
    plain = camera_plain(low)
    if plain and plain[2] and not any(m == plain[0] for _, m, _ in moves):
        moves.append((low.find(plain[1]), plain[0], plain[1]))
    described = described_moves(low)
    moves += [(at, m, w) for at, m, w, sure in described if sure and not any(m == n for _, n, _ in moves)]
    hints = [(at, m, w) for at, m, w, sure in described if not sure]
    if plain and not plain[2]:
        hints.append((low.find(plain[1]), plain[0], plain[1]))
    distinct = {m for _, m, _ in moves}
    # a described move the rules are unsure of still counts against a sure one: two moves leave the choice
    several = distinct | {m for _, m, _ in hints if distinct}
    unread = unread_move(low, moves + hints) if len(several) == 1 else None
    if unread:  # "Static on the dancers, then pan off to the band": a second move the rules cannot name
        r.notes.append(f"the brief names a camera move the rules do not read ({unread!r}) besides "
                       f"{moves[0][2] if moves else hints[0][2]!r}: each shot's move is left to the planner")
        return
    if len(distinct) == 1 and len(several) == 1:
        r.sure("camera", moves[0][1], moves[0][2])
    elif len(several) > 1:
        found = sorted(moves + [h for h in hints if h[1] not in distinct])
        r.notes.append("the brief names several camera moves (" + ", ".join(f"{m} ({w!r})" for _, m, w in found)
                       + "): each shot's move is left to the planner")
    elif hints:
        r.hint("camera", hints[0][1], hints[0][2])
    if r.values.get("camera") == "locked" and re.search(STILL, low):
        r.sure("motion", "still", re.search(STILL, low).group(0))  # type: ignore[union-attr]


def _loop(low: str, r: RuleReading) -> None:
    neg_loop = _first(LOOP_NEG, low)
    loops = [m for m in re.finditer(LOOP, low)
             if not re.match(r"-the-loop|[- ](line|road|trail|track|route|knot|stitch)\b", low[m.end():m.end() + 9])
             and not low[max(0, m.start() - 5):m.start()].endswith("-the-") and not loop_is_a_thing(low, m)]
    if neg_loop:
        r.sure("loopable", False, neg_loop.group(0))
    elif loops:
        m = loops[0]
        before = re.findall(r"[\w'-]+", low[max(0, m.start() - 20):m.start()])
        if m.group(0) in ("loop", "loops") and before and before[-1] in ("its", "their", "his", "her", "the"):
            r.hint("loopable", True, m.group(0))  # "races through its loop", "the loop of the river": a thing
        else:
            r.sure("loopable", True, m.group(0))


def _text(idea: str, low: str, r: RuleReading) -> None:
    neg_text = _first(TEXT_NEG, low)
    text = next((m for m in re.finditer(TEXT, low) if not _negated_before(low, m.start(), 3)), None)
    said = text.group(0) if text else (_quoted_text(idea, low) or text_sure(idea, low))
    if said:
        r.sure("text_in_frame", True, said)
    elif neg_text:
        r.sure("text_in_frame", False, neg_text.group(0))
    else:
        hint = text_hint(idea, low)
        if hint:
            r.hint("text_in_frame", True, hint)


def rule_reading(idea: str) -> RuleReading:
    """The rules' reading of a brief (English plus French, Spanish, German, Italian, Portuguese cues)."""
    low = normalise(idea)
    r = RuleReading()
    said = cased(idea)
    spans = onscreen_spans(said) if len(said) == len(low) else []
    plain = mask(low, spans)  # the sign's own words ("a sign reading 'NOBODY HOME'") are not the brief's
    _people(plain, r, mask(said, spans) if len(said) == len(low) else "")
    _camera(plain, r)
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
