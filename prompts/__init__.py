"""Prompts are files, loaded by name (convention 7). No prompt text lives in Python."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["load", "style_for", "WAN_NEGATIVE"]

_DIR = Path(__file__).resolve().parent
_STYLE = {"final": "styles/wan22", "draft": "styles/ltx2", "still": "styles/flux2"}


@cache
def load(name: str) -> str:
    """The text of ``prompts/<name>.txt`` (name may include a subfolder, e.g. ``styles/wan22``)."""
    path = (_DIR / f"{name}.txt").resolve()
    if not path.is_relative_to(_DIR) or not path.is_file():
        known = sorted(str(p.relative_to(_DIR).with_suffix("")) for p in _DIR.rglob("*.txt"))
        raise KeyError(f"no prompt named {name!r}; known: {', '.join(known)}")
    return path.read_text(encoding="utf-8").strip()


def style_for(target: str) -> str:
    return load(_STYLE[target])


WAN_NEGATIVE = load("wan_negative")
