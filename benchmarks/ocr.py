"""OCR benchmark: how many labelled words the critic reads on real footage, and what reading costs per clip.

Clips: the even-half template clips of ``evals/real/ocr.yaml`` (words labelled by a person from contact sheets;
a fit: the reader's settings were chosen looking at these same clips), plus every 8th other even-half clip
(words unlabelled, mostly none), cut to H.264 MP4 at their own size (``evals.real_clips.to_mp4``, into the
real-footage eval's cache). Each labelled
clip is critiqued twice: as a shot that asks for no text (the OCR reads the frames the letter finder flags, or three sampled frames where it flags nothing legible)
and as a shot that names the labelled words (it also reads a few sampled frames). Words right = labelled words
(whitespace-separated, punctuation-only tokens dropped) whose line is read right, or that match a word read.

Time: ``ocr_seconds`` (the OCR calls; the letter finder's own time is not in it) beside the whole probe pass's
``seconds``, per clip, in this run; the ratio printed is OCR time / probe time over all clips.

With ``--labeller`` it also runs the text probe alone (decode + find + read, no people probes) on every clip of
``evals/real/labels.yaml``, whose words another person wrote as seen (garbled letters kept garbled): words right
on the clips with text, and clips without text where words were read anyway.

    .venv/bin/python benchmarks/ocr.py [--labeller] [--out benchmarks/results/ocr-DATE.txt]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]


def tokens(line: str) -> list[str]:
    from tools.ocr import normalise

    return [normalise(t) for t in line.split() if normalise(t)]


def score(labels: list[str], read: list[list[str]]) -> tuple[int, int, list[str]]:
    """(words right, words labelled, what was read) for one clip."""
    from tools.ocr import check_words

    seen = {t for lines in read for ln in lines for t in tokens(ln)}
    right = total = 0
    for c, line in zip(check_words(labels, read), labels, strict=True):
        ts = tokens(line)
        total += len(ts)
        right += len(ts) if c.status == "right" else sum(t in seen for t in ts)
    return right, total, list(dict.fromkeys(ln for lines in read for ln in lines))


def labeller_set(cache: Path, clips, say) -> None:
    """The text probe alone (decode as the critic does, then find + read) on every clip of evals/real/labels.yaml,
    labelled by the labeller (words as seen, "; "-separated), as a no-text shot and as a shot naming the words."""
    from evals.real_clips import load_labels, to_mp4
    from tools.media import Limits, decode_frames, even_indices, probe
    from tools.ocr import normalise
    from tools.probes_text import find_text

    rows = []
    for c in load_labels():
        if c["file"] not in clips:
            continue
        mp4 = to_mp4(clips[c["file"]], cache / c["file"].replace(".webp", ".mp4"))
        info = probe(mp4, root=cache)
        idxs, rgb = decode_frames(mp4, root=cache, info=info, limits=Limits())
        pick = even_indices(len(rgb), max(4, min(5, int(round(info.duration_s)))))
        args = (rgb[pick], [idxs[k] for k in pick], info.fps)
        plain = find_text(*args, scale=info.width / rgb.shape[2])
        words = [w.strip() for w in str(c.get("words") or "").split(";") if w.strip()] if c.get("text") else []
        asked = find_text(*args, scale=info.width / rgb.shape[2], expect_words=True) if words else plain
        read1 = [e.words or [] for e in plain.evidence]
        r1, n, got = score(words, read1) if words else (0, 0, [w for ws in read1 for w in ws])
        r2 = score(words, [e.words or [] for e in asked.evidence])[0] if words else 0
        rows.append(dict(text=bool(words), n=n, r1=r1, r2=r2, o1=plain.ocr_seconds, o2=asked.ocr_seconds,
                         f1=plain.ocr_frames, read=bool(got and any(len(normalise(g)) >= 2 for g in got))))
        if words or got:
            say(f"| {c['file']} | {' / '.join(words) or '(no text)'} | {' / '.join(got)[:60]} | "
                f"{f'{r1}/{n}' if words else ''} | {f'{r2}/{n}' if words else ''} |")
    t = [r for r in rows if r["text"]]
    e = [r for r in rows if not r["text"]]
    n = sum(r["n"] for r in t)
    say()
    say(f"labeller's set ({len(rows)} even-half clips, {len(t)} with words, {n} words): words right, no-text shot "
        f"{sum(r['r1'] for r in t)}/{n} = {sum(r['r1'] for r in t) / max(1, n):.2f}; shot naming the words "
        f"{sum(r['r2'] for r in t)}/{n} = {sum(r['r2'] for r in t) / max(1, n):.2f}")
    say(f"  clips labelled without text where words were read anyway: {sum(r['read'] for r in e)} of {len(e)}; "
        f"OCR called on {sum(r['f1'] > 0 for r in e)} of them")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--others", type=int, default=8, help="take every n-th unlabelled even-half clip")
    ap.add_argument("--labeller", action="store_true", help="also score the text probe on evals/real/labels.yaml")
    args = ap.parse_args()

    import structlog

    from agents.critic import critique_sync
    from evals.real_clips import DEFAULT_CACHE, is_even, template_clips, to_mp4
    from nightreel.schema import Shot, ShotExpectations

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(30))
    probes_only = type("ProbesOnly", (), {"critic_url": None})()
    labelled = yaml.safe_load((ROOT / "evals" / "real" / "ocr.yaml").read_text(encoding="utf-8"))["clips"]
    clips = template_clips()
    names = {c["file"] for c in labelled}
    others = sorted(n for n in clips if is_even(n) and n not in names)[:: args.others]
    out: list[str] = []

    def say(s: str = "") -> None:
        print(s, flush=True)
        out.append(s)

    cache = Path(DEFAULT_CACHE)       # the real-footage eval's MP4 cache (evals/critic_real.py): made once, shared
    cache.mkdir(parents=True, exist_ok=True)
    rows = []
    t_all = time.monotonic()
    say("| clip | words | no-text shot: read | right | OCR frames | OCR s | probe s | "
        "words-asked shot: right | OCR frames | OCR s |")
    say("|---|---|---|---|---|---|---|---|---|---|")
    for c in labelled:
        mp4 = to_mp4(clips[c["file"]], cache / c["file"].replace(".webp", ".mp4"))
        plain = critique_sync(mp4, ShotExpectations(), settings=probes_only, studio=cache, use_vlm=False)
        asks = Shot(title="t", duration_s=plain.probes.duration_s, target="draft",
                    positive="Words in frame: " + ", ".join(f'"{w}"' for w in c["words"]), negative="",
                    camera="", lighting="", expectations=ShotExpectations(text_in_frame=True))
        asked = critique_sync(mp4, asks, settings=probes_only, studio=cache, use_vlm=False)
        r1, n, read1 = score(c["words"], [e.words or [] for e in plain.probes.text])
        r2, _, _ = score(c["words"], [e.words or [] for e in asked.probes.text])
        p1, p2 = plain.probes, asked.probes
        rows.append(dict(n=n, r1=r1, r2=r2, o1=p1.ocr_seconds, o2=p2.ocr_seconds, s1=p1.seconds, s2=p2.seconds,
                         f1=p1.ocr_frames, f2=p2.ocr_frames, labelled=True))
        say(f"| {c['file']} | {' / '.join(c['words'])} | {' / '.join(read1)[:60]} | {r1}/{n} | {p1.ocr_frames} | "
            f"{p1.ocr_seconds:.2f} | {p1.seconds:.2f} | {r2}/{n} | {p2.ocr_frames} | {p2.ocr_seconds:.2f} |")
    for name in others:
        mp4 = to_mp4(clips[name], cache / name.replace(".webp", ".mp4"))
        v = critique_sync(mp4, ShotExpectations(), settings=probes_only, studio=cache, use_vlm=False)
        p = v.probes
        read = list(dict.fromkeys(w for e in p.text for w in e.words or []))
        rows.append(dict(o1=p.ocr_seconds, s1=p.seconds, f1=p.ocr_frames, labelled=False))
        say(f"| {name} | (unlabelled) | {' / '.join(read)[:60]} | | {p.ocr_frames} | {p.ocr_seconds:.2f} | "
            f"{p.seconds:.2f} | | | |")
    lab = [r for r in rows if r["labelled"]]
    oth = [r for r in rows if not r["labelled"]]
    n = sum(r["n"] for r in lab)
    say()
    say(f"read accuracy, no-text shots (OCR on flagged frames, or 3 sampled where none): {sum(r['r1'] for r in lab)}/{n} words "
        f"= {sum(r['r1'] for r in lab) / n:.2f} (a fit: {len(lab)} labelled even-half clips)")
    say(f"read accuracy, shots naming the words (flagged + sampled frames): {sum(r['r2'] for r in lab)}/{n} words "
        f"= {sum(r['r2'] for r in lab) / n:.2f}")
    o = np.array([r["o1"] for r in rows])
    s = np.array([r["s1"] for r in rows])
    say(f"no-text shots, {len(rows)} clips: OCR called on {sum(r['f1'] > 0 for r in rows)} "
        f"({sum(r['f1'] > 0 for r in oth)} of the {len(oth)} unlabelled); OCR s per clip median {np.median(o):.2f}, "
        f"mean {o.mean():.2f}, max {o.max():.2f}; probe s per clip median {np.median(s):.2f}")
    say(f"  OCR time / probe time, all clips: {o.sum() / s.sum():.3f}; "
        f"on the unlabelled clips: {sum(r['o1'] for r in oth) / max(1e-9, sum(r['s1'] for r in oth)):.3f}")
    o2 = np.array([r["o2"] for r in lab])
    s2 = np.array([r["s2"] for r in lab])
    say(f"shots naming the words, {len(lab)} clips: OCR s per clip median {np.median(o2):.2f}, max {o2.max():.2f};"
        f" OCR time / probe time {o2.sum() / s2.sum():.3f}")
    say(f"({time.monotonic() - t_all:.0f} s in all; cores: {os.cpu_count()}, shared with other work: "
        f"times are wall clock)")
    if args.labeller:
        say()
        say("| clip | words (labels.yaml) | read, no-text shot | right | right, naming the words |")
        say("|---|---|---|---|---|")
        labeller_set(cache, clips, say)
    if args.out:
        args.out.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
