"""How lessons and outcomes are laid out in chromadb (documents and metadata), and the check
that refuses to start a memory in a folder that holds something else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nightreel.errors import MemoryStoreError
from nightreel.schema import Lesson, Outcome, Shot, Verdict

__all__ = [
    "ANY",
    "EXP_KEYS",
    "FORMAT",
    "NOTE_EMBED_CHARS",
    "OURS",
    "folder_format",
    "lesson_doc",
    "lesson_meta",
    "meta_value",
    "outcome_embed_text",
    "outcome_from_record",
    "outcome_from_verdict",
    "outcome_meta",
    "refuse_foreign_folder",
    "where",
]

#: files of ours that may sit in a memory folder besides chromadb's own
OURS = {".write.lock", ".generation", "chroma.sqlite3", ".format", ".learning.jsonl", ".tonight.json"}
#: the layout this nightreel writes. 1 = before review notes and clips were outcome fields (a folder
#: without a ``.format`` file); 2 = ``note``/``clip`` on outcomes, the note embedded with the prompt.
FORMAT = 2
#: how much of a review note is embedded with the prompt (the note itself is stored whole)
NOTE_EMBED_CHARS = 400
_PROMPT_EMBED_CHARS = 900
#: the expectations a lesson can be scoped to, stored as ``exp_<key>`` metadata ("*" = any)
EXP_KEYS = ("people", "camera", "motion", "loopable", "text_in_frame")
ANY = "*"


def meta_value(v: Any) -> str:
    return str(v).lower() if isinstance(v, bool) else str(v)


def lesson_doc(ls: Lesson) -> str:
    words = f" Words: {', '.join(ls.words)}." if ls.words else ""
    return f"{ls.trigger}. {ls.effect}. Fix: {ls.fix}.{words}"


def lesson_meta(ls: Lesson) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "json": ls.model_dump_json(),
        "status": ls.status,
        "check": ls.check or "",
        "times_confirmed": ls.times_confirmed,
        "scope_target": ls.scope_target or ANY,
    }
    for k in EXP_KEYS:
        meta[f"exp_{k}"] = meta_value(ls.scope_expectation[k]) if k in ls.scope_expectation else ANY
    return meta


def outcome_meta(o: Outcome) -> dict[str, Any]:
    rest = o.model_dump(mode="json", exclude={"prompt"})
    meta: dict[str, Any] = {
        "json": json.dumps(rest, ensure_ascii=False),
        "shot_id": o.shot_id,
        "project": o.project,
        "target": o.target,
        "verdict": o.verdict,
        "reasons": "\n".join(o.reasons),
        "created_at": o.created_at.timestamp(),
        "has_note": bool(o.note.strip()),
    }
    for k in EXP_KEYS:
        meta[f"exp_{k}"] = meta_value(getattr(o.expectations, k))
    return meta


def outcome_embed_text(o: Outcome) -> str:
    """What an outcome is searched by: its prompt and, when a person reviewed it, their note.

    MiniLM reads about 256 word pieces, so the prompt is cut first to leave the note room."""
    note = " ".join(o.note.split())[:NOTE_EMBED_CHARS]
    if not note:
        return o.prompt[:2000]
    return f"{o.prompt[:_PROMPT_EMBED_CHARS]} Review note: {note}"


def folder_format(path: Path) -> int | None:
    """The layout version of a memory folder: None = no memory there yet, 1 = made before formats were
    recorded, else the number in ``.format``. Raises MemoryStoreError if ``.format`` cannot be read."""
    if not (path / "chroma.sqlite3").is_file():
        return None
    f = path / ".format"
    if not f.exists():
        return 1
    try:
        text = f.read_text(encoding="utf-8").strip()
        return int(text.split()[-1])
    except (OSError, ValueError, IndexError) as e:
        raise MemoryStoreError(
            f"the memory folder {path} has an unreadable format marker {f.name} ({e}); nothing was changed. "
            f"Write '{FORMAT}' into it if this memory was made by this version, or restore it from a backup") from None


def where(clauses: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def outcome_from_record(meta: dict[str, Any], document: str) -> Outcome:
    try:
        return Outcome.model_validate({**json.loads(meta["json"]), "prompt": document})
    except (KeyError, ValueError, TypeError) as e:
        raise MemoryStoreError(
            f"an outcome in memory cannot be read ({type(e).__name__}: {str(e)[:200]}); the memory may come "
            "from another version of nightreel. Nothing was changed") from None


def outcome_from_verdict(shot: Shot, verdict: Verdict, *, project: str = "default",
                         params: dict[str, Any] | None = None, clip: str | None = None,
                         storyboard_id: str | None = None) -> Outcome:
    """The outcome to remember for a rendered shot and the critic's verdict on it."""
    return Outcome(shot_id=shot.id, project=project, prompt=shot.positive, negative=shot.negative,
                   target=shot.target, params={"seed": shot.seed, **(params or {})},
                   expectations=shot.expectations, verdict=verdict.verdict, reasons=list(verdict.reasons),
                   lessons_applied=list(shot.lessons_applied), clip=clip, storyboard_id=storyboard_id)


def refuse_foreign_folder(path: Path) -> None:
    """A folder with files but no chroma.sqlite3 is someone's data: refuse to start a memory in it."""
    if path.exists() and not path.is_dir():
        raise MemoryStoreError(f"the memory path {path} is a file, not a folder")
    if not path.is_dir():
        return
    entries = [p.name for p in path.iterdir() if p.name not in OURS and not p.name.startswith(".generation")]
    if entries and not (path / "chroma.sqlite3").is_file():
        raise MemoryStoreError(
            f"the memory folder {path} holds {len(entries)} files but no chroma.sqlite3: it is not a nightreel "
            "memory or it lost its database. Nothing was changed; move it aside to start a new memory")
