"""Storyboards as the studio keeps them on disk, each with a version number and a chat transcript.

A storyboard lives in ``projects/<project>/storyboards/<id>/`` (where `nightreel storyboard` and
`nightreel chat` save) or ``projects/<project>/night/<id>/`` (the night's). Beside
``storyboard.json`` the web keeps ``storyboard.version`` (a counter bumped by every save) and
``transcript.jsonl`` (the chat). Two tabs saving one storyboard: the last write wins, the version
it replaced is kept as ``storyboard.v<N>.json`` and the saver is told so: nothing is lost silently.
Ids from URLs are only ever matched against the folders found, never joined into a path.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from nightreel.boards import load_storyboard, write_storyboard
from nightreel.errors import InputError
from nightreel.schema import Storyboard, utcnow
from nightreel.studio import Studio

__all__ = ["BoardRef", "BoardStore", "SaveResult"]

_SB_ID = re.compile(r"^sb-[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class BoardRef:
    id: str
    dir: Path
    title: str
    project: str
    version: int
    mtime: float


@dataclass(frozen=True)
class SaveResult:
    version: int
    conflict: str | None = None
    backup: Path | None = None


class BoardStore:
    """Find, load and save storyboards in the studio folder (thread-safe within the process)."""

    def __init__(self, studio: Studio):
        self.studio = studio
        self._lock = threading.RLock()

    # -- finding ---------------------------------------------------------------------------------

    def _dirs(self) -> list[Path]:
        found = []
        for pattern in ("*/storyboards/*/storyboard.json", "*/night/*/storyboard.json"):
            for p in self.studio.outputs.glob(pattern):
                try:
                    found.append(self.studio.inside(p).parent)
                except InputError:
                    continue  # a symlink out of the studio: not ours to show
        return found

    def list(self) -> list[BoardRef]:
        refs = []
        for d in self._dirs():
            try:
                sb = load_storyboard(d)
            except InputError:
                continue
            refs.append(BoardRef(sb.id, d, sb.title, sb.brief.project, self.version(d),
                                 (d / "storyboard.json").stat().st_mtime))
        return sorted(refs, key=lambda r: -r.mtime)

    def find(self, sb_id: str) -> Path:
        """The folder of storyboard `sb_id`; KeyError when there is none (or the id is malformed)."""
        if not _SB_ID.match(sb_id or ""):
            raise KeyError(sb_id)
        for d in self._dirs():
            if d.name == sb_id:
                return d
        for d in self._dirs():  # a folder named otherwise (`nightreel storyboard --out DIR` inside the studio)
            try:
                if load_storyboard(d).id == sb_id:
                    return d
            except InputError:
                continue
        raise KeyError(sb_id)

    @staticmethod
    def version(d: Path) -> int:
        try:
            return int(json.loads((d / "storyboard.version").read_text())["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return 1 if (d / "storyboard.json").is_file() else 0

    def load(self, sb_id: str) -> tuple[Storyboard, int]:
        with self._lock:
            d = self.find(sb_id)
            return load_storyboard(d), self.version(d)

    # -- saving ----------------------------------------------------------------------------------

    def save(self, sb: Storyboard, *, base_version: int | None, by: str = "web") -> SaveResult:
        """Write `sb` as the next version. `base_version` is the version the editor started from;
        if another save came in between, this one still wins and the one it replaces is kept."""
        with self._lock:
            try:
                d = self.find(sb.id)
            except KeyError:
                d = self.studio.inside(self.studio.project_dir(sb.brief.project) / "storyboards" / sb.id)
            current = self.version(d)
            conflict, backup = None, None
            if base_version is not None and current and base_version != current:
                backup = self.studio.inside(d / f"storyboard.v{current}.json")
                shutil.copyfile(d / "storyboard.json", backup)
                conflict = (f"v{current} was saved elsewhere after you opened v{base_version}; your save replaced "
                            f"it as v{current + 1} (last write wins). The replaced version is kept in {backup.name}.")
            write_storyboard(sb, d, "md")
            new = current + 1
            _atomic_json(d / "storyboard.version", {"version": new, "by": by, "at": utcnow().isoformat()})
            return SaveResult(new, conflict, backup)

    # -- the chat beside it -----------------------------------------------------------------------

    def transcript(self, sb_id: str) -> list[dict]:
        try:
            path = self.find(sb_id) / "transcript.jsonl"
        except KeyError:
            return []
        out = []
        try:
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    out.append(json.loads(line))
                except ValueError:
                    continue
        except OSError:
            return []
        return out

    def append_turn(self, sb_id: str, role: str, text: str) -> None:
        with self._lock:
            path = self.find(sb_id) / "transcript.jsonl"
            with path.open("a", encoding="utf-8") as f:
                f.write(json.dumps({"role": role, "text": text, "at": utcnow().isoformat()}, ensure_ascii=False) + "\n")


def _atomic_json(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)
