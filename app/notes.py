"""The notes folder: one idea per file, read safely, each identified by its content hash.

A note is a text file (``coffee-spot.md``: "eight-second spot for a coffee, night
atmosphere"), optionally opening with YAML front matter::

    ---
    project: coffee
    variants: 2          # shots to draft from this idea (1..max_shots)
    tier: draft          # draft | final | still
    start_image: cup.png # relative to the notes folder
    ---
    eight-second spot for a coffee, night atmosphere

The note's id is the SHA-256 of its bytes, so the night never expands the same note twice,
whatever it is renamed to. What cannot be used (empty, binary, over the size limit, broken
front matter) is returned as a :class:`SkippedNote` with the reason a person can act on;
the file itself is never touched. A note's text is an idea and nothing else: it is handed
to the planner as data and no tool exists that could act on what it says.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path
from typing import Literal

import structlog
import yaml
from pydantic import BaseModel, Field

from nightreel.errors import InputError
from nightreel.studio import check_inside

log = structlog.get_logger()

__all__ = ["Note", "SkippedNote", "NoteScan", "read_notes", "parse_note", "MAX_NOTE_BYTES"]

#: Larger files are not ideas (one idea per file); they are skipped with a clear reason.
MAX_NOTE_BYTES = 64 * 1024
_KNOWN_KEYS = {"project", "variants", "tier", "start_image", "title"}
_TIERS = ("draft", "final", "still")


class Note(BaseModel):
    """One usable idea from the notes folder."""

    hash: str = Field(description="sha256 of the file's bytes: the note's identity")
    path: str
    name: str
    idea: str
    project: str = "default"
    variants: int | None = Field(None, description="shots to draft; None = the night's default")
    tier: Literal["draft", "final", "still"] = "draft"
    start_image: str | None = None
    warnings: list[str] = Field(default_factory=list)


class SkippedNote(BaseModel):
    """A file in the notes folder that could not be used, and why."""

    path: str
    name: str
    hash: str | None = None
    reason: str


class NoteScan(BaseModel):
    notes: list[Note] = Field(default_factory=list)
    skipped: list[SkippedNote] = Field(default_factory=list)


def _text(raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError("binary file (it has NUL bytes); a note is plain UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text (bad byte at {e.start}); save the note as UTF-8") from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def _front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        raise InputError("front matter opens with '---' but never closes; end it with a '---' line")
    head, body = text[4:end], text[end + 4:]
    body = body.split("\n", 1)[1] if "\n" in body else ""
    try:
        meta = yaml.safe_load(head) or {}
    except yaml.YAMLError as e:
        raise InputError(f"front matter is not valid YAML: {str(e).splitlines()[0]}") from None
    if not isinstance(meta, dict):
        raise InputError("front matter must be 'key: value' lines (project, variants, tier, start_image)")
    return meta, body


def parse_note(raw: bytes, path: Path, *, notes_dir: Path, max_idea_chars: int = 4000,
               max_variants: int = 24) -> Note:
    """One note from its bytes, or InputError saying what to change."""
    digest = hashlib.sha256(raw).hexdigest()
    if len(raw) > MAX_NOTE_BYTES:
        raise InputError(f"{len(raw) / 1e6:.1f} MB is too large for a note (limit {MAX_NOTE_BYTES // 1024} KB); "
                         "write one idea per file")
    meta, body = _front_matter(_text(raw))
    warnings = [f"unknown front matter key {k!r} ignored" for k in meta if k not in _KNOWN_KEYS]
    idea = body.strip()
    if not idea:
        raise InputError("the note is empty: write the idea, e.g. 'eight-second spot for a coffee, night atmosphere'")
    if len(idea) > max_idea_chars:
        cut = idea[:max_idea_chars]
        para = cut.rfind("\n\n")
        idea = (cut[:para] if para > max_idea_chars // 4 else cut).strip()
        warnings.append(f"the note is long; the planner got its first {len(idea):,} characters")
    project = " ".join(str(meta.get("project") or "default").split())[:80] or "default"
    variants = meta.get("variants")
    if variants is not None:
        if isinstance(variants, bool) or not isinstance(variants, int) or not 1 <= variants <= max_variants:
            raise InputError(f"variants must be a whole number from 1 to {max_variants}, got {variants!r}")
    tier = str(meta.get("tier") or "draft").strip().lower()
    if tier not in _TIERS:
        raise InputError(f"tier must be one of {', '.join(_TIERS)}, got {meta.get('tier')!r}")
    start_image = meta.get("start_image")
    if start_image is not None:
        img = check_inside(str(start_image), notes_dir)
        if not img.is_file():
            raise InputError(f"start_image {start_image!r} does not exist in {notes_dir}")
        start_image = str(img)
    return Note(hash=digest, path=str(path), name=path.name, idea=idea, project=project, variants=variants,
                tier=tier, start_image=start_image, warnings=warnings)  # type: ignore[arg-type]


#: pictures beside the notes are start images (`start_image: cup.png`), not notes that failed to read
_PICTURES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".avif")


def _is_candidate(p: Path) -> bool:
    return (not p.name.startswith((".", "~")) and not p.name.endswith(("~", ".swp", ".tmp"))
            and p.suffix.lower() not in _PICTURES)


def read_notes(notes_dir: str | Path, *, max_idea_chars: int = 4000, max_variants: int = 24) -> NoteScan:
    """Every note in the folder (not recursive), sorted by name; unusable files come back as skipped.

    Raises InputError when the folder itself does not exist or is not a folder.
    """
    root = Path(notes_dir).expanduser()
    if not root.exists():
        raise InputError(f"the notes folder {root} does not exist; create it and put one idea per file in it")
    if not root.is_dir():
        raise InputError(f"{root} is a file, not a folder of notes")
    root = root.resolve()
    scan = NoteScan()
    for p in sorted(root.iterdir(), key=lambda x: x.name):
        if not _is_candidate(p) or p.is_dir():
            continue
        try:
            real = check_inside(p, root)  # a symlink out of the folder is refused
            if not real.is_file():
                continue
            with real.open("rb") as fh:
                raw = fh.read(MAX_NOTE_BYTES + 1)
            size = real.stat().st_size
            if size > MAX_NOTE_BYTES:
                raise InputError(f"{size / 1e6:.1f} MB is too large for a note (limit {MAX_NOTE_BYTES // 1024} KB); "
                                 "write one idea per file")
            scan.notes.append(parse_note(raw, p, notes_dir=root, max_idea_chars=max_idea_chars,
                                         max_variants=max_variants))
        except (InputError, OSError) as e:
            digest = None
            log.warning("note_skipped", note=p.name, reason=str(e))
            scan.skipped.append(SkippedNote(path=str(p), name=p.name, hash=digest, reason=str(e)))
    return scan
