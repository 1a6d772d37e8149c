"""What a prompt asks to SEE: its negated phrases taken out, and whether a text describes a person.

A search by meaning reads "no people visible anywhere" as a text about people. :func:`wanted_text` drops what a
prompt forbids before it is embedded: from a negation cue — a negator of the brief's lexicon (no, without, never,
sans, sin, ohne, kein…, senza, aucun…), a verb's negation (not, doesn't, ne, nicht, non, não), a negative pronoun
(nobody, no one, nothing, nadie, nessuno, niemand, French "personne" as the pronoun) or "free / devoid of" — to the
end of its clause; "nobody but a cyclist" keeps "a cyclist". A prompt that is all negation is returned whole.
:func:`describes_person` is the brief's own person reading (:func:`agents.brief_rules.person_mention`: role,
pronoun, body part, not when negated) on any text, plus the words video prompts use for one ("the character",
"a humanoid", "avatar") and a few Chinese ones.
``app.rendering`` hands both to the footage index, which lives on a floor below and cannot import them.
"""

from __future__ import annotations

import re

from agents.brief_cues import personne_nobody
from agents.brief_negation import negators
from agents.brief_rules import normalise, person_mention

__all__ = ["describes_person", "wanted_text"]

# clause ends: stops, colons, brackets, commas, a dash between spaces (the brief reader's clause, commas without space
# too: prompts are often comma lists)
_DELIM = re.compile(r"([.;:!?\n()\[\]]+|,|\s[-–—]\s)")
_CUE = re.compile(
    r"(?<![\w'-])(?:" + negators("not", "never", "without", "none_det", "none_pron", "nobody", "nowhere")
    + r"|nobody|no[- ]one|niet|não|nem|nessuno|niemand|niets|ne|(?:devoid|free|void|empty) of)(?![\w-])"
    r"|(?<![\w'-])n'(?=\w)", re.IGNORECASE)
# a negator that does not negate what follows it
_NOT_A_CUE = re.compile(r"(zero|not only|not just|no longer|never-?ending)\b", re.IGNORECASE)
# "nobody but a cyclist", "no one except the baker": the person after the exception is wanted
_EXCEPT = re.compile(r"(?<![\w'-])(but|except( for)?|apart from|other than|besides|save for|sauf|hormis|excepté|sino|"
                     r"salvo|excepto|außer|tranne|eccetto|behalve)(?![\w-])", re.IGNORECASE)
# where the negated thing is not: "nobody on the beach" -> "on the beach", unless that is only the frame ("in it")
_WHERE = re.compile(r"(?<![\w'-])(on|in|at|inside|across|along|under|over|by|near|around|through|sur|dans|en|à|au|aux|"
                    r"sous|sobre|auf|im|am|su|nel|nella|sul|sulla)(?![\w'-])", re.IGNORECASE)
_FRAME = {"frame", "sight", "view", "shot", "picture", "image", "scene", "it", "them", "there", "here", "anywhere",
          "all", "vue", "cadre", "the", "a", "an", "le", "la", "les", "l'", "any", "this", "that", "vista", "sicht",
          "bild", "el", "die", "der", "das", "il", "lo", "time", "ever", "moment", "point", "way", "case"}
# words left dangling before a cut negation ("dark and blank, with no text" -> "dark and blank")
_DANGLING = re.compile(r"(?:\s|^)(with|and|or|but|while|there|is|are|was|were|be|does|do|did|has|have|had|will|"
                       r"would|can|could|should|must|may|still|et|avec|ou|mais|il y a|y a|il|y|con|o|pero|hay|mit|und|"
                       r"oder|aber|es gibt|e|ed|ma|c'è|com|mas|há)\s*$", re.IGNORECASE)
# one-word "free of people" adjectives: the word goes, the place stays ("menschenleere Straße" -> "Straße")
_NOBODY_WORD = re.compile(r"(?<![\w'-])(unpeopled|uninhabited|[\w]+-free|menschenleer\w*)(?![\w-])", re.IGNORECASE)
# what video prompts call a person beyond the brief's lexicon, and the Chinese words (没有人 / 无人 say nobody)
_PROMPT_PERSON = re.compile(r"(?<![\w'-])(characters?|humanoid|avatars?)(?![\w-])|(?<!没有)(?<!无)(一个人|男人|女人|女孩|"
                            r"男孩|少女|少年|人们|老人|孩子|舞者|她|他)", re.IGNORECASE)


def _cues(low: str) -> list[int]:
    """Where each negated phrase starts in the lower-cased text."""
    starts = [m.start() for m in _CUE.finditer(low) if not _NOT_A_CUE.match(low, m.start())]
    masked = low
    while (m := personne_nobody(masked)) is not None:   # the French pronoun, not "une personne"
        starts.append(m.start())
        masked = masked[:m.start()] + "#" * (m.end() - m.start()) + masked[m.end():]
    return sorted(starts)


def _keep(piece: str, low: str, cues: list[int]) -> str:
    """A clause without its negated phrases (`cues`: their starts, relative to the clause); a phrase runs to the next
    cue or the clause's end."""
    out, pos = [], 0
    for n, c in enumerate(cues):
        end = cues[n + 1] if n + 1 < len(cues) else len(piece)
        head = piece[pos:c] if c >= pos else ""
        while (d := _DANGLING.search(head)) is not None and head.strip():
            head = head[:d.start()]
        out.append(head)
        exc = _EXCEPT.search(low, c + 1, end)
        where = _WHERE.search(low, c + 1, end)
        if exc:
            pos = exc.end()
        elif where and not set(re.findall(r"[\w']+", low[where.end():end])) <= _FRAME:
            pos = where.start()   # "personne sur la plage": the beach is wanted
        else:
            pos = end
    out.append(piece[pos:])
    return " ".join(" ".join(out).split())


def wanted_text(prompt: str) -> str:
    """`prompt` without what it forbids ("Empty room, no people visible anywhere." -> "Empty room."), see the module
    doc; the prompt itself when nothing of it would remain."""
    text = " ".join(prompt.split())
    low = text.lower()
    if len(low) != len(text):   # a letter whose lower case is longer: read it lower-cased
        text = low
    kept: list[list[str]] = []   # [clause text, the delimiter after it]
    parts, cues, start = _DELIM.split(text), _cues(low), 0
    for i in range(0, len(parts), 2):
        piece, delim = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        mine = [c - start for c in cues if start <= c < start + len(piece)]
        start += len(piece) + len(delim)
        piece = _NOBODY_WORD.sub("", _keep(piece, piece.lower(), mine) if mine else piece).strip()
        if piece:
            kept.append([piece, delim.strip()])
        elif kept and delim.strip() not in ("", ","):
            kept[-1][1] = delim.strip()   # "Empty room, no people." -> "Empty room."
    out = " ".join(p + (d if d in (",", ".", ";", ":", "!", "?") or not d else f" {d}") for p, d in kept)
    out = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(out.split())).strip(" ,;:-–—")
    return out or " ".join(prompt.split())


def describes_person(text: str) -> bool:
    """Whether `text` names a person in the picture (not a negated one: "no barista" is not a person)."""
    low = normalise(text)
    if person_mention(low) is not None:
        return True
    return any(not _negated(low, m.start()) for m in _PROMPT_PERSON.finditer(low))


def _negated(low: str, at: int) -> bool:
    clause = _DELIM.split(low[max(0, at - 60):at])[-1]
    return any(not _NOT_A_CUE.match(clause, m.start()) for m in _CUE.finditer(clause))
