"""nightreel's memory (floor 2): lessons (seeded, learned, approved) and the outcomes of every shot.
Imports the kernel and prompts only; independent of ``tools``.

- :class:`MemoryStore` (``store.py``): chromadb under ``<studio>/memory``; its recall queries are
  ``queries.py``, its learning log and tonight's proposals ``journal.py``.
- :func:`lint_shot` (``lessons.py``): the active lessons applied to a shot, rule by rule.
- :func:`propose_lessons` (``learn.py``): lessons proposed from what keeps getting rejected;
  :func:`learn_from_outcomes` runs it over a store (during and after every night) and reports what changed.
- :func:`recall_past_shots` / :func:`past_shots_block` (``recall.py``): the past shots most like a
  brief, with their outcome, bounded in tokens.
- :func:`explain_lesson` (``explain.py``): why a lesson exists and which storyboards it changed.
"""

from memory.embeddings import MAX_EMBED_CHARS, minilm_embedding_function, minilm_path
from memory.explain import LessonStory, explain_lesson
from memory.learn import (
    Finding,
    LearningReport,
    find_features,
    learn_from_outcomes,
    merge_proposals,
    prompt_features,
    propose_lessons,
    reason_key,
)
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
from memory.recall import PastShot, PastShots, estimate_tokens, past_shots_block, recall_past_shots
from memory.records import outcome_from_verdict
from memory.store import LESSONS, OUTCOMES, MemoryStore

__all__ = [
    "MemoryStore", "LESSONS", "OUTCOMES", "outcome_from_verdict",
    "lint_shot", "lint_storyboard_shots", "seed_lessons", "LintResult", "RULES", "EMPTY_OPEN", "EMPTY_CLOSE",
    "find_words", "lesson_in_scope",
    "propose_lessons", "find_features", "prompt_features", "reason_key", "Finding",
    "minilm_embedding_function", "minilm_path", "MAX_EMBED_CHARS",
    "learn_from_outcomes", "merge_proposals", "LearningReport", "recall_past_shots", "past_shots_block", "PastShot", "PastShots",
    "estimate_tokens", "explain_lesson", "LessonStory",
]
