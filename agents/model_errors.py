"""One table from what a model run raises to nightreel's error tree, as httpx's ``map_exceptions``.

Every place that runs a planner model (``agents.planner``, ``agents.expand``, ``agents.chat``, the night's decision)
translates through :func:`model_error` / :func:`map_model_errors`, then decides by nightreel's types what to do (raise,
try the next rung, hand the line to the rules)::

    pydantic-ai / the client            nightreel
    UsageLimitExceeded               →  ModelError        it kept calling tools or retrying past N requests
    UnexpectedModelBehavior          →  ModelError        the answer was unusable after retries (body kept)
    ModelHTTPError                   →  ModelError        the server answered HTTP <status> (status, body kept)
    ModelConnectionError (a timeout) →  ModelUnavailable  up but slow: how to give it longer
    ModelConnectionError             →  ModelUnavailable  cannot reach the planner at <url>
    ModelAPIError (any other)        →  ModelError        the server's answer was not a chat completion
    AgentRunError (any other)        →  ModelError        the run failed (invalid tool calls after retries, …)
    OSError                          →  ModelUnavailable  cannot reach the planner at <url>

The first row whose type matches wins (more specific rows come first). A NightreelError passes through unchanged.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator

from nightreel.errors import ModelError, ModelUnavailable, NightreelError

__all__ = ["MAPPING", "map_model_errors", "model_error", "unreachable_message"]


def unreachable_message(url: str, e: Exception) -> str:
    """A connection failure in words: a timeout is a server that is up but slow, not one that is down."""
    from pydantic_ai.exceptions import ModelTimeoutError

    message = getattr(e, "message", None) or str(e)
    if isinstance(e, ModelTimeoutError) or "timed out" in message.lower():
        return (f"the planner at {url} did not answer in time ({message}): it is up but slow — a busy machine, "
                "a long answer; raise NIGHTREEL_MODEL_TIMEOUT_S (seconds per request) or free the CPU")
    return f"cannot reach the planner at {url}: {message}"


def _body(e: Exception) -> str | None:
    body = getattr(e, "body", None)
    if body is None:
        return None
    return body if isinstance(body, str) else json.dumps(body, default=str)[:300]


def _table() -> list[tuple[type[BaseException], Callable[[BaseException, str, int], NightreelError]]]:
    from pydantic_ai.exceptions import (
        AgentRunError,
        ModelAPIError,
        ModelConnectionError,
        ModelHTTPError,
        UnexpectedModelBehavior,
        UsageLimitExceeded,
    )

    return [
        (UsageLimitExceeded, lambda e, url, n: ModelError(
            f"it kept calling tools or retrying past {n} requests")),
        (UnexpectedModelBehavior, lambda e, url, n: ModelError(
            f"the answer was unusable after retries: {getattr(e, 'message', e)}", body=_body(e))),
        (ModelHTTPError, lambda e, url, n: ModelError(
            "the planner server answered with an error", status=getattr(e, "status_code", None), body=_body(e))),
        (ModelConnectionError, lambda e, url, n: ModelUnavailable(unreachable_message(url, e))),
        (ModelAPIError, lambda e, url, n: ModelError(
            f"the server's answer was not a chat completion ({str(getattr(e, 'message', e))[:100]})")),
        (AgentRunError, lambda e, url, n: ModelError(f"the run failed: {str(e)[:200]}")),
        (OSError, lambda e, url, n: ModelUnavailable(unreachable_message(url, e))),
    ]


MAPPING = _table
"""The table itself (a function, so pydantic-ai is imported only when a model runs): (error type, maker) rows."""


def model_error(e: BaseException, *, url: str = "?", max_requests: int = 0) -> NightreelError | None:
    """The nightreel error for `e` by the table; None when no row matches (the caller re-raises `e`)."""
    if isinstance(e, NightreelError):
        return e
    for kind, make in _table():
        if isinstance(e, kind):
            return make(e, url, max_requests)
    return None


@contextlib.contextmanager
def map_model_errors(*, url: str = "?", max_requests: int = 0) -> Iterator[None]:
    """Run a model call with its errors translated by the table (raised from None: one clear line)."""
    try:
        yield
    except NightreelError:
        raise
    except Exception as e:
        mapped = model_error(e, url=url, max_requests=max_requests)
        if mapped is None:
            raise
        raise mapped from None
