"""The studio folder: where cache, outputs, ledger and memory live.

Defaults to ``~/nightreel``; ``NIGHTREEL_STUDIO`` moves it, so tests and parallel runs
never share state by accident. Every path a tool reads or writes goes through
:meth:`Studio.inside` (convention 5): resolved, and refused if it leaves the root.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from nightreel.errors import PathOutsideStudio

__all__ = ["Studio", "default_studio_dir", "slug", "check_inside", "stored_path", "resolve_stored"]


def default_studio_dir() -> Path:
    env = os.environ.get("NIGHTREEL_STUDIO")
    return Path(env).expanduser() if env else Path.home() / "nightreel"


def slug(text: str, max_len: int = 48) -> str:
    """A filesystem-safe name: lowercase words joined by dashes, never empty, never '..'."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:max_len].strip("-")
    return s or "untitled"


def check_inside(path: str | Path, root: str | Path) -> Path:
    """Resolve `path` (relative paths are taken from `root`) and refuse it outside `root`.

    For a file that does not exist yet, its parent is resolved, so a symlinked parent
    cannot smuggle a write out of the root.
    """
    root_r = Path(root).expanduser().resolve()
    p = Path(path).expanduser()
    if not p.is_absolute():
        p = root_r / p
    resolved = p.resolve() if p.exists() else p.parent.resolve() / p.name
    if not resolved.is_relative_to(root_r):
        raise PathOutsideStudio(path, root_r)
    return resolved


def stored_path(path: str | Path | None, root: Path) -> str | None:
    """How a path is kept in the studio's ledger: relative to `root` when it lies inside it (so the studio folder
    can be moved), else absolute as given. None and "" are kept as they are."""
    if not path:
        return path  # type: ignore[return-value]
    p = Path(path).expanduser()
    absolute = Path(os.path.abspath(p))
    for candidate in (absolute, absolute.resolve()):
        if candidate.is_relative_to(root):
            return candidate.relative_to(root).as_posix()
    return str(absolute)


def resolve_stored(text: str | None, root: Path) -> str | None:
    """A path read from the ledger, as an absolute path under the current `root`.

    A relative path is taken from `root`. An absolute one (ledgers from before paths were kept relative) is
    returned as it is when it exists; when it does not and lies outside `root` (the studio folder was moved), it
    is re-based: the longest tail of it, of two parts at least, that exists under `root` is used
    (``/old/studio/projects/x/c.mp4`` → ``ROOT/projects/x/c.mp4``)."""
    if not text:
        return text
    p = Path(text)
    if not p.is_absolute():
        return str(root / p)
    if p.exists() or p.is_relative_to(root):
        return text
    parts = p.parts[1:]
    for i in range(len(parts) - 1):
        candidate = root.joinpath(*parts[i:])
        if candidate.exists():
            return str(candidate)
    return text


@dataclass(frozen=True)
class Studio:
    root: Path

    @classmethod
    def open(cls, root: str | Path | None = None) -> "Studio":
        r = Path(root).expanduser() if root else default_studio_dir()
        r.mkdir(parents=True, exist_ok=True)
        st = cls(r.resolve())
        for d in (st.cache, st.outputs, st.memory_dir, st.logs):
            d.mkdir(parents=True, exist_ok=True)
        return st

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def outputs(self) -> Path:
        return self.root / "projects"

    @property
    def memory_dir(self) -> Path:
        return self.root / "memory"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def ledger_path(self) -> Path:
        return self.root / "ledger.sqlite"

    @property
    def config_path(self) -> Path:
        return self.root / "nightreel.toml"

    def project_dir(self, project: str) -> Path:
        d = self.outputs / slug(project)
        d.mkdir(parents=True, exist_ok=True)
        return d

    def inside(self, path: str | Path) -> Path:
        return check_inside(path, self.root)
