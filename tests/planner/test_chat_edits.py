"""An instruction is carried out whole or the reply says which part was not (the planner scripted with FunctionModel)."""

import json
import re

import pytest
from pydantic_ai.messages import ModelResponse, TextPart, ToolCallPart
from pydantic_ai.models.function import FunctionModel

from agents.chat import ChatSession
from agents.chat_edits import beyond_settings
from agents.deps import Deps
from agents.models import Endpoint
from nightreel.config import load_settings
from tests.planner.test_chat_agent import EP, agent_script


def _planner(asked: list[str]):
    """A planner that writes what the prompt's instruction asks into the prompt (and a camera that disagrees)."""
    def fn(messages, info):
        text = next(str(p.content) for m in messages for p in m.parts if type(p).__name__ == "UserPromptPart")
        asked.append(text)
        n = int(re.search(r"exactly (?:these )?(\d+)", text).group(1))
        m = re.search(r"following this instruction: (.*)", text)
        wish = m.group(1) if m else "steam over a cup"
        shots = [{"title": f"Take {i + 1}", "duration_s": 4, "target": "draft", "positive": f"The sea. {wish}.",
                  "negative": "blur", "camera": "slow pan", "lighting": "dusk", "audio": "",
                  "expectations": {"people": "allowed", "camera": "locked", "motion": "subtle"}} for i in range(n)]
        return ModelResponse(parts=[TextPart(json.dumps({"title": "Lighthouse", "shots": shots}))])
    return FunctionModel(fn)


def _broken(messages, info):
    return ModelResponse(parts=[TextPart("not json at all")])


@pytest.fixture
def deps(studio):
    return Deps(settings=load_settings(studio=studio.root), studio=studio)


RULES_EP = Endpoint("http://127.0.0.1:9/v1", "scripted", output_mode="json_object")


def test_the_part_beyond_the_settings_is_found():
    assert beyond_settings("make shot 2 a locked tripod and make it rain") == "make it rain"
    assert beyond_settings("make shot 3 a locked tripod") == ""
    assert beyond_settings("shots 1 and 2 should loop, nobody in them") == ""
    assert beyond_settings("the first shot a slow pan, warmer light") == "warmer light"


async def test_a_setting_and_more_changes_the_setting_and_asks_the_model_for_the_rest(deps):
    asked: list[str] = []
    chat = ChatSession(deps, RULES_EP, n_shots=3, model=_planner(asked))
    await chat.say("a lighthouse keeper's evening: the lamp, the stairs, the sea")
    first = chat.storyboard.shots[0]
    asked.clear()
    r = await chat.say("shot 2: locked tripod, and make it rain")
    s2 = chat.storyboard.shots[1]
    assert asked and "make it rain" in asked[0]                            # the model was asked for the rain
    assert "rain" in s2.positive and s2.expectations.camera == "locked" and "tripod" in s2.camera
    assert chat.storyboard.shots[0] == first                               # other shots untouched
    assert "camera=locked" in r.text and "rewritten" in r.text and "Not done" not in r.text


async def test_when_the_model_cannot_do_the_rest_the_reply_says_which_part_was_not_done(deps):
    asked: list[str] = []
    chat = ChatSession(deps, RULES_EP, n_shots=2, model=_planner(asked))
    await chat.say("fog over a harbour at dawn")
    chat.model = FunctionModel(_broken)                                    # the planner now answers garbage
    r = await chat.say("shot 2: locked tripod, and make it rain")
    s2 = chat.storyboard.shots[1]
    assert s2.expectations.camera == "locked" and "tripod" in s2.camera    # the setting is carried out
    assert "rain" not in s2.positive
    assert "**Not done:** 'make it rain' was not carried out" in r.text


@pytest.mark.parametrize("line", ["shot 2: locked tripod, and make it rain",
                                  "make shot 2 a locked tripod and make it rain"])   # the person's own words
async def test_a_tool_call_that_leaves_out_the_persons_setting_still_gets_it(deps, line):
    """Qwen called revise_shot(shot=2, instruction="make it rain") for "…a locked tripod and make it rain"."""
    asked: list[str] = []
    model, _ = agent_script(
        ToolCallPart("expand_brief", {"idea": "a lighthouse keeper's evening", "shots": 2}),
        TextPart("Two shots."),
        ToolCallPart("revise_shot", {"shot": 2, "instruction": "make it rain"}),
        TextPart("Shot 2 is rainy now."),
    )
    chat = ChatSession(deps, EP, agent_model=model, model=_planner(asked))
    await chat.say("a lighthouse keeper's evening, two shots")
    await chat.say(line)
    s2 = chat.storyboard.shots[1]
    assert "rain" in s2.positive and s2.expectations.camera == "locked" and "tripod" in s2.camera
