"""Benchmark: the storyboard path's overhead, and one call for N shots vs N calls.

(a) our path (pydantic-ai agent + brief enforcement + lint) vs replaying the exact same HTTP request
    (same prompt, same schema, temperature 0, same seed) straight to llama-cpp-python's server:
    overhead ratio, target <= 1.05.
(b) one constrained call for N shots vs N separate one-shot calls: prompt tokens and wall time.

Run: .venv/bin/python benchmarks/expand.py [--shots 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import httpx  # noqa: E402
import httpx2  # noqa: E402

from agents.deps import Deps  # noqa: E402
from agents.embedded_server import EmbeddedServer  # noqa: E402
from agents.expand import expand  # noqa: E402
from nightreel.config import load_settings  # noqa: E402
from nightreel.studio import Studio  # noqa: E402

IDEA = "eight-second spot for a coffee, night atmosphere, empty cafe"


async def main(n: int, reps: int) -> None:
    studio = Studio.open(tempfile.mkdtemp(prefix="nr-bench-"))
    settings = load_settings(studio=studio.root, planner_temperature=0.0, planner_seed=42)
    deps = Deps(settings=settings, studio=studio)
    with EmbeddedServer("smollm2", studio.cache, studio.logs, n_ctx=8192) as ep:
        captured: list[bytes] = []

        async def hook(req: httpx2.Request):
            if req.url.path.endswith("/chat/completions"):
                captured.append(req.content)

        http = httpx2.AsyncClient(timeout=600, event_hooks={"request": [hook]})
        await expand(IDEA, deps, ep, n_shots=n, http=http)  # warm-up (prompt cache, grammar)
        ours, raw = [], []
        for _ in range(reps):
            captured.clear()
            t0 = time.perf_counter()
            sb = await expand(IDEA, deps, ep, n_shots=n, http=http)
            ours.append(time.perf_counter() - t0)
            body = captured[-1]
            async with httpx.AsyncClient(timeout=600) as c:
                t0 = time.perf_counter()
                r = await c.post(f"{ep.base_url}/chat/completions", content=body,
                                 headers={"content-type": "application/json"})
                raw.append(time.perf_counter() - t0)
            r.raise_for_status()
            json.loads(r.json()["choices"][0]["message"]["content"])
        o, w = statistics.median(ours), statistics.median(raw)
        print(f"(a) storyboard path {o:.2f} s vs direct llama-cpp-python call {w:.2f} s "
              f"(median of {reps}, {n} shots, requests={sb.planner_requests}): overhead ratio {o / w:.3f} (target <= 1.05)")

        t0 = time.perf_counter()
        one = await expand(IDEA, deps, ep, n_shots=n, http=http)
        t_one = time.perf_counter() - t0
        t0 = time.perf_counter()
        singles = [await expand(IDEA, deps, ep, n_shots=1, http=http) for _ in range(n)]
        t_many = time.perf_counter() - t0
        p_one, p_many = one.tokens_in, sum(s.tokens_in for s in singles)
        print(f"(b) one call for {n} shots: {p_one} prompt tokens, {t_one:.1f} s; {n} one-shot calls: {p_many} prompt "
              f"tokens, {t_many:.1f} s -> prompt tokens ratio {p_many / max(p_one, 1):.2f}x, wall ratio {t_many / t_one:.2f}x")
        await http.aclose()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shots", type=int, default=3)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    asyncio.run(main(a.shots, a.reps))
