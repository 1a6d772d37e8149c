"""The planner agent: its tools, its output modes, the brief reader, and how its answers become shots.

``build_planner`` makes the agent for one storyboard call (grammar-constrained JSON on llama-cpp-python,
``json_schema`` on llama-server/vLLM/Ollama, tool output elsewhere); ``read_brief`` reads a brief (rules ∪ one
extraction call); ``finish_shots`` turns drafts into linted shots. The ladder that uses them to expand a brief
into a storyboard is :mod:`agents.expand`.

Capable servers also get the tools ``recall_lessons`` and ``lint_shot`` during the run; a
grammar-constrained model cannot call tools, so on the embedded server the same two steps
run around the call instead.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import Any

import structlog
from pydantic_ai import (
    Agent,
    ModelRetry,
    NativeOutput,
    PromptedOutput,
    RunContext,
    ToolOutput,
)
from pydantic_ai.exceptions import (
    ModelAPIError,
    ModelConnectionError,
    ModelHTTPError,
    UnexpectedModelBehavior,
    UsageLimitExceeded,
)
from pydantic_ai.usage import UsageLimits

import prompts
from agents.brief import (
    CAMERA_TEXT,
    BriefExtraction,
    BriefReading,
    enforce_brief,
    explicit_expectations,
    merge_readings,
    read_with_model,
    rule_reading,
)
from agents.brief_look import reader_prompt_text
from agents.deps import Deps
from agents.model_errors import map_model_errors, unreachable_message
from agents.models import Endpoint, make_model
from agents.planner_prompt import (
    CONTEXT_MARGIN,
    MESSAGE_OVERHEAD,
    count_tokens,
    estimate_tokens,
    fit_prompt,
    tokens_budget,
    user_prompt,
)
from memory.lessons import lint_shot as _lint_shot
from memory.lessons import seed_lessons
from nightreel.errors import ModelUnavailable
from nightreel.schema import (
    TARGET_MAX_S,
    TARGET_MODEL,
    Lesson,
    Shot,
    ShotDraft,
    StoryboardDraft,
    storyboard_draft_model,
)

log = structlog.get_logger()

__all__ = [
    "active_lessons",
    "agree_camera",
    "build_planner",
    "count_tokens",
    "estimate_tokens",
    "finish_shots",
    "fit_prompt",
    "read_brief",
    "recall",
    "run_planner",
    "shot_seed",
    "tokens_budget",
    "unreachable_message",
    "user_prompt",
]


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


def build_planner(ep: Endpoint, n_shots: int, *, http=None, max_tokens: int | None = None,
                  temperature: float = 0.7, seed: int | None = None, model=None,
                  output_retries: int = 2) -> Agent[Deps, StoryboardDraft]:
    """The planner agent for an endpoint, asking for exactly `n_shots` shots.

    `model` replaces the endpoint's model (tests script the planner with pydantic-ai's FunctionModel).
    `output_retries`: how often an unusable answer is sent back with the error (each retry re-sends the whole
    conversation, so :func:`agents.expand.expand` uses 0 on a context-limited embedded server and retries with
    fresh prompts).
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
    return Agent(model or make_model(ep, http), deps_type=Deps, output_type=output, tools=tools,
                 instructions=prompts.load("planner_system"), retries={"tools": 2, "output": output_retries},
                 model_settings=settings, name="planner")


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
            # plain text for the video model: a coder model writes ' as &#39; now and then
            data[k] = " ".join(html.unescape(str(data[k])).split())
        data["title"] = data["title"][:80] or f"Shot {i + 1}"
        shot = Shot(**data, id=f"shot-{i + 1}", seed=shot_seed(idea, i), lint=clamped)
        shot, fixes = enforce_brief(shot, explicit)
        res = _lint_shot(shot, lessons)
        shots.append(agree_camera(res.shot, explicit.get("camera")))
        warnings += [f"shot {i + 1}: {w}" for w in res.warnings]
        if fixes:
            log.info("brief_enforced", shot=shot.id, fixes=fixes)
    return shots, warnings


def agree_camera(shot: Shot, forced: str | None = None) -> Shot:
    """The shot with its camera line, its expected camera move and its prompt telling the same story
    (:func:`_camera_line`, then :func:`_moving_prose` for a shot that moves)."""
    return _moving_prose(_camera_line(shot, forced))


#: a locked camera said in a prompt ("Locked-off tripod, shallow depth of field…", the style line a model copies)
_LOCKED_PROSE = re.compile(r"\b(?:locked[- ]off(?: tripod)?(?: shot)?|(?:on a )?tripod(?: shot)?|static (?:camera|shot)|"
                           r"fixed camera|no camera move(?:ment)?)\b", re.IGNORECASE)


def _moving_prose(shot: Shot) -> Shot:
    """A shot that moves (a pan, a dolly…) whose prompt still says the camera is locked: the video model reads the
    prompt, so the locked words become the move (Qwen 1.5B copied "Locked-off tripod, …" from the style example
    into every shot of a banner the brief asked to pan along)."""
    move = shot.expectations.camera
    if move not in CAMERA_TEXT or move == "locked" or not _LOCKED_PROSE.search(shot.positive):
        return shot
    said = CAMERA_TEXT[move]

    def repl(m: re.Match) -> str:
        start = m.start() == 0 or shot.positive[:m.start()].rstrip()[-1:] in ".!?;"
        return said[0].upper() + said[1:] if start else said

    text = _LOCKED_PROSE.sub(repl, shot.positive)
    return shot.model_copy(update={"positive": text, "lint": [
        *shot.lint, f"the prompt said the camera is locked; it now says '{said}', the shot's move"]})


def _camera_line(shot: Shot, forced: str | None = None) -> Shot:
    """The shot with its camera line and its expected camera move telling the same story.

    A move the brief or the person stated (`forced`) is the truth: the camera line is rewritten to it. Otherwise the
    camera line (what the video model reads) is: where it names one move and the expectation names another, the
    expectation follows it. An expectation of "any", or a line that names no move, disagrees with nothing.
    """
    from agents.brief import rule_reading

    want = shot.expectations.camera
    if forced in CAMERA_TEXT:
        said = rule_reading(shot.camera).values.get("camera")
        if said != forced:
            shot = shot.model_copy(update={"camera": CAMERA_TEXT[forced], "lint": [
                *shot.lint, f"camera line {shot.camera!r} rewritten to the stated move ({forced})"]})
        return _still_prose(shot) if forced == "locked" else shot
    said = rule_reading(shot.camera).values.get("camera")
    if want == "any" or said is None or said == want:
        return _still_prose(shot) if want == "locked" and said in (None, "locked") else shot
    return shot.model_copy(update={"expectations": shot.expectations.model_copy(update={"camera": said}), "lint": [
        *shot.lint, f"expectations.camera {want!r} set to {said!r}, the move the camera line {shot.camera!r} names"]})


#: a sentence of the prompt in which the camera moves ("The camera follows the keeper…", "…as the camera pans")
_CAMERA_MOVES = re.compile(
    r"\b(?:camera|lens|we)\b[^.!?;]{0,40}?\b(?:follows?|following|tracks?|tracking|moves?|moving|pans?|panning|"
    r"glides?|gliding|dolly|dollies|orbits?|orbiting|circles?|circling|pushes|pushing|pulls?|pulling|zooms?|zooming|"
    r"sweeps?|sweeping|travels?|travelling|traveling|drifts?|drifting|cranes?|craning|tilts?|tilting|rises|descends)\b",
    re.IGNORECASE)


def _moves_the_camera(sentence: str) -> bool:
    m = _CAMERA_MOVES.search(sentence)     # "the camera does not move", "the camera stays fixed": still, kept
    return bool(m) and not re.search(r"\b(not|never|no|without|n't|stays?|remains?|holds?|static|still|locked|fixed|"
                                     r"steady)\b", m.group(0), re.IGNORECASE)


def _still_prose(shot: Shot) -> Shot:
    """A locked shot whose prompt still moves the camera ("The camera follows the keeper, … a sense of movement"):
    those sentences are left out, as the camera line says, and the lint says so (the embedded Qwen wrote them into
    all three shots of a lighthouse storyboard that the person had asked to lock)."""
    # clauses, not sentences: "A rainy window at night; no other light; the camera slowly moves closer." keeps its
    # subject (a whole sentence dropped once left a prompt of the lint's own words only)
    clauses = re.split(r"(?<=[.!?;])\s+", shot.positive.strip())
    kept: list[str] = []
    dropped: list[str] = []
    for x in clauses:
        if not _moves_the_camera(x):
            kept.append(x)
            continue
        dropped.append(x)
        if kept and kept[-1].endswith(";") and not x.endswith(";"):   # the sentence it ended now ends before it
            kept[-1] = kept[-1][:-1] + "."
    if not dropped or not kept:
        return shot
    text = " ".join(kept)
    text = text[:-1] + "." if text.endswith(";") else text
    return shot.model_copy(update={"positive": text, "lint": [
        *shot.lint, f"a locked camera: left out of the prompt {'; '.join(repr(x[:80]) for x in dropped)}"]})


async def run_planner(agent: Agent, prompt: str, deps: Deps, *, max_requests: int, message_history=None):
    """Run an agent with bounded requests, turning what can go wrong into one clear error (agents.model_errors)."""
    with map_model_errors(url=getattr(agent.model, "base_url", "?"), max_requests=max_requests):
        return await agent.run(prompt, deps=deps, message_history=message_history,
                               usage_limits=UsageLimits(request_limit=max_requests))


# ---------------------------------------------------------------------------------------------
# reading the brief: rules ∪ the model's grounded claims
# ---------------------------------------------------------------------------------------------

async def read_brief(idea: str, ep: Endpoint | None, *, http=None, model=None, settings=None) -> BriefReading:
    """The brief's reading: the rules, plus the model's reading (and its second looks) when a model is given.

    A reader call that fails (garbage, an HTTP error) leaves the rules' reading and a note; an unreachable
    server is a ModelUnavailable, as it would be for the planner.
    """
    rules = rule_reading(idea)
    if model is None and ep is None:
        return merge_readings(idea, None, rules)
    ep = ep or Endpoint("http://127.0.0.1:9/v1", "scripted", output_mode="json_object")
    if ep.embedded and settings is not None:
        exact = await count_tokens(ep, idea) if model is None else None
        need = estimate_tokens(reader_prompt_text(idea), json.dumps(BriefExtraction.model_json_schema())) \
            + _BRIEF_TOKENS
        need += max(0, (exact or 0) - (estimate_tokens(idea) - MESSAGE_OVERHEAD))
        if need + CONTEXT_MARGIN > settings.embedded_ctx:
            reading = merge_readings(idea, None, rules)
            reading.notes.append("brief reader: the brief is too long for the model's context; rules only")
            return reading
    try:
        # the reading call, then a second look on each field where it and the rules' hints differ
        return await read_with_model(idea, model or make_model(ep, http), rules=rules, max_tokens=_BRIEF_TOKENS,
                                     output_mode=ep.output_mode,
                                     seed=settings.planner_seed if settings is not None else None)
    except ModelConnectionError as e:
        raise ModelUnavailable(unreachable_message(ep.base_url, e)) from None
    except ModelAPIError as e:
        reading = merge_readings(idea, None, rules)
        what = f"HTTP {e.status_code}" if isinstance(e, ModelHTTPError) else f"no usable response ({e.message[:80]})"
        reading.notes.append(f"brief reader: the model server gave {what}; rules only")
        return reading
    except (UnexpectedModelBehavior, UsageLimitExceeded, ValueError) as e:
        log.info("brief_reader_unusable", error=str(e)[:300])
        reading = merge_readings(idea, None, rules)
        reading.notes.append(f"brief reader: the model's answer was unusable ({e.__class__.__name__}); rules only")
        return reading


_BRIEF_TOKENS = 260
