"""The real path: the embedded llama-cpp-python server with SmolLM2-135M writes a storyboard."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape

from agents.deps import Deps
from agents.expand import expand
from nightreel.config import load_settings
from nightreel.schema import Storyboard
from prompts import WAN_NEGATIVE

ROOT = Path(__file__).resolve().parents[2]
NIGHTREEL = [sys.executable, "-m", "app.cli"]


def _run(args, env_extra=None, timeout=600):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([*NIGHTREEL, *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


async def test_embedded_model_writes_a_valid_linted_storyboard(llama_endpoint, studio):
    # a fixed sampling seed: at temperature 0.7 an unseeded first answer is a draw (CI once drew one the cooler
    # retry had to replace); seeded, the run is the same every time and the claim below is about decoding
    deps = Deps(settings=load_settings(studio=studio.root, planner_seed=7), studio=studio)
    idea = "an empty bedroom at night with an old computer, locked-off tripod, a seamless loop"
    sb = await expand(idea, deps, llama_endpoint, n_shots=2, target="final")
    assert len(sb.shots) == 2
    assert sb.planner_requests == 1, f"schema-constrained decoding must be valid on the first try: {sb.warnings}"
    Storyboard.model_validate_json(sb.model_dump_json())  # round-trips
    for s in sb.shots:
        e = s.expectations
        assert (e.people, e.camera, e.loopable) == ("none", "locked", True)
        assert s.positive.startswith("Empty room, no people visible anywhere.")
        assert s.negative.endswith(WAN_NEGATIVE)
        assert s.target == "final" and s.title and 1 <= s.duration_s <= 20
    assert sb.shots[0].seed != sb.shots[1].seed


async def test_an_answer_ends_at_the_max_tokens_the_agent_asked_for(llama_endpoint):
    """pydantic-ai names the limit `max_completion_tokens`, which llama-cpp-python's server ignores; an answer then
    ran on to the end of the context (minutes on two cores, the server busy for everyone else)."""
    from pydantic_ai import Agent

    from agents.models import make_model

    agent = Agent(make_model(llama_endpoint), model_settings={"max_tokens": 12, "temperature": 0.0})
    result = await agent.run("Write a long story, at least 500 words, about a lighthouse keeper and a storm.")
    assert 0 < result.usage.output_tokens <= 12, result.usage
    assert len(result.output.split()) <= 12, result.output


def test_cli_storyboard_writes_the_contract(llama_endpoint, studio, tmp_path):
    out = tmp_path / "out"
    r = _run(["storyboard", "eight-second spot for a coffee, night atmosphere, nobody in the cafe",
              "--shots", "2", "--format", "html", "--out", str(out), "--no-memory",
              "--planner-url", llama_endpoint.base_url, "--planner-model", llama_endpoint.model],
             {"NIGHTREEL_PLANNER_OUTPUT": "json_object"})
    assert r.returncode == 0, r.stderr
    data = json.loads((out / "storyboard.json").read_text())
    assert len(data["shots"]) == 2
    for s in data["shots"]:
        assert {"title", "duration_s", "target", "positive", "negative", "camera", "seed", "expectations"} <= s.keys()
        assert set(s["expectations"]) == {"people", "camera", "motion", "loopable", "text_in_frame"}
        assert s["expectations"]["people"] == "none"
    html = (out / "storyboard.html").read_text()
    assert html.count('<section class="shot"') == 2
    assert str(escape(data["shots"][0]["title"])) in html


def test_doctor_reports_a_healthy_planner(llama_endpoint, studio):
    r = _run(["doctor", "--planner-url", llama_endpoint.base_url, "--planner-model", llama_endpoint.model])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1-token completion" in r.stdout


def test_refused_planner_url_is_one_clear_line(studio):
    r = _run(["storyboard", "coffee at night", "--no-memory", "--planner-url", "http://127.0.0.1:9/v1"], timeout=180)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "error: cannot reach the planner" in r.stderr


def test_doctor_says_what_to_fix_when_the_planner_is_down(studio):
    r = _run(["doctor", "--planner-url", "http://127.0.0.1:9/v1"], timeout=120)
    assert r.returncode == 1
    assert "cannot reach" in r.stdout and "NIGHTREEL_PLANNER_URL" in r.stdout


@pytest.mark.parametrize("args,msg", [
    (["storyboard", "", "--no-memory"], "the idea is empty"),
    (["storyboard", "x" * 50_000, "--no-memory"], "50,000 characters"),
    (["storyboard", "coffee", "--shots", "0", "--no-memory"], "--shots must be between"),
    (["storyboard", "coffee", "--shots", "500", "--no-memory"], "--shots must be between"),
])
def test_bad_input_fails_fast_with_a_clear_message(studio, args, msg):
    r = _run(args, {"NIGHTREEL_PLANNER_URL": "http://127.0.0.1:9/v1"}, timeout=120)
    assert r.returncode == 2, r.stderr
    assert msg in r.stderr and "Traceback" not in r.stderr


def test_non_utf8_idea_bytes_are_refused(studio):
    env = {**os.environ, "NIGHTREEL_PLANNER_URL": "http://127.0.0.1:9/v1"}
    r = subprocess.run([sys.executable, "-m", "app.cli", "storyboard", b"caf\xe9 la nuit", "--no-memory"],
                       capture_output=True, timeout=120, env=env, cwd=ROOT)
    assert r.returncode == 2 and b"UTF-8" in r.stderr


def test_embedded_server_does_not_outlive_a_killed_nightreel(tmp_path):
    """kill -9 on nightreel must not leave a llama server holding 1 GB and a port."""
    import signal
    import time

    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from pathlib import Path\nfrom agents.embedded_server import EmbeddedServer\n"
            f"s = EmbeddedServer('smollm2', Path({str(tmp_path)!r}), Path({str(tmp_path)!r}))\n"
            "s.start(); print('PID', s.proc.pid, flush=True)\nimport time; time.sleep(600)\n")
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    child = None
    for line in p.stdout:
        if line.startswith("PID"):
            child = int(line.split()[1])
            break
    assert child
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    pytest.fail("the embedded llama server outlived its parent")
