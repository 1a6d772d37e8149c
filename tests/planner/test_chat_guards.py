"""The chat's guardrails read the person's line, not the model's words: which lines ask for a render, a re-render, a
cut or say yes (five languages, negations), and the reply's parts built from data — the critic's verdicts, the model's
words without raw tool-call text."""

import pytest

from agents.chat_guards import asks_to_redo, asks_to_render, asks_to_salvage, confirms


@pytest.mark.parametrize("line", [
    "render shot 1 as a draft and tell me if anyone is in it", "make clips of all shots", "Rends le plan 1",
    "lance le rendu du plan 2", "erstelle das Video für Szene 1", "crea el vídeo del plano 1", "fai il video",
    "try shot 2 again", "Entwürfe bitte"])
def test_lines_that_ask_for_a_render(line):
    assert asks_to_render(line)


@pytest.mark.parametrize("line", [
    "make shot 2 a locked tripod and make it rain", "don't render it yet", "how did shot 1 turn out?",
    "a lighthouse keeper's evening in three shots: the lamp, the stairs, the sea", "make it warmer"])
def test_lines_that_do_not_ask_for_a_render(line):
    assert not asks_to_render(line)


@pytest.mark.parametrize("line,redo,salvage", [
    ("one more take of shot 2", True, True), ("réessaie le plan 2", True, True), ("nochmals bitte", True, True),
    ("vuelve a renderizar el plano 2", True, True), ("rigenera la scena 1", True, True),
    ("trim the last second of shot 1", False, True), ("enlève la fin du plan 2", False, True),
    ("zuschneiden bitte", False, True), ("quita el final", False, True), ("togli la fine", False, True),
    ("no need to fix it", False, False), ("shot 2 looks great", False, False)])
def test_lines_that_ask_to_redo_or_cut(line, redo, salvage):
    assert (asks_to_redo(line), asks_to_salvage(line)) == (redo, salvage)


@pytest.mark.parametrize("line,yes", [("yes", True), ("go ahead", True), ("oui, vas-y", True), ("ja, bitte", True),
                                      ("sí", True), ("va bene", True), ("no thanks", False),
                                      ("yes, but first tell me what the critic said about the other shots", False)])
def test_a_short_yes_confirms(line, yes):
    assert confirms(line) is yes


def test_the_critics_verdicts_travel_as_data_whatever_the_model_wrote():
    from agents.chat_reply import verdicts_markdown, verdicts_of
    from agents.critic_tools import CritiqueResult

    critiques = [(2, CritiqueResult(shot_id="s2", verdict="accept", description="a long text", people_seen=[]))]
    [v] = verdicts_of(critiques)
    assert (v.shot, v.verdict, v.people_seen) == (2, "accept", [])
    assert v.markdown() == "**The critic on shot 2:** accept. No person is detected in any sampled frame."
    rejected = [(3, CritiqueResult(shot_id="s3", verdict="reject", people_seen=["1.5–3.0 s"],
                                   reasons=["a person is visible from 1.5 s to 3.0 s; the shot says nobody"]))]
    assert verdicts_markdown(verdicts_of(rejected)) == ("**The critic on shot 3:** reject — a person is visible from "
                                                        "1.5 s to 3.0 s; the shot says nobody. A person is detected at "
                                                        "1.5–3.0 s.")
    assert verdicts_of([]) == []                                              # no critique this turn: nothing
    again = [*rejected, (3, CritiqueResult(shot_id="s3", verdict="accept", people_seen=[]))]
    assert [v.verdict for v in verdicts_of(again)] == ["accept"]               # the last look at shot 3 is the one
    broken = [(1, CritiqueResult(shot_id="s1", verdict="reject", error="the clip is 0 bytes"))]
    assert "could not look at the clip (the clip is 0 bytes)" in verdicts_of(broken)[0].markdown()


def test_the_reply_never_shows_raw_tool_call_text_or_escaped_json():
    from agents.chat_reply import clean_words

    said = ('The draft is rendering.\nfunctions.wait_for_job: {&quot;shot&quot;: 1, &quot;tier&quot;: &quot;draft&quot;}'
            '\n{"shot": 1}\nI&#39;ll tell you what the critic finds.')
    assert clean_words(said) == "The draft is rendering.\n\nI'll tell you what the critic finds."
    assert clean_words("Rock & roll: 3 < 4") == "Rock & roll: 3 < 4"
    # the turn's own framing echoed back is not an answer (Qwen on the studio page: "The person says: render shot 1.")
    assert clean_words("The person says: render shot 1.") == ""
    assert clean_words("Done.\nThe person says: render shot 1.") == "Done."
    assert clean_words("What the person says matters.") == "What the person says matters."


def test_the_steps_in_a_reply_leave_out_the_tools_hints_to_the_model():
    """The three-line chat's reply listed "Rendering shot 1 as a draft (job …). Next: wait_for_job(shot=1)." — a hint
    the tool gives the model, not something the person should read or do."""
    from agents.chat_steps import Step, steps_summary

    steps = [Step("render_shot", {"shot": 1}, "Rendering shot 1 as a draft (job job-4737, planned). "
                  "Next: wait_for_job(shot=1).", True),
             Step("wait_for_job", {"shot": 1}, "Shot 1 draft is rendered: a.mp4. Next: critique_clip(shot=1).", True)]
    text = steps_summary(steps)
    assert "Next:" not in text and "wait_for_job(shot=1)" not in text
    assert all("Next:" not in s.result and "Next:" not in s.as_dict()["result"] for s in steps)   # the CLI and page too
    assert "- render_shot: Rendering shot 1 as a draft (job job-4737, planned)." in text
    assert "- wait_for_job: Shot 1 draft is rendered: a.mp4." in text
