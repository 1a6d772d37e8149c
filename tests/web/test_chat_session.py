"""The studio page keeps one chat per storyboard, as the CLI does: the model's history, the renders the chat started
and the re-render cap carry from one message to the next and survive a server restart. The chat is scripted
(FunctionModel) and driven through StudioServices.chat, the call behind POST /api/chat; no browser needed."""

from __future__ import annotations

import asyncio
import time

import pytest
from pydantic_ai.messages import TextPart, ToolCallPart
from pydantic_ai.models.function import FunctionModel

from agents.deps import Deps
from app.web.services import StudioServices
from nightreel.config import load_settings
from nightreel.ledger import Ledger
from tests.planner.test_chat import _scripted
from tests.planner.test_chat_agent import EP, agent_script, last_tool_result


class _Pool:
    """Stands in for the ComfyUI pool: takes the render coroutine and never runs it (the job stays planned)."""

    model_free = True

    def spawn(self, coro, key=None):
        coro.close()


async def _turn(svc: StudioServices, sb_id: str | None, line: str) -> dict:
    turn = await svc.chat(sb_id, line, n_shots=2)
    deadline = time.monotonic() + 60
    while svc.turns[turn]["phase"] == "thinking":
        assert time.monotonic() < deadline, "the chat turn did not finish"
        await asyncio.sleep(0.02)
    rec = svc.turns[turn]
    assert rec["phase"] == "reply", rec
    return rec


def _services(studio, settings, ledger, agent_model) -> StudioServices:
    svc = StudioServices(settings, studio, memory=False, agent_model=agent_model, draft_model=FunctionModel(_scripted))
    svc.deps, svc.ep = Deps(settings=settings, studio=studio), EP
    svc.planner.set("ready")
    svc.render_deps = Deps(settings=settings, studio=studio, ledger=ledger, comfy=_Pool())
    return svc


@pytest.fixture
def setup(studio):
    settings = load_settings(studio=studio.root, chat_max_rerenders=2)
    ledger = Ledger.open(studio)
    yield studio, settings, ledger
    ledger.close()


async def test_one_chat_per_storyboard_across_messages_and_a_restart(setup):
    studio, settings, ledger = setup
    model, seen = agent_script(
        ToolCallPart("expand_brief", {"idea": "rain on a window at night", "shots": 2}),
        TextPart("Two shots of rain."),
        ToolCallPart("render_shot", {"shot": 1}),
        TextPart("Shot 1 is rendering."),
        ToolCallPart("rerender_shot", {"shot": 2, "change": "slower drops"}),
        TextPart("Shot 2 again."),
    )
    svc = _services(studio, settings, ledger, model)
    first = await _turn(svc, None, "rain on a window at night, two shots")
    sb_id = first["sb"]
    await _turn(svc, sb_id, "render shot 1 as a draft")
    assert "Two shots of rain." in str(seen[-1])                  # the second message's model saw the first's
    await _turn(svc, sb_id, "re-render shot 2 with slower drops")
    svc.store.close()

    # the server restarts: a new process state, the same studio
    model2, seen2 = agent_script(
        ToolCallPart("wait_for_job", {"shot": 1, "timeout_s": 1}),
        lambda msgs: [TextPart(last_tool_result(msgs))],
        ToolCallPart("rerender_shot", {"shot": 2, "change": "even slower"}),
        TextPart("Shot 2 again."),
        ToolCallPart("rerender_shot", {"shot": 2, "change": "slower still"}),
        lambda msgs: [TextPart(last_tool_result(msgs))],
    )
    svc2 = _services(studio, settings, ledger, model2)
    waited = await _turn(svc2, sb_id, "wait for shot 1")
    assert "Shot 2 again." in str(seen2[0])                       # the history came back
    assert [(s["tool"], s["ok"]) for s in waited["steps"]] == [("wait_for_job", True)]   # its render was found
    assert "still planned" in waited["text"]
    await _turn(svc2, sb_id, "re-render shot 2, even slower")
    capped = await _turn(svc2, sb_id, "re-render shot 2, slower still")
    tried = [s for s in capped["steps"] if s["tool"] == "rerender_shot"]
    assert tried and not tried[0]["ok"] and "the limit per shot" in tried[0]["result"]   # 2 in the conversation
    svc2.store.close()
