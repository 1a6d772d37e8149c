"""The critic on real footage: the labelled even half of the template clips (:mod:`evals.real_clips`).

Each labelled clip (``kind: generation``) is cut to H.264 MP4 at its own size into a cache and critiqued probes-only
with the expectation a "nobody in the scene" brief gives (``people=none``), exactly as ``nightreel critique CLIP
--expect people=none`` does. Scored per clip:

- people   a person or any part of one was found (people or hands evidence) vs the label (present / none);
           false alarms are listed by the label's lookalike class, each with the frame the critic pointed at
- camera   the measured move, on clips whose label is not ``unclear``
- text     words found in frame vs the label

``--stability`` critiques every clip twice more, encoded again at a different quality and scaled by +10 % and
−10 %, and counts the clips whose people verdict changes.

    .venv/bin/nightreel eval critic --set real
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.critic_eval import CAMERAS, ClipResult, EvalReport, _pr
from evals.real_clips import DEFAULT_CACHE, LABELS, load_labels, template_clips, to_mp4

__all__ = ["run_real_eval", "real_markdown"]

STABILITY_VARIANTS = {"crf28": {"crf": 28}, "up10": {"scale": 1.1}, "down10": {"scale": 0.9}}


def _truth(label: dict) -> dict[str, Any]:
    t: dict[str, Any] = {"people": label["people"] == "present", "text": bool(label.get("text"))}
    if label.get("camera") in CAMERAS:
        t["camera"] = label["camera"]
    return t


def _predicted(verdict) -> dict[str, Any]:
    p = verdict.probes
    return {"people": bool(p.people or p.hands), "camera": p.camera, "text": bool(getattr(p, "text", None) or [])}


def _evidence_frame(mp4: Path, verdict, dest: Path) -> str | None:
    """The first frame the critic pointed at for a person, with its box drawn, as a small JPEG."""
    import av
    from PIL import Image, ImageDraw

    ev = (verdict.probes.people or verdict.probes.hands or [None])[0]
    if ev is None:
        return None
    with av.open(str(mp4)) as c:
        for k, fr in enumerate(c.decode(video=0)):
            if k >= ev.frame_start:
                img = fr.to_image()
                break
        else:
            return None
    if ev.box:
        x, y, w, h = ev.box
        ImageDraw.Draw(img).rectangle([x, y, x + w, y + h], outline=(255, 40, 40), width=3)
    img.thumbnail((480, 480), Image.Resampling.LANCZOS)
    dest.parent.mkdir(parents=True, exist_ok=True)
    img.save(dest, quality=82)
    return dest.name


def run_real_eval(cache: Path | None = None, *, labels: Path = LABELS, only: list[str] | None = None,
                  stability: bool = False, frames_dir: Path | None = None,
                  progress: Callable[[str, int, int], None] | None = None) -> EvalReport:
    """Critique every labelled real clip (probes only, people=none) and score it against its label."""
    from agents.critic import critique_sync
    from nightreel.errors import NightreelError
    from nightreel.schema import ShotExpectations

    cache = Path(cache or DEFAULT_CACHE)
    cache.mkdir(parents=True, exist_ok=True)
    catalogue = template_clips()
    rows = [c for c in load_labels(labels) if c.get("kind", "generation") == "generation"
            and (not only or c["file"] in only)]
    missing = [c["file"] for c in rows if c["file"] not in catalogue]
    rows = [c for c in rows if c["file"] in catalogue]
    settings = type("ProbesOnly", (), {"critic_url": None})()
    expect = ShotExpectations(people="none")
    results: list[ClipResult] = []
    flips: list[dict[str, Any]] = []
    for k, lab in enumerate(rows):
        name = lab["file"]
        if progress:
            progress(name, k, len(rows))
        stem = Path(name).stem
        res = ClipResult(stem, name, _truth(lab))
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            mp4 = to_mp4(catalogue[name], cache / f"{stem}.mp4")
            t0, c0 = time.perf_counter(), time.process_time()   # the critique, not the one-time encode
            v = critique_sync(mp4, expect, settings=settings, studio=cache, use_vlm=False)
            res.seconds = round(time.perf_counter() - t0, 3)
            res.cpu_seconds = round(time.process_time() - c0, 3)
            res.predicted, res.verdict, res.reasons = _predicted(v), v.verdict, v.reasons
            if frames_dir is not None and res.predicted["people"] != res.truth["people"]:
                res.predicted["frame"] = _evidence_frame(mp4, v, frames_dir / f"{stem}.jpg")
            if stability:
                seen = {"h264": res.predicted["people"]}
                for tag, kw in STABILITY_VARIANTS.items():
                    alt = to_mp4(catalogue[name], cache / f"{stem}.{tag}.mp4", **kw)
                    seen[tag] = _predicted(critique_sync(alt, expect, settings=settings, studio=cache,
                                                         use_vlm=False))["people"]
                if len(set(seen.values())) > 1:
                    flips.append({"file": name, **seen})
        except NightreelError as e:
            res.error = f"{type(e).__name__}: {e}"
        res.__dict__["label"] = lab
        results.append(res)
    return _report(results, flips if stability else None, missing)


def _report(results: list[ClipResult], flips: list[dict] | None, missing: list[str]) -> EvalReport:
    ok = [r for r in results if r.error is None]
    fields: dict[str, dict] = {}
    for f in ("people", "text"):
        fields[f] = _pr([(r.truth[f], r.predicted[f]) for r in ok])
    cam = [r for r in ok if "camera" in r.truth]
    conf = {t: {p: 0 for p in CAMERAS} for t in CAMERAS}
    for r in cam:
        conf[r.truth["camera"]][r.predicted["camera"]] += 1
    right = sum(conf[c][c] for c in CAMERAS)
    fields["camera"] = {"n": len(cam), "accuracy": round(right / len(cam), 3) if cam else None, "per_class": {}}
    secs = sorted(r.seconds for r in ok)
    seconds = {"median": secs[len(secs) // 2] if secs else 0.0, "max": max(secs, default=0.0),
               "mean_1280x704_5s": None, "cpu_median": sorted(r.cpu_seconds for r in ok)[len(ok) // 2] if ok else 0.0,
               "cpu_mean_1280x704_5s": None, "load_average_1min": round(__import__("os").getloadavg()[0], 1)}
    meta = {"when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "clips": len(results), "set": "real",
            "broken_files": 0, "mode": "coarse-to-fine", "missing_from_wheels": missing,
            "stability": None if flips is None else {"clips": len(ok), "flipped": flips},
            "cores": __import__("os").cpu_count()}
    return EvalReport(results, fields, conf, [], seconds, meta)


def _fmt(x) -> str:
    return "—" if x is None else f"{x:.2f}"


def real_markdown(rep: EvalReport, frames_rel: str = "critic-real") -> str:
    """The report a person reads: fields, misses by class with a frame each, stability, time."""
    L = ["# Critic on real footage (template clips, even half)", "",
         f"{rep.meta['clips']} labelled clips (`evals/real/labels.yaml`, kind generation), cut to H.264 MP4 at their own "
         f"size, critiqued probes-only with `people=none`; {rep.meta['when']}. These are the clips the critic was tuned "
         "on: **a fit, not a held-out figure** (the odd half is held out).", "",
         "| field | n | precision | recall | accuracy |", "|---|---|---|---|---|"]
    for f in ("people", "text"):
        m = rep.fields[f]
        L.append(f"| {f} | {m['n']} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | {_fmt(m['accuracy'])} |")
    cam = rep.fields["camera"]
    L.append(f"| camera (labelled moves) | {cam['n']} | | | {_fmt(cam['accuracy'])} |")
    ok = [r for r in rep.clips if r.error is None]
    fa = [r for r in ok if r.predicted["people"] and not r.truth["people"]]
    miss = [r for r in ok if r.truth["people"] and not r.predicted["people"]]
    by_class = Counter(cls for r in fa for cls in (r.__dict__["label"].get("lookalike") or ["(none named)"]))
    L += ["", "## People: false alarms by class", ""]
    L += [f"- {cls}: {n}" for cls, n in by_class.most_common()] or ["none"]
    for r in fa:
        lab = r.__dict__["label"]
        frame = r.predicted.get("frame")
        L.append(f"  - `{r.file}` — {lab.get('subject', '')}" + (f" — ![frame]({frames_rel}/{frame})" if frame else ""))
    L += ["", "## People: missed", ""]
    L += [f"- `{r.file}` — {r.__dict__['label'].get('subject', '')} ({', '.join(r.__dict__['label'].get('people_class') or [])})"
          for r in miss] or ["none"]
    st = rep.meta.get("stability")
    if st is not None:
        L += ["", "## Stability (encoded again at crf 28, scaled +10 % and −10 %)", "",
              f"{len(st['flipped'])} of {st['clips']} clips change their people verdict."]
        L += [f"- `{f['file']}`: " + ", ".join(f"{k} {v}" for k, v in f.items() if k != "file") for f in st["flipped"]]
    L += ["", "## Camera: confusion (rows: label, columns: measured)", "",
          "| label \\ measured | " + " | ".join(CAMERAS) + " |", "|---" * (len(CAMERAS) + 1) + "|"]
    for t in CAMERAS:
        L.append(f"| {t} | " + " | ".join(str(rep.camera_confusion[t][p]) for p in CAMERAS) + " |")
    s = rep.seconds_per_clip
    L += ["", "## Time", "", f"median {s['median']:.2f} s per clip (critique wall time, decode included), max "
          f"{s['max']:.2f} s; load average {s['load_average_1min']} at the end (meaningful only on a quiet machine)."]
    errs = [r for r in rep.clips if r.error]
    if errs:
        L += ["", "## Errors", ""] + [f"- `{r.file}`: {r.error}" for r in errs]
    if rep.meta.get("missing_from_wheels"):
        L += ["", f"Labelled but not in the installed wheels: {', '.join(rep.meta['missing_from_wheels'])}"]
    L += ["", "## Every clip", "", "| clip | label people | found | camera label / measured | text | s |", "|---|---|---|---|---|---|"]
    for r in ok:
        L.append(f"| {r.file} | {r.truth['people']} | {r.predicted['people']} | {r.truth.get('camera', '—')} / "
                 f"{r.predicted['camera']} | {r.truth['text']} / {r.predicted['text']} | {r.seconds:.2f} |")
    return "\n".join(L) + "\n"
