"""The studio app served for real (uvicorn in a thread) and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def live_server(app, *, timeout_s: float = 60.0):
    """Serve `app` on a free loopback port; yields its base URL; stops it after."""
    import uvicorn

    from agents.embedded_server import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on",
                                           timeout_graceful_shutdown=3, ws="none"))
    thread = threading.Thread(target=server.run, name="nightreel-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the studio app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Playwright's sync API keeps an event loop running in the main thread
    while it is open, so it is closed after each module: async tests that run later can start their own."""
    if not Path(CHROMIUM).exists() or not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed (make system, or apt-get install -y chromium): "
                    "the browser tests must run, not be skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def shots_dir(tmp_path_factory) -> Path:
    """Screenshots of the test run (NIGHTREEL_SCREENSHOTS keeps them somewhere you can look)."""
    d = Path(os.environ.get("NIGHTREEL_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    d.mkdir(parents=True, exist_ok=True)
    return d
