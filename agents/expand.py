"""A brief becomes a storyboard: ``expand``, the planner's fallback ladder around one constrained call.

The flow of one expansion:

1. read the brief: the rules (the guarantee) ∪ one schema-constrained extraction call whose claims must
   quote the brief (agents/brief.py); the rules win every disagreement and the storyboard says so;
2. recall the lessons that matter for this idea (memory when it is there, else the seeded ones);
3. the prompt is budgeted against the embedded model's context before it is sent (lessons, past shots,
   styles trimmed in that order; the answer's tokens reserved) — no request ever exceeds the context;
4. one constrained call: the model writes all N shots as one JSON object that must match the schema
   (grammar-constrained on llama-cpp-python, ``json_schema`` on llama-server/vLLM/Ollama, tool output
   elsewhere); on an unusable answer the ladder goes on: the same, cooler → one shot per call → the
   rules' own minimal shots. A valid brief always gives a storyboard and its warnings say which rung;
5. the reading is forced onto every shot's expectations, the shots' durations add up to a stated total,
   Wan's negative prompt is kept, seeds are assigned, and every shot is linted against the lessons.

The planner agent itself (its tools, its output modes, the brief reader) is :mod:`agents.planner`.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from dataclasses import dataclass
from typing import Literal

import structlog
from pydantic_ai.exceptions import UnexpectedModelBehavior, UsageLimitExceeded
from pydantic_ai.usage import UsageLimits

from agents.brief import BriefReading, clean_idea
from agents.deps import Deps
from agents.model_errors import model_error
from agents.models import Endpoint
from agents.planner import (
    active_lessons,
    build_planner,
    finish_shots,
    read_brief,
    recall,
)
from agents.planner_prompt import PlannedPrompt, copies_the_example, count_tokens, fit_prompt, user_prompt
from nightreel.errors import InputError, ModelUnavailable
from nightreel.schema import (
    TARGET_MAX_S,
    Brief,
    Lesson,
    Shot,
    ShotDraft,
    ShotExpectations,
    Storyboard,
    StoryboardDraft,
)

log = structlog.get_logger()

__all__ = ["Expansion", "expand", "expand_sync", "expansion", "fit_total_duration", "minimal_drafts", "shots_for"]

#: what recalled past shots may add to an expansion prompt (estimated tokens; the budget trims them first)
PAST_SHOTS_TOKENS = 400


# ---------------------------------------------------------------------------------------------
# the fallback ladder: all shots → all shots cooler → one shot per call → the rules' own shots
# ---------------------------------------------------------------------------------------------

_MOVE_TEXT = {"locked": "locked-off tripod, no camera movement", "dolly_in": "slow dolly in",
              "dolly_out": "slow dolly out", "pan": "slow pan", "orbit": "slow orbit around the subject",
              "handheld": "handheld, gentle natural sway", "any": "steady camera, slow gentle drift"}


def forced_expectations(reading: BriefReading) -> dict:
    """What every shot of the storyboard must keep: each field the brief was read to say, and no words in frame
    unless the brief asks for them. A planner adds a title card or a sign on its own now and then (Qwen 1.5B gave
    the third shot of an empty winter beach words to read); the lint would then keep a screen dark for words nobody
    wrote and the critic would look for them."""
    return {"text_in_frame": False, **{k: v for k, v in reading.expectations.items()
                                       if k in ShotExpectations.model_fields}}


def minimal_drafts(idea: str, n: int, target: str, reading: BriefReading) -> list[ShotDraft]:
    """Shots written from the brief and the rules alone, with no model: always valid, plainly worded."""
    exp_fields = set(ShotExpectations.model_fields)
    exp = ShotExpectations(**{k: v for k, v in reading.expectations.items() if k in exp_fields})
    tgt = "draft" if target == "auto" else target
    cap = TARGET_MAX_S[tgt]
    per = min(cap, max(1.0, (reading.total_duration_s or 5.0 * n) / n))
    text = " ".join(idea.split())
    body = text if len(text) <= 700 else text[:700].rsplit(" ", 1)[0] + "…"
    pre, post, neg = "", "", ["blurry", "distorted", "watermark"]
    if exp.people == "none":
        pre, post = "No people anywhere in frame. ", " No person ever appears."
        neg += ["people", "person", "hands", "face"]
    if not exp.text_in_frame:
        neg.append("text")
    else:
        post += " Keep any screen or sign blank: the words are overlaid later."
    if exp.loopable:
        post += " Gentle symmetric motion that loops seamlessly."
    title = re.split(r"[.,;:\n—-]", text, maxsplit=1)[0].strip()[:60] or "Shot"
    return [ShotDraft(title=title if n == 1 else f"{title} ({i} of {n})"[:80], duration_s=per, target=tgt,
                      positive=f"{pre}{body}{post}", negative=", ".join(neg), camera=_MOVE_TEXT[exp.camera],
                      lighting="as the brief describes", audio="", expectations=exp)
            for i in range(1, n + 1)]


@dataclass
class _Tally:
    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0

    def add(self, usage) -> None:
        self.requests += usage.requests
        self.tokens_in += usage.input_tokens or 0
        self.tokens_out += usage.output_tokens or 0


async def _attempt(ep: Endpoint, n: int, prompt: PlannedPrompt, deps: Deps, tally: _Tally, *, http, model,
                   temperature: float, retries: int, max_requests: int) -> tuple[list[ShotDraft] | None, str, str]:
    """One planner call. Returns (drafts, title, "") or (None, "", why it was unusable).

    An unreachable server raises ModelUnavailable and a refused one (401/403/404) ModelError: no later rung
    would fare better. Everything else a model can get wrong is a reason for the next rung.
    """
    st = deps.settings
    agent = build_planner(ep, n, http=http, model=model, temperature=temperature, seed=st.planner_seed,
                          max_tokens=prompt.max_tokens, output_retries=retries)
    try:
        result = await agent.run(prompt.text, deps=deps, usage_limits=UsageLimits(request_limit=max_requests))
    except Exception as e:
        err = model_error(e, url=getattr(ep, "base_url", "?"), max_requests=max_requests)   # the one table
        if err is None:
            raise
        # what the run cost: a loop every request it had, an unusable answer its retries, anything else one
        tally.requests += (max_requests if isinstance(e, UsageLimitExceeded) else
                           retries + 1 if isinstance(e, UnexpectedModelBehavior) else 1)
        if isinstance(err, ModelUnavailable) or err.status in (401, 403, 404):
            raise err from None                  # unreachable or refused: no later rung would fare better
        return None, "", str(err)
    tally.add(result.usage)
    draft: StoryboardDraft = result.output
    copied = [i + 1 for i, d in enumerate(draft.shots) if copies_the_example(d.positive)]
    if copied:   # the idea's own shots or none: a copied example is the prompt's coffee cup, not the person's idea
        return None, "", (f"shot{'s' if len(copied) > 1 else ''} {', '.join(map(str, copied))} copied the prompt's "
                          "style example instead of writing the idea")
    return list(draft.shots), draft.title, ""


Rung = Literal["all", "per-shot", "rules"]


@dataclass(frozen=True)
class Expansion:
    """A storyboard and the rung of the ladder that wrote it: "all" (one call), "per-shot" (one call per shot, some
    shots perhaps the rules'), "rules" (every shot the rules' own minimal shot: no model answer was usable)."""

    storyboard: Storyboard
    rung: Rung


#: the most shots a storyboard gets from a stated length alone (a longer piece asks with --shots)
LENGTH_SHOTS_MAX = 12


def shots_for(total_s: float | None, default: int) -> int:
    """How many shots when the person did not say: for a stated length, as many as it takes in shots of at most
    a final's length (Wan 2.2: 5 s) — an 8-s spot is two 4-s shots and a 12-s loop three, not six of 2 s — at
    most :data:`LENGTH_SHOTS_MAX`; else the default."""
    if not total_s or total_s <= 0:
        return default
    return max(1, min(LENGTH_SHOTS_MAX, math.ceil(total_s / TARGET_MAX_S["final"] - 1e-9)))


async def expand(idea: str, deps: Deps, ep: Endpoint, **kw) -> Storyboard:
    """Expand an idea into a storyboard of `n_shots` linted shots (see :func:`expansion`)."""
    return (await expansion(idea, deps, ep, **kw)).storyboard


async def expansion(idea: str, deps: Deps, ep: Endpoint, *, n_shots: int | None = None, target: str = "auto",
                    project: str = "default", http=None, lessons: list[Lesson] | None = None,
                    model=None, brief_model=None, past_shots: str = "") -> Expansion:
    """Expand an idea into a storyboard of `n_shots` linted shots (None: as many as the brief's stated length takes,
    :func:`shots_for`, else the settings' default). A valid idea always gives a storyboard.

    1. the brief is read (rules ∪ one extraction call; the rules win and disagreements become warnings);
    2. the planner writes every shot in one call, with the prompt trimmed to the embedded context;
    3. on an unusable answer: the same, cooler; then one shot per call; then the rules' own minimal shots —
       the storyboard's warnings say which rung gave it;
    4. the reading is forced onto every shot, durations add up to the brief's stated total, lint.

    `model` scripts the planner (tests); `brief_model` scripts the brief reader (default: the endpoint's model,
    or rules only when `model` is given without it). `past_shots`: a recalled block of past shots (memory)
    added to the prompt and counted in its budget.
    """
    st = deps.settings
    idea = clean_idea(idea, st.max_idea_chars)
    if n_shots is not None and not 1 <= n_shots <= st.max_shots:
        raise InputError(f"--shots must be between 1 and {st.max_shots}, got {n_shots}")
    t0 = time.monotonic()
    recalled = recall(deps, idea) if lessons is None else lessons
    if not past_shots and deps.memory is not None and hasattr(deps.memory, "similar_outcomes_scored"):
        # past shots like this one and what became of them (memory), for models that cannot call recall_past_shots;
        # the prompt budget below trims them before the styles if the context is short
        from memory.recall import past_shots_block

        past_shots = await asyncio.to_thread(past_shots_block, deps.memory, idea, PAST_SHOTS_TOKENS)
    # the reader asks `brief_model`, else the endpoint; a scripted planner (`model`) alone means rules only
    reading = await read_brief(idea, ep if (brief_model is None and model is None) else None, http=http,
                               model=brief_model, settings=st)
    ctx = st.embedded_ctx if ep.embedded else None
    tally = _Tally()
    warnings: list[str] = [f"brief: {d}" for d in reading.disagreements] + [f"brief: {n}" for n in reading.notes]
    if n_shots is None:
        n_shots = shots_for(reading.total_duration_s, st.default_shots)
        if reading.total_duration_s:
            warnings.append(f"shots: {n_shots}, for the {reading.total_duration_s:g} s the brief states in shots of "
                            f"at most {TARGET_MAX_S['final']:g} s (--shots asks for another number)")
    many_retries = 0 if ep.embedded else 2
    cool = min(0.2, st.planner_temperature)
    drafts: list[ShotDraft] | None = None
    title = ""
    failures: list[str] = []

    idea_tokens = await count_tokens(ep, idea) if ctx is not None and model is None else None
    whole = fit_prompt(idea, n_shots, target, recalled, ep=ep, ctx=ctx, past_shots=past_shots,
                       idea_tokens=idea_tokens)
    if whole is None:
        failures.append(f"{n_shots} shots in one answer do not fit the {ctx}-token context")
    else:
        if whole.trimmed:
            warnings.append(f"planner: to fit the {ctx}-token context the prompt left out "
                            + ", ".join(whole.trimmed))
        for temp, label in ((st.planner_temperature, "first"), (cool, "cooler")):
            drafts, title, why = await _attempt(ep, n_shots, whole, deps, tally, http=http, model=model,
                                                temperature=temp, retries=many_retries if label == "first" else
                                                min(many_retries, 1), max_requests=st.planner_max_requests)
            if drafts is not None:
                if label == "cooler":
                    warnings.append(f"planner: the first answer was unusable ({failures[-1]}); a cooler retry "
                                    f"(temperature {cool:g}) gave the storyboard")
                break
            failures.append(f"{label} try: {why}")
    rung: Rung = "all"
    if drafts is None:
        rung = "per-shot"
        drafts = []
        from_rules = 0
        minimal = minimal_drafts(idea, n_shots, target, reading)
        for i in range(n_shots):
            one = fit_prompt(idea, 1, target, recalled, ep=ep, ctx=ctx, past_shots=past_shots, idea_tokens=idea_tokens,
                             prompt_fn=lambda ls, ps, sty, i=i: user_prompt(
                                 idea, 1, target, ls, past_shots=ps, styles=sty,
                                 shot_note=f"(This is shot {i + 1} of {n_shots}.)"))
            got = None
            if one is not None:
                got, t1, why = await _attempt(ep, 1, one, deps, tally, http=http, model=model, temperature=cool,
                                              retries=min(many_retries, 1),
                                              max_requests=max(2, st.planner_max_requests // n_shots))
                title = title or t1
                if got is None and i == 0 and all(f.startswith(("first", "cooler")) for f in failures):
                    failures.append(f"one shot per call: {why}")
            if got:
                drafts.append(got[0])
            else:
                drafts.append(minimal[i])
                from_rules += 1
        if from_rules == n_shots:
            rung = "rules"
            warnings.append(f"planner: no usable answer ({'; '.join(failures)}); the storyboard is the rules' own "
                            f"minimal shot{'s' if n_shots > 1 else ''} from the brief — edit it or try a larger model")
        else:
            warnings.append(f"planner: {'; '.join(failures)}; the shots were written one per call"
                            + (f" ({from_rules} of {n_shots} from the rules' minimal shot)" if from_rules else ""))
    log.info("planner_call", model=ep.model, shots=n_shots, rung=rung, seconds=round(time.monotonic() - t0, 2),
             input_tokens=tally.tokens_in, output_tokens=tally.tokens_out, requests=tally.requests)
    shots, lint_warnings = finish_shots(idea, drafts, active_lessons(deps), target=target,
                                        explicit=forced_expectations(reading))
    shots, dur_warnings = fit_total_duration(shots, reading.total_duration_s, reading.duration_source)
    # a small model copies the schema's own title ("StoryboardDraft") as the storyboard's: the brief names it better
    # and some answer a placeholder ("Draft Storyboard", "Untitled"): a title that names nothing but a storyboard
    words = set(re.findall(r"[^\W\d_]+", title.lower())) - {"storyboarddraft", "storyboard", "title", "draft", "untitled",
                                                          "my", "the", "a", "new", "video", "shots", "shot", "list"}
    title = title.strip() if words else ""
    sb = Storyboard(title=title or idea[:60], brief=Brief(idea=idea, project=project, shots=n_shots),
                    shots=shots, model=ep.model, lessons_recalled=[ls.id for ls in recalled],
                    warnings=[*warnings, *dur_warnings, *lint_warnings],
                    planner_requests=tally.requests, planner_seconds=round(time.monotonic() - t0, 3),
                    tokens_in=tally.tokens_in, tokens_out=tally.tokens_out)
    return Expansion(sb, rung)


def fit_total_duration(shots: list[Shot], total: float | None, source: str = "") -> tuple[list[Shot], list[str]]:
    """Make the shots' durations add up to the brief's stated total, within each target's longest clip."""
    if not total or not shots:
        return shots, []
    caps = [TARGET_MAX_S[s.target] for s in shots]
    now = sum(s.duration_s for s in shots)
    if abs(now - total) < 0.05:
        return shots, []
    warnings: list[str] = []
    if total > sum(caps):
        new = list(caps)
        warnings.append(f"duration: the brief asks for {total:g} s ({source}); {len(shots)} shots of at most "
                        f"{max(caps):g} s give {sum(caps):g} s — ask for more shots")
    elif total < len(shots):
        new = [1.0] * len(shots)
        warnings.append(f"duration: the brief asks for {total:g} s ({source}); {len(shots)} shots of at least 1 s "
                        f"give {len(shots)} s — ask for fewer shots")
    else:
        weights = [max(s.duration_s, 0.1) for s in shots]
        new = [0.0] * len(shots)
        free = set(range(len(shots)))
        left = total
        while free:
            wsum = sum(weights[i] for i in free)
            over = [i for i in free if left * weights[i] / wsum > caps[i]]
            under = [i for i in free if left * weights[i] / wsum < 1.0]
            fix = over or under
            if not fix:
                for i in free:
                    new[i] = left * weights[i] / wsum
                break
            for i in fix:
                new[i] = caps[i] if over else 1.0
                left -= new[i]
                free.discard(i)
        new = [round(d, 1) for d in new]
        drift = round(total - sum(new), 1)
        if drift:
            j = max(range(len(new)), key=lambda i: caps[i] - new[i] if drift > 0 else new[i] - 1.0)
            new[j] = round(new[j] + drift, 1)
        warnings.append(f"duration: shots set to {' + '.join(f'{d:g}' for d in new)} = {sum(new):g} s, "
                        f"the length the brief states ({source})")
    out = []
    for s, d in zip(shots, new):
        if abs(s.duration_s - d) >= 0.05:
            s = s.model_copy(update={"duration_s": d, "lint": [
                *s.lint, f"duration {s.duration_s:g} s set to {d:g} s so the shots add up to the brief's {total:g} s"]})
        out.append(s)
    return out, warnings


def expand_sync(idea: str, deps: Deps, ep: Endpoint, **kw) -> Storyboard:
    return asyncio.run(expand(idea, deps, ep, **kw))
