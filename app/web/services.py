"""What the studio page drives: the planner chat, renders with live progress, the critic, the dailies.

No behaviour of its own: the chat is ``agents.chat.ChatSession``; renders are
``tools.comfy.runner.render_storyboard`` inside ``app.rendering.render_session`` (the ledger's
job keys make a second click a no-op); every clip is judged by ``agents.critic.critique`` and
recorded as an item of the night store, so ``nightreel dailies`` / ``nightreel review`` and this page
see and decide the same clips through ``app.review.review_item``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import structlog
from markdown_it import MarkdownIt

from agents.deps import Workspace
from nightreel.errors import (
    ComfyError,
    ComfyUnavailable,
    InputError,
    ModelError,
    ModelUnavailable,
    NightreelError,
)
from app.night_store import Item, NightStore
from nightreel.schema import JobState, Storyboard, Verdict, new_id
from nightreel.studio import Studio
from app.web.board_store import BoardStore
from app.web.events import Broker

log = structlog.get_logger()
_md = MarkdownIt("commonmark", {"html": False})  # raw HTML in a model's reply is escaped, never run

__all__ = ["ServiceState", "StudioServices"]


class ServiceState:
    """One backing service as the page shows it: starting | ready | down (with the reason)."""

    def __init__(self, name: str):
        self.name, self.state, self.detail = name, "starting", ""

    def set(self, state: str, detail: str = "") -> None:
        self.state, self.detail = state, detail

    def as_dict(self) -> dict:
        return {"name": self.name, "state": self.state, "detail": self.detail}


class StudioServices:
    def __init__(self, settings: Any, studio: Studio, *, workflow: str = "auto", memory: bool = True,
                 broker: Broker | None = None, agent_model: Any = None, draft_model: Any = None):
        self.settings, self.studio, self.workflow, self.use_memory = settings, studio, workflow, memory
        self.agent_model, self.draft_model = agent_model, draft_model   # tests script the chat (FunctionModel)
        self.sessions: dict[str, Any] = {}   # storyboard id -> its one ChatSession (both tabs, every message)
        self.broker = broker or Broker()
        self.boards = BoardStore(studio)
        self.store = NightStore.open(studio)
        self.planner, self.comfy = ServiceState("planner"), ServiceState("ComfyUI")
        self.memory: Any = None
        self.deps: Any = None            # planner Deps
        self.ep: Any = None              # planner Endpoint
        self.render_deps: Any = None     # Deps with .ledger and .comfy
        self.turns: dict[str, dict] = {}
        self.progress: dict[str, dict[str, dict]] = {}   # storyboard id -> shot id -> progress
        self._renders: dict[tuple[str, str], asyncio.Task] = {}
        self._tasks: set[asyncio.Task] = set()
        self._planner_lock = asyncio.Lock()
        self._render_lock = asyncio.Lock()
        self._stop = asyncio.Event()
        self._render_ready = asyncio.Event()
        self._stack = contextlib.ExitStack()
        self._host: asyncio.Task | None = None

    # -- lifecycle --------------------------------------------------------------------------------

    def _spawn(self, coro) -> asyncio.Task:
        t = asyncio.create_task(coro)
        self._tasks.add(t)
        t.add_done_callback(self._tasks.discard)
        return t

    async def start(self) -> None:
        self._spawn(self._start_planner())
        self._host = asyncio.create_task(self._host_render_session())

    async def _start_planner(self) -> None:
        from app.session import open_memory, planner_session, with_memory

        try:
            if self.use_memory:
                self.memory = await asyncio.to_thread(self._stack.enter_context, open_memory(self.studio))
            deps, ep = await asyncio.to_thread(self._stack.enter_context, planner_session(self.settings, memory=False))
            self.deps, self.ep = with_memory(deps, self.memory), ep
            self.planner.set("ready", ep.label or ep.model)
            await self.check_planner()
        except NightreelError as e:
            self.planner.set("down", str(e))
        self._publish_status()

    async def _host_render_session(self) -> None:
        """Enter render_session once and keep it until shutdown (all in this one task)."""
        from app.rendering import render_session

        try:
            async with render_session(self.settings, self.studio) as d:
                self.render_deps = d
                self._render_ready.set()
                await self.check_comfy()
                await self._stop.wait()
        except NightreelError as e:
            self.comfy.set("down", str(e))
            self._publish_status()
        finally:
            self.render_deps = None

    async def close(self) -> None:
        self._stop.set()
        self.broker.close()
        for t in list(self._tasks):
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._host is not None:
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(self._host, timeout=30)
        await asyncio.to_thread(self._stack.close)
        self.store.close()

    # -- status -----------------------------------------------------------------------------------

    def _publish_status(self) -> None:
        self.broker.publish("status", self.status())

    def status(self) -> dict:
        return {"planner": self.planner.as_dict(), "comfy": self.comfy.as_dict()}

    async def check_planner(self) -> None:
        from agents.models import raise_for_unreachable

        if self.ep is None:
            return
        try:
            await asyncio.to_thread(raise_for_unreachable, self.ep)
            self.planner.set("ready", self.ep.label or self.ep.model)
        except ModelError as e:
            self.planner.set("down", str(e))

    async def check_comfy(self) -> None:
        pool = getattr(self.render_deps, "comfy", None)
        if pool is None:
            return
        up = []
        async with httpx.AsyncClient(timeout=3.0) as http:
            for url in pool.urls:
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(f"{url}/system_stats")).status_code == 200:
                        up.append(url)
        if up:
            self.comfy.set("ready", ", ".join(up))
        else:
            self.comfy.set("down", f"no answer to /system_stats from {', '.join(pool.urls)}")

    def _comfy_where(self) -> str:
        pool = getattr(self.render_deps, "comfy", None)
        urls = pool.urls if pool is not None else self.settings.comfy_urls
        return ", ".join(urls) or "the embedded server"

    async def refresh_status(self) -> dict:
        await asyncio.gather(self.check_planner(), self.check_comfy())
        self._publish_status()
        return self.status()

    # -- chat -------------------------------------------------------------------------------------

    async def chat(self, sb_id: str | None, line: str, *, n_shots: int, client: str = "") -> str:
        """Start one chat turn; its reply arrives as a `chat` event (and at /api/turn/<id>)."""
        if not line.strip():
            raise InputError("type a brief, or a follow-up such as 'make shot 2 a locked tripod'")
        if sb_id:
            self.boards.find(sb_id)  # KeyError -> 404 before anything starts
        if self.planner.state == "down" and self.ep is not None:
            await self.check_planner()  # it may be back
            self._publish_status()
        if self.planner.state == "down":
            raise ModelUnavailable(f"the planner is down: {self.planner.detail}")
        if self.ep is None:
            raise ModelUnavailable("the planner is still starting; try again in a moment")
        turn = new_id("turn-")
        self.turns[turn] = {"turn": turn, "sb": sb_id, "phase": "thinking", "line": line, "client": client}
        self.broker.publish("chat", self.turns[turn])
        self._spawn(self._chat_turn(turn, sb_id, line, n_shots))
        return turn

    def _session(self, sb_id: str | None, n_shots: int) -> Any:
        """The storyboard's one chat session: kept in memory, else restored from its folder (a restart), else new.
        Renders go through the studio's render session, opened when the chat first renders."""
        from agents.chat import ChatSession
        from agents.chat_state import load_state

        if sb_id and sb_id in self.sessions:
            return self.sessions[sb_id]

        async def render_deps() -> Any:
            if self.render_deps is None and self._host is not None and not self._host.done():
                with contextlib.suppress(asyncio.TimeoutError):   # ComfyUI is still starting: wait, bounded
                    await asyncio.wait_for(self._render_ready.wait(), timeout=120)
            return self.render_deps

        deps = replace(self.deps, workspace=Workspace(), ledger=getattr(self.render_deps, "ledger", None),
                       run_id=f"studio-chat-{sb_id or new_id()}")
        session = ChatSession(deps, self.ep, n_shots=n_shots, model=self.draft_model, agent_model=self.agent_model,
                              render_opener=render_deps)
        if sb_id:
            with contextlib.suppress(KeyError, OSError, ValueError):
                load_state(session, json.loads((self.boards.find(sb_id) / "chat.json").read_text(encoding="utf-8")))
            self.sessions[sb_id] = session
        return session

    def _keep_session(self, sb_id: str, session: Any) -> None:
        from agents.chat_state import dump_state

        self.sessions[sb_id] = session
        with contextlib.suppress(KeyError, OSError):
            path = self.boards.find(sb_id) / "chat.json"
            tmp = path.with_name(".chat.json.tmp")
            tmp.write_text(json.dumps(dump_state(session), ensure_ascii=False, default=str), encoding="utf-8")
            os.replace(tmp, path)

    async def _chat_turn(self, turn: str, sb_id: str | None, line: str, n_shots: int) -> None:
        rec = self.turns[turn]
        t0 = time.monotonic()
        try:
            async with self._planner_lock:
                sb, version = self.boards.load(sb_id) if sb_id else (None, None)
                session = self._session(sb_id, len(sb.shots) if sb else n_shots)
                session.deps.workspace.storyboard = sb      # the board as saved now (a tab may have edited it)
                try:
                    reply = await session.say(line)
                finally:
                    new = session.storyboard
                    if new is not None and (sb is None or new != sb):
                        saved = self.boards.save(new, base_version=version, by="chat")
                        self.broker.publish("board", {"sb": new.id, "version": saved.version, "by": "chat",
                                                      "conflict": saved.conflict})
                    if new is not None:
                        self._keep_session(new.id, session)
            shown = "\n\n".join([reply.text, *(v.markdown() for v in reply.verdicts)])   # the verdicts, as data
            if new is not None:
                self.boards.append_turn(new.id, "you", line)
                for st in reply.steps:
                    self.boards.append_turn(new.id, f"tool {st.tool}", f"{st.args} → {st.result[:2000]}")
                self.boards.append_turn(new.id, "planner", shown)
            rec.update(phase="reply", sb=new.id if new else sb_id, text=reply.text, html=_md.render(shown),
                       verdicts=[v.as_dict() for v in reply.verdicts], changed=reply.changed,
                       steps=[st.as_dict() for st in reply.steps], by=reply.by, seconds=round(time.monotonic() - t0, 1))
        except InputError as e:
            rec.update(phase="error", which="input", error=str(e))
        except ModelError as e:
            if isinstance(e, ModelUnavailable):
                self.planner.set("down", str(e))
                self._publish_status()
            rec.update(phase="error", which="planner", error=f"planner: {e}")
        except NightreelError as e:
            rec.update(phase="error", which="studio", error=str(e))
        except Exception as e:
            log.exception("web.chat_failed", turn=turn)
            rec.update(phase="error", which="studio", error=f"{e.__class__.__name__}: {e}")
        self.broker.publish("chat", rec)

    # -- renders ----------------------------------------------------------------------------------

    async def render(self, sb_id: str, tier: str) -> dict:
        """Start rendering a storyboard at a tier; a second request while it runs starts nothing."""
        if tier not in ("draft", "final"):
            raise InputError(f"tier must be draft or final, not {tier!r}")
        async with self._render_lock:  # check-and-start is one step: a double click starts one render
            return await self._start_render(sb_id, tier)

    async def _start_render(self, sb_id: str, tier: str) -> dict:
        sb, _ = self.boards.load(sb_id)
        running = self._renders.get((sb_id, tier))
        if running is not None and not running.done():
            return {"started": False, "note": f"{tier}s of this storyboard are already rendering"}
        if self.render_deps is None:
            if self._host is not None and self._host.done():  # it failed to start: try again, for the next click
                self.comfy.set("starting")
                self._host = asyncio.create_task(self._host_render_session())
            raise ComfyUnavailable(self._comfy_where(), self.comfy.detail or "still starting; try again in a moment")
        await self.check_comfy()
        self._publish_status()
        if self.comfy.state == "down":
            raise ComfyUnavailable(self._comfy_where(), self.comfy.detail)
        for s in sb.shots:
            self._progress(sb.id, s.id, tier, 0.0, "planned")
        self._renders[(sb_id, tier)] = self._spawn(self._render(sb, tier))
        return {"started": True, "note": f"rendering {len(sb.shots)} {tier}(s)"}

    def _progress(self, sb_id: str, shot_id: str, tier: str, fraction: float, state: str, **extra: Any) -> None:
        rec = {"sb": sb_id, "shot": shot_id, "tier": tier, "fraction": round(fraction, 3), "state": state, **extra}
        self.progress.setdefault(sb_id, {})[shot_id] = rec
        self.broker.publish("job", rec)

    async def _render(self, sb: Storyboard, tier: str) -> None:
        from tools.comfy.runner import render_storyboard

        deps = self.render_deps
        try:
            outcome = await render_storyboard(
                sb, tier, deps, lambda shot, f, state: self._progress(sb.id, shot, tier, f, state),
                workflow=self.workflow)
        except NightreelError as e:
            for s in sb.shots:
                self._progress(sb.id, s.id, tier, 1.0, "failed", error=str(e))
            if isinstance(e, ComfyError):
                self.comfy.set("down", str(e))
                self._publish_status()
            return
        except Exception as e:
            log.exception("web.render_failed", storyboard=sb.id)
            for s in sb.shots:
                self._progress(sb.id, s.id, tier, 1.0, "failed", error=f"{e.__class__.__name__}: {e}")
            return
        for job in outcome.unfinished:
            self._progress(sb.id, job.shot_id, tier, 1.0, job.state.value, error=job.error or "")
        run_id = self._studio_run()
        self._note_storyboard(sb, run_id)
        for clip in outcome:
            await self._judge(sb, clip, tier, run_id)

    def _studio_run(self) -> str:
        """Today's run for clips made in the studio (a night running now is used as it is)."""
        today = datetime.now().strftime("%Y-%m-%d")
        runs = [r for r in self.store.runs() if r.day == today]
        for status in ("running", "studio"):
            for r in reversed(runs):
                if r.status == status:
                    return r.id
        now = datetime.now().strftime("%H:%M")
        run = self.store.open_run(day=today, start=now, dawn=f"{today} {now}")
        self.store.finish_run(run.id, "studio")
        return run.id

    def _note_storyboard(self, sb: Storyboard, run_id: str) -> None:
        """Record the storyboard as the night store records a note, so a promoted or re-queued clip
        can be rendered by the next night from the same storyboard file."""
        key = f"studio:{sb.id}"
        if self.store.note_status(key) is None:
            d = self.boards.find(sb.id)
            self.store.record_expanded(note_hash=key, name=sb.title, path=str(d), project=sb.brief.project,
                                       storyboard_id=sb.id, storyboard_path=str(d / "storyboard.json"),
                                       run_id=run_id, items=[])

    async def _judge(self, sb: Storyboard, clip: Any, tier: str, run_id: str) -> None:
        from agents.critic import critique

        shot = sb.shot(clip.shot_id)
        item_id = f"it-{clip.job_id or new_id()}"
        with contextlib.suppress(KeyError):
            if self.store.item(item_id).state == "done":
                self._progress(sb.id, shot.id, tier, 1.0, "done", verdict=self.store.item(item_id).decision)
                return
        job = self.render_deps.ledger.get(clip.job_id) if clip.job_id else None
        render_s = ((job.finished_at - job.submitted_at).total_seconds()
                    if job and job.finished_at and job.submitted_at else 0.0)
        self.store.add_item(Item(id=item_id, run_id=run_id, project=sb.brief.project, note_hash=f"studio:{sb.id}",
                                 storyboard_id=sb.id, shot_id=shot.id, shot=shot, tier=tier, state="judging"))
        self.store.update_item(item_id, clip_path=clip.path, job_id=clip.job_id, render_s=render_s)
        self._progress(sb.id, shot.id, tier, 1.0, "done", judging=True)
        sheet = Path(clip.path).with_suffix(".sheet.png")
        t0 = time.monotonic()
        try:
            verdict = await critique(clip.path, shot, settings=self.settings, studio=self.studio, sheet_path=sheet)
        except NightreelError as e:
            verdict = Verdict(verdict="reject", reasons=[f"the critic could not read the clip: {e}"])
        with contextlib.suppress(NightreelError, OSError):
            from app.dailies import poster_for

            await asyncio.to_thread(poster_for, Path(clip.path), self.studio)
        self.store.update_item(item_id, state="done", verdict=verdict, decision=verdict.verdict,
                               critic_s=time.monotonic() - t0, sheet_path=str(sheet) if sheet.is_file() else None,
                               tried=[f"{tier} from the studio page: {verdict.verdict}"
                                      + (f" — {verdict.reasons[0]}" if verdict.reasons else "")])
        self._progress(sb.id, shot.id, tier, 1.0, "done", verdict=verdict.verdict)
        self.broker.publish("item", {"sb": sb.id, "item": item_id})

    def jobs(self, sb_id: str) -> list[Any]:
        """The ledger's jobs for a storyboard (what the page shows under each panel)."""
        ledger = getattr(self.render_deps, "ledger", None)
        if ledger is not None:
            return ledger.jobs(storyboard_id=sb_id)
        from nightreel.ledger import Ledger

        if not self.studio.ledger_path.is_file():
            return []
        with Ledger.open(self.studio) as lg:
            return lg.jobs(storyboard_id=sb_id)

    def shot_progress(self, sb_id: str) -> dict[str, dict]:
        """Live progress where a render runs in this process, else the ledger's last word per shot."""
        out: dict[str, dict] = {}
        for j in self.jobs(sb_id):
            done = j.state == JobState.done
            out[j.shot_id] = {"sb": sb_id, "shot": j.shot_id, "tier": j.tier, "state": j.state.value,
                              "fraction": 1.0 if done or j.state == JobState.failed else 0.0, "error": j.error or ""}
        out.update(self.progress.get(sb_id, {}))
        return out

    # -- dailies ----------------------------------------------------------------------------------

    def items(self, sb_id: str | None = None) -> list[Item]:
        items = [i for i in self.store.items() if i.state in ("done", "dropped", "judging", "deciding")]
        return [i for i in items if sb_id is None or i.storyboard_id == sb_id]

    async def review(self, item_id: str, action: str, note: str = "") -> dict:
        from app.review import review_item

        rv = await asyncio.to_thread(review_item, self.store, item_id, action, note, memory=self.memory)
        it = self.store.item(item_id)
        self.broker.publish("item", {"sb": it.storyboard_id, "item": item_id, "action": rv.action})
        return {"item": item_id, "action": rv.action, "note": rv.note, "at": rv.at}

