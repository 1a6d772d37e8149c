"""nightreel's memory (floor 2): lessons (seeded, learned, approved) and the outcomes of every shot.
Imports the kernel and prompts only; independent of ``tools``.

- :class:`MemoryStore` (``store.py``): chromadb under ``<studio>/memory``, recall, outcomes.
- :func:`lint_shot` (``lessons.py``): the active lessons applied to a shot, rule by rule.
- :func:`propose_lessons` (``learn.py``): lessons proposed from what keeps getting rejected.
"""

from memory.embeddings import MAX_EMBED_CHARS, minilm_embedding_function, minilm_path
from memory.learn import Finding, find_features, prompt_features, propose_lessons, reason_key
from memory.lessons import (
    EMPTY_CLOSE,
    EMPTY_OPEN,
    RULES,
    LintResult,
    find_words,
    lesson_in_scope,
    lint_shot,
    lint_storyboard_shots,
    seed_lessons,
)
from memory.records import outcome_from_verdict
from memory.store import LESSONS, OUTCOMES, MemoryStore

__all__ = [
    "MemoryStore", "LESSONS", "OUTCOMES", "outcome_from_verdict",
    "lint_shot", "lint_storyboard_shots", "seed_lessons", "LintResult", "RULES", "EMPTY_OPEN", "EMPTY_CLOSE",
    "find_words", "lesson_in_scope",
    "propose_lessons", "find_features", "prompt_features", "reason_key", "Finding",
    "minilm_embedding_function", "minilm_path", "MAX_EMBED_CHARS",
]
