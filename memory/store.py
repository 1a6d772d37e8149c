"""The memory store: lessons and outcomes in a chromadb ``PersistentClient`` under the studio.

Two collections: ``lessons`` (the document is the lesson's trigger, effect and fix; its scope
and status are metadata, so recall filters by target and expectations) and ``outcomes`` (the
document is the shot's positive prompt, stored whole; only its first
:data:`~memory.embeddings.MAX_EMBED_CHARS` characters are embedded).

Two processes at once (the night agent and a chat session) are safe:

- every write holds an exclusive file lock (``<memory>/.write.lock``, ``filelock``), so writes
  from different processes never interleave inside chromadb's SQLite log;
- every write bumps a counter in ``<memory>/.generation`` under that lock. chromadb's in-memory
  vector index in a long-lived process does not see rows another process added (its SQLite
  reads do), so before each vector search the store compares the counter with the last one it
  saw and, if someone else wrote, reopens its client (about 0.1 s) before answering.

A folder that cannot be opened, or one that holds files but no ``chroma.sqlite3``, raises
:class:`~nightreel.errors.MemoryStoreError` and is left exactly as it was: memory never
silently starts empty over a user's history.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import structlog
from filelock import FileLock, Timeout
from pydantic import ValidationError

from memory.embeddings import MAX_EMBED_CHARS, minilm_embedding_function
from memory.lessons import seed_lessons
from memory.journal import Journal
from memory.queries import OUTCOMES_PAGE, Queries
from memory.records import (
    FORMAT,
    folder_format,
    lesson_doc,
    lesson_meta,
    outcome_embed_text,
    outcome_from_record,
    outcome_meta,
    refuse_foreign_folder,
)
from nightreel.errors import MemoryStoreError
from nightreel.schema import Lesson, LessonStatus, Outcome
from nightreel.studio import Studio

__all__ = ["LESSONS", "OUTCOMES", "MemoryStore"]

log = structlog.get_logger()

LESSONS, OUTCOMES = "lessons", "outcomes"


class MemoryStore(Queries, Journal):
    """Lessons and outcomes, persisted under ``<studio>/memory``. Open with :meth:`open`.
    Recall (lessons for a shot, similar outcomes) is :class:`~memory.queries.Queries`; learning is
    :func:`memory.learn.learn_from_outcomes`, which writes through :meth:`save_lessons`."""

    def __init__(self, path: Path, embedding_function, *, confirmations: int, lock_timeout: float):
        self.path = path
        self.confirmations = confirmations
        self._ef = embedding_function
        self._lock = FileLock(str(path / ".write.lock"), timeout=lock_timeout)
        self._lock_timeout = lock_timeout
        self._gen_file = path / ".generation"
        self._client = None
        self._generation = -1
        self._dirty = False

    # ---- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        studio_or_path: Studio | str | Path,
        embedding_function=None,
        *,
        confirmations: int | None = None,
        lock_timeout: float = 30.0,
        seed: bool = True,
    ) -> MemoryStore:
        """Open (and on first use create and seed) the memory of a studio.

        Args:
            studio_or_path: a Studio (its ``memory_dir`` is used) or the memory folder itself.
            embedding_function: a chromadb embedding function; None = the packaged MiniLM.
            confirmations: how many learning runs must confirm a proposed lesson before it is
                applied without approval; None = ``settings.lesson_confirmations``.
            lock_timeout: seconds to wait for another process's write before giving up.
            seed: add the seeded lessons a new memory starts with (False: start with no lessons,
                as the learning benchmark does).

        A memory made by an older nightreel (format 1: no ``.format`` file) is migrated in place
        under the write lock (review notes move from the reasons to the outcome's ``note`` and are
        embedded with the prompt; every row is kept, counted before and after). One made by a newer
        nightreel is refused with the reason, untouched.

        Raises:
            MemoryStoreError: the folder is corrupt, locked, not a memory folder, or from a newer version.
        """
        if isinstance(studio_or_path, Studio):
            path, studio_root = studio_or_path.memory_dir, studio_or_path.root
        else:
            path, studio_root = Path(studio_or_path).expanduser().resolve(), None
        if confirmations is None:
            from nightreel.config import load_settings

            confirmations = load_settings(studio=studio_root).lesson_confirmations
        refuse_foreign_folder(path)
        fmt = folder_format(path)
        if fmt is not None and fmt > FORMAT:
            raise MemoryStoreError(
                f"the memory folder {path} was written by a newer nightreel (memory format {fmt}; this one reads "
                f"format {FORMAT} and older). Nothing was changed: upgrade nightreel to use it")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise MemoryStoreError(f"cannot create the memory folder {path}: {e}") from e
        store = cls(path, embedding_function or minilm_embedding_function(),
                    confirmations=confirmations, lock_timeout=lock_timeout)
        with store._writing():
            store._connect()
            if fmt is not None and folder_format(path) == 1:  # re-read under the lock: another process may have migrated it
                store._migrate_from_1()
            if seed:
                store._seed()
            if not (path / ".format").exists():
                store._write_format()
        return store

    def _write_format(self) -> None:
        tmp = self.path / f".format.tmp{os.getpid()}"
        tmp.write_text(f"{FORMAT}\n", encoding="utf-8")
        tmp.replace(self.path / ".format")

    def _migrate_from_1(self) -> None:
        """Format 1 → 2: a review's note lived in the reasons ("reviewer: ..."); it becomes the outcome's
        ``note`` and is embedded with the prompt. Rows are counted before and after; nothing is dropped."""
        before = (self._lessons.count(), self._outcomes.count())
        rows: list[tuple[str, dict, str]] = []
        for offset in range(0, max(before[1], 1), OUTCOMES_PAGE):  # in pages (SQLite's variable limit)
            got = self._chroma("reading outcomes to migrate", self._outcomes.get, include=["metadatas", "documents"],
                               limit=OUTCOMES_PAGE, offset=offset)
            rows += list(zip(got["ids"], got["metadatas"], got["documents"]))
        moved = []
        for oid, meta, doc in rows:
            o = outcome_from_record(meta, doc)
            if o.note or o.params.get("source") != "review":
                continue
            notes = [r.split(":", 1)[1].strip() for r in o.reasons if r.startswith("reviewer:")]
            note = "; ".join(n for n in notes if n and n not in ("promote", "reject", "requeue"))
            if note:
                moved.append(o.model_copy(update={"note": note, "id": oid}))
        for i in range(0, len(moved), 500):
            part = moved[i:i + 500]
            self._dirty = True
            self._chroma("migrating outcomes", self._outcomes.upsert, ids=[o.id for o in part],
                         documents=[o.prompt for o in part],
                         embeddings=self._ef([outcome_embed_text(o) for o in part]),
                         metadatas=[outcome_meta(o) for o in part])
        after = (self._lessons.count(), self._outcomes.count())
        if after != before:
            raise MemoryStoreError(f"migrating {self.path} changed the row counts {before} -> {after}; "
                                   "the format marker was not written, so it will be checked again next time")
        self._write_format()
        log.info("memory.migrated", path=str(self.path), from_format=1, to_format=FORMAT,
                 lessons=before[0], outcomes=before[1], notes_moved=len(moved))

    def _connect(self) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        t0 = time.perf_counter()
        try:
            self._client = chromadb.PersistentClient(
                path=str(self.path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False))
            self._lessons = self._client.get_or_create_collection(
                LESSONS, embedding_function=self._ef, configuration={"hnsw": {"space": "cosine"}})
            self._outcomes = self._client.get_or_create_collection(
                OUTCOMES, embedding_function=self._ef, configuration={"hnsw": {"space": "cosine"}})
            self._lessons.count()
            self._outcomes.count()
        except Exception as e:
            self._client = None
            raise MemoryStoreError(
                f"the memory folder {self.path} cannot be opened ({type(e).__name__}: {e}); it may be corrupt or "
                "locked by another program. Nothing was changed: move it aside to start a new memory, "
                "or restore it from a backup") from e
        self._generation = self._read_generation()
        log.info("memory.open", path=str(self.path), seconds=round(time.perf_counter() - t0, 3))

    def close(self) -> None:
        if self._client is not None:
            try:
                self._client.close()
            finally:
                self._client = None

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- locking and freshness -----------------------------------------------------------

    def _read_generation(self) -> int:
        try:
            return int(self._gen_file.read_text() or 0)
        except FileNotFoundError:
            return 0
        except (ValueError, OSError):
            return -2  # unreadable: treat as changed, reopen

    @contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            self._lock.acquire()
        except Timeout:
            raise MemoryStoreError(
                f"the memory folder {self.path} is locked: another nightreel process has been writing to it "
                f"for more than {self._lock_timeout:.0f} s (lock file {self._lock.lock_file})") from None
        except OSError as e:
            raise MemoryStoreError(f"cannot lock the memory folder {self.path}: {e}") from e
        self._dirty = False
        try:
            # no reopen here: chromadb's own write catches its index up with every row in the log,
            # including rows other processes wrote, so after it this process is current again
            yield
            if self._client is not None and self._dirty:
                gen = max(self._read_generation(), 0) + 1
                tmp = self._gen_file.with_suffix(f".tmp{os.getpid()}")
                tmp.write_text(str(gen))
                tmp.replace(self._gen_file)
                self._generation = gen
        finally:
            self._lock.release()

    def _check_open(self) -> None:
        if self._client is None:
            raise MemoryStoreError("the memory store is closed")

    def _fresh(self) -> None:
        """Before a vector search: reopen the client if another process wrote since we last looked.

        (Reads by id or metadata go to chromadb's SQLite and are always current; only its
        in-memory vector index lags behind another process's writes.)
        """
        self._check_open()
        if self._read_generation() != self._generation:
            self.close()
            self._connect()

    def _chroma(self, what: str, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except MemoryStoreError:
            raise
        except Exception as e:
            raise MemoryStoreError(f"memory at {self.path}: {what} failed ({type(e).__name__}: {e})") from e

    # ---- lessons --------------------------------------------------------------------------

    def _seed(self) -> None:
        seeds = seed_lessons()
        have = set(self._lessons.get(ids=[s.id for s in seeds], include=[])["ids"])
        new = [s for s in seeds if s.id not in have]
        if new:
            self._put_lessons(new)
            log.info("memory.seeded", lessons=len(new))

    def _put_lessons(self, lessons: list[Lesson]) -> None:
        self._dirty = True
        docs = [lesson_doc(ls) for ls in lessons]
        self._chroma("saving lessons", self._lessons.upsert,
                     ids=[ls.id for ls in lessons], documents=docs,
                     embeddings=self._ef([d[:MAX_EMBED_CHARS] for d in docs]),
                     metadatas=[lesson_meta(ls) for ls in lessons])

    @staticmethod
    def _valid(lesson: Lesson) -> Lesson:
        for field in ("trigger", "effect", "fix"):
            if not str(getattr(lesson, field)).strip():
                raise MemoryStoreError(f"a lesson needs a non-empty {field} (lesson {lesson.id})")
        try:
            return Lesson.model_validate(lesson.model_dump())
        except ValidationError as e:
            raise MemoryStoreError(f"invalid lesson {lesson.id}: {e.errors()[0]['msg']}") from e

    def add_lesson(self, lesson: Lesson) -> Lesson:
        """Store a new lesson (a person's lesson is usually ``approved``). Refuses an id in use."""
        lesson = self._valid(lesson)
        with self._writing():
            if self._lessons.get(ids=[lesson.id], include=[])["ids"]:
                raise MemoryStoreError(f"a lesson with id {lesson.id} already exists")
            self._put_lessons([lesson])
        log.info("memory.lesson.added", lesson_id=lesson.id, status=lesson.status)
        return lesson

    def save_lesson(self, lesson: Lesson) -> Lesson:
        """Insert or replace a lesson (edits, confirmations)."""
        return self.save_lessons([lesson])[0]

    def save_lessons(self, lessons: list[Lesson]) -> list[Lesson]:
        """Insert or replace several lessons in one write."""
        lessons = [self._valid(ls) for ls in lessons]
        if lessons:
            with self._writing():
                self._put_lessons(lessons)
        return lessons

    def get_lesson(self, lesson_id: str) -> Lesson:
        """The lesson with this id. Raises MemoryStoreError if there is none."""
        self._check_open()
        got = self._chroma("reading a lesson", self._lessons.get, ids=[lesson_id], include=["metadatas"])
        if not got["ids"]:
            raise MemoryStoreError(f"no lesson with id {lesson_id!r} in {self.path} (see `nightreel memory list`)")
        return Lesson.model_validate_json(got["metadatas"][0]["json"])

    def list_lessons(self, status: LessonStatus | None = None) -> list[Lesson]:
        """Every lesson (or those with `status`), seeded first, then by id."""
        self._check_open()
        got = self._chroma("listing lessons", self._lessons.get,
                           where={"status": status} if status else None, include=["metadatas"])
        lessons = [Lesson.model_validate_json(m["json"]) for m in got["metadatas"]]
        order = {"seeded": 0, "approved": 1, "proposed": 2, "retired": 3}
        return sorted(lessons, key=lambda ls: (order[ls.status], ls.id))

    def _relabel(self, lesson: Lesson) -> None:
        """Store a lesson whose text did not change (status, counts): no new embedding needed."""
        self._dirty = True
        self._chroma("updating a lesson", self._lessons.update, ids=[lesson.id], metadatas=[lesson_meta(lesson)])

    def _set_status(self, lesson_id: str, status: LessonStatus) -> Lesson:
        with self._writing():
            lesson = self.get_lesson(lesson_id).model_copy(update={"status": status})
            self._relabel(lesson)
        log.info("memory.lesson.status", lesson_id=lesson_id, status=status)
        return lesson

    def approve(self, lesson_id: str) -> Lesson:
        """Mark a lesson approved: from now on recall returns it and the lint applies it."""
        return self._set_status(lesson_id, "approved")

    def forget(self, lesson_id: str) -> None:
        """Forget a lesson. Seeded and learned ones are retired (so seeding or learning does not bring
        them back); a lesson a person added is deleted."""
        with self._writing():
            lesson = self.get_lesson(lesson_id)
            if lesson.id.startswith(("seed-", "learned-")):
                self._relabel(lesson.model_copy(update={"status": "retired"}))
            else:
                self._dirty = True
                self._chroma("forgetting a lesson", self._lessons.delete, ids=[lesson_id])
        log.info("memory.lesson.forgotten", lesson_id=lesson_id)

    def _confirmed(self, ls: Lesson) -> bool:
        return ls.status == "proposed" and ls.times_confirmed >= self.confirmations

    def _is_active(self, ls: Lesson) -> bool:
        return ls.status in ("seeded", "approved") or self._confirmed(ls) or (
            ls.status == "proposed" and self.tonight_until(ls.id) is not None)

    def _as_applied(self, ls: Lesson) -> Lesson:
        """A proposed lesson confirmed often enough is applied as if approved; one applied for tonight only
        stays ``proposed`` (the lint and the dailies say it was applied as a proposal)."""
        if self._confirmed(ls):
            return ls.model_copy(update={"status": "approved"})
        return ls

    # ---- outcomes -------------------------------------------------------------------------

    def record_outcome(self, outcome: Outcome) -> None:
        """Remember one rendered shot and its verdict."""
        self.record_outcomes([outcome])

    def record_outcomes(self, outcomes: Iterable[Outcome]) -> int:
        """Remember many outcomes in one write. Returns how many were stored."""
        outcomes = list(outcomes)
        if not outcomes:
            return 0
        docs = [o.prompt for o in outcomes]
        embeddings = self._ef([outcome_embed_text(o) for o in outcomes])  # before the lock: the slow part
        with self._writing():
            batch = self._client.get_max_batch_size()
            self._dirty = True
            for i in range(0, len(outcomes), batch):
                part = slice(i, i + batch)
                self._chroma("recording outcomes", self._outcomes.upsert,
                             ids=[o.id for o in outcomes[part]], documents=docs[part],
                             embeddings=embeddings[part], metadatas=[outcome_meta(o) for o in outcomes[part]])
        log.info("memory.outcomes.recorded", n=len(outcomes))
        return len(outcomes)

    def export(self, *, outcomes: bool = False) -> dict[str, Any]:
        """Everything as plain data (lessons, and outcomes if asked), for backups and review."""
        data: dict[str, Any] = {"lessons": [ls.model_dump(mode="json") for ls in self.list_lessons()]}
        if outcomes:
            data["outcomes"] = [o.model_dump(mode="json") for o in self.outcomes()]
        return data
