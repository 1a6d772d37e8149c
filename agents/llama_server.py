"""llama-cpp-python's OpenAI server, with every answer bounded by the request's ``max_tokens``.

Run as ``python -m agents.llama_server <llama_cpp.server arguments>`` (what :class:`agents.embedded_server.EmbeddedServer`
starts). It is llama-cpp-python's own server with its ``chatml-function-calling`` handler mended. That handler ignores
the request's ``max_tokens`` on the tool-call path — the prose after ``message:`` and the arguments of a call are
generated with ``max_tokens=None``, i.e. until the context is full. A small model that opens a JSON string and
never closes it then keeps both cores busy for an hour (SmolLM2 at ~1 token/s under a grammar), and since the
server answers one request at a time and keeps generating for a client that gave up, every later request waits.

Here each completion that handler makes is capped at the request's ``max_tokens`` (or :data:`DEFAULT_CAP` when
the request names none), so an answer ends, cut short if need be, and the client's own validation says so.

Two more faults of that handler are mended, because they made the model look mute:

- when the model chooses to answer in words (``message:``), the handler generates the words under the grammar
  meant for *what follows a call* (a tool name or the end), so the answer is always empty or a bare
  ``functions.<name>:``. Here the words are generated free (still bounded by ``max_tokens``);
- an answer in words that is a tool's name (``functions.render_shot:`` …), or that names one on a line of its own
  after some words (Qwen 1.5B echoes the brief, then writes ``functions.expand_brief:`` and the arguments as
  text), is what the model meant as a call: it is asked again with that tool named, and answers the call's
  arguments under the tool's schema (the words before it, an echo, are not kept).

And one thing it lacks: ``tool_choice: "required"`` (a call is the only answer; OpenAI's API has it, the handler
does not): here it is "auto" with "message" left out of the grammar that chooses between words and a tool.

Only llama_cpp is imported: this runs in the server process.
"""

from __future__ import annotations

import re
from typing import Any

DEFAULT_CAP = 1024
NAME_FLOOR = 64   # tokens always allowed for the step that names the tool (a cut name is no call at all)
FUNCTION_CALLING = "chatml-function-calling"
_WORDS = "<|im_start|>assistant\nmessage:\n"   # where the handler's answer in words starts
_NAMED_CALL = re.compile(r"(?:^|\n)\s*functions\.([A-Za-z0-9_.-]+?)\s*:")   # at the start of the answer or a line


class _Capped:
    """A Llama seen through a cap on ``create_completion``'s ``max_tokens``; everything else passes through."""

    def __init__(self, llama: Any, cap: int, required: list[str] | None = None):
        self._llama, self._cap, self._required = llama, cap, required

    def __getattr__(self, name: str) -> Any:
        return getattr(self._llama, name)

    def create_completion(self, *args: Any, max_tokens: int | None = None, **kwargs: Any) -> Any:
        bounded = self._cap if max_tokens is None or max_tokens <= 0 else min(max_tokens, self._cap)
        if kwargs.get("stop") == [":"]:   # choosing "message" or a tool's name: its grammar bounds it; never cut it
            bounded = max(bounded, NAME_FLOOR)
            if self._required:            # tool_choice "required": the choice is among the tools, "message" is not one
                kwargs["grammar"] = _choice_grammar(self._required)
        prompt = kwargs.get("prompt")
        if isinstance(prompt, str) and prompt.endswith(_WORDS):
            kwargs["grammar"] = None   # words, not the after-a-call grammar the handler puts on them
        return self._llama.create_completion(*args, max_tokens=bounded, **kwargs)


def bounded_function_calling(*, llama: Any, max_tokens: int | None = None, tools: list | None = None,
                             tool_choice: Any = None, **kwargs: Any) -> Any:
    """``chatml_function_calling`` whose every completion stops at ``max_tokens``, whose answers in words are
    words, and whose answer naming a tool becomes that tool's call."""
    from llama_cpp.llama_chat_format import chatml_function_calling

    cap = max_tokens if max_tokens and max_tokens > 0 else DEFAULT_CAP
    required = None
    if tool_choice == "required" and tools:      # the stock handler knows "auto", "none" and a named tool only
        required = [(t.get("function") or {}).get("name") for t in tools]
        tool_choice = "auto"                     # ... and "auto" whose choice grammar leaves out "message"
    capped = _Capped(llama, cap, required)
    resp = chatml_function_calling(llama=capped, max_tokens=max_tokens, tools=tools, tool_choice=tool_choice,
                                   **kwargs)
    if kwargs.get("stream") or not tools or tool_choice != "auto" or required:
        return resp
    msg = resp["choices"][0]["message"]
    named = _NAMED_CALL.search(msg.get("content") or "") if not msg.get("tool_calls") else None
    names = {(t.get("function") or {}).get("name") for t in tools}
    if named and named.group(1) in names:
        return chatml_function_calling(llama=capped, max_tokens=max_tokens, tools=tools,
                                       tool_choice={"type": "function", "function": {"name": named.group(1)}},
                                       **kwargs)
    return resp


def _choice_grammar(names: list[str]) -> Any:
    """The handler's grammar for choosing what to answer, with a tool's name as the only choice."""
    from llama_cpp import llama_grammar

    functions = " | ".join(f'"functions.{n}:"' for n in names)
    return llama_grammar.LlamaGrammar.from_string(f"root ::= functions\nfunctions ::= {functions}\n", verbose=False)


def install() -> None:
    """Replace the registered ``chatml-function-calling`` handler with the bounded one (this process only)."""
    from llama_cpp.llama_chat_format import LlamaChatCompletionHandlerRegistry

    LlamaChatCompletionHandlerRegistry().register_chat_completion_handler(
        FUNCTION_CALLING, bounded_function_calling, overwrite=True)


def main() -> None:
    install()
    from llama_cpp.server.__main__ import main as serve

    serve()


if __name__ == "__main__":
    main()
