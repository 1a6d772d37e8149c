"""One SQLite file per studio (``ledger.sqlite``), opened the same way by every store on it:
WAL so readers never block the night's writer, ``synchronous=FULL`` so a committed job survives a
power cut or a ``kill -9``, one connection per store shared between asyncio tasks under a lock.

Paths of files in the studio (clips, contact sheets, posters, storyboards) are kept relative to the studio root,
so a moved studio folder still finds them: write them with ``_keep_path``, read them with ``_path``."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Self

from nightreel.studio import resolve_stored, stored_path

__all__ = ["SqliteStore"]


class SqliteStore:
    """Base of the ledger and the night store: subclasses set ``SCHEMA`` (idempotent DDL)."""

    SCHEMA = ""

    def __init__(self, path: str | Path, root: str | Path | None = None):
        self.path = Path(path)
        #: the studio root stored paths are relative to: the folder of the ledger file unless given
        self.root = Path(root or self.path.parent).expanduser().resolve()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(self.SCHEMA)

    @classmethod
    def open(cls, studio) -> Self:
        return cls(studio.ledger_path, root=studio.root)

    def _keep_path(self, path: str | Path | None) -> str | None:
        """A studio file's path as the ledger keeps it (relative to the root when inside it)."""
        return stored_path(path, self.root)

    def _path(self, text: str | None) -> str | None:
        """A path read from the ledger, absolute under the current root (old absolute paths re-based)."""
        return resolve_stored(text, self.root)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
