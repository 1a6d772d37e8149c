"""`nightreel chat`: the idea, follow-ups that name shots, variants, drop, save (planner scripted)."""

import json
import re

import pytest
from pydantic_ai.messages import ModelResponse, TextPart
from pydantic_ai.models.function import FunctionModel

from agents.chat import ChatSession, parse_shot_refs
from agents.deps import Deps
from agents.models import Endpoint
from nightreel.boards import load_storyboard
from nightreel.config import load_settings
from nightreel.errors import InputError


def _scripted(messages, info):
    text = str(messages[-1].parts[-1].content)
    for m in reversed(messages):  # the user prompt of this run, not a retry message
        for p in m.parts:
            if type(p).__name__ == "UserPromptPart":
                text = str(p.content)
                break
    n = int(re.search(r"exactly (?:these )?(\d+)", text).group(1))
    shots = [{"title": f"Take {i + 1}", "duration_s": 4, "target": "draft", "positive": f"Steam over a cup, take {i + 1}.",
              "negative": "blur", "camera": "slow pan", "lighting": "amber", "audio": "rain",
              "expectations": {"people": "allowed", "camera": "pan", "motion": "subtle"}} for i in range(n)]
    return ModelResponse(parts=[TextPart(json.dumps({"title": "Night coffee", "shots": shots}))])


@pytest.fixture
def session(studio):
    deps = Deps(settings=load_settings(studio=studio.root), studio=studio)
    ep = Endpoint("http://127.0.0.1:9/v1", "scripted", output_mode="json_object")
    return ChatSession(deps, ep, n_shots=3, model=FunctionModel(_scripted))


def test_shot_references():
    assert parse_shot_refs("make shot 3 a locked tripod", 6) == [3]
    assert parse_shot_refs("shots 1 and 2 should loop", 6) == [1, 2]
    assert parse_shot_refs("two more variants of shot one", 6) == [1]
    assert parse_shot_refs("all shots with nobody in them", 4) == [1, 2, 3, 4]
    assert parse_shot_refs("shot 9", 4) == []
    assert parse_shot_refs("drop the last shot", 4) == [4] and parse_shot_refs("the second shot, brighter", 4) == [2]
    assert parse_shot_refs("shot #3 loops", 4) == [3]


async def test_conversation_edits_the_right_shots_and_saves(session, tmp_path):
    r = await session.say("eight-second spot for a coffee, night atmosphere")
    assert len(session.storyboard.shots) == 3 and "Take 1" in r.text

    await session.say("make shot 3 a locked tripod")
    s3 = session.storyboard.shots[2]
    assert s3.expectations.camera == "locked" and "tripod" in s3.camera
    assert session.storyboard.shots[0].expectations.camera == "pan"  # others untouched

    r = await session.say("two more variants of shot 1")
    ids = [s.id for s in session.storyboard.shots]
    assert ids[:3] == ["shot-1", "shot-1-v1", "shot-1-v2"] and len(ids) == 5

    await session.say("drop shot 2")
    assert "shot-1-v1" not in [s.id for s in session.storyboard.shots]

    with pytest.raises(InputError, match="outside"):  # a chat line cannot write outside the studio
        await session.say(f"save {tmp_path / 'board'}")
    r = await session.say("save boards/night")
    assert r.saved_to == session.deps.studio.root / "boards" / "night" / "storyboard.json"
    saved = load_storyboard(r.saved_to)
    assert [s.id for s in saved.shots] == [s.id for s in session.storyboard.shots]
    assert saved.shots[-1].expectations.camera == "locked"


async def test_save_before_any_idea_is_not_taken_as_the_idea(session):
    r = await session.say("save")
    assert "no storyboard yet" in r.text and session.storyboard is None


async def test_follow_up_without_a_shot_is_a_clear_error(session):
    await session.say("coffee at night")
    with pytest.raises(InputError, match="say which shot"):
        await session.say("make it moodier")


async def test_a_line_that_fails_mid_conversation_keeps_the_storyboard_so_far(studio, monkeypatch, capsys):
    """A fault in one line (the server gone, a bug) ends a scripted chat with a clear error and the storyboard the
    earlier lines made written to disk — not a traceback that loses the conversation."""
    import typer

    from agents.chat import Reply
    from app.commands.storyboard import ChatFmt, _chat_loop

    deps = Deps(settings=load_settings(studio=studio.root), studio=studio)
    first = ChatSession(deps, Endpoint("http://127.0.0.1:9/v1", "scripted", output_mode="json_object"),
                        model=FunctionModel(_scripted), n_shots=2)
    await first.say("rain on a window at night, two shots")
    board = first.storyboard

    async def say(self, line):
        if "fail" in line:
            raise RuntimeError("Cannot provide a new user prompt when the message history contains unprocessed calls")
        self.deps.workspace.storyboard = board
        return Reply("Two shots of rain.", by="agent")

    monkeypatch.setattr(ChatSession, "say", say)
    with pytest.raises(typer.Exit) as ended:
        await _chat_loop(deps, Endpoint("http://127.0.0.1:9/v1", "scripted"), 2, None,
                         ["rain on a window at night, two shots", "now fail"], ChatFmt.json)
    assert ended.value.exit_code == 1
    printed = capsys.readouterr().out
    out = json.loads(printed[printed.index("\n{") + 1:] if not printed.startswith("{") else printed)   # after logs
    assert "'now fail' failed (RuntimeError" in out["error"] and out["reply"] == "Two shots of rain."
    assert len(load_storyboard(out["storyboard"]).shots) == 2          # the board the first line made is on disk
