"""The autonomous night: notes → storyboards → drafts → critic → decisions → finals, until dawn.

One run, driven by a plan the scheduler keeps (``app.scheduler``):

1. **intake** — every new note (content hash not seen before) is expanded by the planner
   (memory recall + lint) into ``variants`` shots; the storyboard and one draft item per shot
   are recorded in one transaction (``app.night_store``);
2. **dispatch** — while the night lasts, every free ComfyUI slot gets the job the scheduler
   picks (drafts for every project before any final; nothing that cannot finish by dawn);
   the render itself is ``tools.comfy.runner.render_job``, idempotent through the ledger;
3. **judge** — the critic looks at each clip and describes it; the planner agent
   (``agents.night_agent``) reads the verdict, its evidence and the description and calls one tool:
   accept (promote the draft to a final or not), salvage (trim/crop/ping-pong/crossfade with the
   evidence's numbers), re-render with a changed prompt or seed, or drop. The rules that decided
   before are its guardrails (a rejected clip is never promoted, at most ``max_rerenders`` per shot)
   and its fallback (no tool-capable model, a server that is down, calls still invalid after
   retries); each decision records who made it, the tool call, the reason, and the lessons and past
   outcomes it was shown and cited. Every verdict is fed to memory; after every
   ``settings.night_learn_every`` judged clips learning runs, and what it proposes applies to the rest
   of the night as a proposal (``app.night_decisions``).

Durable: everything is in the studio's SQLite file. Killed at any moment and run again, an item
that was rendering resumes its ledger job (never submitted twice), an item with a clip on disk
is judged again, and a note already expanded is not expanded again.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import structlog

from nightreel.boards import write_storyboard
from nightreel.errors import (
    ComfyError,
    InputError,
    ModelError,
    NightreelError,
)
from app.night_decisions import DecisionBatch, Events, emit
from app.night_store import Item, NightStore
from app.notes import read_notes
from app.scheduler import Estimator, Scheduler, Work, workflow_for
from nightreel.schema import RenderJob, Verdict
from tools.comfy.runner import workflow_name

log = structlog.get_logger()

__all__ = ["NightPlan", "NightReport", "run_night", "Events"]



@dataclass
class NightPlan:
    notes_dir: Path
    dawn: datetime
    start: datetime
    variants: int = 2                 # shots per note when its front matter does not say
    max_rerenders: int = 1
    finals: bool = True               # promote accepted drafts to finals while the night lasts
    dawn_policy: str = "finish"       # finish | interrupt: what happens to a job still running at dawn
    retry_after_s: float = 30.0       # a job whose server was down waits this long before it is tried again


@dataclass
class NightReport:
    run_id: str
    notes_expanded: int = 0
    notes_skipped: int = 0
    drafts: int = 0
    finals: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    left_for_next_night: int = 0
    interrupted: int = 0
    decisions: dict[str, int] = field(default_factory=dict)   # by agent / by rule
    learned: list[str] = field(default_factory=list)          # what learning proposed/confirmed/failed, in order


_emit = emit


class _Night(DecisionBatch):
    def __init__(self, deps: Any, ep: Any, store: NightStore, plan: NightPlan, *, clock: Callable[[], datetime],
                 on_event: Events | None, decision_model: Any = None):
        self.deps, self.ep, self.store, self.plan, self.clock, self.on_event = deps, ep, store, plan, clock, on_event
        self.decision_model = decision_model  # tests script the night's decisions with FunctionModel
        self.workflow = workflow_name("auto", deps)   # footage or animatic on the embedded ComfyUI, else template
        self.model_free = self.workflow if self.workflow in ("footage", "animatic") else None
        self.estimator = Estimator().observe_all(self._history())
        self.sched = Scheduler(self.estimator, dawn=plan.dawn)
        self.report = NightReport(run_id="")
        self.not_before: dict[str, datetime] = {}   # item id -> the night's time it may be tried again
        self._freed = False
        # the planner's server is stopped outside planning (night_llm_stop_cmd): judged clips wait for a batch.
        # True from the start, so clips recovered from a killed night wait for the planner too
        self._parks = bool(deps.settings.night_llm_stop_cmd)
        self.parked = self._parks
        self._boards: dict[str, Any] = {}   # storyboard id -> Storyboard, read once
        self.tonight: set[str] = set()       # lessons learned tonight, applied to the rest of it as proposals
        self.judged_since_learning = 0

    def _workflow(self, tier: str) -> str:
        return workflow_for(tier, model_free=self.model_free)

    def _history(self) -> list[tuple[str, str, float]]:
        rows = []
        for it in self.store.items(state="done"):
            if it.render_s > 0:
                rows.append((self._workflow(it.tier), f"{it.shot.duration_s:g}s", it.render_s))
        return rows

    # -- intake --------------------------------------------------------------------------------

    async def _phase_cmd(self, which: str) -> None:
        """Run the configured night_llm_<which>_cmd (stop/start the planner's server), bounded, never fatal."""
        st = self.deps.settings
        cmd = {"stop": st.night_llm_stop_cmd, "start": st.night_llm_start_cmd}[which]
        if not cmd:
            return
        try:
            proc = await asyncio.create_subprocess_shell(cmd, stdout=asyncio.subprocess.DEVNULL,
                                                         stderr=asyncio.subprocess.PIPE)
            _, err = await asyncio.wait_for(proc.communicate(), timeout=120)
            ok = proc.returncode == 0
        except (OSError, asyncio.TimeoutError) as e:
            ok, err = False, str(e).encode()
        _emit(self.on_event, f"llm_{which}", ok=ok)
        if not ok:
            log.warning("night.llm_cmd_failed", which=which, cmd=cmd, stderr=(err or b"")[-300:].decode("utf-8", "replace"))

    async def _free_comfy(self) -> None:
        """Drafts → finals: ask every ComfyUI to unload the draft model so the final's model fits."""
        if not self.deps.settings.night_free_between_phases or self._freed:
            return
        self._freed = True
        for url in getattr(self.deps.comfy, "urls", []):
            try:
                await self.deps.comfy.client(url).free()
                _emit(self.on_event, "freed", server=url)
            except ComfyError as e:
                log.warning("night.free_failed", server=url, error=str(e))

    async def intake(self, run_id: str) -> None:
        await self._phase_cmd("start")
        self.parked = False
        try:
            await self._intake(run_id)
        finally:
            self.parked = self._parks   # before the stop command runs: a clip judged meanwhile waits for the batch
            await self._phase_cmd("stop")

    async def _intake(self, run_id: str) -> None:
        from agents.expand import expand

        scan = read_notes(self.plan.notes_dir, max_idea_chars=self.deps.settings.max_idea_chars,
                          max_variants=self.deps.settings.max_shots)
        for sk in scan.skipped:
            key = sk.hash or f"path:{sk.path}"
            if self.store.note_status(key) is None:
                self.store.record_skipped(note_hash=sk.hash, name=sk.name, path=sk.path, reason=sk.reason,
                                          run_id=run_id)
                self.report.notes_skipped += 1
                _emit(self.on_event, "skipped", note=sk.name, reason=sk.reason)
        for note in scan.notes:
            if self.store.note_status(note.hash) in ("expanded", "skipped"):
                continue  # no note is expanded twice, whatever it is called now
            n = note.variants or self.plan.variants
            _emit(self.on_event, "intake", note=note.name, project=note.project, shots=n)
            try:
                sb = await expand(note.idea, self.deps, self.ep, n_shots=n, target=note.tier, project=note.project)
            except (ModelError, InputError) as e:
                # a planner that failed (down, slow) is tonight's trouble, not the note's: the next run tries again
                retry = isinstance(e, ModelError)
                self.store.record_skipped(note_hash=note.hash, name=note.name, path=note.path, run_id=run_id,
                                          reason=f"the planner could not expand it: {e}"
                                                 + (" (tried again at the next run)" if retry else ""),
                                          status="deferred" if retry else "skipped")
                self.report.notes_skipped += 1
                _emit(self.on_event, "skipped", note=note.name, reason=str(e))
                continue
            for s in sb.shots:
                s.start_image = s.start_image or note.start_image
            out = self.deps.studio.project_dir(note.project) / "night" / sb.id
            write_storyboard(sb, out, "md")
            items = [Item(id=f"it-{sb.id[3:]}-{s.id}", run_id=run_id, project=note.project, note_hash=note.hash,
                          storyboard_id=sb.id, shot_id=s.id, shot=s, tier=note.tier) for s in sb.shots]
            self.store.record_expanded(note_hash=note.hash, name=note.name, path=note.path, project=note.project,
                                       storyboard_id=sb.id, storyboard_path=str(out / "storyboard.json"),
                                       run_id=run_id, items=items)
            self.report.notes_expanded += 1
            _emit(self.on_event, "planned", note=note.name, project=note.project, storyboard=sb.id,
                  shots=len(sb.shots), items=[i.id for i in items])

    # -- render + judge one item ------------------------------------------------------------------

    def _storyboard(self, it: Item):
        """The item's storyboard narrowed to its shot (the file is read once per night: it does not change)."""
        from nightreel.boards import load_storyboard

        sb = self._boards.get(it.storyboard_id)
        if sb is None:
            rows = [n for n in self.store.notes() if n["storyboard_id"] == it.storyboard_id]
            sb = self._boards[it.storyboard_id] = load_storyboard(rows[0]["storyboard_path"])
        return sb.model_copy(update={"shots": [it.shot]})

    def _job_of(self, it: Item):
        from tools.comfy.runner import job_key

        return self.deps.ledger.find(job_key(self._storyboard(it), it.shot, self._tier(it), self.workflow))

    @staticmethod
    def _tier(it: Item) -> str:
        return "final" if it.tier == "final" else "draft"

    async def render_item(self, it: Item) -> None:
        from tools.comfy.runner import render_job

        it = self.store.update_item(it.id, state="rendering", run_id=self.report.run_id)
        out = self.deps.studio.project_dir(it.project) / "night" / it.storyboard_id / it.id
        out.mkdir(parents=True, exist_ok=True)
        t0 = time.monotonic()
        res = await render_job(self._storyboard(it), it.shot, self._tier(it), self.deps, None, out_dir=out)
        if isinstance(res, RenderJob):
            if res.state.value in ("lost", "planned", "submitted", "running"):  # server down: wait and resume
                self._wait(it.id)
                self.store.update_item(it.id, state="pending", error=f"waiting for ComfyUI: {res.error or res.state.value}")
                _emit(self.on_event, "waiting", item=it.id, shot=it.shot.id, project=it.project,
                      reason=res.error or res.state.value)
                return
            self.store.update_item(it.id, state="done", job_id=res.id, error=res.error or "render failed",
                                   decision="failed", tried=[*it.tried, f"{it.tier}: render failed: {res.error}"])
            _emit(self.on_event, "failed", item=it.id, shot=it.shot.id, project=it.project, error=res.error or "")
            return
        job = self.deps.ledger.get(res.job_id) if res.job_id else None
        seconds = ((job.finished_at - job.submitted_at).total_seconds()
                   if job and job.finished_at and job.submitted_at else time.monotonic() - t0)
        self.estimator.observe(self._workflow(it.tier), seconds, f"{it.shot.duration_s:g}s")
        it = self.store.update_item(it.id, state="judging", clip_path=res.path, job_id=res.job_id, render_s=seconds,
                                    error=None)
        _emit(self.on_event, "rendered", item=it.id, shot=it.shot.id, project=it.project, tier=it.tier, clip=res.path,
              seconds=round(seconds, 1))
        await self.judge(it)

    async def _critique(self, it: Item) -> tuple[Verdict, str | None]:
        from agents.critic import critique

        clip = Path(it.clip_path or "")
        sheet = clip.with_suffix(".sheet.png")
        kw = dict(settings=self.deps.settings, studio=self.deps.studio, sheet_path=sheet)
        if inspect.iscoroutinefunction(critique):
            verdict = await critique(clip, it.shot, **kw)
        else:
            verdict = await asyncio.to_thread(critique, clip, it.shot, **kw)
        return verdict, (str(sheet) if sheet.is_file() else None)

    async def judge(self, it: Item) -> None:
        """The critic's verdict is recorded first (state ``deciding``), then the planner decides on it, unless the
        planner is parked (its server stopped to free memory for the renders): then the decision waits for the
        next batch (``decide_waiting``), when the renders are idle and the planner is started once for all."""
        t0 = time.monotonic()
        try:
            verdict, sheet = await self._critique(it)
        except NightreelError as e:
            verdict, sheet = Verdict(verdict="reject", reasons=[f"the critic could not read the clip: {e}"]), None
        tried = [*it.tried, f"{it.tier} (round {it.round}): critic said {verdict.verdict}"
                 + (f" — {verdict.reasons[0]}" if verdict.reasons else "")]
        it = self.store.update_item(it.id, state="deciding", verdict=verdict, sheet_path=sheet, tried=tried,
                                    critic_s=time.monotonic() - t0)
        if self.parked:
            _emit(self.on_event, "awaiting_decision", item=it.id, project=it.project, verdict=verdict.verdict)
            return
        await self.conclude(it)

    def _wait(self, item_id: str) -> None:
        """A job whose ComfyUI was down is tried again `retry_after_s` later, on the night's own clock."""
        self.not_before[item_id] = self.clock() + timedelta(seconds=self.plan.retry_after_s)

    # -- the loop -------------------------------------------------------------------------------

    def _work(self, it: Item) -> Work:
        return Work(id=it.id, project=it.project, kind=it.tier, workflow=self._workflow(it.tier),
                    size=f"{it.shot.duration_s:g}s", round=it.round, score=it.score, seq=it.seq)

    def _recover(self) -> None:
        """After a crash: rendering items resume their ledger job; judging items are judged again; items judged but
        not decided (``deciding``) get their decision in the loop's next batch."""
        for it in self.store.items(state="rendering"):
            self.store.update_item(it.id, state="pending")

    async def run(self, run_id: str) -> NightReport:
        self.report.run_id = run_id
        self._recover()
        for it in self.store.items(state="judging"):
            await self.judge(it)
        servers = max(1, len(getattr(self.deps.comfy, "urls", [])))
        slots = servers * max(1, getattr(self.deps.comfy, "depth", 1))
        intake = asyncio.create_task(self.intake(run_id))
        running: dict[asyncio.Task, Item] = {}
        try:
            while True:
                now = self.clock()
                if now >= self.plan.dawn and self.plan.dawn_policy == "interrupt" and running:
                    await self._interrupt(running)
                pending = [it for it in self.store.items(state="pending")
                           if self.not_before.get(it.id, now) <= now and it not in running.values()]
                busy = {t_it.id for t_it in running.values()}
                pending = [it for it in pending if it.id not in busy]
                while len(running) < slots and pending:
                    start_at = now if len(running) < servers else now + timedelta(
                        seconds=min(self.sched.estimate(self._work(i)) for i in running.values()))
                    w = self.sched.choose([self._work(i) for i in pending], start_at)
                    if w is None:
                        break
                    it = next(i for i in pending if i.id == w.id)
                    if it.tier == "final" and not any(i.tier == "final" for i in running.values()):
                        await self._free_comfy()
                    pending.remove(it)
                    self.sched.started_job(w)
                    running[asyncio.create_task(self.render_item(it))] = it
                    _emit(self.on_event, "started", item=it.id, shot=it.shot.id, project=it.project, tier=it.tier,
                          estimate_s=round(self.sched.estimate(w)))
                waiting = any(v > now for v in self.not_before.values())
                if not running and intake.done():
                    if await self.decide_waiting():   # the renders are idle: the judged clips get their decisions
                        continue
                    if not waiting:
                        break
                wait_on = set(running) | ({intake} if not intake.done() else set())
                done, _ = await asyncio.wait(wait_on, timeout=1.0, return_when=asyncio.FIRST_COMPLETED) \
                    if wait_on else (set(), set())
                if not wait_on:
                    await asyncio.sleep(0.5)
                for t in done:
                    if t is intake:
                        continue
                    it = running.pop(t)
                    exc = t.exception()
                    if isinstance(exc, ComfyError):
                        self._wait(it.id)
                        self.store.update_item(it.id, state="pending", error=str(exc))
                    elif exc is not None:
                        raise exc
            if intake.done() and intake.exception() is not None:
                raise intake.exception()  # type: ignore[misc]
        finally:
            for t in (*running, intake):
                if not t.done():
                    t.cancel()
        self.report.left_for_next_night = len(self.store.items(state="pending"))
        return self.report

    async def _interrupt(self, running: dict[asyncio.Task, Item]) -> None:
        for t, it in list(running.items()):
            t.cancel()
            job = self._job_of(it)
            if job is not None and job.server and job.state.value in ("submitted", "running"):
                try:
                    await self.deps.comfy.client(job.server).interrupt(job.prompt_id)
                except ComfyError as e:
                    log.warning("night.interrupt_failed", item=it.id, error=str(e))
            self.store.update_item(it.id, state="dropped", decision="interrupted at dawn",
                                   error="interrupted at dawn (dawn_policy=interrupt)",
                                   tried=[*it.tried, f"{it.tier}: interrupted at dawn"])
            self.report.interrupted += 1
            running.pop(t)
        _emit(self.on_event, "dawn", interrupted=self.report.interrupted)


async def run_night(deps: Any, ep: Any, plan: NightPlan, *, clock: Callable[[], datetime] = datetime.now,
                    on_event: Events | None = None, store: NightStore | None = None,
                    decision_model: Any = None) -> NightReport:
    """Run (or resume) tonight's plan. `deps` needs settings, studio, ledger, comfy (a ComfyPool), memory."""
    own = store is None
    store = store or NightStore.open(deps.studio)
    try:
        run = store.open_run(day=plan.start.strftime("%Y-%m-%d"), start=plan.start.strftime("%H:%M"),
                             dawn=plan.dawn.strftime("%Y-%m-%d %H:%M"))
        night = _Night(deps, ep, store, plan, clock=clock, on_event=on_event, decision_model=decision_model)
        report = await night.run(run.id)
        await night.learn_now(final=True)   # the night's last step: learn from every outcome
        store.finish_run(run.id, "finished")
        return report
    finally:
        if own:
            store.close()

