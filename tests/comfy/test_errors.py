"""Bad input gives a clear error and loses nothing: real 400s, execution errors, hostile names."""

from __future__ import annotations

import os

import pytest

from nightreel.errors import ComfyError, ComfyJobFailed, ComfyRejected, ComfyUnavailable, InputError
from nightreel.ledger import Ledger
from nightreel.schema import JobState
from tests.comfy.helpers import make_shot, make_storyboard
from tools.comfy import ComfyClient, ComfyPool, OutputFile, safe_output_name
from tools.comfy.embedded import free_port

pytestmark = pytest.mark.slow


def _tiny_graph(x: int = 0) -> dict:
    return {"1": {"class_type": "EmptyImage", "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": 0}},
            "2": {"class_type": "ImageCrop", "inputs": {"image": ["1", 0], "width": 16, "height": 16, "x": x, "y": x}},
            "3": {"class_type": "ImageScale", "inputs": {"image": ["2", 0], "upscale_method": "bilinear",
                                                          "width": 0, "height": 0, "crop": "disabled"}},
            "4": {"class_type": "CreateVideo", "inputs": {"images": ["3", 0], "fps": 16.0}},
            "5": {"class_type": "SaveVideo", "inputs": {"video": ["4", 0], "filename_prefix": "nightreel/err",
                                                        "format": "mp4", "codec": "h264"}}}


async def test_unknown_node_is_rejected_by_the_real_server_naming_it(comfy_server):
    graph = _tiny_graph()
    graph["3"]["class_type"] = "NoSuchUpscaler"
    async with ComfyClient(comfy_server) as c:
        with pytest.raises(ComfyRejected) as ei:
            await c.submit(graph)
    assert "NoSuchUpscaler" in str(ei.value)


async def test_bad_input_value_names_node_input_and_reason(comfy_server):
    graph = _tiny_graph()
    graph["3"]["inputs"]["upscale_method"] = "wiggly"
    async with ComfyClient(comfy_server) as c:
        with pytest.raises(ComfyRejected) as ei:
            await c.submit(graph)
    msg = str(ei.value)
    assert "node 3 (ImageScale)" in msg and "'upscale_method'" in msg and "wiggly" in msg
    assert "3" in ei.value.node_errors


async def test_execution_error_fails_the_job_with_node_and_message(comfy_server, studio):
    # a 1x1 crop passes validation but libx264 cannot encode it: a real execution_error
    graph = _tiny_graph(x=8000)
    graph["2"]["inputs"].update(width=1, height=1)
    async with ComfyClient(comfy_server) as c:
        pid = await c.submit(graph)
        with pytest.raises(ComfyJobFailed) as ei:
            await c.wait(pid, graph)
    assert ei.value.prompt_id == pid and ei.value.node_id == "5" and "SaveVideo" in str(ei.value)


async def test_a_rejected_shot_is_failed_in_the_ledger_and_the_others_render(comfy_server, studio):
    from nightreel.config import load_settings
    from app.rendering import render_session
    from tools.comfy import render_storyboard

    bad = make_shot(2, duration_s=1.0)
    bad.start_image = "missing/start.png"  # not in the studio
    sb = make_storyboard(make_shot(1, duration_s=1.0), bad, sb_id="sb-mixed")
    async with render_session(load_settings(studio=studio.root, comfy_urls=[comfy_server]), studio) as deps:
        out = await render_storyboard(sb, "draft", deps, workflow="animatic")
    assert [c.shot_id for c in out] == ["shot-1"]
    assert [j.shot_id for j in out.unfinished] == ["shot-2"] and "does not exist" in out.unfinished[0].error


async def test_the_real_server_refuses_an_upload_too_large(comfy_server, tmp_path):
    big = tmp_path / "huge.png"
    big.write_bytes(os.urandom(33 * 1024 * 1024))  # the embedded server allows 32 MB
    async with ComfyClient(comfy_server) as c:
        with pytest.raises(InputError, match="larger than ComfyUI"):
            await c.upload_image(big)


@pytest.mark.parametrize("filename,subfolder", [
    ("../../.bashrc", ""), ("clip.mp4", "../../etc"), ("/etc/passwd", ""), ("clip.mp4", "/abs"),
    ("..\\..\\win.ini", ""), ("C:evil.mp4", ""), ("", "x"),
])
def test_hostile_history_names_are_refused(filename, subfolder):
    with pytest.raises(ComfyError, match="unsafe path"):
        safe_output_name(filename, subfolder)


async def test_hostile_history_entry_writes_nothing(comfy_server, studio):
    entry = {"outputs": {"9": {"images": [{"filename": "../../../owned.mp4", "subfolder": "", "type": "output"}]}}}
    async with ComfyClient(comfy_server) as c:
        with pytest.raises(ComfyError):
            c.outputs(entry)
        with pytest.raises(ComfyError):
            await c.download(OutputFile("../../owned.mp4", "", "output", "9"), studio.root / "x.mp4", studio.root)
    assert not any(studio.root.rglob("*owned*")) and not (studio.root.parent / "owned.mp4").exists()


async def test_nobody_listening_is_comfy_unavailable_after_bounded_retries():
    url = f"http://127.0.0.1:{free_port()}"
    async with ComfyClient(url, retries=2) as c:
        with pytest.raises(ComfyUnavailable, match=url) as e:
            await c.system_stats()
        assert "--listen" in str(e.value)            # what to check: is it running there, reachable from here
        with pytest.raises(ComfyUnavailable):
            await c.submit(_tiny_graph())


async def test_pool_with_no_server_up_leaves_the_job_planned(studio):
    from agents.deps import Deps
    from nightreel.config import load_settings
    from tools.comfy import render_storyboard

    url = f"http://127.0.0.1:{free_port()}"
    sb = make_storyboard(make_shot(1, duration_s=1.0), sb_id="sb-down")
    with Ledger.open(studio) as ledger:
        async with ComfyPool([url], retries=1) as pool:
            deps = Deps(settings=load_settings(studio=studio.root, comfy_urls=[url], comfy_timeout_s=0.5),
                        studio=studio, ledger=ledger, comfy=pool)
            out = await render_storyboard(sb, "draft", deps, workflow="animatic")
        assert not out and out.unfinished[0].state in (JobState.planned, JobState.lost)
        assert ledger.jobs()[0].attempts <= 1


async def test_a_pool_with_one_box_down_sends_every_job_to_the_box_that_is_up(comfy_server, studio):
    from agents.deps import Deps
    from nightreel.config import load_settings
    from tools.comfy import render_storyboard

    dead = f"http://127.0.0.1:{free_port()}"
    sb = make_storyboard(make_shot(1, duration_s=1.0), make_shot(2, duration_s=1.0), sb_id="sb-pool")
    with Ledger.open(studio) as ledger:
        async with ComfyPool([dead, comfy_server], retries=1) as pool:
            pool.model_free = True
            deps = Deps(settings=load_settings(studio=studio.root, comfy_urls=[dead, comfy_server]),
                        studio=studio, ledger=ledger, comfy=pool)
            out = await render_storyboard(sb, "draft", deps, workflow="animatic")
        assert len(out) == 2 and not out.unfinished
        assert {j.server for j in ledger.jobs()} == {comfy_server}


def test_comfy_status_prints_each_url_whole_in_an_80_column_terminal(tmp_path):
    """A newcomer copied the URL from `nightreel comfy status` into `doctor --comfy` and got "http://127.0.…": the
    table had cut it. A server that does not answer is said to be unreachable, and its URL is whole."""
    import os
    import subprocess
    import sys

    studio = tmp_path / "studio"
    studio.mkdir()
    url = "http://127.0.0.1:9/a-long-path-to-a-comfyui-behind-a-proxy"
    (studio / "nightreel.toml").write_text(f'comfy_urls = ["{url}"]\n')
    env = {**os.environ, "NIGHTREEL_STUDIO": str(studio), "COLUMNS": "80"}
    r = subprocess.run([sys.executable, "-m", "app.cli", "comfy", "status"], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert url in r.stdout and "unreachable" in r.stdout
