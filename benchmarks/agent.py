"""The planner as an agent: tool-call validity on the first try, per embedded model, and the LLM's share of a night.

1. The scripted chat requests of ``evals/tasks/agent.yaml`` (≥ 20) go to each embedded model with the chat
   agent's tools (``evals.agent_runner.run_tool_task``: the real server, the real tool schemas, simulated tool
   results, no renders). Scored: a valid call of a real tool on the first answer; the right tool with the right
   arguments; the expected calls all made.
   With ``--live`` the tasks marked ``live: true`` run on the real chat tools instead (``run_live_task``: an
   embedded ComfyUI with the animatic workflow renders, the critic judges) and count as completed only when the
   ledger shows the render and the critic's verdict.
2. The night's decision (``agents.night_agent.decide``) timed on the agent model over a few judged clips, and
   set against the seed's render times: a night of 50 LTX-2 drafts (~3 min each) and 10 Wan 2.2 finals (~25 min
   each) with one decision per clip. The goal is an LLM share of the night ≤ 5 %. The first decision on a fresh
   server pays for reading the instructions and tool schemas (~1,300 tokens); later ones reuse that prefix from the
   server's KV cache. Printed: the share for a resident planner (one cold decision, the rest warm), for a planner
   parked while the renders run and started for each batch of judged clips (cold + the server's start per batch),
   and how many batches a night keep the share ≤ 5 %.

    python benchmarks/agent.py [--models qwen1.5b,smollm2,gemma3] [--limit N] [--ids a,b] [--decisions N] [--live]
                               [--task-timeout S]

Models are served one after another (two cores): each server is stopped before the next starts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DRAFTS, DRAFT_S, FINALS, FINAL_S = 50, 180.0, 10, 1500.0   # the seed's night: LTX-2 drafts, Wan 2.2 finals
TASK_TIMEOUT_S = 300.0   # a scripted request that has not ended by then counts as failed (--task-timeout)


def _cache() -> Path:
    root = Path(os.environ.get("NIGHTREEL_TEST_MODEL_CACHE", Path.home() / ".cache" / "nightreel-test"))
    root.mkdir(parents=True, exist_ok=True)
    return root


async def _tool_tasks(ep, tasks, live: bool = False, timeout_s: float = TASK_TIMEOUT_S) -> dict:
    import contextlib

    from agents.models import forces_tool_choice, make_model
    from evals.agent_live import run_live_task
    from evals.agent_runner import run_tool_task, studio_toolset
    from evals.agent_scoring import score_agent_task

    model, tools = make_model(ep), studio_toolset()
    rows = []
    async with contextlib.AsyncExitStack() as stack:
        live_deps = None
        if live and any(t.live for t in tasks):
            from app.rendering import render_session
            from nightreel.config import load_settings

            live_deps = await stack.enter_async_context(render_session(load_settings(workflow="animatic")))
        for t in tasks:
            if live_deps is not None and t.live:
                out = await run_live_task(model, t, live_deps, name=ep.label, ep=ep, tools=tools)
            else:
                try:
                    out = await asyncio.wait_for(run_tool_task(model, tools, t, name=ep.label,
                                                                   call_required=forces_tool_choice(ep)), timeout_s)
                except TimeoutError:
                    print(f"  ✗ {t.id:<26} no answer within {timeout_s:.0f} s", flush=True)
                    rows.append((t.id, {"tool_first_try": 0, "tool_right": 0, "tool_completed": 0}, timeout_s))
                    continue
            scores, _ = score_agent_task(t, out)
            rows.append((t.id, scores, out.seconds))
            mark = "✓" if scores["tool_first_try"] else "✗"
            first = out.steps[0]["tool"] if out.steps else "(no call)"
            if out.second_look:         # words first, then the chat's second look: what it chose is named
                first = f"words→{out.second_look}"
            right = "right" if scores["tool_right"] else "wrong"
            done = ("live, " if out.live else "") + ("done" if scores["tool_completed"] else "not done")
            print(f"  {mark} {t.id:<26} first: {first:<16} {right:<5} {done:<15} {out.seconds:6.1f} s", flush=True)
    n = len(rows)
    return {k: sum(r[1][k] for r in rows) for k in ("tool_first_try", "tool_right", "tool_completed")} | {
        "n": n, "seconds": statistics.mean(r[2] for r in rows) if rows else 0.0}


def _verdicts():
    from nightreel.schema import Evidence, ProbeReport, Shot, ShotExpectations, Verdict

    shot = Shot(id="shot-1", title="Empty hallway", duration_s=4, target="draft", camera="slow dolly in",
                lighting="sodium light", positive="slow dolly down an empty hotel hallway at night", negative="people",
                expectations=ShotExpectations(people="none", camera="dolly_in"))
    person = Evidence(what="a person", t_start=2.5, t_end=4.0, frame_start=40, frame_end=64, box=(500, 80, 120, 260))
    probes = ProbeReport(duration_s=4, fps=16, width=640, height=352, frames=64, camera="dolly_in", motion="subtle")
    return shot, [
        Verdict(verdict="accept", reasons=[], probes=probes),
        Verdict(verdict="salvage", reasons=["a person enters at 2.5 s"], evidence=[person],
                probes=probes.model_copy(update={"people": [person]}),
                salvage={"ops": [{"op": "trim", "start_s": 0.0, "end_s": 2.4}]}),
        Verdict(verdict="rerender", reasons=["a person walks through the whole shot"], evidence=[person],
                fix="describe a Steadicam glide; no footsteps", probes=probes.model_copy(update={"people": [person]})),
        Verdict(verdict="reject", reasons=["black frames throughout"], probes=probes),
    ]


async def _decisions(ep, n: int) -> list[tuple[float, str, str]]:
    from agents.night_agent import decide

    shot, verdicts = _verdicts()
    out = []
    for i in range(n):
        v = verdicts[i % len(verdicts)]
        t0 = time.monotonic()
        d = await decide(shot, v, ep=ep, round_=0, max_rerenders=1)
        out.append((time.monotonic() - t0, d.by, f"{v.verdict} → {d.action} ({d.tool or 'rule'})"))
        print(f"  decision {i + 1}: critic {out[-1][2]}, by {d.by}, {out[-1][0]:.1f} s", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", default="qwen1.5b,smollm2,gemma3")
    ap.add_argument("--limit", type=int, default=None, help="first N tasks only")
    ap.add_argument("--ids", default="", help="only these task ids (comma-separated)")
    ap.add_argument("--task-timeout", type=float, default=TASK_TIMEOUT_S,
                    help="seconds a scripted request may take before it counts as failed (a loaded machine needs more)")
    ap.add_argument("--decisions", type=int, default=8, help="night decisions to time on the first tool-capable model")
    ap.add_argument("--live", action="store_true", help="run the tasks marked live on the real tools and an embedded "
                    "ComfyUI (animatic), scored on the ledger")
    args = ap.parse_args()

    from agents.embedded_server import EmbeddedServer
    from evals.agent_tasks import load_agent_tasks

    tasks = load_agent_tasks(limit=args.limit)
    if args.ids:
        wanted = [i.strip() for i in args.ids.split(",") if i.strip()]
        tasks = [t for t in tasks if t.id in wanted]
        if len(tasks) != len(wanted):
            ap.error(f"unknown task ids: {sorted(set(wanted) - {t.id for t in tasks})}")
    cache = _cache()
    results, decision_times, server_start_s = {}, [], 0.0
    for name in [m.strip() for m in args.models.split(",") if m.strip()]:
        print(f"== {name}: {len(tasks)} scripted requests", flush=True)
        t_start = time.monotonic()
        with EmbeddedServer(name, cache, cache / "logs", n_ctx=8192) as ep:
            start_s = time.monotonic() - t_start
            results[name] = asyncio.run(_tool_tasks(ep, tasks, live=args.live, timeout_s=args.task_timeout))
            if ep.tools and not decision_times and args.decisions:
                print(f"== {name}: {args.decisions} night decisions", flush=True)
                decision_times = asyncio.run(_decisions(ep, args.decisions))
                server_start_s = start_s
    print("\nmodel        valid 1st try   right tool+args   completed   s/task")
    for name, r in results.items():
        n = r["n"]
        print(f"{name:<12} {r['tool_first_try']:>3.0f}/{n:<3} {100 * r['tool_first_try'] / n:5.1f} %  "
              f"{r['tool_right']:>3.0f}/{n:<3}          {r['tool_completed']:>3.0f}/{n:<3}    {r['seconds']:6.1f}")
    names = list(results)
    if len(names) > 1:
        a, b = names[0], names[1]
        ra, rb = results[a]["tool_first_try"], results[b]["tool_first_try"]
        print(f"\n{a} vs {b}: {ra:.0f} vs {rb:.0f} valid first calls "
              f"({(ra / rb) if rb else float('inf'):.1f}x) at {results[a]['seconds'] / max(results[b]['seconds'], 1e-6):.1f}x "
              "the seconds per request")
    if decision_times:
        times = [t for t, _, _ in decision_times]
        cold, warm = times[0], statistics.mean(times[1:]) if len(times) > 1 else times[0]
        agent = sum(1 for _, by, _ in decision_times if by == "agent")
        render, n = DRAFTS * DRAFT_S + FINALS * FINAL_S, DRAFTS + FINALS
        print(f"\nnight decisions ({agent}/{len(times)} by the agent's tool call): first (cold) {cold:.1f} s, "
              f"then {warm:.1f} s mean (warm, min {min(times[1:] or times):.1f} s, max {max(times[1:] or times):.1f} s); "
              f"server start {server_start_s:.1f} s")
        print(f"a seed night renders {render / 3600:.1f} h ({DRAFTS} LTX-2 drafts × {DRAFT_S / 60:.0f} min + "
              f"{FINALS} Wan 2.2 finals × {FINAL_S / 60:.0f} min), one decision per clip ({n})")
        def share(llm: float) -> str:
            return f"{llm / (llm + render) * 100:.2f} % ({llm / 60:.1f} min of decisions vs {render / 60:.0f} min of renders)"

        print(f"LLM share of the night, resident planner: {share(cold + (n - 1) * warm)}; goal ≤ 5 %")
        # a parked planner is started once per batch: the night decides every clip judged meanwhile in one go
        for k in (5, 10, 30, n):
            k = min(k, n)
            what = "started for every clip" if k == n else f"started {k} times a night"
            print(f"LLM share of the night, parked planner {what}: "
                  f"{share(k * (server_start_s + cold) + (n - k) * warm)}")
        worst = max((k for k in range(1, n + 1)
                     if k * (server_start_s + cold) + (n - k) * warm <= 0.05 / 0.95 * render), default=0)
        print(f"the goal holds while a parked planner is started at most {worst} times a night")

if __name__ == "__main__":
    main()
