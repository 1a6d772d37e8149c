"""Scoring what a model did with a scripted request: three binary scores per task (:func:`score_agent_task`).

- ``tool_first_try``  the model's first answer is a call to a real tool with arguments that validate
                      (for a request that expects no call: its first answer calls nothing);
- ``tool_right``      its first call is the expected tool with the expected arguments;
- ``tool_completed``  every expected call was made, in order, with valid arguments; for a task run live,
                      the ledger proves it too: each expected render_shot(shot N, tier T) has a done job for
                      shot-N at tier T whose clip is on disk, each expected critique_clip a recorded step
                      whose result holds "Critic's verdict".
"""

from __future__ import annotations

import json
import re
from typing import Any

from evals.agent_tasks import AgentTask, AgentTaskOutput, ExpectedCall

__all__ = ["AGENT_SCORERS", "args_match", "score_agent_task"]

AGENT_SCORERS = ("tool_first_try", "tool_right", "tool_completed")

_INT = re.compile(r"\d+(?:\.\d+)?")


def _same(want: Any, got: Any) -> bool:
    """Loose equality for arguments: 2 == "2" == "shot-2", "Draft" == "draft", dict subsets."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(k in got and _same(v, got[k]) for k, v in want.items())
    if isinstance(want, list):
        return isinstance(got, list) and len(want) == len(got) and all(_same(a, b) for a, b in zip(want, got))
    if want == got:
        return True
    if isinstance(want, bool) or isinstance(got, bool):
        return str(want).lower() == str(got).lower()
    if isinstance(want, (int, float)) or isinstance(got, (int, float)):
        w, g = _INT.findall(str(want)), _INT.findall(str(got))
        return len(w) == 1 and w == g
    return isinstance(want, str) and isinstance(got, str) and want.strip().lower() == got.strip().lower()


def args_match(expected: ExpectedCall, step: dict[str, Any]) -> bool:
    """The step called the expected tool with (at least) the expected arguments."""
    return step.get("tool") == expected.tool and _same(expected.args, step.get("args") or {})


def _shot_n(args: dict[str, Any]) -> str | None:
    found = _INT.findall(str(args.get("shot", "")))
    return found[0] if len(found) == 1 else None


def _unproven(step: dict[str, Any], out: AgentTaskOutput) -> str:
    """Why the ledger does not prove a matched call's effect ("" when it does, or when there is nothing to prove)."""
    n, tool = _shot_n(step.get("args") or {}), step.get("tool")
    if tool in ("render_shot", "rerender_shot"):
        tier = "draft" if tool == "rerender_shot" else str((step.get("args") or {}).get("tier") or "draft").lower()
        jobs = [j for j in out.ledger_jobs if j.get("shot_id") == f"shot-{n}" and j.get("tier") == tier]
        if any(j.get("state") == "done" and j.get("clip_exists") for j in jobs):
            return ""
        if not jobs:
            return f"a {tier} job for shot-{n}"
        j = jobs[-1]
        return (f"a finished {tier} render of shot-{n} (job {j.get('job_id')} is {j.get('state')}"
                + (", its clip is not on disk" if j.get("state") == "done" else "") + ")")
    if tool == "critique_clip":
        for r in out.ledger_steps:
            if (r.get("tool") == "critique_clip" and r.get("ok") and _shot_n(r.get("args") or {}) == n
                    and "Critic's verdict" in str(r.get("result"))):
                return ""
        return f"the critic's verdict on shot {n}"
    return ""


def score_agent_task(task: AgentTask, out: AgentTaskOutput) -> tuple[dict[str, float], str]:
    """The three binary scores of one task, and a note saying what happened (starting "live:" for a live run,
    whose completion also needs the ledger's proof: see the module docstring)."""
    steps = out.steps
    if out.error and not steps and not out.reply:
        return {k: 0.0 for k in AGENT_SCORERS}, f"no answer: {out.error}"
    if not task.expect:
        clean = 1.0 if not steps else 0.0
        return ({"tool_first_try": 1.0 if out.first_valid else 0.0, "tool_right": clean, "tool_completed": clean},
                "no tool wanted; " + ("none called" if not steps else f"called {', '.join(s['tool'] for s in steps)}"))
    right = 1.0 if steps and args_match(task.expect[0], steps[0]) else 0.0
    k, matched = 0, []
    for s in steps:
        if k < len(task.expect) and s.get("ok") and args_match(task.expect[k], s):
            matched.append(s)
            k += 1
    done = 1.0 if k == len(task.expect) else 0.0
    called = ", ".join(f"{s['tool']}({json.dumps(s.get('args'), ensure_ascii=False)[:60]})" for s in steps[:4])
    note = f"{out.first_note}; {k}/{len(task.expect)} expected calls; called: {called or 'nothing'}"
    if out.live:
        missing = [why for s in matched if (why := _unproven(s, out))]
        if missing:
            done = 0.0
        note = "live: " + note + ("; the ledger does not show " + "; ".join(missing) if missing
                                  else "; the ledger shows it" if done else "")
    if out.error:
        note += f"; stopped: {out.error}"
    return {"tool_first_try": 1.0 if out.first_valid else 0.0, "tool_right": right, "tool_completed": done}, note
