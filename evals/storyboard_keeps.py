"""Does the storyboard keep what the brief says, on every shot? (issue 26: the reading, end to end.)

A reading is only worth its accuracy if the storyboard keeps it whatever the planner writes. So each brief's reading
goes through the storyboard's own last step — :func:`agents.planner.finish_shots` with the seeded lessons, then
:func:`agents.expand.fit_total_duration`, the code ``nightreel storyboard`` runs after the planner answers — applied
to the drafts of **a stand-in planner that ignores the brief** (:func:`ignoring_drafts`, named as what it is: the
worst answer a model can give, not a model). Its three shots (a draft, two finals) want the opposite of every field
read, name another camera move, walk with gait words, bring passers-by, drop Wan's negative and last 7 s each. On
every shot a person would then see:

- each field the reader read (people, camera move, loop, words in frame) on the shot as read — and no words in
  frame where the brief asks for none (:func:`agents.expand.forced_expectations`) — and the camera line naming no
  other move than the one read;
- on a shot that wants nobody, no gait word in the prompt or the camera line ("gait words summon a person") and no
  clause that asks for a person;
- on every final (Wan 2.2), Wan's own negative prompt;
- shots that add up to the length the brief states (or a warning saying why they cannot).

No model runs here: the reading is the one the eval made (rules only, or rules + the model).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agents.brief import BriefReading, rule_reading
from agents.expand import fit_total_duration, forced_expectations
from agents.planner import finish_shots
from memory.empty_shot import without_people_clauses
from memory.lessons import FAMILIES, find_words, seed_lessons
from nightreel.schema import ShotDraft, ShotExpectations
from prompts import WAN_NEGATIVE

__all__ = ["KeepCheck", "check_storyboard", "ignoring_drafts", "summarise"]

GAIT_WORDS = next(f.words for f in FAMILIES if f.name == "gait words")
_OTHER_PEOPLE = {"none": "required", "required": "none", "allowed": "none"}
_OTHER_MOVE = {"locked": "slow pan left", "dolly_in": "slow dolly out", "dolly_out": "slow dolly in",
               "pan": "locked-off tripod", "orbit": "handheld", "handheld": "locked-off tripod", "any": "slow orbit"}
_OTHER_MOVE_EXP = {"locked": "pan", "dolly_in": "dolly_out", "dolly_out": "dolly_in", "pan": "locked",
                   "orbit": "handheld", "handheld": "locked", "any": "orbit"}
SHOT_S = 7.0


def ignoring_drafts(reading: BriefReading) -> list[ShotDraft]:
    """Three shots from a stand-in planner that ignores the brief: every field it read is contradicted."""
    exp = reading.full()
    wrong = ShotExpectations(people=_OTHER_PEOPLE[exp["people"]], camera=_OTHER_MOVE_EXP[exp["camera"]],
                             loopable=not exp["loopable"], text_in_frame=not exp["text_in_frame"])
    return [ShotDraft(title=f"Shot {i}", duration_s=SHOT_S, target=target,
                      positive="Walking pace through the scene, footsteps on the floor, strolling slowly past the "
                               "light, a couple of passers-by crossing the frame, a slow pan across everything.",
                      negative="blurry", camera=f"{_OTHER_MOVE[exp['camera']]}, strolling", lighting="soft",
                      expectations=wrong)
            for i, target in enumerate(("draft", "final", "final"), 1)]


@dataclass
class KeepCheck:
    """What the storyboard did with one brief's reading."""

    shots: int
    problems: list[str] = field(default_factory=list)
    gait_on_empty: int = 0          # shots that want nobody and still carry a gait word
    people_on_empty: int = 0        # … or a clause that asks for a person
    finals_without_wan: int = 0
    length_off: bool = False        # a stated length the shots neither add up to nor warn about

    @property
    def kept(self) -> bool:
        return not self.problems


def check_storyboard(idea: str, reading: BriefReading) -> KeepCheck:
    """Run the storyboard's last step on the ignoring planner's drafts and list what a person would see broken."""
    read = forced_expectations(reading)
    shots, _ = finish_shots(idea, ignoring_drafts(reading), seed_lessons(), explicit=read)
    shots, dur_warnings = fit_total_duration(shots, reading.total_duration_s, reading.duration_source)
    check = KeepCheck(shots=len(shots))
    for s in shots:
        for k, v in read.items():
            got = getattr(s.expectations, k)
            if got != v:
                check.problems.append(f"{s.id}: {k} is {got!r}, the brief was read as {v!r}")
        named = rule_reading(s.camera).values.get("camera")
        if read.get("camera") not in (None, "any") and named not in (None, read["camera"]):
            check.problems.append(f"{s.id}: the camera line {s.camera!r} names {named}, the brief {read['camera']}")
        if s.expectations.people == "none":
            gait = find_words(f"{s.positive} {s.camera}", GAIT_WORDS)
            if gait:
                check.gait_on_empty += 1
                check.problems.append(f"{s.id}: wants nobody and still says {', '.join(gait)}")
            _, asking = without_people_clauses(s.positive)
            if asking:
                check.people_on_empty += 1
                check.problems.append(f"{s.id}: wants nobody and still asks for {'; '.join(asking)}")
        if s.target == "final" and WAN_NEGATIVE not in s.negative:
            check.finals_without_wan += 1
            check.problems.append(f"{s.id}: a final without Wan's negative prompt")
    total = reading.total_duration_s
    if total and abs(sum(s.duration_s for s in shots) - total) > 0.5 and not dur_warnings:
        check.length_off = True
        check.problems.append(f"shots add up to {sum(s.duration_s for s in shots):g} s, the brief says {total:g} s")
    return check


def summarise(checks: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Counts over a set (each brief's :class:`KeepCheck` as a dict), and every brief whose storyboard lost
    something."""
    cs = {i: c for i, c in checks.items() if c}
    return {"briefs": len(cs), "kept": sum(not c["problems"] for c in cs.values()),
            "shots": sum(c["shots"] for c in cs.values()),
            "gait_on_empty": sum(c["gait_on_empty"] for c in cs.values()),
            "people_on_empty": sum(c.get("people_on_empty", 0) for c in cs.values()),
            "finals_without_wan": sum(c["finals_without_wan"] for c in cs.values()),
            "length_off": sum(bool(c["length_off"]) for c in cs.values()),
            "lost": {i: c["problems"] for i, c in cs.items() if c["problems"]}}


def storyboard_lines(summary: dict[str, Any] | None) -> list[str]:
    """The report's section: what the storyboard kept of the readings (Markdown lines)."""
    if not summary or not summary.get("briefs"):
        return []
    s = summary
    intro = ("Each brief's reading through the storyboard's last step (`finish_shots`, `fit_total_duration`) on three "
             "shots from a stand-in planner that ignores the brief (the opposite people, another camera move, gait "
             "words, passers-by, no Wan negative; no model): what a person would see on the shots.")
    kept = (f"- briefs whose every shot keeps each field read (people, camera, loop, words): **{s['kept']} of "
            f"{s['briefs']}** ({s['shots']} shots)")
    empty = (f"- shots that want nobody and still carry a gait word: {s['gait_on_empty']}, a clause asking for "
             f"people: {s.get('people_on_empty', 0)}")
    lines = ["", "## The storyboard keeps the reading", "", intro, "", kept, empty,
             f"- finals (Wan 2.2) without Wan's negative prompt: {s['finals_without_wan']}",
             f"- stated lengths the shots neither add up to nor warn about: {s['length_off']}"]
    for i, problems in s["lost"].items():
        lines.append(f"  - `{i}`: " + "; ".join(problems))
    return lines
