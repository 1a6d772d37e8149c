"""`nightreel eval briefs`: the scorer and the command, rules only (fast; the model runs are in the report)."""

import json

from typer.testing import CliRunner

from app.cli import app
from evals.brief_eval import load_labelled, run_brief_eval


def _set(tmp_path, people_label):
    f = tmp_path / "briefs.yaml"
    f.write_text(f"""briefs:
  - id: a
    brief: "Nobody on the pier at dawn, locked-off."
    people: {people_label}
    camera: locked
    loopable: false
    text_in_frame: false
  - id: b
    brief: "A barista pours milk, a 6-second spot, the sign reads 'OPEN'."
    people: required
    camera: any
    loopable: false
    text_in_frame: true
    total_s: 6
""")
    return f


def test_the_scorer_counts_right_and_wrong_readings(tmp_path):
    good = run_brief_eval("rules", path=_set(tmp_path, "none"))["fields"]
    assert all(good[f]["accuracy"] == 1.0 for f in good)
    assert good["people"]["rules_precision"] == 1.0 and good["total_s"]["rules_matched"] == 1
    bad = run_brief_eval("rules", path=_set(tmp_path, "required"))["fields"]["people"]
    assert bad["accuracy"] == 0.5 and bad["rules_precision"] == 0.5
    assert bad["confusion"]["required"]["none"] == 1 and bad["errors"][0]["id"] == "a"


def test_the_command_prints_and_writes_markdown_and_json(tmp_path, studio):
    r = CliRunner().invoke(app, ["eval", "briefs", "--limit", "12", "--out", str(tmp_path / "res")])
    assert r.exit_code == 0, r.output
    assert "rules precision" in r.stdout and "expected (rows)" in r.stdout
    doc = json.loads((tmp_path / "res" / "briefs-rules.json").read_text())
    assert doc["briefs"] == 12 and set(doc["fields"]) == {"people", "camera", "loopable", "text_in_frame", "total_s"}
    assert "## people" in (tmp_path / "res" / "briefs-rules.md").read_text()


def test_the_labelled_set_is_big_and_varied():
    briefs = load_labelled()
    assert len(briefs) >= 80
    assert {b.people for b in briefs} == {"none", "allowed", "required"}
    assert sum(b.text_in_frame for b in briefs) >= 10 and sum(b.loopable for b in briefs) >= 5
    assert len({b.id.split("-")[0] for b in briefs}) >= 5  # English and four other languages


def test_bad_ids_and_limits_are_one_clear_line(studio):
    r = CliRunner().invoke(app, ["eval", "briefs", "--ids", "nope-1"])
    assert r.exit_code != 0 and "no brief nope-1" in str(r.exception)
    r = CliRunner().invoke(app, ["eval", "briefs", "--limit", "0"])
    assert r.exit_code != 0 and "at least 1" in str(r.exception)


def test_the_report_says_the_time_and_the_model_calls_per_brief(tmp_path):
    from evals.brief_eval import to_markdown

    doc = run_brief_eval("rules", path=_set(tmp_path, "none"))
    assert doc["model_calls_per_brief"] == 0 and doc["second_looks"] == 0 and doc["median_seconds"] >= 0
    assert "0.0 model calls per brief, 0 second looks" in to_markdown(doc)
