"""The chat's follow-up rules: the fallback when the model cannot call tools or its run fails, and the lines it never
sees (``show``).

They read a line as the studio's own follow-ups: a first line is a brief to expand; ``show``; ``render shot 2 as a
draft``; ``save [PATH]``; ``two more variants of shot 1``; ``drop shot 2``; and any other line that names shots is an
edit (``make shot 3 a locked tripod``, the model rewriting the prompt where a field cannot say it). ``session`` is the
:class:`agents.chat.ChatSession` whose storyboard they change (this module never imports it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from agents.chat_edits import edit_shots, variants_of
from agents.chat_guards import num, parse_shot_refs
from agents.chat_steps import Reply
from agents.deps import Deps
from agents.expand import expand
from nightreel.boards import to_markdown, write_storyboard
from nightreel.errors import InputError
from nightreel.schema import Shot, Storyboard

__all__ = ["handle_line"]

_SHOW = ("show", "list", "storyboard")


async def handle_line(session: Any, line: str) -> Reply:
    """The rules' answer to `line` in `session` (a ChatSession: deps, ep, n_shots, model, storyboard, set_storyboard)."""
    low = line.lower().strip()
    sb: Storyboard | None = session.storyboard
    if sb is None and (low in _SHOW or low.startswith("save")):
        return Reply("no storyboard yet: type the idea first")
    if sb is None:
        sb = await expand(line, session.deps, session.ep, n_shots=session.n_shots, model=session.model)
        session.set_storyboard(sb)
        return Reply(to_markdown(sb), changed=[s.id for s in sb.shots])
    if low in _SHOW:
        return Reply(to_markdown(sb))
    m = re.match(r"^\s*render\b(.*)$", line, re.IGNORECASE)
    if m:
        return await _render(session.deps, sb, m.group(1))
    if low.startswith("save"):
        return _save(session, sb, line[4:].strip())
    refs = parse_shot_refs(line, len(sb.shots))
    m = re.search(r"\b(\w+)\s+(?:more\s+)?variants?\b", low)
    if m and refs:
        new, added = await variants_of(session.deps, session.ep, sb, refs[0], num(m.group(1)) or 1,
                                       model=session.model)
        session.set_storyboard(new)
        return Reply(f"{len(added)} variant(s) of shot {refs[0]} added after it\n\n" + to_markdown(new),
                     changed=[v.id for v in added])
    if re.search(r"\b(drop|remove|delete|cut)\b", low) and refs:
        keep = [s for i, s in enumerate(sb.shots, 1) if i not in refs]
        if not keep:
            raise InputError("that would drop every shot; say which to keep")
        session.set_storyboard(sb.model_copy(update={"shots": keep}))
        return Reply(f"dropped shot(s) {', '.join(map(str, refs))}\n\n" + to_markdown(session.storyboard))
    if not refs:
        raise InputError("say which shot (e.g. 'make shot 3 a locked tripod'), or 'all shots'; "
                         "`show` prints the storyboard, `save` writes it")
    edit = await edit_shots(session.deps, session.ep, sb, refs, line, model=session.model)
    new = edit.storyboard
    session.set_storyboard(new)
    what = ", ".join([*(f"{k}={v}" for k, v in edit.applied.items()), *(["rewritten"] if edit.rewritten else [])])
    not_done = f"\n\n**Not done:** {edit.not_done}" if edit.not_done else ""
    return Reply(f"shot(s) {', '.join(map(str, refs))}: {what}{not_done}\n\n" + to_markdown(new),
                 changed=[new.shots[i - 1].id for i in refs])


def _save(session: Any, sb: Storyboard, rest: str) -> Reply:
    """`save` (the project's storyboards folder, or the CLI's --out) / `save PATH` (inside the studio unless the
    person at the terminal allowed anywhere: a web line must not write anywhere on the box)."""
    if rest:
        dest = Path(rest).expanduser() if session.save_anywhere else session.deps.studio.inside(rest)
    else:
        dest = session.out_dir or session.deps.studio.project_dir(sb.brief.project) / "storyboards" / sb.id
    write_storyboard(sb, dest, "md")
    session.dirty = False
    return Reply(f"saved {len(sb.shots)} shots to {dest / 'storyboard.json'}", saved_to=dest / "storyboard.json")


async def _render(deps: Deps, sb: Storyboard, rest: str) -> Reply:
    """`render shot 2 as a draft` / `render all shots final`: the same renderer as `nightreel render`."""
    ws = deps.workspace
    rdeps = deps if deps.comfy is not None else ws.render_deps
    if rdeps is None and ws.render_opener is not None:
        rdeps = ws.render_deps = await ws.render_opener()
    if rdeps is None:
        return Reply("rendering is not available here (no ComfyUI)")
    refs = parse_shot_refs(rest, len(sb.shots)) or list(range(1, len(sb.shots) + 1))
    tier = "final" if re.search(r"\bfinal\b", rest, re.IGNORECASE) else "draft"
    lines = await _render_and_wait(rdeps, sb, [sb.shots[i - 1] for i in refs], tier)
    return Reply(f"rendered {len(refs)} shot(s) as {tier}:\n\n" + "\n".join(f"- {x}" for x in lines))


async def _render_and_wait(deps: Deps, sb: Storyboard, shots: list[Shot], tier: str,
                           timeout_s: float = 1800.0) -> list[str]:
    from agents.render_tools import start_render, wait_job

    jobs = [(s, start_render(deps, sb, s, tier)) for s in shots]
    lines = []
    for s, job in jobs:
        if not job.job_id:
            lines.append(f"{s.id}: {job.error}")
            continue
        done = await wait_job(deps, job.job_id, timeout_s)
        lines.append(f"{s.id}: {done.clip_path}" if done.state == "done" else f"{s.id}: {done.state} — {done.error or ''}")
    return lines
