"""The brief's people rules: who is named in the picture, and whether the brief says nobody is.

A person named by a role, an occupation, a pronoun or a body part and not negated, possessive, a likeness or absent
(:mod:`agents.brief_person`, :mod:`agents.brief_cues`) makes people required; an explicit "nobody" or an empty place
makes them none. :func:`read_people` writes the field onto a :class:`agents.brief_rules.RuleReading`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agents.brief_cues import (
    absent,
    clause,
    empty_word,
    never_in,
    normalise,
    personne_nobody,
    pronoun_nobody,
)
from agents.brief_lexicon_people import (
    BODY,
    BODY_NOT,
    CLOCK_HAND,
    DEPICTED,
    NONE_STRONG,
    NONE_WEAK,
    PERSON_ACTIONS,
    PERSON_NOUNS,
    THING_NAMES,
)
from agents.brief_negation import EMPTY_ADJ, undenied_empty
from agents.brief_negation import negated_before as negation_scope
from agents.brief_people_cues import (
    acts_by_itself,
    apposed_likeness,
    chess_piece,
    crowd_noun,
    kind_of_thing,
    modifier_noun,
    named_phrase,
    on_a_screen,
    time_of_life,
    titled_name,
    unknown_roles,
)
from agents.brief_person import (
    agent_noun,
    crowd_role,
    doubtful_pronoun,
    likeness_body,
    not_in_picture,
    opening_pronoun,
    person_signal,
)
from agents.brief_quote import agent_word

if TYPE_CHECKING:
    from agents.brief_rules import RuleReading

__all__ = ["negated_before", "person_mention", "person_mentions", "read_people", "strong_start"]


def negated_before(text: str, start: int, window: int = 4) -> bool:
    """A negator among the few words before `start`, in the same clause ("no barista", "without a driver"), or a
    list of denials reaching it ("not a car or a person", "Ni serveur ni client"): :mod:`agents.brief_negation`."""
    return negation_scope(text, start, window)


def person_mentions(low: str, doubts: list[tuple[re.Match, str]] | None = None):
    """Every word naming a person in the picture: not negated ("no barista"), not possessive ("the baker's
    stall"), not a thing, a likeness, a voice, someone awaited or optional (:func:`agents.brief_person.
    not_in_picture`). Words left out because they may be a person after all ("people optional", "she" in a
    brief about a cat) are appended to `doubts` with the reason ("optional", "pronoun")."""
    masked = re.sub(BODY_NOT, lambda m: " " * len(m.group(0)), low)
    masked = re.sub(THING_NAMES, lambda m: " " * len(m.group(0)), masked)
    # a point of view ("first-person glide", "third person view", "POV: I walk in") is the camera, not a person
    masked = re.sub(r"\b(first|second|third)[- ]person\b", lambda m: " " * len(m.group(0)), masked)
    # a measurement ("30 feet") or a thing ("palm trees") is not a person
    for m in re.finditer(r"\b(" + PERSON_NOUNS + r"|" + BODY + r")\b", masked):
        word = m.group(0)
        after = masked[m.end():m.end() + 3]
        if (after.startswith(("'s", "s'")) or (word.endswith("s") and after.startswith("' "))) \
                and word not in ("someone", "somebody"):
            # "the baker's empty stall" is not a person in frame; "the chef's hands" is (a body part)
            if not re.match(r"'s ([\w-]+ )?(hands?|fingers?|face|arms?|feet|steps|legs?|eyes|lips|shoulders?|"
                            r"breath|silhouette|wrists?|neck|nape|cheeks?|chin|brow|forehead|beard|knees?|ankles?|elbows?|"
                            r"palms?|(finger)?nails|knuckles|thumbs?|lap|hair|back|profile|mouth|skin)\b",
                            masked[m.end():m.end() + 30]):
                continue
        if negated_before(masked, m.start()):
            continue
        prev = re.findall(r"[\w'-]+", masked[max(0, m.start() - 20):m.start()])
        if prev and prev[-1] in ("for", "pour", "para", "für", "per"):  # "a spot for baristas": the audience
            continue
        if re.search(_MAKERS_PLACE + r"$", masked[max(0, m.start() - 40):m.start()]):
            continue  # "l'atelier d'un luthier", "the workshop of a cobbler": the place's maker, not someone seen
        if word in ("he", "she") and not re.match(r"\s+\w+", masked[m.end():]):
            continue
        if word == "man" and re.match(r"\s+(nie|niemals|nicht|nur|noch|kaum|auch|schon|hier|dort|es|sich|den|die|das|dem|"
                                      r"ein|eine|einen|zwar|bloß|genau|deutlich|gerade)\b", masked[m.end():]):
            continue  # the German "one" ("sieht man nie", "hört man nur"), not a man
        if likeness_body(low, m):
            continue  # "a stone angel, ivy around her feet": the likeness's, not a person's
        if word in ("hand", "hands") and re.search(CLOCK_HAND, low) and re.search(
                r"\b(the|its|their)\s+$", masked[max(0, m.start() - 7):m.start()]):
            continue  # "second hand sweeping … so the hand does one full turn": the clock's hand again
        if on_a_screen(masked, m):
            continue  # "cast and crew names scrolling", "the list of players": names to read, not people
        if chess_piece(masked, m) or apposed_likeness(masked, m):
            continue  # "a knight on a chessboard": a piece; "a fisherman, a bronze statue on the quay"
        if acts_by_itself(masked, m.start(), m.end()):
            continue  # "a player piano playing by itself": a machine, no one playing it
        if kind_of_thing(masked, m) or time_of_life(masked, m):
            continue  # "une robe de mariée": the dress's kind; "giocavamo da ragazzi": the teller's youth
        why = not_in_picture(masked, m) or ("pronoun" if doubtful_pronoun(masked, m) else None)
        if why:
            if doubts is not None and why in ("optional", "pronoun"):
                doubts.append((m, why))
            continue
        yield m
    act = re.search(PERSON_ACTIONS, masked)
    if act and not re.search(r"\b[\w'-]+\s+$", masked[max(0, act.start() - 30):act.start()].split(",")[-1]):
        yield act  # "a selfie at sunset", "hugs and tears at the gate": nothing else does them


def acted_by(low: str) -> re.Match | None:
    """A person's act ("hugs", "kisses", "waves goodbye") said of a subject the rules do not read as a person:
    likely someone, maybe a thing ("ivy hugs the wall", "waves kiss the shore"), a hint."""
    act = re.search(PERSON_ACTIONS, low)
    return act if act and not negation_scope(low, act.start()) else None


# a place named by who works or makes there: the person names the place, and is not seen by that alone (round 14)
_MAKERS_PLACE = (r"\b(workshop|workshops|atelier|ateliers|studio|bottega|laboratorio|taller|werkstatt|werkstätte|"
                 r"échoppe|boutique|cabinet|forge|fucina|herrería|schmiede|officina|obrador)\s+(of|d'|de|du|des|di|del|"
                 r"dello|della|dei|degli|eines|einer|des)\s*(a |an |the |un |une |una |uno |un'|la |el |il |lo |"
                 r"l')?")


def makers_place(words: str) -> bool:
    """The quoted words name someone only as the maker or keeper of a place ("L'atelier d'un luthier", "the
    workshop of a cobbler", "la bottega di un liutaio"): the place is named, its maker is not seen by that."""
    low = normalise(words)
    return bool(re.search(_MAKERS_PLACE + r"[\w'-]+\s*[.,;:!?]?\s*$", low)) and person_mention(low) is None


def person_mention(low: str) -> re.Match | None:
    """The first word naming a person that is not negated ("no barista") nor possessive ("the baker's stall")."""
    return next(person_mentions(low), None)


# "nobody" said of what someone would think or do, not of who is in the picture: "croissants no one could resist",
# "a view no one forgets", "nobody does amber like this", "un sabor que nadie olvida", "ein Duft, den niemand
# vergisst", "che nessuno dimentica", "que personne n'oublie"; not "no one can be seen", "nobody is there"
_NOBODY_WORD = r"nobody|no[- ]?one|nadie|niemand|nessuno|personne|ninguém|kein mensch|nessuna persona|ninguna persona"
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
    word = re.search(r"\b(" + _NOBODY_WORD + r")\b", m.group(0))
    if word is None or word.group(0) != m.group(0).strip():
        return False
    after = low[m.end():m.end() + 40]
    if re.match(r"\s+(ever |really )?(could|would|can|can't|cannot|should|might|must|may)( not| never)? (be )?"
                r"(seen|found|there|here|in|on|visible|spotted|around)\b", after):
        return False                                 # "no one can be seen", "nobody would be there"
    return bool(re.match(_FIGURE_AFTER, after) or re.search(_FIGURE_BEFORE, low[max(0, m.start() - 8):m.start()]))


def _literal(low: str, m: re.Match | None) -> re.Match | None:
    return None if m is None or figure_of_speech(low, m) else m


# nobody said as roles denied in a note of their own: "no players, only the sprinklers", "senza giocatori,",
# "Ni serveur ni client,", "not a car or a person for miles", "no farmers out yet", "no puppeteer in sight"; not "a band
# with no singer" (one role of several)
_NOTE_END = (r"(?=\s*([,.;:!?)\n]|$)|\s+((out|here|there|about|around|left|visible|present) )?(only|just|but|yet|anywhere|"
             r"around|about|in sight|at all|for miles|to be seen|left|today|tonight|now|seulement|juste|"
             r"à l'horizon|en vue|encore|solo|sólo|solamente|todavía|aún|a la vista|nur|noch nicht|weit und breit|"
             r"zu sehen|soltanto|ancora|in vista|in giro)\b|"
             # seen or not, closing the note: "no puppeteers visible.", "aucun passant visible,", "keine Gäste
             # sichtbar", "nessun visitatore in campo" (round 14)
             r"\s+(visible|visibles|present|in (the )?(frame|shot|view|picture)|on screen|à l'image|dans le champ|"
             r"en cuadro|en plano|a la vista|in campo|in quadro|visibil[ei]|sichtbar|im bild)\s*([,.;:!?)\n]|$))")
# a body part denied with a role in a note is a person denied ("no hands, no model": the writers' call, round 14)
_GENERIC = (r"(?:person|people|persons|soul|souls|human|humans|anyone|anybody|figure|figures|hands|fingers|faces|"
            r"bodies|mains|manos|mani|hände)")


def _no_role(low: str) -> re.Match | None:
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
        known = [m for m in chain if re.fullmatch(PERSON_NOUNS + "|" + _GENERIC, m.group(0))]
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
    """A role denied with "not a single" as a note of its own: nobody in the picture."""
    for m in re.finditer(_NOT_A_SINGLE, low):
        role = m.group("role").removeprefix("d'").removeprefix("l'")
        if re.fullmatch(r"(" + PERSON_NOUNS + r")", role) or agent_word(role):
            return m
    return None


# a place that is emptied of water or things, not only of people: "an empty swimming pool" may be a drained one
_EMPTIED = (r"\b(pools?|fountains?|bath(tub)?s?|tanks?|aquariums?|basins?|piscines?|piscinas?|schwimmbecken|becken|"
            r"vasca|vasche|fontaines?|fuentes?|fontan[ae]|brunnen|bassins?)\b")


# a portrait as the kind of shot, opening a sentence ("Portrait of a beekeeper …", "Tight portrait of an old
# fisherman talking", "Retrato de una bailaora"), not a painted, framed or hanging one
_FILMED_PORTRAIT = (r"(?:^|[.;:!?\n]\s*)((a|an|un|une|una|ein|eine) )?((tight|close|intimate|slow|short|quiet|candid|"
                    r"environmental|video|filmed) ){0,2}(portrait|porträt|retrato|ritratto) (of|d'|de|di|einer|eines|des)"
                    r"\s*[^.;]{0,30}$")


def filmed_portrait(low: str, start: int) -> bool:
    """The person at ``start`` is the subject of a portrait said as the shot ("Portrait of a beekeeper lifting a
    frame"), not of a picture on a wall: likely in frame, a hint."""
    return bool(re.search(_FILMED_PORTRAIT, low[max(0, start - 80):start])) and not re.search(
        r"\b(hang\w*|on the wall|framed|painted|painting|au mur|accroché\w*|colgad\w*|appes\w*|hängt\w*)\b",
        re.split(r"[.;!?\n]", low[start:])[0])


def _undenied(low: str, m: re.Match, not_empty: re.Match | None) -> bool:
    """The nobody or emptiness at ``m`` is the emptiness a negation denies ("nicht menschenleer")."""
    return not_empty is not None and m.start() <= not_empty.start() < m.end() + 1


# an exception after an emptiness: "empty but for", "deserted except", "leer bis auf", "vide sauf", "vacío salvo"
_BUT_FOR = (r"[\s,]*(but for|except( for)?|save for|apart from|other than|besides|bis auf|außer|sauf|à part|hormis|"
            r"salvo|excepto|menos|tranne|eccetto|fuorché)\b")


def _someone_after(tail: str) -> bool:
    """The words after an exception name someone: a person word or a role known by its ending ("only a lighthouse
    keeper in his window"); not a gone person's thing ("just his armchair")."""
    first = re.split(r"[.;:!?\n]", tail)[0]
    words = re.findall(r"[\w'-]+", first)[:6]
    return bool(person_mention(first)) or any(agent_word(w) for w in words)


def _pictured(low: str, m: re.Match) -> bool:
    """The person at ``m`` is only a likeness or a picture ("a marble statue of a woman", "a portrait of a sailor")."""
    return bool(re.search(DEPICTED + r"[^.;,]{0,25}$", low[max(0, m.start() - 50):m.start()]))


def strong_start(low: str) -> int:
    m = re.search(NONE_STRONG, low)
    return m.start() if m else 0


def read_people(low: str, r: RuleReading, said: str = "") -> None:
    """The people field: sure when a person is named in the picture or nobody is said explicitly, else a hint."""
    r.roles = unknown_roles(low)
    doubts: list[tuple[re.Match, str]] = []
    present, gone = [], []
    single = not_a_single_role(low)
    for m in person_mentions(low, doubts):
        if single and single.start() <= m.start() < single.end():
            continue  # "pas un promeneur": the role denied
        (gone if absent(low, m.start(), m.end()) else present).append(m)
    # the same person said never in frame elsewhere ("the reflection of a skater …, the skater never in shot"):
    # not in the picture either
    never = {g.group(0) for g in gone if never_in(low, g.end())}
    present = [m for m in present if m.group(0) not in never]
    opening = opening_pronoun(low)
    if opening and not present:
        present.append(opening)
    signal = person_signal(low)
    maybe = [m.group(0) for m, why in doubts if why == "pronoun" and not absent(low, m.start(), m.end())] \
        + ([signal] if signal else [])
    optional = [m.group(0) for m, why in doubts if why == "optional"]
    # "Nicht menschenleer:", "la place n'est pas vide": a denied emptiness says someone is there
    not_empty = next((m for m in re.finditer(EMPTY_ADJ, low) if undenied_empty(low, m.start())), None)
    strong = next((m for m in re.finditer(NONE_STRONG, low) if not figure_of_speech(low, m)
                   and not _undenied(low, m, not_empty)), None) \
        or _literal(low, personne_nobody(low)) or (pronoun_nobody(said) if len(said) == len(low) else None)
    if strong:
        tail = low[strong.end():strong.end() + 60]
        exc = re.match(r"[^.;]{0,25}?\b(but|except|save|apart from|other than|besides|only|just|excepto|salvo|menos|"
                       r"sauf|à part|außer|tranne|exceto)\b", tail)
        found = person_mention(tail[exc.end():]) if exc else None
        if found:  # "no one but the old fisherman", "no one around, only a jogger"
            r.sure("people", "required", found.group(0))
            return
        if exc and exc.group(1) in ("only", "just") and not signal and not _someone_after(tail[exc.end():]):
            exc = None  # "no one at the bar, only glasses drying": things, not an exception among people
        if exc:  # "nobody but the night guard": somebody after all, whom the rules may not know
            r.notes.append(f"people: {low[strong.start():][:60]!r} names an exception; left to the reader")
            r.hint("people", "required", low[strong.start():strong.end() + exc.end()])
            return
        # someone named elsewhere in the brief ("a busker plays but nobody stops", "Elle … ne croise personne")
        others = [m.group(0) for m in present if not strong.start() <= m.start() < strong.end()] + maybe
        if others:
            r.notes.append(f"people: {strong.group(0)!r} and {others[0]!r} in one brief; left to the reader")
            r.hint("people", "required", others[0])
            return
        if optional or re.match(r"\s*(else|más|d'autre|sonst|altro|mais)\b", low[strong.end():strong.end() + 12]):
            r.hint("people", "none", strong.group(0))  # "nobody else there", "no people … people optional"
            return
        r.sure("people", "none", strong.group(0))
        return
    weak = next((m for m in re.finditer(NONE_WEAK, low) if not _undenied(low, m, not_empty)
                 if not m.group(0).startswith(("not a", "not one")) or re.search(r"\b(" + PERSON_NOUNS + r")\b",
                                                                                  m.group(0))
                 or agent_noun(re.match(r"not (?:a|one) (?:single )?([\w-]+)", m.group(0)).group(1))),  # type: ignore[union-attr]
                None)
    denied = None if weak else _no_role(low)
    # an empty place or thing (not "no customers yet", which leaves the bartender there)
    empty = (weak if weak and not weak.group(0).startswith(("no ", "not ")) else None) or empty_word(low)
    if empty and _undenied(low, empty, not_empty):
        empty = None
    busy = re.search(r"\b(crowded|bustling|thronged|teeming|packed with|busy (street|market|station|platform|"
                     r"square|café|cafe|bar|kitchen|restaurant)|rush hour|bondée?s?|abarrotad\w*|überfüllt\w*|"
                     r"affollat\w*|gremit\w*)\b", low)
    crowd = crowd_role(low) or crowd_noun(low)
    place_empty = weak if weak and not weak.group(0).startswith(("no ", "not ")) else None
    # a negation that could govern the person named, further back in its clause than the rules scope ("no boats
    # and not one of the fishermen who used to sail them"), or a fixed name's shape ("the man in the moon"): not sure
    denial = next((m for m in present if negation_scope(low, m.start(), window=12, verb_object=True) and not re.search(
        r"\b(just|only|but|except|save|solo|sólo|seulement|sauf|nur|außer|tranne)\b",
        clause(low, m.start(), m.end()).split(m.group(0))[0])), None)
    if present and not place_empty and (denial or named_phrase(low, present) or modifier_noun(low, present) or (
            len(said) == len(low) and titled_name(said, present))):
        why = "a negation in its clause may deny it" if denial else "it may be a name, not a person"
        r.notes.append(f"people: {present[0].group(0)!r} is named but {why}; left to the reader")
        r.hint("people", "required", present[0].group(0))
    elif present and not place_empty:  # "a barista fills an empty cup": the cup is empty, not the place
        r.sure("people", "required", present[0].group(0))
    elif present:  # a person in an empty place ("a waiter sets tables in an empty restaurant"): likely there
        r.hint("people", "required", present[0].group(0))
    elif maybe:  # "she" in a brief about a cat, "Ella camina por la playa vacía": likely someone
        r.hint("people", "required", maybe[0])
    elif weak and not gone and not optional and re.match(_BUT_FOR, low[weak.end():weak.end() + 30]):
        # "the streets are empty but for a lone cyclist", "menschenleer bis auf einen Angler": someone after all
        r.hint("people", "required" if _someone_after(low[weak.end():weak.end() + 60]) else "none", weak.group(0))
    elif weak and not gone and not optional and not re.search(_EMPTIED, weak.group(0)):
        r.sure("people", "none", weak.group(0))
    elif weak and not gone and not optional:  # "an empty swimming pool": drained, or nobody in it
        r.hint("people", "none", weak.group(0))
    elif single and not [g for g in gone if not _pictured(low, g)] and not optional:
        # "not a single skier on it", "kein einziger Händler"; beside a likeness ("a marble statue of a woman …, not
        # a visitor in sight", "une statue … sans un seul passant"): the likeness is nobody (round 14)
        r.sure("people", "none", single.group(0))
    elif denied and not gone and not optional:  # "no players, only the sprinklers": one role denied, likely nobody
        r.hint("people", "none", denied.group(0))
    elif optional:  # "a deserted boardwalk, maybe a few surfers"
        r.hint("people", "allowed", optional[0])
    elif empty:  # "the room where grandmother knitted stands empty", "the bottle is empty"
        r.hint("people", "none", empty.group(0))
    elif act := acted_by(low):  # "two friends hug" is read above; "ivy hugs the wall", "waves kiss the shore": maybe no one
        r.hint("people", "required", act.group(0))
    elif busy or crowd or not_empty:  # "a crowded night market", "revellers dance", "not empty": people
        r.hint("people", "required", (busy or crowd or not_empty).group(0).strip(" ,.;:!?\n"))  # type: ignore[union-attr]
    elif gone and filmed_portrait(low, gone[0].start()):  # "Portrait of a beekeeper lifting a frame": a shot
        r.hint("people", "required", gone[0].group(0))
    elif gone:  # "the desk where Grandpa used to write": not in the picture now
        r.hint("people", "allowed", clause(low, gone[0].start(), gone[0].end()).strip())
