"""Whether a word the people rules read names someone in the picture, beyond the lexicon: names written about people
("cast and crew names"), a machine doing a person's act by itself ("a typewriter typing on its own"), a chess piece;
the shapes that make a person word unsure — a fixed name ("the man in the moon"), a capitalised title ("Lady
Liberty"), a kind of thing ("a butler sink"); a crowd said by a collective noun ("la foule", "dichtes Gedränge").

All functions take the lower-cased, normalised brief unless they say otherwise.
"""

from __future__ import annotations

import re

from agents.brief_cues import clause
from agents.brief_lexicon_people import PERSON_NOUNS
from agents.brief_negation import negated_before as negation_scope
from agents.brief_person import likened
from agents.brief_quote import agent_word

__all__ = ["acts_by_itself", "apposed_likeness", "chess_piece", "crowd_noun", "kind_of_thing", "modifier_noun", "named_phrase",
           "on_a_screen", "time_of_life", "titled_name"]


# words written about people: "cast and crew names", "the names of the winners", "a list of players"; a thing that
# does a person's act by itself: "a typewriter typing on its own", "a piano playing by itself"
_WRITTEN_OF = (r"(names?|credits|list|lists|roll|roster|titles?|captions?|noms|nombres|nomi|namen|liste|lista|elenco)")
_BY_ITSELF = (r"\b(on its own|by itself|all by itself|of its own accord|as if by magic|comme par magie|"
              r"como por arte de magia|come per magia|von selbst|wie von geisterhand)\b")


# a person word as the kind of a thing, after "de / da / di" with no determiner: "une robe de mariée", "un vestido de
# novia", "un abito da sposa", "un bouquet de mariée", "une chambre d'enfant": the thing's kind, nobody in it. Not
# after a noun of a group or a number of people ("un groupe d'enfants", "una fila de turistas"), which are people
_KIND_AFTER = r"\s(de|da|di|d')\s*$"
_GROUP_HEAD = (r"(groupe?s?|gruppo|gruppi|grupos?|foule|folla|multitud|bande|banda|troupe|tropa|couples?|coppia|"
               r"parejas?|famille|famiglia|familia|file|fila|filas|équipe|squadra|equipo|colonne|colonna|columna|"
               r"cortège|corteo|ronde|rangée|dizaine|douzaine|centaine|decina|dozzina|centinaia|docena|decenas?|"
               r"cientos|miles|milliers|migliaia|poignée|manciata|puñado|nombre|numero|número|pleine?s?|pien[oaie]|llen[oa]s?|"
               r"montón|mucchio|tas|cola|queue|coro|chœur|chorale|classe|clase|classe|compagnie|compagnia|"
               r"compañía|cuadrilla|equipe|tribu|tribù|tribus|portrait|ritratto|retrato)")


def kind_of_thing(low: str, m: re.Match) -> bool:
    """The person word at ``m`` names the kind of the thing before it ("une robe de mariée", "un vestido de novia",
    "un abito da sposa"), not someone in the picture; a group's noun before it ("un groupe d'enfants") is people."""
    before = low[max(0, m.start() - 40):m.start()]
    kind = re.search(r"\b([\w-]+)" + _KIND_AFTER, before)
    return bool(kind) and not re.fullmatch(_GROUP_HEAD, kind.group(1)) and not re.fullmatch(  # type: ignore[union-attr]
        r"(" + PERSON_NOUNS + r")", kind.group(1))  # type: ignore[union-attr]


# a time of one's life, with a past "we" or "I": "il campo dove giocavamo da ragazzi", "where we played as kids",
# "wo wir als Kinder spielten", "donde jugábamos de niños", "où nous jouions enfants": nobody now, the teller then
_LIFE_AGE = (r"kids?|child|children|boys?|girls?|teenagers?|teens?|youngsters|ragazz[oiae]|ragazzini|bambin[oiae]|"
             r"kind|junge|niñ[oa]|chaval|crío|chic[oa]|enfant|gamin|gosse|"
             r"kinder|jungen|mädchen|jugendliche|niños|niñas|chavales|críos|chicos|chicas|enfants|gamins|gosses|"
             r"ados|adolescents|adolescentes|adolescenti")
_PAST_WE = (r"\b(we|i|wir|ich|nous|on|nosotros|noi)\b[^.;!?]*\b(\w+ed|used to|were|was|went|played|spent|"
            r"waren|war|spielten|\w+ten|étions|étais|\w+ions|\w+ais|éramos|era|\w+ábamos|\w+íamos|eravamo|ero|"
            r"\w+avamo|\w+evamo|\w+ivamo)\b|\b\w+(ábamos|íamos|avamo|evamo|ivamo|ions)\b")


def time_of_life(low: str, m: re.Match) -> bool:
    """The age word at ``m`` is a time of the teller's life ("giocavamo da ragazzi", "where we played as kids", "als
    wir Kinder waren"), not someone in the picture: a bare age noun after "as / als / da / de / comme", or in "when
    we were …", with a past "we" or "I" in the same sentence."""
    if not re.fullmatch(_LIFE_AGE, m.group(0)):
        return False
    before = low[max(0, m.start() - 40):m.start()]
    if not re.search(r"\b(as|als|da|de|comme|come|como|when we were|when i was|quand (nous étions|on était|"
                     r"j'étais)|cuando (éramos|era)|quando (eravamo|ero)|als wir|als ich)\s+(a |an )?(little |small |young |"
                     r"petits |pequeños |piccoli |kleine )?$", before) and not re.search(
            r"\b(nous|on|wir|noi|nosotros)\s+\w+(ions|ait|ten|avamo|evamo|ivamo|ábamos|íamos)\s+$", before):
        return False
    start = max(low.rfind(c, 0, m.start()) for c in ".;!?\n")
    return bool(re.search(_PAST_WE, low[start + 1:m.end() + 40]))


def acts_by_itself(low: str, start: int, end: int) -> bool:
    """The words at ``low[start:end]`` are a thing doing a person's act by itself ("an old typewriter typing on its
    own", "a piano playing by itself", "die Tür öffnet sich wie von Geisterhand"): no one is there doing it."""
    return bool(re.search(_BY_ITSELF, clause(low, start, end) + " " + low[end:end + 30].split(",")[0]))


def on_a_screen(low: str, m: re.Match) -> bool:
    """The person word at ``m`` names whose names are written ("cast and crew names scrolling", "the names of the
    winners", "a list of players"): words to read, not someone in the picture."""
    if re.match(r"((\s+(and|&|et|y|e|und)\s+[\w-]+)?)\s+" + _WRITTEN_OF + r"\b", low[m.end():m.end() + 30]):
        return True
    return bool(re.search(r"\b" + _WRITTEN_OF + r"\s+(of|de|des|di|dei|degli|delle|der|von)\s+(the\s+|les\s+|los\s+|"
                          r"las\s+|gli\s+|le\s+|i\s+|die\s+)?([\w-]+\s+){0,1}$", low[max(0, m.start() - 40):m.start()]))


# a definite person noun with a definite complement, the shape of a fixed name ("the man in the moon", "el hombre
# del saco", "the old man of the mountain", "la dame du lac", "der Mann im Mond", "l'uomo della luna")
_NAMED_PHRASE = r"(\b(the|el|la|le|il|lo|der)\s+|\bl')([\w-]+ )?$"
_NAMED_AFTER = r"\s+((in|of) the|del|de la|du|della|dello|im|vom)\s+[\w-]+"


def named_phrase(low: str, present: list[re.Match]) -> bool:
    """Every person named is a definite noun with a definite complement ("the man in the moon"): the shape of a
    fixed name as much as of a person, so the rule is not sure."""
    return all(re.search(_NAMED_PHRASE, low[max(0, m.start() - 20):m.start()]) and re.match(_NAMED_AFTER, low[m.end():])
               and not re.search(r"(s|i)$", m.group(0)) for m in present)  # a name is one: not a plural


# a crowd named by a collective noun in the five languages ("the throng at the gate", "la foule des chineurs",
# "dichtes Gedränge", "una multitud", "la folla"); not a crowd of animals or things ("a throng of starlings")
_CROWD_NOUN = (r"\b(throngs?|thronged|crowds?|crowded|multitudes?|hordes?|jostl\w*|foules?|cohue|bousculade|"
               r"multitud(es)?|muchedumbres?|gentío|aglomeraci\w*|folla|calca|ressa|gedränge|menschenmengen?|"
               r"getümmel|gewühl|menge)\b")


def crowd_noun(low: str) -> re.Match | None:
    """A crowd named by a collective noun, not denied and not of animals or things: a hint of people."""
    for m in re.finditer(_CROWD_NOUN, low):
        if negation_scope(low, m.start()) or likened(low, m.start()) or re.match(r"-\w", low[m.end():]):
            continue                         # "no crowds", "like a crowd of heads", "the ultimate crowd-pleaser"
        of = re.match(r"\s+(of|de|des|d'|di|dei|degli|delle|von|der)\s*(\w+\s+)?([\w-]+)", low[m.end():])
        if of and not (re.fullmatch(PERSON_NOUNS, of.group(3)) or agent_word(of.group(3))):
            continue                         # "a crowd of trees", "a throng of starlings"
        return m
    return None


def _capital(said: str, start: int) -> bool:
    return start < len(said) and said[start].isupper()


def titled_name(said: str, present: list[re.Match]) -> bool:
    """Every person named is a capitalised word beside another capitalised word inside a sentence ("Lady Liberty at
    dusk", "The Old Man of Hoy", "Uncle Sam on a poster"): a name or a title, maybe a statue, a rock or a poster, so
    the rule is not sure. ``said`` is the brief normalised with its case kept (offsets as the matches')."""
    def titled(m: re.Match) -> bool:
        if not _capital(said, m.start()):
            return False
        nxt = re.match(r"\s+(\w)", said[m.end():])
        prev = list(re.finditer(r"(\S+)\s+$", said[max(0, m.start() - 30):m.start()]))
        before = said[:m.start() - len(prev[-1].group(0))] if prev else ""
        prev_titled = bool(prev) and prev[-1].group(1)[:1].isupper() and prev[-1].group(1)[-1].isalpha() \
            and not re.search(r"(^|[.!?:;\n]\s*)$", before)
        # a capital inside a sentence, in a language that does not capitalise its nouns: a proper name ("Il Monaco
        # di Baviera", "the Doorman building")
        inside = not re.search(r"(^|[.!?:;\n][\'\"”’»)]?\s*)$", said[:m.start()]) \
            and not re.search(_GERMAN, said.lower())
        return bool(nxt and nxt.group(1).isupper()) or prev_titled or inside
    return bool(present) and all(titled(m) for m in present)


# words that mark a German brief, whose nouns are all capitalised
_GERMAN = (r"\b(der|die|das|und|ein|eine|einen|einem|einer|eines|nicht|mit|auf|im|ist|sind|den|dem|des|vom|zum|zur|"
           r"über|kein\w*|sich|wird|werden|noch|nur|auch|mitten|wie|aus|bei|nach)\b")


# what may follow an English singular person noun that is the head of its phrase: a function word, an adverb or a
# predicative adjective ("a man in", "a woman who", "a boy alone", "a fisherman nearby")
_AFTER_HEAD = (r"in|on|at|of|by|with|without|from|to|into|onto|over|under|behind|beside|near|nearby|along|across|"
               r"through|around|against|between|among|after|before|during|for|as|like|and|or|but|nor|who|whom|whose|"
               r"that|which|where|while|when|whom|alone|asleep|awake|outside|inside|indoors|outdoors|upstairs|"
               r"downstairs|nearby|there|here|now|then|still|again|too|also|only|just|once|never|always|not|"
               r"is|was|are|were|has|had|have|will|would|can|could|may|might|must|should|does|did|do|sits|stands|"
               r"lies|waits|works|walks|runs|reads|writes|looks|turns|holds|takes|makes|gets|puts|sets|cuts|lets|"
               r"seen|silhouetted|framed|lit|backlit|half|barely|slowly|quietly|carefully|gently|frozen|caught|held|"
               r"bent|hunched|perched|crouched|dressed|clad|wrapped|mid|long|deep|lost|busy|hard|fast|high|low|"
               r"the|a|an|his|her|their|its|this|that|these|those|my|our|your|some|every|each|no|so|very|all|both")


# a determiner or a possessive: the word before it takes an object ("up a ladder", "sat by the fire" — by its preposition)
_DETERMINER = r"a|an|the|his|her|their|its|my|our|your|this|that|these|those|some|every|each|one|two|three"
# the English irregular pasts and participles of posture, motion and handling: a verb of the person, not a kind of
# thing ("an old woman sat by the fire knits")
_IRREGULAR_PAST = (r"sat|stood|lay|lain|knelt|leant|hung|slept|sang|sung|ran|rode|ridden|drove|driven|flew|flown|swam|"
                   r"swum|fell|fallen|rose|risen|spoke|spoken|wore|worn|kept|left|went|gone|came|come|sent|brought|"
                   r"bought|caught|taught|fought|sought|thought|found|ground|wound|bound|told|sold|made|paid|laid|"
                   r"said|heard|read|fed|led|met|bled|fled|sped|spun|won|hid|hidden|bit|bitten|shook|shaken|took|"
                   r"taken|gave|given|got|gotten|saw|seen|ate|eaten|drank|drunk|wrote|written|drew|drawn|grew|grown|"
                   r"threw|thrown|began|begun|swept|wept|crept|slid|struck|stuck|strung|swung|clung|dug|lit|shot|"
                   r"split|spread|set|put|cut|hit|let|shut|quit|stopped")


def modifier_noun(low: str, present: list[re.Match]) -> bool:
    """Every person named is an English singular noun after an article and before a bare word that is no verb of
    its and no function word ("a butler sink", "old man cactus", "a lady slipper orchid"): the person word names a
    kind of thing, maybe, so the rule is not sure ("a man in a coat", "a chef plating" stay sure)."""
    def modifier(m: re.Match) -> bool:
        word = m.group(0)
        if not re.fullmatch(r"[a-z]+", word) or re.search(r"(s|men|children|people)$", word) \
                or word in ("he", "she", "someone", "somebody"):
            return False                     # a plural heads its phrase ("two old men play chess")
        nxt = re.match(r" ([a-z]+)\b(?!['-])", low[m.end():])
        if not nxt or re.fullmatch(_AFTER_HEAD + r"|" + _IRREGULAR_PAST + r"|\w+(s|ing|ed|ly)", nxt.group(1)):
            return False
        if re.match(r"\s+(" + _DETERMINER + r")\b", low[m.end() + nxt.end():]):
            return False                     # the next word takes an object: a verb or a preposition ("a man up a
        #                                      ladder", "a woman mending the nets"), so the person heads the phrase
        return bool(re.search(r"\b(a|an|the)\s+((old|young|little)\s+)?$", low[max(0, m.start() - 16):m.start()]))
    return bool(present) and all(modifier(m) for m in present)


_CHESS = r"\b(chess\w*|échiquier|échecs|ajedrez|scacchi\w*|scacchiera|schach\w*)\b"


def chess_piece(low: str, m: re.Match) -> bool:
    """A king, a queen, a knight or a bishop in a sentence about chess is a piece ("a knight on a chessboard")."""
    return bool(re.fullmatch(r"kings?|queens?|knights?|bishops?|rois?|reines?|cavaliers?|fous?|reyes|rey|reinas?|"
                             r"caballos?|alfil(es)?|re|regina|regine|cavalli|cavallo|alfier[ei]|könig\w*|dame|damen|"
                             r"springer|läufer", m.group(0))) and bool(re.search(_CHESS, clause(low, m.start(), m.end())
                                                                                + " " + low[m.end():m.end() + 40]))


# a likeness named in apposition after the person word: "Un vieil homme de la mer, statue de bronze sur le port", "a
# fisherman, a bronze statue on the quay", "un pescador, estatua de piedra", "ein Fischer, eine Bronzefigur"
_APPOSED = (r"^[^.;!?,]{0,30},\s*((a|an|une|un|una|uno|eine|ein|the|la|le|el|il|lo|die|der|das)\s+)?([\w-]+\s+)?"
            r"(statue|statues|sculpture|bust|figurine|monument|effigy|mannequin|puppet|doll|buste|"
            r"estatua|escultura|busto|statua|scultura|skulptur|bronzefigur|denkmal|büste|puppe|"
            r"marionnette|títere|marionetta)\b")


def apposed_likeness(low: str, m: re.Match) -> bool:
    """The person word at ``m`` is followed, after a comma, by the likeness it names ("a fisherman, a bronze statue
    on the quay"): no one in the picture."""
    return bool(re.match(_APPOSED, low[m.end():m.end() + 80]))
