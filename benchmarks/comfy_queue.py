"""Queue throughput: 30 model-free jobs through our pool vs ComfyUI's own submit-then-wait loop.

Same embedded ComfyUI, same run. The naive loop is the pattern of ComfyUI's
``script_examples/websockets_api_example.py`` (urllib POST /prompt, websocket-client recv until
``executing`` with ``node: null``, then GET /history) — the GPU idles while the client fetches the
result and submits the next job. Our pool keeps the server's queue one job deep.

Prints jobs/minute for each, their ratio, and the median idle gap between one job's end and the
next one's start (from the server's own execution timestamps). Target: pool idle gap under 50 ms.

    .venv/bin/python benchmarks/queue.py [--jobs 30] [--seconds 1.0]
"""

from __future__ import annotations

import os
import sys

# (named comfy_queue.py, not queue.py as issue 3 wrote: a benchmarks/queue.py shadowed the stdlib `queue`
# for every script in this folder)
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(_HERE))

import argparse
import asyncio
import json
import statistics
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import websocket  # websocket-client, as the ComfyUI example uses

from nightreel.schema import Shot, ShotExpectations
from nightreel.studio import Studio
from tools.comfy import ComfyClient, ComfyPool, EmbeddedComfy, animatic_graph, prepare_panel


def make_jobs(n: int, seconds: float, studio: Studio, url: str, tag: str) -> list[dict]:
    """n distinct animatic graphs (distinct panels, so ComfyUI's cache cannot skip any)."""
    graphs = []
    client_loop = asyncio.new_event_loop()

    async def upload_all():
        async with ComfyClient(url) as c:
            for i in range(n):
                shot = Shot(id=f"bench-{tag}-{i}", title=f"Bench {i}", duration_s=seconds, target="draft",
                            positive=f"benchmark card {i}", negative="", camera="pan", lighting="flat", seed=i,
                            expectations=ShotExpectations(camera="pan"))
                panel = prepare_panel(shot, studio.cache / f"{shot.id}.png")
                name = await c.upload_image(panel, name=panel.name)
                graphs.append(animatic_graph(shot, name, filename_prefix=f"bench/{tag}/{i}"))

    client_loop.run_until_complete(upload_all())
    client_loop.close()
    return graphs


def naive_loop(url: str, graphs: list[dict]) -> list[str]:
    """ComfyUI's websockets_api_example.py pattern: submit, wait on the socket, fetch history, repeat."""
    host = url.split("://", 1)[1]
    client_id = str(uuid.uuid4())
    ws = websocket.WebSocket()
    ws.connect(f"ws://{host}/ws?clientId={client_id}")
    ids = []
    for graph in graphs:
        data = json.dumps({"prompt": graph, "client_id": client_id}).encode()
        req = urllib.request.Request(f"{url}/prompt", data=data, headers={"Content-Type": "application/json"})
        prompt_id = json.loads(urllib.request.urlopen(req).read())["prompt_id"]
        while True:
            out = ws.recv()
            if isinstance(out, str):
                msg = json.loads(out)
                if msg["type"] == "executing" and msg["data"]["node"] is None and msg["data"]["prompt_id"] == prompt_id:
                    break
        with urllib.request.urlopen(f"{url}/history/{prompt_id}") as r:
            json.loads(r.read())
        ids.append(prompt_id)
    ws.close()
    return ids


async def pool_run(url: str, graphs: list[dict]) -> list[str]:
    async with ComfyPool([url], depth=2) as pool:
        async def one(graph: dict) -> str:
            async with pool.slot() as client:
                pid = await client.submit(graph)
                await client.wait(pid, graph)
                return pid
        return list(await asyncio.gather(*(one(g) for g in graphs)))


def timeline(url: str, ids: list[str]) -> list[tuple[float, float]]:
    spans = []
    for pid in ids:
        with urllib.request.urlopen(f"{url}/history/{pid}") as r:
            entry = json.loads(r.read())[pid]
        ts = {name: data["timestamp"] for name, data in entry["status"]["messages"]}
        spans.append((ts["execution_start"], ts["execution_success"]))
    return sorted(spans)


def gaps_ms(spans: list[tuple[float, float]]) -> list[float]:
    return [max(0.0, b[0] - a[1]) for a, b in zip(spans, spans[1:])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=1.0, help="animatic length per job")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        studio = Studio.open(tmp)
        server = EmbeddedComfy(studio, name="bench")
        url = server.start()
        try:
            naive_graphs = make_jobs(args.jobs, args.seconds, studio, url, "naive")
            pool_graphs = make_jobs(args.jobs, args.seconds, studio, url, "pool")
            naive_loop(url, make_jobs(2, args.seconds, studio, url, "warm"))  # warm-up, not measured

            t0 = time.perf_counter()
            naive_ids = naive_loop(url, naive_graphs)
            naive_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            pool_ids = asyncio.run(pool_run(url, pool_graphs))
            pool_s = time.perf_counter() - t0

            naive_gap = statistics.median(gaps_ms(timeline(url, naive_ids)))
            pool_gap = statistics.median(gaps_ms(timeline(url, pool_ids)))
        finally:
            server.stop()
    naive_rate, pool_rate = 60 * args.jobs / naive_s, 60 * args.jobs / pool_s
    print(f"naive submit-then-wait: {naive_rate:.1f} jobs/min, median idle gap {naive_gap:.1f} ms")
    print(f"nightreel pool (depth 2): {pool_rate:.1f} jobs/min, median idle gap {pool_gap:.1f} ms")
    print(f"ratio pool/naive jobs per minute: {pool_rate / naive_rate:.2f}x "
          f"(idle gap target < 50 ms: {'met' if pool_gap < 50 else 'NOT met'})")


if __name__ == "__main__":
    main()
