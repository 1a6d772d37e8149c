"""Real contests on the embedded llama servers (slow: tiny models on shared CPU cores, time-boxed)."""

from __future__ import annotations

import json
import math

import pytest

from agents.deps import Deps
from evals.contest import Contestant, ContestOptions, remote_contestant, run_contest
from evals.dataset import load_tasks
from evals.report import write_report
from nightreel.config import load_settings

pytestmark = pytest.mark.slow


async def test_down_model_is_marked_failed_and_the_contest_goes_on(llama_endpoint, studio, tmp_path):
    settings = load_settings(studio=studio.root)
    deps = Deps(settings=settings, studio=studio)
    ghost = remote_contestant("ghost", "http://127.0.0.1:9/v1", timeout_s=1.0)
    live = Contestant("smollm2", llama_endpoint)
    outcome = await run_contest([live, ghost], load_tasks(limit=1), deps,
                                ContestOptions(n_shots=1, temperature=0.0, case_timeout_s=600))   # a shared box
    run = outcome.runs["smollm2"]
    answer = next(iter(run.outputs.values()))
    assert not run.failed  # reachable: a slow or unusable answer is a lost brief, not a failed model
    # the grammar makes even SmolLM2's answer a valid one-shot storyboard: a brief it lost fails here
    assert answer.ok and answer.draft is not None and len(answer.draft.shots) == 1, answer.error
    assert set(run.scores[answer_case(outcome)]) >= {"schema_first_try", "brief_consistency", "lesson_compliance",
                                                     "prompt_length", "diversity"}
    assert outcome.runs["ghost"].failed
    md = write_report(outcome, tmp_path / "report")[0].read_text()
    assert "| ghost |" in md and "**FAILED**: failed: cannot reach" in md
    assert "Only smollm2 finished" in md


def answer_case(outcome) -> str:
    return outcome.cases[0][0]


def test_embedded_servers_run_one_at_a_time_each_measured_and_the_report_is_honest(studio, tmp_path):
    """Two real embedded servers in turn: the first is stopped before the second starts; peak RSS per server;
    two briefs cannot separate them, and the report says so with intervals of real width."""
    import asyncio

    import psutil

    from evals.contest import Journal, embedded_contestants

    settings = load_settings(studio=studio.root)
    deps = Deps(settings=settings, studio=studio)
    seen: list[tuple[str, int, list[int]]] = []  # (model, its pid, pids of earlier servers still alive)
    with embedded_contestants(["smollm2", "gemma3"], studio.cache, studio.logs, parallel=False, cores=2) as cs:
        for c in cs:
            assert c.endpoint is None and c.server is not None  # nothing runs before its turn
            start = c.server

            def watched(start=start, name=c.name):
                import contextlib

                @contextlib.contextmanager
                def cm():
                    with start() as ep:
                        alive = [pid for _, pid, _ in seen if psutil.pid_exists(pid)
                                 and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
                        seen.append((name, ep.pid, alive))
                        yield ep
                return cm()
            c.server = watched
        journal = Journal(tmp_path / "out" / "results.jsonl", {"shots": 1})
        outcome = asyncio.run(run_contest(cs, load_tasks(limit=2), deps,
                                          ContestOptions(n_shots=1, temperature=0.0, parallel=False, case_timeout_s=150),
                                          journal=journal))
    assert [m for m, _, _ in seen] == ["smollm2", "gemma3"]
    assert seen[1][2] == []  # smollm2's server was gone when gemma3's started
    for name in ("smollm2", "gemma3"):
        run = outcome.runs[name]
        assert not run.failed, run.notes
        assert run.peak_memory_mb and run.peak_memory_mb > 50  # sampled from that server's process
    paths = write_report(outcome, tmp_path / "out")
    results = {r["model"]: r for r in json.loads(paths[2].read_text())["results"]}
    for r in results.values():
        assert math.isfinite(r["rating"]) and r["ci_high"] - r["ci_low"] > 50  # two briefs: a wide interval
    md = paths[0].read_text(encoding="utf-8")
    assert "Not enough briefs to tell" in md and "Judge: none" in md
    assert len(journal.plans) == 4  # every storyboard journaled as it ended
