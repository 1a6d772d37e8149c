"""The one error tree of nightreel.

```
NightreelError
├── ConfigError            bad settings; says which key and what was expected
├── InputError             bad user input (idea, path, note, flag); says what to change
│   └── PathOutsideStudio  a path resolves outside the studio folder
├── ModelError             the planner/critic server misbehaved (status, body)
│   └── ModelUnavailable   cannot connect to the model server
├── ComfyError
│   ├── ComfyUnavailable   cannot connect after bounded retries
│   ├── ComfyRejected      400 with node_errors (not retried)
│   ├── ComfyJobFailed     execution_error (prompt_id, node_id, message)
│   └── ComfyJobLost       the server no longer knows our prompt (it restarted)
├── MediaError             ffmpeg/PyAV failed (command, stderr tail)
└── MemoryStoreError       the memory folder is corrupt, locked or the lesson is invalid
```

Exceptions never log in `__init__`; the CLI turns them into one clear line and a
non-zero exit code. Every exception's `str()` is that line.
"""

from __future__ import annotations

__all__ = [
    "NightreelError",
    "ConfigError",
    "InputError",
    "PathOutsideStudio",
    "ModelError",
    "ModelUnavailable",
    "ComfyError",
    "ComfyUnavailable",
    "ComfyRejected",
    "ComfyJobFailed",
    "ComfyJobLost",
    "MediaError",
    "MemoryStoreError",
]


class NightreelError(Exception):
    """Base of every error nightreel raises on purpose."""

    exit_code: int = 1


class ConfigError(NightreelError):
    """Bad settings: names the key and what was expected."""

    exit_code = 2

    def __init__(self, key: str, expected: str, got: object | None = None):
        self.key, self.expected, self.got = key, expected, got
        msg = f"config {key}: expected {expected}"
        if got is not None:
            msg += f", got {got!r}"
        super().__init__(msg)


class InputError(NightreelError):
    """Input a person gave us that we cannot use; the message says what to change."""

    exit_code = 2


class PathOutsideStudio(InputError):
    """A path resolved outside the studio folder (or the folder a tool is allowed to touch)."""

    def __init__(self, path: object, root: object):
        self.path, self.root = path, root
        super().__init__(f"path {path} is outside the allowed folder {root}")


class ModelError(NightreelError):
    """The planner or critic model server misbehaved."""

    def __init__(self, message: str, *, status: int | None = None, body: str | None = None):
        self.status, self.body = status, body
        parts = [message]
        if status is not None:
            parts.append(f"(HTTP {status})")
        if body:
            parts.append(f": {body[:300]}")
        super().__init__(" ".join(parts))


class ModelUnavailable(ModelError):
    """Could not connect to the model server."""


class ComfyError(NightreelError):
    """Anything ComfyUI did that we could not use."""


class ComfyUnavailable(ComfyError):
    """Cannot connect to the ComfyUI server after bounded retries."""

    def __init__(self, url: str, reason: str = "connection refused"):
        self.url, self.reason = url, reason
        super().__init__(f"ComfyUI at {url} is unavailable: {reason}")


class ComfyRejected(ComfyError):
    """ComfyUI answered 400 with node_errors; the graph is wrong and is not retried."""

    def __init__(self, message: str, node_errors: dict | None = None):
        self.node_errors = node_errors or {}
        super().__init__(message)


class ComfyJobFailed(ComfyError):
    """The server ran our prompt and reported an execution_error."""

    def __init__(self, prompt_id: str, node_id: str | None, message: str):
        self.prompt_id, self.node_id, self.message = prompt_id, node_id, message
        super().__init__(f"ComfyUI job {prompt_id} failed at node {node_id}: {message}")


class ComfyJobLost(ComfyError):
    """The server forgot a prompt we submitted (restart): neither queued nor in history."""

    def __init__(self, prompt_id: str, url: str):
        self.prompt_id, self.url = prompt_id, url
        super().__init__(f"ComfyUI at {url} no longer knows job {prompt_id} (restarted?)")


class MediaError(NightreelError):
    """ffmpeg/PyAV could not do what we asked."""

    def __init__(self, message: str, *, command: list[str] | None = None, stderr: str = ""):
        self.command, self.stderr = command, stderr
        tail = "\n".join(stderr.strip().splitlines()[-3:]) if stderr else ""
        super().__init__(message + (f": {tail}" if tail else ""))


class MemoryStoreError(NightreelError):
    """The memory store is corrupt, locked, or was asked something impossible."""
