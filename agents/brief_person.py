"""Whether a word the lexicon reads as a person names someone in the picture, and the words written on screen.

A person noun, a pronoun or a body part makes no sure rule when it is:

- part of a thing's name or a compound ("man-made", "a grandfather clock", "a nurse shark", "a German shepherd",
  "a pedestrian crossing", "a baby elephant", "a human skull");
- a likeness: a made or depicted person ("toy soldiers", "a porcelain ballerina", "lead soldiers", "the robot's
  hands", "a mannequin's fingers") — not a role whose first word is also a material ("the lead singer", "an ice
  skater": :func:`agent_noun`);
- a collective of animals or things ("a crowd of penguins", "a family of ducks", "our furry friends"),
  a figure of speech ("fingers of fog");
- heard, not seen ("the sound of children laughing", "off-screen, a man whistles");
- awaited or optional ("waiting for the guests", "people optional", "maybe a few passers-by");
- the hand behind the camera ("phone footage, held in the hand", "Kamera in der Hand"), a likeness's or an
  animal's body part ("statues, snow on their shoulders"), or someone gone named in a past relative clause ("the
  chair he left"). A body part seen in frame is someone, the viewer's own included ("my hand on the switch").

A pronoun in a brief that names an animal or a likeness ("the cat stretches, then she curls up", "a porcelain
ballerina turns as she rises") is doubtful: a hint, not a sure value; a material in the scene ("she walks through
the snow") is not a likeness.
All functions take the lower-cased, normalised brief unless they say otherwise.
"""

from __future__ import annotations

import re

from agents.brief_lexicon_people import (
    AWAITED,
    CREATURE_ONE,
    CREATURES,
    DEPICTED,
    HEARD,
    HEDGED_AFTER,
    HEDGED_BEFORE,
    LIKENESS,
    MATERIAL_OR_FIELD,
    NOT_A_PERSON_HEAD,
    PERSON_NOUNS,
    THING_NAMES,
)
from agents.brief_negation import negated_before

__all__ = [
    "LIVING_STATUE",
    "agent_noun",
    "crowd_role",
    "doubtful_pronoun",
    "likened",
    "likeness_body",
    "names_likeness",
    "not_in_picture",
    "opening_pronoun",
    "past_relative",
    "person_signal",
    "pictured",
]

_PRONOUNS = r"she|he|her hands?|his hands?|her face|his face|herself|himself"
_COLLECTIVE = (r"crowds?|a family|families|a couple|couples|friends|audience|a group|groups|coppia|pareja|casal|"
               r"un couple|familie|famille|familia|famiglia|família|foule|multitud|folla|multidão|menschenmenge|"
               r"chor|coro|choir|choirs")
_OF = r"(of|de|d'|des|di|del|della|dei|degli|delle|von|der|do|da|dos|das)"
# a likeness named after the person word: "soldados de plomo", "soldats de plomb", "a man of stone"
_MADE_OF = (r" (de|en|di|aus|of|in|made of|fait de|faite de|hecho de|hecha de|fatto di|fatta di) (plomo|plomb|piombo|"
            r"zinn|chumbo|juguete|plastique|plástico|plastica|madera|bois|legno|madeira|wax|cire|cera|wachs|marbre|"
            r"mármol|marmo|mármore|bronze|bronce|bronzo|pierre|piedra|pietra|stein|porcelaine|porcelana|porcellana|"
            r"stone|marble|clay|plastic|wood|papel|papier|carta|plâtre|yeso|gesso|gips|plaster|carton|cartón|"
            r"cartone|pappe|cardboard|holz|marmor|porzellan|plastik)\b")
# a costume, not a second person: "a mannequin dressed as a stewardess", "déguisé en pompier", "disfrazado de
# payaso", "vestito da marinaio", "als Matrose verkleidet"
_DRESSED_AS = (r"\b(dressed (up )?as|disguised as|costumed as|déguisée?s? en|habillée?s? en|vestid[oa]s? de|"
               r"disfrazad[oa]s? de|vestit[oa] da|travestit[oa] da|mascherat[oa] da|verkleidet als)\s+"
               r"(a |an |the |un |une |una |uno |ein |eine |einen )?([\w-]+ )?$")
_DETS = {"the", "a", "an", "its", "their", "his", "her", "our", "my", "some", "any", "le", "la", "les", "l'", "el",
         "los", "las", "der", "die", "den", "das", "il", "lo", "i", "gli", "o", "os", "as"}


def _words_before(low: str, start: int, n: int = 3) -> list[str]:
    clause = re.split(r"[.,;:!?()\n]", low[max(0, start - 60):start])[-1]
    return re.findall(r"[\w'-]+", clause)[-n:]


def _clause_before(low: str, start: int) -> str:
    return re.split(r"[.;:!?()\n]|,\s", low[max(0, start - 80):start])[-1]


def _clause_around(low: str, start: int, end: int) -> str:
    before = _clause_before(low, start)
    after = re.split(r"[.;:!?()\n]|,\s", low[end:end + 80])[0]
    return before + low[start:end] + after


def _plural(word: str) -> bool:
    return word.endswith("s") or word.split()[-1] in ("men", "women", "children", "people", "police")


def _is_person_word(word: str) -> bool:
    return bool(re.fullmatch(r"(" + PERSON_NOUNS + r")", word))


def agent_noun(word: str) -> bool:
    """A word for one who does something ("singer", "skaters", "guitarist", "sculptor", "actress", "fishermen"), by
    its ending, not a figure's kind ("soldier", "man", "angel"): after a material that is also a field or a rank
    ("lead", "ice", "sand") it is someone performing, not a likeness."""
    return bool(re.search(r"(?<!i)ers?$|(?<!i)ors?$|ists?$|resse?s?$|eur(s|es?)?$|euses?$|istas?$|erm[ae]n$",
                          word.split()[-1]))


# people named by a plural role the lexicon does not know ("revellers", "concertgoers", "die Pendler", "los
# aficionados"): a plural that names one who does something, with a verb only people do or a crowd's quantity
_ROLE_PLURAL = (r"[\w-]{3,}(ers|ors|ists|eurs|euses|ants|ents|istes|iers|istas|antes|entes|ores|adores|anti|enti|"
                r"ori|isti|tori|trici|ler|ner|enten|anten|innen)")
_HUMAN_VERB = (r"cheer|chant|applaud|clap|dance|pray|chat|gossip|queue|protest|march|sing|shout|argue|laugh|kneel|"
               r"hold up|raise|jostle|throng|cram|mill|wave|sip|toast|vote|bow|shop|haggle|celebrate|jump|"
               r"chantent|dansent|applaudissent|crient|prient|se pressent|se bousculent|discutent|rient|défilent|"
               r"jubeln|tanzen|singen|klatschen|beten|drängen sich|drängeln|lachen|schreien|feiern|"
               r"bailan|cantan|aplauden|rezan|gritan|saltan|charlan|ríen|se agolpan|celebran|corean|"
               r"ballano|cantano|applaudono|pregano|gridano|ridono|si accalcano|festeggiano|esultano|"
               r"saltando|gritando|cantando|bailando|aplaudiendo|celebrando|cheering|chanting|singing|dancing|"
               r"clapping|waving|jumping|shouting")
# a crowd's plural with no agent ending: "fans" (not "ceiling fans": only with a human verb or a crowd's quantity)
_FANS = r"fans|supporters|tifosi|hinchas|ultras|aficionad[oa]s|groupies|spectateurs"
_CROWD_OF = (r"thousands of|hundreds of|dozens of|scores of|a sea of|a crowd of|crowds of|a throng of|a stream of|"
             r"des milliers de|des centaines de|des dizaines de|une foule de|miles de|cientos de|decenas de|"
             r"una multitud de|tausende|hunderte|dutzende|migliaia di|centinaia di|decine di|una folla di|"
             r"(\d[\d,.]*|(\w+[- ])?(hundred|thousand)|\w+[- ]thousand|\w*tausend|\w*mila|mille|\w+ mille|\w+ mil|mil)"
             r"( \w+)?")


def crowd_role(low: str) -> re.Match | None:
    """A plural role as the subject of a verb only people do ("revellers dance", "die Pendler drängen sich",
    "los aficionados saltan") or after a crowd's quantity ("a sea of concertgoers"): a hint of people, the model
    decides. Not a thing: "thousands of flowers" (a thing's plural in -ers is not a role after a quantity alone)."""
    for m in re.finditer(r"(?:^|[.;:!?\n]\s*|,\s+)((the|les|los|las|die|i|gli|le) )?((?:[\w-]+ )?(?:" + _ROLE_PLURAL +
                         r"|[\w-]+ados|" + _FANS + r"))( \w+ly)?( (who|that|qui|que|die|che))? (" + _HUMAN_VERB + r")\b", low):
        role = m.group(3).split()[-1]
        if not _is_person_word(role) and not re.fullmatch(_THING_PLURAL, role) and not (
                " " in m.group(3) and re.fullmatch(_FANS, role) is None and not re.fullmatch(_ROLE_PLURAL, role)):
            return m
    m = re.search(r"\b(" + _CROWD_OF + r") (\w+ )?(?P<role>" + _ROLE_PLURAL + r"|" + _FANS + r")\b", low)
    if m and not re.fullmatch(_THING_PLURAL, m.group("role")) and not likened(low, m.start()):
        return m
    return None


# things whose plural ends like a role's
_THING_PLURAL = (r"flowers|towers|feathers|papers|letters|numbers|waters|rivers|containers|shutters|streamers|"
                 r"banners|boulders|clusters|layers|corners|posters|stickers|lanterns|leaves|sneakers|speakers|"
                 r"heaters|burners|computers|monitors|mirrors|colors|colours|doors|floors|anchors|sensors|"
                 r"vapors|vapours|plants|elements|ornaments|instruments|fragments|currents|fleurs|moments")


def not_in_picture(low: str, m: re.Match) -> str | None:
    """Why the person word matched at ``m`` names nobody in the picture (a short reason), or None."""
    word, start, end = m.group(0), m.start(), m.end()
    after = low[end:end + 40]
    if re.match(r"-[a-zà-ÿ]", after) and not word.startswith(("her ", "his ")):
        return "a compound"                                   # man-made, kid-friendly, human-sized
    nxt = re.match(r" ([\w-]+)", after)
    if nxt and not re.search(r"\b(hands?|fingers?)$", word) and (
            re.fullmatch(NOT_A_PERSON_HEAD, nxt.group(1)) or (
            re.fullmatch(CREATURE_ONE + "|" + CREATURES, nxt.group(1)) and not _plural(word))):
        return "a thing's name"               # a grandfather clock, a nurse shark, a baby elephant, trumpeter swans
    if re.search(r"\b(" + CREATURES + r")-$", low[max(0, start - 20):start]):
        return "a thing's name"                               # un poisson-clown, a shark-diver's cage
    if re.search(r"\b(" + CREATURES + r")\s+$", low[max(0, start - 20):start]) and re.match(
            r"\s+(the|a|an|its|his|her|their|our|my)\b", after):
        return "an animal's verb"                             # a dog guards the gate
    prev = _words_before(low, start)
    if any(re.fullmatch(LIKENESS, w) for w in prev[-2:]) or re.match(_MADE_OF, after):
        return "a likeness"                                   # toy soldiers, a porcelain ballerina
    if re.search(_DRESSED_AS, low[max(0, start - 40):start]):
        return "a costume"                                    # a mannequin dressed as a stewardess
    if any(re.fullmatch(MATERIAL_OR_FIELD, w) for w in prev[-2:]) and not agent_noun(word):
        return "a likeness"                                   # lead soldiers, but the lead singer, an ice skater
    if _holds_the_camera(low, start, end):
        return "the camera's holder"                          # phone footage, held in the hand; Kamera in der Hand
    if likeness_body(low, m):
        return "a likeness's or an animal's"                  # statues, snow on their shoulders
    if re.fullmatch(r"hands?|fingers?|fingertips|knuckles|fists?|forearms?|palms", word):
        owner = re.search(r"\b(its|[\w-]+'s)( [\w-]+){0,2} $", low[max(0, start - 40):start])
        if owner and (owner.group(1) == "its" or re.fullmatch(CREATURES + r"|" + LIKENESS,
                                                              owner.group(1)[:-2])):
            return "a likeness's or an animal's"              # the robot's hands, a raccoon's little hands
        if prev and re.fullmatch(CREATURES + r"|" + LIKENESS + r"|robotic|mechanical|clock|watch", prev[-1]):
            return "a likeness's or an animal's"              # robot hands, mannequin fingers
        of = re.match(r" of (the |a |an )?([\w-]+)", after)
        if of and not _is_person_word(of.group(2)) and not re.match(r"[\w-]+'s$", of.group(2)):
            return "a figure of speech"                       # fingers of fog, the hands of time
    if re.fullmatch(_COLLECTIVE, word):
        of = re.match(r" " + _OF + r"(?:\s+|(?<='))(the |these |those |some |many |un |une |una |uno )?([\w-]+)", after)
        if of and not _is_person_word(of.group(3)):
            return "a collective of things"                   # a crowd of penguins, a family of ducks
        if prev and re.fullmatch(r"furry|feathered|four-legged|animal|fluffy|scaly|finned|woodland|canine|feline|"
                                 r"little|tiny|winged|wild", prev[-1]):
            return "a collective of things"                   # our furry friends
    if likened(low, start) or re.search(_SUPPOSED, _clause_before(low, start)):
        return "a simile"                                     # like a crowd of spectators, as if someone just left
    if re.search(_SHADOW_OF, low[max(0, start - 50):start]):
        return "a shadow's owner"                             # the shadow of a cyclist: only the shadow is seen
    if prev and re.fullmatch(_NAMING, prev[-1]):
        return "a name"                                       # a cat named Mimi: the bearer decides, not the name
    if any(re.fullmatch(_UNSEEN, w) for w in prev[-2:]) or (nxt and re.fullmatch(_UNSEEN, nxt.group(1))):
        return "unseen"                                       # an invisible hand, une main invisible
    if re.search(HEARD, _clause_before(low, start)) or re.search(r"\b(off-?screen|out of (frame|shot|view|sight)|"
                                                                 r"unseen|never seen)\b",
                                                                 _clause_around(low, start, end)):
        return "heard, not seen"
    if _possessor(low, start):
        return "a possessor"                                  # lo studio di mio nonno, l'atelier de mon grand-père
    lead = [w for w in prev if w not in _DETS]
    if re.search(AWAITED, " ".join(prev)) or (lead and re.fullmatch(AWAITED, lead[-1])):
        return "awaited"                                      # waiting for the guests, before the guests arrive
    if re.match(HEDGED_AFTER, after) or any(re.fullmatch(HEDGED_BEFORE, w) for w in prev):
        return "optional"                                     # people optional, maybe a few passers-by
    return None


# a person a thing is likened to, or one supposed ("leaves swirl like dancers", "comme une foule de passants",
# "wie Zuschauer im Stadion", "as if someone just left", "als ob jemand gerade gegangen wäre"): not in the picture.
# Not a role one plays or is dressed as ("works as a waiter", "trabaja como camarera", "dressed like a pirate")
_SIMILE = (r"\b(like|as if|as though|just as if|comme si|comme|tel(le)?s? (que|un|une|des)|como si|como|als ob|als wenn|"
           r"wie|come se|come|quasi)\s+((a|an|the|one|some|so many|many|une?|des|les|una?|unos|unas|los|las|eine?[mnrs]?|"
           r"der|die|das|den|i|gli|le|degli|delle|dei)\s+)?([\w'-]+\s+){0,3}$")
# a clause only supposed, however long: "as if written by an invisible hand", "comme si quelqu'un venait de partir"
_SUPPOSED = r"\b(as if|as though|comme si|como si|als ob|als wenn|come se)\b"
# a person seen only as a shadow: "the shadow of a cyclist", "l'ombre d'un passant", "la sombra de un ciclista",
# "l'ombra di un ciclista", "der Schatten eines Radfahrers" (a silhouette or a reflection is the person, seen)
_SHADOW_OF = (r"\b(shadows?|ombres?|sombras?|ombr[ae]|schatten)\s+(of|de|d'|du|des|di|del|della|dello|dei|degli|delle|"
              r"von|vom|eines?|einer|der)\s*((the|a|an|un|une|una|uno|el|la|il|lo|l'|ein|eine|einem)\s*)?"
              r"([\w-]+\s+)?$")
_UNSEEN = r"invisibles?|invisibil[ei]|unsichtbare?[nmrs]?|unseen|ghostly|phantom"
# a word naming what is named: "a cat named Mimi", "ein Hund namens Bruno", "un chat appelé Léon"
_NAMING = (r"named|called|namens|genannt|nommée?|appelée?|llamad[oa]|chiamat[oa]|nome")
_PLAYED = (r"\b(works?|working|worked|dressed|disguised|poses?|posing|acts?|acting|serves?|travaille\w*|habillée?s?|"
           r"déguisée?s?|trabaja\w*|vestid[oa]s?|disfrazad[oa]s?|arbeitet|verkleidet|gekleidet|lavora\w*|vestit[oa]|"
           r"travestit[oa])\s+\S+\s*$")


# a thing someone made, left or used, said in a relative clause in the past: "the chair he left", "the coat she
# forgot", "the cup he drank from", "the garden she planted"; not "the chair he sits in" (he is there)
_THING_OF = r"\b(the|a|an|this|that|those|these|his|her|their|every|each)( [\w-]+){1,2}( that| which)?\s+$"
_PAST_OBJECT = (r"\s+(once |had |always |never |last |just )?(\w*[^e\W]ed|\w+ied|left|forgot|built|made|wore|drank|ate|"
                r"wrote|drew|sang|kept|bought|brought|gave|sewed|sewn|knit|knitted|carved|planted|painted|played|read|"
                r"loved|owned|hung|spun|threw|took|broke|chose|found|won|lost|sent|got|sat|slept|dug|laid|flew|drove|rode|"
                r"wove|tore|hid|bent|lent|spent|swept|sold|told|caught|taught|fought|froze|stole|wound|ground|left behind|"
                r"gave|forgot|began|swam|sank|rang|grew|blew|knew|shook|stood|fed|led|meant|felt|dealt|lit)\b"
                r"(?! (it|them|the|a|an|his|her|their|this|that|down|up|out|off|on|in|at|to|into)\b[^.;,]*"
                r"\b(while|as|and) (he|she)\b)")


def past_relative(low: str, start: int, end: int) -> bool:
    """The pronoun at ``low[start:end]`` is the subject of a past verb in a relative clause on a thing ("the
    chair he left by the window"): someone gone, not in the picture."""
    if low[start:end] not in ("he", "she"):
        return False
    return bool(re.search(_THING_OF, low[max(0, start - 40):start]) and re.match(_PAST_OBJECT, low[end:end + 30])
                and not re.search(r"\b(this morning|just now|today|a moment ago|minutes ago)\b", low[end:end + 60]))


# the camera or phone in the hand of whoever films: "phone footage, held in the hand", "shot on a phone held in one
# hand", "Kamera in der Hand", "grabado con el móvil en la mano", "caméra à la main": the hand is behind the camera;
# not "the phone in my hand buzzes" (nothing is filmed with it: the hand is in the picture)
_DEVICE = (r"camera|cam|gopro|camcorder|handycam|caméscope|videocámara|videokamera|caméra|cámara|camara|kamera|telecamera|fotocamera|videocamera|"
           r"footage|video|vídeo|vidéo|film\w*|shot on|shot with|shooting|record\w*|filmé\w*|grabad\w*|grabando|"
           r"filmad\w*|gefilmt|aufgenommen|dreh\w*|girat\w*|ripres\w*|filmat\w*|riprend\w*")
_HELD_IN = (r"(?:(?:held|holding|carried|tenue?s?|tenant|porté\w*|sostenid\w*|sujetad\w*|gehalten|tenut\w*|"
            r"impugnat\w*)\s+)?\b(in|à|en|dans|nella|in der|im|col)\s+"
            r"((the|one|a|my|his|her|la|una|mi|der|einer|meiner|ma|mia|sa|su|una sola|one single)\s+)?$")


def _holds_the_camera(low: str, start: int, end: int) -> bool:
    """The hand at ``low[start:end]`` holds the camera or the phone that films: a hand after "in" or "held in",
    in a sentence that names the device or the filming."""
    last = low[start:end].split()[-1]
    if not re.fullmatch(r"hand|hands|main|mains|mano|manos|mani|hände|händen", last):
        return False
    if not re.search(_HELD_IN, low[max(0, end - len(last) - 40):end - len(last)]):
        return False
    sentence = re.split(r"[.;!?\n]", low[max(0, start - 120):start])[-1] + re.split(r"[.;!?\n]", low[start:end + 80])[0]
    return bool(re.search(r"\b(" + _DEVICE + r")\b", sentence))


def pictured(low: str, start: int) -> bool:
    """The person at ``start`` is only in a picture or a likeness ("a portrait of a sailor", "una foto de los
    abuelos", "ein Gemälde von zwei Matrosen", "a bronze statue of a soldier")."""
    return bool(re.search(DEPICTED + r"[^.;,]{0,25}$", low[max(0, start - 50):start]))


_OWNERS = (r"\b(" + LIKENESS + r"|" + CREATURES + r"|saints?|angels?|estatuas?|statuen?|manichini|maniquíes|busts?|"
           r"figurines?|effigies|gargoyles?)\b")


def likeness_body(low: str, m: re.Match) -> bool:
    """A possessive body part after a likeness or an animal, with no person word in the picture, in its sentence or
    (its own naming no one) the one before: "statues, snow on their shoulders"; "A stone angel. Camera creeps toward
    her face". A person word only pictured ("a bronze statue of a soldier") is the likeness itself."""
    word, start = m.group(0), m.start()
    if not (re.match(r"(their|its|his|her) ", word) and re.search(r"\b(shoulders?|face|faces|arms?|feet|heads?|"
                                                                    r"hands?|legs?|backs?|eyes|lips|hair)$", word)):
        return False
    lo = max(0, start - 150)
    cut = [c.end() for c in re.finditer(r"[.;!?\n]", low[lo:start])]
    own = lo + (cut[-1] if cut else 0)
    people = re.compile(r"\b(" + PERSON_NOUNS + r")\b")
    owned = re.search(_OWNERS, low[own:start]) or re.search(THING_NAMES, low[own:start])
    lo = own if owned or people.search(low, own, start) or not cut else lo + (cut[-2] if len(cut) > 1 else 0)
    before = low[lo:start]
    if not re.search(_OWNERS, before) and not re.search(THING_NAMES, before):
        return False
    return not any(not_in_picture(low, p) is None and not pictured(low, p.start()) and not negated_before(low, p.start())
                   for p in people.finditer(low, lo, start))


def likened(low: str, start: int) -> bool:
    """The person word at ``start`` is what something is likened to, or a person only supposed."""
    before = _clause_before(low, start)
    m = re.search(_SIMILE, before)
    return bool(m) and not re.search(_PLAYED, before[:m.end(1)] if m.end(1) else before)


# the owner of a place or a thing, named after it with a possessive ("lo studio di mio nonno", "la cuisine de ma
# grand-mère", "el taller de mi abuelo", "the study of my late uncle", "die Werkstatt meines Großvaters"): the
# owner is not in the picture, as "grandpa's study" is not; a body part of theirs is ("les mains de ma grand-mère")
_POSSESSIVE_OF = (r"\b(of|de|d'|du|des|di|del|della|dello|dei|von|vom|da)\s+(the )?(my|his|her|our|their|your|mon|ma|mes|"
                  r"son|sa|ses|notre|nos|votre|vos|leur|leurs|ton|ta|mi|mis|su|sus|tu|tus|nuestr[oa]s?|vuestr[oa]s?|"
                  r"mio|mia|miei|mie|suo|sua|tuo|tua|nostr[oaie]|vostr[oaie]|meinem|meiner|seinem|seiner|ihrem|ihrer|"
                  r"unserem|unserer|deinem|deiner)\s+((late|feu|feue|difunt[oa]|defunt[oa]|verstorbenen|old|vieil|"
                  r"viej[oa]|vecchi[oa]|alten|dear|cher|chère|quer\w+|car[oa]|lieben)\s+)?$|"
                  r"\b(meines|meiner|seines|seiner|ihres|ihrer|unseres|unserer|deines|deiner|eures)\s+(verstorbenen\s+|"
                  r"alten\s+|lieben\s+)?$")
_OWNED_BODY = (r"(hands?|fingers?|face|eyes|smile|arms?|feet|mains?|visage|sourire|yeux|bras|pieds|manos?|cara|rostro|"
               r"sonrisa|ojos|brazos|pies|mani|mano|viso|volto|sorriso|occhi|braccia|piedi|hände|hand|gesicht|augen|"
               r"lächeln|arme|füße|finger|silhouette|silueta|sagoma|ombre|sombra|ombra|schatten|shadow)")


def _possessor(low: str, start: int) -> bool:
    """The person word at ``start`` owns the place or thing named before it ("di mio nonno"), unless that is a
    part of the person ("les mains de ma grand-mère", "the hands of my grandmother")."""
    if re.match(_OWNED_BODY + r"\b", low[start:]):
        return False                                          # "mit meiner Hand": the hand is in frame
    before = low[max(0, start - 60):start]
    m = re.search(_POSSESSIVE_OF, before)
    if not m:
        return False
    head = re.findall(r"[\w'-]+", before[:m.start()])
    return not (head and re.fullmatch(_OWNED_BODY, head[-1]))


LIVING_STATUE = (r"\b(living statues?|human statues?|statues? vivantes?|estatuas? vivientes?|estatuas? humanas?|"
                  r"lebende statue\w*|statue viventi|statua vivente)\b")


def names_likeness(low: str) -> bool:
    """The brief names an animal or a likeness a pronoun could stand for: a creature or a figure ("the cat", "a
    mannequin"), a person word read as a likeness ("a porcelain ballerina"), or a depicted person ("a painting of
    a girl"). A material alone ("the snow", "a stone wall") is none."""
    low = re.sub(LIVING_STATUE, lambda m: " " * len(m.group(0)), low)   # a performer, not a likeness
    if re.search(r"\b(" + CREATURES + r")\b", low) or re.search(DEPICTED, low):
        return True
    return any(not_in_picture(low, m) == "a likeness" for m in re.finditer(r"\b(" + PERSON_NOUNS + r")\b", low))


def doubtful_pronoun(low: str, m: re.Match) -> bool:
    """A pronoun ("she", "his hands") in a brief that names an animal or a likeness: it may be the cat's."""
    return bool(re.fullmatch(_PRONOUNS, m.group(0))) and names_likeness(low)


def opening_pronoun(low: str) -> re.Match | None:
    """A brief that opens on a subject pronoun in another language ("Elle ouvre la fenêtre", "Ella baila sola"):
    someone, as "She …" is in English, unless the brief names an animal or a likeness it could stand for."""
    m = re.match(r"\s*(elle|ella|él|lei|lui|ela|ele|er|sie)\s+[a-zà-ÿ]{3,}", low)
    if m and not names_likeness(low):
        return m
    return None


def _animal_before(low: str, at: int) -> bool:
    """An animal or a thing named before the pronoun in its sentence, which it may stand for ("Un gatto …, lui apre
    un occhio", "La barca è ferma, lei in mezzo al golfo", "La mer monte ; elle gronde"); not a portrait's sitter
    ("Porträt einer Imkerin …, sie hebt eine Wabe") nor anyone named by a role."""
    before = re.split(r"[.!?\n]", low[:at])[-1]
    nouns = re.findall(r"\b(?:la|le|il|el|lo|l'|die|der|das|un|una|une|uno|ein|eine|einen)\s*([a-zà-ÿ]{3,})", before)
    return bool(re.search(r"\b(" + CREATURES + r")\b", before)) or (
        bool(nouns) and not any(_is_person_word(n) or (len(n) > 4 and agent_noun(n)) for n in nouns))


def person_signal(low: str) -> str | None:
    """Evidence of someone too weak for a sure rule but enough to doubt a "nobody": a subject pronoun in another
    language at a clause's start, before a verb or a place ("Elle marche…", "Ella en la cocina…", "Lei al
    balcone"), unless an animal it may stand for is named before it ("Un gatto …, lui apre un occhio"); or "only
    her", "just him"."""
    m = re.search(r"(^|[.;:!?\n]\s*|,\s+)(elle|ella|él|lei|lui|ela|ele|sie|er)\s+([a-zà-ÿ]{3,}|en|in|im|am|an|à|au|"
                  r"a|al|da|di|su|sul|nel|dal|sur)\b", low)
    if m and not _animal_before(low, m.start(2)):
        return m.group(0).strip(" ,.;:!?\n")
    m = re.search(r"\b(only|just|except|but|save|seulement|sauf|solo|sólo|nur|außer|tranne|só) (her|him|them|"
                  r"elle|lui|ella|él|sie|ihn|lei)\b", low)
    return m.group(0) if m else None
