"""The brief's camera rules: the move the brief names or describes, kept only when it is the brief's only one.

A named move (:data:`agents.brief_lexicon_shot.CAMERA`) that is not negated, not a sky body's orbit and not a thing in
the picture ("a handheld fan", "copper pans"); a move said in plain words (:func:`agents.brief_cues.camera_plain`)
or described (:func:`agents.brief_camera.described_moves`). Several moves, or a second move the rules cannot name
(:func:`agents.brief_camera.unread_move`), leave the move to the planner. :func:`read_camera` writes the field onto
a :class:`agents.brief_rules.RuleReading`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agents.brief_camera import _MOTION, described_moves, unread_move
from agents.brief_cues import CLAUSE_END, camera_plain, clause
from agents.brief_lexicon_people import PERSON_NOUNS
from agents.brief_lexicon_shot import (
    CAMERA,
    CAMERA_IN_TRAVEL,
    CAMERA_NEG,
    CAMERA_SUBJECT,
    HOLD_ON,
    STILL,
    TRAVEL_MOVES,
)
from agents.brief_negation import denied_after
from agents.brief_person import _FANS

if TYPE_CHECKING:
    from agents.brief_rules import RuleReading

__all__ = ["read_camera"]


def _not_the_camera(move: str, m: re.Match, low: str) -> bool:
    """A named move that is a thing in the picture: "a handheld fan", "a photographer's tripod stands"."""
    after = low[m.end():m.end() + 25]
    if move == "handheld" and re.match(r"(hand[- ]?held)$", m.group(0)):
        nxt = re.match(r"\s+([\w-]+)", after)
        return bool(nxt) and not re.fullmatch(r"camera|cam|shot|shots|close-?ups?|closeup|pov|footage|style|look|feel|"
                                              r"tracking|follow\w*|take|frame|framing|documentary|camerawork|"
                                              r"movement|wide|medium|close|and|throughout|all|from|through|in|on|walk[\w-]*|"
                                              r"with|at|as|like|the|along|following|walk\w*|shooting|filming|"
                                              r"glide|travelling|traveling|"
                                              # a note's politeness or manner ("handheld please", "handheld only")
                                              r"please|pls|plz|only|again|too|mostly|preferred|if|\w+ly|"
                                              # a move said as a noun ("a slow handheld drift", "handheld sway")
                                              r"drift|drifts|sway|sways|glide|glides|move|moves|motion|pass|passes|"
                                              r"sweep|push|float|wander|roam|stroll|ride|tour|vibe|vibes|energy|"
                                              r"aesthetic|mode|approach|shots?|pov|run", nxt.group(1))
    head = re.split(r"[.;:!?\n()]|,\s", low[:m.start()])[-1]
    if move == "pan" and not re.match(r"(camera|slow|whip|lateral|horizontal|gentle|quick|lazy)\b", m.group(0)) and (
            re.search(r"\b(pots and|pots &|frying|sauce|copper|cast-iron|iron|steel|saut[eé]|gold|baking|roasting|"
                      r"cake|bread|dust|muffin|enamel|clay|non-stick)\s*$", head)
            or re.match(r" for gold", low[m.end():])):
        return True   # "copper pans over the stove", "gold panning"
    # a camera in the picture moves, not ours: "a security camera pans across the lot", "eine Überwachungskamera
    # schwenkt", "una cámara de seguridad gira"
    if re.search(r"\b((security|surveillance|cctv|traffic|doorbell|dash|web)[ -]?cam(era)?s?|\w*überwachungskamera\w*|"
                 r"cámaras? de (seguridad|vigilancia)|caméras? de (surveillance|sécurité)|"
                 r"telecamer[ae] di (sorveglianza|sicurezza))\s+(\w+ly\s+|slowly\s+|lentement\s+|langsam\s+|"
                 r"lentamente\s+)?$", head) or (re.match(r"cam", m.group(0)) and re.search(
                     r"\b(security|surveillance|cctv|traffic|doorbell|dash|web)[ -]?$", head)):
        return True
    # a verb whose subject is a person: "die Fans schwenken Fahnen" (they wave flags), "the dancers circle the fire"
    subject = re.search(r"([\w'-]+)\s+$", head)
    if subject and not re.search(CAMERA_SUBJECT, head) and (
            re.fullmatch(PERSON_NOUNS, subject.group(1)) or re.fullmatch(_FANS, subject.group(1))):
        return True
    # a thing that zooms: "a motorbike zooms in and out of traffic"
    thing_zooms = re.match(r" and (in|out)\b", low[m.end():]) or (
        re.search(r"\b(?!(camera|lens|shot|then|and|slowly|gently|quickly|now)\b)[a-z]+\s+$", head)
        and not re.search(r"\b(camera|lens|shot)\b", head))
    if move in ("dolly_in", "dolly_out") and re.match(r"zoom(s|ing)\b", m.group(0)) and thing_zooms:
        return True
    # an intransitive move whose subject is a thing: "le chat s'approche lentement", "el perro avanza"
    if move in ("dolly_in", "dolly_out", "orbit") and not re.search(CAMERA_SUBJECT, m.group(0)) \
            and not re.search(CAMERA_SUBJECT, head) and re.fullmatch(
                r"s'approche\w*( lentement)?|s'éloigne|avanza|se acerca|se aleja|retrocede|si avvicina|si allontana|"
                r"nähert sich|entfernt sich|tourne autour|gira (alrededor|intorno)|umkreist|orbita|ruota intorno",
                m.group(0)) and re.search(r"\b(the|a|an|le|la|les|un|une|el|los|las|der|die|das|ein|eine|il|lo|gli|"
                                          r"una|l')\s*[\w'-]+", head):
        return True
    if move == "locked" and re.search(r"\b(telescope|easel|lamp|light|spotlight|cauldron|pot|kettle|theodolite|"
                                      r"microphone|mic|stool|table|brazier|flag|sign|binoculars)s?\b[^.;,]{0,12}$",
                                      low[max(0, m.start() - 40):m.start()]):
        return True       # "a telescope on a tripod"
    if move == "locked" and re.search(r"\b(movement|motion|moves?)$", m.group(0)) and not re.search(
            r"\b(we|camera|cam|shot|frame|hold|holds|holding|sticks|tripod|trépied|trípode|stativ|cavalletto)\b",
            clause(low, m.start(), m.end()) + " "
            + re.split(r"[.;!?\n]", low[:m.start()])[-1]):
        return True       # "The pond at dawn, no movement, like glass": the water's stillness
    if move == "locked" and re.fullmatch(r"tripod|trépied|trípode|stativ", m.group(0)):
        if re.search(r"\b(locked([- ]off)?|static|fixed|steady)\s+$", low[max(0, m.start() - 20):m.start()]):
            return False  # "a locked tripod and make it rain": a tripod the camera is locked on, whatever follows
        return bool(re.match(r"\s+(stands?|sits?|lies|leans?|is|falls?|topples?|tips?|holds?|with|and|legs?)\b",
                             after)) or low[max(0, m.start() - 3):m.start()].endswith("'s ")
    return False


_CELESTIAL = r"(planets?|moons?|satellites?|electrons?|(the )?sun|(the )?earth|space station|comets?|asteroids?|stars?)"


def _celestial_orbit(low: str, m: re.Match) -> bool:
    """An orbit that a sky body makes or is the centre of ("the moon orbits the earth", "a satellite in orbit"),
    not a camera move near a word for the sun ("orbit the sundial as the sun climbs")."""
    if re.search(r"\bcamera\b", low[max(0, m.start() - 30):m.end() + 10]):
        return False
    before = low[max(0, m.start() - 30):m.start()]
    if re.search(r"\b" + _CELESTIAL + r"\s+(\w+\s+)?$", before) or re.match(
            r"\s+(a?round |about )?(the |a |an |its |their )?" + _CELESTIAL + r"\b", low[m.end():]):
        return True
    return bool(re.search(r"\b(in|into|out of) $", before) or m.group(0) == "orbital") and bool(
        re.search(r"\b" + _CELESTIAL + r"\b", clause(low, m.start(), m.end())))


def denied_move(low: str, at: int) -> bool:
    """The move said at ``at`` is in a negation's scope ("nothing handheld", "niente camera a mano", "no zoom"),
    not past a "but" that ends it ("nothing moves but the camera dollies in")."""
    window = low[max(0, at - 25):at]
    neg = list(re.finditer(CAMERA_NEG + r"((?!\s-\s)[^.,;:\n])*$", window))  # a dash ends it
    scope = re.sub(r"\b(anything|everything|all) (but|except)\b", " ", neg[0].group(0)) if neg else ""
    if neg and not any(_reaches_move(window[n.start():]) for n in re.finditer(CAMERA_NEG, window)
                       if n.start() >= neg[0].start()):
        return False
    return bool(neg) and not re.search(r"\b(but|only|just|except|mais|sauf|seulement|pero|sino|solo|sólo|ma|"
                                       r"aber|sondern|nur)\b", scope)


# negators that deny a verb ("can't", "won't", "cannot") reach the move only as its verb or the verb of doing it
# ("don't pan", "we can't use the zoom"), not across another verb ("the kids can't resist as we dolly in", "you
# cannot miss the slow push in"); those that deny a noun ("nor", "neither", "zero", "aucun") only a move within
# two words ("zero camera shake", "aucun panoramique"), not another noun ("at zero degrees the camera pans",
# "neither rain nor wind stops the slow push in", "aucun bruit pendant le panoramique")
_VERB_NEGATOR = r"\w+n't|cannot|can not"
_NOUN_NEGATOR = r"nor|neither|zero|aucune?|aucun\w*"
_CLAUSE_WORD = (r"as|while|when|and|but|because|so|that|who|which|until|et|pendant|quand|qui|que|mientras|cuando|y|"
                r"mentre|quando|che|während|wenn|als|und")


def _reaches_move(scope: str) -> bool:
    """The negator opening ``scope`` (the words from it to the move) governs the move."""
    first = re.match(r"[\w']+( not)?", scope)
    word = first.group(0) if first else ""
    rest = re.findall(r"[\w'-]+", scope[len(word):])
    if re.fullmatch(_VERB_NEGATOR, word):
        return not rest or (re.fullmatch(_DOING, rest[0]) is not None and not any(
            re.fullmatch(_CLAUSE_WORD, w) for w in rest))
    if re.fullmatch(_NOUN_NEGATOR, word):
        return len(rest) <= 2 and not any(re.fullmatch(_CLAUSE_WORD, w) for w in rest)
    return True


# the verbs of doing, using or keeping that may open a clause with the move as their object ("Use the handheld look",
# "Keep the pan slow", "Gardez le travelling", "Usa el zoom", "Nimm den Schwenk"), and the words that open a clause
# without being its verb (prepositions, conjunctions: "Through the handheld chaos", "and the pan")
_DOING = (r"use|go|try|keep|do|shoot|film|start|begin|end|finish|open|close|add|give|make|want|let|take|hold|bring|"
          r"stay|move|push|pull|follow|track|frame|capture|record|apply|include|need|prefer|favour|favor|mimic|emulate|"
          r"choose|pick|like|love|allow|repeat|run|get|play|fake|simulate|match|mix|combine|maintain|continue|ease|"
          r"glide|drift|land|feature|imagine|picture|think|is|was|are|be|has|have|will|would|should|could|can|must|"
          r"mount|set|place|put|lock|fix|rest|"
          r"utilise[zr]?|garde[zr]?|faites|fais|prene[zr]|prends|commence[zr]?|termine[zr]?|ajoute[zr]?|"
          r"privilégie[zr]?|essaye[zr]?|suive[zr]|voici|c'est|usa|usad|use|usen|utiliza|haz|haced|empieza|termina|"
          r"mantén|mantened|añade|sigue|prueba|toma|es|usate|utilizza|fai|fate|inizia|mantieni|aggiungi|segui|prova|"
          r"prendi|è|nutze|nutzt|benutze|benutzt|verwende|verwendet|mach|macht|nimm|nehmt|beginne|beginnt|halte|"
          r"haltet|behalte|folge|probiere|ist")
_NOT_A_VERB = (r"through|with|in|on|from|after|before|over|into|across|along|around|at|by|for|of|during|like|as|behind|"
               r"under|toward|towards|via|per|then|and|or|but|so|also|only|just|even|\w+ly|\d+\w*|"
               r"dans|avec|sur|pour|par|en|et|ou|mais|puis|con|por|para|desde|y|o|pero|luego|su|da|e|ma|poi|mit|auf|"
               r"durch|über|nach|für|bei|von|und|oder|aber|dann|erst|danach|a|an|un|une|una|uno|ein|eine")
_OPENING_DET = r"the|that|this|any|all|those|these|le|la|les|l'|ce|cet|cette|el|los|las|ese|esa|il|lo|gli|den|die|das|diesen|jeden"


def refused_by_verb(low: str, at: int) -> bool:
    """The move at ``at`` is the object of a verb that opens its clause and is no verb of doing or keeping ("Drop
    the handheld look", "Lose the zoom", "Scrap that orbit", "Laissez tomber le zoom"): maybe refused, not sure."""
    head = re.split(CLAUSE_END, low[:at])[-1]
    m = re.fullmatch(r"\s*(¿|¡)?((laisse[zr]?|lascia(te)?|deja(d)?|lass|lasst)\s+[\w'-]+|[\w'-]+)\s+("
                     + _OPENING_DET + r")\s*([\w-]+\s+)?", head)
    return bool(m) and not re.fullmatch(_DOING + r"|" + _NOT_A_VERB + r"|" + _OPENING_DET, m.group(2))


def _camera_mentions(low: str) -> list[tuple[int, str, str]]:
    found = []
    for move, pat in CAMERA:
        for m in re.finditer(pat, low):
            if denied_move(low, m.start()) or denied_after(low, m.end()) or (
                    refused_by_verb(low, m.start()) and not re.match(CAMERA_SUBJECT, m.group(0))):
                continue  # "no zoom", "Handheld? No.", "Schwenk? Nein.", "Drop the handheld look"
            if move == "orbit" and _celestial_orbit(low, m):
                continue
            if _not_the_camera(move, m, low):
                continue
            found.append((m.start(), move, m.group(0)))
            break
    return sorted(found)


# moves chained by "first … then" in five languages ("prima una panoramica, poi ci avviciniamo", "erst Schwenk, dann
# ranfahren", "primero un paneo, luego nos acercamos", "d'abord un panoramique, puis on s'approche")
_FIRST = (r"\b(first|at first|prima|dapprima|all'inizio|erst|zuerst|zunächst|anfangs|primero|al principio|"
          r"d'abord|au début|tout d'abord)\b")
_THEN = (r"\b(then|after that|afterwards|poi|quindi|dopo|dann|danach|anschließend|luego|después|despues|puis|"
         r"ensuite|après|finally|infine|alla fine|enfin|schließlich|zum schluss|finalmente|al final)\b")
_SET = (r"\b(static|statique|statisch\w*|estátic[oa]|statica|fix[ea]s?|fija|fisso|fissa|ferm[oa]|fest\w*|"
        r"immobile|inmóvil|schwenk\w*|panoramica|paneo|panoramique|travelling|carrellata|kamerafahrt|"
        r"\w*fahren)\b")   # a zoom is the lens, no move of the camera: "zoom, then a pan" names one move


def _a_travel(move: str, words: str) -> bool:
    """The move was read from a travel noun and a direction with no camera word in them ("traveling around Japan",
    "carrello avanti"), not from the camera's own words ("Kamerafahrt rückwärts")."""
    if re.search(CAMERA_IN_TRAVEL, words) or any(m == move and (m, p) not in TRAVEL_MOVES and re.search(p, words)
                                                 for m, p in CAMERA):
        return False   # the camera's own words ("Kamerafahrt", "travelling avant" as French says it)
    return any(m == move and re.fullmatch(p, words) for m, p in TRAVEL_MOVES)


def _moves_in(part: str) -> bool:
    return bool(_camera_mentions(part) or described_moves(part) or re.search(_SET, part))


def chained_moves(low: str) -> str | None:
    """Two moves said in order in one sentence ("first … then", "…, poi … e infine …"): the words, or None."""
    for sentence in re.finditer(r"[^.;!?\n]+", low):
        sen = sentence.group(0)
        cuts = [m.start() for m in re.finditer(_THEN, sen)]
        parts = [sen[a:b] for a, b in zip([0, *cuts], [*cuts, len(sen)], strict=True)]
        if len(parts) > 1 and sum(_moves_in(p) or (i > 0 and _opens_on_motion(p)) for i, p in enumerate(parts)) > 1:
            return sen.strip()
    return None


def _opens_on_motion(step: str) -> bool:
    """A step after "then" whose verb, in its first words, moves the camera ("e infine si avvicina alla torre")."""
    return bool(re.match(_THEN + r"\s+([\w']+\s+){0,2}?(" + _MOTION + r")", step))


def ordered_steps(low: str) -> str | None:
    """A sentence said as steps in order ("first … then"): a move read in one step may not be the others', so
    the rules are not sure of it. The words, or None."""
    for sentence in re.finditer(r"[^.;!?\n]+", low):
        sen = sentence.group(0)
        first = re.search(_FIRST, sen)
        if first and re.search(_THEN, sen[first.end():]):
            return sen.strip()
    return None


# a hold and a move at once ("keep the frame on the dancer while the camera circles her", "hold the frame on the
# baby, handheld"), or one after the other ("hold the shot on the door, then push in", "dolly in; hold the frame")
_AT_ONCE = r"\b(while|whilst|as|mientras|pendant que|tandis que|alors que|mentre|während|indem)\b"
_IN_TURN = r"\b(then|and|after|puis|et|ensuite|luego|después|y|poi|e|dopo|dann|und|danach)\b"


def framed_hold(low: str, moves: list[tuple[int, str, str]]) -> re.Match | None:
    """A hold on a subject ("hold the shot on the door") that is a still step of its own: alone, or in turn with
    another move; None when the brief holds the subject while the camera moves."""
    held = re.search(HOLD_ON, low)
    if held is None:
        return None
    start = max([0] + [c.end() for c in re.finditer(r"[.;!?\n]", low[:held.start()])])
    end = min([len(low)] + [held.end() + c.start() for c in re.finditer(r"[.;!?\n]", low[held.end():])])
    sentence = low[start:end]
    if re.search(_AT_ONCE, sentence):
        return None
    together = [at for at, _, _ in moves if start <= at < end and at != held.start()]
    return None if together and not re.search(_IN_TURN, sentence) else held


def read_camera(low: str, r: RuleReading) -> None:
    """The camera field: sure when the brief names one move, a hint when it only describes one, else open."""
    chained = chained_moves(low)
    if chained:
        r.notes.append(f"the brief names several camera moves ({chained!r}): each shot's move is left to the planner")
        return
    moves = _camera_mentions(low)
    # a travel noun without the camera in its words may be a trip or a cart: a hint the model confirms
    travel = [(at, m, w) for at, m, w in moves if _a_travel(m, w)]
    moves = [mv for mv in moves if mv not in travel]
    plain = camera_plain(low)
    if plain and plain[2] and not any(m == plain[0] for _, m, _ in moves):
        moves.append((low.find(plain[1]), plain[0], plain[1]))
    # a described move in a negation's scope is no move ("Niente camera a mano")
    described = [d for d in described_moves(low) if not denied_move(low, d[0])
                 and not denied_after(low, d[0] + len(d[2]))]
    moves += [(at, m, w) for at, m, w, sure in described if sure and not any(m == n for _, n, _ in moves)]
    hints = [(at, m, w) for at, m, w, sure in described if not sure] + travel
    if plain and not plain[2]:
        hints.append((low.find(plain[1]), plain[0], plain[1]))
    held = framed_hold(low, moves + hints)
    if held:
        hints.append((held.start(), "locked", held.group(0)))
    distinct = {m for _, m, _ in moves}
    # a described move the rules are unsure of still counts against a sure one: two moves leave the choice
    several = distinct | {h[1] for h in hints if distinct and h not in travel}   # a trip is no second move
    unread = unread_move(low, moves + hints + [(at, m, w) for at, m, w, _ in described]) if len(several) == 1 else None
    if unread and {m for _, m, _ in _camera_mentions(unread)} == several:
        unread = None  # "Locked camera, tripod": the same move said twice
    if unread:  # "Static on the dancers, then pan off to the band": a second move the rules cannot name
        r.notes.append(f"the brief names a camera move the rules do not read ({unread!r}) besides "
                       f"{moves[0][2] if moves else hints[0][2]!r}: each shot's move is left to the planner")
        return
    steps = ordered_steps(low) if len(distinct) == 1 and len(several) == 1 else None
    if steps:  # "prima un giro attorno alla bottiglia, poi ci avviciniamo": the other step may be a move too
        r.notes.append(f"the brief says its shots in order ({steps!r}): the move read is a hint")
        r.hint("camera", moves[0][1], moves[0][2])
    elif len(distinct) == 1 and len(several) == 1:
        r.sure("camera", moves[0][1], moves[0][2])
    elif len(several) > 1:
        found = sorted(moves + [h for h in hints if h[1] not in distinct])
        r.notes.append("the brief names several camera moves (" + ", ".join(f"{m} ({w!r})" for _, m, w in found)
                       + "): each shot's move is left to the planner")
    elif hints:
        r.hint("camera", hints[0][1], hints[0][2])
    if r.values.get("camera") == "locked" and re.search(STILL, low):
        r.sure("motion", "still", re.search(STILL, low).group(0))  # type: ignore[union-attr]
