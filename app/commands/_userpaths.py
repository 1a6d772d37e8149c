"""Paths a person types on the command line: theirs, wherever they are.

The studio confines every path that comes from a model, a note, the web page or a server
(`Studio.inside`). A path typed at the terminal by the person who owns the machine is different:
`nightreel critique ~/Videos/take3.mp4` reads the clip where it is. When a later step needs the
file inside the studio (a start image a storyboard will name, a workflow the runner loads), it is
copied in — the storyboard then names the studio copy, never the outside path.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from nightreel.errors import InputError
from nightreel.studio import Studio, slug

__all__ = ["import_into_studio", "user_file"]


def user_file(path: Path | str, what: str, *, suffixes: tuple[str, ...] = ()) -> Path:
    """The file the person named, resolved from the current folder; a clear InputError when it is not a file."""
    p = Path(path).expanduser()
    try:
        p = p.resolve()
    except (OSError, RuntimeError) as e:
        raise InputError(f"{what} {path}: cannot resolve the path ({e})") from None
    if not p.exists():
        raise InputError(f"{what} {p} does not exist")
    if p.is_dir():
        raise InputError(f"{what} {p} is a folder; give a file")
    if suffixes and p.suffix.lower() not in suffixes:
        raise InputError(f"{what} {p} should be one of {', '.join(suffixes)}")
    return p


def import_into_studio(studio: Studio, path: Path | str, kind: str, what: str,
                       suffixes: tuple[str, ...] = ()) -> Path:
    """A copy of the person's file under ``<studio>/cache/<kind>/`` (named by its content, so repeats are free).

    Returns the copy's path, inside the studio. A file already inside the studio is returned as is.
    """
    src = user_file(path, what, suffixes=suffixes)
    if src.is_relative_to(studio.root):
        return src
    h = hashlib.sha256()
    with src.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    dest_dir = studio.inside(studio.cache / kind)
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{h.hexdigest()[:12]}-{slug(src.stem, 40)}{src.suffix.lower()}"
    if not dest.exists():
        tmp = dest.with_name(f".{dest.name}.tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(dest)
    return dest
