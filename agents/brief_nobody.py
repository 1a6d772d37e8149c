"""How a brief says nobody is in the picture beyond "nobody": a role denied in a note of its own ("no players,
only the sprinklers"), "not a single" role ("pas un promeneur"), "not even a dog"; and the "nobody" that is a figure
of speech ("a taste nobody forgets"), which says nothing of the picture.

All functions take the lower-cased, normalised brief.
"""

from __future__ import annotations

import re

from agents.brief_lexicon_people import PERSON_NOUNS
from agents.brief_lexicon_roles import ROLE_WORDS
from agents.brief_negation import negated_before as negation_scope
from agents.brief_quote import agent_word

__all__ = ["NOBODY_WORD", "denied_role", "figure_of_speech", "literal_nobody", "not_a_single_role",
           "not_even_an_animal"]

# "nobody" said of what someone would think or do, not of who is in the picture: "croissants no one could resist",
# "a view no one forgets", "nobody does amber like this", "un sabor que nadie olvida", "ein Duft, den niemand
# vergisst", "che nessuno dimentica", "que personne n'oublie"; not "no one can be seen", "nobody is there"
NOBODY_WORD = r"nobody|no[- ]?one|nadie|niemand|nessuno|personne|ninguém|kein mensch|nessuna persona|ninguna persona"
_FIGURE_AFTER = (r"\s+(ever |really |else )?(se |si |sich |s')?(could|would|can|can't|cannot|should|might|must|may|dares?|knows?|forgets?|"
                 r"remembers?|guess\w*|believes?|expects?|suspects?|imagines?|resists?|notices?|misses|beats?|does \w+ "
                 r"like|makes? \w+ like|olvid\w*|sab\w*|imagin\w*|resist\w*|pued\w*|podr\w*|espera\w*|vergiss\w*|"
                 r"vergess\w*|weiß|ahnt|kann|könnte|würde|widersteh\w*|erwartet|dimentic\w*|sa|può|potrebbe|"
                 r"ricorda\w*|ne (sa[iuv]\w*|peu\w*|pourr\w*|résist\w*|soupçonn\w*|devin\w*|remarqu\w*|reconn\w*)|"
                 r"n'(oubli\w*|imagin\w*|attend\w*|os\w*|aur\w* (cru|pensé|deviné|imaginé))|"
                 # a verb of saying, thinking or expecting: "nobody would say", "nadie diría", "nessuno direbbe",
                 # "niemand sagt", "personne ne dirait"
                 r"says?|said|thinks?|thought|tells?|claims?|dreams?|"
                 r"dirí\w*|dice\w*|dij\w*|cree\w*|creer\w*|piens\w*|pensar\w*|sospech\w*|"
                 r"dir\w*|pens\w*|cred\w*|si aspett\w*|immagin\w*|"
                 r"sag\w*|denk\w*|glaub\w*|meint|vermute\w*|"
                 r"ne (dirait|dit|dira|croirait|croit|croira|pense|penserait|devinerait|s'attend\w*|se dout\w*)|"
                 # a verb only someone there can do: "no one speaks", "personne ne parle", "nadie habla", "nessuno
                 # ride", "niemand lacht" — the people are there, silent or still
                 r"speaks?|talks?|laughs?|smiles?|answers?|says a word|looks up|ne (parle|bouge|rit|sourit|répond|dit mot)|"
                 r"habla|ríe|sonríe|responde|dice nada|parla|ride|sorride|risponde|dice niente|spricht|lacht|"
                 r"lächelt|antwortet|sagt ein wort)\b")
_FIGURE_BEFORE = r"\b(that|which|whom|que|qu'|den|die|das|dem|che|cui)\s*$"


def figure_of_speech(low: str, m: re.Match) -> bool:
    """The one-word "nobody" at ``m`` says what no one would think or do ("a taste nobody forgets"), not that
    the picture is empty."""
    word = re.search(r"\b(" + NOBODY_WORD + r")\b", m.group(0))
    if word is None or word.group(0) != m.group(0).strip():
        return False
    after = low[m.end():m.end() + 40]
    if re.match(r"\s+(ever |really )?(could|would|can|can't|cannot|should|might|must|may)( not| never)? (be )?"
                r"(seen|found|there|here|in|on|visible|spotted|around)\b", after):
        return False                                 # "no one can be seen", "nobody would be there"
    return bool(re.match(_FIGURE_AFTER, after) or re.search(_FIGURE_BEFORE, low[max(0, m.start() - 8):m.start()]))


def literal_nobody(low: str, m: re.Match | None) -> re.Match | None:
    """The "nobody" at ``m``, unless it is a figure of speech."""
    return None if m is None or figure_of_speech(low, m) else m


# nobody said as roles denied in a note of their own: "no players, only the sprinklers", "senza giocatori,",
# "Ni serveur ni client,", "not a car or a person for miles", "no farmers out yet", "no puppeteer in sight"; not "a band
# with no singer" (one role of several)
_NOTE_END = (r"(?=\s*([,.;:!?)\n]|$)|\s+((out|here|there|about|around|left|visible|present) )?(only|just|but|yet|anywhere|"
             r"around|about|in sight|at all|for miles|to be seen|left|today|tonight|now|seulement|juste|"
             r"à l'horizon|en vue|encore|solo|sólo|solamente|todavía|aún|a la vista|nur|noch nicht|weit und breit|"
             r"zu sehen|soltanto|ancora|in vista|in giro)\b|"
             # seen or not, closing the note: "no puppeteers visible.", "aucun passant visible,", "keine Gäste
             # sichtbar", "nessun visitatore in campo"
             r"\s+(visible|visibles|present|in (the )?(frame|shot|view|picture)|on screen|à l'image|dans le champ|"
             r"en cuadro|en plano|a la vista|in campo|in quadro|visibil[ei]|sichtbar|im bild)\s*([,.;:!?)\n]|$))")
# a body part denied with a role in a note is a person denied ("no hands, no model")
_GENERIC = (r"(?:person|people|persons|soul|souls|human|humans|anyone|anybody|figure|figures|hands|fingers|faces|"
            r"bodies|mains|manos|mani|hände)")


def denied_role(low: str) -> re.Match | None:
    """A role denied as a note of its own, in a negation's scope (:mod:`agents.brief_negation`): likely nobody, a
    hint (the role denied may not be everyone: "a café, no children")."""
    for end in re.finditer(r"(?<![\w'-])([\w-]+)" + _NOTE_END, low):
        at = max([0] + [c.end() for c in re.finditer(r"[,.;:!?()\n]", low[:end.start(1)])])
        words = list(re.finditer(r"(?<![\w'-])[\w'-]+", low[:end.end(1)]))
        words = [w for w in words if w.start() >= at]
        # the note's last noun and those joined to it: "Ni serveur ni client," denies the server and the client
        chain, i = [words[-1]], len(words) - 2
        while i >= 1:
            if re.fullmatch(r"(a|an|the|un|une|una|uno|el|la|le|il|lo|der|die|das|ein|eine|single|seul|seule)", words[i].group(0)):
                i -= 1
                continue
            if re.fullmatch(r"(or|nor|ni|né|noch|ou|o|oder)", words[i].group(0)):
                chain.append(words[i - 1])
                i -= 2
                continue
            break
        known = [m for m in chain if re.fullmatch(PERSON_NOUNS + "|" + ROLE_WORDS + "|" + _GENERIC, m.group(0))]
        # a noun read by its ending only ("puppeteer", "comensales") counts when every noun denied with it reads so
        ending = [m for m in chain if agent_word(m.group(0)) or re.fullmatch(r"[\w-]{3,}(ians|iens|ianos|iani)",
                                                                              m.group(0))]
        for m in known or (ending if len(ending) == len(chain) else []):
            w = m.group(0)
            if not known and not (re.search(r"(s|i|e|en|ren|innen)$", w) or re.match(
                    r"\s+(in sight|to be seen|around|about|anywhere|for miles)", low[m.end():])):
                continue  # "no singer": one role, maybe of several; "no puppeteer in sight": nobody
            if not negation_scope(low, m.start(), determiner=True):
                continue
            head = low[at:m.start()]
            if re.search(r"\b(with|avec|con|mit)\s+(\w+\s+){0,1}(no|without|sans|sin|senza|ohne|kein\w*|nessun\w*|"
                         r"ningún|ninguna|pas|not)\s+(\w+\s+){0,2}$", head):
                continue  # "a band with no singer": one role of several
            return m
    return None


# "not a single" + a role, a note of its own: nobody ("not a single skier on it", "not even one tourist", "pas un
# promeneur", "ni un solo paseante", "nemmeno un giocatore", "kein einziger Händler"); not a thing ("not a single crumb left")
_NOT_A_SINGLE = (r"\b(not (a|one)( single)?|not even (a|one)( single)?|pas même (un|une)( seule?)?|"
                 r"ni siquiera (un|una|uno)( sol[oa])?|nicht (ein)?mal (ein|eine|einen)( einzige[nrs]?)?|"
                 r"without (a|one) single|sans (un|une) seule?|sin (un|una) sol[oa]|"
                 r"senza (un|uno|una|un') sol[oa]|ohne (einen|eine|ein) einzige[nrs]?|pas (un|une)( seule?)?|pas l'ombre d'une? |ni (un|una|uno)( sol[oa])?|"
                 r"(nemmeno|neanche|neppure|nemmanco|manco) (un|uno|una|un')( sol[oa])?|"
                 r"kein(e|en|er)? einzige[rn]?|nicht (ein|eine) (einzige[rn]? )?)\s*(?P<role>[\w'-]+)"
                 r"(?=\s*([,.;:!?)\n]|$)|\s+(on|in|at|about|around|anywhere|in sight|to be seen|left|sur|dans|à|en|"
                 r"sobre|por|a la vista|nel|nella|sul|sulla|in giro|auf|im|in der|am|weit und breit|zu sehen)\b)")


def not_a_single_role(low: str) -> re.Match | None:
    """A role denied with "not a single" as a note of its own: nobody in the picture. The note's shape carries
    it, so any role word counts, even one of the broad vocabulary ("sans un seul passant")."""
    for m in re.finditer(_NOT_A_SINGLE, low):
        role = m.group("role").removeprefix("d'").removeprefix("l'")
        if re.fullmatch(r"(" + PERSON_NOUNS + r"|" + ROLE_WORDS + r")", role) or agent_word(role):
            return m
    return None


# "not even a dog in the street", "pas même un chat": an idiom of an empty place; not the idiom of a thing ("porridge
# that not even a dog would eat"), nor beside a person ("not even a dog barks at him", read as that person)
_NOT_EVEN_AN_ANIMAL = (r"\b(not even|pas même|même pas|ni siquiera|nicht (ein)?mal|nemmeno|neanche|neppure) (a|one|un|une|"
                       r"una|uno|ein|eine|einen) (stray )?(dog|cat|chien|chat|perro|gato|hund|katze|cane|gatto)\b")


def not_even_an_animal(low: str) -> re.Match | None:
    """"Not even a dog" said of a place, not as the idiom of a thing ("porridge that not even a dog would eat")."""
    m = re.search(_NOT_EVEN_AN_ANIMAL, low)
    if m is None or re.search(r"\b(that|which|so|que|qu'|che|dass|den|die|das)\s*$", low[max(0, m.start() - 12):m.start()]):
        return None
    return m
