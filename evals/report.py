"""The contest report: a leaderboard with intervals, per-brief win rates, cost, and one verdict.

``summarize`` turns a ContestOutcome into ``ContestResult`` rows (nightreel.schema), the
paired tests and the verdict sentence; ``write_report`` writes ``report.md``,
``report.html`` (the same text plus matplotlib plots embedded as base64 PNG) and
``results.json`` (every answer and score, for a later look) into the output folder.
"""

from __future__ import annotations

import base64
import html
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evals.contest import ContestOutcome, scorer_means
from evals.ratings import PairTest, bootstrap_ci, elo, fit_bradley_terry, paired_tests, win_rates
from evals.scorers import AUTO_SCORERS
from nightreel.schema import ContestResult
from nightreel.studio import check_inside

__all__ = ["Summary", "summarize", "verdict", "to_markdown", "write_report"]


@dataclass
class Summary:
    results: list[ContestResult]
    tests: list[PairTest]
    verdict: str
    win_rates: dict[str, dict[str, float]]


def _mean(xs: list[float]) -> float:
    return float(np.mean(xs)) if xs else 0.0


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
        if run.failed:
            row = ContestResult(model=name, rating=float("nan"), ci_low=float("nan"), ci_high=float("nan"),
                                failed=True, notes=run.notes, peak_memory_mb=run.peak_memory_mb)
        else:
            row = ContestResult(model=name, rating=elo(fit[name]), ci_low=elo(ci[name][0]), ci_high=elo(ci[name][1]),
                                wins=w, losses=l, ties=t, seconds_per_storyboard=secs, tokens_per_s=tps,
                                peak_memory_mb=run.peak_memory_mb, notes=run.notes)
        results.append(row)
    results.sort(key=lambda r: (r.failed, -r.rating if not r.failed else 0))
    quality = {m: outcome.runs[m].quality for m in models}
    tests = paired_tests(models, outcome.comparisons, quality)
    return Summary(results, tests, verdict(results, tests), win_rates(outcome.comparisons))


def verdict(results: list[ContestResult], tests: list[PairTest]) -> str:
    """One sentence: is the best-rated model distinguishable from the fastest other one, and at what speed."""
    live = [r for r in results if not r.failed]
    failed = [r.model for r in results if r.failed]
    tail = f" ({', '.join(failed)} failed and {'is' if len(failed) == 1 else 'are'} not rated)" if failed else ""
    if len(live) < 2:
        return (f"Only {live[0].model} finished; there is nothing to compare it with" if live
                else "No model finished; see the notes") + tail + "."
    top = max(live, key=lambda r: r.rating)
    other = min((r for r in live if r is not top), key=lambda r: r.seconds_per_storyboard or float("inf"))
    test = next(t for t in tests if {t.a, t.b} == {top.model, other.model})
    fast, slow = sorted([top, other], key=lambda r: r.seconds_per_storyboard or float("inf"))
    ratio = (slow.seconds_per_storyboard / fast.seconds_per_storyboard) if fast.seconds_per_storyboard else 1.0
    speed = f"is {ratio:.1f}× faster" if ratio >= 1.05 else "is about as fast"
    if not test.significant:
        return (f"{fast.model} is not distinguishable from {slow.model} on these tasks "
                f"(sign test p={test.p_sign:.2f}) and {speed}{tail}.")
    wins = (test.wins_a, test.wins_b) if test.a == top.model else (test.wins_b, test.wins_a)
    pace = (f"and is {ratio:.1f}× faster" if top is fast else f"but is {ratio:.1f}× slower") if ratio >= 1.05 \
        else "at about the same speed"
    return (f"{top.model} beats {other.model} on these tasks ({wins[0]}–{wins[1]}, sign test p={test.p_sign:.3f}) "
            f"{pace}{tail}.")


def _fmt(x: float | None, spec: str = ".0f") -> str:
    return "–" if x is None or (isinstance(x, float) and np.isnan(x)) else format(x, spec)


def to_markdown(outcome: ContestOutcome, s: Summary) -> str:
    judged = sum(c.source == "judge" for c in outcome.comparisons)
    scored = sum(c.source == "scores" for c in outcome.comparisons)
    lines = [f"# Planner contest · {outcome.dataset}", "",
             f"**Verdict:** {s.verdict}", "",
             f"{len(outcome.cases)} briefs × {outcome.n_shots} shots, models run "
             f"{'in parallel' if outcome.parallel else 'one after another'}, {outcome.wall_s:.0f} s in all. "
             f"Judge: {outcome.judge or 'none'} ({judged} pairwise outcomes with positions swapped, "
             f"{outcome.judge_dropped} dropped after unusable answers); {scored} outcomes from the automatic scores.",
             "", "## Leaderboard", "",
             "| model | rating | 95% CI | W–L–T | s / storyboard | tokens/s | peak memory (MB) | status |",
             "| --- | ---: | --- | --- | ---: | ---: | ---: | --- |"]
    for r in s.results:
        status = "**FAILED**: " + "; ".join(r.notes[:1]) if r.failed else ("; ".join(r.notes[:2]) or "ok")
        lines.append(f"| {r.model} | {_fmt(r.rating)} | {_fmt(r.ci_low)}–{_fmt(r.ci_high)} | {r.wins}–{r.losses}–{r.ties} "
                     f"| {_fmt(r.seconds_per_storyboard, '.1f')} | {_fmt(r.tokens_per_s, '.1f')} "
                     f"| {_fmt(r.peak_memory_mb)} | {status} |")
    lines += ["", "Ratings: Bradley–Terry on every pairwise outcome, Elo scale (mean 1000; +100 ≈ 64% expected wins); "
              "intervals: bootstrap over briefs.", "", "## Automatic scores (mean over briefs, 0–1)", "",
              "| model | " + " | ".join(AUTO_SCORERS) + " |", "| --- |" + " ---: |" * len(AUTO_SCORERS)]
    for name, run in outcome.runs.items():
        m = scorer_means(run)
        lines.append(f"| {name} | " + " | ".join(f"{m[k]:.2f}" for k in AUTO_SCORERS) + " |")
    if s.tests:
        lines += ["", "## Paired significance", "", "| pair | head-to-head (W–L–T) | sign test p | Δ quality | Wilcoxon p |",
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


def plots(s: Summary) -> dict[str, str]:
    """Rating with 95% CI bars, and quality against seconds/storyboard and memory: base64 PNGs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    live = [r for r in s.results if not r.failed]
    out: dict[str, str] = {}
    if not live:
        return out
    fig, ax = plt.subplots(figsize=(6, 0.6 + 0.5 * len(live)))
    y = np.arange(len(live))
    ax.errorbar([r.rating for r in live], y, xerr=[[r.rating - r.ci_low for r in live], [r.ci_high - r.rating for r in live]],
                fmt="o", capsize=4)
    ax.set_yticks(y, [r.model for r in live])
    ax.invert_yaxis()
    ax.set_xlabel("Bradley–Terry rating (Elo scale) with 95% CI")
    out["ratings"] = _png(fig)
    plt.close(fig)
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    for ax, key, label in ((axes[0], "seconds_per_storyboard", "seconds per storyboard"),
                           (axes[1], "peak_memory_mb", "peak server memory (MB)")):
        pts = [(getattr(r, key), r.rating, r.model) for r in live if getattr(r, key)]
        for x, q, name in pts:
            ax.scatter([x], [q])
            ax.annotate(name, (x, q), textcoords="offset points", xytext=(5, 5))
        front = _pareto([(x, q) for x, q, _ in pts])
        if len(front) > 1:
            ax.plot(*zip(*front), "--", color="grey", linewidth=1)
        ax.set_xlabel(label)
        ax.set_ylabel("rating")
        ax.set_title(f"quality vs {label.split(' (')[0]}" + ("" if pts else " (not measured)"))
    out["pareto"] = _png(fig)
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
    figs = "".join(f'<figure><img alt="{html.escape(k)}" src="data:image/png;base64,{v}"></figure>'
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
    raw = {"verdict": s.verdict, "results": [r.model_dump(mode="json") for r in s.results],
           "comparisons": [c.__dict__ for c in outcome.comparisons],
           "answers": {m: {c: o.model_dump(mode="json") for c, o in run.outputs.items()} for m, run in outcome.runs.items()},
           "scores": {m: run.scores for m, run in outcome.runs.items()}}
    paths[2].write_text(json.dumps(raw, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return paths
