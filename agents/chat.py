"""A conversation that turns a brief into a storyboard, renders it and judges it: the chat agent.

With a model that can call tools (any configured server; the embedded Qwen 1.5B), every line the person
says goes to a pydantic-ai agent whose tools (``agents.chat_tools``) expand the brief, revise, add or drop
shots, recall lessons, render, wait, ask the critic, crop, salvage, re-render and save. The model chooses
the tools; each call and its result is a :class:`Step`, shown to the person as it happens and recorded in
the studio's ledger (``agent_steps``): ok when the tool returned, not ok when it asked for other arguments or raised
``ToolFailed``; ``by="rule"`` when a rule's substitute answered the model's call. What the brief states explicitly
(nobody, tripod, loop, text) is enforced by the tools on every shot they write, whatever the model says.

The rules are the fallback: with a model that cannot call tools (the tiny test models), or when the
agent's run fails (a server error, calls still invalid after retries, a loop past the request limit) or
ends silent before any tool changed the storyboard or acted (a render, a save, a crop), the line is handled
by the rules that read follow-ups ("make shot 3 a locked tripod", "two more variants of shot 1", "drop shot
2", "show", "save"), and the reply says the rules handled it. A run that fails after its tools acted says
what they did instead: nothing is done twice.

Guardrails around a turn the model handled (``agents.chat_guards``): with no storyboard yet, a brief answered in
words gets a second look — the model must then call expand_brief or answer_in_words, and a refusal it confirms stays
its answer; words where a later line asks for work (and no tool answered) hand it to the rules; the tools render,
re-render and cut only what the line (or a yes to the last reply's offer) asks for, and refuse an act repeated with
the same arguments in one turn; a line that
asks what is in the clip gets the critic's look at the render this turn started, waited for and asked by the rules
if the model stopped after starting it. The reply (``agents.chat_reply``) carries the critic's verdicts as data
(:attr:`Reply.verdicts`), what a tool left undone, and the model's words without raw tool-call text — left out when
they describe a clip the model was never shown. The state that carries across lines is in ``agents.chat_state``; the steps and the reply as data in
``agents.chat_steps``; the follow-up rules in ``agents.chat_rules``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import structlog

import prompts
from agents.brief import clean_idea
from agents.chat_edits import edit_shots, variants_of
from agents.chat_guards import asks_for_action, asks_for_the_critic, parse_shot_refs
from agents.chat_reply import clean_words, verdicts_of
from agents.chat_rules import handle_line
from agents.chat_steps import (
    ANSWER_IN_WORDS,
    AnswerInWords,
    Reply,
    Step,
    acted,
    output_text,
    repeats_a_refusal,
    returns_to_steps,
    steps_summary,
)
from agents.deps import Deps
from agents.model_errors import model_error
from agents.models import Endpoint, forces_tool_choice
from nightreel.boards import to_markdown
from nightreel.errors import ModelError, NightreelError
from nightreel.schema import JobState, Storyboard

log = structlog.get_logger()

__all__ = ["ANSWER_IN_WORDS", "AnswerInWords", "ChatSession", "Reply", "Step", "build_chat_agent", "edit_shots",
           "parse_shot_refs", "steps_summary", "variants_of"]


def build_chat_agent(ep: Endpoint | None, *, model=None, extra_tools: list | None = None):
    """The chat agent: the planner model with the studio's tools, answering the person in text."""
    from pydantic_ai import Agent

    from agents.chat_tools import CHAT_TOOLS
    from agents.models import make_model

    # `str | None`: after its tools did the work a small model often ends its turn with no words; that is a
    # finished turn (the reply is then made from its steps), not a failure to retry until the run gives up
    return Agent(model or make_model(ep), deps_type=Deps, output_type=str | None, tools=[*CHAT_TOOLS, *(extra_tools or [])],
                 instructions=prompts.load("chat_agent_system"), retries={"tools": 2, "output": 2},
                 model_settings={"temperature": 0.2, "max_tokens": 600}, name="chat")


class ChatSession:
    """One conversation. `say(line)` → :class:`Reply` with the answer, the steps and what changed.

    `model` scripts the planner's storyboard drafts (tests: FunctionModel); `agent_model` scripts the chat
    agent itself. `render_opener` (async, returns Deps with a ledger and a ComfyUI pool) is called on the
    first render; `on_step` sees each step as it completes (the CLI prints it, the web page shows it).
    """

    #: turns of the conversation the model sees again (each turn's prompt carries the storyboard anyway)
    HISTORY_TURNS = 2

    def __init__(self, deps: Deps, ep: Endpoint, *, n_shots: int | None = None, out_dir: Path | None = None, model=None,
                 save_anywhere: bool = False, agent_model=None, render_opener=None,
                 on_step: Callable[[Step], None] | None = None, agent: bool | None = None,
                 extra_tools: list | None = None):
        self.deps, self.ep, self.n_shots = deps, ep, n_shots
        self.model = model  # tests script the planner with FunctionModel
        # `save PATH` stays inside the studio unless the person at the terminal allowed otherwise (the CLI does;
        # the web page does not: a chat line must not be able to write anywhere on the box)
        self.save_anywhere = save_anywhere
        self.out_dir = out_dir
        self.transcript: list[tuple[str, str]] = []
        self.dirty = False
        self.agent_model = agent_model
        # the agent runs when the model can call tools; a test that scripts only the drafts (`model`) gets the rules
        self.use_agent = (agent_model is not None or (model is None and bool(getattr(ep, "tools", False)))
                          if agent is None else agent)
        self.on_step = on_step
        self.extra_tools = extra_tools or []
        self.turns: list[list] = []
        ws = deps.workspace
        ws.planner, ws.draft_model, ws.save_anywhere = ep, model, save_anywhere
        ws.render_opener = ws.render_opener or render_opener
        self._agent = None

    @property
    def storyboard(self) -> Storyboard | None:
        return self.deps.workspace.storyboard

    def set_storyboard(self, sb: Storyboard) -> None:
        self.deps.workspace.storyboard = sb
        self.dirty = True

    async def say(self, line: str) -> Reply:
        line = clean_idea(line, self.deps.settings.max_idea_chars)
        low = line.lower().strip()
        if low in ("quit", "exit", ":q"):
            reply = Reply("bye")
        elif self.use_agent and low not in ("show", "list", "storyboard"):
            reply = await self._agent_turn(line)
        else:
            reply = await self._rule_turn(line)
        self.transcript.append((line, reply.text))
        return reply

    # -- the agent ----------------------------------------------------------------------------------

    def _record(self, step: Step) -> None:
        ledger = self.deps.ledger or getattr(self.deps.workspace.render_deps, "ledger", None)
        if ledger is not None:
            try:
                ledger.record_step(run_id=self.deps.run_id, agent="chat", tool=step.tool, args=step.args,
                                   result=step.result, ok=step.ok, by=step.by)
            except Exception as e:  # recording must never break the conversation
                log.warning("chat.record_failed", error=str(e))
        if self.on_step is not None:
            self.on_step(step)

    def _record_all(self, new: list[Step], steps: list[Step]) -> None:
        for step in new:
            steps.append(step)
            self._record(step)

    async def _agent_turn(self, line: str, *, look_again: list | None = None) -> Reply:
        """The model's turn on `line`. `look_again`: the messages of a turn in which the model answered a line that
        reads as a brief in words; it is asked once more, and this time must choose a call: expand_brief, or
        answer_in_words (a second look, not the rules' override: a refusal it confirms stays a refusal)."""
        from pydantic_ai import Agent, ToolOutput
        from pydantic_ai.messages import ToolCallPart, repair_messages
        from pydantic_ai.usage import UsageLimits

        from agents.chat_board_tools import storyboard_summary

        ws = self.deps.workspace
        ws.line, ws.saved_to, ws.critiques, ws.notes, ws.acts = line, None, [], [], set()
        jobs_before = dict(ws.jobs)
        ws.rendered_before = {shot_id for shot_id, _ in ws.jobs}
        if look_again is None:
            ws.offered, ws.refused = bool(ws.refused), set()   # the last turn's refusals were offered in its reply
        sb_now = self.storyboard     # the shots the line names, by id (drop_shot drops only those)
        ws.named_shots = {sb_now.shots[i - 1].id for i in parse_shot_refs(line, len(sb_now.shots))} if sb_now else set()
        before = self.storyboard
        if self._agent is None:
            self._agent = build_chat_agent(self.ep, model=self.agent_model, extra_tools=self.extra_tools)
        words_tool = ToolOutput(AnswerInWords, name=ANSWER_IN_WORDS, description=AnswerInWords.__doc__)
        if look_again is None:
            prompt = prompts.load("chat_agent_user").format(storyboard=storyboard_summary(before), line=line)
            history = repair_messages([m for turn in self.turns[-self.HISTORY_TURNS:] for m in turn])
            # no storyboard yet, on a server that honours a required call: the first answer is a call —
            # expand_brief, or answer_in_words (a brief answered in words was the small model's commonest miss)
            output_type = words_tool if before is None and forces_tool_choice(self.ep) else None
        else:
            prompt, history, output_type = prompts.load("chat_look_again").format(line=line), look_again, words_tool
        choosing = output_type is not None    # a turn whose answer is a call: the storyboard, once made, ends it
        steps: list[Step] = []
        calls: dict[str, ToolCallPart] = {}
        t0 = time.monotonic()
        try:
            async with self._agent.iter(prompt, deps=self.deps, message_history=history or None,
                                        output_type=output_type,
                                        usage_limits=UsageLimits(request_limit=self.deps.settings.planner_max_requests)
                                        ) as run:
                ended_at: list = []       # the second look's expansion: the request that carries its return
                stopped = ""              # why the turn was ended before the model ended it
                async for node in run:
                    if Agent.is_call_tools_node(node):
                        for part in node.model_response.parts:
                            if isinstance(part, ToolCallPart):
                                calls[part.tool_call_id] = part
                    elif Agent.is_model_request_node(node):
                        self._record_all(returns_to_steps(node.request.parts, calls), steps)
                        if choosing and self.storyboard is not before and self.storyboard is not None:
                            ended_at = [node.request]   # the choice is made: the storyboard is the answer
                            break
                        if repeats_a_refusal(steps):
                            # a guardrail: the model sent back a call that was just refused, unchanged (Qwen called
                            # render_shot eleven times after "not asked for" until the request limit): the turn ends
                            # with what its tools did and the offer, not at the limit
                            ended_at = [node.request]
                            stopped = f"it sent {steps[-1].tool} again, unchanged, after it was refused"
                            log.info("chat.refused_call_repeated", tool=steps[-1].tool)
                            break
                # calls answered in a request the run never sent on (the run ended with its output in the same
                # response, or at the expansion above) are recorded too; the history is closed out (repair_messages:
                # pydantic-ai refuses a history with a call and no return)
                new_messages = repair_messages([*run.new_messages(), *ended_at])
                for m in new_messages:
                    self._record_all(returns_to_steps(getattr(m, "parts", []), calls), steps)
                result = run.result
        except Exception as e:
            err = model_error(e, url=getattr(self.ep, "base_url", "?"),
                              max_requests=self.deps.settings.planner_max_requests)   # the one table
            if not isinstance(err, ModelError):
                raise
            why = str(err)
            log.warning("chat.agent_failed", error=why, seconds=round(time.monotonic() - t0, 1),
                        tools=[s.tool for s in steps])
            changed_board = self.storyboard is not before and self.storyboard is not None
            if look_again is not None and not changed_board:
                return await self._rule_turn(line, note="the model answered in words without doing what the line "
                                                        f"asks, and again when asked to choose a call ({why})",
                                             earlier=steps)
            if acted(steps) or changed_board:  # its tools did (part of) the work: report it, never redo it
                self.dirty = (self.dirty or changed_board) and ws.saved_to is None
                text = f"_(the planner stopped early — {why})_\n\n" + steps_summary(steps)
                if changed_board:
                    text += "\n\n" + to_markdown(self.storyboard)
                return Reply(text, steps=steps, by="agent", note=why, saved_to=ws.saved_to,
                             verdicts=verdicts_of(ws.critiques))
            return await self._rule_turn(line, note=f"the planner's run failed — {why}", earlier=steps)
        output = output_text(result)
        if not acted(steps) and self.storyboard is before:
            words = output.strip()
            if look_again is not None and isinstance(getattr(result, "output", None), AnswerInWords):
                pass            # asked again, the model chose to answer in words: its answer stands
            elif not words:   # silent, and nothing done (at most a lookup): the line is not handled yet
                return await self._rule_turn(line, note="the model ended its turn without doing anything",
                                             earlier=steps)
            elif not any(st.ok for st in steps) and asks_for_action(line, None if before is None else len(before.shots)):
                # words, and not one tool answered, where the line asks for a storyboard, a render or a shot
                if before is None and look_again is None and result is not None:
                    again = await self._agent_turn(line, look_again=result.all_messages())
                    again.steps = [*steps, *again.steps]      # the first run's lookups, if any, stay on record
                    return again
                return await self._rule_turn(line, note="the model answered in words without doing what the "
                                                        "line asks", earlier=steps)
        self.turns.append(new_messages)
        after = self.storyboard
        changed = [] if after is None else [s.id for s in after.shots if before is None or s not in before.shots]
        if after is not None and after is not before:
            self.dirty = True
        steps += await self._finish_the_look(line, jobs_before)
        # asked again, a model that both expanded and answered in words: the storyboard is the answer, not the words
        words = "" if choosing and self.storyboard is not before else clean_words(output)
        if words and asks_for_the_critic(line) and not any(s.ok and s.by == "agent" and s.tool == "critique_clip"
                                                            for s in steps):
            # what the model says is in a clip it was never shown is not passed on: what was done, and the critic
            words = ("_(the model's own words about the clip are left out: it had not seen the critic's look)_\n\n"
                     + steps_summary(steps)).strip()
        text = words or steps_summary(steps) or "(done)"
        if stopped:
            text = f"_(the planner stopped early — {stopped})_\n\n" + text
        if ws.notes:                    # what a tool left undone, whatever the model's words say
            text += "\n\n" + "\n".join(f"**Not done:** {n}" for n in ws.notes)
        if after is not None and after != before:
            text += "\n\n" + to_markdown(after)
        if ws.saved_to is not None:
            self.dirty = False
        return Reply(text, saved_to=ws.saved_to, changed=changed, steps=steps, by="agent",
                     verdicts=verdicts_of(ws.critiques))

    async def _finish_the_look(self, line: str, jobs_before: dict) -> list[Step]:
        """A guardrail: the line asks what is in the clip, the model started a render this turn and ended it without
        the critic's look at that render. The rules wait for it (as long as wait_for_job would) and ask the critic,
        as the tools would, recorded ``by="rule"``. Renders refused or started in earlier turns are left alone."""
        from pydantic_ai import ModelRetry, ToolFailed

        from agents.chat_clip_tools import WAIT_S, critique_shot_number, wait_for_shot

        ws, sb = self.deps.workspace, self.storyboard
        if sb is None or not asks_for_the_critic(line):
            return []
        deps = ws.render_deps or self.deps
        looked_at = {res.clip for _, res in ws.critiques if res.clip}
        out: list[Step] = []
        for (shot_id, tier), job_id in ws.jobs.items():
            number = next((i for i, s in enumerate(sb.shots, 1) if s.id == shot_id), None)
            if jobs_before.get((shot_id, tier)) == job_id or number is None or deps.ledger is None:
                continue
            job = deps.ledger.get(job_id)
            if job.state == JobState.done and job.clip_path in looked_at:
                continue                                          # the model already asked the critic about it
            for tool, fn, args in (("wait_for_job", wait_for_shot, {"shot": number, "tier": tier, "timeout_s": WAIT_S}),
                                   ("critique_clip", critique_shot_number, {"shot": number})):
                try:
                    result, ok = await fn(self.deps, **args), True
                except (ModelRetry, ToolFailed, NightreelError) as e:   # the tools' refusals and failures: said
                    result, ok = str(e), False
                step = Step(tool, args, result, ok=ok, by="rule")
                out.append(step)
                self._record(step)
                if not ok or deps.ledger.get(job_id).state != JobState.done:
                    break
        return out

    # -- the rules (fallback, and models that cannot call tools) ---------------------------------------

    async def _rule_turn(self, line: str, note: str = "", earlier: list[Step] | None = None) -> Reply:
        """The follow-up rules handle `line`; `earlier`: the agent's steps before it gave the line up."""
        before = self.storyboard
        reply = await handle_line(self, line)
        reply.by, reply.note = "rule", note
        reply.steps = [*(earlier or []), *reply.steps]
        if note:
            reply.text = f"_({note}; the follow-up rules handled this line)_\n\n" + reply.text
        step = Step("rules", {"line": line}, reply.text.split("\n", 1)[0][:300], ok=True, by="rule")
        reply.steps.append(step)
        self._record(step)
        if self.storyboard is not before and self.storyboard is not None:
            self.turns.append([])  # the agent's history stays aligned with turns
        return reply

