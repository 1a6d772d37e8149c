"""One SQLite file per studio (``ledger.sqlite``), opened the same way by every store on it:
WAL so readers never block the night's writer, ``synchronous=FULL`` so a committed job survives a
power cut or a ``kill -9``, one connection per store shared between asyncio tasks under a lock."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Self

__all__ = ["SqliteStore"]


class SqliteStore:
    """Base of the ledger and the night store: subclasses set ``SCHEMA`` (idempotent DDL)."""

    SCHEMA = ""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(self.SCHEMA)

    @classmethod
    def open(cls, studio) -> Self:
        return cls(studio.ledger_path)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
