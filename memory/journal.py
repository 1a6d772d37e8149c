"""The store's two files beside chromadb: the learning log (``.learning.jsonl``, one line per learning run)
and tonight's proposals (``.tonight.json``: proposed lessons applied until a time, the night's dawn).

A mixin of :class:`~memory.store.MemoryStore`; every write holds the store's write lock.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import structlog

from nightreel.errors import MemoryStoreError
from nightreel.schema import utcnow

__all__ = ["TONIGHT_FILE", "Journal"]

log = structlog.get_logger()

#: proposed lessons applied until a time (tonight's proposals, until dawn): lesson id -> ISO time
TONIGHT_FILE = ".tonight.json"


class Journal:
    """The learning log and tonight's proposals (mixed into MemoryStore)."""

    def _tonight(self) -> dict[str, str]:
        try:
            data = json.loads((self.path / TONIGHT_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            log.warning("memory.tonight_unreadable", path=str(self.path), error=str(e))
            return {}
        return data if isinstance(data, dict) else {}

    def apply_tonight(self, lesson_ids: Iterable[str], until: datetime) -> None:
        """Apply proposed lessons (as proposals) until `until` (the night's dawn): the lint, the night's
        re-renders and chat's revisions use them meanwhile; a person's approval keeps them for good."""
        until_s = (until if until.tzinfo else until.astimezone()).isoformat()
        with self._writing():
            data = {k: v for k, v in self._tonight().items() if _until(v) is not None}
            data.update({i: until_s for i in lesson_ids})
            tmp = self.path / f"{TONIGHT_FILE}.tmp{os.getpid()}"
            tmp.write_text(json.dumps(data), encoding="utf-8")
            tmp.replace(self.path / TONIGHT_FILE)
            self._dirty = True

    def tonight_until(self, lesson_id: str) -> datetime | None:
        """Until when a proposed lesson applies as tonight's proposal; None when it does not (any more)."""
        return _until(self._tonight().get(lesson_id))

    def log_learning(self, entry: dict[str, Any]) -> None:
        """Append one learning run (when, which lessons were new or confirmed) to ``.learning.jsonl``."""
        with self._writing(), open(self.path / ".learning.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def learning_log(self) -> list[dict[str, Any]]:
        """Every learning run logged so far, oldest first (unreadable lines are skipped, not fatal)."""
        try:
            lines = (self.path / ".learning.jsonl").read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except OSError as e:
            raise MemoryStoreError(f"cannot read the learning log in {self.path}: {e}") from e
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out


def _until(raw: Any) -> datetime | None:
    """An ISO time still ahead of now, else None."""
    try:
        until = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    if until.tzinfo is None:
        until = until.astimezone()
    return until if until > utcnow() else None
