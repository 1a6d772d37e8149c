"""Render a storyboard: shots -> graphs -> ComfyUI jobs in the ledger -> clips with provenance.

Every job is written to the ledger before it is sent (state first, action second), so a render
that is stopped at any moment can be run again: done clips are kept, jobs a server still has are
waited on (never submitted twice), jobs a server forgot are resubmitted once.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import structlog

from nightreel.errors import (ComfyError, ComfyJobFailed, ComfyJobLost, ComfyRejected, ComfyUnavailable, InputError,
                              MediaError)
from nightreel.schema import Clip, JobState, RenderJob, Shot, Storyboard, content_hash, utcnow
from nightreel.studio import slug
from tools.comfy.build import build_for_shot
from tools.comfy.client import ComfyClient, Progress
from tools.comfy.provenance import probe_clip, write_provenance
from tools.comfy.workflows import BuiltGraph

if TYPE_CHECKING:
    from nightreel.ledger import Ledger
    from tools.comfy.pool import ComfyPool

__all__ = ["ProgressFn", "RenderOutcome", "job_key", "render_job", "render_storyboard", "workflow_name"]

log = structlog.get_logger()

#: progress(shot_id, fraction 0..1, state) — state: planned|submitted|queued|running|done|failed|lost
ProgressFn = Callable[[str, float, str], None]

MAX_LOST_RESUBMITS = 1


def job_key(storyboard: Storyboard, shot: Shot, tier: str, workflow: str) -> str:
    """Same storyboard, same shot content, same tier and workflow = the same job."""
    fields = shot.model_dump(include={"positive", "negative", "seed", "duration_s", "start_image", "title", "camera"})
    return f"{storyboard.id}:{shot.id}:{tier}:{workflow}:{content_hash(json.dumps(fields, sort_keys=True))[:16]}"


class RenderOutcome(list):
    """The clips that finished (a list of Clip), with the jobs that did not in `.unfinished`."""

    unfinished: list[RenderJob]


def _clip_dir(deps, storyboard: Storyboard, out_dir: Path | None) -> Path:
    if out_dir is not None:  # a folder the user named: downloads are checked inside it
        d = Path(out_dir).expanduser().resolve()
        d.mkdir(parents=True, exist_ok=True)
        return d
    return clip_dir(deps.studio, storyboard)


def clip_dir(studio, storyboard: Storyboard) -> Path:
    """projects/<project>/<title>-<storyboard id>: two storyboards with the same title never share a folder."""
    sb_id = storyboard.id.removeprefix("sb-")[:8]
    return studio.project_dir(storyboard.brief.project) / f"{slug(storyboard.title or storyboard.id, 40)}-{slug(sb_id)}"


async def render_storyboard(storyboard: Storyboard, tier: str, deps: Any, progress: ProgressFn | None = None, *,
                            out_dir: Path | None = None, workflow: str = "auto",
                            shot_ids: list[str] | None = None) -> RenderOutcome:
    """Render every shot (or `shot_ids`) of a storyboard at `tier` ('draft' | 'final').

    `deps` needs `.settings`, `.studio`, `.ledger` (nightreel.ledger.Ledger) and `.comfy`
    (tools.comfy.ComfyPool) — agents.deps.Deps has them. Returns the finished clips, in shot order;
    jobs that failed or were lost are in `.unfinished` with their error (nothing raised for them).
    """
    if tier not in ("draft", "final"):
        raise InputError(f"tier must be draft or final, not {tier!r}")
    shots = [s for s in storyboard.shots if shot_ids is None or s.id in shot_ids]
    if shot_ids and len(shots) != len(set(shot_ids)):
        missing = sorted(set(shot_ids) - {s.id for s in shots})
        raise InputError(f"no shot {', '.join(missing)} in storyboard {storyboard.id}")
    out = _clip_dir(deps, storyboard, out_dir)
    await reconcile_pool(deps.ledger, deps.comfy)
    results = await asyncio.gather(*(render_job(storyboard, s, tier, deps, progress, out_dir=out, workflow=workflow)
                                     for s in shots), return_exceptions=True)
    outcome = RenderOutcome()
    outcome.unfinished = []
    for shot, res in zip(shots, results):
        if isinstance(res, Clip):
            outcome.append(res)
        elif isinstance(res, RenderJob):
            outcome.unfinished.append(res)
        elif isinstance(res, BaseException):
            if not isinstance(res, ComfyError | InputError | MediaError | OSError):
                raise res
            outcome.unfinished.append(RenderJob(shot_id=shot.id, tier=tier, state=JobState.failed, error=str(res)))
    return outcome


async def reconcile_pool(ledger: Ledger, pool: ComfyPool) -> dict[str, list[str]]:
    """Ask each server about our open jobs and square the ledger with the answers."""
    from nightreel.ledger import reconcile  # the ledger module is a leaf of nightreel; imported lazily

    views: dict[str, dict[str, str]] = {}
    open_jobs = ledger.jobs(state=[JobState.submitted, JobState.running])
    for url in {j.server for j in open_jobs if j.server}:
        if url not in pool.clients:
            continue
        client = pool.client(url)
        try:
            q = await client.queue()
            running = {item[1] for item in q.get("queue_running", [])}
            pending = {item[1] for item in q.get("queue_pending", [])}
            view: dict[str, str] = {}
            for job in (j for j in open_jobs if j.server == url):
                if job.prompt_id in running:
                    view[job.prompt_id] = "running"
                elif job.prompt_id in pending:
                    view[job.prompt_id] = "pending"
                else:
                    entry = (await client.history(job.prompt_id)).get(job.prompt_id)
                    status = (entry or {}).get("status") or {}
                    view[job.prompt_id] = ("error" if status.get("status_str") == "error"
                                           else "done" if entry else "unknown")
            views[url] = view
        except ComfyError as e:
            log.warning("reconcile.unreachable", server=url, error=str(e))
    plan = reconcile(ledger, views)
    if any(plan.values()):
        log.info("reconcile", **{k: len(v) for k, v in plan.items()})
    return plan


def _emit(progress: ProgressFn | None, shot_id: str, fraction: float, state: str) -> None:
    if progress is not None:
        progress(shot_id, fraction, state)


async def render_job(storyboard: Storyboard, shot: Shot, tier: str, deps: Any, progress: ProgressFn | None = None,
                     *, out_dir: Path, workflow: str = "auto") -> Clip | RenderJob:
    """Render one shot to a clip, resuming whatever the ledger knows about it.

    Returns the Clip when done, else the RenderJob as it ended (failed, or lost with the server gone).
    """
    ledger, pool = deps.ledger, deps.comfy
    wf = workflow_name(workflow, deps)
    key = job_key(storyboard, shot, tier, wf)
    log_ = log.bind(shot_id=shot.id, tier=tier)
    job = ledger.find(key)
    if job is not None and job.state == JobState.done and job.clip_path and Path(job.clip_path).is_file():
        _emit(progress, shot.id, 1.0, "done")
        return _clip_from_done(job)
    if job is None or job.state == JobState.done:  # done but the file is gone: render again
        job = ledger.add(RenderJob(storyboard_id=storyboard.id, project=storyboard.brief.project, shot_id=shot.id,
                                   tier=tier), key)
    _emit(progress, shot.id, 0.0, job.state.value)
    built: BuiltGraph | None = None
    while True:
        log_ = log_.bind(job_id=job.id, prompt_id=job.prompt_id)
        prefer = job.server if job.state in (JobState.submitted, JobState.running) else None
        try:
            async with pool.slot(prefer=prefer) as client:
                if job.state in (JobState.planned, JobState.lost):
                    built = await build_for_shot(shot, tier, client, deps, workflow=wf, job=job, storyboard=storyboard)
                    job = ledger.transition(job.id, JobState.submitted, f"to {client.url}", server=client.url,
                                            attempts=job.attempts + 1, error=None)
                    await client.submit(built.graph, job.prompt_id)
                    _emit(progress, shot.id, 0.0, "submitted")
                entry = await _wait(client, job, built, progress, shot.id, ledger)
        except ComfyRejected as e:
            job = ledger.transition(job.id, JobState.failed, "rejected", error=str(e))
            _emit(progress, shot.id, 1.0, "failed")
            log_.warning("render.rejected", error=str(e))
            return job
        except ComfyJobFailed as e:
            job = ledger.transition(job.id, JobState.failed, "execution error", error=str(e))
            _emit(progress, shot.id, 1.0, "failed")
            return job
        except (ComfyJobLost, ComfyUnavailable) as e:
            job = ledger.get(job.id)
            if job.state in (JobState.submitted, JobState.running):
                job = ledger.transition(job.id, JobState.lost, str(e))
            _emit(progress, shot.id, 0.0, "lost")
            log_.warning("render.lost", error=str(e), attempts=job.attempts)
            if job.state == JobState.planned:  # never reached a server (upload failed)
                return job
            if job.attempts > MAX_LOST_RESUBMITS:
                return ledger.transition(job.id, JobState.failed, "lost again", error=f"lost twice: {e}")
            if not await _await_server(pool, job.server, deps.settings.comfy_timeout_s * 4):
                return job  # stays lost: the next `nightreel render` resubmits it once
            continue
        break
    clip = await _collect(client, job, entry, shot, storyboard, tier, built, deps, out_dir)
    job = ledger.transition(job.id, JobState.done, "downloaded", clip_path=clip.path)
    _emit(progress, shot.id, 1.0, "done")
    return clip


async def _wait(client: ComfyClient, job: RenderJob, built: BuiltGraph | None, progress: ProgressFn | None,
                shot_id: str, ledger: Ledger) -> dict:
    state = {"running": job.state == JobState.running}

    def on_progress(p: Progress) -> None:
        if p.state == "running" and not state["running"]:
            state["running"] = True
            ledger.transition(job.id, JobState.running, "execution started")
        _emit(progress, shot_id, p.fraction * 0.98, p.state)

    return await client.wait(job.prompt_id, built.graph if built else None, on_progress)


async def _await_server(pool: ComfyPool, preferred: str | None, timeout_s: float) -> bool:
    """Poll (with a deadline) until some pool server answers again."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    delay = 0.25
    while loop.time() < deadline:
        if await pool.healthy():
            return True
        await asyncio.sleep(delay)
        delay = min(2.0, delay * 1.5)
    return False


def workflow_name(workflow: str, deps: Any) -> str:
    if workflow != "auto":
        return workflow
    if deps.settings.workflow != "auto":
        return deps.settings.workflow
    model_free = getattr(deps.comfy, "model_free", False) or not deps.settings.comfy_urls
    return "footage" if model_free else "template"


async def _collect(client: ComfyClient, job: RenderJob, entry: dict, shot: Shot, storyboard: Storyboard, tier: str,
                   built: BuiltGraph | None, deps: Any, out_dir: Path) -> Clip:
    files = [f for f in client.outputs(entry) if f.type == "output"] or client.outputs(entry)
    videos = [f for f in files if f.filename.lower().endswith((".mp4", ".webm", ".mov", ".mkv", ".gif", ".png"))]
    if not videos:
        raise ComfyJobFailed(job.prompt_id, None, "finished without an output file")
    item = videos[-1]
    # the job id in the name: a re-render of an edited shot never overwrites the earlier clip or its sidecar
    dest = out_dir / f"{slug(shot.id)}-{tier}-{slug(job.id.removeprefix('job-'))[:8]}{Path(item.filename).suffix.lower()}"
    path = await client.download(item, dest, deps.studio.root if out_dir.is_relative_to(deps.studio.root) else out_dir)
    clip = probe_clip(path, shot_id=shot.id, job_id=job.id)
    graph = built.graph if built else _graph_from_history(entry)
    try:
        stats = await client.system_stats()
    except ComfyError:
        stats = {}
    clip.provenance_path = str(write_provenance(
        clip, storyboard=storyboard, shot=shot, tier=tier, job=job, graph=graph, server=client.url,
        history=entry, system_stats=stats, built=built, finished_at=utcnow()))
    return clip


def _graph_from_history(entry: dict) -> dict:
    prompt = entry.get("prompt") or []
    return prompt[2] if len(prompt) > 2 and isinstance(prompt[2], dict) else {}


def _clip_from_done(job: RenderJob) -> Clip:
    """The clip of a done job, where the ledger finds it now (the sidecar's paths are those of render time: the
    studio folder may have moved since)."""
    side = Path(job.clip_path).with_suffix(".json")
    try:
        clip = Clip.model_validate(json.loads(side.read_text())["clip"])
        return clip.model_copy(update={"path": job.clip_path, "provenance_path": str(side)})
    except (OSError, KeyError, ValueError):
        return probe_clip(Path(job.clip_path), shot_id=job.shot_id, job_id=job.id)


def panel_name(shot: Shot, data: bytes) -> str:
    return f"{slug(shot.id)}-{hashlib.sha256(data).hexdigest()[:12]}.png"
