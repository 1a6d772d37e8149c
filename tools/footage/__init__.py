"""Footage: real video-model generations from the ComfyUI template wheels, retrieved by a shot's prompt.

The stand-in for a video model when none is configured: the templates' media wheels ship animated WebPs that Wan,
LTX-2, Hunyuan, Kling, Veo... made, and the template JSON beside each holds the prompt that made it.

- :func:`build_catalogue`, :class:`Catalogue`, :class:`FootageClip` — the clips, their prompts, what was skipped
  and why
- :class:`FootageIndex` — the prompts embedded (the embedder injected), cached per wheel set; ``pick`` for a shot,
  by what its prompt wants to see and its people expectation (the readers injected; :data:`PEOPLE_PENALTY`)
- :func:`retrieved_label` — the line every card, sidecar and page shows: a retrieved clip, not a render of the shot
"""

from tools.footage.catalogue import (
    MIN_FRAMES,
    Catalogue,
    FootageClip,
    MediaSource,
    build_catalogue,
    installed_sources,
    model_of,
    webp_info,
)
from tools.footage.index import NEAREST, PEOPLE_PENALTY, FootageIndex, Match
from tools.footage.prompts import template_prompt

__all__ = [
    "MIN_FRAMES",
    "NEAREST",
    "PEOPLE_PENALTY",
    "Catalogue",
    "FootageClip",
    "FootageIndex",
    "Match",
    "MediaSource",
    "build_catalogue",
    "installed_sources",
    "model_of",
    "retrieved_label",
    "template_prompt",
    "webp_info",
]


def retrieved_label(template: str, model: str, prompt: str, *, width: int = 160) -> str:
    """'retrieved real generation: <template> (<model>) — prompt: '…'' (the prompt cut to `width` characters)."""
    text = " ".join(str(prompt).split())
    if len(text) > width:
        text = text[:width - 1].rstrip() + "…"
    return f"retrieved real generation: {template} ({model}) — prompt: '{text}'"
