"""What keeps the studio page safe on a box reachable over a tailnet.

- loopback by default; a non-loopback ``--host`` needs a token (generated once, stored in the
  studio folder as ``web-token`` with mode 0600, printed once). It is accepted as
  ``Authorization: Bearer``, the ``nightreel_token`` cookie, or ``?token=`` (which sets the cookie);
- every POST carries the page's CSRF token in the ``X-CSRF-Token`` header (or a ``csrf`` form
  field) and, when the browser sends an Origin, it must be this server;
- files are served only from inside the studio folder, only media and only what exists.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from nightreel.errors import InputError, PathOutsideStudio
from nightreel.studio import Studio

__all__ = [
    "COOKIE",
    "CSRF_HEADER",
    "SERVABLE",
    "TOKEN_FILE",
    "is_loopback",
    "load_or_create_token",
    "media_path",
    "same_origin",
    "token_ok",
]

TOKEN_FILE = "web-token"
COOKIE = "nightreel_token"
CSRF_HEADER = "x-csrf-token"
#: what /files/ serves: clips, posters, contact sheets
SERVABLE = {".mp4": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime", ".mkv": "video/x-matroska",
            ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_or_create_token(studio: Studio) -> tuple[str, bool]:
    """The studio's web token and whether it was created now (print it then, and only then)."""
    path = studio.inside(studio.root / TOKEN_FILE)
    try:
        token = path.read_text(encoding="utf-8").strip()
        if len(token) >= 16:
            return token, False
    except OSError:
        pass
    token = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")
    return token, True


def token_ok(given: str | None, token: str) -> bool:
    return bool(given) and secrets.compare_digest(given.encode(), token.encode())


def same_origin(origin: str | None, host_header: str | None) -> bool:
    """No Origin (same-origin fetch from old browsers, curl) is allowed; a foreign one is not."""
    if not origin:
        return True
    if origin == "null":
        return False
    return urlsplit(origin).netloc.lower() == (host_header or "").lower()


def media_path(studio: Studio, rel: str) -> Path:
    """The file a /files/<rel> URL names, or an error: outside the studio (PathOutsideStudio),
    not media or not there (InputError / FileNotFoundError)."""
    if not rel or "\x00" in rel or rel.startswith(("/", "\\")) or "\\" in rel:
        raise PathOutsideStudio(rel, studio.root)
    path = studio.inside(Path(rel))
    if path.name == TOKEN_FILE or path.suffix.lower() not in SERVABLE:
        raise InputError(f"{Path(rel).name} is not a clip or an image")
    if not path.is_file():
        raise FileNotFoundError(rel)
    return path


def loopback_host_header(host: str | None) -> bool:
    """Whether a Host header names this machine's loopback (127.0.0.1, localhost, [::1]), any port."""
    if not host:
        return False
    h = host.strip().lower()
    h = h[1:h.index("]")] if h.startswith("[") and "]" in h else h.rsplit(":", 1)[0] if h.count(":") == 1 else h
    return h in ("127.0.0.1", "localhost", "::1")
