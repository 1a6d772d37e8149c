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

__all__ = ["Studio", "default_studio_dir", "slug", "check_inside"]


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
