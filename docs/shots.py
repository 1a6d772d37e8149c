"""The README's pictures, made by nightreel itself: the dailies page and the studio page of a studio folder.

    .venv/bin/python docs/shots.py [--studio demo-out/studio] [--out docs/img]      (what `make docs` runs)

1. **dailies.png** — writes the studio's latest dailies page (what `nightreel dailies` writes: one self-contained
   HTML file) and photographs it in Debian's Chromium, the browser the web tests drive through Playwright;
2. **studio.png** — serves the studio page (`nightreel serve`'s app) on a free loopback port, opens the latest
   storyboard (or the home page when there is none), waits until the planner and ComfyUI say ready, and
   photographs it. This starts the embedded planner and ComfyUI, as `nightreel serve` does (a minute on 2 cores).

Run it after `make demo`: the pictures then show what the demo made. Nothing in the studio changes but the dailies
page, written again.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
for _k, _v in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("ANONYMIZED_TELEMETRY", "False"),
               ("GLOG_minloglevel", "2"), ("TF_CPP_MIN_LOG_LEVEL", "2")):
    os.environ.setdefault(_k, _v)


def shoot_dailies(browser, studio, out: Path, *, width: int, height: int) -> Path | None:
    from app.dailies import write_dailies
    from app.night_store import NightStore
    from nightreel.errors import InputError

    with NightStore.open(studio) as store:
        try:
            page_path, _ = write_dailies(studio, store)
        except InputError as e:  # no night in this studio yet
            print(f"dailies: skipped ({e})", file=sys.stderr)
            return None
    ctx = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    try:
        page = ctx.new_page()
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(1500)  # posters are data: URIs; give the layout a moment
        dest = out / "dailies.png"
        page.screenshot(path=str(dest), full_page=False)
    finally:
        ctx.close()
    print(f"dailies: {page_path} → {dest}", file=sys.stderr)
    return dest


def shoot_studio(browser, studio, out: Path, *, width: int, height: int, wait_s: float) -> Path:
    from app.web import create_app
    from app.web.board_store import BoardStore
    from nightreel.config import load_settings
    from tests.web.conftest import live_server

    settings = load_settings(studio=studio.root)
    boards = sorted(BoardStore(studio).list(), key=lambda b: b.mtime)
    path = f"/sb/{boards[-1].id}" if boards else "/"
    app = create_app(settings, studio)
    with live_server(app, timeout_s=120) as url:
        ctx = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        try:
            page = ctx.new_page()
            page.goto(url + path, wait_until="load")
            deadline = time.monotonic() + wait_s
            while time.monotonic() < deadline:
                planner = page.locator("#status-planner").inner_text(timeout=5_000)
                comfy = page.locator("#status-comfy").inner_text(timeout=5_000)
                if "ready" in planner and "ready" in comfy:
                    break
                page.wait_for_timeout(1000)
            else:
                print(f"studio: not ready after {wait_s:.0f} s ({planner}; {comfy}); photographed as it is",
                      file=sys.stderr)
            page.wait_for_timeout(1000)
            dest = out / "studio.png"
            page.screenshot(path=str(dest), full_page=False)
        finally:
            ctx.close()
    print(f"studio: {url}{path} → {dest}", file=sys.stderr)
    return dest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--studio", type=Path, default=Path(os.environ.get("NIGHTREEL_STUDIO") or ROOT / "demo-out" / "studio"),
                    help="the studio folder to photograph (default: NIGHTREEL_STUDIO, else demo-out/studio)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="where the PNGs go")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--wait", type=float, default=240.0, help="seconds to wait for the planner and ComfyUI")
    ap.add_argument("--only", choices=["dailies", "studio"], help="one picture only")
    args = ap.parse_args(argv)

    import logging

    import structlog

    from nightreel.studio import Studio
    from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    if not (args.studio / "ledger.sqlite").is_file():
        print(f"error: {args.studio} is not a studio folder with a ledger; run `make demo` first "
              "(or pass --studio DIR)", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} is missing: apt-get install -y chromium (or `make system`)", file=sys.stderr)
        return 2
    os.environ["NIGHTREEL_STUDIO"] = str(args.studio.resolve())
    studio = Studio.open(args.studio)
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            if args.only in (None, "dailies"):
                shoot_dailies(browser, studio, args.out, width=args.width, height=args.height)
            if args.only in (None, "studio"):
                shoot_studio(browser, studio, args.out, width=args.width, height=args.height, wait_s=args.wait)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
