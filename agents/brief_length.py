"""The length of the whole piece when a brief states it: "an eight-second spot", "30 s in total", "1:30 timelapse",
"half a minute", "anderthalb Minuten"; not a decade ("a 90s music video"), one end of a range, a limit ("under 30
seconds"), a clock time or a per-shot length."""

from __future__ import annotations

import re

from agents.brief_cues import normalise
from agents.brief_lexicon_shot import MIN, NUM, NUM_WORDS, PER_SHOT, SEC, WHOLE

__all__ = ["number_value", "stated_duration"]


def _num(tok: str) -> float | None:
    tok = tok.strip().lower()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", tok):
        return float(tok.replace(",", "."))
    return float(NUM_WORDS[tok]) if tok in NUM_WORDS else None


def number_value(tok: str) -> float | None:
    """A number written in digits or in words ("12", "2,5", "thirty", "dix"), or None."""
    return _num(tok)


def _not_a_length(low: str, m: re.Match) -> bool:
    """A number with a unit of time that is not the piece's length: a decade ("a 90s music video", "Retro diner,
    70s"), one end of a range ("10-15 seconds", "between 10 and 15 s"), a limit ("under 30 seconds", "max 20s"), a
    delay ("10 Min. später", "20 minutes late")."""
    num = re.search(NUM, m.group(0))
    if num is None:
        return False
    at = m.start() + num.start()
    decade = re.fullmatch(r"([2-9]0|1[0-9]{3}|20[0-9]{2})s", low[at:at + 5].split(" ")[0].split("-")[0].rstrip(",.;:"))
    if decade and not re.match(r"[\w-]*\s+(spot|clip|loop|teaser|reel|cinemagraph|total|long|in total)\b",
                               low[at + len(decade.group(0)):at + 40]) and not _last_note(low, at, decade.group(0)):
        return True
    if re.match(r"\.?\s*(später|verspätung|verspätet|late|later|delay(ed)?|behind|de retard|en retard|plus tard|"
                r"de retraso|con retraso|más tarde|di ritardo|in ritardo|più tardi|ago|fa)\b", low[m.end():]):
        return True   # a delay or a time since, on a board or in a story ("ca. 10 Min. später", "20 min late")
    before = low[max(0, at - 30):at]
    return bool(re.search(r"\d\s*(-|–|to|or|and|à|a|bis|y|e|o|ou)\s*$|\b(between|entre|zwischen|tra)\b[^,.;:]*$", before)
                or re.search(r"\b(under|max|maximum|up to|at most|less than|no more than|no longer than|not more than|"
                             r"over|more than|at least|minimum|moins de|menos de|höchstens|maximal|massimo|"
                             r"meno di|até)\.?\s*$", before))


_ERA = (r"\b(retro|vintage|era|decade|style|styled|fashion|disco|jukebox|nostalgi\w*|throwback|old-school|period|"
        r"aesthetic|vibe|années|años|jahre|anni)\b|['’]\d0s|\d0s-")
_ERA_BEFORE = r"\b(the|in the|mid|early|late|from the|of the|des|los|der|degli|anni|années|años)\s*-?\s*$"


def _last_note(low: str, at: int, token: str) -> bool:
    """"20s" as a note of its own at the end of a clause ("tripod, 20s"), in a brief with no era in it: a length,
    not a decade ("Retro diner, 70s", "the 80s")."""
    return bool(re.search(r"(^|[,;:(.]\s*)$", low[:at])) and bool(re.match(r"\s*([.,;:)!]|$)",
                                                                            low[at + len(token):])) \
        and not re.search(_ERA, low) and not re.search(_ERA_BEFORE, low[max(0, at - 12):at])


_SHOTS = (r"(shots|scenes|cuts|clips|takes|planos|plans|escenas|scènes|einstellungen|szenen|inquadrature|scene|"
          r"riprese|tomas)")
_EACH = (r"(each|apiece|each one|every one|cada uno|cada una|chacun|chacune|jeweils|je|ciascun[oa]|l'un[oa]|per shot|"
         r"par plan|por plano|pro einstellung)")


# one more shot said after a first group: "and one of 6 seconds", "y otro de 8", "puis un de 10", "e uno da 4",
# "und eine von 3 Sekunden", "plus a 10-second one"
_ONE = (r"one|another|a|an|un|une|uno|una|otro|otra|autre|altro|altra|ein|eine|einer|eins|un altro|un'altra|"
        r"un autre|une autre")
_MORE = (r"\s*,?\s*(?:and|plus|then|and then|y|et|puis|e|poi|und|dann|\+)\s+(?:(?:finally|finalmente|enfin|infine|"
         r"zuletzt)\s+)?(" + _ONE + r"|" + NUM[3:-1] + r")\s+(?:(?:last|final|más|de plus|more|ultim[oa]|letzte)\s+)?"
         r"(?:(?:shot|scene|clip|plano|plan|toma|inquadratura|scena|einstellung)\s+)?(?:of|de|d'|da|di|von|à|at|with)?"
         r"\s*" + NUM + r"(?:[- ]?" + SEC + r"\b|(?=\s*([,.;:!?)]|$)|\s+(del|de la|de los|de las|des|du|of|on|sur|su|"
         r"sul|sulla|auf|and|y|et|und|e|then|puis|luego|poi|dann|for|para|pour|per|für)\b))")


def _more_shots(low: str, end: int) -> tuple[float, int, int]:
    """The shots said after a first group from ``end`` on ("y otro de 8", "and two of 3 seconds"): their seconds,
    how many groups in all (the first included) and where they end."""
    total, parts = 0.0, 1
    while more := re.match(_MORE, low[end:]):
        if _num(more.group(2)) is None:
            break
        k = _num(more.group(1)) if re.fullmatch(NUM[3:-1], more.group(1)) and not re.fullmatch(_ONE, more.group(1)) \
            else 1.0
        total, parts, end = total + k * _num(more.group(2)), parts + 1, end + more.end()  # type: ignore[operator]
    return total, parts, end


def _sum_of_shots(low: str) -> tuple[float, int, int] | None:
    """A count of shots and a length each ("Three shots of a harbour at dawn, 4 seconds each", "Cuatro planos de
    tres segundos cada uno", "Twelve 5-second shots"), and more shots said after them ("un plano de 8 segundos y
    otro de 8", "three shots of 4 seconds and one of 6"): the whole is their sum (value, start, end)."""
    # "Twelve 5-second shots", "two 3 s shots": the count before the length before the shots
    count = re.search(NUM + r"\s+" + NUM + r"[- ]?" + SEC + r"[- ](\w+\s+)?" + _SHOTS + r"\b", low)
    if count and _num(count.group(1)) is not None and _num(count.group(2)) is not None:
        n, s, end = _num(count.group(1)), _num(count.group(2)), count.end()
    else:
        count = re.search(r"(?:" + NUM + r"|\b(?:a|an|un|une|uno|una|ein|eine|einen)\b)\s+(\w+\s+)?" + _SHOTS[:-1]
                          + r"|plano|plan|shot|toma|inquadratura|einstellung|scena|scène|escena)\b", low)
        if not count:
            return None
        n = _num(count.group(1)) if count.group(1) else 1.0
        if n is None:
            return None
        # the length right after the shots: "trois plans de quatre secondes", "cinque inquadrature da due secondi",
        # "drei Einstellungen à fünf Sekunden", "vier Einstellungen von je drei Sekunden", "4 shots x 5s"
        each = re.match(r"\s*(?:\w+\s+)?(?:of|de|d'|da|di|von|zu|à|a|at|x|×|by|mit|with)\s+(?:je\s+|jeweils\s+|"
                        r"each\s+|cada uno de\s+)?" + NUM + r"[- ]?" + SEC + r"\b", low[count.end():]) or (
            re.search(NUM + r"[- ]?" + SEC + r",?\s+" + _EACH + r"\b", low[count.end():]) if n > 1 else None)
        if not each or re.search(r"[.;!?\n]", low[count.end():count.end() + each.start()]) or _num(each.group(1)) is None:
            return None
        s, end = _num(each.group(1)), count.end() + each.end()
    each_after = re.match(r",?\s*" + _EACH + r"\b", low[end:])
    more, parts, end = _more_shots(low, end + (each_after.end() if each_after else 0))
    total = n * s + more  # type: ignore[operator]
    if re.match(r"\s*\?|\s*,?\s*(or|o|ou|oder|oppure)\b", low[end:]) or re.search(
            r"\b(or so|or more|or less|roughly|approximately|maybe|o así|más o menos|quizás|environ|à peu près|peut-être|"
            r"ungefähr|etwa|vielleicht|circa|più o meno|forse)\b", re.split(r"[.;!?\n]", low[end:])[0]):
        return None                                 # "Two 5-second shots? Or three?", "another of 3 s or so"
    if n == 1 and parts == 1:
        return None                                 # one shot of 8 seconds: read as a length where it stands
    if re.search(NUM + r"[- ]?(" + SEC + "|" + MIN + r")\b", low[:count.start()] + " | " + low[end:]):
        return None   # another length in the brief ("…; the final edit is 20 seconds", "and a last one of 2 minutes")
    if not (2 <= n + parts - 1 <= 20 and 1 <= total <= 600):
        return None
    return total, count.start(), end


# a screen in the picture that shows or plays something: the length said beside it may be that thing's
_SCREEN = (r"(tv|tvs|television|télé|télévision|tele|televisión|televisore|fernseher|screen|écran|pantalla|bildschirm|"
           r"schermo|monitor|phone|laptop|tablet)")
_ON_A_SCREEN = (r"\b(playing|plays|shown|shows|showing|running|passe|läuft|pasa|passa)\s+(on|à|auf|en|sul|sur|in)\s+"
                r"(a|an|the|la|le|l'|un|une|einem|dem|der|il|lo|una|el|lo)?\s*([\w-]+\s+)?" + _SCREEN + r"\b|\b" + _SCREEN
                + r"\s+(shows|plays|zeigt|montre|muestra|mostra)\b")


def _sentence_of(low: str, m: re.Match) -> str:
    before = re.split(r"[.;!?\n]\s", low[:m.start() + 1])[-1]
    return before + low[m.start() + 1:m.end()] + re.split(r"[.;!?\n](\s|$)", low[m.end():])[0]


def _own_sentence(low: str, m: re.Match) -> str:
    """The few words around a length in its own sentence: "each" in the sentence before ("donde se sentaba cada
    tarde. 30 segundos.") says nothing of it."""
    before = re.split(r"[.;!?\n]\s", low[max(0, m.start() - 25):m.start() + 1])[-1]
    after = re.split(r"[.;!?\n](\s|$)", low[m.end():m.end() + 25])[0]
    return before + low[m.start() + 1:m.end()] + after


# a habit, not a shot: "every evening", "cada tarde", "ogni sera", "chaque soir", "jeden Abend"
_HABIT = (r"\s+(day|days|morning|evening|night|week|year|time|summer|winter|sunday|jour|matin|soir|nuit|semaine|année|"
          r"fois|día|mañana|tarde|noche|semana|año|vez|giorno|mattina|sera|notte|settimana|anno|volta|tag|morgen|abend|"
          r"nacht|woche|jahr|mal)\b")


def _per_shot(span: str) -> bool:
    """A word that makes a length per shot ("4 seconds each", "per shot"), not a habit ("every evening")."""
    return any(not re.match(_HABIT, span[m.end():]) for m in re.finditer(PER_SHOT, span))


def stated_duration(idea: str) -> tuple[float, str] | None:
    """The length of the whole piece when the brief states it ("an eight-second spot", "30 s in total")."""
    low = normalise(idea)
    half = re.search(r"\b(half a minute|a half[- ]minute|demi-minute|demi minute|medio minuto|halbe minute|"
                     r"mezzo minuto|meio minuto)\b", low)
    if half:
        return 30.0, idea[half.start():half.end()]
    one_half = re.search(r"\b(a minute and a half|one and a half minutes|(one|1) minute and a half|anderthalb minuten|"
                         r"eineinhalb minuten|une minute et demie|(un )?minuto y medio|(un )?minuto e mezzo|"
                         r"(um )?minuto e meio)\b", low)
    if one_half:
        return 90.0, idea[one_half.start():one_half.end()]
    # "dos minutos y medio", "two and a half minutes", "deux minutes et demie", "due minuti e mezzo", "zweieinhalb
    # Minuten"
    n_half = re.search(NUM + r"( and a half)? " + MIN + r"( y medio| y media| et demie| e mezzo| e mezza| and a half)?\b",
                       low)
    if n_half and (n_half.group(2) or n_half.group(4)) and _num(n_half.group(1)) is not None \
            and not _not_a_length(low, n_half) and _num(n_half.group(1)) < 10:  # type: ignore[operator]
        return (_num(n_half.group(1)) + 0.5) * 60, idea[n_half.start():n_half.end()]  # type: ignore[operator]
    de_half = re.search(r"\b(zwei|drei|vier|fünf)einhalb minuten\b", low)
    if de_half:
        return {"zwei": 150.0, "drei": 210.0, "vier": 270.0, "fünf": 330.0}[de_half.group(1)], \
            idea[de_half.start():de_half.end()]
    clock = re.search(r"(^|[,;:(\u2014.-]\s*|\s)([0-9]):([0-5][0-9])(?!\s*(am|pm|a\.m|p\.m|h\b|uhr|o'clock))\b", low)
    if clock and not re.search(r"\b(at|à|um|alle|a las|às|by|until|till|from|to|around)\s*$", low[:clock.start(2)]) \
            and 1 <= int(clock.group(2)) * 60 + int(clock.group(3)) <= 600 and (
                (clock.group(1).strip() and clock.group(2) in "01") or re.search(
                    r"\b(runtime|running time|run time|duration|length|durée|duración|dauer|laufzeit|länge|durata)"
                    r"\s*[:=]?\s*$", low[:clock.start(2)]) or re.match(r"\s*(timelapse|time-lapse|clip|video|spot|loop|film|total|long|"
                                                   r"min|of)\b", low[clock.end():]) or re.match(
                    # "a 1:30 mood film", "un 2:00 petit film": the whole piece, after a word or two of its kind
                    r"\s*([\w-]+ ){0,2}(" + WHOLE + r"|cut|edit|version|mix)\b", low[clock.end():])):
        return float(int(clock.group(2)) * 60 + int(clock.group(3))), idea[clock.start(2):clock.end()]
    # "1 min 30", "2 min 15 s", "1 min. 45": minutes and seconds (not a clock time "1 h 30")
    min_sec = re.search(r"\b(\d{1,2}) ?(min|mins|minutes?|minutos?|minuti|minuten)\.? ?(\d{1,2})( ?(s|secs?|seconds?|"
                        r"secondes?|segundos?|secondi|sekunden)\b)?(?![\d:.,]*\d)", low)
    if min_sec and int(min_sec.group(3)) < 60 and not _not_a_length(low, min_sec):
        val = int(min_sec.group(1)) * 60 + int(min_sec.group(3))
        if 1 <= val <= 600:
            return float(val), idea[min_sec.start():min_sec.end()].strip()
    whole_min = re.search(r"\b(a|one)[- ]minute[- ](\w+[- ]){0,2}?" + WHOLE + r"\b", low)
    if whole_min:
        return 60.0, idea[whole_min.start():whole_min.end()]
    summed = _sum_of_shots(low)
    if summed:
        return summed[0], idea[summed[1]:summed[2]]
    pats = [
        # "eight-second spot", "a 30 s film", "15-second loop", "10 seconds long"
        NUM + r"[- ]?(and a half[- ])?" + SEC + r"[- ]" + r"(\w+[- ]){0,3}?" + WHOLE + r"\b",
        NUM + r"[- ]?" + MIN + r"[- ](\w+[- ]){0,3}?" + WHOLE + r"\b",
        r"\b" + WHOLE + r"( [\w-]+)? (of|lasting|running|de|da|von|di|d') (about |around |exactly |roughly )?" + NUM +
        r"[- ]?" +
        r"(" + SEC + r"|" + MIN + r")\b",
        r"\b(the|this|le|la|el|il|das|der) " + WHOLE + r"( itself)? (is|will be|should be|must be|est|es|ist|è) "
        r"(about |around |exactly |roughly |only |just )?" + NUM + r"[- ]?(" + SEC + "|" + MIN + r")\b",
        r"\b(lasts?|runs?|runtime|running time|duration|length|durée|duración|dauer|länge|durata|dura|dure|dauert)"
        r"( of| is|:| de| von| di)? (about |around |exactly |roughly |only |just )?" + NUM + r"[- ]?(" + SEC + "|" +
        MIN + r")\b",
        r"\b(in total|in all|insgesamt|au total|en total|in totale|total of) " + NUM + r"[- ]?(" + SEC + "|" + MIN + r")\b",
        r"\b" + NUM + r"[- ]?(" + SEC + "|" + MIN + r") (in total|total|in all|overall|altogether|long|en total|en tout|"
        r"in tutto|en todo|im ganzen|all told|flat|pile|tout rond|justos|exactos|esatti|precisi|genau|"
        r"au total|insgesamt|in totale|lang|de largo|de duración|de durée|di durata)\b",
        # "The whole thing 45 seconds.", "the entire piece: 25 seconds", "Le tout, 15 secondes"
        r"\b(the whole thing|the whole piece|the whole spot|the entire (thing|piece|film|video|spot|clip)|le tout|"
        r"das ganze|il tutto|todo el (vídeo|spot|anuncio))[:,]?\s+(is |runs |lasts |at |dure |dura |dauert )?"
        r"(about |around |exactly |roughly )?" + NUM + r"[- ]?(" + SEC + "|" + MIN + r")\b",
        r"^\s*" + NUM + r"[- ]?(" + SEC + "|" + MIN + r")\s*[:,-]",
        # "One minute of a candlelit table", "Quince segundos en bucle de", "An 8-second shot: ..." at the start
        r"^\s*((a|an|one|un|une|una|ein|eine|about|around|roughly|approximately|some|environ|unos|unas|etwa|"
        r"ungefähr|circa|cerca di) )?" + NUM + r"?[- ]?(" + SEC + "|" + MIN + r")( (en bucle|in loop|looped|"
        r"looping|loop|long|shot|clip|spot|video|take|film|sequence|footage|vidéo|vídeo|in|en)){0,2}? "
        r"(of|de|di|von|en|in|d'|on|sur|sobre|su|sul|sulla|über|auf)\b",
        # a length in words opening a German brief, the noun right after: "Zwanzig Sekunden Nebel über dem Moor"
        r"^\s*" + NUM + r" (sekunden|minuten) (?!(nach|bevor|später|vor|bis|danach|zuvor|lang|dauer\w*)\b)[\w-]+",
        r"^\s*(a|an|one)? ?" + NUM + r"[- ]?" + SEC + r"[- ](\w+[- ]){0,2}?(shot|take)\s*[:,-]",
        # "a coffee spot, 20 seconds." — a bare length as its own clause
        r"(^|[,;:(\u2014.~\"“”»'-]\s*|\s~\s*|\b(about|around|roughly|approximately|approx\.?|ca\.|circa|environ|"
        r"à peu près|unos|unas|aproximadamente|etwa|ungefähr|rund|più o meno|all'incirca) )" + NUM + r"[- ]?(" + SEC + "|" + MIN + r")\s*([.,;:)!]|$)",
    ]
    for pat in pats:
        for m in re.finditer(pat, low):
            span = _own_sentence(low, m)
            if _per_shot(span) and not re.search(r"\b(in total|total|overall|in all|au total|insgesamt)\b", span):
                continue
            if _not_a_length(low, m) or re.search(_ON_A_SCREEN, _sentence_of(low, m)):
                continue  # "a 30-second commercial playing on a TV in an empty bar": a thing in the picture
            if re.search(r"\b" + _SHOT + r"\b", m.group(0)) and re.search(_ANOTHER_SHOT, low[m.end():]):
                continue  # "A ten-second shot of the harbour, then a second shot of the gulls": one shot's length
            nums = re.findall(NUM, m.group(0))
            val = next((v for v in (_num(n if isinstance(n, str) else n[0]) for n in nums) if v is not None), None)
            if val is None:
                continue
            if re.search(r"and a half", m.group(0)):
                val += 0.5
            if re.search(MIN, m.group(0)) and not re.search(r"\b" + SEC + r"\b", m.group(0)):
                val *= 60
            if 1 <= val <= 600:
                return val, idea[m.start():m.end()].strip()
    return _one_shot(idea, low)


# the length of the brief's only shot: "Thirty-second night shot of a desert gas station", "plan fixe de 15 secondes",
# "Plan de dix secondes dans une boulangerie", "una toma de ocho segundos": the piece's length when nothing in the
# brief names a second shot, a cut, a sequence or a length per shot
_SHOT = r"(shot|take|plan|plano|toma|inquadratura|ripresa|einstellung|aufnahme)"
_ONE_SHOT = (NUM + r"[- ]?" + SEC + r"[- ]([\w-]+[- ]){0,2}?" + _SHOT + r"\b|(?<![\w-])" + _SHOT +
             r"( [\w-]+)? (of|de|di|von|d'|da) (about |around |exactly |roughly |environ |unos |circa |etwa )?" + NUM +
             r"[- ]?" + SEC + r"\b")
# another shot after the one whose length is said: "…, then a second shot", "and a three-second shot of the cup",
# "followed by a close-up", "cut to the cup", "after that, a wide of the town", "puis un gros plan", "suivi d'un
# plan", "y otra de las gaviotas", "poi un primo piano", "dann eine zweite Einstellung"; not a word of the picture
# ("then the view clears", "hands that then cut the bread", "a wide beach", "the gulls then take off") nor a shot
# denied ("no other shots")
_SHOT_NOUN = (_SHOT + r"s?|close-?ups?|gros plans?|primeros? planos?|prim[oi] pian[oi]|nahaufnahmen?|plans? larges?|"
              r"planos? generales?|totale|angles?|inserts?|wides?(?=\s+(of|on|shot)\b|\s*[,.;:]|$)")
_ANOTHER_SHOT = (r"\b(cuts? to|(a|an|one|another|the next|un|une|una|uno|un'|otr[oa]|el otro|un autre|une autre|un altro|"
                 r"un'altra|eine|einer|einen|ein|zwei|two|three|deux|trois|dos|tres|due|tre|drei)\s+([\w-]+\s+){0,2}?"
                 r"(" + _SHOT_NOUN + r")\b|(another|une autre|un autre|otr[oa]|un altro|un'altra|eine andere|eine weitere|"
                 r"noch eine|eine der) (one )?(of|de|di|von|der|del|des|du|on|sur|sobre|su)\b|"
                 r"(?<!no other )(?<!no more )(?<!sans autres )(?<!sin más )(?<!keine weiteren )(?<!nessun'altra )"
                 r"\b(shots|plans|planos|tomas|inquadrature|einstellungen)\b)")
# more than one shot anywhere in the brief: another shot, a sequence, a shot in turn, a length per shot
_MORE_SHOTS = (_ANOTHER_SHOT + r"|\b(takes|riprese|aufnahmen|scenes|scènes|escenas|scene|szenen|cuts?|cutting|then|"
               r"puis|ensuite|dann|danach|luego|después|poi|quindi|each|chaque|cada|jeweils|ogni|first|next|premier|"
               r"suivant|primer|siguiente|erste|nächste|prim[oa]|successiv\w*|sequence|séquence|secuencia|sequenza|"
               r"sequenz|montage|montaje|series|série|serie|loop|boucle|bucle|schleife|ciclo)\b|"
               r"\b(premier|arrière|gros|second|primo|secondo)[- ]plan")


def _one_shot(idea: str, low: str) -> tuple[float, str] | None:
    """The length said of the brief's only shot, when nothing in it names another shot or a length per shot."""
    m = re.search(_ONE_SHOT, low)
    if m is None or re.search(_MORE_SHOTS, low[:m.start()] + " " + low[m.end():]) or _not_a_length(low, m):
        return None
    val = next((v for v in (_num(n) for n in re.findall(NUM, m.group(0))) if v is not None), None)
    return (val, idea[m.start():m.end()].strip()) if val is not None and 1 <= val <= 600 else None
