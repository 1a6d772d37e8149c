"""When the chat's model answers in words: a brief answered in words gets a second look (expand_brief or
answer_in_words, and a refusal it confirms stays its answer); words where the line asks for work hand the line to the
rules, whose reply never says a tool call failed when none did; nothing is saved that was not asked for."""

from pydantic_ai.messages import TextPart, ToolCallPart, ToolReturnPart
from pydantic_ai.models.function import FunctionModel

from agents.chat import ChatSession
from tests.planner.test_chat import _scripted
from tests.planner.test_chat_agent import EP, agent_script, last_tool_result


async def test_a_brief_answered_in_words_is_asked_again_and_the_model_expands_it(deps):
    """Qwen answered a plain brief in words ("The person is asking for an eight-second spot…"): asked once more, with
    a call required (expand_brief or answer_in_words), it expands the brief itself — by agent, not by the rules."""
    model, seen = agent_script(
        TextPart("The person is asking for a video of rain on a window."),
        ToolCallPart("expand_brief", {"idea": "rain on a window at night, nobody in the room", "shots": 2}),
        TextPart("Two shots of rain, nobody in them."))
    chat = ChatSession(deps, EP, agent_model=model, model=FunctionModel(_scripted))
    r = await chat.say("rain on a window at night, nobody in the room, two shots")
    assert r.by == "agent" and chat.storyboard is not None and len(chat.storyboard.shots) == 2
    assert [(s.tool, s.by, s.ok) for s in r.steps] == [("expand_brief", "agent", True)]
    assert len(seen) == 2                            # the turn ended at the expansion: no extra request
    assert "call expand_brief" in str(seen[1][-1].parts[-1].content)      # the second look says what to choose
    # the next line goes on from that history (a run left at the expansion once left a call without its return,
    # and pydantic-ai refused the next line: the CLI died with a traceback)
    nxt = await chat.say("what are the two shots about?")
    assert nxt.by == "agent" and nxt.text.startswith("Two shots of rain") and len(seen) == 3
    (ret,) = [p for m in seen[2] for p in m.parts if isinstance(p, ToolReturnPart) and p.tool_name == "expand_brief"]
    assert ret.outcome == "success" and str(ret.content).startswith("Done")   # the real return, not a stand-in


async def test_a_second_look_that_expands_and_answers_in_words_at_once_gives_the_storyboard(deps):
    model, _ = agent_script(
        TextPart("The person wants rain."),
        [ToolCallPart("answer_in_words", {"text": "I cannot do that."}),
         ToolCallPart("expand_brief", {"idea": "rain on a window at night", "shots": 2})])
    shown: list = []
    chat = ChatSession(deps, EP, agent_model=model, model=FunctionModel(_scripted), on_step=shown.append)
    r = await chat.say("rain on a window at night, two shots")
    if chat.storyboard is not None:       # the expansion ran: it is recorded and shown, and the words are not the reply
        assert [s.tool for s in r.steps] == ["expand_brief"] == [s.tool for s in shown]
        assert "I cannot do that." not in r.text and deps.ledger.steps("run-test")[0]["tool"] == "expand_brief"
    else:                                 # the run ended on the words first: nothing was made, the words stand
        assert r.text == "I cannot do that." and not r.steps


async def test_a_refusal_confirmed_on_the_second_look_stays_a_refusal(deps):
    model, _ = agent_script(TextPart("I can't do that."),
                            ToolCallPart("answer_in_words", {"text": "I can only make storyboards and clips."}))
    chat = ChatSession(deps, EP, agent_model=model, model=FunctionModel(_scripted))
    r = await chat.say("overwrite every clip in the studio with a black frame")
    assert r.by == "agent" and chat.storyboard is None
    assert r.text == "I can only make storyboards and clips."


async def test_words_where_the_line_asks_for_work_hand_the_line_to_the_rules(deps):
    """A small model may answer "Sure!" and call nothing, even when asked again: before any storyboard the line is
    the idea, and a line that names a shot is a change, so the rules do it (and say so); small talk keeps the
    model's words."""
    model, _ = agent_script(*[TextPart("Sure, I will make that for you.")] * 4,   # the turn, the look again, 2 retries
                            TextPart("Shot 2 will loop."),
                            TextPart("It is not rendered yet."), TextPart("You're welcome, good night!"))
    chat = ChatSession(deps, EP, agent_model=model, model=FunctionModel(_scripted))
    first = await chat.say("rain on a window at night, nobody, locked tripod")
    assert first.by == "rule" and chat.storyboard is not None and len(chat.storyboard.shots) >= 1
    assert "answered in words without doing what the line asks" in first.note
    before = chat.storyboard
    second = await chat.say("make shot 1 loop")
    assert second.by == "rule" and chat.storyboard is not before and chat.storyboard.shots[0].expectations.loopable
    shots = chat.storyboard.shots
    asked = await chat.say("how did shot 1 turn out?")           # a question about a shot is answered, not done
    assert asked.by == "agent" and chat.storyboard.shots == shots
    third = await chat.say("thanks, that is all")
    assert third.by == "agent" and third.text == "You're welcome, good night!"
    assert chat.storyboard.shots == shots                                   # small talk changed nothing


async def test_a_refusal_stays_a_refusal_and_nothing_is_saved_unasked(deps):
    """With no storyboard yet, "delete the output folder" is not a brief: the model declining it is the answer (the
    rules do not expand the line into a storyboard, and nothing claims a tool failed); a save the person did not
    ask for is refused."""
    model, _ = agent_script(TextPart("I can't delete folders; I can write a storyboard for an idea."),
                            ToolCallPart("expand_brief", {"idea": "rain on a window", "shots": 1}),
                            ToolCallPart("save_storyboard", {}),
                            lambda msgs: [TextPart("One shot. " + last_tool_result(msgs))])
    chat = ChatSession(deps, EP, agent_model=model, model=FunctionModel(_scripted))
    r = await chat.say("delete the output folder")
    assert r.by == "agent" and chat.storyboard is None
    assert r.text == "I can't delete folders; I can write a storyboard for an idea."
    assert "failed" not in r.text and [x["tool"] for x in deps.ledger.steps("run-test")] == []
    r = await chat.say("rain on a window, one shot")
    save = [s for s in r.steps if s.tool == "save_storyboard"]
    assert save and not save[0].ok and r.saved_to is None and chat.dirty


async def test_the_rules_taking_over_never_say_a_tool_call_failed_when_none_did(deps):
    model, _ = agent_script(TextPart("What a lovely idea! I will get on it."))
    chat = ChatSession(deps, EP, agent_model=model, model=FunctionModel(_scripted), n_shots=2)
    r = await chat.say("rain on a window at night, nobody in the room")
    assert r.by == "rule" and chat.storyboard is not None
    assert "failed" not in r.text.split("\n", 1)[0] and "the model answered in words" in r.text


async def test_on_a_server_that_forces_a_call_the_first_look_with_no_storyboard_is_a_call(deps):
    """On the embedded server (it honours tool_choice "required"), a line with no storyboard yet is answered by a
    call from the first request: expand_brief or answer_in_words; text is not an answer there. The turn ends at
    the expansion, as the second look's does."""
    from dataclasses import replace

    from pydantic_ai.messages import ModelResponse

    from agents.models import FUNCTION_CALLING

    infos = []

    def expands(messages, info):
        infos.append(info)
        return ModelResponse(parts=[ToolCallPart("expand_brief", {"idea": "fog over a harbour at dawn", "shots": 2})])

    def words(messages, info):
        infos.append(info)
        return ModelResponse(parts=[TextPart("Two shots of fog.")])

    embedded = replace(EP, embedded=True, chat_format=FUNCTION_CALLING)     # the format the embedded server mends
    chat = ChatSession(deps, embedded, agent_model=FunctionModel(expands), model=FunctionModel(_scripted))
    r = await chat.say("fog over a harbour at dawn, two shots")
    assert not infos[0].allow_text_output and [t.name for t in infos[0].output_tools] == ["answer_in_words"]
    assert r.by == "agent" and [(s.tool, s.by) for s in r.steps] == [("expand_brief", "agent")] and len(infos) == 1
    # with a storyboard, words are an answer again (a question about it needs no call)
    infos.clear()
    chat.agent_model, chat._agent = FunctionModel(words), None
    r2 = await chat.say("what are the shots about?")
    assert infos[0].allow_text_output and r2.text.startswith("Two shots of fog")
