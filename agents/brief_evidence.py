"""What a model's quoted words cannot carry, though they name the field's kind of thing.

- words to read said under a denial: "so not one title can be made out", "nothing on the label readable" is no
  text in frame (unless the quote gives the words themselves, quoted or in capitals);
- "nobody" said as a figure of speech ("Nobody would guess this bookshop has a cat", "Personne ne devinerait que …")
  or an emptiness denied ("Nicht menschenleer", "Non è che sia vuoto") says nothing of an empty picture;
- a length that is a limit ("keep it under 30 seconds", "moins de 20 secondes"), another thing's length ("une
  pose de 20 secondes", "a pause of three seconds") or a moment ("thirty seconds after sunset"), not the piece's.
"""

from __future__ import annotations

import re

from agents.brief_cues import normalise
from agents.brief_length import number_value
from agents.brief_lexicon_people import NONE_STRONG
from agents.brief_lexicon_shot import MIN, NUM, SEC
from agents.brief_negation import EMPTY_ADJ, undenied_empty
from agents.brief_nobody import NOBODY_WORD, figure_of_speech

__all__ = ["denied_text", "length_of_the_piece", "not_nobody", "quoted_seconds"]

_DENIAL = (r"\b(no|not|never|nothing|none|without|can't|cannot|couldn't|rien|aucune?|sans|nada|ningún|ninguna?|"
           r"ninguno|sin|niente|nulla|nessun[oa]?|senza|nichts|kein\w*|ohne|nicht)\b|\bne\b[^.;,]*\b(pas|jamais|plus)\b|"
           r"\bnon\b")
_GIVEN = r"[\"“”«»„]|'[^']{2,}'|\b[A-ZÀ-ÖØ-Þ]{3,}\b"


def denied_text(words: str) -> bool:
    """The quoted words deny that anything is to be read, and give no words themselves."""
    return not re.search(_GIVEN, words) and bool(re.search(_DENIAL, normalise(words)))


def not_nobody(words: str) -> str:
    """The quoted words with what cannot say "nobody is in the picture" blanked out: a one-word nobody used as a
    figure of speech ("nobody would guess", "personne ne devinerait", "nadie diría") and a denied emptiness with its
    negation ("nicht menschenleer", "non è che sia vuoto")."""
    low = normalise(words)
    cut: list[tuple[int, int]] = []
    for m in re.finditer(r"\b(" + NOBODY_WORD + r")\b", low):
        if figure_of_speech(low, m):
            cut.append((m.start(), m.end() + (re.match(r"\s+(\w+\s+){0,2}", low[m.end():]) or re.match("", "")).end()))
    for m in re.finditer(NONE_STRONG, low):
        if figure_of_speech(low, m):
            cut.append((m.start(), m.end()))
    for m in re.finditer(EMPTY_ADJ, low):
        if undenied_empty(low, m.start()):
            neg = re.search(r"(\S+\s+){1,4}$", low[max(0, m.start() - 40):m.start()])
            cut.append((m.start() - (len(neg.group(0)) if neg else 0), m.end()))
    for a, b in cut:
        low = low[:a] + " " * (b - a) + low[b:]
    return low


# a bound on the length, not the length: "under", "no longer than", "moins de", "menos de", "meno di", "unter"
_LIMIT = (r"\b(under|below|less than|no (more|longer) than|not (more|longer) than|at most|max(imum)?|up to|within|"
          r"shorter than|moins de|pas plus de|au plus|au maximum|jusqu'à|menos de|no más de|como máximo|hasta|"
          r"meno di|non più di|al massimo|fino a|entro|unter|weniger als|höchstens|maximal|bis zu|"
          r"nicht länger als|kürzer als)\s*$")
# a length that belongs to a noun other than the piece: "une pose de 20 secondes", "a pause of three seconds"
_PIECE = (r"clip|clips|video|vidéo|vídeo|film|spot|loop|boucle|bucle|piece|séquence|sequence|secuencia|sequenza|"
          r"plan|plano|shot|shots|reel|short|teaser|ad|trailer|montage|animation|animación|animazione|gif|"
          r"cinemagraph|total|durée|duración|durata|länge|dauer|length|runtime|it|film")
_OF = r"\b([\w'-]+) (of|de|d'|di|da|von) (a |an |un |une |una |uno |einer |einem )?$"

# a moment, not a length: "thirty seconds after sunset", "dix secondes avant la fin", "zehn Sekunden nach dem Start"
_WHEN = (r"\s*(after|before|later|earlier|into|ago|past|from now|après|avant|plus tard|después|antes|más tarde|dopo|"
         r"prima|più tardi|nach|vor|später|danach)\b")


# a distance said in time, not a length: "a five-minute walk from the station", "à dix minutes à pied", "a cinco
# minutos a pie", "zehn Minuten zu Fuß", "a dieci minuti a piedi", "a two-minute drive away"
_AWAY = (r"\s*(walk|walking|drive|driving|ride|cycle|bike ride|stroll|hike|trip|journey|commute|flight|away|from|"
         r"à pied|de marche|de route|en voiture|de là|a pie|andando|caminando|en coche|en auto|de aquí|zu fuß|"
         r"mit dem auto|fahrt|fußweg|entfernt|a piedi|in auto|in macchina|di cammino|di strada|da qui)\b")


_COUNTED = (r"\b(shots|plans|planos|cuts|clips|scenes|scènes|escenas|takes|einstellungen|szenen|inquadrature|each|"
            r"chacun|chacune|cada|jeweils|ciascun[oa]|per shot|x\s*\d|\d\s*x)\b")


def quoted_seconds(words: str) -> float | None:
    """The length the quoted words state, in seconds, read from the words rather than taken from the model's number:
    minutes are sixty seconds ("a one-minute film" is 60, not 1) and a number joined to "second" is a count, not an
    ordinal ("Thirty-second night shot" is 30, not the 32nd). None when the words state no length of time."""
    low = normalise(words)
    found = [m for m in re.finditer(NUM + r"[\s-]*(and a half[\s-]*)?(" + SEC + "|" + MIN + r")\b", low)
             if not re.search(r"\d\s*/\s*$", low[:m.start()])]   # an exposure ("1/30 s") is no length
    if re.search(r"\d\s*/\s*\d+\s*(s|sec|secs|seconds?|segundos?|secondes?|secondi|sekunden)?\b", low) and not found:
        return None
    if len(found) != 1 or re.search(_COUNTED, low):
        return None  # "three shots of five seconds", "1 min 30 s": the model's sum or reading stands
    m = found[0]
    val = number_value(m.group(1))
    if val is None or re.match(r"\.?\s*(and |et |y |e |und )?\d", low[m.end():]):  # "1 min 30": minutes and seconds
        return None
    if m.group(2):
        val += 0.5
    return val * 60 if re.fullmatch(MIN, m.group(3)) else val


def length_of_the_piece(words: str, idea: str) -> bool:
    """The length in the quoted words is the piece's: not a limit on it, nor the length of another thing named
    before it. Read in the brief around the quote when the quote is found there."""
    low, brief = normalise(words), normalise(idea)
    m = re.search(NUM + r"[\s-]*(" + SEC + "|" + MIN + r")\b", low)
    if m is None:
        return False
    at = brief.find(low)
    before = (brief[:at] if at >= 0 else "") + low[:m.start()]
    before = re.split(r"[.;:!?\n(]|,\s", before)[-1]
    if re.search(_LIMIT, before):
        return False
    # one end of a range ("somewhere between 10 and 15 seconds", "20-30 s", "tra 10 e 15 secondi"): no length stated
    if re.search(r"\b(between|entre|zwischen|tra|fra)\b", before) or re.search(
            r"\d\s*(-|–|to|or|and|à|a|bis|y|e|o|ou|oder)\s*$", before):
        return False
    owner = re.search(_OF, before)
    if owner and not re.fullmatch(_PIECE, owner.group(1)):
        return False
    after = low[m.end():] if m.end() < len(low) else brief[at + len(low):] if at >= 0 else ""
    return not re.match(_WHEN, after) and not re.match(_AWAY, after)
