"""Nothing lost: a server killed mid-job, our own process killed mid-job."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time

import pytest

from nightreel.config import load_settings
from nightreel.ledger import Ledger
from app.rendering import render_session
from nightreel.schema import JobState
from tests.comfy.helpers import make_shot, make_storyboard
from tools.comfy import ComfyClient, render_storyboard
from tools.comfy.embedded import EmbeddedComfy, free_port

pytestmark = pytest.mark.slow


async def _until(pred, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = pred()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def test_server_killed_mid_job_is_lost_then_resubmitted_once(studio, tmp_path_factory):
    from nightreel.studio import Studio

    server_studio = Studio.open(tmp_path_factory.mktemp("killed-server"))
    port = free_port()
    first = EmbeddedComfy(server_studio, port=port, name="victim")
    second = EmbeddedComfy(server_studio, port=port, name="victim")
    url = first.start()
    try:
        sb = make_storyboard(make_shot(1, duration_s=12.0), sb_id="sb-killed")
        settings = load_settings(studio=studio.root, comfy_urls=[url], comfy_timeout_s=45)
        async with render_session(settings, studio) as deps:
            task = asyncio.create_task(render_storyboard(sb, "draft", deps, workflow="animatic"))
            await _until(lambda: any(j.state == JobState.running for j in deps.ledger.jobs()), 120, "the job to run")
            await asyncio.to_thread(first.kill)  # SIGKILL, as a crash
            await asyncio.to_thread(second.start)  # the box comes back on the same port
            out = await asyncio.wait_for(task, 300)
            job = deps.ledger.jobs()[0]
            moves = [e["to_state"] for e in deps.ledger.events(job.id)]
        assert len(out) == 1 and out[0].frames == 12 * 16
        assert job.state == JobState.done and job.attempts == 2
        assert moves.count("lost") == 1 and moves.count("submitted") == 2
    finally:
        second.stop()
        first.stop()


_CHILD = """
import asyncio, sys
from nightreel.config import load_settings
from app.rendering import render_session
from nightreel.schema import Storyboard
from tools.comfy import ComfyClient, render_storyboard

sb = Storyboard.model_validate_json(open(sys.argv[1]).read())

async def main():
    settings = load_settings(studio=sys.argv[2], comfy_urls=[sys.argv[3]])
    async with render_session(settings) as deps:
        await render_storyboard(sb, "draft", deps, workflow="animatic")

asyncio.run(main())
"""


async def test_client_killed_then_restarted_sends_no_duplicate_prompt(comfy_server, comfy_studio, studio, tmp_path):
    sb = make_storyboard(make_shot(1, duration_s=6.0, seed=4242), sb_id="sb-client-killed")
    sb_path = tmp_path / "storyboard.json"
    sb_path.write_text(sb.model_dump_json())
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(sb_path), str(studio.root), comfy_server],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        with Ledger.open(studio) as watch:
            job = await _until(lambda: next((j for j in watch.jobs() if j.state in (JobState.submitted, JobState.running)),
                                            None), 120, "the child to submit")
        # kill it once the server has the prompt (killed between the ledger write and the POST, the
        # prompt would be unknown to the server and rightly resubmitted once, with the same prompt_id)
        async with ComfyClient(comfy_server) as probe:
            deadline = time.monotonic() + 60
            while await probe.where_is(job.prompt_id) is None:
                assert time.monotonic() < deadline, "the server never got the prompt"
                await asyncio.sleep(0.02)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    settings = load_settings(studio=studio.root, comfy_urls=[comfy_server])
    async with render_session(settings, studio) as deps:
        out = await render_storyboard(sb, "draft", deps, workflow="animatic")
        history = await deps.comfy.client(comfy_server).history()
        after = deps.ledger.get(job.id)
    assert len(out) == 1 and out[0].job_id == job.id
    assert after.state == JobState.done and after.attempts == 1
    ours = [pid for pid, h in history.items()
            if any(f"shot-1-draft-{job.prompt_id[:8]}" in str(n["inputs"].get("filename_prefix", ""))
                   for n in h["prompt"][2].values())]
    assert ours == [job.prompt_id]
    # a second run of the same prompt would have written a second file for the same prefix
    written = list((comfy_studio.root / "comfy" / "output").rglob(f"shot-1-draft-{job.prompt_id[:8]}*.mp4"))
    assert len(written) == 1
