"""The scope of a negation in a brief, in the five languages: which words a "no" denies.

A negator governs the few words after it in its clause ("no barista", "pas de boulanger", "niente sottotitoli",
"kein Kellner") and every noun joined to a denied one by "or / nor / ni / né / noch / ou / o" ("not a car or a
person", "Ni serveur ni client", "weder Kellner noch Gäste", "sin comensales ni camareros"): each word in that scope
is denied. A negation in front of an emptiness ("not empty", "n'est pas vide", "nicht menschenleer", "no está
vacío", "non è che sia vuoto") un-denies it: the place has someone in it.
All functions take the lower-cased, normalised brief.
"""

from __future__ import annotations

import re

__all__ = ["EMPTY_ADJ", "NEG", "denied_after", "denies_itself", "negated_before", "negators", "undenied_empty"]

# The one table of negators in the five languages, by what they deny. Each reader draws the kinds it needs: the
# scope of a denial (:func:`negated_before`: every kind but the pronouns of nothing, which head no noun); a move
# denied (``agents.brief_lexicon_shot.CAMERA_NEG``: every kind but "nobody", where a verb's negator reaches the move
# only as its verb and a noun's negator only within two words: ``agents.brief_rules_camera.denied_move``); a GIF's
# verb denied (``agents.brief_lexicon_shot.LOOP``); words denied to be read (``agents.brief_text_cues``: the
# determiners and pronouns of nothing); a person never in frame (``agents.brief_cues``: the negators of time); the
# words a model quotes for "none" (``agents.brief_claims``); the negated phrases a search drops (``agents.wanted``).
NEG = {
    # "no barista", "not a car", "ni serveur ni client", "weder … noch", "nemmeno un turista", "don't", "cannot"
    "not": r"no|not|non|nicht|nor|neither|ni|né|weder|zero|geen|nul|nulle|nemmeno|neanche|neppure|\w+n't|cannot",
    # "never a client", "jamais de zoom", "nie ein Schwenk", "mai un passante"
    "never": r"never|nie|niemals|jamais|jamás|nunca|mai",
    "without": r"without|sans|sin|ohne|senza|sem",
    # the determiners of nothing: "aucun passant", "ningún cliente", "nessun turista", "kein Mensch", "niente zoom"
    "none_det": r"aucune?|aucun\w*|ningún|ninguna|ningun[oa]s?|nessun\w*|kein\w*|nenhum\w*|niente|nichts|nada",
    # the pronouns of nothing: "nothing handheld", "rien à l'épaule", "nulla di scritto"
    "none_pron": r"nothing|none|rien|nulla",
    # nobody as a determiner's word in Spanish and Portuguese ("nadie", "ninguém" before a noun phrase)
    "nobody": r"nadie|ninguém",
    "nowhere": r"nowhere|nirgends|nirgendwo",
}


def negators(*kinds: str) -> str:
    """The negators of the given kinds of :data:`NEG`, as one alternation (no group)."""
    return "|".join(NEG[k] for k in kinds)


# one word that denies what follows it
_NEG_WORD = "(" + negators("not", "never", "without", "none_det", "nobody", "nowhere") + ")"
# two words that deny: "pas de", "pas d'", "pas un", "pas une seule", "nada de", "rien de", "jamais de"
_NEG_PAIR = {"pas": r"(de|d'|du|des|un|une|d'un|d'une|même|le moindre|la moindre)",
             "plus": r"(de|d'|un|une)",       # "plus de clients", "plus un seul client"
             "jamais": r"(de|d')",
             "nada": r"(de|del)",
             "rien": r"(de|d')"}
# words that join another noun to a denied one ("no cars or people", "ni X ni Y", "né X né Y", "weder X noch Y")
_COORD = r"(or|nor|ni|né|noch|ou|o|oder)"
_WORD = re.compile(r"[\w'-]+")


def _words(text: str, start: int) -> list[re.Match]:
    """The words before ``start`` in its clause (a comma, a stop, a bracket or a spaced dash ends a clause: "No
    cuts - a slow dolly in on the bride"), at their places."""
    at = max(0, start - 90)
    cut = list(re.finditer(r"[.,;:!?()\n]|\s-\s", text[at:start]))
    at += cut[-1].end() if cut else 0
    return list(_WORD.finditer(text, at, start))


def _denies(words: list[re.Match], i: int, low: str) -> bool:
    """The word ``words[i]`` is a negator of what follows it."""
    w = words[i].group(0)
    if w == "mai" and i > 0 and re.fullmatch(r"im|in|anfang|mitte|ende|de|du|en|of|\d+\.?|1er", words[i - 1].group(0)):
        return False  # the month ("im Mai", "le 1er mai"), not the Italian "never"
    if re.fullmatch(_NEG_WORD, w):
        return True
    if w in _NEG_PAIR and i + 1 < len(words):
        return bool(re.fullmatch(_NEG_PAIR[w], words[i + 1].group(0)) or re.match(
            r"\s*" + _NEG_PAIR[w] + r"\b", low[words[i].end():words[i].end() + 12]))
    return False


# a negation of a verb, not a determiner of the noun ("do not move the camera", "non muovere la camera"); "not a"
# and "not one" are determiners
_VERB_NEG = "(not|non|nicht|" + NEG["never"] + ")"
# words between a determiner of denial and its noun that end its scope: a preposition ("no movement of the camera")
_PREP = (r"(of|from|in|on|at|for|by|to|with|into|onto|di|del|della|dello|dei|degli|delle|von|vom|zum|zur|mit|für|"
         r"auf|im|des|du|à|au|aux|en|dans|sur|pour|avec|par|para|por|con|en|nel|nella|sul|sulla|per|da|dal|dalla)")


def negated_before(text: str, start: int, window: int = 4, _depth: int = 0, *, determiner: bool = False,
                   verb_object: bool = False) -> bool:
    """A negator among the few words before ``start`` in its clause ("no barista", "without a driver", "pas de
    boulanger"), or a coordinator there that joins this word to a denied one ("not a car or a person", "Ni
    serveur ni client"); "noch" only after "weder". With ``determiner``, only a negation of the noun itself
    counts: no verb's ("do not move the camera") and none across a preposition ("no movement of the camera").
    With ``verb_object``, a verb's negation reaches only its object, not a word past a preposition ("don't cut
    away from the old fisherman", "a pan that doesn't show the faces of the crowd")."""
    words = _words(text, start)
    last = words[-window:]
    base = len(words) - len(last)
    for j, m in enumerate(last):
        w = m.group(0)
        if w == "noch":
            if any(x.group(0) == "weder" for x in words[:base + j]):
                return True
            continue
        if not _denies(words, base + j, text):
            continue
        if verb_object and re.fullmatch(_VERB_NEG + r"|\w+n't|cannot", w) and any(
                re.fullmatch(_PREP, x.group(0)) for x in last[j + 1:]):
            continue
        if not determiner:
            return True
        after = [x.group(0) for x in last[j + 1:]]
        if re.fullmatch(_VERB_NEG, w) and not (after and re.fullmatch(r"a|an|one|un|une|uno|una|ein|eine", after[0])):
            continue
        if w in _NEG_PAIR and after:
            after = after[1:]
        if not any(re.fullmatch(_PREP, x) for x in after):
            return True
    if _depth < 4:
        for j in range(len(last) - 1, -1, -1):
            if re.fullmatch(_COORD, last[j].group(0)):
                return negated_before(text, last[j].start(), window, _depth + 1, determiner=determiner)
    return False


# an emptiness said of a place: its negation says the place is not empty
EMPTY_ADJ = (r"\b(empty|deserted|vacant|unoccupied|vide|vides|désert[es]*|vacío|vacía|vacíos|vacías|desiert[oa]s?|"
             r"leer|leere\w*|menschenleer\w*|verlassen\w*|vuot[oaie]|desert[oaie]|vazi[oa]s?)\b")
_NOT_EMPTY = (r"\b(not|never|isn't|aren't|wasn't|hardly|far from|n'est pas|ne sont pas|n'était pas|pas|jamais|"
              r"no (está|están|estaba|es|son|queda)|nunca|nicht|nie|keineswegs|alles andere als|"
              r"non (è|sono|era)( (che|affatto|mai|per niente))?( (sia|siano|fosse))?|non|tutt'altro che|"
              r"niente affatto)\s+((\w+)\s+){0,1}$")


# "not that" + a clause: the clause is denied ("Not that the lake is deserted:", "No es que esté desierto", "Ce
# n'est pas que la rue soit vide", "Nicht dass der Platz leer wäre", "Non è che la piazza sia vuota")
_NOT_THAT = (r"\b(not that|it'?s not that|it is not that|it isn'?t that|no es que|no era que|n'est pas que|"
             r"non ((è|e'|era) )?che|nicht( etwa)?,? dass|not as if|not like|no es como si|ce n'est pas comme si|"
             r"non è come se)\b[^.;:,!?]{0,40}$")


def undenied_empty(low: str, start: int) -> bool:
    """The emptiness word at ``start`` is itself denied ("Nicht menschenleer:", "the café is never empty", "la
    place n'est pas vide", "not that the lake is deserted"): the place is not empty."""
    before = low[max(0, start - 60):start]
    return bool(re.search(_NOT_EMPTY, before[-40:]) or re.search(_NOT_THAT, before))


# a denial said after what it denies, in the same note: "Subtitles? Not needed.", "Loop? No.", "Titles: none.",
# "Loop not required", "it shouldn't loop", "the words … never appear", "Untertitel nicht nötig"; or words that are
# added later, not filmed ("text overlay comes later in post")
_ANSWER_NO = (r"^(\s*[\w'-]+){0,2}\s*\?\s*(no|non|nein|nope|none|nada|niente|nessuno|aucun\w*|keine?|nothing|not (needed|required|"
              r"necessary|wanted)|not (this time|now|here|today)|nicht nötig|diesmal nicht|pas besoin|pas nécessaire|"
              r"pas cette fois|no hace falta|esta vez no|non serve|non stavolta|non questa volta)\s*([.,;!—-]|$)|"
              r"^\s*:\s*(no|non|nein|none|nada|niente|nothing|keine?|aucun\w*)\s*([.,;!—-]|$)")
# the word is the subject of the denied predicate: no other noun's determiner and no clause of place between them
# ("Seamless loop where the cut is not visible"); a predicate of being seen, not of showing something ("a pan that
# doesn't show the faces"); and not a denial of a manner ("a loop that never repeats obviously")
_PREDICATE_NO = (r"^\s*((?!(the|a|an|its|his|her|their|where|when|le|la|les|el|los|las|il|lo|gli|der|die|das|den|"
                 r"où|donde|dove|wo)\b)[\w'-]+\s+){0,3}?((is|are|was|should|must|will|does|do|can|would)\s+)?"
                 r"(not|never|\w+n't|nicht|pas|nie|jamais|nunca|mai)\s+(\w+\s+)?(be\s+)?(needed|required|necessary|"
                 r"wanted|appear\w*|shown|visible|seen|in (the )?(shot|frame|picture|image)|nötig|notwendig|gewünscht|"
                 r"erwünscht|nécessaire\w*|necesari[oa]s?|necessari[oa]|richiest[oa]|loop\w*|repeat\w*)\b"
                 r"(?!\s+(\w+ly|visibly|sichtbar|visiblement|visiblemente|visibilmente)\b)")
_LATER = (r"^[^.;!?\n]{0,40}\b(in post|in post-production|in postproduction|in der postproduktion|en post-?production|"
          r"en postproducción|in postproduzione|added later|later in post)\b")


def denied_after(low: str, end: int, *, later: bool = False) -> bool:
    """The word ending at ``end`` is denied by what follows it in its note ("Loop? No.", "Subtitles not needed",
    "the words … never appear"); with ``later``, also words added in post rather than filmed."""
    after = low[end:end + 80]
    return bool(re.match(_ANSWER_NO, after) or re.match(_PREDICATE_NO, re.split(r"[.;!\n]|,\s", after)[0])
                or (later and re.match(_LATER, after)))


def denies_itself(words: str) -> bool:
    """Evidence that carries its own denial of being seen ("the words 'Still Water' never appear", "a title that is
    not shown")."""
    return bool(re.search(r"\b(never|not|\w+n't|nicht|nie|jamais|nunca|mai)\s+(\w+\s+)?(appear\w*|shown?|visible|"
                          r"seen|readable|legible|be (seen|shown|read))\b", words))
