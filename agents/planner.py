"""The planner agent: an idea becomes a storyboard of shots ready for the video models.

The flow of one expansion (``expand``):

1. recall the lessons that matter for this idea (memory when it is there, else the seeded ones);
2. one constrained call: the model writes all N shots as one JSON object that must match the
   schema (grammar-constrained on llama-cpp-python, ``json_schema`` on llama-server/vLLM/Ollama,
   tool output elsewhere) — valid on the first try even from a 135M model;
3. what the brief states explicitly is forced onto every shot's expectations;
4. Wan's negative prompt is kept, seeds are assigned, and every shot is linted against the lessons.

Capable servers also get the tools ``recall_lessons`` and ``lint_shot`` during the run; a
grammar-constrained model cannot call tools, so on the embedded server the same two steps
run around the call instead.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

import structlog
from pydantic_ai import Agent, ModelRetry, NativeOutput, PromptedOutput, RunContext, ToolOutput
from pydantic_ai.exceptions import ModelAPIError, ModelHTTPError, UnexpectedModelBehavior, UsageLimitExceeded
from pydantic_ai.usage import UsageLimits

import prompts
from agents.brief import clean_idea, enforce_brief, explicit_expectations
from agents.deps import Deps
from agents.models import Endpoint, make_model
from memory.lessons import lint_shot as _lint_shot
from memory.lessons import seed_lessons
from nightreel.errors import InputError, ModelError, ModelUnavailable
from nightreel.schema import (TARGET_MAX_S, TARGET_MODEL, Brief, Lesson, Shot, ShotDraft, Storyboard, StoryboardDraft,
                              storyboard_draft_model)

log = structlog.get_logger()

__all__ = ["build_planner", "expand", "expand_sync", "recall", "finish_shots", "shot_seed", "user_prompt", "active_lessons",
           "tokens_budget", "run_planner"]

_TOKENS_PER_SHOT = 560  # worst case with the bounded draft schema (DRAFT_FIELD_LIMITS)


def tokens_budget(n_shots: int) -> int:
    return n_shots * _TOKENS_PER_SHOT + 120


def shot_seed(idea: str, index: int) -> int:
    """A reproducible seed per shot: the same idea gives the same seeds."""
    return int.from_bytes(hashlib.sha256(f"{idea}\x00{index}".encode()).digest()[:4], "big")


def recall(deps: Deps, query: str, *, limit: int = 5) -> list[Lesson]:
    """Lessons relevant to `query`: semantic recall from memory when present, else the seeded lessons."""
    if deps.memory is not None:
        return list(deps.memory.recall(query, limit=limit))
    return seed_lessons()[:limit]


def active_lessons(deps: Deps) -> list[Lesson]:
    if deps.memory is not None:
        return list(deps.memory.active_lessons())
    return seed_lessons()


async def recall_lessons(ctx: RunContext[Deps], topic: str) -> str:
    """Recall lessons learned from past renders that apply to a topic.

    Args:
        topic: what the shot is about, e.g. "first-person glide into an empty bedroom".

    Returns:
        One lesson per line: trigger, effect, fix.
    """
    lessons = recall(ctx.deps, topic)
    return "\n".join(f"- {ls.trigger}: {ls.effect}. Fix: {ls.fix}" for ls in lessons) or "no lessons yet"


async def lint_shot(ctx: RunContext[Deps], shot_json: str) -> str:
    """Check one shot against every lesson and return the corrected shot and what changed.

    Args:
        shot_json: the shot as JSON with title, duration_s, target, positive, negative, camera,
            lighting, audio and expectations.

    Returns:
        JSON with `shot` (corrected) and `changes`/`warnings` lists.
    """
    try:
        draft = ShotDraft.model_validate_json(shot_json)
    except ValueError as e:
        raise ModelRetry(f"shot_json is not a valid shot: {str(e)[:400]}") from None
    res = _lint_shot(Shot(**draft.model_dump()), active_lessons(ctx.deps))
    return json.dumps({"shot": res.shot.model_dump(mode="json"), "changes": res.changes,
                       "warnings": res.warnings}, ensure_ascii=False)


def studio_tools() -> list:
    """The tools that act on the studio (render, crop, critique, salvage, re-render) for chat-capable models."""
    from agents.critic_tools import critique_clip, rerender_shot, salvage_clip
    from agents.render_tools import crop_frame, render_shot, wait_for_job

    return [render_shot, wait_for_job, crop_frame, critique_clip, salvage_clip, rerender_shot]


def build_planner(ep: Endpoint, n_shots: int, *, http=None, max_tokens: int | None = None,
                  temperature: float = 0.7, seed: int | None = None, model=None,
                  with_studio_tools: bool = False) -> Agent[Deps, StoryboardDraft]:
    """The planner agent for an endpoint, asking for exactly `n_shots` shots.

    `model` replaces the endpoint's model (tests script the planner with pydantic-ai's FunctionModel).
    `with_studio_tools` adds render/crop/critique/salvage/re-render (when the server can call tools).
    """
    draft_model = storyboard_draft_model(n_shots)
    settings: dict[str, Any] = {"max_tokens": max_tokens or tokens_budget(n_shots), "temperature": temperature}
    if seed is not None:
        settings["seed"] = seed
    tools: list = []
    if ep.output_mode == "json_object":
        # llama-cpp-python: json_object + schema is compiled into a grammar (json_schema is rejected)
        output: Any = PromptedOutput(draft_model, template=prompts.load("planner_output"))
        settings["extra_body"] = {"response_format": {"type": "json_object",
                                                      "schema": draft_model.model_json_schema()}}
    elif ep.output_mode == "json_schema":
        output = NativeOutput(draft_model)
        tools = [recall_lessons, lint_shot]
    else:
        output = ToolOutput(draft_model, name="final_storyboard")
        tools = [recall_lessons, lint_shot]
    if tools and with_studio_tools:
        tools += studio_tools()
    return Agent(model or make_model(ep, http), deps_type=Deps, output_type=output, tools=tools,
                 instructions=prompts.load("planner_system"), retries={"tools": 2, "output": 2},
                 model_settings=settings, name="planner")


def user_prompt(idea: str, n: int, target: str, lessons: list[Lesson]) -> str:
    lines = "\n".join(f"- {ls.trigger}: {ls.fix}" for ls in lessons)
    style = "\n".join(prompts.style_for(t) for t in (["draft", "final", "still"] if target == "auto" else [target]))
    return prompts.load("planner_user").format(
        idea=idea, n=n, target=("chosen per shot" if target == "auto" else f"{target} ({TARGET_MODEL[target]})"),
        styles=style, lessons=f"Lessons from past renders:\n{lines}" if lines else "")


def finish_shots(idea: str, drafts: list[ShotDraft], lessons: list[Lesson], *, target: str = "auto",
                 explicit: dict | None = None) -> tuple[list[Shot], list[str]]:
    """Drafts → shots: forced brief expectations, target, seeds, lint. Returns shots and warnings."""
    explicit = explicit_expectations(idea) if explicit is None else explicit
    shots, warnings = [], []
    for i, d in enumerate(drafts):
        data = d.model_dump()
        if target != "auto":
            data["target"] = target
        if data["target"] != "draft":
            data["audio"] = ""
        asked = float(data["duration_s"])
        data["duration_s"] = round(min(max(asked, 1.0), TARGET_MAX_S[data["target"]]), 2)
        clamped = [] if data["duration_s"] == asked else [
            f"duration {asked:g} s set to {data['duration_s']:g} s ({TARGET_MODEL[data['target']]} renders at most "
            f"{TARGET_MAX_S[data['target']]:g} s per clip)"]
        for k in ("title", "positive", "negative", "camera", "lighting"):
            data[k] = " ".join(str(data[k]).split())
        data["title"] = data["title"][:80] or f"Shot {i + 1}"
        shot = Shot(**data, id=f"shot-{i + 1}", seed=shot_seed(idea, i), lint=clamped)
        shot, fixes = enforce_brief(shot, explicit)
        res = _lint_shot(shot, lessons)
        shots.append(res.shot)
        warnings += [f"shot {i + 1}: {w}" for w in res.warnings]
        if fixes:
            log.info("brief_enforced", shot=shot.id, fixes=fixes)
    return shots, warnings


async def run_planner(agent: Agent, prompt: str, deps: Deps, *, max_requests: int, message_history=None):
    """Run an agent with bounded requests, turning what can go wrong into one clear error."""
    try:
        return await agent.run(prompt, deps=deps, message_history=message_history,
                               usage_limits=UsageLimits(request_limit=max_requests))
    except UsageLimitExceeded as e:
        raise ModelError(f"the planner did not finish within {max_requests} requests ({e}); "
                         "it kept calling tools or retrying") from None
    except UnexpectedModelBehavior as e:
        body = getattr(e, "body", None)
        raise ModelError(f"the planner's answer was unusable after retries: {e.message}",
                         body=str(body) if body else None) from None
    except ModelHTTPError as e:
        raise ModelError("the planner server returned an error", status=e.status_code,
                         body=json.dumps(e.body)[:300] if e.body else None) from None
    except ModelAPIError as e:
        raise ModelUnavailable(f"cannot reach the planner at {getattr(agent.model, 'base_url', '?')}: {e.message}") from None


async def expand(idea: str, deps: Deps, ep: Endpoint, *, n_shots: int = 6, target: str = "auto",
                 project: str = "default", http=None, lessons: list[Lesson] | None = None,
                 model=None) -> Storyboard:
    """Expand an idea into a storyboard of `n_shots` linted shots."""
    st = deps.settings
    idea = clean_idea(idea, st.max_idea_chars)
    if not 1 <= n_shots <= st.max_shots:
        raise InputError(f"--shots must be between 1 and {st.max_shots}, got {n_shots}")
    if ep.embedded and tokens_budget(n_shots) + 1800 > st.embedded_ctx:
        most = max(1, (st.embedded_ctx - 1920) // _TOKENS_PER_SHOT)
        raise InputError(f"{n_shots} shots do not fit the embedded model's {st.embedded_ctx}-token context; "
                         f"ask for at most {most} (or raise NIGHTREEL_EMBEDDED_CTX, or use a larger server)")
    recalled = recall(deps, idea) if lessons is None else lessons
    agent = build_planner(ep, n_shots, http=http, model=model, temperature=st.planner_temperature,
                          seed=st.planner_seed)
    t0 = time.monotonic()
    result = await run_planner(agent, user_prompt(idea, n_shots, target, recalled), deps,
                               max_requests=st.planner_max_requests)
    draft: StoryboardDraft = result.output
    usage = result.usage
    log.info("planner_call", model=ep.model, shots=n_shots, seconds=round(time.monotonic() - t0, 2),
             input_tokens=usage.input_tokens, output_tokens=usage.output_tokens, requests=usage.requests)
    shots, warnings = finish_shots(idea, list(draft.shots), active_lessons(deps), target=target)
    return Storyboard(title=draft.title.strip() or idea[:60], brief=Brief(idea=idea, project=project, shots=n_shots),
                      shots=shots, model=ep.model, lessons_recalled=[ls.id for ls in recalled], warnings=warnings,
                      planner_requests=usage.requests, planner_seconds=round(time.monotonic() - t0, 3),
                      tokens_in=usage.input_tokens or 0, tokens_out=usage.output_tokens or 0)


def expand_sync(idea: str, deps: Deps, ep: Endpoint, **kw) -> Storyboard:
    import asyncio

    return asyncio.run(expand(idea, deps, ep, **kw))
