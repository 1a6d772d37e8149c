"""Memory recall latency at 10 000 (or 100 000) outcomes, against the same store empty.

    .venv/bin/python benchmarks/memory.py [--outcomes 10000] [--queries 200] [--fast-fill]
    nice -n 10 .venv/bin/python benchmarks/memory.py --outcomes 100000 --fast-fill   # issue 15: p95 < 100 ms

``--fast-fill`` embeds a pool of 2 000 distinct prompts once and stores the N outcomes with those
embeddings plus a little noise (written through chromadb directly, with the same documents and
metadata ``record_outcomes`` writes): filling 100 000 rows then takes a minute instead of an hour of
MiniLM on a busy 2-core box. Only the filling is shortened; every timed query is the real path
(embedding the query with MiniLM, the HNSW search, reading and deduplicating the rows).
Also timed: ``recall_past_shots`` (what the planner's tool and expansion prompt use) with a
500-token budget.

Builds a real store (chromadb + the packaged MiniLM) in a temporary studio, times
`recall()` (what the planner calls before writing prompts, once per brief and once per shot)
and `similar_outcomes()` (a vector search over the outcomes themselves) on an empty memory,
then records N outcomes and times both again. Prints p50/p95 for each and the ratio
recall p95 at N outcomes / recall p95 empty: memory that grows every night must not slow
the planner down.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# run as a script, this folder comes first on sys.path: its memory.py would shadow the memory package
# (and a benchmarks/queue.py the stdlib queue). Put the repository root there instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [str(_HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import structlog

from memory.embeddings import minilm_embedding_function
from memory.recall import recall_past_shots
from memory.records import outcome_meta
from memory.store import MemoryStore
from nightreel.schema import Outcome, ShotExpectations
from nightreel.studio import Studio

ROOMS = ["bedroom", "kitchen", "attic", "garage", "studio", "library", "diner", "greenhouse", "hallway", "office"]
THINGS = ["curtain", "monitor", "lamp", "window", "desk", "plant", "clock", "poster", "kettle", "bookshelf",
          "rain", "neon sign", "dust", "candle", "record player", "cat", "mirror", "fan", "steam", "snow"]
MOVES = ["slow dolly in", "locked tripod", "gentle pan left", "Steadicam glide", "slow orbit", "handheld drift",
         "first-person walk", "crane down", "push in on", "rack focus to"]
LIGHT = ["golden afternoon light", "blue moonlight", "neon glow", "candlelight", "overcast daylight", "sunset"]
REASONS = ["unexpected person", "flicker", "camera moved", "frozen frames", "garbled text", "loop seam"]


def prompt(rng: random.Random) -> str:
    return (f"{rng.choice(MOVES)} through a {rng.choice(ROOMS)}, {rng.choice(THINGS)} and {rng.choice(THINGS)}, "
            f"{rng.choice(LIGHT)}, {rng.choice(THINGS)} in the background, cinematic, 24 fps")


def outcome(rng: random.Random, i: int) -> Outcome:
    verdict = rng.choice(["accept", "accept", "reject", "rerender", "salvage"])
    return Outcome(shot_id=f"shot-{i}", project=f"p{i % 17}", prompt=prompt(rng), target=rng.choice(["draft", "final"]),
                   expectations=ShotExpectations(people=rng.choice(["none", "allowed"])), verdict=verdict,
                   reasons=[rng.choice(REASONS)] if verdict in ("reject", "rerender") else [])


def timed(fn, queries: list[str]) -> list[float]:
    out = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outcomes", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--fast-fill", action="store_true", help="embed 2 000 prompts once and reuse them, noised")
    args = ap.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(30))
    rng = random.Random(0)
    queries = [prompt(rng) for _ in range(args.queries)]
    ef = minilm_embedding_function()
    ef(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        empty_store = MemoryStore.open(Studio.open(Path(tmp) / "empty"), ef, confirmations=3)
        store = MemoryStore.open(Studio.open(Path(tmp) / "full"), ef, confirmations=3)
        t0 = time.perf_counter()
        batch = 500
        pool = None
        if args.fast_fill:
            import numpy as np

            pool_prompts = [prompt(rng) for _ in range(2000)]
            pool = (pool_prompts, np.asarray(ef(pool_prompts), dtype=np.float32), np.random.default_rng(0))
        for start in range(0, args.outcomes, batch):
            outs = [outcome(rng, i) for i in range(start, min(start + batch, args.outcomes))]
            if pool is None:
                store.record_outcomes(outs)
            else:
                prompts_, vecs, nrng = pool
                pick = nrng.integers(0, len(prompts_), len(outs))
                outs = [o.model_copy(update={"prompt": prompts_[k]}) for o, k in zip(outs, pick)]
                emb = vecs[pick] + nrng.normal(0, 0.02, (len(outs), vecs.shape[1])).astype(np.float32)
                emb /= np.linalg.norm(emb, axis=1, keepdims=True)
                store._outcomes.upsert(ids=[o.id for o in outs], documents=[o.prompt for o in outs],
                                       embeddings=emb.tolist(), metadatas=[outcome_meta(o) for o in outs])
            print(f"\r  recorded {min(start + batch, args.outcomes)}/{args.outcomes} outcomes "
                  f"({time.perf_counter() - t0:.0f} s)", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        fill_s = time.perf_counter() - t0
        n = store.count_outcomes()

        def recall(st):
            return lambda q: st.recall(q, target="final", expectations={"people": "none"}, limit=5)

        for st in (empty_store, store):  # warm both
            recall(st)(queries[0])
            st.similar_outcomes(queries[0])
        # interleaved, so a busy machine slows both sides alike
        recall_past_shots(store, queries[0], max_tokens=500)
        empty, full, sim, embed, past = [], [], [], [], []
        for q in queries:
            empty += timed(recall(empty_store), [q])
            full += timed(recall(store), [q])
            sim += timed(lambda x: store.similar_outcomes(x, limit=5), [q])
            embed += timed(lambda x: ef([x]), [q])
            past += timed(lambda x: recall_past_shots(store, x, max_tokens=500, exclude=x), [q])
        print_times(n, fill_s, args, empty, full, sim, embed, past)
        t0 = time.perf_counter()
        n_read = len(store.outcomes())
        read_all_s = time.perf_counter() - t0
        store.close()
        empty_store.close()
    print(f"  reading all {n_read} outcomes (learning's input): {read_all_s:.2f} s")


def print_times(n, fill_s, args, empty, full, sim, embed, past) -> None:

    how = "fast fill: 2 000 embedded prompts reused with noise" if args.fast_fill else "embeddings included"
    print(f"memory benchmark: {n} outcomes recorded in {fill_s:.1f} s ({n / fill_s:.0f}/s, {how}); "
          f"{args.queries} queries, interleaved")
    print(f"  recall, empty memory        p50 {pct(empty, 50):6.1f} ms   p95 {pct(empty, 95):6.1f} ms")
    print(f"  recall, {n:>6} outcomes      p50 {pct(full, 50):6.1f} ms   p95 {pct(full, 95):6.1f} ms")
    print(f"  similar_outcomes, {n:>6}     p50 {pct(sim, 50):6.1f} ms   p95 {pct(sim, 95):6.1f} ms")
    print(f"  recall_past_shots, {n:>6}    p50 {pct(past, 50):6.1f} ms   p95 {pct(past, 95):6.1f} ms "
          f"(500-token block, 20 candidates; goal p95 < 100 ms: {'met' if pct(past, 95) < 100 else 'NOT met'})")
    print(f"  of which embedding the query p50 {pct(embed, 50):6.1f} ms   p95 {pct(embed, 95):6.1f} ms")
    print(f"ratio recall p95 at {n} outcomes / empty: {pct(full, 95) / pct(empty, 95):.2f}x "
          f"(p50 {pct(full, 50) / pct(empty, 50):.2f}x)")

if __name__ == "__main__":
    main()
