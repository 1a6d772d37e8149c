"""People the lexicon does not know, found by their shape, for the model's kind question (``prompts/brief_look_human``).

- :func:`unknown_roles`: a noun that reads as someone only by its ending (:func:`agents.brief_quote.agent_word`:
  -er/-erin, -eur/-euse/-ier/-ière, -ero/-era/-dor/-ista, -tore/-aio/-iere …, and the feminine -ora), or a compound
  whose last part is a person word ("schoolkids", "Feuerwehrleute"), in a noun's place: after a determiner opening
  a clause ("der Braumeister prüft"), bare at a sentence's start ("Glasbläser formt eine Vase"), after a group's noun
  ("a group of schoolkids"); or any noun there that is the subject of a relative clause ("i pescivendoli che
  urlano"). Not denied, gone, written about, acting by itself, nor a likeness.
- :func:`denied_nouns`: the head of a noun phrase a negation denies ("keine Wanderer auf den Wegen", "ni un
  jornalero", "nessun vendemmiatore"), as a person word the lexicon knows or one read by its ending.

The rules only hint from these; the model path asks each candidate's kind (a person, an animal, a thing …).
All functions take the lower-cased, normalised brief.
"""

from __future__ import annotations

import re

from agents.brief_cues import absent
from agents.brief_lexicon_people import PERSON_NOUNS
from agents.brief_lexicon_roles import ROLE_WORDS
from agents.brief_negation import negated_before as negation_scope
from agents.brief_negation import negators
from agents.brief_people_cues import acts_by_itself, on_a_screen
from agents.brief_person import not_in_picture
from agents.brief_quote import agent_word

__all__ = ["denied_nouns", "role_word", "unknown_roles"]

_DET = (r"a|an|the|one|two|three|some|several|many|ein|eine|einen|der|die|den|zwei|drei|un|une|des|le|la|les|l'|"
        r"deux|trois|el|los|las|unos|unas|dos|tres|il|lo|gli|i|uno|una|due|tre")
# a determiner or a clause's start before a noun phrase ("ein Glockengießer", "the crane operator", "i pescivendoli")
_NP_START = r"(^|[.;:!?\n(]\s*|,\s+)(" + _DET + r")\s+(([\w-]+)\s+)?$"
# a bare noun opening a sentence ("Glasbläser formt eine Vase", "Ice fishermen on the lake")
_BARE_START = r"(^|[.;:!?\n]\s*)()(([\w-]+)\s+)?$"
# a group's noun before it ("a group of schoolkids", "un groupe de vendangeurs", "una fila di pescivendoli")
_GROUP_OF = (r"\b(group|groups|gruppe|gruppo|grupo|groupe|crowd|bunch|band|troop|line|row|team|file|fila|foule|folla|"
             r"multitud|cuadrilla|squadra|équipe|schar|haufen|dozens|hundreds)\s+(of|de|d'|di|von)\s*()(([\w-]+)\s+)?$")
# words with a person's ending that are the shot's or the grammar's ("the camera", "after", "seamless")
_NOT_A_ROLE = (r"camera|cameras|caméra|cámara|kamera|camara|telecamera|after|under|over|later|never|ever|whether|"
               r"rather|together|seamless|forever|another|either|neither|whatever|wherever|however|ancora|allora|"
               r"ahora|aurora|finora|tuttora|hora|horas|ora|primer[oa]s?|tercer[oa]s?|postrer[oa]s?|super|"
               r"unter|lower|upper|über|einer|keiner|meiner|deiner|seiner|ihrer|unserer|jener|dieser|jeder|welcher|"
               r"solcher|aller|anderer|atardecer|amanecer|anochecer|placer|poder|deber|querer")
# the shot's words inside a compound ("Handkamera", "Schulterkamera"); adjectives by their suffix ("endless",
# "wireless", "nahtloser", "langsamer", "glücklicher")
_NOT_A_ROLE_END = r"(camera|caméra|cámara|kamera|telecamera|less|mente|(los|lich|ig|sam|bar|isch|haft)er)$"
# a relative pronoun and a verb after a noun: the noun acts ("i pescivendoli che urlano", "les vendangeurs qui
# chantent", "the stevedores who shout")
_RELATIVE = r"(\s+(who|che|qui|que)|\s*,\s*(die|der|welche))\s+(si\s+|se\s+|sich\s+)?[a-zà-ÿ]{3,}"
_RELATIVE_WORD = r"\s+(who|che|qui|que)\s+(si\s+|se\s+)?[a-zà-ÿ]{3,}"
# a determiner inside a clause, after a preposition or a verb ("a clip of a piano tuner", "sur un doreur",
# "hobelt ein Stellmacher"): the noun after it is asked about only when it acts (:func:`_acts_after`)
_DET_MID = (r"(^|[\s'])(" + _DET + r"|einem|einer|eines|dem|des|du|au|aux|del|della|dello|dei|degli|delle|al|alla|"
            r"allo|dal|dalla|sul|sulla|nel|nella)\s+(([\w-]+)\s+)?$")
_OBJ_DET = (r"a|an|the|his|her|its|their|un|une|le|la|les|l'|sa|son|ses|el|los|las|su|sus|il|lo|gli|i|una|uno|"
            r"suo|sua|suoi|sue|die|der|das|den|dem|ein|eine|einen|seine|seinen|ihre|ihren")
# words that sit between a noun and a determiner without being its verb
_NOT_A_VERB = (r"of|in|on|at|with|from|to|by|for|into|onto|over|under|near|and|or|as|like|than|is|are|was|were|de|du|"
               r"des|dans|sur|avec|pour|par|sous|et|ou|en|est|con|por|para|sobre|y|o|es|di|da|su|per|tra|fra|e|è|"
               r"von|mit|auf|an|aus|bei|nach|zu|für|über|unter|vor|hinter|neben|und|oder|ist|sind|vom|zum|zur|im|"
               r"am|all|every|each|both|half|toward|towards|behind|beside|across|along|through|around|against|"
               r"entre|vers|près|contre|hacia|junto|desde|verso|dentro|sotto|sopra|durch|gegen|um")
# an English participle acting; words in -ing that are things
_ING = r"[a-z]{2,}ing"
_ING_THING = (r"morning|evening|ceiling|building|during|nothing|something|anything|everything|clothing|lightning|"
              r"painting|wedding|pudding|railing|awning|lighting|setting|meeting|ending|opening|offering|clearing|"
              r"landing|housing|shopping|string|spring|being|feeling|ring|king|thing|wing|swing|sting|bring|ceiling")
# a participle or a posture right after the noun ("un tonnelier penché", "un impagliatore chino", "agachado")
_POSTURE = (r"[a-zà-ÿ]{3,}(é|ée|és|ées|ato|ata|ati|ate|ito|ita|iti|ado|ada|ados|adas|ido|ida|uto|uta)|"
            r"chin[oaie]|gebeugt|kniend|bent|hunched|kneeling|crouched|perched")


def _acts_after(rest: str) -> bool:
    """The words after a noun make it act: a relative clause, a participle or a posture ("a cooper hammering",
    "un doreur qui applique", "un tonnelier penché"), a verb and its object ("un hojalatero golpea una lámina"), or
    the object straight after (German, "hobelt ein Stellmacher die Speichen"), or a pronoun that takes it up."""
    if re.match(_RELATIVE, rest):
        return True
    ing = re.match(r"\s+(" + _ING + r")\b", rest)
    if ing and not re.fullmatch(_ING_THING, ing.group(1)):
        return True
    if re.match(r"\s+(" + _POSTURE + r")\b", rest) or re.match(r"\s+(die|den|das|seine|seinen|ihre|ihren)\s", rest):
        return True
    if re.match(r"[^.;!?]{0,60}[,;]\s*(he|she|il|elle|er|lui|lei|él|ella)\s+[a-zà-ÿ]{3,}", rest):
        return True                      # a pronoun taking it up ("un doreur …, il souffle dessus")
    verb = re.match(r"\s+([a-zà-ÿ]{3,})\s+(" + _OBJ_DET + r")\s", rest)
    return bool(verb) and not re.fullmatch(_NOT_A_VERB, verb.group(1))


def _compound_person(word: str) -> bool:
    """A compound whose last part is a person word: "schoolkids", "Schulkinder", "Feuerwehrleute" ("a snowman" too,
    which the kind question sorts)."""
    return any(re.fullmatch(PERSON_NOUNS, word[i:]) for i in range(3, len(word) - 3))


def role_word(word: str) -> bool:
    """A word that may name someone by its shape alone: a person's ending (with the feminine -ora, "una bailaora",
    "la pastora") or a compound on a person word; not the shot's or the grammar's words."""
    if re.fullmatch(PERSON_NOUNS + r"|" + _NOT_A_ROLE, word) or re.search(_NOT_A_ROLE_END, word):
        return False
    return agent_word(word) or bool(re.fullmatch(r"[\w-]{4,}(oras?|ermen|erman)", word)) or _compound_person(word)


def unknown_roles(low: str, said: str = "") -> list[str]:
    """Noun phrases that may name someone the lexicon does not know, in a noun's place and not denied, gone,
    written about, acting by itself or a likeness: the model is asked what kind of thing each names (a typewriter,
    a harvester or a schooner are not people). At most two, those read by their ending first. ``said``, the brief
    as typed (when its length is the same), tells a bare noun followed by a verb ("Glasbläser formt") from an
    adjective followed by a noun ("Kurzer Schwenk")."""
    by_end, by_place = [], []
    for m in re.finditer(r"(?<![\w'-])[\w-]{5,}(?![\w'-])", low):
        word, before = m.group(0), low[max(0, m.start() - 40):m.start()]
        group = re.search(_GROUP_OF, before)
        start = re.search(_NP_START, before) or re.search(_BARE_START, before)
        mid = None if group or start else re.search(_DET_MID, before)
        if mid and not _acts_after(low[m.end():]):
            mid = None                       # "on the counter", "in a mixer": a noun inside a clause that does nothing
        start = start or mid
        at, adj, det = (group.start(3), group.group(5), True) if group else (
            (start.start(2), start.group(4), bool(start.group(2))) if start else (0, None, False))
        if not (group or start) or re.fullmatch(PERSON_NOUNS + r"|" + _NOT_A_ROLE, word) \
                or re.fullmatch(_NOT_A_ROLE, adj or ""):
            continue                         # "die Kamera kreist": a verb after the camera
        if "-" in word and re.fullmatch(PERSON_NOUNS, word.split("-")[0]):
            continue                         # "a crowd-pleaser", "a people-mover": what acts on people, a thing
        if start and not det and (re.match(r"\s*:", low[m.end():]) or re.search(r"s$", adj or "") or (
                adj and re.search(r"(ante|ente|antes|entes)$", word)) or (
                len(said) == len(low) and re.match(r"\s+[A-ZÄÖÜ]", said[m.end():]))):
            continue   # a label ("Dauer: 25 Sekunden"); a verb after a plural ("candles flicker"); an adjective
                       # after a noun ("Ripresa traballante") or before one ("Kurzer Schwenk")
        ending = role_word(word)
        if not ending and not (det and re.match(_RELATIVE if not mid else _RELATIVE_WORD, low[m.end():])):
            continue
        nxt = re.match(r"\s+([\w-]+)", low[m.end():])
        if nxt and (agent_word(nxt.group(1)) or re.fullmatch(PERSON_NOUNS, nxt.group(1))):
            continue                         # "the straddle-carrier operator": the last noun is the head
        if negation_scope(low, m.start()) or absent(low, m.start(), m.end()) or on_a_screen(low, m) \
                or acts_by_itself(low, m.start(), m.end()) or low[m.end():m.end() + 2] in ("'s", "s'") \
                or not_in_picture(low, m):
            continue
        # the noun phrase as the brief says it ("the coffee maker", "the crane operator"): its kind is asked
        phrase = low[max(0, m.start() - 40) + at:m.end()].strip()
        (by_end if ending else by_place).append(phrase)
    return (by_end + by_place)[:2]


_NEGATOR = "(" + negators("not", "never", "without", "none_det", "nobody") + r"|pas|plus|rien|nada)"
_FILLER = (r"a|an|one|single|lone|stray|other|more|un|une|d'|de|des|du|seul|seule|même|le|la|les|el|los|las|solo|"
           r"sola|uno|una|il|lo|gli|i|ein|eine|einen|einzige\w*|einzelne\w*|any|some|sign|trace")
_AUX = r"would|could|can|will|should|may|might|must|is|are|was|were|has|have|had|does|do"
# someone, not a role: "ohne dass es jemand bemerkt" is no one noticing
_SOMEONE = r"jemand|someone|somebody|anyone|anybody|alguien|qualcuno|quelqu'un|nessuno|niemand|nadie|personne"


def denied_nouns(low: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The heads of the noun phrases a negation denies (one word at most between them and the negator beyond
    articles and "single"): (the denials of person words the lexicon knows, (the denial, its noun) for words read
    as someone by their shape). "keine Wanderer auf den Wegen" → "keine wanderer"; "ni un jornalero" → ("ni un
    jornalero", "jornalero"). An infinitive after "sin / sans / senza" ("sin mover la cámara") is no noun, nor one
    role said missing from a whole ("a band with no singer"; "a harbour with no dockers" is everyone)."""
    known, shaped = [], []
    for m in re.finditer(r"(?<![\w'-])[\w'-]+", low):
        w = re.sub(r"^(d|l)'", "", m.group(0))
        if re.fullmatch(_FILLER + r"|" + _NEGATOR + r"|" + _SOMEONE, w) \
                or not negation_scope(low, m.start(), window=3, determiner=True):
            continue
        at = max([0] + [c.end() for c in re.finditer(r"[.,;:!?()\n]", low[:m.start()])])   # the clause's start
        back = list(re.finditer(r"[\w'-]+", low[at:m.start()]))[-6:]
        between = []
        while back and not re.fullmatch(_NEGATOR, back[-1].group(0)):
            if not re.fullmatch(_FILLER, back[-1].group(0)):
                between.append(back[-1].group(0))
            back.pop()
        if not back or len(between) > 1 or (between and re.fullmatch(_AUX, between[0])):
            continue
        if not between and re.fullmatch(r"sin|sans|senza|sem", back[-1].group(0)) and re.search(r"(ar|er|ir|re)$", w):
            continue
        if re.search(r"\b(with|avec|con|mit)\s*$", low[at:at + back[-1].start()]) \
                and not re.search(r"(s|i|en|ren|innen|leute)$", w):
            continue   # "a band with no singer": one role of several denied, not everyone
        phrase = low[at + back[-1].start():m.end()]
        if re.fullmatch(PERSON_NOUNS + r"|" + ROLE_WORDS, w):
            known.append(phrase)
        elif role_word(w):
            shaped.append((phrase, w))
    return known, shaped
