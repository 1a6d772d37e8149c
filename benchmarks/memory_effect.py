"""Benchmark: does memory work? Lesson violations per 100 shots, memory on vs off, same model.

Both runs use the same embedded planner (SmolLM2-135M, temperature 0, same seed) on the same briefs
(the contest's briefs that state something a lesson is about: nobody in the room, loops, text, gait
words). A violation is a (shot, lesson) pair where the lesson's lint rule would still change the
shot or warn about it — gait words in an empty room, a missing bookend, Wan's negative replaced,
legible text asked of a video model, a loop without symmetric motion.

- off: no lessons recalled into the prompt, no lint (the model's own storyboard, brief enforced)
- on:  the real path: lessons recalled from the chromadb memory into the prompt, every shot linted

Run: .venv/bin/python benchmarks/memory_effect.py [--briefs 8] [--shots 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from agents.brief import enforce_brief, explicit_expectations  # noqa: E402
from agents.deps import Deps  # noqa: E402
from agents.models import EmbeddedServer  # noqa: E402
from agents.planner import build_planner, expand, run_planner, user_prompt  # noqa: E402
from evals.dataset import load_tasks  # noqa: E402
from memory.lessons import lint_shot  # noqa: E402
from memory.store import MemoryStore  # noqa: E402
from nightreel.config import load_settings  # noqa: E402
from nightreel.schema import Shot  # noqa: E402
from nightreel.studio import Studio  # noqa: E402


def violations(shots: list[Shot], lessons) -> int:
    n = 0
    for shot in shots:
        bare = shot.model_copy(update={"lint": [], "lessons_applied": []})
        for lesson in lessons:
            res = lint_shot(bare, [lesson])
            n += bool(res.changes or res.warnings)
    return n


async def main(n_briefs: int, n_shots: int) -> None:
    studio = Studio.open(tempfile.mkdtemp(prefix="nr-memfx-"))
    settings = load_settings(studio=studio.root, planner_temperature=0.0, planner_seed=7)
    cases = [c for c in load_tasks().cases if c.metadata.expect or "walk" in c.inputs.idea][:n_briefs]
    with MemoryStore.open(studio) as store, EmbeddedServer("smollm2", studio.cache, studio.logs, n_ctx=8192) as ep:
        lessons = store.active_lessons()
        on_deps = Deps(settings=settings, studio=studio, memory=store)
        off_deps = Deps(settings=settings, studio=studio, memory=None)
        off_shots: list[Shot] = []
        on_shots: list[Shot] = []
        t0 = time.perf_counter()
        for c in cases:
            idea, target = c.inputs.idea, c.inputs.target
            agent = build_planner(ep, n_shots, temperature=0.0, seed=7)
            res = await run_planner(agent, user_prompt(idea, n_shots, target, []), off_deps, max_requests=6)
            explicit = explicit_expectations(idea)
            for i, d in enumerate(res.output.shots):
                data = d.model_dump() | ({"target": target} if target != "auto" else {})
                off_shots.append(enforce_brief(Shot(**data, id=f"s{i}"), explicit)[0])
            sb = await expand(idea, on_deps, ep, n_shots=n_shots, target=target)
            on_shots += sb.shots
            print(f"  {c.name}: off {violations(off_shots[-n_shots:], lessons)} / on "
                  f"{violations(sb.shots, lessons)} violations", flush=True)
        v_off, v_on = violations(off_shots, lessons), violations(on_shots, lessons)
        per_off, per_on = 100 * v_off / len(off_shots), 100 * v_on / len(on_shots)
        print(f"lesson violations per 100 shots ({len(cases)} briefs x {n_shots} shots, {len(lessons)} active lessons, "
              f"{time.perf_counter() - t0:.0f} s): memory off {per_off:.0f}, memory on {per_on:.0f} -> "
              f"{'%.1fx fewer' % (per_off / per_on) if per_on else 'none left'} with memory")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--briefs", type=int, default=8)
    ap.add_argument("--shots", type=int, default=2)
    a = ap.parse_args()
    asyncio.run(main(a.briefs, a.shots))
