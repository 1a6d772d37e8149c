"""Seeded lessons and the lint that applies them to every shot.

A lesson that carries a ``check`` names one of the rules in :data:`RULES`; the rule
reads the lesson's ``words`` (its machine-checkable trigger), so adding words to an
approved lesson changes what the lint catches without touching code. Every rule
returns the shot it changed and one line per change, so the storyboard can say what
the lint did and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from memory.empty_shot import without_people_clauses
from nightreel.schema import Lesson, Shot
from prompts import WAN_NEGATIVE

__all__ = [
    "EMPTY_CLOSE",
    "EMPTY_OPEN",
    "FAMILIES",
    "LEARNED_REWRITES",
    "RULES",
    "Family",
    "LintResult",
    "empty_opener",
    "family_of",
    "find_words",
    "learned_rewrite",
    "lesson_in_scope",
    "lint_shot",
    "lint_storyboard_shots",
    "seed_lessons",
    "written_by",
]

EMPTY_OPEN = "Empty room, no people visible anywhere."
# out of doors the opener names the place ("Empty bus stop, no people visible anywhere."): "room" would ask
# the video model for four walls
_OUTDOOR_PLACES = ("bus stop", "tram stop", "street", "road", "alley", "avenue", "boulevard", "square", "plaza",
                   "bridge", "pier", "harbour", "harbor", "quay", "dock", "beach", "shore", "coast", "cliff",
                   "park", "garden", "courtyard", "playground", "field", "meadow", "forest", "wood", "desert",
                   "mountain", "valley", "lake", "river", "canal", "rooftop", "car park", "parking lot",
                   "highway", "motorway", "platform", "station", "market", "skyline", "city", "town", "village")
_LENS_TERMS = re.compile(r"\b(?:depth of field|field of view|field of depth|depth-of-field)\b")
_EMPTY_OPEN_RE = re.compile(r"^empty [\w' -]{2,24}, no people visible anywhere\.", re.IGNORECASE)
_EMPTY_OPEN_ANY = re.compile(r"(?:(?<=^)|(?<=[.!?] ))(?:an? |the )?empty [\w' -]{2,24}, no people visible anywhere\.", re.IGNORECASE)
_QUOTED = re.compile(r"(?<![\w'])'([^'\n]{1,80})'(?![\w'])|\"([^\"\n]{1,80})\"|“([^”\n]{1,80})”|‘([^’\n]{1,80})’")
EMPTY_CLOSE = "No person ever appears in frame."
_EMPTY_CLOSE_ANY = re.compile(re.escape(EMPTY_CLOSE), re.IGNORECASE)
PEOPLE_NEGATIVES = "person, people, man, woman, human figure, silhouette, hands, feet"
TEXT_NEGATIVES = "text, letters, subtitles, captions, watermark, logo"
DARK_SCREEN = "Any screen stays dark and blank, with no legible text."
SYMMETRIC_MOTION = "Symmetric motion: gentle drifting and swaying that returns to where it began."

# gait word -> camera mechanics that give the same sense of forward movement without a body
_GAIT_REWRITES = {
    "walking pace": "slow steady glide",
    "footsteps": "3 slow gentle dips of the camera",
    "footstep": "a gentle dip of the camera",
    "strides": "smooth dolly moves",
    "stride": "smooth dolly move",
    "striding": "gliding",
    "walking": "a slow Steadicam glide",
    "walks": "glides",
    "walked": "glided",
    "walk": "glide",
    "pacing": "drifting",
    "pace": "speed",
    "gait": "gentle camera bob",
    "stepping": "gliding",
    "steps": "dips",
    "step": "dip",
    "strolling": "gliding",
    "stroll": "glide",
    "wandering": "drifting",
    "wander": "drift",
}


# one-way camera moves -> motion that returns to where it began (a loop cannot jump at its seam)
_LOOP_REWRITES = {
    "dolly in": "gentle swaying drift",
    "dolly out": "gentle swaying drift",
    "push in": "slow breathing drift",
    "pull out": "slow breathing drift",
    "zoom in": "gentle back-and-forth drift",
    "zoom out": "gentle back-and-forth drift",
    "pan left": "slow sway left and back",
    "pan right": "slow sway right and back",
    "tracking shot": "gently swaying shot",
    "fly through": "gentle drift",
    "moving forward": "gently swaying",
    "forward": "gently swaying",
}
#: what the lint writes instead of a learned trigger word it knows a remedy for (else it only warns)
LEARNED_REWRITES = {**_GAIT_REWRITES, **_LOOP_REWRITES}




@dataclass(frozen=True)
class Family:
    """Trigger words that fail the same way and take the same remedy (the lint rewrites every one).

    A lesson learned from outcomes about one member, for a rejection reason the family explains,
    covers the whole family: night one's rejections taught 'footsteps', night two's planner writes
    'stroll' instead, and a walker still appears. The proposal names the family, so the person who
    approves it sees every word it will rewrite."""

    name: str
    words: tuple[str, ...]
    reasons: tuple[str, ...]  # words of a rejection reason this family explains

    def explains(self, reason: str) -> bool:
        low = reason.lower()
        return any(k in low for k in self.reasons)


FAMILIES: tuple[Family, ...] = (
    Family("gait words", tuple(_GAIT_REWRITES), ("person", "people", "figure", "someone", "walker", "body")),
    Family("one-way camera moves", tuple(_LOOP_REWRITES), ("loop", "seam")),
)


def family_of(word: str, reason: str) -> Family | None:
    """The family a learned trigger belongs to, if it explains shots rejected for `reason`."""
    w = " ".join(word.lower().split())
    return next((f for f in FAMILIES if w in f.words and f.explains(reason)), None)


def learned_rewrite(word: str) -> str | None:
    """The replacement the lint writes for a learned trigger, or None when it can only warn."""
    return LEARNED_REWRITES.get(" ".join(word.lower().split()))


class LintResult(tuple):
    """(shot, changes, warnings) — a shot after lint and what the lint said about it."""

    __slots__ = ()

    def __new__(cls, shot: Shot, changes: list[str], warnings: list[str]):
        return super().__new__(cls, (shot, changes, warnings))

    shot = property(lambda self: self[0])
    changes = property(lambda self: self[1])
    warnings = property(lambda self: self[2])


@cache
def _seed_file() -> tuple[Lesson, ...]:
    data = yaml.safe_load((Path(__file__).with_name("seed_lessons.yaml")).read_text(encoding="utf-8"))
    return tuple(Lesson(status="seeded", evidence=f"seed article {d['source']}", **d) for d in data)


def seed_lessons() -> list[Lesson]:
    """The lessons the seed articles teach (fresh copies)."""
    return [lesson.model_copy(deep=True) for lesson in _seed_file()]


def find_words(text: str, words: Iterable[str]) -> list[str]:
    """Which of `words` occur in `text` as whole words or phrases (case-insensitive), longest first."""
    found, low = [], text.lower()
    for w in sorted(set(words), key=len, reverse=True):
        pat = r"\b" + r"\s+".join(map(re.escape, w.lower().split())) + r"\b"
        if re.search(pat, low):
            found.append(w)
    return found


def _replace_word(text: str, word: str, repl: str) -> str:
    pat = re.compile(r"\b" + r"\s+".join(map(re.escape, word.split())) + r"\b", re.IGNORECASE)
    return pat.sub(repl, text)


def _join_negative(ours: str, extra: str) -> str:
    have = {p.strip().lower() for p in re.split(r"[,，]", ours) if p.strip()}
    add = [p.strip() for p in extra.split(",") if p.strip().lower() not in have]
    return ", ".join(x for x in [ours.strip().rstrip(","), ", ".join(add)] if x)


Rule = Callable[[Shot, Lesson], tuple[Shot, list[str], list[str]]]


def _gait_words(shot: Shot, lesson: Lesson):
    if shot.expectations.people == "required":
        return _without_empty_lines(shot)
    if shot.expectations.people != "none":
        return shot, [], []
    changes: list[str] = []
    pos = shot.positive
    for w in find_words(pos, lesson.words):
        repl = _GAIT_REWRITES.get(w.lower(), "gliding")
        pos = _replace_word(pos, w, repl)
        changes.append(f"gait word '{w}' rewritten as '{repl}' (gait words summon a person)")
    # the camera field is read by people too, and some templates use it in the prompt
    cam = shot.camera
    for w in find_words(cam, lesson.words):
        cam = _replace_word(cam, w, _GAIT_REWRITES.get(w.lower(), "gliding"))
        changes.append(f"gait word '{w}' removed from the camera description")
    body = pos.strip()
    # one opener, first, and one close, last: a model that copied the seed's line into the middle of its prompt
    # ("… An empty room, no people visible anywhere. …" in a bus-stop shot) has it taken out there
    head = _EMPTY_OPEN_RE.match(body)
    core = " ".join(_EMPTY_CLOSE_ANY.sub(" ", _EMPTY_OPEN_ANY.sub(" ", body)).split())
    core, asking = without_people_clauses(core)
    if asking:
        changes.append("left out of a shot that wants nobody: " + "; ".join(repr(c) for c in asking))
    opener = head.group(0) if head else empty_opener(core)
    if len(_EMPTY_OPEN_ANY.findall(body)) > (1 if head else 0):
        changes.append("a repeated 'empty …, no people visible anywhere' line taken out of the middle")
    if not head:
        changes.append(f"prompt opened with '{opener}'")
    if not body.lower().endswith(EMPTY_CLOSE.lower()):
        changes.append("prompt closed with 'No person ever appears in frame.'")
    body = f"{opener} {core} {EMPTY_CLOSE}"
    neg = _join_negative(shot.negative, PEOPLE_NEGATIVES)
    if neg != shot.negative:
        changes.append("people added to the negative prompt")
    return shot.model_copy(update={"positive": body, "camera": cam, "negative": neg}), changes, []


def _without_empty_lines(shot: Shot):
    """A shot that needs a person loses the empty-scene lines a model copied from the style example ("No person ever
    appears in frame." after "The keeper sits by the lamp"): the prompt must not contradict its expectation."""
    body = shot.positive.strip()
    core = " ".join(_EMPTY_CLOSE_ANY.sub(" ", _EMPTY_OPEN_ANY.sub(" ", body)).split())
    if core == " ".join(body.split()):
        return shot, [], []
    if not core:
        return shot, [], ["the prompt is only 'no people' lines, and the shot needs a person: write what it shows"]
    return (shot.model_copy(update={"positive": core}),
            ["'no people' lines taken out of the prompt: the shot needs a person"], [])


def _wan_negative(shot: Shot, lesson: Lesson):
    if shot.target != "final":
        return shot, [], []
    neg = shot.negative.replace(WAN_NEGATIVE, "").strip().strip(",，").strip()
    new = f"{neg}, {WAN_NEGATIVE}" if neg else WAN_NEGATIVE
    if new == shot.negative:
        return shot, [], []
    return shot.model_copy(update={"negative": new}), ["Wan's default Chinese negative prompt kept after ours"], []


def _append(prompt: str, sentence: str) -> str:
    """`sentence` at the end of the prompt, but before the empty shot's close, which stays the last thing read."""
    body = prompt.rstrip()
    if body.lower().endswith(EMPTY_CLOSE.lower()):
        return f"{body[:-len(EMPTY_CLOSE)].rstrip()} {sentence} {body[-len(EMPTY_CLOSE):]}"
    return f"{body} {sentence}"


def empty_opener(prompt: str) -> str:
    """The seed's opening line for an empty shot: "Empty room, …" indoors, the place named out of doors."""
    # "shallow depth of field" (the seed's own style line) is no field to stand in
    low = _LENS_TERMS.sub(" ", prompt.lower())
    hits = sorted((m.start(), place) for place in _OUTDOOR_PLACES
                  for m in [re.search(rf"\b{re.escape(place)}s?\b", low)] if m)
    if not hits or re.search(r"\b(room|bedroom|kitchen|hall|hallway|corridor|office|studio|bar|café|cafe|shop|"
                             r"interior|indoors|inside)\b", low[:hits[0][0]]):
        return EMPTY_OPEN
    return f"Empty {hits[0][1]}, no people visible anywhere."


def _text_in_frame(shot: Shot, lesson: Lesson):
    asks = find_words(shot.positive, lesson.words)
    if not (shot.expectations.text_in_frame or asks):
        return shot, [], []
    warnings = [
        "video models cannot render legible text: the screen is kept dark; overlay the words afterwards"
        + (f" (prompt mentions: {', '.join(asks)})" if asks else "")
    ]
    changes: list[str] = []
    pos, neg = shot.positive, shot.negative
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(pos)]
    if quoted:  # a quoted string asks the model to letter it; the words go to the overlay instead
        pos = _QUOTED.sub("(left blank for the overlay)", pos)
        words = ", ".join(f"'{q}'" for q in quoted)
        changes.append(f"the words {words} taken out of the prompt")
        warnings.append(f"overlay afterwards: {words}")
    if DARK_SCREEN.lower() not in pos.lower():
        pos = _append(pos, DARK_SCREEN)
        changes.append("asked for a dark screen instead of legible text")
    neg2 = _join_negative(neg, TEXT_NEGATIVES)
    if neg2 != neg:
        changes.append("text added to the negative prompt")
    return shot.model_copy(update={"positive": pos, "negative": neg2}), changes, warnings


def _loop_symmetric(shot: Shot, lesson: Lesson):
    if not shot.expectations.loopable or find_words(shot.positive, lesson.words):
        return shot, [], []
    pos = _append(shot.positive, SYMMETRIC_MOTION)
    return shot.model_copy(update={"positive": pos}), [
        "loopable shot asks for symmetric motion (ping-pong it or crossfade the seam)"
    ], []


def _crop_not_closer(shot: Shot, lesson: Lesson):
    hits = find_words(shot.positive, lesson.words)
    if not hits:
        return shot, [], []
    return shot, [], [f"'{hits[0]}': the model cannot reproduce a room from prose; crop the frame you have instead"]


def lesson_in_scope(lesson: Lesson, shot: Shot) -> bool:
    """Whether a lesson's scope (target model, expectations) covers this shot."""
    if lesson.scope_target and lesson.scope_target != shot.target:
        return False
    exp = shot.expectations.model_dump()
    return all(exp.get(k) == v for k, v in lesson.scope_expectation.items())


def _leave_out(text: str, word: str) -> str:
    """`text` without `word` (whole word or phrase), the punctuation and spaces around it tidied."""
    out = _replace_word(text, word, "")
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    out = re.sub(r"([,;:])(\s*[,;:.])+", r"\1", out)
    out = re.sub(r"(^|[.!?]\s)\s*[,;:]\s*", r"\1", out)
    return " ".join(out.split())


def _avoid_words(shot: Shot, lesson: Lesson):
    """A learned (or hand-made) lesson: its words kept getting shots rejected. Where the lint knows a
    remedy for a word (:data:`LEARNED_REWRITES`: gait words, one-way moves in a loop) it rewrites it;
    otherwise it leaves the word out (the lesson's fix) and says so. A lesson still ``proposed`` (applied
    for tonight only) says that too."""
    if not lesson_in_scope(lesson, shot):
        return shot, [], []
    hits = find_words(shot.positive, lesson.words)
    if not hits:
        return shot, [], []
    pos, neg, changes, warnings = shot.positive, shot.negative, [], []
    tag = ", proposed: applied tonight until a person approves it" if lesson.status == "proposed" else ""
    for w in hits:
        if not find_words(pos, [w]):
            continue  # already rewritten as part of a longer phrase ('walking pace')
        if learned_rewrite(w) is None:
            pos = _leave_out(pos, w)
            changes.append(f"learned trigger '{w}' left out ({lesson.id}{tag}: {lesson.effect})")
            continue
        # the longest phrase the lint knows around the word goes first: 'walking pace', then 'walking'
        around = [k for k in LEARNED_REWRITES if w.lower() in k.split() and k != w.lower()]
        for phrase in [*find_words(pos, around), w]:
            rep = LEARNED_REWRITES[phrase.lower()]
            pos = _replace_word(pos, phrase, rep)
            changes.append(f"learned trigger '{phrase}' rewritten as '{rep}' ({lesson.id}{tag}: {lesson.effect})")
    # the remedy the seed articles give for the kind of rejection the lesson learned from
    effect = lesson.effect.lower()
    if any(k in effect for k in ("text", "letter", "glyph", "caption", "legible")):
        if DARK_SCREEN.lower() not in pos.lower():
            pos = _append(pos, DARK_SCREEN)
            changes.append(f"asked for a dark screen ({lesson.id}: {lesson.effect})")
        neg = _join_negative(neg, TEXT_NEGATIVES)
    elif any(k in effect for k in ("loop", "seam")) and shot.expectations.loopable:
        if SYMMETRIC_MOTION.lower() not in pos.lower():
            pos = _append(pos, SYMMETRIC_MOTION)
            changes.append(f"asked for symmetric motion ({lesson.id}: {lesson.effect})")
    elif any(k in effect for k in ("person", "people", "figure", "someone")) and shot.expectations.people == "none":
        neg = _join_negative(neg, PEOPLE_NEGATIVES)
    if pos == shot.positive and neg == shot.negative:
        return shot, [], warnings
    return shot.model_copy(update={"positive": pos, "negative": neg}), changes, warnings


RULES: dict[str, Rule] = {
    "gait_words": _gait_words,
    "wan_negative": _wan_negative,
    "text_in_frame": _text_in_frame,
    "loop_symmetric": _loop_symmetric,
    "crop_not_closer": _crop_not_closer,
    "avoid_words": _avoid_words,
}


def written_by(lesson: Lesson) -> str:
    """The words a lesson's rule writes into the prompts it applies to (what a learned lesson must not
    ask to avoid: it would undo the other)."""
    rule = lesson.check
    if rule == "gait_words":
        return " ".join([EMPTY_OPEN, EMPTY_CLOSE, *(_GAIT_REWRITES[w] for w in lesson.words if w in _GAIT_REWRITES),
                         *(f"Empty {p}" for p in _OUTDOOR_PLACES)])
    if rule == "text_in_frame":
        return DARK_SCREEN
    if rule == "loop_symmetric":
        return SYMMETRIC_MOTION
    if rule == "avoid_words":
        return " ".join(v for w in lesson.words if (v := learned_rewrite(w)))
    return ""


def _active(lessons: Iterable[Lesson]) -> list[Lesson]:
    """The lessons with a rule, Wan's negative prompt last (it must stay after whatever the others add).
    The caller chooses which lessons are active (``MemoryStore.active_lessons``: a ``proposed`` lesson is
    among them when confirmed or applied for tonight); a retired one never applies."""
    active = [ls for ls in lessons if ls.check in RULES and ls.status in ("seeded", "approved", "proposed")]
    return sorted(active, key=lambda ls: ls.check == "wan_negative")


def lint_shot(shot: Shot, lessons: Iterable[Lesson] | None = None) -> LintResult:
    """Apply every active lesson with a machine-checkable rule to `shot`.

    Returns the corrected shot (with `lint` and `lessons_applied` filled in), the changes
    and the warnings. Idempotent: linting a linted shot changes nothing more.
    """
    lessons = seed_lessons() if lessons is None else list(lessons)
    changes: list[str] = []
    warnings: list[str] = []
    applied = list(shot.lessons_applied)
    for lesson in _active(lessons):
        shot, c, w = RULES[lesson.check](shot, lesson)  # type: ignore[index]
        if c or w:
            changes += c
            warnings += w
            if lesson.id not in applied:
                applied.append(lesson.id)
    notes = list(dict.fromkeys([*shot.lint, *changes, *(f"warning: {w}" for w in warnings)]))
    shot = shot.model_copy(update={"lint": notes, "lessons_applied": applied})
    return LintResult(shot, changes, warnings)


def lint_storyboard_shots(shots: list[Shot], lessons: Iterable[Lesson] | None = None) -> list[LintResult]:
    lessons = list(seed_lessons() if lessons is None else lessons)
    return [lint_shot(s, lessons) for s in shots]
