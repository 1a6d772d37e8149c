"""How well nightreel reads briefs: rules only vs rules + a model, on a hand-labelled set.

``evals/labelled/briefs.yaml`` holds briefs written by hand with what a careful reader takes from each
(people none/allowed/required, the camera move, loop, text in frame, the total length when stated).
For every field this scores the merged reading (agents.brief: the rules' sure values, the model's quoted
claims, a second look where the model and the rules' hints differ) against the labels: accuracy, per-class precision and recall, a confusion table, and the
rules' own precision (of what the rules were sure of, how much was right — they override the model, so it must
be 100 %), the time per brief and the model calls per brief.

`nightreel eval briefs [--model rules|smollm2|qwen1.5b|...] [--limit N]` runs it and writes Markdown + JSON
to ``evals/results/``.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from agents.brief import BriefReading, merge_readings, rule_reading
from evals.storyboard_keeps import check_storyboard, storyboard_lines, summarise
from nightreel.errors import InputError

__all__ = ["DEFAULT_SET", "FIELDS", "LabelledBrief", "load_labelled", "run_brief_eval", "score", "write_report"]

DEFAULT_SET = Path(__file__).resolve().parent / "labelled" / "briefs.yaml"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
FIELDS = ("people", "camera", "loopable", "text_in_frame", "total_s")
_CLASSES = {"people": ["none", "allowed", "required"],
            "camera": ["locked", "dolly_in", "dolly_out", "pan", "orbit", "handheld", "any"],
            "loopable": [True, False], "text_in_frame": [True, False]}
_DEFAULT = {"people": "allowed", "camera": "any", "loopable": False, "text_in_frame": False, "total_s": None}


@dataclass
class LabelledBrief:
    id: str
    brief: str
    people: str
    camera: str
    loopable: bool
    text_in_frame: bool
    total_s: float | None = None

    def label(self, f: str) -> Any:
        return getattr(self, f)


def load_labelled(path: str | Path = DEFAULT_SET) -> list[LabelledBrief]:
    p = Path(path).expanduser()
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"cannot read the labelled briefs {p}: {e}") from None
    out = []
    for i, b in enumerate((doc or {}).get("briefs", []), 1):
        try:
            out.append(LabelledBrief(id=str(b["id"]), brief=str(b["brief"]), people=b["people"], camera=b["camera"],
                                     loopable=bool(b["loopable"]), text_in_frame=bool(b["text_in_frame"]),
                                     total_s=float(b["total_s"]) if b.get("total_s") is not None else None))
        except (KeyError, TypeError, ValueError) as e:
            raise InputError(f"{p}: brief #{i} is missing or has a bad field ({e})") from None
    if not out:
        raise InputError(f"{p} has no briefs (a top-level 'briefs:' list)")
    return out


@dataclass
class Prediction:
    id: str
    values: dict[str, Any]
    rules: dict[str, Any]               # only the fields the rules matched
    sources: dict[str, str] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    model_answer: dict[str, Any] | None = None
    model_calls: int = 0                # the reading call plus its second looks
    storyboard: dict[str, Any] = field(default_factory=dict)   # what the storyboard kept of the reading


def _prediction(b: LabelledBrief, reading: BriefReading, seconds: float) -> Prediction:
    rules = rule_reading(b.brief)
    values = {**reading.full(), "total_s": reading.total_duration_s}
    rule_vals = {k: v for k, v in rules.values.items() if k in _CLASSES}
    if rules.total_duration_s is not None:
        rule_vals["total_s"] = rules.total_duration_s
    sources = {**reading.sources, "total_s": reading.duration_source}
    return Prediction(b.id, values, rule_vals, sources, reading.disagreements, reading.notes, round(seconds, 2),
                      reading.model_answer, reading.model_calls, asdict(check_storyboard(b.brief, reading)))


def _same(f: str, pred: Any, gold: Any) -> bool:
    if f == "total_s":
        return (pred is None and gold is None) or (pred is not None and gold is not None and abs(pred - gold) <= 0.5)
    return pred == gold


def score(labels: list[LabelledBrief], preds: list[Prediction]) -> dict[str, Any]:
    """Per field: accuracy, per-class precision/recall, the confusion table, and the rules' precision."""
    by_id = {p.id: p for p in preds}
    out: dict[str, Any] = {}
    for f in FIELDS:
        pairs = [(by_id[b.id].values.get(f, _DEFAULT[f]), b.label(f)) for b in labels if b.id in by_id]
        correct = sum(_same(f, p, g) for p, g in pairs)
        entry: dict[str, Any] = {"n": len(pairs), "correct": correct, "accuracy": correct / len(pairs) if pairs else 0.0}
        if f in _CLASSES:
            classes = _CLASSES[f]
            conf = Counter((str(g), str(p)) for p, g in pairs)
            entry["confusion"] = {str(g): {str(p): conf[(str(g), str(p))] for p in classes} for g in classes}
            per = {}
            for c in classes:
                tp = conf[(str(c), str(c))]
                pp = sum(conf[(str(g), str(c))] for g in classes)
                gp = sum(conf[(str(c), str(p))] for p in classes)
                per[str(c)] = {"precision": tp / pp if pp else None, "recall": tp / gp if gp else None,
                               "support": gp}
            entry["per_class"] = per
        else:
            stated = [(p, g) for p, g in pairs if g is not None]
            found = [(p, g) for p, g in pairs if p is not None]
            entry["per_class"] = {"stated": {
                "precision": sum(_same(f, p, g) for p, g in found) / len(found) if found else None,
                "recall": sum(_same(f, p, g) for p, g in stated) / len(stated) if stated else None,
                "support": len(stated)}}
        # the guarantee: what the rules matched must be right
        ruled = [(by_id[b.id].rules[f], b.label(f)) for b in labels if b.id in by_id and f in by_id[b.id].rules]
        entry["rules_matched"] = len(ruled)
        entry["rules_precision"] = sum(_same(f, p, g) for p, g in ruled) / len(ruled) if ruled else None
        entry["errors"] = [{"id": b.id, "predicted": by_id[b.id].values.get(f), "expected": b.label(f),
                            "source": by_id[b.id].sources.get(f) or "default"}
                           for b in labels if b.id in by_id and not _same(f, by_id[b.id].values.get(f, _DEFAULT[f]),
                                                                          b.label(f))]
        out[f] = entry
    return out


async def _model_predictions(labels: list[LabelledBrief], model_name: str, settings, studio,
                             progress: Callable[[int, int], None] | None) -> list[Prediction]:
    from agents.embedded_server import open_planner
    from agents.models import http_client_for
    from agents.planner import read_brief

    preds: list[Prediction] = []
    with open_planner(settings, studio.cache, studio.logs, embedded_model=model_name) as ep:
        http = http_client_for(ep, timeout_s=settings.model_timeout_s)
        try:
            for i, b in enumerate(labels, 1):
                t0 = time.monotonic()
                reading = await read_brief(b.brief, ep, http=http, settings=settings)
                preds.append(_prediction(b, reading, time.monotonic() - t0))
                if progress:
                    progress(i, len(labels))
        finally:
            await http.aclose()
    return preds


def run_brief_eval(model: str = "rules", *, limit: int | None = None, ids: list[str] | None = None,
                   path: str | Path = DEFAULT_SET,
                   settings=None, studio=None, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Read every labelled brief (rules only, or rules + `model`) and score it. Returns the result document."""
    labels = load_labelled(path)
    if ids:
        unknown = sorted(set(ids) - {b.id for b in labels})
        if unknown:
            raise InputError(f"--ids: no brief {', '.join(unknown)} in {path}")
        labels = [b for b in labels if b.id in set(ids)]
    if limit is not None:
        if limit < 1:
            raise InputError(f"--limit must be at least 1, got {limit}")
        labels = labels[:limit]
    t0 = time.monotonic()
    if model == "rules":
        preds = []
        for i, b in enumerate(labels, 1):
            t1 = time.monotonic()
            preds.append(_prediction(b, merge_readings(b.brief, None), time.monotonic() - t1))
            if progress:
                progress(i, len(labels))
    else:
        if settings is None or studio is None:
            raise InputError("a model run needs the settings and the studio (the embedded model's cache)")
        preds = asyncio.run(_model_predictions(labels, model, settings, studio, progress))
    seconds = time.monotonic() - t0
    return {"model": model, "set": str(Path(path)), "briefs": len(labels), "ids": [b.id for b in labels] if ids else None,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "seconds": round(seconds, 1), "seconds_per_brief": round(seconds / len(labels), 2),
            "median_seconds": round(statistics.median(p.seconds for p in preds), 2),
            "model_calls_per_brief": round(sum(p.model_calls for p in preds) / len(preds), 2),
            "second_looks": sum(max(0, p.model_calls - 1) for p in preds),
            "fields": score(labels, preds), "storyboard": summarise({p.id: p.storyboard for p in preds}),
            "predictions": [asdict(p) for p in preds]}


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def to_markdown(doc: dict[str, Any]) -> str:
    lines = [f"# Brief reading — {'rules only' if doc['model'] == 'rules' else 'rules + ' + doc['model']}", "",
             (f"{doc['briefs']} labelled briefs ({doc['set']}), {doc['seconds']} s in all "
              f"({doc['seconds_per_brief']} s per brief, median {doc.get('median_seconds', '–')} s; "
              f"{doc.get('model_calls_per_brief', 0)} model calls per brief, {doc.get('second_looks', 0)} second "
              f"looks), {doc['created_at']}."), "",
             "| field | accuracy | rules matched | rules precision |", "|---|---|---|---|"]
    for f, e in doc["fields"].items():
        lines.append(f"| {f} | {_pct(e['accuracy'])} ({e['correct']}/{e['n']}) | {e['rules_matched']} | "
                     f"{_pct(e['rules_precision'])} |")
    lines += storyboard_lines(doc.get("storyboard"))
    for f, e in doc["fields"].items():
        lines += ["", f"## {f}", "", "| class | precision | recall | support |", "|---|---|---|---|"]
        for c, m in e["per_class"].items():
            lines.append(f"| {c} | {_pct(m['precision'])} | {_pct(m['recall'])} | {m['support']} |")
        if "confusion" in e:
            classes = list(e["confusion"])
            lines += ["", "Confusion (rows: expected, columns: read):", "",
                      "| expected \\ read | " + " | ".join(classes) + " |", "|---" * (len(classes) + 1) + "|"]
            for g in classes:
                lines.append(f"| {g} | " + " | ".join(str(e["confusion"][g][p]) for p in classes) + " |")
        if e["errors"]:
            lines += ["", "Misread:", ""]
            lines += [f"- `{x['id']}`: read {x['predicted']!r}, expected {x['expected']!r} ({x['source']})"
                      for x in e["errors"]]
    return "\n".join(lines) + "\n"


def write_report(doc: dict[str, Any], out_dir: str | Path = RESULTS_DIR) -> tuple[Path, Path]:
    out = Path(out_dir).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    stem = f"briefs-{doc['model'].replace('.', '_')}" + ("-subset" if doc.get("ids") else "")
    md, js = out / f"{stem}.md", out / f"{stem}.json"
    md.write_text(to_markdown(doc), encoding="utf-8")
    js.write_text(json.dumps(doc, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return md, js


def print_summary(doc: dict[str, Any], console) -> None:
    """Per field: accuracy and the rules' precision; per class: precision / recall; a confusion table per field."""
    from rich.table import Table

    t = Table(title=f"briefs: {'rules only' if doc['model'] == 'rules' else 'rules + ' + doc['model']} "
                    f"({doc['briefs']} briefs, {doc['seconds_per_brief']} s each, median {doc['median_seconds']} s, "
                    f"{doc['model_calls_per_brief']} model calls each)", title_justify="left")
    for col in ("field", "accuracy", "rules matched", "rules precision"):
        t.add_column(col)
    for f, e in doc["fields"].items():
        t.add_row(f, f"{_pct(e['accuracy'])} ({e['correct']}/{e['n']})", str(e["rules_matched"]),
                  _pct(e["rules_precision"]))
    console.print(t)
    pc = Table(title="per class", title_justify="left")
    for col in ("field", "class", "precision", "recall", "support"):
        pc.add_column(col)
    for f, e in doc["fields"].items():
        for c, m in e["per_class"].items():
            if m["support"] or m["precision"] is not None:
                pc.add_row(f, c, _pct(m["precision"]), _pct(m["recall"]), str(m["support"]))
    console.print(pc)
    for f, e in doc["fields"].items():
        if "confusion" not in e:
            continue
        classes = [c for c in e["confusion"] if any(e["confusion"][c].values()) or
                   any(e["confusion"][g][c] for g in e["confusion"])]
        c = Table(title=f"{f}: expected (rows) × read (columns)", title_justify="left")
        c.add_column("")
        for k in classes:
            c.add_column(k, justify="right")
        for g in classes:
            c.add_row(g, *(str(e["confusion"][g][p]) for p in classes))
        console.print(c)
    sb = doc.get("storyboard")
    if sb and sb.get("briefs"):
        console.print(f"storyboard: {sb['kept']} of {sb['briefs']} briefs keep every field read on every shot "
                      f"({sb['shots']} shots); gait words on empty shots {sb['gait_on_empty']}, people asked for on empty "
                      f"shots {sb.get('people_on_empty', 0)}, finals without Wan's "
                      f"negative {sb['finals_without_wan']}, lengths off {sb['length_off']}")
