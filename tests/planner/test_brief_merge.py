"""The brief reader's model call merged with the rules, the planner's fallback ladder and its context budget.

The models are scripted with pydantic-ai's FunctionModel: these tests are about what nightreel does with an
answer (grounded or invented, usable or garbage, a prompt too big for the context), not about a model.
"""

import json

import pytest
from pydantic_ai.messages import ModelResponse, TextPart
from pydantic_ai.models.function import AgentInfo, FunctionModel

from agents.brief import BriefExtraction, merge_readings
from agents.deps import Deps
from agents.expand import expand
from agents.models import Endpoint
from agents.planner import estimate_tokens, tokens_budget
from nightreel.config import load_settings
from nightreel.schema import Lesson
from tests.planner.brief_helpers import reading

EMBEDDED = Endpoint("http://127.0.0.1:9/v1", "scripted", output_mode="json_object", embedded=True)


@pytest.fixture
def deps(studio):
    return Deps(settings=load_settings(studio=studio.root), studio=studio)



def _draft(n, people="allowed", duration=5):
    shot = {"title": "Shot", "duration_s": duration, "target": "final", "positive": "a market at night",
            "negative": "blurry", "camera": "slow pan", "lighting": "lanterns", "audio": "",
            "expectations": {"people": people, "camera": "pan", "motion": "subtle"}}
    return {"title": "Night market", "shots": [dict(shot, title=f"Shot {i}") for i in range(n)]}


def _reader(reading: BriefExtraction, seen: list | None = None):
    def fn(messages, info: AgentInfo):
        if seen is not None:
            seen.append(messages)
        return ModelResponse(parts=[TextPart(reading.model_dump_json())])
    return FunctionModel(fn)


def _planner(answers, seen=None):
    def fn(messages, info: AgentInfo):
        if seen is not None:
            seen.append(messages)
        a = answers(messages) if callable(answers) else answers
        return ModelResponse(parts=[TextPart(a if isinstance(a, str) else json.dumps(a))])
    return FunctionModel(fn)


def test_a_grounded_claim_fills_what_the_rules_miss():
    r = merge_readings("A bustling night market under paper lanterns",
                       reading(people_words="bustling night market", people="required"))
    assert r.expectations["people"] == "required" and r.sources["people"].startswith("model:")


def test_a_camera_claim_must_quote_words_that_name_that_move():
    r = merge_readings("A museum at night, a torch beam sweeping across the paintings",
                       reading(camera_words="torch beam sweeping across the paintings", camera="locked"))
    assert "camera" not in r.expectations and any("does not name that move" in n for n in r.notes)


@pytest.mark.parametrize("brief,words,move", [
    ("Sunlight streams in through a tall window onto a wooden floor", "sunlight streams in", "dolly_in"),
    ("A kite surfer in slow motion, spray everywhere", "in slow motion", "dolly_in"),
    ("A street market, the camera in hand, lanterns swaying", "the camera in hand", "dolly_in"),
    ("A fox trots in and out of the frame across the snow", "trots in and out", "dolly_in"),
    ("An old man walks toward the sea at dawn", "walks toward the sea", "dolly_in"),
    ("Steam curls out of a teapot spout in the morning light", "steam curls out", "dolly_out"),
    ("A swimmer floats on her back in a green pool", "on her back", "dolly_out"),
])
def test_in_or_out_that_is_not_the_camera_moving_is_no_dolly(brief, words, move):
    """A bare "in", "out", "back" or "toward" quoted for a dolly names it only as the particle of a move."""
    r = merge_readings(brief, reading(camera_words=words, camera=move))
    # the rules may read another move ("the camera in hand" is handheld); the model's dolly is what must go
    assert r.expectations.get("camera") != move and any("does not name that move" in n for n in r.notes), r.notes


@pytest.mark.parametrize("brief,words,move", [
    ("A red apple on a white table. The camera moves in slowly.", "the camera moves in slowly", "dolly_in"),
    ("A lantern on a jetty; we glide forward over the water.", "we glide forward", "dolly_in"),
    ("An old station hall; the camera drifts back to the doors.", "the camera drifts back", "dolly_out"),
    ("Ein Leuchtturm im Nebel. Die Kamera fährt langsam zurück.", "die kamera fährt langsam zurück", "dolly_out"),
])
def test_a_direction_carried_by_a_move_still_names_the_dolly(brief, words, move):
    r = merge_readings(brief, reading(camera_words=words, camera=move))
    assert r.expectations.get("camera") == move, (r.expectations, r.notes)


@pytest.mark.parametrize("field,value,words,brief,says_it", [
    ("people", "required", "a kettle", "A kettle on a gas ring at dawn, steam curling up, a radio murmuring", False),
    ("people", "none", "the words", "A laptop screen in a dark room, the words 'see you soon' typed and deleted", False),
    ("text_in_frame", True, "steam curling up", "A kettle on a gas ring at dawn, steam curling up", False),
    ("people", "required", "his torch beam", "A gallery at night, his torch beam sweeping over the paintings", True),
    ("people", "required", "wet hands shape", "Close on a wheel: wet hands shape a tall vase", True),
    ("people", "none", "an empty platform", "An empty platform after the last train, fluorescent hum", True),
    ("text_in_frame", True, "a sign saying OPEN", "A rainy alley, a sign saying OPEN flickers", True),
])
def test_a_quoted_claim_counts_only_when_its_words_say_it(field, value, words, brief, says_it):
    words_field = {"people": "people_words", "text_in_frame": "text_words"}[field]
    r = merge_readings(brief, reading(**{field: value, words_field: words}))
    if says_it:  # filled, by the model or by the rules that read the same words
        assert r.expectations.get(field) == value, (r.expectations, r.notes)
    else:
        assert field not in r.expectations, r.expectations
        assert any("does not say so" in n for n in r.notes), r.notes


@pytest.mark.parametrize("brief,claim,kept", [
    ("Hands knead dough at dawn, ten seconds in all.", dict(loop_words="ten seconds in all", loopable=True), False),
    ("Surf rolls in and out and plays forever on the lobby screen.", dict(loop_words="plays forever", loopable=True),
     True),
])
def test_a_loop_claim_needs_words_that_say_loop(brief, claim, kept):
    r = merge_readings(brief, reading(**claim))
    assert (r.expectations.get("loopable") is True) == kept, (r.expectations, r.notes)


@pytest.mark.parametrize("brief,words,seconds,kept", [
    ("An empty laundromat at 3 a.m., machines spinning.", "3 a.m.", 1, False),        # a clock time
    ("Three lemons on a plate, a slow push in.", "Three lemons", 3, False),            # a count of things
    ("A spot for a bakery that lasts twenty seconds, warm light.", "lasts twenty seconds", 20, True),
])
def test_a_duration_claim_needs_a_number_with_a_unit_of_time(brief, words, seconds, kept):
    r = merge_readings(brief, reading(duration_words=words, total_duration_s=seconds))
    assert (r.total_duration_s == seconds) == kept, (r.total_duration_s, r.duration_source)


def test_articles_aside_the_quote_is_grounded():
    r = merge_readings("nobody but the night guard on his rounds",
                       reading(people_words="a night guard", people="required"))
    assert r.expectations["people"] == "required"


def test_a_claim_whose_words_are_not_in_the_brief_is_ignored():
    r = merge_readings("Rain on a tin roof", reading(people_words="a woman listens", people="required",
                                                       loop_words="seamless loop", loopable=True))
    assert "people" not in r.expectations and "loopable" not in r.expectations
    assert sum("not in the brief" in n for n in r.notes) == 2


def test_the_rules_win_a_disagreement_and_it_is_listed():
    r = merge_readings("An empty station, locked-off tripod, no pan, 10-second spot",
                       reading(people_words="station", people="required", camera_words="no pan", camera="pan",
                                duration_words="10-second spot", total_duration_s=6))
    assert r.expectations["people"] == "none" and r.expectations["camera"] == "locked"
    assert r.total_duration_s == 10
    assert {d.split(":")[0] for d in r.disagreements} == {"people", "camera", "total duration"}


async def test_expand_merges_the_reading_and_the_storyboard_says_where_rules_won(deps):
    idea = "A crowded night market, nobody in the foreground stalls... a 12-second spot"
    reader = _reader(reading(people_words="crowded night market", people="required",
                              camera_words="night market", camera="orbit"))  # a move the brief never names
    sb = await expand(idea, deps, EMBEDDED, n_shots=3, model=_planner(_draft(3)), brief_model=reader)
    assert all(s.expectations.people == "none" for s in sb.shots)  # 'nobody' is a rule: it wins
    assert any(w.startswith("brief: people: the model read 'required'") and "the rules win" in w for w in sb.warnings)
    assert all(s.expectations.camera == "pan" for s in sb.shots)  # the model's ungrounded orbit claim is dropped
    assert sum(s.duration_s for s in sb.shots) == pytest.approx(12)  # 3 × 5 s became 12 s in all
    assert any(w.startswith("duration: shots set to") for w in sb.warnings)


async def test_garbage_every_time_gives_the_rules_minimal_shots_and_says_so(deps):
    calls = []
    sb = await expand("No one on the pier at dawn, gulls, a seamless loop, 8 seconds.", deps, EMBEDDED, n_shots=2,
                      model=_planner("Sure! I'd love to help with your storyboard.", calls),
                      brief_model=_reader(reading(), []))
    assert len(sb.shots) == 2
    assert all(s.expectations.people == "none" and s.expectations.loopable for s in sb.shots)
    assert sum(s.duration_s for s in sb.shots) == pytest.approx(8)
    assert any("rules' own minimal shots" in w for w in sb.warnings)
    # embedded: no in-agent retries (each would re-send the whole conversation): 1 + 1 cooler + 2 one-shot calls
    assert len(calls) == 4


async def test_a_cooler_retry_is_the_second_rung(deps):
    temps = []

    def answers(messages):
        return "not json" if len(temps) == 1 else _draft(2)

    def fn(messages, info: AgentInfo):
        temps.append(info.model_settings.get("temperature") if info.model_settings else None)
        a = answers(messages)
        return ModelResponse(parts=[TextPart(a if isinstance(a, str) else json.dumps(a))])

    sb = await expand("a kettle on a stove", deps, EMBEDDED, n_shots=2, model=FunctionModel(fn))
    assert len(temps) == 2 and temps[1] < temps[0]
    assert any("a cooler retry" in w for w in sb.warnings) and len(sb.shots) == 2


async def test_one_shot_per_call_when_the_whole_storyboard_will_not_come(deps):
    def answers(messages):
        prompt = " ".join(str(getattr(p, "content", "")) for m in messages for p in m.parts)
        return _draft(1) if "exactly 1 shots" in prompt else '{"title": "cut off'

    sb = await expand("a kettle on a stove", deps, EMBEDDED, n_shots=3, model=_planner(answers))
    assert len(sb.shots) == 3 and {s.title for s in sb.shots} == {"Shot 0"}
    assert any("written one per call" in w for w in sb.warnings)


async def test_a_huge_lessons_list_never_makes_a_request_over_the_context(deps):
    ctx = deps.settings.embedded_ctx
    lessons = [Lesson(trigger=f"trigger number {i} " + "word " * 60, effect="e", fix="fix " + "long " * 60)
               for i in range(400)]
    seen = []
    sb = await expand("Coffee beans: roasting, grinding, brewing", deps, EMBEDDED, n_shots=6, lessons=lessons,
                      model=_planner(_draft(6), seen), past_shots="A past shot: " + "steam " * 3000)
    assert len(seen) == 1
    sent = [str(getattr(p, "content", "")) for m in seen[0] for p in m.parts]
    sent.append(json.dumps(seen[0][-1].instructions or ""))
    assert estimate_tokens(*sent) + tokens_budget(6) <= ctx
    assert any("left out" in w and "recalled lessons" in w for w in sb.warnings)


async def test_more_shots_than_the_context_holds_are_written_one_per_call(deps):
    n = 20  # 20 × 560 answer tokens > 8192: the old planner refused; now each call writes one shot
    assert tokens_budget(n) > deps.settings.embedded_ctx
    sb = await expand("a lighthouse at night", deps, EMBEDDED, n_shots=n, model=_planner(_draft(1)))
    assert len(sb.shots) == n and any("do not fit" in w and "one per call" in w for w in sb.warnings)
