"""What the brief states explicitly, and making sure every shot keeps it.

A small model may write ``people: "allowed"`` for "an empty bedroom at night". The words a
person typed are the contract: empty / nobody / no people, locked-off or tripod, a loop,
words on a screen, a named camera move. They are read here with plain patterns and
forced onto every shot's expectations after the model answers, whatever it wrote.
"""

from __future__ import annotations

import re
import unicodedata

from nightreel.errors import InputError
from nightreel.schema import Shot

__all__ = ["clean_idea", "explicit_expectations", "enforce_brief"]

_PLACES = (r"room|bedroom|living room|kitchen|bathroom|hallway|corridor|stairwell|attic|basement|garage|office|"
           r"house|home|apartment|flat|studio|library|cafe|café|coffee shop|diner|bar|restaurant|shop|store|"
           r"market|mall|church|chapel|hall|classroom|school|warehouse|factory|parking lot|car park|street|streets|"
           r"road|alley|square|plaza|station|platform|train|subway|bus|airport|terminal|lobby|hotel|motel|gym|"
           r"pool|stadium|arena|theater|theatre|stage|cinema|beach|park|playground|field|forest|city|town|"
           r"village|bridge|office|space|set|scene|world|landscape|desert|building|room")
# "empty" only counts for a place ("an empty cafe"), not for a thing ("an empty cup")
_PEOPLE_NONE = (r"\b(nobody|no[- ]one|no people|no person|no humans?|unoccupied|uninhabited|"
                r"without (any )?(people|person|anyone)|(empty|deserted)( \w+){0,2} (" + _PLACES + r"))\b")
_CAMERA = [
    ("locked", r"\b(locked[- ]off|locked camera|locked[- ]down|tripod|static camera|fixed camera|no camera (move|movement))\b"),
    ("dolly_in", r"\b(dolly[- ]in|push[- ]in|pushes in|pushing in|slow push|dolly forward|creeps? (in|forward)|zooms? in)\b"),
    ("dolly_out", r"\b(dolly[- ]out|pull[- ]back|pulls back|pull[- ]out|pulls out|dolly back|zooms? out)\b"),
    ("orbit", r"\b(orbit|orbits|orbiting|arc(s|ing)? around|circles? around)\b"),
    # "pan" the camera move, not "heats milk in a pan"
    ("pan", r"\b(pans?|panning) (across|over|left|right|along|up|down|to|from|past)\b|\b(slow|whip|camera) pans?\b|\bpanning\b"),
    ("handheld", r"\b(hand[- ]?held|shaky cam)\b"),
]
_LOOP = r"\b(loop|loops|looping|loopable|seamless(ly)? loop\w*|cinemagraph)\b"
# words meant to be read on screen: "the words X on the screen", "a sign that reads 'OPEN'", a title card
_TEXT = (r"(\b(words?|text|title|caption|headline|lettering|slogan|tagline)\b.{0,40}\b(on|across) (a |the )?"
         r"(screen|monitor|sign|display|wall|card)\b|\b(on-?screen text|title card|text overlay)\b|"
         r"\b(reads|says|saying|spells?( out)?)\s*[:\"'“‘][^\"'”’]+|\"[^\"]+\" on)")
_STILL = r"\b(still life|motionless|frozen moment)\b"


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


def explicit_expectations(idea: str) -> dict:
    """The expectations the idea states in so many words (only those)."""
    low = idea.lower()
    out: dict = {}
    if re.search(_PEOPLE_NONE, low):
        out["people"] = "none"
    for move, pat in _CAMERA:
        if re.search(pat, low):
            out["camera"] = move
            break
    if out.get("camera") == "locked" and re.search(_STILL, low):
        out["motion"] = "still"
    if re.search(_LOOP, low):
        out["loopable"] = True
    if re.search(_TEXT, low):
        out["text_in_frame"] = True
    return out


def enforce_brief(shot: Shot, explicit: dict) -> tuple[Shot, list[str]]:
    """Force what the brief stated onto the shot's expectations; say what was corrected."""
    exp = shot.expectations
    fixes = [f"expectations.{k}: model wrote {getattr(exp, k)!r}, the brief says {v!r}"
             for k, v in explicit.items() if getattr(exp, k) != v]
    if not fixes:
        return shot, []
    new_exp = exp.model_copy(update=explicit)
    return shot.model_copy(update={"expectations": new_exp, "lint": [*shot.lint, *fixes]}), fixes
