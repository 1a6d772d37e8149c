"""One simulated night on the seed's durations, the real scheduler vs first-in-first-out.

Both policies keep the same dawn rule (no job starts that cannot finish before dawn): the comparison is the order.

12 notes in 4 projects, 4 variants each, one ComfyUI server, 23:00 -> 07:00. Durations are the
seed article's (LTX-2 draft ~3 min, Wan 2.2 final ~25 min, 6 prompts ~90 s) with +-15 % jitter;
verdicts are decided by a hash, so both policies see the same ones. Simulated clock, no renders.

    .venv/bin/python benchmarks/night.py
"""

from datetime import datetime

from app.scheduler import simulate


def main() -> None:
    notes = [(p, 4) for p in ("coffee", "rain", "desk", "city") for _ in range(3)]
    start, dawn = datetime(2026, 3, 1, 23, 0), datetime(2026, 3, 2, 7, 0)
    runs = {pol: simulate(notes, start=start, dawn=dawn, policy=pol) for pol in ("ours", "fifo")}
    for pol, r in runs.items():
        mean = sum(r.final_scores) / max(1, len(r.final_scores))
        print(f"{pol:5s} GPU busy {r.busy_fraction:6.1%} of the window (useful), drafts {r.drafts}, "
              f"finals delivered {r.finals} in {len(r.final_projects)}/4 projects (mean draft score {mean:.2f}), "
              f"wasted {r.wasted_s / 60:.1f} min, past dawn {r.overrun_s / 60:.1f} min")
    o, f = runs["ours"], runs["fifo"]
    print(f"ratio ours/fifo: busy {o.busy_fraction / f.busy_fraction:.3f}, finals {o.finals / max(1, f.finals):.2f}, "
          f"projects with a final {len(o.final_projects)}/{len(f.final_projects)}")


if __name__ == "__main__":
    main()
