"""Cues that words are written in the frame to be read: a verb of reading followed by the words themselves, a
legible thing, words being written (sure); a sign, a menu, a board that may carry words (a hint); paper said
blank or read by someone, a negated verb of seeing, a quantifier of nothing (no words to read). Words meant to be
read in the frame ("a sign reading 'NOBODY HOME'") are the sign's words, not the brief's: :func:`onscreen_spans`
finds them so the people, camera and loop rules skip them (:func:`mask`).

All functions take the lower-cased, normalised brief (:func:`agents.brief_cues.normalise`) unless they say otherwise.
"""

from __future__ import annotations

import re

from agents.brief_cues import CLAUSE_END, cased, clause, sentence
from agents.brief_lexicon_shot import CAMERA_SUBJECT
from agents.brief_lexicon_text import (
    ILLEGIBLE,
    LEGIBLE,
    NEG_SEEN,
    QUOTED,
    READS,
    TEXT_CUES,
    TEXT_HINT,
    WORD_NOUNS,
    WRITING,
    WRITTEN_AFTER,
    WRITTEN_BEFORE,
)
from agents.brief_negation import negated_before as negation_scope
from agents.brief_negation import negators

__all__ = ["mask", "negated_seen", "onscreen_spans", "text_hint", "text_sure"]


_ACRONYMS = {"POV", "TV", "DJ", "LED", "USB", "UFO", "CCTV", "GPS", "HDR", "CGI", "VHS", "BMX", "NYC", "USA", "UK",
             "EU", "ASMR", "DSLR", "FPV", "VFX", "SFX", "UI", "AI", "LCD", "CRT", "OK", "ID"}


def _caps_phrase(text: str) -> re.Match | None:
    """Words in capitals that are not an acronym (OPEN, NOT IN SERVICE), on the brief as typed."""
    for m in re.finditer(r"\b[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9'!?&-]{1,}(?:\s+[A-ZÀ-ÖØ-Þ0-9'!?&:-]{1,})*\b", text):
        if m.group(0) not in _ACRONYMS and len(m.group(0)) >= 3:
            return m
    return None


_SIGNS = (r"\b(signs?|signboard|enseigne|letrero|letreiro|schild|cartello|insegna|placa|cartel|panneau|banner|"
          r"billboard|poster|affiche|cartaz|plakat|marquee)\b")


# things that carry words (and German compounds on them: "Bahnhofsschild", "Hinweistafel", "Täfelchen")
_CARRIERS = (r"\b((?!(wappen|schutz|hitze))\w*(schild|schilder|täfelchen|hinweistafel|anzeigetafel|plakat|zettel)|anzeige|signs?|signboard|"
             r"signpost|(departures?|arrivals?|destination|split-flap) (board|display)s?|split-flap|scoreboard|noticeboard|name ?plates?|number plates?|plaques?|"
             r"labels?|banners?|posters?|placards?|menus?|screens?|displays?|marquees?|panneau|enseigne|plaque|"
             r"pancarte|écriteau|étiquette|affiche|ardoise|écran|cartel|letrero|placa|pizarra|rótulo|etiqueta|pantalla|"
             r"cartello|insegna|targa|targhetta|lavagna|etichetta|schermo|tabellone|cartellone|etikett)\b")
# the carrier said blank: "a blank sign", "a poster with no text"
_BLANK = r"\b(blank|empty|bare|no text|without text|sans texte|vierge|sin texto|en blanco|ohne text|leer\w*|senza testo|vuot\w*)\b"


def text_sure(idea: str, low: str) -> str | None:
    """Words that must be read in the frame, said so plainly: a verb of reading or saying followed by the words
    themselves (quoted, in capitals, or capitalised: "a board reading DELAYED", "un cartel donde se lee 'San
    Isidro'", "a sign that reads Welcome Home"), something legible, or words being written ("pages fill with
    words", "si riempiono di parole scritte"). Returns the words that fired."""
    idea = cased(idea)
    for m in re.finditer(r"\b" + READS + r"\b[:,]?\s*", low):
        rest = idea[m.end():m.end() + 60]
        if negation_scope(low, m.start(), 3):
            continue
        if re.match(QUOTED, " " + rest) or re.match(r"[\"“”«»„']", rest):
            return idea[m.start():m.end()] + rest.split(",")[0][:40]
        caps = _caps_phrase(rest[:40])
        if caps and caps.start() == 0:
            return idea[m.start():m.end() + caps.end()]
        if re.match(r"(reads?|reading|says|saying|that reads|which reads)\b", m.group(0)) \
                and re.match(r"[A-ZÀ-Ö][\w'-]+( [A-ZÀ-Ö][\w'-]+)+", rest):
            return idea[m.start():m.end()] + rest.split(",")[0][:40]
    # a thing that carries words, with the words quoted after it in its clause: "a station sign »Wanne-Eickel
    # Hbf«", "a departure board flipping to 'Zermatt 14:52'", "une plaque « Rue des Martyrs »"
    for m in re.finditer(_CARRIERS, low):
        tail = idea[m.end():m.end() + 70]
        q = re.search(QUOTED, tail)
        if q and not re.search(r"[.,;!?\n]", tail[:q.start()]) and not re.search(_SPOKEN, tail[:q.start()].lower()) \
                and not negation_scope(low, m.start(), 3) and not negated_seen(low, m.start()) \
                and not re.search(_BLANK, sentence(low, m.start(), m.end())):
            return idea[m.start():m.end()] + tail[:q.end()]
    # a sign named by the capitals on it: "L'enseigne BOULANGERIE", "a neon OPEN sign"
    for m in re.finditer(_SIGNS, low):
        caps = _caps_phrase(idea[m.end():m.end() + 40])
        if caps and caps.start() == 1 and not negation_scope(low, m.start(), 3):
            return idea[m.start():m.end() + caps.end()]
        caps = re.search(r"\b([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9'!&-]{2,})\s+$", idea[max(0, m.start() - 30):m.start()])
        if caps and caps.group(1) not in _ACRONYMS and m.group(0).startswith("sign"):
            return caps.group(1) + " " + m.group(0)
    legible = re.search(LEGIBLE, low)
    if legible and not negation_scope(low, legible.start(), 3) and not negated_seen(low, legible.start()) \
            and not _denied_in_clause(low, legible.start()) and not re.search(
            r"\b(free|devoid|clear|empty|bare) of( any| all)?\s*$", low[max(0, legible.start() - 25):legible.start()]):
        return legible.group(0)
    # a board, screen or menu that lists what is on it: "a departures board listing destinations"
    listed = re.search(r"\b(boards?|screens?|menus?|signs?|displays?|monitors?|chalkboards?|blackboards?|timetables?|"
                       r"tableau|écran|pizarra|pantalla|tafel|anzeigetafel|bildschirm|lavagna|tabellone|schermo)\b"
                       r"[^.;]{0,25}\b(lists?|listing|listed|spells? out|names|naming|shows the names|showing the names|"
                       r"affiche les noms|muestra los nombres|zeigt die namen)\b[^.;]{0,20}\b(destinations?|names|"
                       r"prices|times|dishes|soups|specials|trains|flights|cities|towns|stations|scores|items|"
                       r"ingredients|drinks|cocktails|platforms?|departures|arrivals)\b", low)
    if listed and not negation_scope(low, listed.start(), 3):
        return listed.group(0)
    for m in re.finditer(r"\b" + WORD_NOUNS + r"\b", low):
        cl = clause(low, m.start(), m.end())
        if negation_scope(low, m.start(), 3) or negated_seen(low, m.start()) or re.search(
                r"\b(without|no|sans|sin|ohne|senza) (any )?" + WORD_NOUNS, cl):
            continue
        if re.search(r"\b" + WRITING + r"\b", cl) and not re.search(r"\b(speak|says|whisper|sing|spoken|sung)\w*", cl):
            return cl.strip()
    return None


_BOARD = r"chalkboard|blackboard|whiteboard|tableau|pizarra|tafel|lavagna"


def _only_a_goal(low: str, m: re.Match) -> bool:
    """A board that ends its clause as the goal of a camera move ("the camera drifts toward the blackboard"), in a
    sentence that says nothing written: a place, not words asked for."""
    if not re.fullmatch(_BOARD, m.group(0)):
        return False
    head = re.split(CLAUSE_END, low[:m.start()])[-1]
    tail = re.split(CLAUSE_END, low[m.end():])[0]
    sent = sentence(low, m.start(), m.end())
    return bool(re.search(r"\b(" + CAMERA_SUBJECT[3:-3] + r"|we|view|lens|nous|wir|noi)\b[^.;]*\b(toward|towards|"
                          r"to|onto|in on|vers|jusqu'au|hacia|hasta|verso|fino alla|auf|zur|zum)\s+(the|a|an|le|la|"
                          r"el|die|der|das|den|il|lo|l')?\s*$", head)) and not tail.strip(" ,") and not re.search(
        r"\b(" + WRITING + r"|" + WORD_NOUNS + r"|chalk|chalked|craie|tiza|kreide|gesso|read\w*|equations?|sums?|"
                             r"names?|dates?|lesson|notes?)\b", sent)


def text_hint(idea: str, low: str) -> str | None:
    """Something that usually carries words to read — a menu, a board, a page, a label — or a quoted or capitalised
    phrase beside a sign or a screen: a hint, the model reads whether its words are meant to be read."""
    idea = cased(idea)
    for m in re.finditer(TEXT_HINT, low):
        if negation_scope(low, m.start(), 3) or negated_seen(low, m.start()):
            continue
        word = m.group(0)
        if re.search(ILLEGIBLE, sentence(low, m.start(), m.end())):
            continue  # "the band's name … washed out and unreadable"
        if _blank_or_read(low, m):
            continue  # "a blank notebook", "nothing written on them", "he reads the newspaper"
        if _only_a_goal(low, m):
            continue  # "the camera drifts toward the blackboard": where the camera goes, no words asked
        if re.fullmatch(r"pages?|pagine|páginas?|seiten", word) and not re.search(
                r"\b(" + WRITING + r"|" + WORD_NOUNS + r"|read\w*|text|lettering|ink|handwrit\w*|poem|letter)\b",
                clause(low, m.start(), m.end())):
            continue  # "the pages of an old book flutter": paper, not words to read
        if re.fullmatch(r"signs?|panneau|cartel|letrero|schild|cartello|insegna|neon|marquee|billboard|banner|poster|"
                        r"enseigne|letreiro|placa|cartaz|affiche|plakat|"
                        r"placard|screen|écran|pantalla|bildschirm|schermo", word):
            sent = sentence(idea, m.start(), m.end())
            if not (re.search(QUOTED, sent) or _caps_phrase(sent)):
                continue
        return word
    return _typeset_quote(idea)


# a phrase set in typographic quotation marks ("ein Zettel „Winterpause bis März“", "el panel anuncia «Próximo tren»",
# "the page titled “Nunc Dimittis”"): likely words to read, unless someone says it ("she whispers «ciao»")
_TYPESET = r"[«„“»]\s*[^«»„“”\n]{2,80}?\s*[»“”«]"   # German sets its quotes »so« too
_SPOKEN = (r"\b(says?|said|whispers?|whispered|shouts?|shouted|sings?|sang|asks?|asked|murmurs?|calls?|tells?|hums?|"
           r"croons?|intona|entona|entonne|stimmt|anstimm\w*|"
           r"dit|chuchote|crie|demande|chante|murmure|dice|dijo|susurra|grita|pregunta|canta|sagt|flüstert|ruft|"
           r"fragt|singt|dice|sussurra|grida|chiede|canta|mormora|voice|voix|voz|stimme|voce)\b")


def _typeset_quote(idea: str) -> str | None:
    for m in re.finditer(_TYPESET, idea):
        before = re.split(r"[.;!?\n]", idea[max(0, m.start() - 50):m.start()].lower())[-1]
        if re.search(_SPOKEN, before) or negation_scope(idea.lower(), m.start(), 3):
            continue
        return m.group(0)
    return None


# paper that carries no words to read: said blank, or a prop someone reads (the words are theirs, not the viewer's)
_PAPER = (r"pages?|pagine|páginas?|seiten|notebook|cahier|cuaderno|notizbuch|quaderno|newspaper|journal|periódico|"
          r"zeitung|giornale|label|étiquette|etiqueta|etikett|etichetta|menu|menus|speisekarte|menú")
_BLANK = (r"\b(blank|unwritten|empty|clean|bare|nothing (is |was )?(written|on (it|them))|no (words|writing)|vierges?|"
          r"blanc(he)?s?|vides?|rien (n'y est |n'est |d')?écrit|en blanco|vací[oa]s?|nada escrito|leer\w*|"
          r"unbeschrieben\w*|nichts (darauf |drauf )?geschrieben|vuot[oaie]|niente (di )?scritto|nulla di scritto)\b")
_READ_BY = (r"\b(reads?|reading|leafs? through|leafing through|flips? through|flipping through|browses?|browsing|"
            r"scans?|lit|lisant|feuillette\w*|lee|leyendo|hojea\w*|liest|lesend|blättert|legge|leggendo|sfoglia\w*)"
            r"( (\w+ ){0,2}(the|a|an|his|her|their|le|la|un|une|son|sa|el|su|die|den|das|eine|ein|seine|ihre|il|lo|"
            r"un|una|suo|sua))?\s+$")


def _blank_or_read(low: str, m: re.Match) -> bool:
    """A page, a notebook or a paper that the brief says is blank, or that someone in the picture reads."""
    if not re.fullmatch(_PAPER, m.group(0)):
        return False
    if re.search(_READ_BY, low[max(0, m.start() - 40):m.start()]) and not re.search(
            r"\b(headline|front page|title|words?|letters|titular|schlagzeile|titolo|gros titre|la une)\b",
            sentence(low, m.start(), m.end())):
        return True
    return bool(re.search(_BLANK, sentence(low, m.start(), m.end())))


def negated_seen(low: str, start: int) -> bool:
    """A negated verb of needing, seeing or reading before ``start`` in its clause ("we don't need the numbers
    legible", "on ne voit pas les mots"): the words there are not to be read."""
    return bool(re.search(NEG_SEEN, re.split(CLAUSE_END, low[max(0, start - 80):start])[-1]))


# a quantifier that denies all ("nothing on the page legible", "rien sur l'étiquette de lisible")
_NOTHING = negators("none_det", "none_pron")   # the quantifiers of nothing (agents.brief_negation.NEG)


def _denied_in_clause(low: str, start: int) -> bool:
    """A quantifier of nothing anywhere before ``start`` in its clause: what follows is not there to be read."""
    cl = re.split(r"[.,;:!?()\n]", low[max(0, start - 80):start])[-1]
    return any(re.fullmatch(_NOTHING, w) for w in re.findall(r"[\w'-]+", cl))


def onscreen_spans(text: str) -> list[tuple[int, int]]:
    """Where the brief quotes the words to be read in the frame (``text`` normalised, case kept): a quoted string
    in a sentence about a sign, a screen, a title or words, or after a verb of reading; capitals right after a verb
    of reading ("a sign that says NO ONE ALLOWED")."""
    low = text.lower()
    spans = []
    for m in re.finditer(QUOTED, text):
        q = "q" if m.group("q") is not None else "s"
        s, e = m.start(q), m.end(q)
        sent_start = max(low.rfind(".", 0, m.start()), low.rfind(";", 0, m.start()), low.rfind("\n", 0, m.start()), 0)
        ends = [i for i in (low.find(".", m.end()), low.find(";", m.end()), low.find("\n", m.end())) if i >= 0]
        sentence = low[sent_start:min(ends) if ends else len(low)]
        inner = text[s:e]
        if re.search(r"\b(" + TEXT_CUES + r")s?\b", sentence.replace(low[s:e], " ")) or re.search(
                r"\b" + READS + r"[:,]?\s*$", low[max(0, m.start() - 40):m.start()]) or re.search(
                WRITTEN_BEFORE, low[max(0, m.start() - 40):m.start()]) or re.match(
                WRITTEN_AFTER, low[m.end():m.end() + 40]) or (
                inner.upper() == inner and re.search(r"[A-ZÀ-Þ]{2}", inner)):
            spans.append((s, e))
    for m in re.finditer(r"\b" + READS + r"\b[:,]?\s+", low):
        caps = re.match(r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9'!?&-]+(?:\s+[A-ZÀ-ÖØ-Þ0-9'!?&:-]+)*\b", text[m.end():m.end() + 60])
        if caps and len(caps.group(0)) >= 3:
            spans.append((m.end(), m.end() + caps.end()))
    return spans


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span blanked (the same length, so offsets hold)."""
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text
