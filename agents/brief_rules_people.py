"""The brief's people rules: who is named in the picture, and whether the brief says nobody is.

A person named by a word of :data:`agents.brief_lexicon_people.PERSON_NOUNS`, a pronoun or a body part and not
negated, possessive, a place's keeper, a likeness or absent (:mod:`agents.brief_person`, :mod:`agents.brief_cues`)
makes people required; a word of the broad role vocabulary (:mod:`agents.brief_lexicon_roles`) only hints it. An
explicit "nobody" or an empty place makes them none (:mod:`agents.brief_nobody` for the other ways of saying it).
:func:`read_people` writes the field onto a :class:`agents.brief_rules.RuleReading`.
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
    pictured,
    pronoun_nobody,
)
from agents.brief_lexicon_people import (
    BODY,
    BODY_NOT,
    CLOCK_HAND,
    NONE_STRONG,
    NONE_WEAK,
    PERSON_ACTIONS,
    PERSON_NOUNS,
    THING_NAMES,
)
from agents.brief_lexicon_roles import ROLE_WORDS
from agents.brief_negation import EMPTY_ADJ, undenied_empty
from agents.brief_negation import negated_before as negation_scope
from agents.brief_nobody import (
    denied_role,
    figure_of_speech,
    literal_nobody,
    not_a_single_role,
    not_even_an_animal,
)
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
)
from agents.brief_person import (
    agent_noun,
    crowd_role,
    doubtful_pronoun,
    likeness_body,
    names_likeness,
    not_in_picture,
    opening_pronoun,
    person_signal,
)
from agents.brief_quote import agent_word
from agents.brief_unknown import denied_nouns, unknown_roles

if TYPE_CHECKING:
    from agents.brief_rules import RuleReading

__all__ = ["negated_before", "person_mention", "person_mentions", "read_people", "strong_start"]


def negated_before(text: str, start: int, window: int = 4) -> bool:
    """A negator among the few words before `start`, in the same clause ("no barista", "without a driver"), or a
    list of denials reaching it ("not a car or a person", "Ni serveur ni client"): :mod:`agents.brief_negation`."""
    return negation_scope(text, start, window)


def person_mentions(low: str, doubts: list[tuple[re.Match, str]] | None = None, nouns: str = PERSON_NOUNS):
    """Every word of ``nouns`` (the sure person words and body parts by default) naming a person in the picture:
    not negated ("no barista"), not possessive ("the baker's stall"), not a thing, a likeness, a voice, someone
    awaited or optional (:func:`agents.brief_person.not_in_picture`). Words left out because they may be a person
    after all ("people optional", "she" in a brief about a cat) are appended to `doubts` with the reason
    ("optional", "pronoun")."""
    masked = re.sub(BODY_NOT, lambda m: " " * len(m.group(0)), low)
    masked = re.sub(THING_NAMES, lambda m: " " * len(m.group(0)), masked)
    # a point of view ("first-person glide", "third person view", "POV: I walk in") is the camera, not a person
    masked = re.sub(r"\b(first|second|third)[- ]person\b", lambda m: " " * len(m.group(0)), masked)
    # a measurement ("30 feet") or a thing ("palm trees") is not a person
    sure_words = nouns is PERSON_NOUNS
    for m in re.finditer(r"\b(" + (PERSON_NOUNS + r"|" + BODY if sure_words else nouns) + r")\b", masked):
        word = m.group(0)
        after = masked[m.end():m.end() + 3]
        if (after.startswith(("'s", "s'")) or (word.endswith("s") and after.startswith("' "))) \
                and word not in ("someone", "somebody") and not _is_contracted(masked, m.end()) \
                and not re.match(r"'s ([\w-]+ )?(hands?|fingers?|face|arms?|feet|steps|legs?|eyes|lips|shoulders?|"
                                 r"breath|silhouette|wrists?|neck|nape|cheeks?|chin|brow|forehead|beard|knees?|ankles?|"
                                 r"elbows?|palms?|(finger)?nails|knuckles|thumbs?|lap|hair|back(?=\s*([,.;:!?]|$|(to|turned|"
                                 r"against|as|is|bent|hunched|towards?|and)\b))|profile|mouth|skin)\b",
                                 masked[m.end():m.end() + 30]):
            continue  # "the baker's empty stall" is not a person in frame; "the chef's hands" is (a body part)
        if negated_before(masked, m.start()):
            continue
        prev = re.findall(r"[\w'-]+", masked[max(0, m.start() - 20):m.start()])
        if prev and prev[-1] in ("for", "pour", "para", "für", "per"):  # "a spot for baristas": the audience
            continue
        if owner_only(masked, m):
            continue  # "l'atelier d'un luthier", "la casa dei nonni, vuota": the place's owner, not someone seen
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
        why = not_in_picture(masked, m) or ("pronoun" if doubtful_pronoun(masked, m) or (
            re.fullmatch(r"she|her", m.group(0)) and re.search(_VESSELS, masked[:m.start()])) else None)
        if why:
            if doubts is not None and why in ("optional", "pronoun"):
                doubts.append((m, why))
            continue
        yield m
    act = re.search(PERSON_ACTIONS, masked) if sure_words else None
    if act and not re.search(r"\b[\w'-]+\s+$", masked[max(0, act.start() - 30):act.start()].split(",")[-1]):
        yield act  # "a selfie at sunset", "hugs and tears at the gate": nothing else does them


# a ship is "she" in English ("An old schooner under full sail, she heels over")
_VESSELS = (r"\b(ships?|boats?|schooners?|yachts?|sailboats?|ketch|sloop|brig|frigates?|liners?|tankers?|trawlers?|"
            r"ferr(y|ies)|tugs?|tugboats?|steamers?|steamships?|galleons?|barges?|cutters?|dinghy|canoes?|vessels?)\b")


def _is_contracted(low: str, end: int) -> bool:
    """The "'s" after a person word at ``end`` is "is", not a possessive: an article, a negation or a place follows
    ("the baker's the only one in the shop", "the chef's not here", "the guard's alone at the gate")."""
    return bool(re.match(r"'s (the|a|an|not|alone|here|there|at|in|on|inside|outside|already|just|asleep|awake)\b",
                         low[end:end + 12]))


def acted_by(low: str) -> re.Match | None:
    """A person's act ("hugs", "kisses", "waves goodbye") said of a subject the rules do not read as a person:
    likely someone, maybe a thing ("ivy hugs the wall", "waves kiss the shore"), a hint."""
    act = re.search(PERSON_ACTIONS, low)
    return act if act and not negation_scope(low, act.start()) else None


# a place named by whoever keeps, works or lives there, in the five languages: "the workshop of a cobbler", "la
# cabine du capitaine", "la caserne des pompiers", "el despacho del capitán", "la casa dei nonni", "das Zimmer der
# Krankenschwestern"
_OWNED_PLACE = (r"\b(workshops?|studio|office|room|rooms|cabin|house|home|kitchen|garden|shop|store|stall|quarters|desk|"
                r"locker room|changing room|dressing room|barracks|station|truck|van|hut|bedroom|study|farm|yard|tent|"
                r"atelier|ateliers|échoppe|boutique|cabinet|forge|cabine|caserne|vestiaires?|cuisine|maison|chambre|"
                r"bureau|salle|jardin|camion|loge|ferme|cabane|roulotte|appartement|salon|"
                r"taller|obrador|herrería|despacho|casa|cocina|habitación|cuarto|jardín|camión|oficina|vestuario|"
                r"cuartel|camarote|cabina|tienda|huerto|granja|"
                r"bottega|laboratorio|officina|fucina|cucina|stanza|giardino|ufficio|aula|spogliatoio|caserma|"
                r"negozio|orto|fattoria|"
                r"werkstatt|werkstätte|schmiede|zimmer|haus|küche|garten|büro|wagen|kabine|kajüte|laden|stube|"
                r"hütte|umkleide\w*)\s+(of|d'|de|du|des|del|dei|degli|delle|della|dello|di|der|eines|einer|von|vom)"
                r"(\s*(the|a|an|my|his|her|their|our|two|three|some|un|une|un'|l'|la|le|les|los|las|el|mi|su|sus|"
                r"mis|il|lo|i|gli|uno|una|mia|mio|miei|mie|dem|den|ein|eine|einem)\b'?)?\s*$")
# the owner of that place at work in it: "the workshop of a cobbler who hammers nails", "la boutique d'une
# fleuriste qui compose un bouquet", "el taller de un herrero que golpea el hierro", "the captain's … at the wheel"
_AT_WORK = (r"\s*,?\s+(who|that|qui|que|quien|quienes|che|welche\w*|der|die|is|are|est|sont|está|están|è|sono|ist|"
            r"sind|\w+ing|at work|au travail|trabajando|al lavoro|bei der arbeit)\b")
def owner_only(low: str, m: re.Match) -> bool:
    """The person at ``m`` is named only as whoever keeps or lives in a place ("la cabine du capitaine", "the
    workshop of a cobbler"), not at work there: not in the picture by that."""
    before = re.sub(r"\w+-$", "", low[max(0, m.start() - 40):m.start()])   # "la maison des grands-parents"
    return bool(re.search(_OWNED_PLACE, before)) and not re.match(
        _AT_WORK, low[m.end():m.end() + 30])


def makers_place(words: str) -> bool:
    """The quoted words name someone only as the maker or keeper of a place ("L'atelier d'un luthier", "the
    workshop of a cobbler", "la bottega di un liutaio"): the place is named, its maker is not seen by that."""
    low = normalise(words)
    return bool(re.search(_OWNED_PLACE.removesuffix("$") + r"[\w'-]+\s*[.,;:!?]?\s*$", low)) \
        and person_mention(low) is None


def person_mention(low: str) -> re.Match | None:
    """The first word naming a person that is not negated ("no barista") nor possessive ("the baker's stall")."""
    return next(person_mentions(low), None)


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


def departed(low: str, m: re.Match) -> bool:
    """The person at ``m`` is said to have gone, as the subject of its own clause ("the acrobats have left", "die
    Köche sind längst weg", "les serveurs sont partis"), not named in the past or in a picture."""
    after = low[m.end():m.end() + 40]
    return not pictured(low, m.start()) and (never_in(low, m.end()) or bool(
        re.match(r"\s+((have|has|had|are|is|were|was|sont|sind|son|se han|se sono|han|hanno)\s+)?(long\s+|längst\s+|"
                 r"already\s+|déjà\s+|ya\s+|già\s+|schon\s+)?(gone|left|departed|partis?|parties?|weg|fort|"
                 r"gegangen|idos?|idas?|marchado|andati|andate|partiti|partite|usciti)\b", after)))


def strong_start(low: str) -> int:
    m = re.search(NONE_STRONG, low)
    return m.start() if m else 0


def _read_nobody(low: str, r: RuleReading, strong: re.Match, named: list[re.Match], maybe: list[str],
                 optional: list[str], signal: str | None) -> None:
    """An explicit "nobody" at ``strong``: sure *none*, unless an exception ("no one but the old fisherman") or
    someone named elsewhere in the brief (``named``, ``maybe``) or an optional person leaves it to the reader."""
    tail = low[strong.end():strong.end() + 60]
    exc = re.match(r"[^.;]{0,25}?\b(but|except|save|apart from|other than|besides|only|just|excepto|salvo|menos|"
                   r"sauf|à part|außer|tranne|exceto|autre que|d'autres que|más que|sino|altro che|se non|als)\b", tail)
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
    others = [m.group(0) for m in named if not strong.start() <= m.start() < strong.end()] + maybe
    if others:
        r.notes.append(f"people: {strong.group(0)!r} and {others[0]!r} in one brief; left to the reader")
        r.hint("people", "required", others[0])
        return
    if optional or re.match(r"\s*(else|más|d'autre|sonst|altro|mais)\b", low[strong.end():strong.end() + 12]):
        r.hint("people", "none", strong.group(0))  # "nobody else there", "no people … people optional"
        return
    r.sure("people", "none", strong.group(0))


def read_people(low: str, r: RuleReading, said: str = "") -> None:
    """The people field: sure when a person is named in the picture or nobody is said explicitly, else a hint."""
    # not a place's keeper ("l'atelier d'un luthier"): the kind of a role seen at work is asked
    r.roles = [p for p in unknown_roles(low, said)
               if not owner_only(low, re.search(re.escape(p.split()[-1]), low))]  # type: ignore[arg-type]
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
    # the broad vocabulary of roles: someone likely named, never a sure person, and enough to keep an emptiness
    # beside it a hint ("Les infirmières marchent dans le couloir vide")
    roles = [m for m in person_mentions(low, nouns=ROLE_WORDS) if not absent(low, m.start(), m.end())
             and not never_in(low, m.end()) and not (single and single.start() <= m.start() < single.end())]
    opening = opening_pronoun(low)
    if opening and not present:
        present.append(opening)
    signal = person_signal(low)
    said_at = re.search(r"(?<![\w'-])" + re.escape(signal), low) if signal else None
    if said_at and never_in(low, said_at.start() + len(signal.split()[0])):  # type: ignore[union-attr]
        signal = None   # "sie selbst bleibt außerhalb des Bildes": the pronoun's person is out of the picture
    # a pronoun after an animal or a likeness and no one else ("A sea turtle glides … She turns toward us") is
    # theirs: no doubt of a person, unless the animal is "it" beside it ("then she saddles it")
    maybe = [m.group(0) for m, why in doubts if why == "pronoun" and not absent(low, m.start(), m.end())
             and (re.search(r"\b(" + PERSON_NOUNS + r"|" + ROLE_WORDS + r")\b", low[:m.start()])
                  or not (names_likeness(low[:m.start()]) or re.search(_VESSELS, low[:m.start()]))
                  or re.search(r"\b(it|its|them)\b", re.split(r"[.;!?\n]", low[m.end():])[0]))] \
        + ([signal] if signal else [])
    optional = [m.group(0) for m, why in doubts if why == "optional"]
    # "Nicht menschenleer:", "la place n'est pas vide": a denied emptiness says someone is there
    not_empty = next((m for m in re.finditer(EMPTY_ADJ, low) if undenied_empty(low, m.start())), None)
    strong = next((m for m in re.finditer(NONE_STRONG, low) if not figure_of_speech(low, m)
                   and not _undenied(low, m, not_empty)), None) \
        or literal_nobody(low, personne_nobody(low)) or (pronoun_nobody(said) if len(said) == len(low) else None)
    if strong:
        _read_nobody(low, r, strong, present + roles, maybe, optional, signal)
        return
    weak = next((m for m in re.finditer(NONE_WEAK, low) if not _undenied(low, m, not_empty)
                 if not m.group(0).startswith(("not a", "not one")) or re.search(r"\b(" + PERSON_NOUNS + r")\b",
                                                                                  m.group(0))
                 or agent_noun(re.match(r"not (?:a|one) (?:single )?([\w-]+)", m.group(0)).group(1))),  # type: ignore[union-attr]
                None)
    denied = None if weak else denied_role(low)
    denied_known, r.denied = denied_nouns(low)
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
    elif roles:  # "des infirmières", "un capitaine": a role, or a thing of the same name ("un roman policier")
        r.hint("people", "required", roles[0].group(0))
    elif maybe:  # "she" in a brief about a cat, "Ella camina por la playa vacía": likely someone
        r.hint("people", "required", maybe[0])
    elif weak and not gone and not optional and re.match(_BUT_FOR, low[weak.end():weak.end() + 30]):
        # "the streets are empty but for a lone cyclist", "menschenleer bis auf einen Angler": someone after all
        r.hint("people", "required" if _someone_after(low[weak.end():weak.end() + 60]) else "none", weak.group(0))
    elif weak and not [g for g in gone if not departed(low, g)] and not optional \
            and not re.search(_EMPTIED, weak.group(0)):  # "an empty gym; the acrobats have left": nobody
        r.sure("people", "none", weak.group(0))
    elif weak and not gone and not optional:  # "an empty swimming pool": drained, or nobody in it
        r.hint("people", "none", weak.group(0))
    elif single and not [g for g in gone if not pictured(low, g.start()) or filmed_portrait(low, g.start())] \
            and not optional:
        # "not a single skier on it", "kein einziger Händler"; beside a likeness ("a marble statue of a woman …, not
        # a visitor in sight", "une statue … sans un seul passant"): the likeness is nobody; not the subject of a
        # portrait filmed ("Portrait of an old fisherman mending his nets, not a single tourist around")
        r.sure("people", "none", single.group(0))
    elif (stray := not_even_an_animal(low)) and not gone and not optional:
        r.hint("people", "none", stray.group(0))  # "not even a dog in the street": an empty place, likely
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
    elif denied_known and not gone and not optional:
        # "keine Wanderer auf den Wegen", "ningún peatón en la calle": a person denied, no one else named
        r.hint("people", "none", denied_known[0])
    elif gone and filmed_portrait(low, gone[0].start()):  # "Portrait of a beekeeper lifting a frame": a shot
        r.hint("people", "required", gone[0].group(0))
    elif gone:  # "the desk where Grandpa used to write": not in the picture now
        r.hint("people", "allowed", clause(low, gone[0].start(), gone[0].end()).strip())
