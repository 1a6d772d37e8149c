"""Why a lesson exists and what it has changed since: the story behind ``nightreel memory show ID``.

- **why**: its counts and evidence, the shots behind it (rejected ones carrying its words, with the
  critic's reasons, the person's notes and the clips, marked when a clip has been deleted since),
  and when learning proposed and confirmed it;
- **since**: the storyboards in the studio whose shots it changed (the lint lists the lessons it
  applied on every shot), and how the renders it changed fared.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from memory.learn import lesson_evidence_outcomes
from nightreel.schema import Lesson

if TYPE_CHECKING:
    from memory.store import MemoryStore

__all__ = ["ChangedBoard", "EvidenceShot", "LessonStory", "explain_lesson"]


class EvidenceShot(BaseModel):
    outcome_id: str
    shot_id: str
    project: str
    verdict: str
    prompt: str
    reasons: list[str] = Field(default_factory=list)
    note: str = ""
    clip: str | None = None
    clip_exists: bool | None = None
    created_at: datetime


class ChangedBoard(BaseModel):
    storyboard_id: str
    title: str
    path: str
    created_at: datetime
    shots: list[str] = Field(default_factory=list, description="ids of the shots it changed")


class LessonStory(BaseModel):
    lesson: Lesson
    rejected: list[EvidenceShot] = Field(default_factory=list)
    accepted: list[EvidenceShot] = Field(default_factory=list)
    learned: list[str] = Field(default_factory=list, description="learning runs that proposed or confirmed it")
    boards: list[ChangedBoard] = Field(default_factory=list)
    renders_changed: dict[str, int] = Field(default_factory=dict, description="verdicts of shots rendered with it")
    unreadable_boards: int = 0


def _evidence(o) -> EvidenceShot:
    exists = None
    if o.clip:
        try:
            exists = Path(o.clip).is_file()
        except OSError:
            exists = False
    return EvidenceShot(outcome_id=o.id, shot_id=o.shot_id, project=o.project, verdict=o.verdict, prompt=o.prompt,
                        reasons=list(o.reasons), note=o.note, clip=o.clip, clip_exists=exists,
                        created_at=o.created_at)


def explain_lesson(store: MemoryStore, lesson_id: str, studio_root: Path | None = None, *,
                   max_shots: int = 20) -> LessonStory:
    """Everything behind one lesson. Raises MemoryStoreError for an unknown id."""
    from nightreel.boards import load_storyboard
    from nightreel.errors import NightreelError

    lesson = store.get_lesson(lesson_id)
    story = LessonStory(lesson=lesson)
    outcomes = store.outcomes()
    if lesson.words and lesson.id.startswith("learned-"):
        rej, acc = lesson_evidence_outcomes(outcomes, lesson)
        story.rejected = [_evidence(o) for o in sorted(rej, key=lambda o: o.created_at, reverse=True)[:max_shots]]
        story.accepted = [_evidence(o) for o in sorted(acc, key=lambda o: o.created_at, reverse=True)[:max_shots]]
    for entry in store.learning_log():
        if lesson_id in entry.get("new", []):
            story.learned.append(f"proposed {entry.get('at', '?')[:16]} (from {entry.get('outcomes', '?')} outcomes)")
        elif lesson_id in entry.get("confirmed", []):
            story.learned.append(f"confirmed {entry.get('at', '?')[:16]} (from {entry.get('outcomes', '?')} outcomes)")
    for o in outcomes:
        if lesson_id in o.lessons_applied:
            story.renders_changed[o.verdict] = story.renders_changed.get(o.verdict, 0) + 1
    if studio_root is not None:
        seen: set[str] = set()
        for path in sorted(Path(studio_root).rglob("storyboard.json")):
            try:
                sb = load_storyboard(path)
            except (NightreelError, OSError, ValueError):
                story.unreadable_boards += 1
                continue
            shots = [s.id for s in sb.shots if lesson_id in s.lessons_applied]
            if shots and sb.id not in seen:
                seen.add(sb.id)
                story.boards.append(ChangedBoard(storyboard_id=sb.id, title=sb.title, path=str(path),
                                                 created_at=sb.created_at, shots=shots))
        story.boards.sort(key=lambda b: b.created_at, reverse=True)
    return story
