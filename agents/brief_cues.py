"""Cues the brief's rules read beyond a word list: where a person named in the brief is not in the picture now,
the French one-word "personne", an empty place or thing, a loop that is a thing, a camera move said in plain words;
the clause and the sentence around a word. Words written in the frame: :mod:`agents.brief_text_cues`.

Each cue says whether it is sure (the rules force it onto every shot) or a hint (the model reads the brief, and
where its reading and the hint differ a second look decides: :mod:`agents.brief_look`). Patterns live in
:mod:`agents.brief_lexicon_people` and :mod:`agents.brief_lexicon_shot`; all functions take the lower-cased, normalised brief unless they say otherwise.
"""

from __future__ import annotations

import re
import unicodedata

from agents.brief_camera import still_subject
from agents.brief_lexicon_people import PAST_PRESENCE
from agents.brief_lexicon_shot import (
    CAMERA_PLAIN,
    CAMERA_SUBJECT,
)
from agents.brief_negation import NEG
from agents.brief_negation import negated_before as negation_scope
from agents.brief_person import past_relative, pictured

__all__ = [
    "CLAUSE_END",
    "absent",
    "camera_plain",
    "cased",
    "clause",
    "empty_word",
    "loop_is_a_thing",
    "never_in",
    "normalise",
    "personne_nobody",
    "pictured",
    "pronoun_nobody",
    "sentence",
]

CLAUSE_END = r"[.;:!?\n()]|,\s|\s-\s"


def clause(low: str, start: int, end: int) -> str:
    """The clause around ``low[start:end]``: from the last comma, stop or dash before it to the next one after."""
    before = list(re.finditer(CLAUSE_END, low[:start]))
    after = re.search(CLAUSE_END, low[end:])
    return low[before[-1].end() if before else 0:end + after.start() if after else len(low)]


def sentence(low: str, start: int, end: int) -> str:
    """The sentence around ``low[start:end]``: from the last stop before it to the next one after."""
    before = list(re.finditer(r"[.;!?\n]", low[:start]))
    after = re.search(r"[.;!?\n]", low[end:])
    return low[before[-1].end() if before else 0:end + after.start() if after else len(low)]


# a relative clause of place: "the armchair where my father read", "le banc où ma grand-mère s'asseyait"
_WHERE = r"\b(where|in which|at which|on which|où|donde|en (el|la) que|dove|in cui|wo|an dem|in dem|auf dem|an der|in der)\s"
# a verb in a past form: English -ed or an irregular past, the Romance imperfect ("s'asseyait", "se sentaba",
# "giocava") and perfect; an English third-person subject without the present's -s ("my father read every evening")
_PAST_VERB = (r"(\w*[^e\W]ed|sat|stood|slept|sang|ran|wrote|read|sold|ate|drank|taught|built|kept|spoke|told|wore|grew|drew|"
              r"knew|made|lay|hung|sewed|sewn|swept|fed|held|played|prayed|\w{2,}(ait|aient)|\w{2,}(aba|aban)|\w{2,}(ía|ían)|"
              r"\w{2,}(ava|avano|eva|evano|iva|ivano)|war|saß|stand|schrieb|las|spielte|arbeitete|"
              # the Spanish preterite, the French and Italian compound past ("alguien escribió", "quelqu'un a écrit",
              # "qualcuno ha scritto"), the German perfect's auxiliary ("jemand hat … geschrieben")
              r"\w{2,}ió|\w{3,}ó|a \w+(é|i|u|it|is|ert|int|ait)|ha \w+(ato|uto|ito|tto|sso|sto)|hat)")
# a person who is gone: the subject of a verb of leaving or dying, with the time since ("since he left it years
# ago", "though she moved away long ago", "depuis qu'il est parti")
_GONE = (r"\b(left|moved (away|out)|went away|passed away|died|departed|emigrated|est parti\w*|est mort\w*|"
         r"a déménagé|se fue|se marchó|murió|se mudó|se n'è andat\w|è partit\w|è mort\w|ist (weg|fort)gezogen|"
         r"ist gestorben|ging fort|zog weg)\b")
_SINCE = (r"\b(ago|long since|for good|years|decades|ever since|since|though|although|after|depuis|hace|desde|"
          r"da anni|anni fa|seit|vor (\w+ )?jahren)\b")


def _past_subject(low: str, start: int, end: int) -> bool:
    """The person at ``low[start:end]`` is the subject of a past verb in a relative clause of place, or of a verb
    of leaving or dying said with the time since."""
    cl = clause(low, start, end)
    at = low.find(cl) if cl else -1
    head = low[max(at, 0):start] if at >= 0 and at <= start else ""
    after = low[end:end + 40]
    if re.search(_WHERE + r"[^,;.]*$", head):
        # "where my father read", "donde se sentaba mi abuela" (the verb before the person), "wo die Oma früher saß"
        between = head[list(re.finditer(_WHERE, head))[-1].end():]
        plural = re.search(r"(s|children|people|men|women)$", low[start:end])
        if re.match(r"\s*(s'|se |si |sich )?" + (r"(?!read\b)" if plural else "") + r"(" + _PAST_VERB + r")\b",
                    after) or re.search(
                r"\b(" + _PAST_VERB + r")\s+((mi|su|tu|ma|sa|ta|la|le|el|il|lo|mio|mia|suo|sua|der|die|das|my|his|her|"
                r"the|our|nuestro|nuestra|notre|nostro|nostra|unser|unsere) )?$", between):
            return True
    if re.match(r"\s*((\w+ly|had|has|have|had long|just) )?" + _GONE, after) or re.match(
            r"\s*(est|è|ist|se) \w+", after) and re.search(_GONE, after[:30]):
        return bool(re.search(_SINCE, head + " " + after))
    return False


# the subject of a denied verb of entering or being seen: "the person themselves never enters the frame", "le
# boulanger n'apparaît jamais", "el dueño nunca aparece", "il pescatore non entra mai in campo", "der Fahrer ist nie
# zu sehen", "the cyclist never in frame"
_NEVER_IN = (r"\s+((themselves|himself|herself|itself|lui-même|elle-même|eux-mêmes|mismo|misma|stesso|stessa|selbst)\s+)?"
             r"(" + NEG["never"] + r"|not|does not|doesn't|do not|don't|will not|won't|is never|are never|is not|"
             r"isn't|n'|ne|no|non|nicht|ist nie|bleibt)\s*((\w+|s'|se|si|sich)\s+){0,2}"
             r"(enters?|appears?|seen|visible|shows?|steps? (in|into)|comes? (in|into)|entre|apparaît|aparece|entra|"
             # a verb of seeing whose object is the person: "al panadero no se le ve", "il fornaio non si vede mai";
             # its active form only with a pronoun of the seen before it ("una anciana no ve bien" sees), its participle
             # not after a verb of having (_HAVE_SEEN: "le pêcheur n'a jamais vu la mer")
             r"(se|si|le|la|lo|les)\s+(ve|vede|voit)|vu|visto|vista|gesehen|mostrad[oa]|mostrat[oa]|montré\w*|gezeigt|"
             r"appare|betritt|erscheint|zu sehen|im bild|unsichtbar|hors (du )?champ|fuera de (cuadro|plano)|"
             r"fuori (campo|quadro)|"
             # being in the picture, said without a verb: "the cyclist never in frame", "jamais dans le champ"
             r"(in|into|within|on|dans|à|en|im|ins|in der)\s+(the\s+|le\s+|l'|la\s+|el\s+|il\s+|das\s+)?"
             r"(frame|shot|view|picture|sight|screen|camera|champ|cadre|image|cuadro|plano|imagen|campo|quadro|"
             r"inquadratura|bild))\b")


# Where a person named is not in the picture now, said after them (:func:`never_in`), four ways: nowhere, gone,
# elsewhere, only supposed. Each is a predicate of the person; a person who also does something in the same clause
# ("a family on holiday builds a sandcastle", "a fisherman far away on the horizon, casting") is there.
_BE = (r"is|are|was|were|est|n'est|ne sont|n'était|ist|sind|war|está|están|estaba|no está|no están|è|non è|sono|"
       r"non sono|era|non era|sont|son")
# nowhere: "the baker is nowhere to be seen", "le boulanger n'est nulle part", "der Bäcker ist nirgends zu sehen",
# "el panadero no está por ningún lado", "il fornaio non è da nessuna parte"; not "nowhere near the camera"
_NOWHERE = (r"\s+(((" + _BE + r")\s+)?(\w+\s+)?)?(nowhere|nulle part|nirgends|nirgendwo|en ningún (sitio|lado|lugar)|"
            r"por ningún lado|por ninguna parte|da nessuna parte|in nessun luogo)\b(?!\s+(near|close))")
# what may close a clause after a state of the person: a time said with it ("parti depuis longtemps", "gone for
# good", "off duty today"), then the clause's end; a verb or a place after it means the person is doing something
_STATE_END = (r"(\s+(today|tonight|now|for now|again|already|for good|long ago|\w+ ago|for the day|this time|déjà|"
              r"(depuis|since|for|seit|desde|hace|da)\s+[\w' ]{1,20}?))?\s*(" + CLAUSE_END + r"|$|"
              # or a new clause: "the baker stays off-screen while the bread rises", "le patron ailleurs et la salle vide"
              r"\s(and|but|while|whilst|as|when|until|et|mais|pendant que|tandis que|y|pero|mientras|e|ma|mentre|und|"
              r"aber|während)\s)")
# gone, away, out of the picture: "The fisherman? Gone.", "der Pianist bleibt außerhalb des Bildes"; not "far away"
_GONE_STATE = (r"(\s*([?:]|\s-)\s*|\s+((himself|herself|themselves|selbst|lui-même|elle-même|eux-mêmes|mismo|misma|"
               r"stesso|stessa)\s+)?(is|are|was|stays?|remains?|keeps?|est|reste|ist|bleibt|está|queda|permanece|"
               r"è|resta|rimane|sont|sind|son|sono|están|were|waren|étaient|erano|estaban)\s+"
               r"((?!far\b|weit\b|farther\b|further\b)\w+\s+)?|\s+)(gone|absent|away|missing|fehlt|fehlen|"
               r"out of (the )?(frame|shot|view|picture|sight)|off(-|\s)?(screen|camera|frame)|weg|fort|abwesend|"
               r"verschwunden|außerhalb des bild\w*|ausserhalb des bild\w*|parti|partie|partis|parties|absente?s?|"
               r"disparu\w*|ausente\w*|desaparecid\w*|assente|andat\w|sparit\w|scompars\w|"
               # gone home: "the waiters went home", "les serveurs sont rentrés chez eux", "heimgegangen"
               r"(gone|went) home|rentrée?s?|heimgegangen|nach hause gegangen|tornat[ieoa] a casa)\b"
               # gone somewhere: "the skipper is away at sea", "the baker is gone to the market", "the pensioners
               # gone from their bench"
               r"(\s+(at|to|in|on|into|from|à|au|en|a|al|in|zum|zur|auf|im|chez|de|da|von)\s+([\w']+\s+){0,2}?[\w']+)?"
               + _STATE_END)
# elsewhere, or away from their post: an adverb of elsewhere ("le patron ailleurs", "der Wirt woanders", "il
# custode altrove"), or off / on / in a time away from work ("lifeguard off duty", "a lifeguard on leave", "the
# player on a break", "le gardien en congé", "el socorrista de permiso", "der Bademeister im Urlaub", "il bagnino in
# ferie"): the state must close its clause
_AWAY_NOUN = (r"break|breaks|leave|holiday|holidays|vacation|strike|sabbatical|furlough|day off|"
              r"lunch break|sick leave|congé|congés|vacances|pause|grève|repos|vacaciones|permiso|descanso|baja|huelga|"
              r"libranza|ferie|vacanza|pausa|sciopero|permesso|riposo|urlaub|streik|feierabend|krankenstand")
_ELSEWHERE = (r"(\s+(" + _BE + r")\b)?\s+((himself|herself|themselves|itself|lui-même|elle-même|selbst|mismo|misma|"
              r"stesso|stessa)\s+)?((\w+ly|now|still|currently|again|already|maintenant|encore|ahora|todavía|ora|ancora|"
              r"jetzt|noch|gerade)\s+)?(elsewhere|ailleurs|anderswo|woanders|en otra parte|en otro lugar|altrove|"
              r"off[- ](duty|shift|work|sick)|"
              r"(on|en|de|in|im|auf|di|a)\s+((a|an|his|her|their|its|sa|son|ses|su|sus|sua|suo|seine[mn]?|ihre[mn]?|"
              r"la|le|il|der|den|dem)\s+)?(" + _AWAY_NOUN + r"))\b" + _STATE_END)
# only supposed, as a habit or a possibility, in a clause of place: "where a chef would normally stand", "où le chef
# se tient d'habitude", "dove di solito siede il custode"; not a person who may or usually does something ("an old
# man may smile", "a barista who usually works nights pulls an espresso", "ein Mann und sonst niemand")
_SUPPOSED = (r"\s+(would|could|might|may|used)\b|\s+(\S+\s+){0,2}?(usually|normally|typically|generally|d'habitude|"
             r"normalement|habituellement|suele|suelen|normalmente|di solito|solitamente|sonst|normalerweise|"
             r"gewöhnlich)\b")
_PLACE_CLAUSE = (r"\b(where|in which|at which|on which|où|donde|en (el|la) que|dove|in cui|wo|an dem|in dem|auf dem|"
                 r"an der|in der)\s[^,;:.!?\n]*$")

# a participle of seeing after a verb of having: the person is the one who saw ("n'a jamais vu", "no ha visto nunca")
_HAVE_SEEN = (r"\b(a|avait|ha|había|han|hat|hatte|aveva|hanno|has|have|had)\s+(\w+\s+)?(vu|visto|vista|gesehen|seen|"
              r"mostrad[oa]|mostrat[oa]|montré\w*|gezeigt)\b")

# the person fronted as the object of a denied verb of seeing: "den Bäcker sieht man nie", "le boulanger, on ne le voit
# jamais"
_SEEN_NEVER = (r"\s*,?\s+(sieht|sehen|zeigt) man (nie|nicht|niemals|kaum)\b|\s*,\s*(on ne le voit|on ne la voit|no se le ve|"
               r"no se la ve|non lo si vede|non la si vede)\b")


# gone long since, somewhere else: "the players long gone home", "die Spieler längst in der Kabine", "les joueurs
# depuis longtemps au vestiaire", "los jugadores hace rato en el vestuario", "i giocatori da tempo negli spogliatoi";
# a verb of going or a place after the adverb, closing the clause (not "a fisherman long retired mends nets")
_LONG_GONE = (r"\s+((" + _BE + r")\s+)?(long( since)?|längst|schon lange|seit langem|depuis (longtemps|belle lurette|"
              r"des heures)|hace (tiempo|rato|horas)|desde hace (tiempo|rato|horas)|da tempo|da un pezzo|da ore)\s+"
              r"((gone|left|departed|home|away|weg|fort|heim|nach hause|zu hause|heimgegangen|gegangen|partis?|parties?|"
              r"rentrée?s?|idos?|idas?|marchad[oa]s?|en casa|a casa|andat[ie]|via|tornat[ie])\b|"
              r"(in|at|im|in der|in den|au|aux|à la|dans|en|al|a la|nel|nella|negli|nei)\s+([\w'-]+\s+){0,2}[\w'-]+)"
              r"([\s\w'-]{0,30}?)" + _STATE_END)


# out of the picture behind the stage: "i pupari nascosti dietro le quinte", "the puppeteers hidden in the wings",
# "les marionnettistes cachés derrière le rideau", "hinter den Kulissen", "entre bastidores"; behind a curtain only
# when hidden there ("a woman behind the curtains watches the rain" is seen)
_HIDDEN = (r"(hidden|concealed|tucked away|cachée?s?|dissimulée?s?|versteckt|verborgen|escondid[oa]s?|ocult[oa]s?|"
           r"nascost[oaie]|celat[oaie])")
_OFFSTAGE = (r"\s+((" + _BE + r"|stay|stays|remain|remains|reste|restent|bleibt|bleiben|queda|quedan|resta|restano)\s+)?"
             r"((" + _HIDDEN + r"\s+)?(backstage|behind the scenes|(in|dans|en|hinter|entre|tra|fra|nel(le)?|dietro)\s+"
             r"(the |les |le |la |den |der |las |los |el |i |il )?(wings|coulisses|kulissen|bastidores|quinte)\b)|"
             + _HIDDEN + r"\s+(behind|derrière|hinter|detrás de|tras|dietro)\s+(the |les |le |la |den |der |las |los |el |"
             r"i |il )?(curtains?|rideaux?|vorhang|bühne|telón|sipario)\b)")


def never_in(low: str, end: int) -> bool:
    """The person ending at ``end`` is the subject of a denied verb of entering or being seen, or is nowhere."""
    after = low[end:end + 200]
    if re.match(_NEVER_IN, after) and not re.search(_HAVE_SEEN, re.match(_NEVER_IN, after).group(0)):
        return True
    if re.match(_NOWHERE, after) or re.match(_GONE_STATE, after) or re.match(_ELSEWHERE, after) or re.match(
            _LONG_GONE, after) or re.match(_OFFSTAGE, after):
        return True
    if re.match(_SUPPOSED, after) and re.search(_PLACE_CLAUSE, re.split(CLAUSE_END, low[:end])[-1]):
        return True
    return bool(re.match(_SEEN_NEVER, after))


def absent(low: str, start: int, end: int) -> bool:
    """The person named at ``low[start:end]`` is not in the picture now: named in the past ("where Grandpa used
    to write", "in dem früher die Großmutter strickte", "the armchair where my father read", "la mecedora donde se
    sentaba mi abuela"), gone ("after the waiters have left", "since he left it years ago"), or only pictured
    ("a portrait of a sailor", "a cardboard cutout of a footballer")."""
    if re.search(PAST_PRESENCE, sentence(low, start, end)) and re.search(PAST_PRESENCE, clause(low, start, end)
                                                                         + " " + low[end:end + 60]):
        return True
    if _past_subject(low, start, end) or past_relative(low, start, end) or never_in(low, end) \
            or made_by(low, start, end):
        return True
    return pictured(low, start)


# a thing's maker, named as the agent of its participle: "a recipe written by my grandmother", "la ricetta scritta a
# mano dalla nonna", "une lettre écrite par ma mère", "eine Karte, geschrieben von meinem Opa", "una carta escrita
# por mi abuela"; not a making now ("a pot being stirred by the cook", "das Brot wird vom Bäcker geformt")
# verbs of making, writing or leaving something behind, as participles in the five languages
_PARTICIPLE = (r"(writ|wrot|made|mak|drawn|drew|paint|sewn|sew|stitch|knit|embroider|carv|buil|sign|left|bak|cook|"
               r"weav|wove|craft|scribbl|penn|typ|print|compos|forg|sculpt|pott|thrown|"
               r"écri|fai|peint|dessin|brod|tricot|cous|sign|laiss|grav|sculpt|constru|cuisin|prépar|tiss|"
               r"escri|hech|pint|dibuj|bord|tej|cos|firm|dej|tall|constru|cocin|prepar|"
               r"scri|fatt|dipin|disegn|ricam|cuc|firm|lasci|intagli|costru|cucin|prepar|tessu|"
               r"geschrieb|gemach|gemal|gezeichn|gestick|gestrick|genäh|signier|hinterlass|geschnitz|gebau|gebacken|"
               r"gekoch|gewob|geweb)\w*")
_AGENT = r"by|par|por|von|vom|da|dal|dalla|dallo|dai|dalle|dagli|de la main de|de (la )?mano de"
_OWNER = (r"the|my|his|her|our|their|a|an|la|le|el|il|lo|l'|mi|mis|su|sus|tu|mio|mia|ma|mon|sa|son|sua|suo|nostra|"
          r"nostro|notre|nuestra|nuestro|meinem|meiner|seinem|seiner|ihrer|ihrem|unserem|unserer|einem|einer|dem|der|"
          r"old|late|dear|own|feu|vieja|vecchia|alte[mnr]?")
_NOW = (r"\b(being|is|are|gets?|getting|wird|werden|viene|vengono|siendo|est en train d'être|sont en train d'être)"
        r"\s+(\w+\s+)?$")


# the maker doing something now, said after them: "built by a little girl who pats it", "fatta dalla nonna che la
# stende", "gebacken von der Oma, die ihn gerade aus dem Ofen holt", "rolled by a chef, dusting flour"
_ACTS_AFTER = (r"\s*,?\s*(who|that|qui|que|che|die|der|welche|la quale|il quale|el cual|la cual)\s+(\w+\s+){0,2}"
               r"[a-zà-ÿ]{2,}|\s+(\w+ing|now|still|encore|todavía|ancora|gerade|noch)\b")


def made_by(low: str, start: int, end: int) -> bool:
    """The person at ``low[start:end]`` is the agent of a participle of making just before them, and does nothing
    said after: a maker, not in the picture."""
    if re.match(_ACTS_AFTER, low[end:end + 40]):
        return False
    head = re.split(r"[.;!?\n]", low[max(0, start - 60):start])[-1]
    agent = re.search(r",?\s*\b(" + _AGENT + r")\s+((" + _OWNER + r")\s*)*([\w'-]+\s+)?$", head)
    if not agent:
        return False
    words = list(re.finditer(r"[\w'-]+", head[:agent.start()]))[-4:]
    for w in reversed(words):   # the participle nearest the agent ("scritta a mano dalla")
        if re.fullmatch(_PARTICIPLE, w.group(0)) and re.search(r"(ed|en|wn|t|te|ts|tes|é|ée|és|ées|is|u|ue|us|"
                                                              r"ad[oa]s?|id[oa]s?|ch[oa]s?|[td][oaie]|ert)$",
                                                              w.group(0)):
            return not re.search(_NOW, head[:w.start()])
    return False




# the closed class of words before a French noun "personne" ("une personne", "la seule personne"); anywhere
# else — at the start of a sentence, after "il n'y a", before a place — it is the pronoun: nobody
_FR_DET = {"une", "la", "des", "les", "cette", "chaque", "aucune", "seule", "autre", "toute", "quelle", "telle",
           "jeune", "vieille", "grande", "petite", "moindre", "ma", "sa", "ta", "notre", "votre", "leur", "première",
           "dernière", "troisième", "deuxième", "une seule", "de", "d'une", "quelque", "certaine", "même", "bonne"}


_MEDIA = (r"video|videos|clip|clips|animation|gif|gifs|background|backgrounds|footage|shot|shots|sequence|cinemagraph|"
          r"visuals?|wallpaper|screensaver|scene|motion|playback|version|reel|ambience|b-roll|timelapse|time-lapse|"
          r"take|spot|film|vidéo|vídeo|clipe")
_THREAD = (r"rope|wire|string|thread|cable|ribbon|yarn|wool|twine|cord|chain|hose|tape|lace|vine|tubing|"
           # the same things and a curl of hair in the other languages: "eine Schleife aus Seide", "un bucle de pelo"
           r"silk|satin|velvet|hair|seide|samt|haar|haaren|seil|faden|draht|band|wolle|spitze|soie|velours|cheveux|"
           r"corde|fil|ruban|laine|dentelle|seda|terciopelo|pelo|cabello|cuerda|hilo|alambre|cinta|lana|encaje|seta|"
           r"velluto|capelli|corda|filo|nastro|pizzo")


def loop_is_a_thing(low: str, m: re.Match) -> bool:
    """A loop word that names a thing or a path, not a video that loops: "a belt loop", "a loop of rope", "the river
    loops around the village", "a looping mountain road", "a looped scarf"."""
    word, after = m.group(0), low[m.end():m.end() + 40]
    if re.fullmatch(r"loops?", word) and re.search(r"\b(roller ?coasters?|coasters?|rides?|race ?tracks?|tracks?|rails?|"
                                                  r"stunt planes?|aerobatic|jets?|skaters?|bmx)\b",
                                                  clause(low, m.start(), m.end())):
        return True                                          # "a roller coaster goes through its loop"
    if re.search(r"\b(belt|rope|wire|knot|cable|string|thread|chain|coaster|race|road|drive|running|feedback|"
                 r"lasso|noose|hook)\s+$", low[max(0, m.start() - 14):m.start()]):
        return True
    if re.fullmatch(r"loops?", word) and re.match(r"[- ](pedals?|stations?|holes?|antennas?|machines?|recorders?)\b",
                                                  after):
        return True                                          # "a loop pedal on a stage"
    # a loop of rope, "un bucle del pelo", "une boucle de la corde", "a loop of the ribbon"
    art = r"(the|la|el|le|il|lo|der|die|das|dem|l')"
    of = r"(of|de|di|aus|von)( " + art + r")?|del|della|dello|dei|du|des|vom|d'"
    if re.match(r"\s*((" + of + r")\s?)?(" + art + r"\s?)?(" + _THREAD + r")\b", after) and (
            re.match(r"\s+(" + of + r")\s?", after) or re.search(r"\b(of|de|di|aus|von)\s*$", word)):
        return True
    # a shape a thing makes ("the river makes one big loop", "el río hace un bucle", "der Weg bildet eine
    # Schleife", "la route forme une boucle"), not the clip ("so the clip makes a perfect loop"), nor an order
    # ("just make a seamless loop")
    maker = re.search(r"\b([\w'-]+)\s+(makes|making|made|forms|forming|formed|draws|drawing|drew|traces|tracing|"
                      r"traced|describes|describing|hace|forma|dibuja|traza|describe|fait|forme|dessine|décrit|trace|"
                      r"macht|bildet|beschreibt|zieht|fa|disegna|descrive|traccia)\s+(a|an|one|un|una|une|uno|ein|"
                      r"eine|einen)\s+(\w+\s+){0,2}$", low[max(0, m.start() - 50):m.start()])
    if maker and not re.fullmatch(_MEDIA + r"|it|this|that|which|who|what|we|you|que|qui|che|das|es|ça|cela|esto|"
                                  r"lo|la|le|and|to|y|et|und|e|ed|must|should|shall|will|can|could|would|puede|"
                                  r"doit|muss|deve|debe|edit|cut|ending|end", maker.group(1)):
        return True
    # a thing's part named by a plural before a place on it: "the keeper loops on a girth strap", "the belt loops
    # of the jeans" (not "the clip loops on the screen", "the banner loops on every screen")
    if word == "loops" and re.match(r"\s+(on|of|along)\s+(a|an|the|its|his|her|their)\b", after) \
            and re.search(r"\b(the|a|an|its|his|her|their|two|three|four|several|small|tiny|leather)\s+[\w-]+\s+$",
                          low[max(0, m.start() - 30):m.start()]) \
            and not re.search(r"\b(" + _MEDIA + r"|banner|logo|title|text|sign|neon|screen|it)\s+$",
                              low[max(0, m.start() - 20):m.start()]):
        return True
    if re.fullmatch(r"loops|looping|looped", word):
        if re.match(r"\s+back to (the )?(start|beginning|first)", after):
            return False
        if re.match(r"\s+(a?round|through|over|back|across|along|past|under|down|up|into|towards?|between|beneath)\b",
                    after):
            return True                                      # the river loops around the village
        nxt = re.match(r"\s+([\w-]+)", after)
        if word != "loops" and nxt and not re.fullmatch(
                _MEDIA + r"|\w+ly|and|or|of|with|for|in|on|at|forever|endlessly|back|again|it|this|the|a|an|"
                r"perfectly|smoothly|cleanly|nicely|well|gif|pls|please|too|as", nxt.group(1)):
            return True                                      # a looping road, a looped scarf
    return False


def personne_nobody(low: str) -> re.Match | None:
    """French "personne" as the one-word negation ("Personne sur la plage", "il n'y a personne"), not the noun."""
    for m in re.finditer(r"(?<![\w'-])personne(?![\w-])", low):
        prev = re.findall(r"[\w'-]+", re.split(r"[.;:!?,\n]", low[:m.start()])[-1])
        if prev and (prev[-1] in _FR_DET or prev[-1].endswith("'une")):
            continue
        return m
    return None


def pronoun_nobody(said: str) -> re.Match | None:
    """A one-word "nobody" that is also a determiner, read as a pronoun by what follows it, on the brief with its
    case kept: German "Keiner da", "keine zu sehen" (a noun after it is capitalised: "keine Menschen" is a
    determiner), Spanish "ninguno" (not "ninguno de los bancos")."""
    for m in re.finditer(r"(?<![\w-])([Kk]einer|[Kk]eine|[Kk]eins)(?![\w-])(?=\s*([,.;:!?\n]|$|\s+[a-zäöüß]))", said):
        nxt = re.match(r"\s+([a-zäöüß]+)", said[m.end():])
        if not nxt or nxt.group(1) in ("da", "hier", "dort", "mehr", "zu", "ist", "kommt", "geht", "sitzt", "steht",
                                       "wartet", "weit", "unterwegs"):
            return m
    m = re.search(r"(?<![\w-])[Nn]inguno(?![\w-])(?!\s+(de|del)\b)", said)
    return m


_THINGS = (r"glass|glasses|cup|cups|mug|bottle|bottles|chair|plate|plates|bowl|box|boxes|frame|vase|jar|can|cans|tin|"
           r"bag|pocket|wallet|page|pages|canvas|screen|shelf|shelves|crib|cot|swing|hammock|picture|notebook|"
           r"envelope|bucket|basket|glas|flasche|stuhl|teller|tasse|verre|bouteille|chaise|assiette|vitrine|vaso|"
           r"botella|silla|plato|taza|bicchiere|bottiglia|sedia|piatto|tazza|copo|garrafa|cadeira|prato|xícara")


def empty_word(low: str) -> re.Match | None:
    """A word saying a place is empty, in any of the languages (a hint: "the room … stands empty"); not an empty
    thing ("an empty glass", "une vitrine vide")."""
    for m in re.finditer(r"\b(empty|emptied|deserted|abandoned|vacant|unoccupied|uninhabited|vide|vides|désert\w*|"
                         r"vacío|vacía|vacíos|vacías|desiert\w*|leer|leere\w*|verlassen\w*|menschenleer\w*|"
                         r"vuot[oaie]|desert[oaie]|abbandonat\w*|vazi[oa]s?)\b", low):
        if re.match(r"-handed|\s+(" + _THINGS + r")\b", low[m.end():]) or re.search(
                r"\b(" + _THINGS + r")\s+$", low[max(0, m.start() - 14):m.start()]):
            continue  # "an empty glass", "une vitrine vide"
        if m.group(0) == "leer" and not re.search(r"\b(der|die|das|dem|den|ist|sind|und|ein|eine[mnrs]?|im|mit|auf|"
                                                  r"steht|liegt|bleibt|wirkt|ganz|völlig)\b", low):
            continue  # the Spanish verb ("hasta poder leer la firma"), not the German "empty"
        return m
    return None


def normalise(text: str) -> str:
    """The brief as the rules read it: NFC, lower case, curly quotes and dashes made plain."""
    text = unicodedata.normalize("NFC", text).lower()
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", " - ")


def cased(idea: str) -> str:
    """The brief normalised as :func:`agents.brief_rules.normalise` does, case kept (offsets match it)."""
    text = unicodedata.normalize("NFC", idea)
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", " - ")
    return text if len(text) == len(text.lower()) else text.lower()


# between the camera and its verb: adverbs and verbs of staying only ("the camera then slowly advances")
_SUBJECT_GAP = (r"(\s+(\w+ly|\w+ment|\w+mente|then|now|also|just|very|will|should|must|can|keeps?|kept|stays?|remains?|"
                r"holds?|is|langsam|ganz|sanft|völlig|vollkommen|piano|poi|puis|luego|dann|se|sich|permanece|reste|"
                r"resta|rimane|bleibt|fica|continues to))*\s*$")


def camera_plain(low: str) -> tuple[str, str, bool] | None:
    """A camera move said in plain words: (move, words, sure). Sure when the camera is the subject of the clause
    ("the camera advances slowly", "die Kamera bleibt völlig still"), a hint otherwise ("the lake lies perfectly
    still" may be the water), and nothing when a thing is named as the subject ("the heron stands perfectly
    still": :mod:`agents.brief_camera` reads who moves)."""
    found = []
    for move, pat in CAMERA_PLAIN:
        for m in re.finditer(pat, low):
            head = re.split(CLAUSE_END, low[:m.start()])[-1]
            # the camera is the subject: "the camera slowly advances", "la cámara permanece perfectamente quieta";
            # not "a shot of a ferry approaching", "the camera watches as a deer approaches"
            sure = bool(re.search(CAMERA_SUBJECT + _SUBJECT_GAP, head))
            # an order at the start of a clause is the camera's: "Pull back from a red kayak", "slowly advance";
            # a participle there is a thing's ("Approaching storm clouds", "retreating glaciers")
            sure = sure or (bool(re.fullmatch(r"\s*(\w+-style \w+\s*)?(then |and |now |slowly |gently )*", head))
                            and not m.group(0).split()[0].endswith("ing"))
            if negation_scope(low, m.start(), 2):
                continue
            if sure and move == "locked" and not re.search(CAMERA_SUBJECT + _SUBJECT_GAP, head) \
                    and still_subject(low, m.start()):
                continue  # "A dancer frozen mid-pose, perfectly still, …": the dancer is still, not the camera
            if not sure and not (re.fullmatch(r"\s*(\w+ly |then |and |now |just |very |et |puis |y |luego |und |dann |"
                                              r"e |poi )*", head) or
                                 re.fullmatch(r"\s*(a|an|one)( (slow|gentle|steady|smooth|long|quick|soft|careful))*\s*",
                                              head)):
                continue  # a thing is the subject: "a toy train circles the tree", "gulls circling the masts"
            found.append((m.start(), move, m.group(0), sure))
            break
    if not found:
        return None
    moves = {f[1] for f in found}
    if len(moves) > 1:
        return None
    _, move, words, _ = min(found)
    return move, words, any(f[3] for f in found)
