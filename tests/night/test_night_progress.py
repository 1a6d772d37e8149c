"""The night's progress display as a person sees it in an 80-column terminal."""

from rich.console import Console

from app.commands.night import _NightView, night_progress

PROJECT = "coffee-shop-at-dawn-with-rain-on-the-windows"


def _screen(progress, console) -> list[str]:
    console.print(progress.make_tasks_table(progress.tasks))
    return console.export_text(clear=True).splitlines()


def test_at_80_columns_the_status_line_shows_the_step_and_the_shot_whatever_the_project_is_called():
    console = Console(width=80, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    progress = night_progress(console)
    view = _NightView(progress)
    view("planned", {"note": "coffee.md", "project": PROJECT, "storyboard": "sb-1", "shots": 3})
    # the payloads as app.night emits them
    view("started", {"item": "it-0b0bd4aad4ab", "shot": "shot-12", "project": PROJECT, "tier": "draft",
                     "estimate_s": 180})
    screen = _screen(progress, console)
    assert all(len(line) <= 80 for line in screen)
    assert "rendering draft shot-12" in screen[0]
    assert screen[1].startswith("coffee-shop…") and "0/3" in screen[1]   # the bar keeps its place and its count
    view("rendered", {"item": "it-0b0bd4aad4ab", "shot": "shot-12", "project": PROJECT, "tier": "draft",
                      "clip": "/x.mp4", "seconds": 170.0})
    assert "judging draft shot-12" in _screen(progress, console)[0]
    view("judged", {"item": "it-0b0bd4aad4ab", "shot": "shot-12", "project": PROJECT, "tier": "draft",
                    "verdict": "reject", "decision": "reject", "by": "agent", "tool": "decide_clip",
                    "reason": "a person walks in at 2.0 s " * 5})
    screen = _screen(progress, console)
    assert "shot-12 draft: reject" in screen[0] and "1/3" in screen[1]
    view("skipped", {"note": "a-very-long-note-name-about-the-rain-on-the-window.md",
                     "reason": "the planner did not answer in time (600 s); the note is tried again next night"})
    screen = _screen(progress, console)
    assert all(len(line) <= 80 for line in screen)
    assert "skipped a-very-long-note-name" in screen[0] and screen[0].rstrip().endswith("…")
