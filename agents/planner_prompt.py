"""The planner's prompt: written from the idea, the styles, the lessons and past shots, and fitted to the context.

:func:`user_prompt` writes the user message; :func:`fit_prompt` trims it (lessons, past shots, then styles) so
that no request exceeds the embedded model's context, with the answer's tokens reserved
(:func:`tokens_budget`); :func:`count_tokens` asks the embedded server for a brief's exact count.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import prompts
from agents.models import Endpoint
from nightreel.schema import TARGET_MODEL, Lesson, storyboard_draft_model

__all__ = ["CONTEXT_MARGIN", "MESSAGE_OVERHEAD", "PlannedPrompt", "count_tokens", "estimate_tokens", "fit_prompt", "tokens_budget", "user_prompt"]

_TOKENS_PER_SHOT = 560  # worst case with the bounded draft schema (DRAFT_FIELD_LIMITS)


def tokens_budget(n_shots: int) -> int:
    return n_shots * _TOKENS_PER_SHOT + 120


def quote_data(text: str) -> str:
    """Text from a note, a person or a model, as data inside a prompt: one JSON string (quotes and newlines
    escaped), so that "ignore your instructions…" in a note reads as part of the idea, never as an instruction."""
    return json.dumps(str(text), ensure_ascii=False)


def user_prompt(idea: str, n: int, target: str, lessons: list[Lesson], *, past_shots: str = "",
                styles: str | None = None, shot_note: str = "") -> str:
    """The planner's user message: the idea, the styles, the recalled lessons and (optionally) past shots.

    `shot_note`: our own line after the quoted idea (the per-shot rung's "This is shot 2 of 4.").

    `past_shots`: a block of recalled past shots (memory) shown to the planner as reference.
    `styles`: "all" (default: every target's style when the target is auto), "target" (only the first
    target's style, to save context) or "none".
    """
    lines = "\n".join(f"- {ls.trigger}: {ls.fix}" for ls in lessons)
    which = ["draft", "final", "still"] if target == "auto" else [target]
    if styles == "target":
        which = which[:1]
    elif styles == "none":
        which = []
    style = "\n".join(prompts.style_for(t) for t in which) or "(the target model's usual style)"
    extra = f"Lessons from past renders:\n{lines}" if lines else ""
    if past_shots.strip():
        extra = (extra + "\n" if extra else "") + f"Past shots from this studio and what became of them (build on the accepted, avoid what was rejected; do not copy):\n{past_shots.strip()}"
    return prompts.load("planner_user").format(
        idea=quote_data(idea) + (f"\n{shot_note}" if shot_note else ""), n=n, target=("chosen per shot" if target == "auto" else f"{target} ({TARGET_MODEL[target]})"),
        styles=style, lessons=extra)


# ---------------------------------------------------------------------------------------------
# the prompt against the context: what a request costs, and trimming to fit
# ---------------------------------------------------------------------------------------------

_CHARS_PER_TOKEN = 2.6   # conservative: measured 3.1-4.2 UTF-8 bytes per token on these prompts (SmolLM2, Qwen)
MESSAGE_OVERHEAD = 48   # chat template tokens around the system and user turns
CONTEXT_MARGIN = 64


def estimate_tokens(*texts: str) -> int:
    """An upper estimate of the tokens `texts` take in a chat request (no tokenizer needed)."""
    return sum(int(len(t.encode("utf-8")) / _CHARS_PER_TOKEN) + 1 for t in texts) + MESSAGE_OVERHEAD


async def count_tokens(ep: Endpoint, text: str, *, timeout_s: float = 30.0) -> int | None:
    """The exact token count from the embedded server (llama-cpp-python's /extras/tokenize/count); None if unknown.

    Used for the brief, the one part of the prompt in any language and script: a byte-level tokenizer spends up
    to a token per byte on a script it rarely saw, which no characters-per-token estimate covers.
    """
    if not ep.embedded:
        return None
    import httpx

    base = ep.base_url[:-3] if ep.base_url.endswith("/v1") else ep.base_url
    try:
        async with httpx.AsyncClient(timeout=timeout_s) as client:
            r = await client.post(f"{base}/extras/tokenize/count", json={"input": text},
                                  headers={"Authorization": f"Bearer {ep.api_key}"})
        return int(r.json()["count"]) if r.status_code == 200 else None
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return None


def _schema_text(ep: Endpoint, draft_model) -> str:
    """What the structured-output instructions add to the request (the schema, in the prompt or as a tool)."""
    schema = json.dumps(draft_model.model_json_schema(), ensure_ascii=False)
    if ep.output_mode == "json_object":
        return prompts.load("planner_output").replace("{schema}", schema)
    return schema


def _grams(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"[\w']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _example_prompt() -> str:
    """The style example's description: its prompt without the opener and the camera and closing lines, which are
    the style a shot may share ("Locked-off tripod, shallow depth of field…")."""
    m = re.search(r'"positive": "([^"]+)"', prompts.load("planner_output"))
    sentences = re.split(r"(?<=\.) ", m.group(1)) if m else []
    return " ".join(sentences[1:-2])


def copies_the_example(positive: str, share: float = 0.7) -> bool:
    """Whether a shot's prompt is the style example's, copied (Qwen 1.5B wrote "A white ceramic cup of black coffee on
    a wet marble counter…" for a lighthouse note, twice): `share` of the example's description's word 4-grams or more
    appear in it — near word for word; a coffee brief's own cup shares a third to a half of them."""
    example = _grams(_example_prompt())
    return bool(example) and len(example & _grams(positive)) >= share * len(example)


@dataclass
class PlannedPrompt:
    text: str
    max_tokens: int
    tokens: int                 # estimated prompt tokens
    lessons: list[Lesson]
    trimmed: list[str] = field(default_factory=list)


def fit_prompt(idea: str, n: int, target: str, lessons: list[Lesson], *, ep: Endpoint, ctx: int | None,
               past_shots: str = "", draft_model=None, max_tokens: int | None = None,
               prompt_fn=None, idea_tokens: int | None = None) -> PlannedPrompt | None:
    """The planner prompt trimmed to fit `ctx` tokens with room for the answer, or None when even the bare
    prompt does not fit. Trims, in order: recalled lessons (least relevant last), past shots, the styles of
    other targets, then every style. `ctx=None` (a server whose context we do not know): nothing is trimmed.
    `idea_tokens`: the brief's exact token count when the server told us (it replaces the brief's estimate).
    """
    draft_model = draft_model or storyboard_draft_model(n)
    max_tokens = max_tokens or tokens_budget(n)
    fixed = estimate_tokens(prompts.load("planner_system"), _schema_text(ep, draft_model))
    make = prompt_fn or (lambda ls, ps, st: user_prompt(idea, n, target, ls, past_shots=ps, styles=st))
    kept, past, styles = list(lessons), past_shots, "all"
    trimmed: list[str] = []

    idea_extra = max(0, (idea_tokens or 0) - (estimate_tokens(idea) - MESSAGE_OVERHEAD))

    def cost(text: str) -> int:
        return fixed + estimate_tokens(text) - MESSAGE_OVERHEAD + idea_extra

    text = make(kept, past, styles)
    if ctx is None:
        return PlannedPrompt(text, max_tokens, cost(text), kept)
    room = ctx - max_tokens - CONTEXT_MARGIN
    while cost(text) > room and kept:
        kept.pop()
        text = make(kept, past, styles)
    if len(kept) < len(lessons):
        trimmed.append(f"{len(lessons) - len(kept)} of {len(lessons)} recalled lessons")
    if cost(text) > room and past:
        past = ""
        text = make(kept, past, styles)
        trimmed.append("the recalled past shots")
    for level in ("target", "none"):
        if cost(text) > room:
            styles = level
            text = make(kept, past, styles)
            trimmed.append("the other targets' styles" if level == "target" else "the style guides")
    if cost(text) > room:
        return None
    return PlannedPrompt(text, max_tokens, cost(text), kept, trimmed)
