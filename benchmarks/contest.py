"""Contest wall time with embedded models served in parallel vs one after another, and what each size costs.

Same briefs, same shots, greedy decoding (temperature 0), no judge: the only difference is
whether the servers share the cores at the same time (each with cores/N threads) or run one
after another (each with every core, each stopped before the next starts). Prints the ratio
measured in this run, and per model: seconds per task and the server's peak resident memory
(psutil, sampled on the server process) in each mode.

    .venv/bin/python benchmarks/contest.py [--limit 2] [--shots 1] [--models smollm2,gemma3]
    .venv/bin/python benchmarks/contest.py --models qwen0.5b,qwen1.5b   # the Qwen sizes (slow on 2 cores)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

# benchmarks/ holds scripts named like stdlib modules (queue.py): keep it off sys.path, put the repo on it
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from agents.deps import Deps  # noqa: E402
from agents.embedded_models import EMBEDDED_MODELS  # noqa: E402
from evals.contest import ContestOptions, embedded_contestants, run_contest  # noqa: E402
from evals.dataset import load_tasks  # noqa: E402
from nightreel.config import load_settings  # noqa: E402
from nightreel.studio import Studio  # noqa: E402


def one(models: list[str], parallel: bool, limit: int, shots: int, cores: int, studio: Studio):
    settings = load_settings(studio=studio.root)
    deps = Deps(settings=settings, studio=studio)
    opts = ContestOptions(n_shots=shots, temperature=0.0, parallel=parallel)
    with embedded_contestants(models, studio.cache, studio.logs, parallel=parallel, cores=cores) as cs:
        t0 = time.monotonic()
        outcome = asyncio.run(run_contest(cs, load_tasks(limit=limit), deps, opts, judge=None, scorers=[]))
        wall = time.monotonic() - t0
    ok = sum(o.ok for r in outcome.runs.values() for o in r.outputs.values())
    return wall, ok, outcome.runs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=2)
    ap.add_argument("--shots", type=int, default=1)
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--models", default="smollm2,gemma3",
                    help=f"comma-separated embedded models ({', '.join(EMBEDDED_MODELS)})")
    ap.add_argument("--studio", default=None, help="a studio folder to reuse (the Qwen GGUFs are assembled into its "
                    "cache once); default: a temporary one")
    a = ap.parse_args()
    models = [m.strip() for m in a.models.split(",") if m.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        studio = Studio.open(Path(a.studio or Path(tmp) / "studio"))
        seq, ok_seq, runs_seq = one(models, False, a.limit, a.shots, a.cores, studio)
        par, ok_par, runs_par = one(models, True, a.limit, a.shots, a.cores, studio)
    print(f"contest of {len(models)} embedded models ({', '.join(models)}) × {a.limit} briefs × {a.shots} shot(s), "
          f"{a.cores} cores: sequential {seq:.1f} s ({ok_seq} storyboards), parallel {par:.1f} s ({ok_par} storyboards)")
    print(f"parallel / sequential wall time = {par / seq:.2f} (speed-up {seq / par:.2f}×)")
    print(f"{'model':<10} {'mode':<10} {'s/task':>8} {'storyboards':>12} {'peak MB':>9}")
    for mode, runs in (("sequential", runs_seq), ("parallel", runs_par)):
        for name in models:
            r = runs[name]
            secs = f"{r.seconds_per_task:.1f}" if r.seconds_per_task else "–"
            mem = f"{r.peak_memory_mb:.0f}" if r.peak_memory_mb else "–"
            ok = sum(o.ok for o in r.outputs.values())
            print(f"{name:<10} {mode:<10} {secs:>8} {ok:>5}/{len(r.outputs):<6} {mem:>9}"
                  + (f"  ({r.notes[0]})" if r.failed else ""))


if __name__ == "__main__":
    main()
