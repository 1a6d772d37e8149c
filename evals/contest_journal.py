"""The contest's journal: ``results.jsonl`` in the output folder, one line per finished task, so that a contest
stopped at task 17 goes on from task 17.

A task that met a crashed or unreachable server is written with ``"final": false``: it counts as a loss in the
report of that run, but the next start with the same folder runs it again (the server may be back). A model that
answered too slowly, or badly, is a final, named loss and is not asked again."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import structlog

from evals.agent_tasks import AgentTaskOutput
from evals.dataset import PlanOutput
from nightreel.errors import InputError

log = structlog.get_logger()

__all__ = ["Journal"]


def _key(rec: dict) -> tuple:
    kind = rec["kind"]
    if kind == "plan":
        return ("plan", rec["model"], rec["case"])
    if kind == "agent":
        return ("agent", rec["model"], rec["task"])
    return ("judge", rec["judge"], rec["case"], rec["a"], rec["b"])


class Journal:
    """``results.jsonl``: one JSON line per finished task, appended and flushed as it ends.

    Reopening the same file resumes the contest: storyboards, agent tasks, judged pairs and
    server measurements already there are taken as they are. The first line records the
    settings that make answers comparable (shots, temperature); a different setting is refused
    rather than mixed in. A line cut short by an interruption is skipped and counted (``broken``);
    a line marked ``"final": false`` (the server was down) is not taken and is counted in ``retry``:
    that task runs again.
    """

    def __init__(self, path: str | Path | None, settings: dict[str, Any]):
        self.path = Path(path) if path else None
        self.settings = settings
        self.plans: dict[tuple[str, str], PlanOutput] = {}
        self.agent: dict[tuple[str, str], AgentTaskOutput] = {}
        self.judged: dict[tuple[str, str, str, str], dict] = {}  # (judge, case, a, b) -> record
        self.servers: dict[str, dict] = {}
        self.broken = 0
        self.retry = 0  # tasks journaled as not final (crashed or unreachable server): they run again
        if self.path is None:
            return
        if self.path.is_file() and self.path.stat().st_size:
            self._load()
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._append({"kind": "contest", **settings})

    def _load(self) -> None:
        assert self.path is not None
        text = self.path.read_text(encoding="utf-8", errors="replace")
        if not text.endswith("\n"):  # a write cut short: end its line so the next record starts clean
            with self.path.open("a", encoding="utf-8") as f:
                f.write("\n")
        lines = text.splitlines()
        pending: set[tuple] = set()
        for n, line in enumerate(lines, 1):
            try:
                rec = json.loads(line)
                kind = rec["kind"]
                if rec.get("final", True) is False:
                    pending.add(_key(rec))
                    continue
                if kind == "contest":
                    mismatch = {k: (rec.get(k), v) for k, v in self.settings.items() if rec.get(k) != v}
                    if mismatch:
                        what = ", ".join(f"{k}: {a!r} there, {b!r} now" for k, (a, b) in mismatch.items())
                        raise InputError(f"{self.path}:{n}: this folder holds a contest with other settings ({what}); "
                                         "use another --out, the same settings, or --fresh")
                elif kind == "plan":
                    self.plans[(rec["model"], rec["case"])] = PlanOutput.model_validate(rec["output"])
                elif kind == "agent":
                    self.agent[(rec["model"], rec["task"])] = AgentTaskOutput.model_validate(rec["output"])
                elif kind == "judge":
                    self.judged[(rec["judge"], rec["case"], rec["a"], rec["b"])] = rec
                elif kind == "server":
                    old = self.servers.get(rec["model"], {})
                    peak = max(filter(None, [old.get("peak_memory_mb"), rec.get("peak_memory_mb")]), default=None)
                    self.servers[rec["model"]] = {**old, **rec, "peak_memory_mb": peak}
            except InputError:
                raise
            except (ValueError, KeyError, TypeError, AttributeError):
                self.broken += 1
                log.warning("journal_line_skipped", file=str(self.path), line=n)
        done = {("plan", *k) for k in self.plans} | {("agent", *k) for k in self.agent} | \
            {("judge", *k) for k in self.judged}
        self.retry = len(pending - done)

    def _append(self, rec: dict) -> None:
        if self.path is None:
            return
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            f.flush()
            os.fsync(f.fileno())

    @property
    def done(self) -> int:
        """Finished tasks in the journal: storyboards, agent tasks and judged pairs."""
        return len(self.plans) + len(self.agent) + len(self.judged)

    def add_plan(self, model: str, case: str, out: PlanOutput, *, final: bool = True) -> None:
        """Journal one storyboard; ``final=False`` (the server was down) leaves it to run again on resume."""
        if final:
            self.plans[(model, case)] = out
        self._append({"kind": "plan", "model": model, "case": case, "output": out.model_dump(mode="json"),
                      **({} if final else {"final": False})})

    def add_agent(self, model: str, task: str, out: AgentTaskOutput, *, final: bool = True) -> None:
        """Journal one agent task; ``final=False`` (the server was down) leaves it to run again on resume."""
        if final:
            self.agent[(model, task)] = out
        self._append({"kind": "agent", "model": model, "task": task, "output": out.model_dump(mode="json"),
                      **({} if final else {"final": False})})

    def add_judged(self, rec: dict, *, final: bool = True) -> None:
        """Journal one judged pair; ``final=False`` (the judge's server failed) leaves it to be judged again."""
        if final:
            self.judged[(rec["judge"], rec["case"], rec["a"], rec["b"])] = rec
        self._append({"kind": "judge", **rec, **({} if final else {"final": False})})

    def add_server(self, model: str, peak_memory_mb: float | None, wall_s: float) -> None:
        old = self.servers.get(model, {})
        peak = max(filter(None, [old.get("peak_memory_mb"), peak_memory_mb]), default=None)
        self.servers[model] = {"model": model, "peak_memory_mb": peak, "wall_s": old.get("wall_s", 0.0) + wall_s}
        self._append({"kind": "server", "model": model, "peak_memory_mb": peak_memory_mb, "wall_s": wall_s})
