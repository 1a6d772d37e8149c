"""The critic measured on labelled clips: per-field precision / recall, a camera confusion table, per-clip time.

The clips are built from real photographs by :mod:`evals.clips.make_clips` into a cache folder (never
committed); their ground truth is the hand-written ``evals/clips/manifest.yaml``. Each clip goes through
:func:`agents.critic.critique` probes-only (no VLM), exactly as the night and the CLI call it; the fields
read back are the ones a person checks:

- people    a person or any part of one (people or hands evidence)
- camera    the measured move (confusion table over locked / dolly_in / dolly_out / pan / orbit / handheld)
- flicker, freeze, text   any evidence of each
- loop      the seam verdict, on the clips whose shot asks for a loop
- freeze_defect  whether the verdict counts a freeze as a defect (a freeze on a locked, still shot is not)

Broken files (not a video, truncated, empty, an image, a directory) must end in one clear NightreelError line.
Writes ``evals/results/critic.md`` and ``critic.json``.

    .venv/bin/nightreel eval critic            # or: .venv/bin/python -m evals.critic_eval
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.clips import make_clips

RESULTS = Path(__file__).resolve().parent / "results"
BOOL_FIELDS = ("people", "flicker", "freeze", "text", "loop_broken", "freeze_defect")
CAMERAS = ("locked", "dolly_in", "dolly_out", "pan", "orbit", "handheld")
TARGETS = {"people": 0.95, "camera": 0.90, "flicker": 0.95, "loop_broken": 0.95, "freeze": 0.95}

__all__ = ["ClipResult", "EvalReport", "predicted_fields", "run_critic_eval", "truth_fields"]


@dataclass
class ClipResult:
    id: str
    file: str
    truth: dict[str, Any]
    predicted: dict[str, Any] = field(default_factory=dict)
    verdict: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    probe_seconds: float | None = None
    error: str | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class EvalReport:
    clips: list[ClipResult]
    fields: dict[str, dict[str, Any]]
    camera_confusion: dict[str, dict[str, int]]
    broken: list[dict[str, Any]]
    seconds_per_clip: dict[str, float]
    meta: dict[str, Any]

    def to_json(self) -> dict:
        return {"meta": self.meta, "fields": self.fields, "camera_confusion": self.camera_confusion,
                "broken": self.broken, "seconds_per_clip": self.seconds_per_clip,
                "clips": [c.__dict__ for c in self.clips]}


def truth_fields(entry: dict, defaults: dict) -> dict[str, Any]:
    t = {**defaults.get("truth", {}), **entry.get("truth", {})}
    out = {"people": bool(t["people"]), "camera": t["camera"], "flicker": bool(t["flicker"]),
           "freeze": bool(t["freeze"]), "text": bool(t["text"])}
    if t.get("loop") is not None:
        out["loop_broken"] = t["loop"] == "broken"
    if "freeze_defect" in t:
        out["freeze_defect"] = bool(t["freeze_defect"])
    return out


def freeze_is_defect(reasons: list[str]) -> bool:
    return any("freez" in r and "a defect" in r and "not a defect" not in r for r in reasons)


def predicted_fields(verdict, truth: dict[str, Any]) -> dict[str, Any]:
    """The fields read back from a Verdict (only those the truth scores)."""
    p = verdict.probes
    out = {"people": bool(p.people or p.hands), "camera": p.camera, "flicker": bool(p.flicker),
           "freeze": bool(p.frozen), "text": bool(getattr(p, "text", None) or [])}
    if "loop_broken" in truth:
        out["loop_broken"] = not bool(getattr(p, "loop_seam_ok", True))
    if "freeze_defect" in truth:
        out["freeze_defect"] = freeze_is_defect(verdict.reasons)
    return out


def _pr(pairs: list[tuple[bool, bool]]) -> dict[str, Any]:
    tp = sum(t and p for t, p in pairs)
    fp = sum(p and not t for t, p in pairs)
    fn = sum(t and not p for t, p in pairs)
    tn = sum(not t and not p for t, p in pairs)
    # no positives found (or none to find): precision (recall) is undefined, reported as None ("no positives")
    prec = round(tp / (tp + fp), 3) if tp + fp else None
    rec = round(tp / (tp + fn), 3) if tp + fn else None
    return {"n": len(pairs), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": prec,
            "recall": rec, "accuracy": round((tp + tn) / len(pairs), 3) if pairs else None}


def _num(x: float | None) -> str:
    return "no positives" if x is None else f"{x:.2f}"


def score(results: list[ClipResult]) -> tuple[dict[str, dict], dict[str, dict[str, int]]]:
    ok = [r for r in results if r.error is None]
    fields: dict[str, dict] = {}
    for f in BOOL_FIELDS:
        pairs = [(r.truth[f], r.predicted[f]) for r in ok if f in r.truth]
        if pairs:
            fields[f] = _pr(pairs)
    conf = {t: {p: 0 for p in CAMERAS} for t in CAMERAS}
    for r in ok:
        conf[r.truth["camera"]][r.predicted["camera"]] += 1
    n = sum(sum(v.values()) for v in conf.values())
    right = sum(conf[c][c] for c in CAMERAS)
    per_class = {}
    for c in CAMERAS:
        col = sum(conf[t][c] for t in CAMERAS)
        row = sum(conf[c].values())
        per_class[c] = {"precision": round(conf[c][c] / col, 3) if col else None,
                        "recall": round(conf[c][c] / row, 3) if row else None, "n": row}
    fields["camera"] = {"n": n, "accuracy": round(right / n, 3) if n else None, "per_class": per_class}
    return fields, conf


def run_critic_eval(clips_dir: Path | None = None, *, only: list[str] | None = None, dense: bool = False,
                    progress: Callable[[str, int, int], None] | None = None) -> EvalReport:
    """Build the clips (cached), critique each probes-only, score against the manifest."""
    from agents.critic import critique_sync
    from nightreel.errors import NightreelError
    from nightreel.schema import ShotExpectations
    from tools.media import Limits

    clips_dir = Path(clips_dir or make_clips.DEFAULT_OUT)
    man = make_clips.load_manifest()
    make_clips.build(clips_dir, only=only)
    settings = type("ProbesOnly", (), {"critic_url": None})()
    entries = [c for c in man["clips"] if not only or c["id"] in only]
    results: list[ClipResult] = []
    broken: list[dict[str, Any]] = []
    for k, c in enumerate(entries):
        if progress:
            progress(c["id"], k, len(entries))
        path = clips_dir / c["file"]
        t0, c0 = time.perf_counter(), time.process_time()
        if c.get("broken"):
            try:
                critique_sync(path, ShotExpectations(), settings=settings, studio=clips_dir, use_vlm=False)
                broken.append({"id": c["id"], "file": c["file"], "clear_error": False, "message": "no error raised"})
            except NightreelError as e:
                msg = str(e)
                broken.append({"id": c["id"], "file": c["file"], "error": type(e).__name__, "message": msg,
                               "clear_error": bool(msg) and "\n" not in msg and "Traceback" not in msg,
                               "seconds": round(time.perf_counter() - t0, 3)})
            continue
        truth = truth_fields(c, man["defaults"])
        expect = ShotExpectations(**{**man["defaults"]["expect"], **c.get("expect", {})})
        res = ClipResult(c["id"], c["file"], truth)
        try:
            v = critique_sync(path, expect, settings=settings, studio=clips_dir, use_vlm=False,
                              limits=Limits(dense=True) if dense else Limits())
            res.predicted = predicted_fields(v, truth)
            res.verdict, res.reasons = v.verdict, v.reasons
            res.probe_seconds = getattr(v.probes, "seconds", None)
        except NightreelError as e:
            res.error = f"{type(e).__name__}: {e}"
        res.seconds = round(time.perf_counter() - t0, 3)
        res.cpu_seconds = round(time.process_time() - c0, 3)
        results.append(res)
    fields, conf = score(results)
    secs = sorted(r.seconds for r in results if r.error is None)
    hd = [r.seconds for r in results if r.error is None and "_hd" in r.id]
    hd_cpu = [r.cpu_seconds for r in results if r.error is None and "_hd" in r.id]
    cpus = sorted(r.cpu_seconds for r in results if r.error is None)
    meta = {"when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "clips": len(results), "broken_files": len(broken),
            "mode": "naive (every frame, every detector)" if dense else "coarse-to-fine", "machine": platform.machine(),
            "cores": __import__("os").cpu_count(), "clips_dir": str(clips_dir)}
    seconds = {"median": round(secs[len(secs) // 2], 3) if secs else 0.0, "max": max(secs, default=0.0),
               "mean_1280x704_5s": round(sum(hd) / len(hd), 3) if hd else None,
               "cpu_median": round(cpus[len(cpus) // 2], 3) if cpus else 0.0,
               "cpu_mean_1280x704_5s": round(sum(hd_cpu) / len(hd_cpu), 3) if hd_cpu else None,
               "load_average_1min": round(__import__("os").getloadavg()[0], 1)}
    return EvalReport(results, fields, conf, broken, seconds, meta)


def to_markdown(rep: EvalReport) -> str:
    L = ["# Critic on the labelled clips", "",
         f"{rep.meta['clips']} clips + {rep.meta['broken_files']} broken files, probes only, {rep.meta['mode']}; "
         f"{rep.meta['when']}, {rep.meta['cores']} cores. Ground truth: `evals/clips/manifest.yaml` (by hand).", "",
         "## Fields (per clip)", "", "| field | n | precision | recall | accuracy | target | met |", "|---|---|---|---|---|---|---|"]
    for f, m in rep.fields.items():
        if f == "camera":
            continue
        tgt = TARGETS.get(f)
        met = "" if tgt is None else ("yes" if (m["precision"] or 0) >= tgt and (m["recall"] or 0) >= tgt else "**no**")
        L.append(f"| {f} | {m['n']} | {_num(m['precision'])} | {_num(m['recall'])} | {_num(m['accuracy'])} | "
                 f"{'' if tgt is None else f'≥ {tgt:.2f}'} | {met} |")
    cam = rep.fields["camera"]
    acc = cam["accuracy"] or 0.0
    L.append(f"| camera | {cam['n']} | | | {acc:.2f} | ≥ 0.90 | {'yes' if acc >= 0.9 else '**no**'} |")
    L += ["", "## Camera: confusion (rows: truth, columns: measured)", "",
          "| truth \\ measured | " + " | ".join(CAMERAS) + " | recall |", "|---" * (len(CAMERAS) + 2) + "|"]
    for t in CAMERAS:
        rec = cam["per_class"][t]["recall"]
        L.append(f"| {t} | " + " | ".join(str(rep.camera_confusion[t][p]) or "" for p in CAMERAS)
                 + f" | {'' if rec is None else f'{rec:.2f}'} |")
    L += ["", "## Broken files", "", "| file | error | one clear line |", "|---|---|---|"]
    for b in rep.broken:
        L.append(f"| `{b['file']}` | {b.get('error', '')}: {b['message'][:140]} | {'yes' if b['clear_error'] else '**no**'} |")
    L += ["", "## Time", "",
          f"median {rep.seconds_per_clip['median']:.2f} s per clip, max {rep.seconds_per_clip['max']:.2f} s; "
          f"1280x704 5-s clips: {rep.seconds_per_clip['mean_1280x704_5s'] or 0:.2f} s mean (critique wall time, "
          f"including decode). CPU seconds (all threads): median {rep.seconds_per_clip['cpu_median']:.2f} s, "
          f"1280x704 5-s clips {rep.seconds_per_clip['cpu_mean_1280x704_5s'] or 0:.2f} s mean. Load average at the end "
          f"of the run: {rep.seconds_per_clip['load_average_1min']} on {rep.meta['cores']} cores (wall time is only "
          "meaningful on a quiet machine; `benchmarks/critic.py` gives the old/new ratio measured in one run).",
          "", "## Misses", ""]
    misses = 0
    for r in rep.clips:
        if r.error:
            L.append(f"- `{r.id}`: error {r.error}")
            misses += 1
            continue
        wrong = [f"{k}: truth {r.truth[k]}, measured {r.predicted.get(k)}" for k in r.truth if r.truth[k] != r.predicted.get(k)]
        if wrong:
            misses += 1
            L.append(f"- `{r.id}`: " + "; ".join(wrong))
    if not misses:
        L.append("none")
    L += ["", "## Every clip", "", "| clip | verdict | camera | people | flicker | freeze | text | s | CPU s |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rep.clips:
        p = r.predicted
        L.append(f"| {r.id} | {r.verdict or r.error} | {p.get('camera', '')} | {p.get('people', '')} | "
                 f"{p.get('flicker', '')} | {p.get('freeze', '')} | {p.get('text', '')} | {r.seconds:.2f} | "
                 f"{r.cpu_seconds:.2f} |")
    return "\n".join(L) + "\n"


def write_results(rep: EvalReport, out_dir: Path = RESULTS, name: str = "critic") -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    md, js = out_dir / f"{name}.md", out_dir / f"{name}.json"
    md.write_text(to_markdown(rep), encoding="utf-8")
    js.write_text(json.dumps(rep.to_json(), indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return md, js


def main() -> None:
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(40))
    ap = argparse.ArgumentParser(description="the critic on the labelled clips")
    ap.add_argument("--clips", type=Path, default=None, help="cache folder for the clips")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--dense", action="store_true", help="the naive pass (every frame through every detector)")
    ap.add_argument("--name", default="critic")
    a = ap.parse_args()
    rep = run_critic_eval(a.clips, only=a.only, dense=a.dense,
                          progress=lambda cid, k, n: print(f"[{k + 1}/{n}] {cid}", flush=True))
    md, js = write_results(rep, name=a.name)
    print(to_markdown(rep))
    print(f"wrote {md} and {js}")


if __name__ == "__main__":
    main()
