"""`nightreel contest` on the command line, without model servers: the judge is refused before any server is
reached when it is a contestant by name or by URL, `--judge NAME=URL` is used, and the default folder is the same
for the same contest on any day, so running the command again resumes it."""

from __future__ import annotations

import json
import re
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

import app.commands.contest as contest_cmd
from app.cli import app
from evals.dataset import PlanOutput, load_tasks
from nightreel.errors import InputError


def contest(*args: str):
    return CliRunner().invoke(app, ["contest", *args])


@pytest.fixture
def models_server():
    """A stand-in for any OpenAI-compatible server's GET /v1/models (what `--judge NAME=URL` probes)."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"data": [{"id": "referee"}]}).encode()
            self.send_response(200 if self.path.rstrip("/").endswith("/models") else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_port}/v1"
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize(("label", "args", "says"), [
    ("an embedded contestant named as judge, servers in parallel",
     ["--family", "qwen", "--parallel", "--judge", "qwen0.5b"], "qwen0.5b is a contestant"),
    ("NAME=URL whose name is a contestant's",
     ["--model", "small=http://127.0.0.1:9/v1", "--judge", "small=http://127.0.0.1:8/v1"], "never a contestant"),
    ("NAME=URL on a contestant's server, written another way",
     ["--model", "small=http://127.0.0.1:9/v1", "--judge", "big=http://localhost:9"],
     "is the server of the contestant small (http://127.0.0.1:9/v1)"),
])
def test_a_judge_that_is_a_contestant_is_refused_before_any_server_starts(studio, tmp_path, monkeypatch,
                                                                          label, args, says):
    reached = []
    real = contest_cmd.remote_contestant

    def probe(name, *a, **kw):
        reached.append(name)
        return real(name, *a, **kw)
    monkeypatch.setattr(contest_cmd, "remote_contestant", probe)
    monkeypatch.setattr(contest_cmd, "embedded_contestants",
                        lambda *a, **kw: pytest.fail("an embedded server was started before the judge was checked"))
    r = contest(*args, "--limit", "1", "--no-agent", "--out", str(tmp_path / "o"))
    assert isinstance(r.exception, InputError), (label, r.output)
    assert says in str(r.exception), label
    assert reached == [], f"{label}: {reached} contacted before the refusal"
    assert not (tmp_path / "o" / "results.jsonl").exists()


def test_judge_name_url_is_probed_and_named_and_a_down_judge_is_one_clear_error(studio, tmp_path, models_server):
    r = contest("--model", "ghost=http://127.0.0.1:9/v1", "--judge", f"referee={models_server}", "--limit", "1",
                "--no-agent", "--out", str(tmp_path / "o"))
    assert r.exit_code == 0, r.output
    assert f"judge: referee at {models_server}" in r.output
    assert "ghost is down" in r.output  # the contest went on with the judge set up
    r = contest("--model", "ghost=http://127.0.0.1:9/v1", "--judge", "referee=http://127.0.0.1:8/v1", "--limit", "1",
                "--no-agent", "--out", str(tmp_path / "o2"))
    assert r.exit_code != 0 and "the judge referee: cannot reach http://127.0.0.1:8/v1" in str(r.exception)
    assert "ghost is down" not in r.output  # refused before the contestants were reached


def _folder(output: str, pattern: str) -> str:
    m = re.search(pattern, output)
    assert m, output
    return m.group(1)


def test_the_same_contest_resumes_in_the_same_folder_on_another_day(studio):
    args = ["--model", "ghost=http://127.0.0.1:9/v1", "--judge", "none", "--limit", "1", "--no-agent"]
    first = contest(*args)
    assert first.exit_code == 0, first.output
    folder = _folder(first.output, r"contest folder: (.+?) \(run the same command again")
    assert str(studio.root) in folder and date.today().isoformat() not in folder
    assert "ghost" in folder.rsplit("/", 1)[-1]
    # an earlier start finished the brief before the interruption (say, before midnight)
    case = load_tasks(limit=1).cases[0].name
    with Path(folder, "results.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"kind": "plan", "model": "ghost", "case": case,
                            "output": PlanOutput(model="ghost", error="no storyboard within the 900 s time box",
                                                 seconds=900.0).model_dump(mode="json")}) + "\n")
    again = contest(*args)
    assert again.exit_code == 0, again.output
    assert _folder(again.output, r"resuming the contest in (.+?): 1 task\(s\) already done") == folder
    assert "1 task(s) resumed from the journal" in Path(folder, "report.md").read_text(encoding="utf-8")
    other = contest(*args[:-3], "--limit", "2", "--no-agent")  # another contest: two briefs
    assert _folder(other.output, r"contest folder: (.+?) \(run the same command again") != folder


def test_the_default_folder_changes_with_what_makes_results_incomparable():
    """The same contest resumes in the same folder on any day; another time box or output mode is another contest."""
    from types import SimpleNamespace

    from pydantic import BaseModel

    from app.commands.contest import contest_key

    class Inputs(BaseModel):
        idea: str

    data = SimpleNamespace(cases=[SimpleNamespace(name="coffee", inputs=Inputs(idea="coffee at night"))])

    def key(**kw):
        return contest_key(["small", "big"], {"small": "http://a/v1", "big": "http://b/v1"}, data, [], shots=3,
                           temperature=0.0, **kw)

    base = key()
    assert key() == base == key(modes={"small": "json_schema", "big": "json_schema"}, time_box=900.0)
    assert key(time_box=300.0) != base
    assert key(modes={"small": "json_object", "big": "json_schema"}) != base
    assert base.startswith("big-small-1b0t-")
