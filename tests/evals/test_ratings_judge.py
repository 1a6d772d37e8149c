"""Ratings, the position-swapped judge, tasks files and the report, without model servers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic_ai import ModelResponse, TextPart
from pydantic_ai.models.function import FunctionModel

from evals.contest import ContestOutcome, ModelRun, parse_model_spec, remote_contestant
from evals.dataset import BriefInput, PlanOutput, load_tasks
from evals.judge import Judge, JudgePair, build_judge_agent, swap_outcome
from evals.ratings import Comparison, bootstrap_ci, fit_bradley_terry, paired_tests
from evals.report import summarize, write_report
from nightreel.errors import InputError


def _simulate(strengths: dict[str, float], per_pair: int, rng) -> list[Comparison]:
    names, out = list(strengths), []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            p = 1 / (1 + math.exp(strengths[b] - strengths[a]))
            for k in range(per_pair):
                out.append(Comparison(f"{a}-{b}-{k}", a, b, "a" if rng.random() < p else "b"))
    return out


def test_bradley_terry_recovers_known_strengths():
    true = {"70b": 1.2, "36b": 0.9, "8b": -0.3, "1b": -1.8}
    mean = np.mean(list(true.values()))
    comps = _simulate(true, 400, np.random.default_rng(7))
    fit = fit_bradley_terry(list(true), comps, prior=0.01)
    assert sorted(fit, key=fit.get, reverse=True) == ["70b", "36b", "8b", "1b"]
    for m, s in true.items():
        assert fit[m] == pytest.approx(s - mean, abs=0.15)
    ci = bootstrap_ci(list(true), comps, n_boot=200, seed=1, prior=0.01)
    for m, s in true.items():
        assert ci[m][0] <= s - mean <= ci[m][1], (m, ci[m])


def test_a_model_that_wins_everything_keeps_a_finite_rating_and_is_significant():
    comps = [Comparison(f"brief{i}", "big", "small", "a") for i in range(12)]
    fit = fit_bradley_terry(["big", "small"], comps)
    assert math.isfinite(fit["big"]) and fit["big"] > 1
    (t,) = paired_tests(["big", "small"], comps)
    assert (t.wins_a, t.wins_b) == (12, 0) and t.significant


def test_position_swap_counts_a_win_only_when_both_orders_agree():
    assert swap_outcome("first", "second") == "a"
    assert swap_outcome("second", "first") == "b"
    assert swap_outcome("first", "first") == "tie"  # a judge that likes whatever comes first
    assert swap_outcome("second", "second") == "tie"
    assert swap_outcome("tie", "second") == "tie"
    assert swap_outcome(None, "first") is None  # unusable answer: dropped


def _fake_judge(reply) -> Judge:
    """A fake judge model at the boundary (a real judge's taste cannot be scripted)."""
    def respond(messages, info):
        return ModelResponse(parts=[TextPart(reply(messages))])
    return Judge(build_judge_agent(FunctionModel(respond), "json_object"), name="fake")


PAIR = JudgePair(case="c", idea="an empty room", a="x", b="y", text_a="Shot 1: dust in a sunbeam",
                 text_b="Shot 1: a man walking")


async def test_fake_judge_with_position_bias_gives_a_tie_not_a_win():
    judge = _fake_judge(lambda m: '{"better": "A", "reason": "first is best"}')
    assert await judge.compare(PAIR) == ("tie", "A/B order: first; B/A order: first")


async def test_fake_judge_that_agrees_across_orders_gives_a_win():
    def reply(messages):
        prompt = messages[-1].parts[-1].content
        first = prompt.split("Storyboard A:")[1].split("Storyboard B:")[0]
        return '{"better": "%s", "reason": "no person"}' % ("A" if "dust" in first else "B")
    outcome, _ = await _fake_judge(reply).compare(PAIR)
    assert outcome == "a"


async def test_fake_judge_returning_garbage_is_retried_then_dropped_and_counted():
    judge = _fake_judge(lambda m: "lol I refuse to answer in JSON")
    outcome, note = await judge.compare(PAIR)
    assert outcome is None and "unusable" in note
    assert judge.garbage == 4  # two orders × two attempts


def test_shipped_tasks_cover_all_targets_and_agree_with_the_brief_rules():
    from agents.brief import explicit_expectations

    ds = load_tasks()
    assert len(ds.cases) >= 24
    assert {"draft", "final", "still"} <= {c.inputs.target for c in ds.cases}
    for c in ds.cases:
        assert explicit_expectations(c.inputs.idea).items() <= c.metadata.expect.items(), c.name
    assert len(load_tasks(limit=3).cases) == 3


def test_broken_tasks_file_names_the_file_and_line(tmp_path):
    bad = tmp_path / "tasks.yaml"
    bad.write_text("cases:\n  - name: fine\n    inputs: {idea: a room}\n  - name: broken\n    inputs:\n"
                   "      idea: a kitchen\n      target: cinema\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"tasks\.yaml:7: case 'broken': inputs\.target"):
        load_tasks(bad)
    bad.write_text("cases:\n  - name: x\n    inputs: {idea: \"unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"tasks\.yaml:\d+: the tasks file is not valid YAML"):
        load_tasks(bad)


def test_model_spec_parsing_and_a_down_url_is_a_failed_contestant():
    assert parse_model_spec("small=http://127.0.0.1:8080/v1:json_object") == ("small", "http://127.0.0.1:8080/v1", "json_object")
    with pytest.raises(InputError, match="NAME=URL"):
        parse_model_spec("http://nowhere")
    c = remote_contestant("ghost", "http://127.0.0.1:9/v1", timeout_s=1.0)
    assert c.endpoint is None and "cannot reach" in c.error


def test_report_from_a_simulated_contest_has_ratings_intervals_plots_and_a_verdict(tmp_path):
    rng = np.random.default_rng(3)
    cases = [(f"b{i}", BriefInput(idea=f"idea {i}", target="draft")) for i in range(10)]
    runs = {}
    for name, q, secs in (("36b", 0.8, 90.0), ("70b", 0.8, 210.0)):
        run = ModelRun(name, peak_memory_mb=40_000 if name == "36b" else 80_000)
        for c, _ in cases:
            run.outputs[c] = PlanOutput(model=name, ok=True, first_try=True, seconds=secs, output_tokens=900)
            run.scores[c] = {"schema_first_try": 1.0, "brief_consistency": q + rng.normal(0, 0.05)}
        runs[name] = run
    runs["down"] = ModelRun("down", failed=True, notes=["failed: cannot reach http://127.0.0.1:9/v1"])
    comps = [Comparison(c, "36b", "70b", ("a", "b", "tie")[i % 3]) for i, (c, _) in enumerate(cases)]  # 4–3–3
    outcome = ContestOutcome("sim", cases, runs, comps, judge="fake", judge_dropped=1)
    paths = write_report(outcome, tmp_path / "out")
    md = paths[0].read_text()
    assert "not distinguishable" in md and "2.3× faster" in md and "36b" in md.split("**Verdict:**")[1]
    assert "**FAILED**" in md and "95% CI" in md and "1 dropped" in md
    html = paths[1].read_text()
    assert html.count("data:image/png;base64,") == 2
    s = summarize(outcome, n_boot=100)
    live = [r for r in s.results if not r.failed]
    assert all(r.ci_low <= r.rating <= r.ci_high for r in live)


def test_cli_contest_with_a_down_url_writes_a_report_that_marks_it_failed(tmp_path):
    import os
    import subprocess
    import sys

    out = tmp_path / "out"
    env = {**os.environ, "NIGHTREEL_STUDIO": str(tmp_path / "studio")}
    proc = subprocess.run([sys.executable, "-m", "app.cli", "contest", "--model", "ghost=http://127.0.0.1:9/v1",
                           "--judge", "none", "--limit", "2", "--out", str(out)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert "ghost is down" in proc.stderr
    md = (out / "report.md").read_text()
    assert "| ghost |" in md and "**FAILED**" in md and "No model finished" in md
