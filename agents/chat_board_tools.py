"""The chat's storyboard tools: write a storyboard from the person's idea, revise a shot, add variants, drop a shot,
save the board; and the storyboard as every chat tool sees it — shots by number (a wrong number is a ``ModelRetry``
that says what exists) and the short summary the model reads at the start of each turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic_ai import ModelRetry, RunContext, ToolFailed, ToolReturn

import prompts
from agents.brief import explicit_expectations
from agents.deps import By, Deps
from nightreel.boards import write_storyboard
from nightreel.errors import InputError, NightreelError
from nightreel.schema import Shot, Storyboard

__all__ = ["StepMeta", "add_variants", "drop_shot", "expand_brief", "revise_shot", "save_storyboard",
           "storyboard_summary"]


@dataclass(frozen=True)
class StepMeta:
    """What a tool tells the chat about its step beside its result (pydantic-ai ToolReturn.metadata; the model does
    not see it): who made it — the model's call, or a rule's substitute for it."""

    by: By = "agent"


def storyboard_summary(sb: Storyboard | None) -> str:
    """The storyboard as the model sees it at the start of every turn: short, numbered."""
    if sb is None:
        return prompts.load("chat_no_storyboard").strip()
    lines = [f"Storyboard {sb.title!r} for the brief {sb.brief.idea[:300]!r}, {len(sb.shots)} shot(s):"]
    for i, s in enumerate(sb.shots, 1):
        e = s.expectations
        lines.append(f"{i}. {s.title} — {s.duration_s:g} s {s.target}; people {e.people}, camera {e.camera}, "
                     f"motion {e.motion}{', loops' if e.loopable else ''}; prompt: {s.positive[:160]}")
    return "\n".join(lines)


def _sb(deps: Deps) -> Storyboard:
    sb = deps.workspace.storyboard
    if sb is None:
        raise ModelRetry("there is no storyboard yet: call expand_brief with the person's idea first")
    return sb


def _shot(deps: Deps, shot: int) -> tuple[Storyboard, Shot]:
    sb = _sb(deps)
    if not isinstance(shot, int) or not 1 <= shot <= len(sb.shots):
        raise ModelRetry(f"there is no shot {shot}: the storyboard has shots 1 to {len(sb.shots)}")
    return sb, sb.shots[shot - 1]


def _set(deps: Deps, sb: Storyboard) -> None:
    deps.workspace.storyboard = sb


async def expand_brief(ctx: RunContext[Deps], idea: str, shots: int = 0) -> ToolReturn:
    """Turn the person's idea into a new storyboard of shots: any line that describes a video, in any language.
    Call it first whenever there is no storyboard yet (it replaces the current one).

    Args:
        idea: the person's idea, in their own words (copy their line).
        shots: how many shots, when the person says (0 = as many as the idea's stated length takes, else the default).
    """
    from agents.expand import expansion

    st = ctx.deps.settings
    n = shots or None
    if n is not None and not 1 <= n <= min(st.max_shots, 12):
        raise ModelRetry(f"shots must be between 1 and {min(st.max_shots, 12)}")
    ws = ctx.deps.workspace
    project = ws.storyboard.brief.project if ws.storyboard else "default"
    try:
        done = await expansion(idea, ctx.deps, ws.planner, n_shots=n, project=project, model=ws.draft_model)
    except InputError as e:
        raise ModelRetry(str(e)) from None
    sb = done.storyboard
    _set(ctx.deps, sb)
    if done.rung == "rules":   # no answer of the planner's was usable: the shots are the rules', and the step says so
        return ToolReturn("Done, from the rules: the planner's drafts were unusable, so these are the brief's minimal "
                          "shots. " + storyboard_summary(sb), metadata=StepMeta(by="rule"))
    return ToolReturn("Done. " + storyboard_summary(sb), metadata=StepMeta(by="agent"))



async def revise_shot(ctx: RunContext[Deps], shot: int, instruction: str) -> str:
    """Change one shot as the person asked (camera, light, people, loop, prompt…); other shots stay.

    Args:
        shot: the shot's number (1 = first).
        instruction: the change, in the person's words, e.g. "a locked tripod" or "make it rain".
    """
    from agents.chat_edits import edit_shots

    sb, target = _shot(ctx.deps, shot)
    if not instruction.strip():
        raise ModelRetry("say what to change in the shot")
    ws = ctx.deps.workspace
    # what the person's own line states for the shot it names is carried out even if the instruction left it out
    stated = explicit_expectations(ws.line) if target.id in ws.named_shots else {}
    edit = await edit_shots(ctx.deps, ws.planner, sb, [shot], instruction, model=ws.draft_model, stated=stated)
    _set(ctx.deps, edit.storyboard)
    s = edit.storyboard.shots[shot - 1]
    e = s.expectations
    done = (f"Shot {shot} is now: {s.title}; camera {s.camera!r} (expects {e.camera}); people {e.people}; "
            f"prompt: {s.positive[:300]}")
    if edit.not_done:
        ws.notes.append(f"Shot {shot}: {edit.not_done}.")
        done += f"\nNot done: {edit.not_done}."
    return done


async def add_variants(ctx: RunContext[Deps], shot: int, count: int = 1) -> str:
    """Add variants of a shot right after it.

    Args:
        shot: the shot's number.
        count: how many variants (1 to 4).
    """
    from agents.chat_edits import variants_of

    sb, _ = _shot(ctx.deps, shot)
    if not 1 <= count <= 4:
        raise ModelRetry("count must be between 1 and 4")
    if len(sb.shots) + count > ctx.deps.settings.max_shots:
        raise ModelRetry(f"a storyboard holds at most {ctx.deps.settings.max_shots} shots")
    ws = ctx.deps.workspace
    new, added = await variants_of(ctx.deps, ws.planner, sb, shot, count, model=ws.draft_model)
    _set(ctx.deps, new)
    return f"Added {len(added)} variant(s) after shot {shot}. " + storyboard_summary(new)


async def drop_shot(ctx: RunContext[Deps], shot: int) -> str:
    """Remove a shot from the storyboard (its renders stay on disk), when the person names the shot to drop.

    Args:
        shot: the shot's number.
    """
    sb, s = _shot(ctx.deps, shot)
    ws = ctx.deps.workspace
    if ws.line and s.id not in ws.named_shots:
        # a guardrail: a model that reads "delete the output folder" as "drop a shot" loses nobody's shot
        raise ToolFailed(f"Not dropped: a shot is dropped only when it is named (\"drop shot {shot}\"), and nothing "
                         "in this chat deletes files. The storyboard is unchanged.")
    if len(sb.shots) == 1:
        raise ModelRetry("that is the only shot: a storyboard keeps at least one")
    _set(ctx.deps, sb.model_copy(update={"shots": [s for i, s in enumerate(sb.shots, 1) if i != shot]}))
    return f"Dropped shot {shot}. " + storyboard_summary(ctx.deps.workspace.storyboard)


_ASKS_TO_SAVE = re.compile(r"\b(save|saved|keep|store|write|export|sauvegarde\w*|enregistre\w*|guarda\w*|speicher\w*|"
                           r"salva\w*)\b", re.IGNORECASE)


async def save_storyboard(ctx: RunContext[Deps], path: str = "") -> str:
    """Save the storyboard (storyboard.json + storyboard.md) so `nightreel render` can use it.

    Args:
        path: a folder; empty = the studio's project folder.
    """
    sb = _sb(ctx.deps)
    ws, studio = ctx.deps.workspace, ctx.deps.studio
    if ws.line and not _ASKS_TO_SAVE.search(ws.line):   # a guardrail: nothing is saved that the person did not ask for
        raise ToolFailed("Not saved: the person did not ask to save; the storyboard stays in this chat until they do.")
    if not path.strip():
        dest = studio.project_dir(sb.brief.project) / "storyboards" / sb.id
    elif ws.save_anywhere and path.strip() in ws.line:   # a path the person typed is theirs
        dest = Path(path.strip()).expanduser()
    else:
        try:
            dest = studio.inside(path.strip())
        except NightreelError as e:
            raise ModelRetry(f"{e}; save with an empty path (the studio's project folder)") from None
    try:
        write_storyboard(sb, dest, "md")
    except (OSError, NightreelError) as e:
        raise ToolFailed(f"could not save: {e}") from None
    ws.saved_to = dest / "storyboard.json"
    return f"Saved {len(sb.shots)} shots to {dest / 'storyboard.json'}"
