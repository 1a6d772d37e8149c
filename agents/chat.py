"""A conversation that turns a brief into a storyboard: the idea, then follow-ups, then save.

Follow-ups that name a shot are applied to that shot only. What they state explicitly
("make shot 3 a locked tripod", "shot 2 should loop", "nobody in shot 4") is applied by the
same rules that read the brief, so even a tiny model cannot lose it; rewrites and variants
go through the planner model with the shot's current JSON in the prompt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import prompts
from agents.brief import clean_idea, enforce_brief, explicit_expectations
from agents.deps import Deps
from agents.models import Endpoint
from agents.planner import active_lessons, build_planner, expand, finish_shots, run_planner
from nightreel.boards import to_markdown, write_storyboard
from nightreel.errors import InputError
from nightreel.schema import Shot, Storyboard

__all__ = ["ChatSession", "Reply", "parse_shot_refs"]

_NUM = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10}
_CAMERA_TEXT = {"locked": "locked-off tripod, no camera movement", "dolly_in": "slow dolly in",
                "dolly_out": "slow dolly out", "pan": "slow pan", "orbit": "slow orbit around the subject",
                "handheld": "handheld, gentle natural sway"}


@dataclass
class Reply:
    text: str
    saved_to: Path | None = None
    changed: list[str] = field(default_factory=list)


def _num(tok: str) -> int | None:
    return int(tok) if tok.isdigit() else _NUM.get(tok.lower())


def parse_shot_refs(text: str, n_shots: int) -> list[int]:
    """1-based shot numbers a follow-up names ("shot 3", "shots 1 and 2", "all shots")."""
    low = text.lower()
    if re.search(r"\b(all|every|each) shots?\b", low):
        return list(range(1, n_shots + 1))
    refs: list[int] = []
    for m in re.finditer(r"\bshots?\s+((?:\w+)(?:\s*(?:,|and|&)\s*\w+)*)", low):
        for tok in re.split(r"\s*(?:,|and|&)\s*", m.group(1)):
            k = _num(tok.strip())
            if k and 1 <= k <= n_shots and k not in refs:
                refs.append(k)
    return refs


class ChatSession:
    def __init__(self, deps: Deps, ep: Endpoint, *, n_shots: int = 6, out_dir: Path | None = None, model=None,
                 save_anywhere: bool = False):
        self.deps, self.ep, self.n_shots = deps, ep, n_shots
        self.model = model  # tests script the planner with FunctionModel
        # `save PATH` stays inside the studio unless the person at the terminal allowed otherwise (the CLI does;
        # the web page does not: a chat line must not be able to write anywhere on the box)
        self.save_anywhere = save_anywhere
        self.out_dir = out_dir
        self.transcript: list[tuple[str, str]] = []
        self.dirty = False

    @property
    def storyboard(self) -> Storyboard | None:
        return self.deps.workspace.storyboard

    def _set(self, sb: Storyboard) -> None:
        self.deps.workspace.storyboard = sb
        self.dirty = True

    async def say(self, line: str) -> Reply:
        line = clean_idea(line, self.deps.settings.max_idea_chars)
        reply = await self._handle(line)
        self.transcript.append((line, reply.text))
        return reply

    async def _handle(self, line: str) -> Reply:
        low = line.lower().strip()
        sb = self.storyboard
        if low in ("quit", "exit", ":q"):
            return Reply("bye")
        if sb is None and (low in ("show", "list", "storyboard") or low.startswith("save")):
            return Reply("no storyboard yet: type the idea first")
        if sb is None:
            sb = await expand(line, self.deps, self.ep, n_shots=self.n_shots, model=self.model)
            self._set(sb)
            return Reply(to_markdown(sb), changed=[s.id for s in sb.shots])
        if low in ("show", "list", "storyboard"):
            return Reply(to_markdown(sb))
        if low.startswith("save"):
            rest = line[4:].strip()
            if rest:
                dest = Path(rest).expanduser() if self.save_anywhere else self.deps.studio.inside(rest)
            else:
                dest = self.out_dir or self.deps.studio.project_dir(sb.brief.project) / "storyboards" / sb.id
            write_storyboard(sb, dest, "md")
            self.dirty = False
            return Reply(f"saved {len(sb.shots)} shots to {dest / 'storyboard.json'}", saved_to=dest / "storyboard.json")
        refs = parse_shot_refs(line, len(sb.shots))
        m = re.search(r"\b(\w+)\s+(?:more\s+)?variants?\b", low)
        if m and refs:
            return await self._variants(refs[0], _num(m.group(1)) or 1, line)
        if re.search(r"\b(drop|remove|delete|cut)\b", low) and refs:
            keep = [s for i, s in enumerate(sb.shots, 1) if i not in refs]
            if not keep:
                raise InputError("that would drop every shot; say which to keep")
            self._set(sb.model_copy(update={"shots": keep}))
            return Reply(f"dropped shot(s) {', '.join(map(str, refs))}\n\n" + to_markdown(self.storyboard))
        if not refs:
            raise InputError("say which shot (e.g. 'make shot 3 a locked tripod'), or 'all shots'; "
                             "`show` prints the storyboard, `save` writes it")
        return await self._edit(refs, line)

    def _apply_explicit(self, shot: Shot, explicit: dict) -> Shot:
        shot, _ = enforce_brief(shot, explicit)
        if "camera" in explicit and explicit["camera"] in _CAMERA_TEXT:
            shot = shot.model_copy(update={"camera": _CAMERA_TEXT[explicit["camera"]]})
        return shot

    async def _edit(self, refs: list[int], instruction: str) -> Reply:
        sb = self.storyboard
        explicit = explicit_expectations(instruction)
        brief_explicit = explicit_expectations(sb.brief.idea)
        targets = [sb.shots[i - 1] for i in refs]
        rewrite = not explicit or len(instruction.split()) > 8
        if rewrite:
            current = "\n".join(s.model_dump_json(include={"title", "duration_s", "target", "positive", "negative",
                                                             "camera", "lighting", "audio", "expectations"})
                                for s in targets)
            prompt = prompts.load("chat_edit").format(idea=sb.brief.idea, n=len(targets), shots=current,
                                                      instruction=instruction)
            agent = build_planner(self.ep, len(targets), model=self.model)
            result = await run_planner(agent, prompt, self.deps, max_requests=self.deps.settings.planner_max_requests)
            new, _ = finish_shots(sb.brief.idea, list(result.output.shots), active_lessons(self.deps),
                                  explicit={**brief_explicit, **explicit})
            new = [n.model_copy(update={"id": t.id, "seed": t.seed}) for n, t in zip(new, targets)]
        else:
            new = targets
        lessons = active_lessons(self.deps)
        from memory.lessons import lint_shot

        shots = list(sb.shots)
        for i, shot in zip(refs, new):
            shots[i - 1] = lint_shot(self._apply_explicit(shot, {**brief_explicit, **explicit}), lessons).shot
        self._set(sb.model_copy(update={"shots": shots}))
        what = ", ".join(f"{k}={v}" for k, v in explicit.items()) or "rewritten"
        return Reply(f"shot(s) {', '.join(map(str, refs))}: {what}\n\n" + to_markdown(self.storyboard),
                     changed=[shots[i - 1].id for i in refs])

    async def _variants(self, ref: int, count: int, instruction: str) -> Reply:
        sb = self.storyboard
        base = sb.shots[ref - 1]
        idea = f"{sb.brief.idea}\nVariants of the shot '{base.title}': {base.positive[:600]}"
        more = await expand(idea, self.deps, self.ep, n_shots=count, target=base.target, project=sb.brief.project,
                            model=self.model)
        explicit = {**explicit_expectations(sb.brief.idea), **base.expectations.model_dump()}
        taken = {s.id for s in sb.shots}
        variants = []
        for j, v in enumerate(more.shots, 1):
            vid = f"{base.id}-v{j}"
            while vid in taken:
                j += 1
                vid = f"{base.id}-v{j}"
            taken.add(vid)
            variants.append(self._apply_explicit(v, explicit).model_copy(update={"id": vid}))
        shots = [*sb.shots[:ref], *variants, *sb.shots[ref:]]
        self._set(sb.model_copy(update={"shots": shots}))
        return Reply(f"{len(variants)} variant(s) of shot {ref} added after it\n\n" + to_markdown(self.storyboard),
                     changed=[v.id for v in variants])
