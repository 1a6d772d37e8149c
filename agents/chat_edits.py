"""Changing shots of a storyboard as a person's line says: the edits both the chat's rules and its tools make.

An instruction is carried out whole, or the result says which part was not: what the line states explicitly
(nobody, a tripod, a loop, words on screen) is applied by the brief's rules; anything more ("…and make it rain",
"warmer light") is a rewrite by the planner model with the shot's current JSON in the prompt. When that rewrite
fails, the stated settings are still applied and :attr:`Edit.not_done` names the part left undone and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import prompts
from agents.brief import apply_explicit, explicit_expectations
from agents.deps import Deps
from agents.expand import expand
from agents.models import Endpoint
from agents.planner import (
    active_lessons,
    agree_camera,
    build_planner,
    finish_shots,
    run_planner,
)
from nightreel.errors import ModelError
from nightreel.schema import Shot, Storyboard

__all__ = ["Edit", "beyond_settings", "edit_shots", "variants_of"]

# words that only say which shot and how to ask ("make shot 2 a …", "all shots", "please")
_FILLER = frozenset("""make makes it its the a an and shot shots all every each please to be should with them is are
in of now into then also so that this just let lets can you could would i want need turn change set use keep give
have has on for as their first second third fourth fifth sixth seventh eighth ninth tenth last one two three four
five six seven eight nine ten more""".split())
# words that only name the settings the rules apply (camera move, people, loop, text on screen)
_SETTING = frozenset("""locked lock lock-off locked-off tripod static fixed still steady camera cam movement move moving
no nobody none noone people person persons empty anybody anyone someone somebody visible frame loop loops looping
loopable loopable seamless seamlessly slow slowly pan panning dolly out orbit orbiting handheld hand-held text words
title titles caption captions subtitles screen gentle""".split())


def beyond_settings(instruction: str) -> str:
    """The part of an instruction the rules cannot carry out: its clauses that say more than a setting.

    "make shot 2 a locked tripod and make it rain" → "make it rain"; "make shot 3 a locked tripod" → "".
    """
    out = []
    for clause in re.split(r"\s*(?:,|;|\band\b|\bthen\b|\.)\s*", instruction):
        words = [w for w in re.findall(r"[\w#'-]+", clause.lower()) if not w.lstrip("#").isdigit()]
        if any(w not in _FILLER and w not in _SETTING for w in words):
            out.append(clause.strip())
    return ", ".join(out)


@dataclass
class Edit:
    """The storyboard after an edit, what the rules applied, and the part of the instruction left undone."""

    storyboard: Storyboard
    applied: dict = field(default_factory=dict)
    rewritten: bool = False         # the planner model rewrote the shots for the part beyond the settings
    not_done: str = ""


async def edit_shots(deps: Deps, ep: Endpoint, sb: Storyboard, refs: list[int], instruction: str, *,
                     model=None, stated: dict | None = None) -> Edit:
    """Shots `refs` (1-based) changed as `instruction` says; other shots untouched.

    `stated`: settings the person's own line states for these shots, applied even when the model's instruction
    left them out (Qwen called revise_shot(instruction="make it rain") for "a locked tripod and make it rain").
    """
    from memory.lessons import lint_shot

    explicit = {**(stated or {}), **explicit_expectations(instruction)}
    brief_explicit = explicit_expectations(sb.brief.idea)
    targets = [sb.shots[i - 1] for i in refs]
    rest = beyond_settings(instruction) if explicit else instruction
    new = targets
    not_done = ""
    if rest:
        current = "\n".join(s.model_dump_json(include={"title", "duration_s", "target", "positive", "negative",
                                                         "camera", "lighting", "audio", "expectations"})
                            for s in targets)
        prompt = prompts.load("chat_edit").format(idea=sb.brief.idea, n=len(targets), shots=current,
                                                  instruction=instruction)
        try:
            agent = build_planner(ep, len(targets), model=model)
            result = await run_planner(agent, prompt, deps, max_requests=deps.settings.planner_max_requests)
        except ModelError as e:
            if not explicit:
                raise                     # nothing of the instruction can be done: the caller says so
            not_done = f"{rest!r} was not carried out ({e})"
        else:
            drafts, _ = finish_shots(sb.brief.idea, list(result.output.shots), active_lessons(deps),
                                     explicit={**brief_explicit, **explicit})
            new = [n.model_copy(update={"id": t.id, "seed": t.seed, "start_image": t.start_image})
                   for n, t in zip(drafts, targets)]
    lessons = active_lessons(deps)
    shots = list(sb.shots)
    forced = {**brief_explicit, **explicit}
    for i, shot in zip(refs, new):
        shots[i - 1] = agree_camera(lint_shot(apply_explicit(shot, forced), lessons).shot, forced.get("camera"))
    return Edit(sb.model_copy(update={"shots": shots}), explicit, rewritten=new is not targets, not_done=not_done)


async def variants_of(deps: Deps, ep: Endpoint, sb: Storyboard, ref: int, count: int, *,
                      model=None) -> tuple[Storyboard, list[Shot]]:
    """`count` variants of shot `ref` (1-based), inserted after it, keeping its expectations."""
    base = sb.shots[ref - 1]
    idea = f"{sb.brief.idea}\nVariants of the shot '{base.title}': {base.positive[:600]}"
    more = await expand(idea, deps, ep, n_shots=count, target=base.target, project=sb.brief.project, model=model)
    explicit = {**explicit_expectations(sb.brief.idea), **base.expectations.model_dump()}
    taken = {s.id for s in sb.shots}
    variants = []
    for j, v in enumerate(more.shots, 1):
        vid = f"{base.id}-v{j}"
        while vid in taken:
            j += 1
            vid = f"{base.id}-v{j}"
        taken.add(vid)
        variants.append(agree_camera(apply_explicit(v, explicit), explicit.get("camera")).model_copy(update={"id": vid}))
    return sb.model_copy(update={"shots": [*sb.shots[:ref], *variants, *sb.shots[ref:]]}), variants
