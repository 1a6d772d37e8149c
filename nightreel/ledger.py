"""The render ledger: every RenderJob and every state change, in SQLite (WAL, synchronous=FULL).

A job moves along ``nightreel.schema.JOB_TRANSITIONS`` (planned -> submitted -> running ->
done | failed | lost; lost -> submitted once more). A state is committed *before* the action it
names is taken (a job is marked submitted before ``POST /prompt``, with its prompt_id), so a
process killed at any instant leaves a ledger that :func:`reconcile` can square with what the
servers say: a job the server has is never submitted twice; one it forgot is lost, and is
resubmitted once.

```
jobs(id, key, storyboard_id, project, shot_id, tier, prompt_id, server, state, attempts, error,
     created_at, submitted_at, finished_at, clip_path)   # clip_path relative to the studio root when inside it
events(job_id, at, from_state, to_state, note)        # the audit trail, like `llm logs`
agent_steps(id, run_id, at, agent, tool, args, result, ok, by)   # every tool call an agent made, and its result
```
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import Literal

import structlog

from nightreel.sqlite_db import SqliteStore
from nightreel.schema import JOB_TRANSITIONS, JobState, RenderJob, utcnow

__all__ = ["MAX_LOST_RESUBMITS", "InvalidTransition", "Ledger", "ServerView", "reconcile"]

log = structlog.get_logger()

#: A job the server forgot is resubmitted this many times, then failed.
MAX_LOST_RESUBMITS = 1

ServerView = Literal["running", "pending", "done", "error", "unknown"]

_COLUMNS = ("id", "key", "storyboard_id", "project", "shot_id", "tier", "prompt_id", "server", "state",
            "attempts", "error", "created_at", "submitted_at", "finished_at", "clip_path")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, key TEXT NOT NULL, storyboard_id TEXT, project TEXT, shot_id TEXT, tier TEXT,
  prompt_id TEXT UNIQUE NOT NULL, server TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT, created_at TEXT, submitted_at TEXT, finished_at TEXT, clip_path TEXT
);
CREATE INDEX IF NOT EXISTS jobs_key ON jobs(key);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
CREATE TABLE IF NOT EXISTS events (
  job_id TEXT NOT NULL, at TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, note TEXT
);
CREATE TABLE IF NOT EXISTS agent_steps (
  id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT, at TEXT NOT NULL, agent TEXT, tool TEXT NOT NULL,
  args TEXT, result TEXT, ok INTEGER NOT NULL DEFAULT 1, by TEXT NOT NULL DEFAULT 'agent'
);
CREATE INDEX IF NOT EXISTS agent_steps_run ON agent_steps(run_id);
"""


class InvalidTransition(ValueError):
    """A programming error: the state machine does not allow this move."""


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d else None


class Ledger(SqliteStore):
    """The SQLite ledger of render jobs. Safe to share between asyncio tasks of one process."""

    SCHEMA = _SCHEMA

    # -- reading -------------------------------------------------------------------------------

    def _job(self, row: sqlite3.Row) -> RenderJob:
        d = {k: row[k] for k in _COLUMNS if k != "key"}
        d["clip_path"] = self._path(d["clip_path"])
        return RenderJob.model_validate({k: v for k, v in d.items() if v is not None})

    def get(self, job_id: str) -> RenderJob:
        with self._lock:
            row = self._db.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        if row is None:
            raise KeyError(job_id)
        return self._job(row)

    def by_prompt(self, prompt_id: str) -> RenderJob | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM jobs WHERE prompt_id=?", (prompt_id,)).fetchone()
        return self._job(row) if row else None

    def find(self, key: str) -> RenderJob | None:
        """The newest job for a key (storyboard, shot content, tier) that has not failed."""
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM jobs WHERE key=? AND state!='failed' ORDER BY created_at DESC, rowid DESC LIMIT 1",
                (key,)).fetchone()
        return self._job(row) if row else None

    def jobs(self, *, state: JobState | Iterable[JobState] | None = None, server: str | None = None,
             storyboard_id: str | None = None) -> list[RenderJob]:
        sql, args = "SELECT * FROM jobs WHERE 1=1", []
        if state is not None:
            states = [state] if isinstance(state, JobState) else list(state)
            sql += f" AND state IN ({','.join('?' * len(states))})"
            args += [s.value for s in states]
        if server is not None:
            sql += " AND server=?"
            args.append(server)
        if storyboard_id is not None:
            sql += " AND storyboard_id=?"
            args.append(storyboard_id)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY created_at, rowid", args).fetchall()
        return [self._job(r) for r in rows]

    # -- agent steps (what `nightreel chat` and the night's decisions called) ----------------------

    def record_step(self, *, run_id: str, agent: str, tool: str, args: dict | None, result: str,
                    ok: bool = True, by: str = "agent") -> None:
        import json

        with self._lock:
            self._db.execute(
                "INSERT INTO agent_steps (run_id, at, agent, tool, args, result, ok, by) VALUES (?,?,?,?,?,?,?,?)",
                (run_id, utcnow().isoformat(), agent, tool, json.dumps(args or {}, ensure_ascii=False, default=str),
                 result[:20000], int(ok), by))

    def steps(self, run_id: str | None = None, *, agent: str | None = None) -> list[dict]:
        import json

        sql, args = "SELECT * FROM agent_steps WHERE 1=1", []
        if run_id is not None:
            sql, args = sql + " AND run_id=?", [*args, run_id]
        if agent is not None:
            sql, args = sql + " AND agent=?", [*args, agent]
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [{**dict(r), "args": json.loads(r["args"] or "{}"), "ok": bool(r["ok"])} for r in rows]

    def events(self, job_id: str) -> list[dict]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM events WHERE job_id=? ORDER BY rowid", (job_id,)).fetchall()
        return [dict(r) for r in rows]

    # -- writing (each call is one committed transaction) -----------------------------------------

    def add(self, job: RenderJob, key: str) -> RenderJob:
        row = job.model_dump(mode="json")
        row["key"] = key
        row["clip_path"] = self._keep_path(row.get("clip_path"))
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(f"INSERT INTO jobs ({','.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})",
                             [row.get(c) for c in _COLUMNS])
            self._db.execute("INSERT INTO events VALUES (?,?,?,?,?)",
                             (job.id, _iso(utcnow()), None, job.state.value, f"key {key}"))
            self._db.execute("COMMIT")
        return job

    def update(self, job_id: str, **fields) -> RenderJob:
        """Change fields other than the state (server, clip_path, error...)."""
        if "state" in fields:
            raise InvalidTransition("use transition() to change a job's state")
        return self._write(job_id, None, fields, None)

    def transition(self, job_id: str, to: JobState, note: str = "", **fields) -> RenderJob:
        """Move a job to `to` (checked against JOB_TRANSITIONS), with any other fields, atomically."""
        return self._write(job_id, to, fields, note)

    def _write(self, job_id: str, to: JobState | None, fields: dict, note: str | None) -> RenderJob:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute("SELECT state FROM jobs WHERE id=?", (job_id,)).fetchone()
                if row is None:
                    raise KeyError(job_id)
                cur = JobState(row["state"])
                if to is not None:
                    if to not in JOB_TRANSITIONS[cur]:
                        raise InvalidTransition(f"job {job_id}: {cur.value} -> {to.value} is not allowed")
                    fields = dict(fields, state=to.value)
                    if to == JobState.submitted:
                        fields.setdefault("submitted_at", _iso(utcnow()))
                    if to in (JobState.done, JobState.failed):
                        fields.setdefault("finished_at", _iso(utcnow()))
                clean = {k: (_iso(v) if isinstance(v, datetime) else v) for k, v in fields.items()}
                if "clip_path" in clean:
                    clean["clip_path"] = self._keep_path(clean["clip_path"])
                bad = set(clean) - set(_COLUMNS)
                if bad:
                    raise InvalidTransition(f"unknown job fields {sorted(bad)}")
                if clean:
                    self._db.execute(f"UPDATE jobs SET {', '.join(f'{k}=?' for k in clean)} WHERE id=?",
                                     [*clean.values(), job_id])
                if to is not None:
                    self._db.execute("INSERT INTO events VALUES (?,?,?,?,?)",
                                     (job_id, _iso(utcnow()), cur.value, to.value, note or ""))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        if to is not None:
            log.info("ledger.transition", job_id=job_id, to=to.value, note=note or "")
        return self.get(job_id)


def reconcile(ledger: Ledger, views: dict[str, dict[str, ServerView]]) -> dict[str, list[str]]:
    """Square the ledger with what each server says about our open jobs.

    `views` maps a server URL to {prompt_id: where} for every submitted/running job on it
    ('unknown' = in neither /queue nor /history). Returns job ids by what happens next:
    'wait' (the server has it: never submit twice), 'collect' (finished: download), 'resubmit'
    (lost, first time), 'failed' (lost again, or the server reported an error).
    """
    plan: dict[str, list[str]] = {"wait": [], "collect": [], "resubmit": [], "failed": []}
    for job in ledger.jobs(state=[JobState.submitted, JobState.running, JobState.lost]):
        view = views.get(job.server or "", {}).get(job.prompt_id) if job.state != JobState.lost else "unknown"
        if view is None:
            continue  # that server was not asked (unreachable): leave the job as it is
        if view in ("running", "pending"):
            if view == "running" and job.state == JobState.submitted:
                ledger.transition(job.id, JobState.running, "reconcile: server is running it")
            plan["wait"].append(job.id)
        elif view == "done":
            plan["collect"].append(job.id)
        elif view == "error":
            ledger.transition(job.id, JobState.failed, "reconcile: server reported an error",
                              error="execution error on the server")
            plan["failed"].append(job.id)
        else:
            if job.state != JobState.lost:
                job = ledger.transition(job.id, JobState.lost, f"reconcile: {job.server} no longer knows it")
            if job.attempts > MAX_LOST_RESUBMITS:
                ledger.transition(job.id, JobState.failed, "lost again after a resubmit",
                                  error=f"lost {job.attempts} times on {job.server}")
                plan["failed"].append(job.id)
            else:
                plan["resubmit"].append(job.id)
    return plan
