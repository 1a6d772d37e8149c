"""The rules around the chat agent's turn: which shots a line names, when a line is the model's to answer in words,
and when the rules do what it asks. Guardrails and fallbacks, never the first say."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from pathlib import Path

from pydantic_ai import ModelRetry, ToolFailed

from agents.deps import Deps
from nightreel.errors import NightreelError

if TYPE_CHECKING:
    from agents.night_agent import SalvageOp
    from nightreel.schema import Shot

__all__ = ["asks_for_action", "asks_for_the_critic", "asks_to_redo", "asks_to_render", "asks_to_salvage", "confirms", "num",
           "parse_shot_refs"]

_NUM = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10}


def num(tok: str) -> int | None:
    tok = tok.lstrip("#")
    return int(tok) if tok.isdigit() else _NUM.get(tok.lower())


def parse_shot_refs(text: str, n_shots: int) -> list[int]:
    """1-based shot numbers a follow-up names ("shot 3", "shot #3", "shots 1 and 2", "the second shot", "the last
    shot", "all shots")."""
    low = text.lower()
    if re.search(r"\b(all|every|each) shots?\b", low):
        return list(range(1, n_shots + 1))
    refs: list[int] = []
    for m in re.finditer(r"\bshots?\s+((?:#?\w+)(?:\s*(?:,|and|&)\s*#?\w+)*)", low):
        for tok in re.split(r"\s*(?:,|and|&)\s*", m.group(1)):
            k = num(tok.strip())
            if k and 1 <= k <= n_shots and k not in refs:
                refs.append(k)
    for m in re.finditer(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+shot\b", low):
        k = n_shots if m.group(1) == "last" else _ORDINAL[m.group(1)]
        if 1 <= k <= n_shots and k not in refs:
            refs.append(k)
    return refs


# a line that asks for something no storyboard is ("delete the output folder", "ignore your instructions and …",
# "run rm -rf"): a model that declines it has answered it, and the rules must not turn it into a storyboard
_NOT_A_BRIEF = re.compile(
    r"^\W*(?:please\s+)?(?:delete|remove|erase|wipe|rm|format|uninstall|install|run|execute|exec|kill|shut ?down|"
    r"reboot|show me|upload|download|email|ignore|forget|disregard|tell me|what|who|why|hi|hello|hey|thanks|"
    r"thank you|supprime[rz]?|efface[rz]?|borra[r]?|elimina[r]?|lösche?n?|ignore[rz]?)\b",
    re.IGNORECASE)


def asks_for_action(line: str, n_shots: int | None) -> bool:
    """A line the rules would act on: before the first storyboard, a line that reads as a brief (not a question, not
    a request to delete, run or ignore something, not a greeting: the CLI takes the first line as the idea); after
    it, a render or save, or a line that names shots of the storyboard and asks nothing."""
    if line.rstrip().endswith("?"):
        return False
    if n_shots is None:
        return not _NOT_A_BRIEF.search(line)
    if re.match(r"^\s*(render|save)\b", line, re.IGNORECASE):
        return True
    return bool(parse_shot_refs(line, n_shots))


_CRITIC_WORDS = re.compile(r"\b(critic|critique|judge|verdict|check (?:it|them|the (?:clip|render)))\b", re.IGNORECASE)
_ASKING = re.compile(r"\b(tell me|let me know|whether|if|does|do|did|is there|are there)\b", re.IGNORECASE)
_ABOUT_WHO = re.compile(r"\b(any(?:body|one)|some(?:body|one)|a (?:person|figure|face|hand)|people|walks?|walking|"
                        r"shows? up|appears?|gets? in)\b", re.IGNORECASE)


def asks_for_the_critic(line: str) -> bool:
    """A line that wants to hear what is in the clip: it names the critic ("… and check it", "what's the verdict"),
    or asks whether someone shows up ("… and tell me whether anybody walks in"). "render shot 2 with people at the
    market", "render shot 1 if the server is free" and "can you render shot 3?" only ask for a render."""
    return bool(_CRITIC_WORDS.search(line) or (_ASKING.search(line) and _ABOUT_WHO.search(line)))


# what a person says to have a clip made, made again, or cut from the one there is (English, French, German,
# Spanish, Italian; matched without accents): the chat's tools that spend a render or write a clip act only on a line
# that asks for it, or on a yes to the offer the last reply made. A guardrail's word lists, not the decision: a line
# they miss gets an offer in words, never a render nobody asked for.
_MAKE = (r"(?:make|create|produce|generate|animate|fais|faire|fait|cree[rz]?|erstelle\w*|mach\w*|haz|hacer|crea|"
         r"creare|fai|fare)")
_CLIP = r"(?:clips?|videos?|vidéos?|takes?|renders?|drafts?|finals?)"   # not "make shot 2 a tripod": that is an edit
_RENDER = re.compile(
    r"\b(render\w*|re-?render\w*|draft|drafts|final|finals|generate|regenerate|rendu|rendre|rends|rendez|brouillon\w*|"
    r"genere\w*|lance[rz]?|relance\w*|rendern|erzeug\w*|generier\w*|entwu?rfe?|renderiza\w*|generar|genera|generalo|"
    r"borrador\w*|renderizza\w*|generare|genera(?:lo|la)?|bozza|bozze|animate|anime[rz]?|animier\w*|anima(?:r|re)?|"
    r"let'?s see (?:it|them|shot)|start (?:shot|the render|rendering)|" + _MAKE + r"\b[^.?!]{0,30}\b" + _CLIP + r")\b",
    re.IGNORECASE)
_REDO = re.compile(
    r"\b(again|re-?render\w*|redo|re-?do|retry|re-?try|regenerate|another (?:take|try|version|go|seed)|(?:new|different|"
    r"other) seed|fix|repair|once more|one more (?:time|take|try)|de nouveau|encore une fois|refai\w*|refais|"
    r"recommence\w*|reessaie\w*|reessaye\w*|relance\w*|corrige\w*|nochmal\w*|noch (?:ein)?mal|erneut|neu (?:rendern|"
    r"machen|erzeugen)|mach\w* [^.?!]{0,20}\bneu|wiederhol\w*|korrigier\w*|otra vez|de nuevo|vuelve a \w+|repite\w*|"
    r"repetir\w*|arregla\w*|rehaz\w*|corrige\w*|di nuovo|rifai|rifare|rigenera\w*|rirenderizza\w*|ripeti\w*|"
    r"correggi\w*|un'altra volta)\b", re.IGNORECASE)
_SALVAGE = re.compile(
    r"\b(salvage\w*|trim\w*|cut(?:s|ting)?|crop\w*|shorten\w*|loop\w*|ping-?pong\w*|crossfade\w*|rescue|"
    r"keep (?:only|the good|just)|remove the (?:first|last|start|end|beginning)|drop the (?:first|last|start|end)|"
    r"get rid of|coupe[rz]?|couper|recadre\w*|boucle\w*|raccourci\w*|enleve\w*|supprime\w*|"
    r"\w*schneid\w*|kurz\w*|kuerz\w*|schleife\w*|entfern\w*|recorta\w*|corta\w*|acorta\w*|quita\w*|bucle\w*|"
    r"taglia\w*|ritaglia\w*|accorcia\w*|togli\w*|rimuovi\w*|loop)\b", re.IGNORECASE)
# a no before the word: "don't re-render shot 2", "no need to fix it", "ne le refais pas", "nicht neu rendern"
_NOT = re.compile(r"\b(don'?t|do not|no need to|never|not|ne|n'|nicht|kein\w*|no|non|nunca|ninguna?|mai)\b[^.,;!?]{0,16}$",
                  re.IGNORECASE)
_YES = re.compile(
    r"^\W*(yes|yeah|yep|sure|ok|okay|go ahead|go on|do it|please do|please|fine|alright|all right|oui|d'accord|vas-y|"
    r"allez-y|ja|gerne|mach(?: das| es)?|bitte|si|claro|dale|vale|hazlo|certo|va bene|fallo|vai)\b", re.IGNORECASE)


def _plain(line: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", line) if not unicodedata.combining(c)).replace("ß", "ss")


def _asks(pattern: re.Pattern, line: str) -> bool:
    plain = _plain(line)
    return any(not _NOT.search(plain[:m.start()]) for m in pattern.finditer(plain))


def asks_to_render(line: str) -> bool:
    """A line that asks for a clip to be made ("render shot 1 as a draft", "lance le rendu du plan 1", "make clips of
    all shots"), and not in a negation ("don't render it yet")."""
    return _asks(_RENDER, line) or _asks(_REDO, line)


def asks_to_redo(line: str) -> bool:
    """A line that asks for a clip to be made again or fixed ("try shot 2 again", "re-render it without the man")."""
    return _asks(_REDO, line)


def asks_to_salvage(line: str) -> bool:
    """A line that asks for a clip to be cut, cropped, looped or fixed, or made again."""
    return _asks(_SALVAGE, line) or _asks(_REDO, line)


def confirms(line: str) -> bool:
    """A short yes ("yes", "go ahead", "oui", "ja, bitte", "sí", "va bene"): consent to what the last reply offered."""
    return len(line.split()) <= 6 and bool(_YES.search(_plain(line)))


# -- the guardrails the chat's tools call (agents.chat_clip_tools) -----------------------------------------

def _act_key(tool: str, **args) -> str:
    return json.dumps([tool, args], sort_keys=True, default=str)


def _not_again(deps: Deps, key: str) -> None:
    """A guardrail: an act done this turn is not done again with the same arguments (a small model loops render →
    critique → salvage with the same numbers until the request limit ends the turn)."""
    if key in deps.workspace.acts:
        tool = json.loads(key)[0]
        raise ToolFailed(f"Already done in this turn: {tool} with the same arguments; its result is above.")


_ASKS = {"render": (asks_to_render, "render shot {shot}"), "rerender": (asks_to_redo, "render shot {shot} again"),
         "salvage": (asks_to_salvage, "cut or fix the clip of shot {shot}")}


_TIER_WORDS = {
    "draft": re.compile(r"\b(drafts?|preview|brouillons?|entwu?rfe?|entwurf\w*|borrador\w*|bozz[ae])\b", re.IGNORECASE),
    # "final" as the tier, not the last shot ("render the final shot", "rends le plan final", "la scena finale")
    "final": re.compile(r"(?<!plan )(?<!plano )(?<!scena )(?<!escena )(?<!szene )(?<!toma )(?<!shot )(?<!scene )"
                        r"\b(finals?|finale|finales|definitiv(?:e|en|a|o)?|endfassung)\b"
                        r"(?!\s+(?:shots?|scenes?|frames?|cut|image|moment|part|sequence|seconds?|one)\b)", re.IGNORECASE),
}


def _tier_asked(deps: Deps, tier: str) -> None:
    """A guardrail: a line that names one tier ("render shot 1 as a draft") is not rendered at the other (a model
    that saw the draft rejected went on to render a final nobody asked for)."""
    line = _plain(deps.workspace.line or "")
    other = "final" if tier == "draft" else "draft"
    if tier in _TIER_WORDS and not _asks(_TIER_WORDS[tier], line) and _asks(_TIER_WORDS[other], line):
        note = f"this line asked for a {other}: say yes (or ask for a {tier}) and the {tier} will be rendered"
        if note not in deps.workspace.notes:
            deps.workspace.notes.append(note)
        deps.workspace.refused.add("render")     # the reply's offer: a "yes" next is consent to it
        raise ToolFailed(f"Not done: this line asked for a {other}, not a {tier}. A yes from the person will do it.")


def _asked(deps: Deps, act: str, shot: int) -> None:
    """A guardrail: nothing is rendered or cut that the person did not ask for — in this line, or by saying yes to
    the offer the last reply made after such a refusal (a line-less call, from a test or the rules, is not checked).
    The word lists are a guardrail's, not the decision: a line they miss is answered with an offer, and "yes" takes it."""
    ws = deps.workspace
    asks, what = _ASKS[act]
    if not ws.line or asks(ws.line) or (ws.offered and confirms(ws.line)):
        return
    s = ws.storyboard.shots[shot - 1]      # the tool has checked the number
    if act == "rerender" and s.id in ws.rendered_before and asks_to_render(ws.line):
        return                   # "render shot 2 without the man": shot 2 had a clip, so this asks for another
    what = what.format(shot=shot)
    if act not in ws.refused:      # the reply carries the offer, whatever the model says
        ws.notes.append(f"this line did not ask to {what}: say yes (or ask for it) and it will be done")
    ws.refused.add(act)
    # said as a fact the model can pass on as it is (Qwen copied an instruction to itself into its reply)
    raise ToolFailed(f"Not done: this line did not ask to {what}. A yes from the person will do it.")


def _cuts_something(clip: Path, ops: list[SalvageOp], *, root: Path) -> None:
    """A salvage made only of trims that keep the whole clip changes nothing: the model is told the clip's length."""
    from tools.media import probe

    if any(op.op != "trim" for op in ops):
        return
    try:
        info = probe(clip, root=root)
    except NightreelError:
        return                               # apply_plan says what is wrong with the clip
    frame = 1 / max(info.fps, 1.0)
    if all((op.start_s or 0) < frame and (op.end_s is None or op.end_s >= info.duration_s - frame) for op in ops):
        raise ModelRetry(f"that trim keeps the whole clip: it is {info.duration_s:.1f} s long; trim inside "
                         f"0–{info.duration_s:.1f} s (the critic's evidence gives the times)")


_TOOL_TEXT = re.compile(r"\b(render_shot|rerender_shot|wait_for_job|critique_clip|salvage_clip|crop_frame|"
                        r"expand_brief|revise_shot|save_storyboard|functions\.|job-[0-9a-f]{6,})|Next:|\.mp4\b")


def _is_a_prompt(text: str, shot: Shot) -> bool:
    """A rewritten prompt reads as a scene: a few words, not tool-call text or a tool's result (Qwen sent
    "render_shot 1 as final Rendering shot 1 as a draft (job …)" as the new prompt)."""
    return not _TOOL_TEXT.search(text) and len(text.split()) >= 4
