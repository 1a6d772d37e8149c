"""The night's decision batch: the planner agent's decision on each judged clip, what follows from it, and
learning during the night.

A mixin of ``app.night._Night`` (it uses the night's store, deps, plan and report):

- :meth:`DecisionBatch.decide_waiting` decides every judged clip still waiting (a parked planner is started
  once for the batch, never after dawn);
- :meth:`DecisionBatch.conclude` asks the decider (``agents.night_agent.decide``, shown what memory holds
  for the shot), applies the decision (salvage, a final, a re-render whose prompt the model rewrote or the
  rule's appended change, linted with every active lesson) and records it with who made each part of it;
- :meth:`DecisionBatch.learn_now` runs learning after every ``settings.night_learn_every`` judged clips: a
  lesson it proposes applies to the rest of the night as a proposal (unless it contradicts an approved one);
  a learning run that fails is said on the clip's card and in the report, and the night goes on.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import structlog

from app.night_store import Item
from nightreel.errors import InputError, MediaError, MemoryStoreError, NightreelError
from nightreel.schema import Lesson, Outcome, Shot, Verdict

log = structlog.get_logger()

__all__ = ["DecisionBatch", "Events", "emit", "rerender_shot_for", "with_fix"]

#: on_event(kind, payload): intake|planned|skipped|started|rendered|judged|learned|failed|dawn
Events = Callable[[str, dict], None]

_SCORE = {"accept": 1.0, "salvage": 0.6, "rerender": 0.2, "reject": 0.0}


def emit(on_event: Events | None, kind: str, **payload: Any) -> None:
    """Log a night event and pass it to the caller's `on_event`."""
    log.info(f"night.{kind}", **{k: v for k, v in payload.items() if isinstance(v, str | int | float)})
    if on_event is not None:
        on_event(kind, payload)


def with_fix(shot: Shot, fix: str | None, *, new_seed: bool = True, lessons: list[Lesson] | None = None) -> Shot:
    """The rules' re-render: the change appended to the prompt, a new seed, then the lint with `lessons`
    (None: the seeded lessons only)."""
    from memory.lessons import lint_shot

    positive = f"{shot.positive.rstrip('. ')}. {fix.strip()}" if fix else shot.positive
    seed = (shot.seed + 1) % 2**32 if new_seed or not fix else shot.seed
    fixed = shot.model_copy(update={"positive": positive, "seed": seed})
    return lint_shot(fixed, lessons).shot


def rerender_shot_for(shot: Shot, d: Any, lessons: list[Lesson] | None) -> tuple[Shot, str]:
    """The shot to render again after decision `d`, and who wrote its prompt: the agent's rewrite
    (``d.new_prompt``) when it wrote a new one, else the rules' appended change (``by: rule``); linted with
    every active lesson either way."""
    from memory.lessons import lint_shot
    from memory.recall import normalise_prompt

    rewrite = (getattr(d, "new_prompt", None) or "").strip()
    if rewrite and normalise_prompt(rewrite) != normalise_prompt(shot.positive):
        seed = (shot.seed + 1) % 2**32 if d.new_seed else shot.seed
        return lint_shot(shot.model_copy(update={"positive": rewrite, "seed": seed}), lessons).shot, "agent"
    return with_fix(shot, d.change, new_seed=d.new_seed, lessons=lessons), "rule"


class DecisionBatch:
    """Decisions and learning during the night (mixed into ``app.night._Night``)."""

    deps: Any
    store: Any
    plan: Any
    report: Any
    tonight: set[str]
    judged_since_learning: int

    def lessons(self) -> list[Lesson] | None:
        """Every active lesson: seeded, approved, confirmed proposals and tonight's proposals; None (the seeded
        lessons) without a memory or when it cannot be read."""
        mem = self.deps.memory
        if mem is None or not hasattr(mem, "active_lessons"):
            return None
        try:
            return list(mem.active_lessons(tonight=self.tonight))
        except MemoryStoreError as e:
            log.warning("night.lessons_unreadable", error=str(e))
            return None

    async def _decide(self, it: Item, verdict: Verdict, rule_note: str | None = None):
        """The planner agent's decision on a judged clip (agents.night_agent), the rules as its guardrails."""
        from agents.night_agent import decide, rule_decision

        if rule_note:   # the planner is not to be asked (after dawn, parked): the rule, saying why
            return rule_decision(verdict, round_=it.round, max_rerenders=self.plan.max_rerenders, tier=it.tier,
                                 note=rule_note)
        try:
            idea = self._storyboard(it).brief.idea
        except (NightreelError, OSError, IndexError, ValueError):
            idea = ""
        return await decide(it.shot, verdict, ep=self.ep, tier=it.tier, round_=it.round,
                            max_rerenders=self.plan.max_rerenders, idea=idea, model=self.decision_model,
                            timeout_s=self.deps.settings.night_decision_timeout_s,
                            memory=self.deps.memory)

    async def decide_waiting(self) -> int:
        """Decide every judged clip still waiting; with a parked planner, start it once for the whole batch."""
        waiting = self.store.items(state="deciding")
        if not waiting:
            return 0
        wake, rule_note = self.parked, None
        if self.parked and self.clock() >= self.plan.dawn:
            # the box is the person's again at dawn: the parked planner is not started for the last clips
            wake, rule_note = False, "dawn: the parked planner was not started again after dawn; the rule decided"
        if wake:
            await self._phase_cmd("start")
            await self._planner_ready()
        try:
            for it in waiting:
                try:
                    await self.conclude(it, rule_note=rule_note)
                except Exception as e:  # noqa: BLE001 — one clip's failure must not stop the night or its batch
                    log.exception("night.decision_failed", item=it.id)
                    self.store.update_item(it.id, state="done", decision="failed",
                                           error=f"the decision failed: {e.__class__.__name__}: {e}"[:500])
        finally:
            if wake:
                await self._phase_cmd("stop")
        return len(waiting)

    async def _planner_ready(self) -> None:
        """After the start command: wait (bounded) until the planner answers, so the batch is not all rules."""
        import httpx

        if self.ep is None or self.decision_model is not None:
            return
        deadline = time.monotonic() + self.deps.settings.night_decision_timeout_s
        async with httpx.AsyncClient(timeout=5.0) as client:
            while time.monotonic() < deadline:
                try:   # a server still loading its model answers 503: not ready
                    if (await client.get(f"{self.ep.base_url}/models")).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(2.0)
        log.warning("night.planner_not_ready", url=getattr(self.ep, "base_url", ""))

    async def conclude(self, it: Item, *, rule_note: str | None = None) -> None:
        """The planner's decision on a judged clip (its verdict is on the item), and what follows from it;
        with `rule_note` the rule decides and the decision says why."""
        verdict, sheet, tried, clip_path = it.verdict, it.sheet_path, list(it.tried), it.clip_path
        assert verdict is not None
        d = await self._decide(it, verdict, rule_note)
        who = f"agent ({d.tool})" if d.by == "agent" else "rule" + (f" (the agent called {d.tool})" if d.tool else "")
        tried.append(f"decided by {who}: {d.action} — {d.reason}" + (f" [{d.note}]" if d.note else ""))
        if d.shown.get("lessons") or d.shown.get("outcomes"):
            tried.append(f"memory shown: lessons {', '.join(d.shown['lessons']) or 'none'}; past outcomes "
                         f"{', '.join(d.shown['outcomes']) or 'none'}"
                         + (f"; cited {', '.join(d.cited)}" if d.cited else "; none cited"))
        decision = {"accept": "accept", "salvage": "salvaged", "rerender": "rerender", "drop": "reject"}[d.action]
        if d.action == "salvage":
            clip_path, decision = self._salvage(it, {"ops": d.ops}, tried)
            if decision == "reject":   # the salvage failed: the clip is rejected, and the record says so
                d.action, d.by, d.promote = "drop", "rule", False
                d.note = "; ".join(filter(None, [d.note, f"the salvage failed ({tried[-1]}): the clip is rejected"]))
        children: list[Item] = []
        prompt_by = None
        if it.tier != "final":
            if decision in ("accept", "salvaged") and self.plan.finals and d.promote:
                children.append(Item(id=f"{it.id}-final", run_id=it.run_id, project=it.project,
                                     note_hash=it.note_hash, storyboard_id=it.storyboard_id, shot_id=it.shot_id,
                                     shot=it.shot, tier="final", parent_id=it.id,
                                     score=_SCORE.get(verdict.verdict, 0.5) + 0.01 * (10 - it.round)))
            elif d.action == "rerender":
                shot, prompt_by = rerender_shot_for(it.shot, d, self.lessons())
                children.append(Item(id=f"{it.id}-r{it.round + 1}", run_id=it.run_id, project=it.project,
                                     note_hash=it.note_hash, storyboard_id=it.storyboard_id, shot_id=it.shot_id,
                                     shot=shot, tier=it.tier, round=it.round + 1, parent_id=it.id))
                how = ("the agent rewrote the prompt" if prompt_by == "agent" else
                       f"the rule appended the change: {d.change or 'a new seed'}")
                new_lessons = [i for i in shot.lessons_applied if i not in it.shot.lessons_applied]
                tried.append(f"re-render queued: {how}" + (f"; lessons applied: {', '.join(new_lessons)}"
                                                           if new_lessons else ""))
        record = {**d.as_dict(), "verdict": verdict.verdict, "tier": it.tier, "round": it.round,
                  "prompt_by": prompt_by, "at": datetime.now().isoformat(timespec="seconds")}
        self.store.finish_item(it.id, children, state="done", decision=decision, tried=tried, clip_path=clip_path,
                               sheet_path=sheet, decisions=[*it.decisions, record])   # children + decision: one write
        if getattr(self.deps, "ledger", None) is not None:   # the call, beside chat's, in the ledger
            self.deps.ledger.record_step(run_id=it.run_id, agent="night", tool=d.tool or "rule",
                                         args={"item": it.id, **(d.args or {})},
                                         result=f"{d.action}: {d.reason}" + (f" [{d.note}]" if d.note else ""),
                                         ok=True, by=d.by)
        self.report.verdicts[verdict.verdict] = self.report.verdicts.get(verdict.verdict, 0) + 1
        self.report.decisions[d.by] = self.report.decisions.get(d.by, 0) + 1
        if it.tier == "final":
            self.report.finals += 1
        else:
            self.report.drafts += 1
        self._remember(it, verdict)
        emit(self.on_event, "judged", item=it.id, shot=it.shot.id, project=it.project, tier=it.tier,
             verdict=verdict.verdict,
              decision=decision, by=d.by, tool=d.tool or "", reason=d.reason)
        self.judged_since_learning += 1
        every = int(self.deps.settings.night_learn_every or 0)
        if every > 0 and self.judged_since_learning >= every:
            await self.learn_now(it)

    async def learn_now(self, it: Item | None = None, *, final: bool = False) -> None:
        """Learn from every outcome so far. New proposals that contradict no approved lesson apply to the rest
        of the night as proposals; what happened (or that learning failed) goes on the clip's card and into
        the report. Never raises: the night goes on."""
        from memory.learn import learn_from_outcomes

        self.judged_since_learning = 0
        mem = self.deps.memory
        if mem is None or not hasattr(mem, "list_lessons"):
            return
        when = "at the night's end" if final else "mid-night"
        dawn = self.plan.dawn if self.plan.dawn.tzinfo else self.plan.dawn.astimezone()
        kw = getattr(self, "learn_kwargs", {}) or {}
        try:
            rep = await asyncio.to_thread(learn_from_outcomes, mem, run_id=self.report.run_id, apply_until=dawn, **kw)
            if rep.error:
                raise MemoryStoreError(rep.error)
        except Exception as e:  # noqa: BLE001 — learning is never worth the night
            line = f"learning failed {when} ({e.__class__.__name__}: {str(e)[:200]}); the night went on"
            log.warning("night.learning_failed", error=str(e), final=final)
            self.report.learned.append(line)
            self._note_on(it, line)
            emit(self.on_event, "learned", ok=False, summary=line)
            return
        self.tonight |= set(rep.applied_tonight)
        lines = [f"{when}: {ln}" for ln in rep.lines()] or ([f"{when}: {rep.summary()}"] if final else [])
        self.report.learned += lines
        if lines:
            self._note_on(it, "; ".join(lines))
        emit(self.on_event, "learned", ok=True, new=len(rep.new), confirmed=len(rep.confirmed),
              summary=rep.summary(), applied=len(rep.applied_tonight))

    def _note_on(self, it: Item | None, line: str) -> None:
        if it is None:
            return
        cur = self.store.item(it.id)
        if cur is not None:
            self.store.update_item(it.id, tried=[*cur.tried, line[:1000]])

    def _salvage(self, it: Item, plan: dict, tried: list[str]) -> tuple[str | None, str]:
        from tools.media_ops import apply_plan

        src = Path(it.clip_path or "")
        try:
            dst = apply_plan(src, plan, src.with_name(src.stem + "-salvaged.mp4"), root=self.deps.studio.root)
        except (MediaError, InputError) as e:
            tried.append(f"salvage failed: {e}")
            return it.clip_path, "reject"
        tried.append(f"salvaged: {', '.join(op.get('op', '?') for op in plan.get('ops', []))}")
        return str(dst), "salvaged"

    def _remember(self, it: Item, verdict: Verdict) -> None:
        mem = self.deps.memory
        if mem is None or not hasattr(mem, "record_outcome"):
            return
        try:
            mem.record_outcome(Outcome(shot_id=it.shot.id, project=it.project, prompt=it.shot.positive,
                                       negative=it.shot.negative, target=it.tier, expectations=it.shot.expectations,
                                       verdict=verdict.verdict, reasons=verdict.reasons,
                                       lessons_applied=it.shot.lessons_applied, clip=it.clip_path,
                                       storyboard_id=it.storyboard_id,
                                       params={"seed": it.shot.seed, "round": it.round, "item": it.id}))
        except NightreelError as e:
            log.warning("night.memory_failed", item=it.id, error=str(e))
