"""Scoring a stored contest again, offline: every answer in the journal gets today's scores, and an answer with
nothing to render is counted as no storyboard."""

from __future__ import annotations

import json

from evals.dataset import PlanOutput, load_tasks
from evals.rescore import _table, rescore, stored_answers
from evals.scorers import BriefConsistency, PromptLength, SchemaFirstTry
from nightreel.schema import ShotDraft, ShotExpectations, StoryboardDraft

TASKS = """
name: two
cases:
  - name: room
    inputs: {idea: "an empty laundromat at night, locked-off camera"}
    metadata: {expect: {people: none}}
  - name: pier
    inputs: {idea: "nobody on the pier at dawn"}
"""
PROMPT = ("Empty room, no people visible anywhere. Rows of washing machines under flickering tube lights, the camera "
          "locked off on a tripod, lint drifting in the warm air. No person ever appears in frame.")


def _answer(model: str, positive: str | None) -> PlanOutput:
    if positive is None:
        return PlanOutput(model=model, error="no storyboard within the 900 s time box")
    shot = ShotDraft(title="t", duration_s=4, target="draft", positive=positive, negative="people", camera="tripod",
                     lighting="", expectations=ShotExpectations(people="none", camera="locked"))
    return PlanOutput(model=model, ok=True, first_try=True, requests=1,
                      draft=StoryboardDraft(title="t", shots=[shot, shot]))


def test_a_stored_contest_is_scored_again_and_an_empty_storyboard_counts_as_none(tmp_path):
    tasks = tmp_path / "tasks.yaml"
    tasks.write_text(TASKS, encoding="utf-8")
    journal = tmp_path / "results.jsonl"
    recs = [{"kind": "contest"}] + [
        {"kind": "plan", "model": m, "case": c, "output": _answer(m, p).model_dump(mode="json")}
        for m, c, p in [("big", "room", PROMPT), ("big", "pier", None), ("small", "room", ""), ("small", "pier", "")]]
    journal.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")

    answers = stored_answers(journal)
    now = rescore(answers, load_tasks(tasks), [SchemaFirstTry(), BriefConsistency(), PromptLength()])

    assert now["big"]["room"] == {"schema_first_try": 1.0, "brief_consistency": 1.0, "prompt_length": 1.0}
    assert all(v == 0.0 for case in now["small"].values() for v in case.values())  # parsed, but every prompt empty
    stored = {"small": {"room": {"schema_first_try": 1.0, "brief_consistency": 1.0}}}
    table = "\n".join(_table(stored, now, answers))
    assert "| small | room | none: every shot is an empty prompt |" in table
    assert "small: composite 0.500 → 0.000 over 2 briefs (2 without a usable storyboard" in table
