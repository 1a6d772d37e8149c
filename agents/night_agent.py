"""The night's decisions: after the critic has judged a clip, the planner agent chooses what happens to it.

One bounded agent run per judged clip. The model reads the shot, the critic's verdict, its evidence and its
description in words (``agents.describe``), and ends the run by calling ``decide_clip`` once: first its reason, then
its action —

- ``accept`` (with ``promote_to_final``)  keep it; promote the draft to a final render or not;
- ``salvage`` (with ``ops``, ``promote_to_final``)  fix the pixels we have (trim / crop / ping-pong / crossfade);
- ``rerender`` (with ``change``, ``new_prompt``, ``new_seed``)  render again with a changed prompt and/or seed;
- ``drop``  give up on it.

The rules that decided before the agent existed are its **guardrails** and its **fallback**, and every
:class:`Decision` says which of the two it came from (``by = "agent" | "rule"``):

- a clip the critic rejected is never promoted to a final, and a final is never promoted again;
- a clip the critic wants salvaged is not kept as it is: accepting it applies the critic's salvage plan;
- at most ``max_rerenders`` re-renders per shot: past that, a re-render becomes a drop;
- a salvage needs ops that apply to this clip (the critic's plan is used when the agent names none);
- a model that cannot call tools, a server that is down, a call still invalid after retries, or a run that
  exceeds its request or time budget → the rule decides, and the decision says why.

Before it decides, the model is shown what memory holds for the shot (:func:`recall_for_decision`): the
lessons in its scope, approved and proposed, with their counts, and the nearest past outcomes of similar
shots (accepted prompts; rejected ones with the critic's reasons and the person's note), each under an id.
The decision records the ids it was shown (``shown``) and those the model cited (``cited``: named in its
``cited`` argument or its words, and shown). A re-render's prompt is the model's rewrite (``new_prompt``);
without one the rule appends the change (the night records who wrote it).

A guardrail that changes the model's choice (clears ``promote``, swaps in the critic's salvage plan, forces a
new seed, turns a re-render into a drop) records ``by = "rule"`` with the model's call kept beside it.

Notes, shot text and memory reach the model as quoted data inside the prompt, never as instructions; no tool
here deletes anything or renders more than the one shot it is about.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import structlog
from pydantic import BaseModel, Field, model_validator

import prompts
from agents.describe import describe_verdict
from nightreel.errors import MemoryStoreError
from nightreel.schema import Lesson, Shot, Verdict

log = structlog.get_logger()

__all__ = ["DECIDE_TOOL", "DecideClip", "Decision", "Recalled", "SalvageOp", "decide", "decision_prompt", "recall_for_decision", "rule_decision"]

Action = Literal["accept", "salvage", "rerender", "drop"]


class SalvageOp(BaseModel):
    """One salvage step, applied in order (numbers in seconds or pixels of the clip)."""

    op: Literal["trim", "crop", "pingpong", "crossfade_loop"]
    start_s: float | None = Field(None, ge=0, description="trim: first second kept")
    end_s: float | None = Field(None, gt=0, description="trim: last second kept")
    x: int | None = Field(None, ge=0, description="crop: left edge in pixels")
    y: int | None = Field(None, ge=0, description="crop: top edge in pixels")
    w: int | None = Field(None, ge=8, description="crop: width in pixels")
    h: int | None = Field(None, ge=8, description="crop: height in pixels")
    fade_s: float | None = Field(None, gt=0, le=3, description="crossfade_loop: fade length in seconds")

    @model_validator(mode="after")
    def _args(self) -> SalvageOp:
        if self.op == "trim" and self.end_s is not None and self.end_s <= (self.start_s or 0):
            raise ValueError("trim: end_s must be after start_s")
        if self.op == "crop" and None in (self.x, self.y, self.w, self.h):
            raise ValueError("crop needs x, y, w and h")
        return self

    def as_plan_op(self) -> dict[str, Any]:
        keys = {"trim": ("start_s", "end_s"), "crop": ("x", "y", "w", "h"), "pingpong": (),
                "crossfade_loop": ("fade_s",)}[self.op]
        return {"op": self.op, **{k: getattr(self, k) for k in keys if getattr(self, k) is not None}}


class DecideClip(BaseModel):
    """Decide what becomes of this clip: first what the critic saw and what it means for the shot, then the action."""

    reason: str = Field(description="first, in one or two sentences: what the critic saw, and what it means for what "
                                    "the shot asks for")
    action: Action = Field(description=(
        "accept: keep the clip as it is; salvage: keep it after cutting away or cropping out the bad part; "
        "rerender: render the shot again with a changed prompt or seed; drop: nothing can save it"))
    promote_to_final: bool = Field(True, description="accept or salvage: render this shot as a final (Wan 2.2) too")
    ops: list[SalvageOp] = Field(default_factory=list, description="salvage: the steps; empty = the critic's "
                                                                   "salvage plan")
    change: str = Field("", description="rerender: what to change in the prompt, e.g. 'describe a Steadicam glide, "
                                        "no footsteps'")
    new_seed: bool = Field(True, description="rerender: use a new seed")
    # no max_length here: llama.cpp spells a bounded string out as 2000 nested optional characters, a grammar its
    # server failed to parse (and then died on); the rewrite is cut to NEW_PROMPT_CHARS when it is read
    new_prompt: str | None = Field(None, description=(
        "rerender: the shot's whole positive prompt rewritten: the same scene, with the change and the lessons' "
        "fixes written in (not appended)"))
    cited: list[str] = Field(default_factory=list, description="ids in [brackets] of the lessons or past "
                             "outcomes this decision relies on (empty if none)")


#: the one tool the decider ends its run with. One tool whose reason comes before its action, not one tool per
#: action: a model names the tool it calls before it writes the arguments, and the embedded Qwen 1.5B called
#: accept_clip for three rejected clips of a demo night while its reason said "the clip should be salvaged" —
#: the choice was made before the reading. Grammar-bound decoding writes the fields in this order.
DECIDE_TOOL = "decide_clip"
NEW_PROMPT_CHARS = 2000



@dataclass
class Decision:
    """What happens to a judged clip, who decided it, and why (what the dailies show)."""

    action: Action
    by: Literal["agent", "rule"]
    reason: str
    promote: bool = False
    ops: list[dict[str, Any]] = field(default_factory=list)
    change: str | None = None
    new_seed: bool = True
    tool: str | None = None              # the tool the agent called (None when the rule decided)
    args: dict[str, Any] | None = None   # its arguments, as the model sent them
    note: str = ""                        # a guardrail that changed the agent's choice, or why the rule decided
    seconds: float = 0.0
    new_prompt: str | None = None         # the agent's rewrite of the prompt for a re-render
    shown: dict[str, list[str]] = field(default_factory=dict)   # memory shown: {"lessons": ids, "outcomes": ids}
    cited: list[str] = field(default_factory=list)              # the shown ids the agent cited

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def rule_decision(verdict: Verdict, *, round_: int, max_rerenders: int, tier: str, note: str = "") -> Decision:
    """The rules that decided before the agent: follow the critic's verdict, bounded."""
    kind = verdict.verdict
    promote = tier != "final"
    if kind == "accept":
        return Decision("accept", "rule", "the critic accepted it", promote=promote, note=note)
    if kind == "salvage" and verdict.salvage and verdict.salvage.get("ops"):
        return Decision("salvage", "rule", "the critic's salvage plan", promote=promote,
                        ops=list(verdict.salvage["ops"]), note=note)
    if kind in ("rerender", "salvage") and round_ < max_rerenders and tier != "final":
        return Decision("rerender", "rule", verdict.reasons[0] if verdict.reasons else "the critic asked for it",
                        change=verdict.fix, note=note)
    why = verdict.reasons[0] if verdict.reasons else f"the critic said {kind}"
    if kind in ("rerender", "salvage"):
        why += f" (no re-render left: {max_rerenders} per shot)"
    return Decision("drop", "rule", why, note=note)


@dataclass
class Recalled:
    """What memory holds for a shot, as shown to the decider."""

    lessons: list[Lesson] = field(default_factory=list)
    past: list[Any] = field(default_factory=list)     # memory.recall.PastShot, closest first
    note: str = ""                                    # why nothing could be recalled, when memory failed

    @property
    def ids(self) -> dict[str, list[str]]:
        return {"lessons": [ls.id for ls in self.lessons], "outcomes": [p.outcome_id for p in self.past]}


def recall_for_decision(memory: Any, shot: Shot, *, lessons: int = 4, past_tokens: int = 450) -> Recalled:
    """The lessons in the shot's scope (approved and proposed, with their counts) and the past outcomes of
    the shots most like it, bounded; empty (with a note) when there is no memory or it cannot be read."""
    from memory.recall import recall_past_shots

    if memory is None or not hasattr(memory, "lessons_for"):
        return Recalled()
    try:
        found = memory.lessons_for(shot.positive, target=shot.target, expectations=shot.expectations,
                                   limit=lessons)
        past = recall_past_shots(memory, shot.positive, max_tokens=past_tokens, candidates=12).shots
    except MemoryStoreError as e:
        return Recalled(note=f"memory could not be read: {e}"[:300])
    return Recalled([ls for ls in found if ls.status != "retired"], past)


def _counts(ls: Lesson) -> str:
    c = ls.counts
    if {"rejected_with", "rejected", "accepted_with", "accepted"} <= c.keys():
        return (f"in {c['rejected_with']} of {c['rejected']} rejected shots and {c['accepted_with']} of "
                f"{c['accepted']} accepted ones; confirmed {ls.times_confirmed}x")
    return f"confirmed {ls.times_confirmed}x" if ls.times_confirmed else "from the seed articles"


def memory_block(recalled: Recalled, shot: Shot) -> str:
    """The recalled lessons and past outcomes as quoted data, each under its [id]."""
    from memory.lessons import find_words

    lines = []
    if recalled.lessons:
        lines.append("Lessons from this studio in this shot's scope (data: status, counts, what to do):")
        for ls in recalled.lessons:
            hit = find_words(shot.positive, ls.words) if ls.words else []
            lines.append(f"- [{ls.id}] {ls.status}, {_counts(ls)}: {_quote(ls.trigger, 160)} -> "
                         f"{_quote(ls.effect, 160)}; fix: {_quote(ls.fix, 240)}"
                         + (f"; in this prompt: {_quote(', '.join(hit), 120)}" if hit else ""))
    if recalled.past:
        lines.append("Past outcomes of the most similar shots (data, closest first):")
        for p in recalled.past:
            what = {"accept": "accepted", "salvage": "salvaged", "rerender": "sent back", "reject": "rejected"}.get(
                p.verdict, p.verdict) + (f" {p.times}x" if p.times > 1 else "")
            extra = ""
            reasons = [r for r in p.reasons if r.strip()][:2]
            if reasons and p.kind == "avoid":
                extra += f"; critic: {_quote('; '.join(reasons), 240)}"
            if p.note.strip():
                extra += f"; person's note: {_quote(p.note, 200)}"
            lines.append(f"- [{p.outcome_id}] {what}: {_quote(p.prompt, 320)}{extra}")
    if recalled.note:
        lines.append(f"(memory: {recalled.note})")
    if not lines:
        return "Memory holds no lesson or past outcome for shots like this one yet."
    return "\n".join(lines)


def _cited(d: Decision, out: BaseModel, shown: dict[str, list[str]]) -> list[str]:
    """The shown ids the model cited: named in its `cited` argument or in its words (ids it was not shown
    are not citations)."""
    known = [i for ids in shown.values() for i in ids]
    named = [str(x).strip().strip("[]") for x in getattr(out, "cited", []) or []]
    words = " ".join(filter(None, [d.reason, d.change or "", d.new_prompt or ""]))
    in_words = [i for i in known if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", words)]
    return [i for i in dict.fromkeys([*named, *in_words]) if i in known]


def _quote(text: str, limit: int = 1200) -> str:
    """Text from a note or a model, as quoted data: one JSON string, cut to a bound."""
    return json.dumps(" ".join(str(text).split())[:limit], ensure_ascii=False)


def decision_prompt(shot: Shot, verdict: Verdict, *, tier: str, round_: int, max_rerenders: int,
                    idea: str = "", recalled: Recalled | None = None) -> str:
    e = shot.expectations
    return prompts.load("night_decide_user").format(
        idea=_quote(idea, 600), title=_quote(shot.title, 120), positive=_quote(shot.positive),
        expectations=f"people {e.people}, camera {e.camera}, motion {e.motion}, loopable {str(e.loopable).lower()}, "
                     f"text in frame {str(e.text_in_frame).lower()}",
        duration=f"{shot.duration_s:g}", tier=tier, round=round_, rerenders_left=max(0, max_rerenders - round_),
        description=describe_verdict(verdict, e), memory=memory_block(recalled or Recalled(), shot))


def _guard(d: Decision, verdict: Verdict, *, round_: int, max_rerenders: int, tier: str) -> Decision:
    """Apply the guardrails to the agent's choice; a change is noted and, where it replaces the choice, by=rule."""
    if d.action in ("accept", "salvage") and verdict.verdict == "reject":
        rd = rule_decision(verdict, round_=round_, max_rerenders=max_rerenders, tier=tier,
                           note=f"guardrail: the agent chose to {d.action} but the critic rejected the clip; "
                                "a rejected clip is never kept or promoted")
        return _with_call(rd, d)
    if d.action == "accept" and verdict.verdict == "salvage":
        why = verdict.reasons[0] if verdict.reasons else "see its evidence"
        plan = (verdict.salvage or {}).get("ops") or []
        if plan:
            rd = Decision("salvage", "rule", f"the critic's salvage plan ({why})", promote=d.promote and tier != "final",
                          ops=list(plan), note="guardrail: the agent chose to accept, but the critic found a part to "
                                               "cut away; a clip is not kept as it is: its salvage plan is applied")
        else:
            rd = rule_decision(verdict, round_=round_, max_rerenders=max_rerenders, tier=tier,
                               note="guardrail: the agent chose to accept, but the critic wants the clip salvaged "
                                    "and has no plan: the rule decided")
        return _with_call(rd, d)
    if d.promote and tier == "final":
        d.promote, d.by, d.note = False, "rule", "guardrail: the agent asked to promote a final; a final is not promoted again"
    if d.action == "rerender" and (round_ >= max_rerenders or tier == "final"):
        why = (f"at most {max_rerenders} re-render(s) per shot" if tier != "final"
               else "finals are not re-rendered during the night")
        return _with_call(Decision("drop", "rule", d.reason, note=f"guardrail: the agent chose to re-render; {why}"), d)
    if d.action == "salvage" and not d.ops:
        plan = (verdict.salvage or {}).get("ops") or []
        if plan:
            # empty ops mean the critic's plan (the tool says so): the agent's own choice, not a guardrail's change
            d.ops, d.note = list(plan), "the agent's empty ops: the critic's salvage plan is used"
        elif verdict.verdict == "accept":
            # the critic's plan for a clip it accepted is to cut nothing: the agent's call, carried out, keeps it whole
            d.action, d.note = "accept", ("the agent chose the critic's salvage plan; the critic found nothing to cut: "
                                          "the clip is kept as it is")
        else:
            rd = rule_decision(verdict, round_=round_, max_rerenders=max_rerenders, tier=tier,
                               note="guardrail: the agent chose to salvage without ops and the critic has no plan")
            return _with_call(rd, d)
    if d.action == "rerender" and not (d.change or "").strip() and not d.new_prompt and not d.new_seed:
        d.new_seed, d.by, d.note = True, "rule", "guardrail: a re-render with the same prompt needs a new seed"
    return d


def _with_call(rule: Decision, agent: Decision) -> Decision:
    """The rule's decision with the agent's call (tool, arguments, citations) kept beside it."""
    rule.tool, rule.args, rule.cited = agent.tool, agent.args, agent.cited
    return rule


def _build_agent(ep, model=None):
    from pydantic_ai import Agent, ToolOutput

    from agents.models import make_model

    return Agent(model or make_model(ep), output_type=ToolOutput(DecideClip, name=DECIDE_TOOL,
                                                                 description=DecideClip.__doc__), instructions=prompts.load("night_decide_system"),
                 retries={"tools": 2, "output": 2}, model_settings={"temperature": 0.2, "max_tokens": 600},
                 name="night-decider")


def _from_output(out: DecideClip, args: dict | None) -> Decision:
    d = Decision(out.action, "agent", " ".join(str(out.reason).split())[:400], tool=DECIDE_TOOL, args=args)
    if out.action in ("accept", "salvage"):
        d.promote = out.promote_to_final
    if out.action == "salvage":
        d.ops = [op.as_plan_op() for op in out.ops]
    if out.action == "rerender":
        d.change, d.new_seed = out.change.strip() or None, out.new_seed
        d.new_prompt = " ".join((out.new_prompt or "").split())[:NEW_PROMPT_CHARS] or None
    return d


def _last_call_args(messages, tool: str) -> dict | None:
    from pydantic_ai.messages import ModelResponse, ToolCallPart

    for m in reversed(messages):
        if isinstance(m, ModelResponse):
            for p in m.parts:
                if isinstance(p, ToolCallPart) and p.tool_name == tool:
                    return p.args_as_dict()
    return None


async def decide(shot: Shot, verdict: Verdict, *, ep=None, tier: str = "draft", round_: int = 0,
                 max_rerenders: int = 1, idea: str = "", model=None, timeout_s: float = 180.0,
                 max_requests: int = 4, memory: Any = None) -> Decision:
    """The planner agent's decision on one judged clip, within the guardrails; the rule when it cannot decide.

    `ep` is the planner Endpoint (None, or an endpoint whose model cannot call tools: the rule decides);
    `model` replaces the endpoint's model (tests script the agent with pydantic-ai's FunctionModel);
    `memory` (a MemoryStore) is recalled for the shot and shown to the model (the decision lists what).
    """
    if model is None and (ep is None or not getattr(ep, "tools", False)):
        return rule_decision(verdict, round_=round_, max_rerenders=max_rerenders, tier=tier,
                             note="the planner model cannot call tools: the rule decided")
    recalled = await asyncio.to_thread(recall_for_decision, memory, shot)   # embeds the prompt: off the loop
    d = await _decide(shot, verdict, ep=ep, tier=tier, round_=round_, max_rerenders=max_rerenders, idea=idea,
                      model=model, timeout_s=timeout_s, max_requests=max_requests, recalled=recalled)
    d.shown = recalled.ids
    return d


async def _decide(shot: Shot, verdict: Verdict, *, ep, tier: str, round_: int, max_rerenders: int, idea: str,
                  model, timeout_s: float, max_requests: int, recalled: Recalled) -> Decision:
    from pydantic_ai.usage import UsageLimits

    from agents.model_errors import model_error

    def rule(note: str) -> Decision:
        return rule_decision(verdict, round_=round_, max_rerenders=max_rerenders, tier=tier, note=note)

    t0 = time.monotonic()
    agent = _build_agent(ep, model)
    prompt = decision_prompt(shot, verdict, tier=tier, round_=round_, max_rerenders=max_rerenders, idea=idea,
                             recalled=recalled)
    try:
        result = await asyncio.wait_for(
            agent.run(prompt, usage_limits=UsageLimits(request_limit=max_requests)), timeout=timeout_s)
    except asyncio.TimeoutError:
        return rule(f"the planner did not decide within {timeout_s:.0f} s: the rule decided")
    except Exception as e:   # translated by the one table (agents.model_errors); anything else is a bug: raised
        err = model_error(e, url=getattr(ep, "base_url", "?"), max_requests=max_requests)
        if err is None:
            raise
        return rule(f"the planner could not decide ({err}): the rule decided")
    out = result.output
    d = _from_output(out, _last_call_args(result.all_messages(), DECIDE_TOOL))
    d.cited = _cited(d, out, recalled.ids)
    d = _guard(d, verdict, round_=round_, max_rerenders=max_rerenders, tier=tier)
    d.seconds = round(time.monotonic() - t0, 2)
    log.info("night.decision", by=d.by, action=d.action, tool=d.tool, seconds=d.seconds)
    return d
