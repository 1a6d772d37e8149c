"""Memory fixtures: the real MiniLM embedding function (loaded once per session) and a real
chromadb store in a fresh studio for each test."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def memory_ef():
    """The packaged all-MiniLM-L6-v2 as chromadb's embedding function, loaded and warmed once."""
    from memory.embeddings import minilm_embedding_function

    ef = minilm_embedding_function()
    ef(["warm up"])
    return ef


@pytest.fixture
def memory_store(studio, memory_ef):
    """A MemoryStore (seeded) in the test's own studio; proposed lessons apply after 2 confirmations."""
    from memory.store import MemoryStore

    with MemoryStore.open(studio, memory_ef, confirmations=2) as store:
        yield store
