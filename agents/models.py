"""Talking to an OpenAI-compatible planner server: the endpoint, the pydantic-ai model for it, the wire fixes the
embedded server needs, and the checks `nightreel doctor` runs.

Production points `planner_url` at llama.cpp's ``llama-server --jinja``, Ollama, vLLM or LM Studio serving
Hermes 4.3 36B; with no URL, :func:`agents.embedded_server.open_planner` starts the embedded llama-cpp-python
server (its models: :mod:`agents.embedded_models`) and yields an :class:`Endpoint` all the same.

The embedded server's ``chatml-function-calling`` format has two traps, fixed on the wire by
:class:`EmbeddedRequestFix` (that format only): an assistant turn that carries ``tool_calls`` must have
``content: ""`` (pydantic-ai sends ``null``; the server answers 500), and its template drops ``role: tool``
messages, so a tool's result is re-sent as a user turn that names the tool — otherwise the model never sees what
its tools returned and invents ids.

Structured output differs by server: llama-cpp-python's server rejects OpenAI's
``response_format: json_schema`` but accepts ``json_object`` with a ``schema`` key, which
it compiles into a grammar, so even a 135M model answers schema-valid JSON first try.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Literal

import httpx
import httpx2

from nightreel.errors import ModelError, ModelUnavailable

__all__ = ["FUNCTION_CALLING", "EmbeddedRequestFix", "Endpoint", "OutputMode", "check_endpoint", "fix_chat_request",
           "http_client_for", "make_model", "output_mode_for", "raise_for_unreachable"]

OutputMode = Literal["json_object", "json_schema", "tool"]

#: llama-cpp-python's chat format that answers OpenAI ``tool_calls`` (the wire fixes apply to it).
FUNCTION_CALLING = "chatml-function-calling"


@dataclass(frozen=True)
class Endpoint:
    """Where a planner (or critic) model answers, and how to ask it for structured output."""

    base_url: str
    model: str
    api_key: str = "sk-local"
    output_mode: OutputMode = "json_schema"
    embedded: bool = False
    label: str = ""
    pid: int | None = None
    extra: dict = field(default_factory=dict)
    tools: bool = True            # the model may drive an agent with tool calls (False: rules decide)
    chat_format: str | None = None  # the embedded server's chat format (wire fixes depend on it)
    timeout_s: float = 600.0        # one request's bound (settings.model_timeout_s, NIGHTREEL_MODEL_TIMEOUT_S)


def output_mode_for(setting: str, embedded: bool) -> OutputMode:
    if setting != "auto":
        return setting  # type: ignore[return-value]
    return "json_object" if embedded else "json_schema"


def fix_chat_request(body: dict) -> dict:
    """Rewrite a chat request for llama-cpp-python's ``chatml-function-calling`` template (see the module doc).

    - ``max_completion_tokens`` (OpenAI's newer name, which that server ignores) becomes ``max_tokens``;
    - an assistant turn's ``content`` of ``null`` (or missing) becomes ``""``;
    - a ``role: tool`` turn, which that template silently drops, becomes a user turn that names the tool
      and carries its result, so the model reads what its call returned.
    """
    if "max_completion_tokens" in body and "max_tokens" not in body:   # the server knows only max_tokens
        body = {**body, "max_tokens": body["max_completion_tokens"]}
        del body["max_completion_tokens"]
    messages = body.get("messages")
    if not isinstance(messages, list):
        return body
    names: dict[str, str] = {}
    out = []
    for m in messages:
        if not isinstance(m, dict):
            out.append(m)
            continue
        m = dict(m)
        if m.get("role") == "assistant":
            if m.get("content") is None:
                m["content"] = ""
            for call in m.get("tool_calls") or []:
                names[call.get("id", "")] = (call.get("function") or {}).get("name", "tool")
        elif m.get("role") == "tool":
            content = m.get("content")
            if not isinstance(content, str):
                content = json.dumps(content, ensure_ascii=False)
            name = names.get(m.get("tool_call_id", ""), "a tool")
            m = {"role": "user", "content": f"[result of {name}]\n{content}"}
        out.append(m)
    return {**body, "messages": out}


class EmbeddedRequestFix(httpx2.AsyncBaseTransport):
    """An httpx2 transport that applies :func:`fix_chat_request` to every ``/chat/completions`` POST."""

    def __init__(self, inner: httpx2.AsyncBaseTransport | None = None):
        self.inner = inner or httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.method == "POST" and request.url.path.endswith("/chat/completions"):
            body = json.loads(await request.aread() or b"{}")
            content = json.dumps(fix_chat_request(body), ensure_ascii=False).encode()
            headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
            request = httpx2.Request(request.method, request.url, headers=headers, content=content,
                                     extensions=request.extensions)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def http_client_for(ep: Endpoint, *, timeout_s: float | None = None) -> httpx2.AsyncClient:
    """The HTTP client a planner model talks through (httpx2, as pydantic-ai asks): for the embedded
    function-calling server, with the wire fixes; for any server, bounded by a timeout (the endpoint's own,
    which :func:`agents.embedded_server.open_planner` takes from ``model_timeout_s``)."""
    transport = EmbeddedRequestFix() if ep.chat_format == FUNCTION_CALLING else None
    return httpx2.AsyncClient(transport=transport, timeout=httpx2.Timeout(timeout_s or ep.timeout_s, connect=10.0))


def make_model(ep: Endpoint, http_client: httpx2.AsyncClient | None = None):
    """A pydantic-ai model for an endpoint, with a profile that matches what the server supports.

    llama-cpp-python's function-calling format answers ``tool_choice`` "auto", "none" or one named tool, never
    "required" nor OpenAI's ``allowed_tools``: such a server gets neither. The embedded server mends "required"
    (:mod:`agents.llama_server`), so a run whose only answer is a call is forced there (:func:`forces_tool_choice`).
    """
    from pydantic_ai.models.openai import OpenAIChatModel
    from pydantic_ai.profiles.openai import OpenAIModelProfile
    from pydantic_ai.providers.openai import OpenAIProvider

    if http_client is None:
        http_client = http_client_for(ep)
    if ep.embedded and isinstance(http_client, httpx2.AsyncClient):
        # no client-side retries on our own server: llama-cpp-python keeps generating for an abandoned request,
        # so a retried timeout doubles the wait; pydantic-ai's own retries (ModelRetry) still apply
        from openai import AsyncOpenAI

        provider = OpenAIProvider(openai_client=AsyncOpenAI(base_url=ep.base_url, api_key=ep.api_key,
                                                            http_client=http_client, max_retries=0))
    else:
        provider = OpenAIProvider(base_url=ep.base_url, api_key=ep.api_key, http_client=http_client)
    profile = OpenAIModelProfile(
        supports_json_object_output=ep.output_mode == "json_object",
        supports_json_schema_output=ep.output_mode == "json_schema",
        supports_tools=True,
        openai_supports_strict_tool_definition=False,
        default_structured_output_mode="prompted" if ep.output_mode == "json_object" else (
            "native" if ep.output_mode == "json_schema" else "tool"),
    )
    if ep.chat_format == FUNCTION_CALLING or ep.embedded:
        profile = OpenAIModelProfile(**{**profile, "supports_forced_tool_choice": forces_tool_choice(ep),
                                        "openai_chat_supports_allowed_tools": False})
    if ep.embedded or not _is_openai_com(ep.base_url):
        # pydantic-ai sends the max_tokens setting as OpenAI's newer `max_completion_tokens`, which
        # llama-cpp-python's server (and other local servers) ignore: every answer then ran to the context's end
        profile = OpenAIModelProfile(**{**profile, "openai_chat_supports_max_completion_tokens": False})
    return OpenAIChatModel(ep.model, provider=provider, profile=profile)


def forces_tool_choice(ep: Endpoint | None) -> bool:
    """The server answers ``tool_choice: "required"`` (and a named tool) with a call: the embedded server with the
    function-calling format does (agents.llama_server mends that handler; a model on its own GGUF template, SmolLM2,
    has no calls at all). Other servers are not assumed to: a run that needs a call asks again."""
    return bool(ep is not None and ep.embedded and ep.chat_format == FUNCTION_CALLING)


def _is_openai_com(url: str) -> bool:
    from urllib.parse import urlparse

    host = (urlparse(url).hostname or "").lower()
    return host == "api.openai.com" or host.endswith((".openai.com", ".openai.azure.com"))


def check_endpoint(ep: Endpoint, timeout_s: float = 30.0) -> list[tuple[bool, str]]:
    """What `nightreel doctor` reports: reachable, model listed, a 1-token completion."""
    out: list[tuple[bool, str]] = []
    headers = {"Authorization": f"Bearer {ep.api_key}"}
    try:
        r = httpx.get(f"{ep.base_url}/models", headers=headers, timeout=timeout_s)
    except httpx.HTTPError as e:
        return [(False, f"cannot reach {ep.base_url}: {e.__class__.__name__}. Is the server running? "
                        "Check NIGHTREEL_PLANNER_URL (it should end in /v1).")]
    if r.status_code != 200:
        return [(False, f"{ep.base_url}/models answered HTTP {r.status_code}: {r.text[:200]}")]
    out.append((True, f"reachable: {ep.base_url}"))
    try:
        ids = [m.get("id") for m in r.json().get("data", [])]
    except ValueError:
        ids = []
    listed = ep.model in ids or (len(ids) == 1 and ep.model in ("default", ""))
    out.append((listed, f"model {ep.model!r} listed" if listed else
                f"model {ep.model!r} not listed; the server has: {', '.join(map(str, ids)) or 'none'} "
                "(set NIGHTREEL_PLANNER_MODEL)"))
    t0 = time.monotonic()
    try:
        r = httpx.post(f"{ep.base_url}/chat/completions", headers=headers, timeout=timeout_s, json={
            "model": ep.model, "max_tokens": 1, "messages": [{"role": "user", "content": "Say OK"}]})
        ok = r.status_code == 200 and bool(r.json().get("choices"))
        out.append((ok, f"1-token completion in {time.monotonic() - t0:.2f} s" if ok else
                    f"completion failed: HTTP {r.status_code} {r.text[:200]}"))
    except (httpx.HTTPError, ValueError) as e:
        out.append((False, f"completion failed: {e}"))
    return out


def raise_for_unreachable(ep: Endpoint) -> None:
    try:
        httpx.get(f"{ep.base_url}/models", timeout=5.0)
    except httpx.HTTPError as e:
        raise ModelUnavailable(f"cannot reach the planner at {ep.base_url} ({e.__class__.__name__}); "
                               "start it or unset NIGHTREEL_PLANNER_URL to use the embedded model") from None
    except Exception as e:  # pragma: no cover
        raise ModelError(str(e)) from None
