"""Real contests on the embedded llama servers (slow: tiny models on shared CPU cores, time-boxed)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agents.deps import Deps
from evals.contest import ContestOptions, Contestant, remote_contestant, run_contest
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
                                ContestOptions(n_shots=1, temperature=0.0, case_timeout_s=150))
    run = outcome.runs["smollm2"]
    answer = next(iter(run.outputs.values()))
    assert not run.failed  # reachable: a slow or unusable answer is a lost brief, not a failed model
    assert answer.ok == (answer.draft is not None and len(answer.draft.shots) == 1), answer.error
    assert set(run.scores[answer_case(outcome)]) >= {"schema_first_try", "brief_consistency", "lesson_compliance",
                                                     "prompt_length", "diversity"}
    assert outcome.runs["ghost"].failed
    md = write_report(outcome, tmp_path / "report")[0].read_text()
    assert "| ghost |" in md and "**FAILED**: failed: cannot reach" in md
    assert "Only smollm2 finished" in md


def answer_case(outcome) -> str:
    return outcome.cases[0][0]


def test_embedded_sizes_contest_on_three_briefs_reports_both_models_with_intervals(tmp_path):
    out = tmp_path / "contest"
    env = {**os.environ, "NIGHTREEL_STUDIO": str(tmp_path / "studio"), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "app.cli", "contest", "--embedded-sizes", "--limit", "3", "--shots", "2",
         "--time-box", "75", "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=840, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr[-2000:]
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| smollm2 |" in md and "| gemma3 |" in md and "**Verdict:**" in md
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2
    results = {r["model"]: r for r in json.loads((out / "results.json").read_text())["results"]}
    assert set(results) == {"smollm2", "gemma3"}
    for r in results.values():
        assert not r["failed"] and math.isfinite(r["rating"])
        assert r["ci_low"] <= r["rating"] <= r["ci_high"]
        assert r["peak_memory_mb"] and r["peak_memory_mb"] > 50  # measured from the server process
    assert "smollm2" in proc.stdout and "gemma3" in proc.stdout
