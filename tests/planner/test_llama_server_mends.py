"""The embedded server's mended tool-call handler (agents/llama_server.py), on its control flow: the stock
``chatml_function_calling`` is replaced by a scripted one here, so the test does not depend on a small model
choosing to answer with a bare tool name. The real server with real Qwen: tests/planner/test_chat_real.py."""

from __future__ import annotations

import pytest

pytest.importorskip("llama_cpp")

TOOLS = [{"type": "function", "function": {"name": "render_shot", "parameters": {
    "type": "object", "properties": {"shot": {"type": "integer"}}, "required": ["shot"]}}}]


def _answer(content=None, calls=None):
    return {"choices": [{"index": 0, "finish_reason": "tool_calls" if calls else "stop",
                         "message": {"role": "assistant", "content": content, "tool_calls": calls}}]}


@pytest.fixture
def scripted(monkeypatch):
    """The stock handler, scripted: answers in turn from `replies`, each call's tool_choice and cap recorded."""
    import llama_cpp.llama_chat_format as fmt

    asked: list[dict] = []
    replies: list[dict] = []

    def handler(*, llama, max_tokens=None, tools=None, tool_choice=None, **kw):
        asked.append({"tool_choice": tool_choice, "max_tokens": max_tokens, "llama": llama})
        return replies.pop(0)

    monkeypatch.setattr(fmt, "chatml_function_calling", handler)
    return asked, replies


def test_an_answer_that_is_a_bare_tool_name_is_asked_again_as_that_tools_call(scripted):
    from agents.llama_server import bounded_function_calling

    asked, replies = scripted
    call = [{"id": "call_1", "type": "function", "function": {"name": "render_shot", "arguments": '{"shot": 2}'}}]
    replies += [_answer("functions.render_shot:"), _answer(calls=call)]
    resp = bounded_function_calling(llama=object(), max_tokens=200, tools=TOOLS, tool_choice="auto",
                                    messages=[{"role": "user", "content": "render shot 2"}])
    assert resp["choices"][0]["message"]["tool_calls"] == call        # the person gets the render, not the name
    assert asked[1]["tool_choice"] == {"type": "function", "function": {"name": "render_shot"}}
    assert asked[1]["max_tokens"] == 200


def test_words_then_a_tool_name_on_its_own_line_are_that_tools_call(scripted):
    """Qwen 1.5B echoed the brief, then wrote the call as text: 'A 12-second loop… three shots.\n\nfunctions.
    expand_brief:\n{"idea": …}' — a call the stock handler returned as words (and the reply showed raw)."""
    from agents.llama_server import bounded_function_calling

    asked, replies = scripted
    call = [{"id": "call_1", "type": "function", "function": {"name": "render_shot", "arguments": '{"shot": 1}'}}]
    replies += [_answer('Render the first shot.\n\nfunctions.render_shot:\n{"shot": 1}'), _answer(calls=call)]
    resp = bounded_function_calling(llama=object(), max_tokens=200, tools=TOOLS, tool_choice="auto", messages=[])
    assert resp["choices"][0]["message"]["tool_calls"] == call
    assert asked[1]["tool_choice"] == {"type": "function", "function": {"name": "render_shot"}}
    replies.append(_answer("I could call functions.render_shot: later, if you like."))   # a mention mid-sentence
    said = bounded_function_calling(llama=object(), max_tokens=200, tools=TOOLS, tool_choice="auto", messages=[])
    assert said["choices"][0]["message"]["content"].startswith("I could call") and len(asked) == 3


def test_words_naming_no_offered_tool_stay_words(scripted):
    from agents.llama_server import bounded_function_calling

    asked, replies = scripted
    replies.append(_answer("functions.delete_everything: now"))
    resp = bounded_function_calling(llama=object(), max_tokens=50, tools=TOOLS, tool_choice="auto", messages=[])
    assert resp["choices"][0]["message"]["content"] == "functions.delete_everything: now"
    assert len(asked) == 1                                      # no second request for a tool it was never offered


def test_every_completion_the_handler_makes_is_capped(scripted):
    """The handler's own completions go through the cap: one asked with max_tokens=None gets the request's."""
    from agents.llama_server import NAME_FLOOR, _Capped

    seen = []

    class Llama:
        def create_completion(self, *a, max_tokens=None, **kw):
            seen.append((max_tokens, kw.get("grammar")))
            return {}

    capped = _Capped(Llama(), 40)
    capped.create_completion(prompt="x", max_tokens=None, grammar="g")
    capped.create_completion(prompt="x", max_tokens=5000, grammar="g")
    capped.create_completion(prompt="x", max_tokens=3, stop=[":"], grammar="g")       # naming the tool: floored
    capped.create_completion(prompt="<|im_start|>assistant\nmessage:\n", max_tokens=10, grammar="after-call")
    assert seen == [(40, "g"), (40, "g"), (NAME_FLOOR, "g"), (10, None)]


def test_a_required_call_is_the_handlers_auto_without_the_words_choice(scripted):
    """The stock handler asserts tool_choice is "auto" (or named, or none); "required" becomes "auto" whose choosing
    step (the completion that stops at ':') may name a tool and may not say "message"."""
    from agents.llama_server import bounded_function_calling

    asked, replies = scripted
    replies.append(_answer("I'd rather talk."))        # what a handler given the words choice might still say
    got: list = []

    class Llama:
        def create_completion(self, **kw):
            got.append(kw)
            return {"choices": [{"text": "functions.render_shot"}]}

    resp = bounded_function_calling(llama=Llama(), max_tokens=50, tools=TOOLS, tool_choice="required", messages=[])
    assert asked[0]["tool_choice"] == "auto"
    assert resp["choices"][0]["message"]["content"] == "I'd rather talk."   # no words-to-call mending under required
    capped = asked[0]["llama"]
    capped.create_completion(prompt="x", stop=[":"], grammar="the handler's choice: functions | message")
    capped.create_completion(prompt="x", stop=["<|im_end|>"], grammar="after a call")
    choice, after = got
    assert choice["grammar"]._grammar == 'root ::= functions\nfunctions ::= "functions.render_shot:"\n'
    assert after["grammar"] == "after a call"                                # what follows a call is untouched


def test_only_the_mended_function_calling_server_is_sent_a_required_call():
    """SmolLM2 runs on its GGUF's own template (no calls at all): it must not be told a call is required."""
    from agents.models import FUNCTION_CALLING, Endpoint, forces_tool_choice, make_model

    qwen = Endpoint("http://127.0.0.1:9/v1", "qwen", embedded=True, chat_format=FUNCTION_CALLING)
    smol = Endpoint("http://127.0.0.1:9/v1", "smol", embedded=True, chat_format=None)
    assert forces_tool_choice(qwen) and not forces_tool_choice(smol)
    assert make_model(qwen).profile["supports_forced_tool_choice"] is True
    assert make_model(smol).profile["supports_forced_tool_choice"] is False
