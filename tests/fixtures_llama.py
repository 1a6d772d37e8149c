"""The embedded planner servers, once per session: SmolLM2-135M (the path) and Qwen2.5-Coder-1.5B (the agent)."""

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def llama_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("llama-cache")


@pytest.fixture(scope="session")
def model_cache():
    """Where the Qwen GGUF is assembled from its wheels: kept between sessions (like pip's cache), 1.1 GB."""
    root = Path(os.environ.get("NIGHTREEL_TEST_MODEL_CACHE", Path.home() / ".cache" / "nightreel-test"))
    root.mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture(scope="session")
def llama_endpoint(llama_cache):
    """A running embedded planner: an agents.models.Endpoint on a free loopback port (SmolLM2, no tools)."""
    from agents.embedded_server import EmbeddedServer

    with EmbeddedServer("smollm2", llama_cache, llama_cache / "logs", n_ctx=8192, n_threads=2) as ep:
        yield ep


@pytest.fixture(scope="session")
def qwen_endpoint(model_cache, llama_cache):
    """The embedded agent: Qwen2.5-Coder-1.5B with llama-cpp-python's chatml-function-calling format."""
    from agents.embedded_server import EmbeddedServer

    with EmbeddedServer("qwen1.5b", model_cache, llama_cache / "logs", n_ctx=8192, n_threads=2) as ep:
        yield ep
