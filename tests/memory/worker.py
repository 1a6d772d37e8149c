"""A separate process that uses the memory, for the restart/concurrency/lock tests.

    python -m tests.memory.worker outcomes MEMORY_DIR TAG N     record N outcomes, one write each
    python -m tests.memory.worker lesson MEMORY_DIR ID [N]      add one approved lesson (and N outcomes)
    python -m tests.memory.worker hold-lock MEMORY_DIR READY    hold the write lock until killed
    python -m tests.memory.worker night MEMORY_DIR TAG N        a night's end: record N judged shots one by one
                                                               (gait words rejected), then learn
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    cmd, path = argv[0], Path(argv[1])
    if cmd == "hold-lock":
        from filelock import FileLock

        with FileLock(str(path / ".write.lock")):
            Path(argv[2]).write_text("held")
            time.sleep(600)
        return
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from memory.store import MemoryStore
    from nightreel.schema import Lesson, Outcome

    with MemoryStore.open(path, confirmations=2, seed=cmd != "night") as store:   # a night learns from nothing
        if cmd == "outcomes" or (cmd == "lesson" and len(argv) > 3):
            tag, n = (argv[2], int(argv[3])) if cmd == "outcomes" else ("other", int(argv[3]))
            for i in range(n):
                store.record_outcome(Outcome(
                    id=f"out-{tag}-{i}", shot_id=f"shot-{tag}-{i}", project=tag,
                    prompt=f"{tag} shot {i}: slow dolly across a quiet kitchen at dusk",
                    verdict="accept" if i % 3 else "reject", reasons=[] if i % 3 else ["flicker"]))
        if cmd == "night":
            from memory.learn import learn_from_outcomes
            from nightreel.schema import ShotExpectations

            tag, n = argv[2], int(argv[3])
            for i in range(n):
                bad = i % 2 == 0
                store.record_outcome(Outcome(
                    id=f"out-{tag}-{i}", shot_id=f"shot-{tag}-{i}", project=tag,
                    prompt=f"{tag} take {i}: glide down an empty corridor, " + ("footsteps echo" if bad else "dust"),
                    expectations=ShotExpectations(people="none"), verdict="reject" if bad else "accept",
                    reasons=["unexpected person"] if bad else []))
            report = learn_from_outcomes(store, run_id=tag)
            assert report.error is None, report.error
        if cmd == "lesson":
            store.add_lesson(Lesson(id=argv[2], trigger="lens flare words", effect="the frame washes out",
                                    fix="ask for a soft practical light instead", status="approved",
                                    source="added by hand"))
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1:])
