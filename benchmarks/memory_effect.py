"""Benchmark: does memory make the next night better, judged by the real critic on real clips?

Two arms over the same briefs, three nights, temperature 0 and fixed seeds:

- **memory on**: the memory starts EMPTY (no seeded lessons, no outcomes); after each night learning runs over
  every outcome (``memory.learn.learn_from_outcomes``, the night's own call) and its proposals are approved
  (the morning click, simulated); the next night's shots are linted with the learned lessons;
- **memory off**: no lessons at all, nothing learned.

Every shot is rendered by the **footage stand-in** (``workflow = "footage"``: the shot's prompt retrieves a real
video-model generation from the ComfyUI template wheels, MiniLM similarity of what the prompt wants to see — its
negated phrases left out — with clips whose prompt names a person ranked lower for a shot that wants nobody, the seed
choosing among the nearest; a real ComfyUI job on the embedded server) and judged by the **real critic** (``agents.critic.critique``: the
people/camera/motion probes). No scorer knows the answer: a violation is a clip in which the critic finds a
person where the brief says nobody. The loop under test is memory -> lint -> retrieval -> critic. The
storyboard step is the RULES' expansion (``agents.expand.minimal_drafts``: the brief read by the rules, the
prompt written from it; no planner model), one prompt per brief rendered with two fixed seeds.

Each night draws new seeds (the same in both arms: fixed per night and brief, so a run repeats exactly): a night
that re-rendered night 1's shots with night 1's seeds gave learning the same outcome three times over, and a word
could reach its count from one shot (`--same-seeds` restores that). A shot identical to one already rendered in
this run (same prompt, negative, seed, duration) reuses that clip and verdict: retrieval and the critic are
deterministic.

Also reported: which prompt words the footage index links to people, from the human labels of the even-half
template clips (``evals/real/labels.yaml``: each clip's own prompt vs whether a person is visible), and whether
the seeded gait words are among them.

    nice -n 10 .venv/bin/python benchmarks/memory_effect.py [--nights 3] [--seeds 2] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [str(_HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import structlog  # noqa: E402

#: briefs that state nobody is in the scene, written for the class: rooms, streets, landscapes, objects, in
#: English and French (the rules read both). Not tuned on any clip: written before the first run.
BRIEFS: list[str] = [
    "an empty hotel corridor at night, soft carpet, nobody in it, slow dolly forward",
    "une cuisine vide au petit matin, la vapeur d'une bouilloire, personne dans la pièce",
    "a deserted city street after rain, neon reflections on the asphalt, no people",
    "une rue pavée déserte sous la neige, lampadaires allumés, sans personne",
    "a misty mountain valley at sunrise, pine forest, no one in sight, slow pan",
    "un champ de lavande au coucher du soleil, vent léger, personne dans le champ",
    "a cup of coffee on a wooden table by a rainy window, steam rising, nobody in frame",
    "une vieille horloge sur une cheminée, le balancier qui oscille, aucune personne",
    "an empty beach at dawn, waves rolling in, no people anywhere, locked tripod",
    "un salon vide éclairé par la lumière de l'après-midi, rideaux qui bougent, personne",
    "an abandoned subway platform, flickering lights, no one waiting, slow push in",
    "une forêt d'automne dans le brouillard, feuilles qui tombent, aucun promeneur, personne",
]
GAIT_WORDS = ["walking", "walk", "walks", "walked", "footsteps", "footstep", "strides", "stride", "striding", "pace",
              "pacing", "gait", "stepping", "steps", "step", "stroll", "strolling", "wander", "wandering"]


def wilson(k: int, n: int) -> tuple[float, float]:
    """95 % Wilson interval of a rate k/n, in per-100 ((0, 0) when nothing was measured)."""
    from evals.contest_outcome import wilson as interval

    lo, hi = interval(k, n)
    return (0.0, 0.0) if n == 0 else (100 * lo, 100 * hi)


def people_words(min_clips: int = 4) -> tuple[list[tuple[str, int, int, float]], int, int]:
    """Words of the template prompts and how the labelled even-half clips carrying them split on people:
    (word, clips with a person, clips, smoothed log-odds vs the rest), strongest first; and the totals."""
    from memory.learn import prompt_features
    from tools.footage import build_catalogue, installed_sources

    labels = _people_labels()
    sources, templates_dir, version = installed_sources()
    cat = build_catalogue(sources, templates_dir, version)
    rows = [(prompt_features(c.prompt), labels[c.name] == "present") for c in cat.clips if c.name in labels]
    n1 = sum(1 for _, p in rows if p)
    n0 = len(rows) - n1
    with_p, with_n = Counter(), Counter()
    for feats, p in rows:
        for f in feats:
            (with_p if p else with_n)[f] += 1
    out = []
    for f in set(with_p) | set(with_n):
        a, b = with_p[f], with_n[f]
        if a + b < min_clips or " " in f:
            continue
        lo = math.log((a + 0.5) / (n1 - a + 0.5)) - math.log((b + 0.5) / (n0 - b + 0.5))
        out.append((f, a, a + b, lo))
    out.sort(key=lambda r: (-r[3], -r[2]))
    return out, n1, len(rows)


def _people_labels() -> dict[str, str]:
    """Human people labels of the even-half generation clips (evals/real/labels.yaml), by clip file name."""
    import yaml

    doc = yaml.safe_load((_HERE.parent / "evals/real/labels.yaml").read_text())
    return {c["file"]: c["people"] for c in doc["clips"] if c.get("kind") == "generation"}


async def plan(brief: str, seeds: int, lessons) -> list:
    """The rules' storyboard for a brief: one prompt, `seeds` shots (fixed seeds), linted with `lessons`."""
    from agents.brief_rules import explicit_expectations
    from agents.expand import minimal_drafts
    from agents.planner import finish_shots, read_brief

    reading = await read_brief(brief, None)   # the rules only: no model
    drafts = minimal_drafts(brief, seeds, "draft", reading)
    shots, _ = finish_shots(brief, drafts, list(lessons), target="draft", explicit=explicit_expectations(brief))
    return shots


def night_seed(seed: int, night: int, same_seeds: bool = False) -> int:
    """The seed a shot renders with on `night` (1-based): night 1 keeps the storyboard's, later nights draw new ones."""
    return seed if same_seeds or night == 1 else (seed + 1_000_003 * (night - 1)) % 2**32


async def main(nights: int, seeds: int, out: Path | None, learn_kw: dict, same_seeds: bool = False) -> int:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(30))
    from agents.critic import critique
    from app.rendering import render_session
    from memory.embeddings import minilm_embedding_function
    from memory.features import ACCEPTED, find_features
    from memory.learn import learn_from_outcomes, reason_key
    from memory.records import outcome_from_verdict
    from memory.store import MemoryStore
    from nightreel.config import load_settings
    from nightreel.schema import Brief, Clip, Storyboard, finding_reasons
    from nightreel.studio import Studio
    from tools.comfy.runner import render_job

    t_all = time.perf_counter()
    lines: list[str] = []

    def say(s: str = "") -> None:
        print(s, flush=True)
        lines.append(s)

    studio = Studio.open(tempfile.mkdtemp(prefix="nr-memeffect-"))
    settings = load_settings(studio=studio.root, workflow="footage", comfy_urls=[])
    ef = minilm_embedding_function()
    cache: dict[tuple, tuple[str, object]] = {}
    retrieved: dict[tuple, dict] = {}   # the sidecar's `retrieved` block of each rendered shot: clip, query embedded
    per_shot: list[tuple] = []          # (night, arm, brief, shot, verdict, learned lint lines) of every shot
    rows = []
    times = {"render": 0.0, "critic": 0.0, "renders": 0, "critiques": 0}

    async def judge(deps, shot, tag: str):
        key = (shot.positive, shot.negative, shot.seed, shot.duration_s)
        if key in cache:
            return cache[key]
        sb = Storyboard(title=tag, brief=Brief(idea=tag, project="bench"), shots=[shot])
        t0 = time.perf_counter()
        res = await render_job(sb, shot, "draft", deps, None, out_dir=studio.root / "clips" / tag, workflow="footage")
        times["render"] += time.perf_counter() - t0
        times["renders"] += 1
        if not isinstance(res, Clip):
            raise SystemExit(f"render failed for {tag}: {res.error}")
        t0 = time.perf_counter()
        v = await critique(res.path, shot, settings=settings, studio=studio, use_vlm=False)
        times["critic"] += time.perf_counter() - t0
        times["critiques"] += 1
        prov = json.loads(Path(res.provenance_path).read_text()).get("retrieved") or {} if res.provenance_path else {}
        cache[key] = (res.path, v)
        retrieved[key] = prov
        return cache[key]

    def person(v) -> bool:
        return any("nobody" in r or "a person" in r.lower() for r in v.reasons) and v.verdict != "accept"

    with MemoryStore.open(studio.root / "memory-on", ef, confirmations=99, seed=False) as mem:
        assert not mem.list_lessons() and not mem.count_outcomes(), "memory-on must start empty"
        async with render_session(settings, studio) as deps:
            for night in range(1, nights + 1):
                for arm in ("off", "on"):
                    lessons = mem.active_lessons() if arm == "on" else []
                    outs, viol, verdicts, lint_changed = [], 0, Counter(), 0
                    for b, brief in enumerate(BRIEFS):
                        for s in await plan(brief, seeds, lessons):
                            s.id, s.seed = f"b{b + 1}-{s.id}", night_seed(s.seed, night, same_seeds)
                            lint_changed += any("learned trigger" in ln for ln in s.lint)
                            clip, v = await judge(deps, s, f"n{night}-{arm}-b{b + 1}-{s.id}")
                            per_shot.append((night, arm, b + 1, s, v,
                                             [ln for ln in s.lint if "learned trigger" in ln]))
                            verdicts[v.verdict] += 1
                            viol += person(v)
                            outs.append(outcome_from_verdict(s, v, project="bench", clip=clip,
                                                             params={"night": night, "arm": arm}))
                    learned = None
                    if arm == "on":
                        mem.record_outcomes(outs)
                        learned = learn_from_outcomes(mem, run_id=f"night-{night}", **learn_kw)
                        for ls in learned.new:
                            mem.approve(ls.id)   # the morning click, simulated
                    rows.append((night, arm, len(outs), viol, dict(verdicts), lint_changed, learned))
                    lo, hi = wilson(viol, len(outs))
                    say(f"night {night} memory-{arm}: {len(outs)} shots, {viol} with a person = "
                        f"{100 * viol / max(1, len(outs)):.0f} per 100 (95 % {lo:.0f}-{hi:.0f}); verdicts "
                        f"{dict(verdicts)}; shots the learned lessons changed: {lint_changed}"
                        + (f"; {learned.summary()}" if learned else ""))
                    for ln in (learned.lines() if learned else []):
                        say(f"    {ln}")
            lessons_all = mem.list_lessons()
            all_outs = mem.outcomes()
            person_reasons = Counter(reason_key(r) for o in all_outs for r in finding_reasons(o.reasons))
            # what learning came closest to: every feature of shots rejected for a person, thresholds relaxed
            near = [f for f in find_features(all_outs, min_count=2, min_accepted=1, min_log_odds=0.0, alpha=1e9,
                                             max_per_reason=50) if "person" in f.reason]

    say()
    say(f"## Memory effect on real clips — footage stand-in + real critic, rules' storyboards, "
        f"{len(BRIEFS)} briefs x {seeds} seeds a night ({'the same' if same_seeds else 'new'} seeds each night), "
        f"{nights} nights, {(time.perf_counter() - t_all) / 60:.1f} min")
    say(f"(renders: {times['renders']} ComfyUI jobs, {times['render']:.0f} s; critiques: {times['critiques']}, "
        f"{times['critic']:.0f} s; identical shots reuse their clip and verdict)")
    say()
    say("| night | arm | shots | person violations | per 100 shots (95 % CI) | verdicts | shots changed by learned lessons |")
    say("|---|---|---|---|---|---|---|")
    for night, arm, n, viol, verdicts, changed, _ in rows:
        lo, hi = wilson(viol, n)
        say(f"| {night} | memory {arm} | {n} | {viol} | {100 * viol / max(1, n):.0f} ({lo:.0f}-{hi:.0f}) | "
            f"{verdicts} | {changed} |")
    say()
    say("Lessons learned (memory-on), with their statistics:")
    for ls in lessons_all:
        say(f"- {ls.id} [{ls.status}] words {ls.words[:6]}: {ls.evidence}")
    if not lessons_all:
        say("- none")
    say(f"Rejection reasons seen by learning (memory-on outcomes): {dict(person_reasons.most_common(6))}")
    n_acc = sum(1 for o in all_outs if o.verdict in ACCEPTED)
    say(f"Learning's baseline: {n_acc} accepted of {len(all_outs)} outcomes after night {nights} (it needs >= 5 "
        "accepted shots; the memory-on arm records every night's outcomes, so an unchanged shot counts once a night)")
    if near:
        tested = near[0].tested
        say(f"Closest to a lesson (person rejections; learning needs one-sided Fisher p <= 0.01/{tested} = "
            f"{0.01 / tested:.1g} and log-odds >= 2): " + "; ".join(
                f"'{f.feature}' {f.rejected_with}/{f.rejected} rejected vs {f.accepted_with}/{f.accepted} accepted, "
                f"p={f.p_value:.2g}, log-odds {f.log_odds:.1f}" for f in sorted(near, key=lambda f: f.p_value)[:5]))
    say()
    labels = _people_labels()
    say(f"Every shot of night {nights}, both arms (query: what the footage index embedded, the prompt without what it "
        "forbids; clip: what it retrieved, 'person' when the clip's generating prompt names one; label: the human "
        "label of the clip's people, even half only — the odd half is held out; verdict and reasons: the critic's; "
        "lint: the learned lessons' changes):")
    say("| brief | seed | arm | query embedded | clip retrieved | label | verdict | reasons | learned lessons' lint |")
    say("|---|---|---|---|---|---|---|---|---|")
    for night, arm, b, s, v, learned_lines in per_shot:
        if night != nights:
            continue
        r = retrieved.get((s.positive, s.negative, s.seed, s.duration_s), {})
        clip = r.get("clip", "?") + (" (person)" if r.get("clip_describes_person") else "")
        reasons = "; ".join(dict.fromkeys(reason_key(x) for x in finding_reasons(v.reasons)))
        say(f"| {b} | {s.seed} | {arm} | {(r.get('query') or '')[:80]} | {clip} | {labels.get(r.get('clip'), '-')} | "
            f"{v.verdict} | {reasons[:100]} | {'; '.join(learned_lines)[:150] or '-'} |")
    last_on = next(r for r in rows if r[0] == nights and r[1] == "on")
    last_off = next(r for r in rows if r[0] == nights and r[1] == "off")
    # paired over the same shots: only a shot the learned lessons changed can differ between the arms
    last = {(arm, b, s.seed): (person(v), lines) for night, arm, b, s, v, lines in per_shot if night == nights}
    on_better = [k for k in last if k[0] == "on" and last[("off", *k[1:])][0] and not last[k][0]]
    off_better = [k for k in last if k[0] == "on" and last[k][0] and not last[("off", *k[1:])][0]]
    n_disc = len(on_better) + len(off_better)
    p_sign = sum(math.comb(n_disc, i) for i in range(len(on_better), n_disc + 1)) / 2 ** n_disc if n_disc else 1.0
    person_lessons = [ls.id for ls in lessons_all if "person" in ls.evidence or "people" in ls.evidence]
    say()
    say(f"Paired over night {nights}'s shots: memory on has no person where memory off has one in {len(on_better)} "
        f"shot(s), the reverse in {len(off_better)} (one-sided exact sign test p={p_sign:.2g}); the shots that gained: "
        + ("; ".join(f"brief {b} seed {sd} ({'; '.join(last[('on', b, sd)][1]) or 'no learned lint'})"
                     for _, b, sd in on_better) or "none")
        + f". Lessons learned from shots rejected for a person: {person_lessons or 'none'}.")
    if last_on[3] < last_off[3] and p_sign <= 0.05:
        say(f"Night {nights}: memory on {last_on[3]} violations vs memory off {last_off[3]} (of {last_on[2]} shots).")
    elif last_on[3] < last_off[3]:
        say(f"Night {nights}: memory on {last_on[3]} violations vs memory off {last_off[3]} (of {last_on[2]} shots) — "
            f"a difference of {last_off[3] - last_on[3]} shot(s), not beyond chance (p={p_sign:.2g}); see the pairs "
            "above for what changed them.")
    else:
        say(f"Night {nights}: memory on does NOT beat memory off ({last_on[3]} vs {last_off[3]} violations of "
            f"{last_on[2]} shots); see the lessons above for why.")
    words, n_people, n_clips = people_words()
    say()
    say(f"Prompt words the footage index links to people (human labels of {n_clips} even-half generation clips, "
        f"{n_people} with a person; words in >= 4 clips, log-odds vs the rest):")
    say("  most person-linked: " + ", ".join(f"{w} {a}/{n} ({lo:+.1f})" for w, a, n, lo in words[:15]))
    say("  least person-linked: " + ", ".join(f"{w} {a}/{n} ({lo:+.1f})" for w, a, n, lo in words[-8:]))
    gait = {w: (a, n, lo) for w, a, n, lo in words if w in GAIT_WORDS}
    top = {w for w, *_ in words[:15]}
    say("  seeded gait words among the labelled prompts: "
        + (", ".join(f"{w} {a}/{n} ({lo:+.1f})" for w, (a, n, lo) in gait.items()) or "none in >= 4 clips")
        + f"; among the 15 most person-linked: {sorted(top & set(GAIT_WORDS)) or 'none'}")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nstored: {out}")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nights", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=2, help="fixed seeds (shots) per brief")
    ap.add_argument("--min-count", type=int, default=5, help="learning: rejected shots a word must be in")
    ap.add_argument("--out", type=Path, default=None, help="store the report here (benchmarks/results/...)")
    ap.add_argument("--same-seeds", action="store_true", help="every night re-renders night 1's seeds")
    a = ap.parse_args()
    sys.exit(asyncio.run(main(a.nights, a.seeds, a.out, {"min_count": a.min_count}, a.same_seeds)))
