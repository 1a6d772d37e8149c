"""The footage stand-in's cost: building its index, and a 5 s shot rendered as footage vs as an animatic.

Same embedded ComfyUI, same run, same shots (distinct prompts and seeds, so ComfyUI's cache skips nothing). Prints
the index build time (the catalogue scan + MiniLM over every clip's prompt; a fresh cache folder), the median
seconds of one 5 s draft per workflow (submit to downloaded mp4 with its sidecar), and footage / animatic.

    .venv/bin/python benchmarks/footage.py [--shots 3] [--seconds 5]
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import argparse
import asyncio
import statistics
import tempfile
import time

from agents.deps import Deps
from app.rendering import footage_index, render_session
from nightreel.config import load_settings
from nightreel.schema import Brief, Shot, ShotExpectations, Storyboard
from nightreel.studio import Studio
from tools.comfy import EmbeddedComfy, render_storyboard

PROMPTS = ["a red fox trots through fresh snow between pine trees, morning light",
           "a lighthouse on a rocky island, huge waves breaking into white spray",
           "a woman with blonde hair turns her head and smiles at the camera",
           "a steaming cup of coffee on a wet counter at night, neon reflections",
           "a paper boat drifting down a flooded street at dusk"]


def storyboard(n: int, seconds: float, tag: str) -> Storyboard:
    shots = [Shot(id=f"{tag}-{i}", title=f"{tag} {i}", duration_s=seconds, target="draft",
                  positive=PROMPTS[i % len(PROMPTS)], negative="text", camera="slow dolly in", lighting="soft",
                  seed=11 + i, expectations=ShotExpectations(camera="dolly_in", people="allowed")) for i in range(n)]
    return Storyboard(id=f"sb-bench-{tag}", title=f"bench {tag}", brief=Brief(idea="bench", project="bench"),
                      shots=shots)


async def one_by_one(deps, sb: Storyboard, workflow: str) -> list[float]:
    times = []
    for shot in sb.shots:
        t0 = time.perf_counter()
        out = await render_storyboard(sb, "draft", deps, workflow=workflow, shot_ids=[shot.id])
        if out.unfinished:
            raise SystemExit(f"{workflow} {shot.id} did not finish: {out.unfinished[0].error}")
        times.append(time.perf_counter() - t0)
    return times


async def run(args) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        studio = Studio.open(tmp)
        index = footage_index(studio)
        t0 = time.perf_counter()
        cat = index.load()
        build_s = time.perf_counter() - t0
        server = EmbeddedComfy(studio, name="bench-footage")
        url = server.start()
        try:
            settings = load_settings(studio=studio.root, comfy_urls=[url])
            base = Deps(settings=settings, studio=studio, footage=index, run_id="bench-footage")
            async with render_session(settings, studio, base) as deps:
                await one_by_one(deps, storyboard(1, 1.0, "warm"), "footage")   # warm-up, not measured
                footage = await one_by_one(deps, storyboard(args.shots, args.seconds, "footage"), "footage")
                animatic = await one_by_one(deps, storyboard(args.shots, args.seconds, "animatic"), "animatic")
        finally:
            server.stop()
    f, a = statistics.median(footage), statistics.median(animatic)
    print(f"catalogue: {cat.summary()}")
    print(f"index build (scan + MiniLM over {len(cat.clips)} prompts, model load included): {build_s:.1f} s")
    print(f"{args.seconds:g} s draft, median of {args.shots}: footage {f:.2f} s, animatic {a:.2f} s, "
          f"footage / animatic = {f / a:.2f}")


def main() -> None:
    from app.cli import configure_logging

    configure_logging()   # warnings only: the figures are the output
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shots", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=5.0)
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
