"""What the night remembers, beside the render ledger in the same SQLite file (WAL, synchronous=FULL).

The ledger (``nightreel.ledger``) owns render jobs; these tables own what the night adds
around them, so a run killed at any instant resumes where it was:

```
night_notes(hash PK, name, path, project, status, storyboard_id, storyboard_path, reason, run_id, at)
night_runs(id PK, day, start, dawn, started_at, finished_at, status)
night_items(id PK, run_id, project, note_hash, storyboard_id, shot_id, shot_json, tier, round, parent_id,
            score, state, job_id, clip_path, sheet_path, poster_path, verdict_json, decision, tried_json,
            render_s, critic_s, error, seq, created_at, updated_at, decisions_json)
night_reviews(id, item_id, action, note, at)
```

Paths of studio files (clip_path, sheet_path, poster_path, storyboard_path) are kept relative to the studio root
and read back absolute under the current root (``nightreel.sqlite_db``), so a moved studio folder still finds them.

An item is one shot at one tier: ``pending`` → ``rendering`` (its ledger job exists: the job id
is derived from the item id, so a crash between the two writes cannot submit twice) →
``judging`` (the clip is on disk) → ``deciding`` (the critic's verdict is recorded; the planner has not decided
yet, e.g. while its server is parked for the renders) → ``done`` (a verdict and a decision) or ``dropped``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from nightreel.sqlite_db import SqliteStore
from nightreel.schema import Shot, Verdict, new_id, utcnow

__all__ = ["NightStore", "Item", "NightRun", "Review", "ItemState", "job_id_for"]

ItemState = Literal["pending", "rendering", "judging", "deciding", "done", "dropped"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS night_notes (
  hash TEXT PRIMARY KEY, name TEXT, path TEXT, project TEXT, status TEXT NOT NULL, storyboard_id TEXT,
  storyboard_path TEXT, reason TEXT, run_id TEXT, at TEXT
);
CREATE TABLE IF NOT EXISTS night_runs (
  id TEXT PRIMARY KEY, day TEXT, start TEXT, dawn TEXT, started_at TEXT, finished_at TEXT, status TEXT
);
CREATE TABLE IF NOT EXISTS night_items (
  id TEXT PRIMARY KEY, run_id TEXT, project TEXT, note_hash TEXT, storyboard_id TEXT, shot_id TEXT,
  shot_json TEXT, tier TEXT, round INTEGER DEFAULT 0, parent_id TEXT, score REAL DEFAULT 0, state TEXT,
  job_id TEXT, clip_path TEXT, sheet_path TEXT, poster_path TEXT, verdict_json TEXT, decision TEXT,
  tried_json TEXT DEFAULT '[]', render_s REAL DEFAULT 0, critic_s REAL DEFAULT 0, error TEXT, seq INTEGER,
  created_at TEXT, updated_at TEXT
);
CREATE INDEX IF NOT EXISTS night_items_state ON night_items(state);
CREATE TABLE IF NOT EXISTS night_reviews (
  id TEXT PRIMARY KEY, item_id TEXT NOT NULL, action TEXT NOT NULL, note TEXT, at TEXT
);
"""


def job_id_for(item_id: str) -> str:
    """The ledger job id of an item: derived, so the same item can never get two jobs."""
    return f"job-{item_id}"


class Item(BaseModel):
    id: str = Field(default_factory=lambda: new_id("it-"))
    run_id: str = ""
    project: str = "default"
    note_hash: str = ""
    storyboard_id: str = ""
    shot_id: str = ""
    shot: Shot
    tier: Literal["draft", "final", "still"] = "draft"
    round: int = 0
    parent_id: str | None = None
    score: float = 0.0
    state: ItemState = "pending"
    job_id: str | None = None
    clip_path: str | None = None
    sheet_path: str | None = None
    poster_path: str | None = None
    verdict: Verdict | None = None
    decision: str | None = None
    tried: list[str] = Field(default_factory=list)
    decisions: list[dict[str, Any]] = Field(default_factory=list)  # who decided what (agent|rule), tool, reason
    render_s: float = 0.0
    critic_s: float = 0.0
    error: str | None = None
    seq: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class NightRun(BaseModel):
    id: str
    day: str
    start: str
    dawn: str
    started_at: str
    finished_at: str | None = None
    status: str = "running"


class Review(BaseModel):
    id: str
    item_id: str
    action: Literal["promote", "reject", "requeue"]
    note: str = ""
    at: str


#: the items' columns holding a studio file's path (kept relative to the studio root, read back absolute)
_PATH_COLUMNS = ("clip_path", "sheet_path", "poster_path")


def _row_item(r: sqlite3.Row, path: Callable[[str | None], str | None]) -> Item:
    d = dict(r)
    for k in _PATH_COLUMNS:
        d[k] = path(d[k])
    d["shot"] = json.loads(d.pop("shot_json"))
    v = d.pop("verdict_json")
    d["verdict"] = json.loads(v) if v else None
    d["tried"] = json.loads(d.pop("tried_json") or "[]")
    d["decisions"] = json.loads(d.pop("decisions_json", None) or "[]")
    return Item.model_validate({k: val for k, val in d.items() if val is not None})


class NightStore(SqliteStore):
    """The night's tables on the studio's ledger file. Every write is one committed transaction."""

    SCHEMA = _SCHEMA

    def __init__(self, path, root=None):
        super().__init__(path, root)
        with self._lock:  # a studio from before the night agent: add its decisions column (nothing is lost)
            cols = {r["name"] for r in self._db.execute("PRAGMA table_info(night_items)")}
            if "decisions_json" not in cols:
                self._db.execute("ALTER TABLE night_items ADD COLUMN decisions_json TEXT DEFAULT '[]'")

    def _tx(self, sql_args: list[tuple[str, tuple]]) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for sql, args in sql_args:
                    self._db.execute(sql, args)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _all(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- notes ----------------------------------------------------------------------------------

    def note_status(self, note_hash: str) -> str | None:
        rows = self._all("SELECT status FROM night_notes WHERE hash=?", (note_hash,))
        return rows[0]["status"] if rows else None

    def notes(self) -> list[dict]:
        return [{**dict(r), "storyboard_path": self._path(r["storyboard_path"])}
                for r in self._all("SELECT * FROM night_notes ORDER BY at")]

    def record_skipped(self, *, note_hash: str | None, name: str, path: str, reason: str, run_id: str,
                       status: str = "skipped") -> None:
        """A note not used tonight: `skipped` for good (the note itself is unusable), or `deferred` (the planner
        failed: the next run tries it again)."""
        key = note_hash or f"path:{path}"
        self._tx([("INSERT OR REPLACE INTO night_notes (hash,name,path,project,status,reason,run_id,at) "
                   "VALUES (?,?,?,?,?,?,?,?)", (key, name, path, None, status, reason, run_id, utcnow().isoformat()))])

    def record_expanded(self, *, note_hash: str, name: str, path: str, project: str, storyboard_id: str,
                        storyboard_path: str, run_id: str, items: list[Item]) -> None:
        """The note, its storyboard and its first draft items, in one transaction: all or nothing."""
        ops: list[tuple[str, tuple]] = [(
            "INSERT OR REPLACE INTO night_notes (hash,name,path,project,status,storyboard_id,storyboard_path,run_id,at) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (note_hash, name, path, project, "expanded", storyboard_id, self._keep_path(storyboard_path), run_id,
             utcnow().isoformat()))]
        ops += [self._insert_item(it) for it in items]
        self._tx(ops)

    # -- runs -----------------------------------------------------------------------------------

    def open_run(self, *, day: str, start: str, dawn: str) -> NightRun:
        """The unfinished run of `day` (resumed after a crash), or a new one."""
        rows = self._all("SELECT * FROM night_runs WHERE day=? AND status='running' ORDER BY started_at DESC", (day,))
        if rows:
            run = NightRun.model_validate(dict(rows[0]))
            self._tx([("UPDATE night_runs SET dawn=? WHERE id=?", (dawn, run.id))])
            return run.model_copy(update={"dawn": dawn})
        run = NightRun(id=new_id("night-"), day=day, start=start, dawn=dawn, started_at=utcnow().isoformat())
        self._tx([("INSERT INTO night_runs VALUES (?,?,?,?,?,?,?)",
                   (run.id, run.day, run.start, run.dawn, run.started_at, None, run.status))])
        return run

    def finish_run(self, run_id: str, status: str = "finished") -> None:
        self._tx([("UPDATE night_runs SET finished_at=?, status=? WHERE id=?", (utcnow().isoformat(), status, run_id))])

    def runs(self) -> list[NightRun]:
        return [NightRun.model_validate(dict(r)) for r in self._all("SELECT * FROM night_runs ORDER BY started_at")]

    # -- items ----------------------------------------------------------------------------------

    def _next_seq(self) -> int:
        return (self._all("SELECT COALESCE(MAX(seq), 0) AS m FROM night_items")[0]["m"] or 0) + 1

    def _insert_item(self, it: Item) -> tuple[str, tuple]:
        cols = ("id", "run_id", "project", "note_hash", "storyboard_id", "shot_id", "shot_json", "tier", "round",
                "parent_id", "score", "state", "tried_json", "seq", "created_at", "updated_at")
        if not it.seq:
            it.seq = self._next_seq()
        vals = (it.id, it.run_id, it.project, it.note_hash, it.storyboard_id, it.shot_id or it.shot.id,
                it.shot.model_dump_json(), it.tier, it.round, it.parent_id, it.score, it.state,
                json.dumps(it.tried, ensure_ascii=False), it.seq, it.created_at.isoformat(), it.updated_at.isoformat())
        return (f"INSERT OR IGNORE INTO night_items ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})", vals)

    def add_item(self, it: Item) -> Item:
        self._tx([self._insert_item(it)])
        return self.item(it.id)

    def item(self, item_id: str) -> Item:
        rows = self._all("SELECT * FROM night_items WHERE id=?", (item_id,))
        if not rows:
            raise KeyError(item_id)
        return _row_item(rows[0], self._path)

    def items(self, *, state: ItemState | list[ItemState] | None = None, run_id: str | None = None,
              project: str | None = None) -> list[Item]:
        sql, args = "SELECT * FROM night_items WHERE 1=1", []
        if state is not None:
            states = [state] if isinstance(state, str) else state
            sql += f" AND state IN ({','.join('?' * len(states))})"
            args += states
        if run_id is not None:
            sql += " AND run_id=?"
            args.append(run_id)
        if project is not None:
            sql += " AND project=?"
            args.append(project)
        return [_row_item(r, self._path) for r in self._all(sql + " ORDER BY project, seq", tuple(args))]

    def _update_sql(self, item_id: str, fields: dict[str, Any]) -> tuple[str, tuple]:
        for k in _PATH_COLUMNS:
            if k in fields:
                fields[k] = self._keep_path(fields[k])
        if "verdict" in fields:
            v = fields.pop("verdict")
            fields["verdict_json"] = v.model_dump_json() if v is not None else None
        if "tried" in fields:
            fields["tried_json"] = json.dumps(fields.pop("tried"), ensure_ascii=False)
        if "decisions" in fields:
            fields["decisions_json"] = json.dumps(fields.pop("decisions"), ensure_ascii=False, default=str)
        if "shot" in fields:
            fields["shot_json"] = fields.pop("shot").model_dump_json()
        fields["updated_at"] = utcnow().isoformat()
        return f"UPDATE night_items SET {', '.join(f'{k}=?' for k in fields)} WHERE id=?", (*fields.values(), item_id)

    def update_item(self, item_id: str, **fields: Any) -> Item:
        self._tx([self._update_sql(item_id, fields)])
        return self.item(item_id)

    def finish_item(self, item_id: str, children: list[Item], **fields: Any) -> Item:
        """An item's decision and the items it creates (a final, a re-render) in one transaction: a crash
        leaves both or neither, so the clip is decided again from scratch, never half."""
        self._tx([*(self._insert_item(c) for c in children), self._update_sql(item_id, fields)])
        return self.item(item_id)

    def children(self, item_id: str) -> list[Item]:
        rows = self._all("SELECT * FROM night_items WHERE parent_id=? ORDER BY seq", (item_id,))
        return [_row_item(r, self._path) for r in rows]

    # -- reviews --------------------------------------------------------------------------------

    def add_review(self, item_id: str, action: str, note: str = "", *, follow_up: Item | None = None) -> Review:
        """A person's decision on an item, and (promote/requeue) the item the next night renders."""
        rv = Review(id=new_id("rv-"), item_id=item_id, action=action, note=note, at=utcnow().isoformat())  # type: ignore[arg-type]
        ops = [("INSERT INTO night_reviews VALUES (?,?,?,?,?)", (rv.id, rv.item_id, rv.action, rv.note, rv.at))]
        if follow_up is not None:
            ops.append(self._insert_item(follow_up))
        self._tx(ops)
        return rv

    def reviews(self, item_id: str | None = None) -> list[Review]:
        if item_id:
            rows = self._all("SELECT * FROM night_reviews WHERE item_id=? ORDER BY at", (item_id,))
        else:
            rows = self._all("SELECT * FROM night_reviews ORDER BY at")
        return [Review.model_validate(dict(r)) for r in rows]
