"""Contest wall time with the two embedded models served in parallel vs one after another.

Same briefs, same shots, greedy decoding (temperature 0), no judge: the only difference is
whether the two servers share the cores at the same time (each with cores/2 threads) or run
one after another (each with every core). Prints one ratio measured in this run.

    .venv/bin/python benchmarks/contest.py [--limit 2] [--shots 1]
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
from agents.models import EMBEDDED_MODELS  # noqa: E402
from evals.contest import ContestOptions, embedded_contestants, run_contest  # noqa: E402
from evals.dataset import load_tasks  # noqa: E402
from nightreel.config import load_settings  # noqa: E402
from nightreel.studio import Studio  # noqa: E402


def one(parallel: bool, limit: int, shots: int, cores: int, studio: Studio) -> tuple[float, int]:
    settings = load_settings(studio=studio.root)
    deps = Deps(settings=settings, studio=studio)
    opts = ContestOptions(n_shots=shots, temperature=0.0, parallel=parallel)
    with embedded_contestants(list(EMBEDDED_MODELS), studio.cache, studio.logs, parallel=parallel, cores=cores) as cs:
        t0 = time.monotonic()
        outcome = asyncio.run(run_contest(cs, load_tasks(limit=limit), deps, opts, judge=None, scorers=[]))
        wall = time.monotonic() - t0
    ok = sum(o.ok for r in outcome.runs.values() for o in r.outputs.values())
    return wall, ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=2)
    ap.add_argument("--shots", type=int, default=1)
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        studio = Studio.open(Path(tmp) / "studio")
        seq, ok_seq = one(False, a.limit, a.shots, a.cores, studio)
        par, ok_par = one(True, a.limit, a.shots, a.cores, studio)
    print(f"contest of {len(EMBEDDED_MODELS)} embedded models × {a.limit} briefs × {a.shots} shot(s), {a.cores} cores: "
          f"sequential {seq:.1f} s ({ok_seq} storyboards), parallel {par:.1f} s ({ok_par} storyboards)")
    print(f"parallel / sequential wall time = {par / seq:.2f} (speed-up {seq / par:.2f}×)")


if __name__ == "__main__":
    main()
