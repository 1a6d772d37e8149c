"""Ratings, the position-swapped judge, tasks files and the report, without model servers."""

from __future__ import annotations

import base64
import io
import math
import re

import numpy as np
import pytest
from PIL import Image
from pydantic_ai import ModelResponse, TextPart
from pydantic_ai.models.function import FunctionModel

from evals.contest import ContestOutcome, ModelRun, parse_model_spec, remote_contestant
from evals.dataset import BriefInput, PlanOutput, load_tasks
from evals.judge import Judge, JudgePair, build_judge_agent, swap_outcome
from evals.ratings import Comparison, bootstrap_ci, elo, fit_bradley_terry, paired_tests
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

    from evals.dataset import DEFAULT_TASKS

    ds = load_tasks(DEFAULT_TASKS)
    assert len(ds.cases) >= 24
    assert {"draft", "final", "still"} <= {c.inputs.target for c in ds.cases}
    for c in ds.cases:
        assert explicit_expectations(c.inputs.idea).items() <= c.metadata.expect.items(), c.name
    assert len(load_tasks(DEFAULT_TASKS, limit=3).cases) == 3


def test_labelled_briefs_become_cases_whose_expectations_are_what_the_labels_state(tmp_path):
    f = tmp_path / "labelled.yaml"
    f.write_text("briefs:\n  - id: a\n    brief: an empty laundromat, locked-off camera\n    people: none\n"
                 "    camera: locked\n    loopable: false\n    text_in_frame: false\n"
                 "  - id: b\n    brief: a street\n    people: allowed\n    camera: any\n"
                 "  - id: c\n    people: none\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labelled\.yaml:12: labelled brief 3 needs"):
        load_tasks(f)
    f.write_text(f.read_text().rsplit("  - id: c", 1)[0], encoding="utf-8")
    ds = load_tasks(f)
    assert [(c.name, c.metadata.expect) for c in ds.cases] == [("a", {"people": "none", "camera": "locked"}),
                                                               ("b", {})]


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
    outcome = ContestOutcome("sim", cases, runs, comps, judge="fake", judge_dropped=1, judge_swapped=10, judge_agreed=7)
    paths = write_report(outcome, tmp_path / "out")
    md = paths[0].read_text()
    assert "Not enough briefs to tell" in md and "2.3× faster" in md and "36b" in md.split("**Verdict:**")[1]
    assert "**FAILED**" in md and "95% CI" in md and "1 pair(s) dropped" in md
    assert "position-swap agreement 7/10 (70%)" in md and "noise" not in md
    html = paths[1].read_text()
    figures = dict(re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,([^"]+)">', html))
    assert set(figures) == {"ratings", "cost_quality"}
    for name, data in figures.items():  # each plot opens as a PNG big enough to read
        img = Image.open(io.BytesIO(base64.b64decode(data)))
        assert img.format == "PNG" and img.width >= 400 and img.height >= 150, (name, img.size)
    assert ("seconds per task (s) and peak server memory (MB) along the x-axis" in html
            and "rating (Elo scale, 95% interval) up the y-axis" in html)  # the caption says what the axes are
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


def test_identical_outcomes_on_three_briefs_do_not_give_a_zero_width_interval():
    comps = [Comparison(f"brief{i}", "smollm2", "gemma3", "a", source="scores") for i in range(3)]
    ci = bootstrap_ci(["smollm2", "gemma3"], comps, n_boot=300, seed=0)
    for m, (lo, hi) in ci.items():
        assert elo(hi) - elo(lo) > 200, (m, lo, hi)  # > 200 Elo points (~1.15 logits): three briefs cannot pin a rating down
    many = [Comparison(f"brief{i}", "smollm2", "gemma3", "a", source="scores") for i in range(40)]
    wide = ci["smollm2"][1] - ci["smollm2"][0]
    ci40 = bootstrap_ci(["smollm2", "gemma3"], many, n_boot=300, seed=0)
    assert ci40["smollm2"][0] > ci["smollm2"][0]  # forty briefs the same way: surely better than three could say
    assert ci40["smollm2"][0] > 0 and wide > 0


def test_three_briefs_won_three_to_nothing_are_not_enough_to_tell(tmp_path):
    cases = [(f"b{i}", BriefInput(idea=f"idea {i}", target="draft")) for i in range(3)]
    runs = {}
    for name in ("smollm2", "gemma3"):
        run = ModelRun(name, peak_memory_mb=300.0)
        for c, _ in cases:
            run.outputs[c] = PlanOutput(model=name, ok=True, first_try=True, seconds=20.0)
            run.scores[c] = {"schema_first_try": 1.0 if name == "smollm2" else 0.0}
        runs[name] = run
    comps = [Comparison(c, "smollm2", "gemma3", "a", source="scores") for c, _ in cases]
    outcome = ContestOutcome("sim", cases, runs, comps, judge=None, judge_note="no independent judge: test")
    s = summarize(outcome, n_boot=200)
    assert s.verdict.startswith("Not enough briefs to tell smollm2 from gemma3") and "3–0–0" in s.verdict
    for r in s.results:
        assert r.ci_high - r.ci_low > 100, r  # Elo points
    md = write_report(outcome, tmp_path / "out", summary=s)[0].read_text()
    assert "not enough briefs to tell" in md.lower() and "Judge: none — no independent judge" in md


def test_pair_sentence_says_who_beats_whom_on_tool_calls_and_at_what_cost():
    from evals.agent_tasks import AgentTask, AgentTaskOutput

    tasks = [AgentTask(id=f"t{i}", say=["render shot 1"]) for i in range(20)]
    cases = [(f"b{i}", BriefInput(idea=f"idea {i}", target="draft")) for i in range(2)]
    runs = {}
    for name, ok, secs, mem, params in (("qwen1.5b", 18, 24.0, 1400.0, 1500), ("qwen0.5b", 6, 10.0, 640.0, 500)):
        run = ModelRun(name, peak_memory_mb=mem, params_m=params)
        for c, _ in cases:
            run.outputs[c] = PlanOutput(model=name, ok=True, seconds=secs)
            run.scores[c] = {"schema_first_try": 1.0}
        for i, t in enumerate(tasks):
            v = 1.0 if i < ok else 0.0
            run.agent[t.id] = AgentTaskOutput(model=name, seconds=secs)
            run.agent_scores[t.id] = {"tool_first_try": v, "tool_right": v, "tool_completed": v}
        runs[name] = run
    comps = [Comparison(c, "qwen1.5b", "qwen0.5b", "tie", source="scores") for c, _ in cases]
    outcome = ContestOutcome("sim", cases, runs, comps, judge=None, agent_tasks=tasks)
    (sentence,) = summarize(outcome, n_boot=100).pairs
    assert sentence.startswith("Not enough briefs to tell qwen1.5b from qwen0.5b on storyboards")
    assert "qwen1.5b beats qwen0.5b on tool calls (18/20 vs 6/20 valid first tries" in sentence
    assert "qwen1.5b costs 2.4× the time" in sentence and "2.2× the memory" in sentence


async def test_a_judge_that_follows_the_order_is_reported_as_noise_and_left_out():
    from evals.contest import _apply_judge

    judge = _fake_judge(lambda m: '{"better": "A", "reason": "first is best"}')
    records = []
    for i in range(4):
        outcome, ab, ba, note = await judge.judge_orders(PAIR)
        records.append({"judge": "fake", "case": f"c{i}", "a": "x", "b": "y", "outcome": outcome or "dropped",
                        "ab": ab, "ba": ba, "note": note})
    assert judge.agreement == 0.0 and judge.is_noise
    out = ContestOutcome("sim", [], {}, [], judge="fake")
    _apply_judge(out, records)
    assert out.judge_noise and out.judge_agreement == 0.0 and "noise" in out.judge_note
    assert not [c for c in out.comparisons if c.source == "judge"]


def test_the_judge_is_never_a_contestant_and_the_qwen_family_has_no_independent_judge():
    from evals.contest import Contestant, default_judge

    qwen = [Contestant("qwen1.5b", None, params_m=1500), Contestant("qwen0.5b", None, params_m=500)]
    name, note = default_judge(qwen)
    assert name is None and "no independent judge" in note and "gemma3" in note
    tiny = [Contestant("smollm2", None, params_m=135), Contestant("gemma3", None, params_m=270)]
    assert default_judge(tiny)[0] == "qwen1.5b"
    remote = [Contestant("36b", None), Contestant("8b", None)]
    name, note = default_judge(remote)
    assert name == "qwen1.5b" and "unknown" in note


def test_cli_refuses_a_contestant_as_judge_and_duplicate_names(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "NIGHTREEL_STUDIO": str(tmp_path / "studio")}
    run = lambda *a: subprocess.run([sys.executable, "-m", "app.cli", "contest", *a, "--out", str(tmp_path / "o")],
                                    env=env, capture_output=True, text=True, timeout=120)
    proc = run("--family", "qwen", "--judge", "qwen0.5b", "--limit", "1")
    assert proc.returncode != 0 and "never judges itself" in proc.stderr
    proc = run("--model", "a=http://127.0.0.1:9/v1", "--model", "a=http://127.0.0.1:8/v1", "--limit", "1")
    assert proc.returncode != 0 and "a is entered twice" in proc.stderr


def test_the_cost_quality_plot_has_cost_on_x_and_rating_on_y_with_units():
    """The issue's "quality vs seconds per task and vs memory": quality up the y-axis, cost along the x-axis."""
    from evals.report import ModelRow, cost_quality_figure

    rows = [ModelRow(model="qwen1.5b", rating=1100.0, ci_low=1000.0, ci_high=1200.0, seconds_per_task=24.0,
                     peak_memory_mb=1400.0),
            ModelRow(model="qwen0.5b", rating=900.0, ci_low=800.0, ci_high=1000.0, seconds_per_task=10.0,
                     peak_memory_mb=640.0)]
    fig = cost_quality_figure(rows)
    time_ax, mem_ax = fig.axes
    assert time_ax.get_xlabel() == "seconds per task (s)" and mem_ax.get_xlabel() == "peak server memory (MB)"
    assert time_ax.get_ylabel() == mem_ax.get_ylabel() == "rating (Elo scale, 95% CI)"
    for ax, costs in ((time_ax, [24.0, 10.0]), (mem_ax, [1400.0, 640.0])):
        points = [tuple(line.get_xydata()[0]) for line in ax.lines if line.get_marker() == "o"]
        assert points == list(zip(costs, [1100.0, 900.0]))  # (cost, rating) for each model
        assert ax.get_ylim()[0] <= 800 and ax.get_ylim()[1] >= 1200  # the 95% intervals are drawn, vertically
    import matplotlib.pyplot as plt

    plt.close(fig)
