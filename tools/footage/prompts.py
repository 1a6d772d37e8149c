"""The prompt that made a template's clip, read from the template's UI-format JSON.

Candidates are the free-text widget values of every node, top level and inside subgraphs: text
encoders (``CLIPTextEncode``, ``TextEncode*``), string primitives, subgraph instances that promote
a prompt widget, and the partner (API) nodes of Kling, Veo, Vidu, Wan, Seedance... which hold their
``prompt`` among their widgets. Notes, math expressions and sigma lists are never prompts. A text is
negative when its node is titled so, when it feeds an input named ``negative``, or when it reads as
a negative list (Wan's default Chinese negative, "blurry, low quality, ..."); negatives are dropped.
The best remaining candidate wins: a text encoder known to feed ``positive`` first, then a text
encoder or API prompt, then any other text; the longer text on a tie.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["template_prompt"]

_NOT_PROMPTS = ("Note", "MarkdownNote", "ManualSigmas", "ComfyMathExpression", "PrimitiveInt", "PrimitiveFloat",
                "LoadImage", "LoadVideo", "SaveVideo", "SaveImage", "LoraLoader")
_NEGATIVE_START = re.compile(
    r"^\s*(色调艳丽|过曝|blurry|blur|low[ -]quality|worst quality|bad quality|lowres|low resolution|ugly|deformed|"
    r"distorted|jpeg artifacts|watermark|overexposed|static,|nsfw|disfigured|out of focus)", re.IGNORECASE)
_URL = re.compile(r"https?://|\]\(|^#|\{\{")
#: an LLM's system prompt, not the text the video model got
_INSTRUCTION = re.compile(r"^\s*(you are\b|role:|task:|step \d|#+ )", re.IGNORECASE)
_FILE = re.compile(r"^[\w./:-]+\.(safetensors|ckpt|pt|pth|gguf|onnx|bin|mp3|wav|mp4|fbx|glb|png|jpe?g|webp)$",
                   re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


def _nodes(workflow: dict) -> list[tuple[dict, dict[int, tuple[int, int]], dict[int, dict]]]:
    """(node, link id -> (target node id, target slot), node id -> node) for every graph level."""
    graphs = [workflow] + list((workflow.get("definitions") or {}).get("subgraphs") or [])
    out = []
    for g in graphs:
        links: dict[int, tuple[int, int]] = {}
        for link in g.get("links") or []:
            if isinstance(link, list) and len(link) >= 5:
                links[link[0]] = (link[3], link[4])
            elif isinstance(link, dict) and "id" in link:
                links[link["id"]] = (link.get("target_id"), link.get("target_slot"))
        by_id = {n.get("id"): n for n in g.get("nodes") or [] if isinstance(n, dict)}
        out.extend((n, links, by_id) for n in by_id.values())
    return out


def _feeds(node: dict, links: dict, by_id: dict) -> set[str]:
    """Names of the inputs this node's outputs are linked into (same graph level)."""
    names: set[str] = set()
    for output in node.get("outputs") or []:
        for lid in output.get("links") or []:
            target_id, slot = links.get(lid, (None, None))
            target = by_id.get(target_id)
            if target is None or not isinstance(slot, int):
                continue
            inputs = target.get("inputs") or []
            if 0 <= slot < len(inputs):
                names.add(str(inputs[slot].get("name", "")).lower())
    return names


def _texts(node: dict) -> list[str]:
    values = node.get("widgets_values")
    if isinstance(values, dict):
        values = list(values.values())
    if not isinstance(values, list):
        return []
    return [v.strip() for v in values if isinstance(v, str) and _looks_like_prose(v)]


def _words(text: str) -> int:
    """Words of prose: letters separated by spaces (a path or an option id counts as none)."""
    if any("\u4e00" <= c <= "\u9fff" for c in text):
        return max(len(text) // 3, len(text.split()))   # CJK prose has no spaces
    return sum(1 for w in text.split() if _WORDS.search(w) and "/" not in w and "_" not in w)


def _looks_like_prose(text: str) -> bool:
    t = text.strip()
    return len(t) >= 10 and not _URL.search(t) and not _FILE.match(t) and not _INSTRUCTION.match(t) and _words(t) >= 2


def _is_negative(node: dict, text: str, feeds: set[str]) -> bool:
    title = str(node.get("title") or "").lower()
    if "negative" in title or "neg" == title.strip():
        return True
    if feeds and all(f.startswith("negative") for f in feeds):
        return True
    return bool(_NEGATIVE_START.match(text))


def _is_encoder(node: dict) -> bool:
    """A node whose text is the prompt by its kind (a text encoder, a text-to-X API node) or its title."""
    kind = str(node.get("type") or "").lower()
    return "textencode" in kind or "text" in kind and "to" in kind or "prompt" in str(node.get("title") or "").lower()


def _rank(node: dict, feeds: set[str]) -> int:
    kind = str(node.get("type") or "")
    title = str(node.get("title") or "").lower()
    encoder = _is_encoder(node)
    if encoder and ("positive" in feeds or "positive" in title):
        return 3
    if encoder or kind.endswith(("Node", "Api", "NodeV2", "NodeV3")) or "prompt" in title:
        return 2
    return 1


def template_prompt(workflow: Any) -> str | None:
    """The positive prompt that made a template's output, or None when it holds none."""
    if not isinstance(workflow, dict):
        return None
    best: tuple[int, int, str] | None = None
    for node, links, by_id in _nodes(workflow):
        kind = str(node.get("type") or "")
        if kind in _NOT_PROMPTS or kind.endswith("Note") or node.get("mode") == 4:  # mode 4: bypassed
            continue
        feeds = _feeds(node, links, by_id)
        rank = _rank(node, feeds)
        for text in _texts(node):
            # an API node's other text widgets are option names ("Starlight (Astra) Fast"): prose is longer
            if _is_negative(node, text, feeds) or (rank < 3 and not _is_encoder(node) and _words(text) < 5):
                continue
            cand = (rank, len(text), text)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return best[2] if best else None
