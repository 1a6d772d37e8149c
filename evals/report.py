"""The contest report: a leaderboard with intervals, per-brief win rates, cost, and one verdict.

``summarize`` turns a ContestOutcome into ``ContestResult`` rows (nightreel.schema), the
paired tests and the verdict sentence; ``write_report`` writes ``report.md``,
``report.html`` (the same text plus matplotlib plots embedded as base64 PNG) and
``results.json`` (every answer and score, for a later look) into the output folder; the run's
journal (``results.jsonl``, see ``evals.contest.Journal``) sits beside them.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import Field

from evals.agent_scoring import AGENT_SCORERS
from evals.contest_types import ContestOutcome, agent_means, scorer_means
from evals.ratings import (
    PairTest,
    bootstrap_ci,
    elo,
    fit_bradley_terry,
    mcnemar_exact,
    min_decisive_for_significance,
    paired_tests,
    win_rates,
)
from evals.scorers import AUTO_SCORERS
from nightreel.schema import ContestResult
from nightreel.studio import check_inside

__all__ = ["PLOT_CAPTIONS", "ModelRow", "Summary", "cost_quality_figure", "pair_sentences", "summarize", "to_markdown",
           "verdict", "write_report"]


class ModelRow(ContestResult):
    """A leaderboard row: the kernel's ContestResult plus what each size costs per task and the agent's scores."""

    seconds_per_task: float | None = None
    params_m: int | None = None
    agent: dict[str, float] = Field(default_factory=dict)  # agent scorer -> share of tasks passed
    agent_tasks: int = 0
    ci_known: bool = True  # False: too few outcomes for any interval


@dataclass
class Summary:
    results: list[ModelRow]
    tests: list[PairTest]
    verdict: str
    win_rates: dict[str, dict[str, float]]
    pairs: list[str] = field(default_factory=list)  # one sentence per pair of models


def _mean(xs: list[float]) -> float:
    return float(np.mean(xs)) if xs else 0.0


def _storyboard_source(outcome: ContestOutcome) -> str:
    """The storyboard outcomes a pair sentence counts: the judge's when it was used, else the scores'."""
    return "judge" if any(c.source == "judge" for c in outcome.comparisons) else "scores"


def summarize(outcome: ContestOutcome, *, n_boot: int = 1000, seed: int = 0) -> Summary:
    models = outcome.rated
    fit = fit_bradley_terry(models, outcome.comparisons)
    ci = bootstrap_ci(models, outcome.comparisons, n_boot=n_boot, seed=seed)
    results = []
    for name, run in outcome.runs.items():
        ok = run.ok_outputs
        secs = _mean([o.seconds for o in run.outputs.values()])  # failed attempts cost time too
        toks = sum(o.output_tokens for o in ok)
        tps = toks / sum(o.seconds for o in ok) if ok and sum(o.seconds for o in ok) > 0 else 0.0
        w = l = t = 0
        for c in outcome.comparisons:
            if name not in (c.a, c.b):
                continue
            if c.outcome == "tie":
                t += 1
            elif (c.outcome == "a") == (c.a == name):
                w += 1
            else:
                l += 1
        common = {"model": name, "peak_memory_mb": run.peak_memory_mb, "notes": run.notes, "params_m": run.params_m,
                  "seconds_per_task": run.seconds_per_task, "agent": agent_means(run) if run.agent else {},
                  "agent_tasks": len(run.agent)}
        if run.failed:
            row = ModelRow(rating=float("nan"), ci_low=float("nan"), ci_high=float("nan"), failed=True, **common)
        else:
            lo, hi = ci[name]
            known = math.isfinite(lo) and math.isfinite(hi)
            row = ModelRow(rating=elo(fit[name]), ci_low=elo(lo) if known else float("nan"),
                           ci_high=elo(hi) if known else float("nan"), ci_known=known, wins=w, losses=l, ties=t,
                           seconds_per_storyboard=secs, tokens_per_s=tps, **common)
        results.append(row)
    results.sort(key=lambda r: (r.failed, -r.rating if not r.failed else 0))
    src = _storyboard_source(outcome)
    quality = {m: outcome.runs[m].quality for m in models}
    tests = paired_tests(models, [c for c in outcome.comparisons if c.source == src], quality)
    pairs = pair_sentences(outcome, results, tests)
    return Summary(results, tests, verdict(results, tests, n_briefs=len(outcome.cases)), win_rates(outcome.comparisons),
                   pairs)


def _n(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


def _p(p: float) -> str:
    return f"{p:.3f}" if p >= 0.001 else "<0.001"


def _ratio(x: float | None, y: float | None) -> float | None:
    return x / y if x and y else None


def pair_sentences(outcome: ContestOutcome, rows: list[ModelRow], tests: list[PairTest]) -> list[str]:
    """One sentence per pair, the seed's way: who beats whom on what, how sure, and at what cost.

    The larger model (by parameters when known, else by rating) is named first. A difference is
    claimed only when its exact test reaches p < 0.05; otherwise the sentence says there are not
    enough briefs (or tasks) to tell.
    """
    live = {r.model: r for r in rows if not r.failed}
    out = []
    names = sorted(live, key=lambda m: (-(live[m].params_m or 0), -live[m].rating))
    need = min_decisive_for_significance()
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            ra, rb = live[a], live[b]
            parts = []
            # storyboards: sign test over briefs
            t = next((t for t in tests if {t.a, t.b} == {a, b}), None)
            if t is not None and outcome.cases:
                wa, wb = (t.wins_a, t.wins_b) if t.a == a else (t.wins_b, t.wins_a)
                how = "the judge" if _storyboard_source(outcome) == "judge" else "automatic scores"
                rec = f"{wa}–{wb}–{t.ties} over {_n(len(outcome.cases), 'brief')} by {how}, sign test p={_p(t.p_sign)}"
                if t.significant:
                    win, lose = (a, b) if wa > wb else (b, a)
                    parts.append(f"{win} beats {lose} on storyboards ({rec})")
                else:
                    parts.append(f"not enough briefs to tell {a} from {b} on storyboards ({rec}; "
                                 f"{need} decisive briefs one way are the fewest that could)")
            # agent tasks: McNemar over the same tasks, first-try tool calls
            ids = [tk.id for tk in outcome.agent_tasks]
            fa = [outcome.runs[a].agent_scores.get(i, {}).get("tool_first_try", 0.0) > 0 for i in ids]
            fb = [outcome.runs[b].agent_scores.get(i, {}).get("tool_first_try", 0.0) > 0 for i in ids]
            if ids:
                p = mcnemar_exact(fa, fb)
                ca, cb = sum(fa), sum(fb)
                done_a = sum(outcome.runs[a].agent_scores.get(i, {}).get("tool_completed", 0.0) > 0 for i in ids)
                done_b = sum(outcome.runs[b].agent_scores.get(i, {}).get("tool_completed", 0.0) > 0 for i in ids)
                rec = (f"{ca}/{len(ids)} vs {cb}/{len(ids)} valid first tries, {done_a} vs {done_b} completed, "
                       f"McNemar p={_p(p)}")
                if p < 0.05 and ca != cb:
                    win, lose = (a, b) if ca > cb else (b, a)
                    parts.append(f"{win} beats {lose} on tool calls ({rec})")
                else:
                    parts.append(f"not enough tasks to tell {a} from {b} on tool calls ({rec})")
            cost = []
            if (r := _ratio(ra.seconds_per_task, rb.seconds_per_task)) is not None:
                cost.append(f"{r:.1f}× the time ({ra.seconds_per_task:.0f} vs {rb.seconds_per_task:.0f} s per task)")
            if (r := _ratio(ra.peak_memory_mb, rb.peak_memory_mb)) is not None:
                cost.append(f"{r:.1f}× the memory ({ra.peak_memory_mb:.0f} vs {rb.peak_memory_mb:.0f} MB peak)")
            sentence = "; ".join(parts) if parts else f"{a} and {b} were given no common task"
            if cost:
                sentence += f"; {a} costs " + " and ".join(cost) + f" of {b}"
            out.append(sentence[0].upper() + sentence[1:] + ".")
    return out


def verdict(results: list[ContestResult], tests: list[PairTest], *, n_briefs: int | None = None) -> str:
    """One sentence: is the best-rated model distinguishable from the fastest other one, and at what speed."""
    live = [r for r in results if not r.failed]
    failed = [r.model for r in results if r.failed]
    tail = f" ({', '.join(failed)} failed and {'is' if len(failed) == 1 else 'are'} not rated)" if failed else ""
    if len(live) < 2:
        return (f"Only {live[0].model} finished; there is nothing to compare it with" if live
                else "No model finished; see the notes") + tail + "."
    top = max(live, key=lambda r: r.rating)
    other = min((r for r in live if r is not top), key=lambda r: r.seconds_per_storyboard or float("inf"))
    test = next((t for t in tests if {t.a, t.b} == {top.model, other.model}), None)
    fast, slow = sorted([top, other], key=lambda r: r.seconds_per_storyboard or float("inf"))
    ratio = (slow.seconds_per_storyboard / fast.seconds_per_storyboard) if fast.seconds_per_storyboard else 1.0
    speed = f"{fast.model} is {ratio:.1f}× faster" if ratio >= 1.05 else "they are about as fast"
    if test is None or not test.significant:
        rec = f"{test.wins_a}–{test.wins_b}–{test.ties}, sign test p={test.p_sign:.2f}" if test else "no outcomes"
        over = f" over {_n(n_briefs, 'brief')}" if n_briefs else ""
        return (f"Not enough briefs to tell {top.model} from {other.model} on storyboards ({rec}{over}); "
                f"{speed}{tail}.")
    wins = (test.wins_a, test.wins_b) if test.a == top.model else (test.wins_b, test.wins_a)
    pace = (f"and is {ratio:.1f}× faster" if top is fast else f"but is {ratio:.1f}× slower") if ratio >= 1.05 \
        else "at about the same speed"
    return (f"{top.model} beats {other.model} on these tasks ({wins[0]}–{wins[1]}, sign test p={test.p_sign:.3f}) "
            f"{pace}{tail}.")


def _fmt(x: float | None, spec: str = ".0f") -> str:
    return "–" if x is None or (isinstance(x, float) and np.isnan(x)) else format(x, spec)


def _judge_line(outcome: ContestOutcome) -> str:
    if outcome.judge is None:
        return f"Judge: none — {outcome.judge_note or 'none asked for'}."
    rate = outcome.judge_agreement
    agree = (f"position-swap agreement {outcome.judge_agreed}/{outcome.judge_swapped} ({rate:.0%})"
             if rate is not None else "position-swap agreement not measured (no pair judged in both orders)")
    line = (f"Judge: {outcome.judge} (not a contestant), every pair shown in both orders; {agree}; "
            f"{outcome.judge_dropped} pair(s) dropped after unusable answers ({outcome.judge_calls} judge calls).")
    if outcome.judge_noise:
        line += f" **The judge is noise:** {outcome.judge_note}."
    return line


def to_markdown(outcome: ContestOutcome, s: Summary) -> str:
    judged = sum(c.source == "judge" for c in outcome.comparisons)
    scored = sum(c.source == "scores" for c in outcome.comparisons)
    agent = sum(c.source == "agent" for c in outcome.comparisons)
    lines = [f"# Planner contest · {outcome.dataset}", "",
             f"**Verdict:** {s.verdict}", ""]
    if s.pairs:
        lines += ["## Pair by pair", "", *[f"- {p}" for p in s.pairs], ""]
    lines += [f"{len(outcome.cases)} briefs × {outcome.n_shots} shots and {len(outcome.agent_tasks)} agent tasks; "
              f"models run {'in parallel' if outcome.parallel else 'one after another (each server stopped before the next starts)'}, "
              f"{outcome.wall_s:.0f} s in all" + (f", {outcome.resumed} task(s) resumed from the journal" if outcome.resumed else "")
              + ".", "", _judge_line(outcome), "",
              f"Pairwise outcomes: {scored} from the storyboard scores, {agent} from the agent tasks, {judged} from the judge.",
              "", "## Leaderboard", "",
              "| model | rating | 95% CI | W–L–T | s / task | s / storyboard | first-try tool calls | peak memory (MB) | status |",
              "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for r in s.results:
        status = "**FAILED**: " + "; ".join(r.notes[:1]) if r.failed else ("; ".join(r.notes[:3]) or "ok")
        ci = f"{_fmt(r.ci_low)}–{_fmt(r.ci_high)}" if r.ci_known else "unknown (no outcomes)"
        tools = f"{round(r.agent.get('tool_first_try', 0) * r.agent_tasks)}/{r.agent_tasks}" if r.agent_tasks else "–"
        lines.append(f"| {r.model} | {_fmt(r.rating)} | {ci} | {r.wins}–{r.losses}–{r.ties} "
                     f"| {_fmt(r.seconds_per_task, '.1f')} | {_fmt(r.seconds_per_storyboard, '.1f')} | {tools} "
                     f"| {_fmt(r.peak_memory_mb)} | {status} |")
    lines += ["", "Ratings: Bradley–Terry on every pairwise outcome (storyboards and agent tasks), Elo scale "
              "(mean 1000; +100 ≈ 64% expected wins); intervals: bootstrap over briefs and over the pairwise outcomes, "
              "so a few briefs give a wide interval, never a zero-width one.", "",
              "## Storyboard scores (mean over briefs, 0–1)", "",
              "| model | " + " | ".join(AUTO_SCORERS) + " |", "| --- |" + " ---: |" * len(AUTO_SCORERS)]
    for name, run in outcome.runs.items():
        m = scorer_means(run)
        lines.append(f"| {name} | " + " | ".join(f"{m[k]:.2f}" for k in AUTO_SCORERS) + " |")
    if outcome.agent_tasks:
        lines += ["", "## Agent tasks (share of scripted requests passed)", "",
                  "Each scripted request goes to the model with the studio tools' JSON schemas (the OpenAI `tools` "
                  "field); each valid call gets a simulated result so the model can go on. *first try*: its first "
                  "answer is a valid call to a real tool; *right*: its first call is the expected tool with the "
                  "expected arguments; *completed*: every expected call made, in order.", "",
                  "| model | " + " | ".join(AGENT_SCORERS) + " | s / task |", "| --- |" + " ---: |" * (len(AGENT_SCORERS) + 1)]
        for name, run in outcome.runs.items():
            if not run.agent:
                continue
            m = agent_means(run)
            secs = _mean([o.seconds for o in run.agent.values()])
            lines.append(f"| {name} | " + " | ".join(f"{m[k]:.2f}" for k in AGENT_SCORERS) + f" | {secs:.1f} |")
        lines += ["", "| task | " + " | ".join(n for n, r in outcome.runs.items() if r.agent) + " |",
                  "| --- |" + " --- |" * sum(1 for r in outcome.runs.values() if r.agent)]
        for tk in outcome.agent_tasks:
            cells = [" ".join(r.agent_notes.get(tk.id, "–").split())[:160].replace("|", "\\|")
                     for r in outcome.runs.values() if r.agent]
            lines.append(f"| {tk.id} | " + " | ".join(cells) + " |")
    if s.tests:
        lines += ["", "## Paired significance (storyboards)", "",
                  "| pair | head-to-head (W–L–T) | sign test p | Δ quality | Wilcoxon p |",
                  "| --- | --- | ---: | ---: | ---: |"]
        for t in s.tests:
            lines.append(f"| {t.a} vs {t.b} | {t.wins_a}–{t.wins_b}–{t.ties} | {t.p_sign:.3f} "
                         f"| {_fmt(t.quality_delta, '+.3f')} | {_fmt(t.p_wilcoxon, '.3f')} |")
    models = outcome.rated
    if s.win_rates and models:
        lines += ["", "## Win rate per brief", "", "| brief | target | " + " | ".join(models) + " |",
                  "| --- | --- |" + " ---: |" * len(models)]
        for case, inputs in outcome.cases:
            per = s.win_rates.get(case, {})
            lines.append(f"| {case} | {inputs.target} | " + " | ".join(_fmt(per.get(m), ".2f") for m in models) + " |")
    return "\n".join(lines) + "\n"


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


#: What each plot shows, said under it in report.html (axes with their units).
PLOT_CAPTIONS = {
    "ratings": "Rating of each model (Bradley–Terry, Elo scale) with its 95% interval.",
    "cost_quality": "Quality against cost: rating (Elo scale, 95% interval) up the y-axis against seconds per task "
                    "(s) and peak server memory (MB) along the x-axis; up and to the left is better, the dashed "
                    "line joins the models nothing beats on both.",
}


def cost_quality_figure(live: list[ModelRow]):
    """Quality (rating with its 95% interval, y) against cost (seconds per task; peak memory, x): two panels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    for ax, key, label, title in ((axes[0], "seconds_per_task", "seconds per task (s)", "quality vs time"),
                                  (axes[1], "peak_memory_mb", "peak server memory (MB)", "quality vs memory")):
        pts = [r for r in live if getattr(r, key)]
        for r in pts:
            x = getattr(r, key)
            err = [[r.rating - r.ci_low], [r.ci_high - r.rating]] if r.ci_known else None
            ax.errorbar([x], [r.rating], yerr=err, fmt="o", capsize=4)
            ax.annotate(r.model, (x, r.rating), textcoords="offset points", xytext=(5, 5))
        front = _pareto([(getattr(r, key), r.rating) for r in pts])
        if len(front) > 1:
            ax.plot(*zip(*front), "--", color="grey", linewidth=1)
        ax.set_xlabel(label)
        ax.set_ylabel("rating (Elo scale, 95% CI)")
        ax.set_title(title + ("" if pts else " (not measured)"))
    return fig


def plots(s: Summary) -> dict[str, str]:
    """Rating with 95% CI bars, and quality (y) against seconds per task and memory (x): base64 PNGs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    live = [r for r in s.results if not r.failed]
    out: dict[str, str] = {}
    if not live:
        return out
    fig, ax = plt.subplots(figsize=(6, 0.6 + 0.5 * len(live)))
    y = np.arange(len(live))
    lo = [r.rating - r.ci_low if r.ci_known else 0.0 for r in live]
    hi = [r.ci_high - r.rating if r.ci_known else 0.0 for r in live]
    ax.errorbar([r.rating for r in live], y, xerr=[lo, hi], fmt="o", capsize=4)
    ax.set_yticks(y, [r.model for r in live])
    ax.invert_yaxis()
    ax.set_xlabel("Bradley–Terry rating (Elo scale) with 95% CI")
    out["ratings"] = _png(fig)
    plt.close(fig)
    fig = cost_quality_figure(live)
    out["cost_quality"] = _png(fig)
    plt.close(fig)
    return out


def _pareto(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points no other point beats on both cost (lower) and quality (higher), by cost."""
    front, best = [], -float("inf")
    for x, q in sorted(points):
        if q > best:
            front.append((x, q))
            best = q
    return front


def to_html(markdown: str, images: dict[str, str]) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(markdown)
    figs = "".join(f'<figure><img alt="{html.escape(k)}" src="data:image/png;base64,{v}">'
                   f'<figcaption>{html.escape(PLOT_CAPTIONS.get(k, k))}</figcaption></figure>'
                   for k, v in images.items())
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}"
             "img{max-width:100%}")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>nightreel contest</title>"
            f"<style>{style}</style></head><body>{body}<h2>Plots</h2>{figs}</body></html>")


def write_report(outcome: ContestOutcome, out_dir: str | Path, *, summary: Summary | None = None) -> list[Path]:
    """report.md, report.html (plots embedded) and results.json in `out_dir`; returns the paths."""
    out_dir = Path(out_dir).expanduser().resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    s = summary or summarize(outcome)
    md = to_markdown(outcome, s)
    paths = [check_inside(n, out_dir) for n in ("report.md", "report.html", "results.json")]
    paths[0].write_text(md, encoding="utf-8")
    paths[1].write_text(to_html(md, plots(s)), encoding="utf-8")
    raw = {"verdict": s.verdict, "pairs": s.pairs, "judge": outcome.judge, "judge_note": outcome.judge_note,
           "judge_agreement": outcome.judge_agreement, "judge_noise": outcome.judge_noise, "results": [r.model_dump(mode="json") for r in s.results],
           "comparisons": [c.__dict__ for c in outcome.comparisons],
           "answers": {m: {c: o.model_dump(mode="json") for c, o in run.outputs.items()} for m, run in outcome.runs.items()},
           "scores": {m: run.scores for m, run in outcome.runs.items()},
           "agent": {m: {t: {"scores": run.agent_scores.get(t), "note": run.agent_notes.get(t),
                             "output": o.model_dump(mode="json")} for t, o in run.agent.items()}
                     for m, run in outcome.runs.items()}}
    paths[2].write_text(json.dumps(raw, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return paths
