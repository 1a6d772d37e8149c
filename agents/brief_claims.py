"""Whether the words a model quoted from a brief carry what it claims: a person for *required*, a negation or an
emptiness for *none*, something written for text in frame, a loop, the move named or described, a length.

A quote must first be the brief's own words (:func:`grounded`); :func:`claim_supported` then checks that those
words say the claim ("a kettle" for a required person, "the words" for nobody are not evidence). All checks take
the quoted words as the model wrote them and, where it matters, the brief they came from.
"""

from __future__ import annotations

import html
import re
from typing import Any

from agents.brief_camera import described_moves
from agents.brief_cues import absent, loop_is_a_thing, normalise
from agents.brief_evidence import denied_text, not_nobody
from agents.brief_lexicon_people import (
    BODY,
    BODY_NOT,
    CREATURES,
    LIKENESS,
    NONE_STRONG,
    NONE_WEAK,
    NOT_A_PERSON_HEAD,
)
from agents.brief_lexicon_roles import ROLE_WORDS
from agents.brief_lexicon_shot import LOOP, LOOP_WORD, MIN, NUM, SEC
from agents.brief_lexicon_text import TEXT
from agents.brief_negation import EMPTY_ADJ, negators, undenied_empty
from agents.brief_people_cues import acts_by_itself, on_a_screen
from agents.brief_person import LIVING_STATUE
from agents.brief_quote import agentive_noun, head_noun
from agents.brief_rules_people import person_mention

__all__ = ["claim_supported", "duration_supported", "grounded", "names_a_person", "not_someone", "past_presence_at"]

# the words behind a camera claim must name a camera or a movement (any of the languages the rules read)
_CAMERA_HINT = (r"\b(camera|cam|shot|lens|tripod|sticks|static|fixed|locked|still|steady|handheld|hand-held|shaky|"
                r"steadicam|gimbal|drone|pan\w*|tilt\w*|orbit\w*|arc\w*|circl\w*|dolly\w*|zoom\w*|push\w*|pull\w*|"
                r"track\w*|crane|glid\w*|drift\w*|mov\w*|travel\w*|reveal\w*|approach\w*|clos\w*|follow\w*|"
                r"sweep\w*|rotat\w*|spin\w*|creep\w*|float\w*|caméra|cámara|kamera|câmera|plan|plano|travelling|"
                r"trépied|trípode|stativ|fixe|fija|fest\w*|feste|schwenk\w*|fährt|tourne|gira\w*|avanza|recule|"
                r"umkreist|épaule|mano|hombro)\b")

# the words behind each claimed move must fit that move ("a torch beam sweeping" is not a locked camera)
_MOVE_HINTS = {
    "locked": r"\b(tripod|sticks|static|fixed|locked|lock-off|still camera|still frame|steady|unmoving|motionless|"
              r"does ?n[o']t move|(don'?t|do not|never) move the camera|hold the frame|"
              r"fixe|fija|fijo|fissa|fixa|trépied|trípode|stativ|feste|statisch\w*|cavalletto|treppiede|sur pied|"
              r"immobile|inmóvil|unbewegt\w*|regungslos|(rührt|bewegt|regt) sich (\w+ )?nicht|ne bouge pas|"
              r"no se mueve|non si muove|not moving|"
              # the camera stays where it is: "die Kamera bleibt stehen", "stays put", "reste immobile"
              r"(stays?|remains?|bleibt|reste|queda|permanece|resta|rimane) (\w+ )?(put|still|stehen|immobile|"
              r"ferm[oa]|quiet[oa]|fixe|fij[oa]|fest|ruhig|stable))\b",
    "dolly_in": r"\b(push\w*|approach\w*|advanc\w*|creep\w*|avance|acerca\w*|heran\w*|(fährt|fahren|fahr) (\w+ )?ran|ranfahr\w*|näher\w*|"
                r"avanti|rapproch\w*|s'approche|avvicin\w*|adelante|vorwärts|closer)\b",
    "dolly_out": r"\b(pull\w*|reveal\w*|retreat\w*|recul\w*|alej\w*|retroced\w*|rückfahrt|rückwärts|zurück\w*|"
                 r"indietr\w*|allontan\w*|éloign\w*|atrás|arrière|entfern\w*)\b",
    "pan": r"\b(pan\w*|sweep\w*|schwenk\w*|paneo|panea|panoramique|panoramica|panorámica|balai\w*|balay\w*|"
           r"barrido|barre|spazza\w*|(from )?left to right|(from )?right to left|de gauche à droite|de droite à gauche|"
           r"von links nach rechts|von rechts nach links|de izquierda a derecha|de derecha a izquierda|"
           r"da sinistra a destra|da destra a sinistra)\b",
    "orbit": r"\b(orbit\w*|circl\w*|arc\w*|around|360|tourne|gira\w*|umkreist|kreisfahrt|fait le tour|fa il giro|"
             r"da la vuelta|tour complet|giro completo|vuelta completa|rundherum|alrededor|attorno|intorno|autour)\b",
    "handheld": r"\b(hand-?held|handheld|shaky|shake|shoulder|documentary|épaule|portée|mano|hombro|handkamera|"
                r"spalla|schulter\w*|aus der hand)\b",
}
# a zoom, in the five languages ("zoom in", "zoom avant", "heranzoomen", "zoom lento in avanti"): a lens move, no dolly
_ZOOM = r"zoom"
# a dolly said beside a zoom in the same words ("zoom out, then push in"): the dolly's own word decides
_DOLLY_BESIDE_ZOOM = (r"\b(dolly\w*|push\w*|pull\w* back|creep\w*|travelling|carrell\w*|(kamera)?fahrt|fährt|"
                      r"la c[aá]mara (avanza|se acerca|se aleja|retrocede)|la caméra (avance|recule)|advanc\w*)\b")
# a bare direction names a dolly only as the particle of a move ("moves in slowly", "drifts back", "travelling
# avant"): "sunlight streams in", "moving in slow motion", "camera in hand", "walks toward the sea" name none
_DIRECTIONS = {"dolly_in": r"in|forward|forwards|closer|toward|towards|vor|avant",
               "dolly_out": r"out|back|backward|backwards|away|arrière|zurück"}
_MOVING = (r"camera|cam|lens|shot|we|dolly\w*|zoom\w*|push\w*|pull\w*|track\w*|crane\w*|glid\w*|drift\w*|mov\w*|"
           r"travel\w*|creep\w*|float\w*|clos\w*|eases|easing|ease|inch\w*|edg\w*|slid\w*|backs|backing|"
           r"fährt|fahrt|kamerafahrt|travelling|traveling|caméra|cámara|kamera")
# what may follow a particle: nothing, an adverb, a direction or a goal — not a noun phrase ("in the car")
_PARTICLE_END = (r"\s*($|[.,;:!?)]|\w+ly\b|(on|onto|to|toward|towards|until|till|then|and then|for|from|over|at|"
                 r"closer|close|tight|tighter|gently|a little|a bit|all the way|auf|sur|vers)\b)")


def _move_direction(move: str, low: str) -> bool:
    """A direction word of ``move`` carried by a camera or a verb of moving a few words before it, and (for the
    particles "in" and "out") not heading a noun phrase."""
    for m in re.finditer(r"\b(" + _DIRECTIONS[move] + r")\b", low):
        before = re.findall(r"[\w'-]+", low[max(0, m.start() - 40):m.start()])[-3:]
        if not any(re.fullmatch(_MOVING, w) for w in before):
            continue
        if m.group(1) in ("in", "out") and (re.match(r" and (in|out)\b", low[m.end():])
                                            or not re.match(_PARTICLE_END, low[m.end():])):
            continue
        return True
    return False


# the words behind a people or text claim must say so: a person (a noun, a pronoun, a role, a body part, a name)
# for "required", a negation or an emptiness for "none", something written for text in frame. A small model
# quoting "a kettle" for a required person, or "the words" for nobody, is not evidence.
_BODY = r"\b(she|he|her|his|him|they|them|someone|somebody|elle|ella|él|sie|lei|lui|hands?|fingers?|face|faces|feet|foot|arms?|legs?|eyes|lips|silhouettes?|shadow of a)\b"
_NAME = r"\b[A-Z][a-zà-ÿ]+ [A-Z][a-zà-ÿ]+\b"
# capitalised words that are not a name: an article and a German noun ("Ein Fuchs", "Der Hund")
_ARTICLE_CAP = (r"The|A|An|This|That|Ein|Eine|Einen|Einem|Der|Die|Das|Den|Dem|La|Le|Les|El|Los|Las|Un|Una|Une|Il|"
                r"Lo|Gli|Mein|Meine|Sein|Seine|Unser|Unsere|My|Our|His|Her")
# the viewer, said in the first person: "I open the fridge", "je marche", "ich öffne"
# (not the Italian article before a plural: "I bagnanti si tuffano")
_VIEWER = r"\b(i(?!\s+[\w-]+i\b)|i'm|i've|me|my|myself|we|us|our|je|j'|moi|yo|ich|mich|io)\b"
# people named by the post they keep or the group they play in, in the model's quoted words
_STAFF_AND_ENSEMBLES = r"\b(guard|watchman|keeper|caretaker|owner|host|hostess|crew|staff|band|choir|orchestra|cast)\b"
_BUSY = r"\b(bustling|busy|crowded|crowds?|packed|thronged|teeming|lively|rush hour|queue|concourse at rush)\b"
_EMPTY = (r"\b(nobody|no one|noone|none|empty|deserted|abandoned|vacant|unoccupied|uninhabited|desolate|"
          r"vide|vides|désert\w*|vacío|vacía|vací\w+|desiert\w*|leer\w*|verlassen\w*|vuot\w*|vazi\w*|personne|nadie|"
          r"nessuno|niemand|ninguém|after hours|after closing)\b")
# words that say something is written to be read (a sign alone, a screen or neon lights do not)
_WRITTEN = (r"\b(text|texts|titles?|subtitles?|captions?|credits|words?|letters|lettering|written|writing|handwrit\w*|"
            r"handwriting|reads?|reading|says|saying|spells?|spelling|spelled|legible|readable|menu|headline|"
            r"inscription|slogan|tagline|name|names|label|labels|listing|lists|typed|printed|scrawled|"
            r"écrit\w*|mots|lisible\w*|inscription|carte|menú|letras|palabras|escrit\w*|se lee|dice|legible\w*|"
            r"schrift\w*|aufschrift|wörter\w*|worte\w*|speisekarte|lesbar\w*|steht|scritt\w*|parole|leggibil\w*|"
            r"si legge|sottotitoli|sous-titres?|subtítulos|untertitel\w*)\b")


def _names_someone(words: str) -> bool:
    """Two capitalised words that read as a person's name ("Maria Lopez"), not an article and a noun ("Ein Fuchs")
    nor an animal's kind."""
    for m in re.finditer(_NAME, words):
        first, second = m.group(0).split()
        if not re.fullmatch(_ARTICLE_CAP, first) and not re.fullmatch(CREATURES + r"|fuchs|füchse|renard|zorro|volpe",
                                                                     second.lower()):
            return True
    return False


def not_someone(words: str) -> bool:
    """Quoted words that name no one in the picture however they are read: only a likeness or an animal ("a
    mannequin in a bridal gown", "Ein Fuchs"), or only the viewer said in the first person ("I open the fridge")."""
    low = normalise(words)
    if person_mention(low) or re.search(_BODY.replace(r"\b(she|he|", r"\b(she|he|my|"), low) or re.search(_STAFF_AND_ENSEMBLES, low) \
            or re.search(_BUSY, low) or _names_someone(words) or re.search(LIVING_STATUE, low):
        return False
    if re.search(_VIEWER, low):
        return True
    thing = re.search(r"\b(" + CREATURES + r"|" + LIKENESS + r"|fuchs|renard|zorro|volpe)\b", low)
    if thing is None:
        return False
    # the quote's head decides: "a farrier shoeing a draft horse" opens on another noun, which may be a person
    head = head_noun(words)
    at = re.search(r"(?<![\w-])" + re.escape(head) + r"(?![\w-])", low) if head else None
    return at is None or thing.start() <= at.end() + 1   # "a stone angel": the head is its material


def claim_supported(field: str, value: Any, words: str, idea: str = "") -> bool:
    """Whether the quoted words can carry the model's claim: a person for "required" (not one named in the past,
    nor the camera's point of view), a negation or an emptiness for "none", something written for text in frame,
    a loop for a loop, a word naming that move or a move described toward, away, around, still or shaking
    (:mod:`agents.brief_camera`) for a camera move."""
    low = normalise(words)
    if field == "people" and value == "required":
        if re.search(r"\b(first|third)[- ]person\b|\bpov\b", low) and not person_mention(
                re.sub(r"\b(first|third)[- ]person\b", " ", low)):
            return False
        said = bool(person_mention(low) or re.search(_BODY, low) or re.search(_BUSY, low)
                    or any(not on_a_screen(low, m) for m in re.finditer(_STAFF_AND_ENSEMBLES, low)) or _names_someone(words)
                    or re.search(r"\b(" + ROLE_WORDS + r")\b", low))
        if said and idea:  # the quote's place in the brief: a person named in the past is not there now
            li = normalise(idea)
            at = li.find(" ".join(low.split()))
            if at >= 0 and (absent(li, at, at + len(low)) or acts_by_itself(li, at, at + len(low))):
                return False      # a person named in the past; "a player piano playing by itself"
        return said
    if field == "people" and value == "none":
        low = not_nobody(words)  # "nobody would guess …", "nicht menschenleer": no emptiness said
        if idea and _denied_emptiness_at(words, idea):  # "vuoto" quoted from "Non è che sia vuoto"
            return False
        return bool(re.search(_EMPTY, low) or re.search(r"\b(" + negators("not", "never", "without", "none_det") + r")\b", low)
                    or re.search(NONE_STRONG, low) or re.search(NONE_WEAK, low))
    if field == "text_in_frame" and value:
        if _quoted_in(words, idea):  # «Torno subito, non aspettarmi»: the words themselves, given to be read
            return True
        if denied_text(words):  # "so not one title can be made out": nothing to read
            return False
        return bool(re.search(_WRITTEN, low) or re.search(TEXT, low) or re.search(r"[\"“”«»„]|'[^']+'", words)
                    or re.search(r"\b[A-Z]{3,}\b", words))
    if field == "loopable" and value:
        if idea and _loop_thing_at(low, idea):   # "un bucle del pelo": a curl of hair, not a video that loops
            return False
        return bool(re.search(LOOP, low) or re.search(_LOOPISH, low))
    if field == "camera" and value != "any":
        if value in ("dolly_in", "dolly_out") and re.search(_ZOOM, low) and not re.search(_DOLLY_BESIDE_ZOOM, low):
            return False   # a zoom is the lens, not a move of the camera ("Zoom lento in avanti", "slow zoom out")
        return bool(re.search(_MOVE_HINTS.get(value, _CAMERA_HINT), low)) or (
            value in _DIRECTIONS and _move_direction(value, low)) or any(
            m == value for _, m, _, _ in described_moves(low))   # "we drift backwards", "nos alejamos"
    return True


def _loop_thing_at(low: str, idea: str) -> bool:
    """Every loop word of the quoted words names a thing where they stand in the brief ("un bucle del pelo", "a
    loop of rope", "a belt loop"): no loop asked (the rules' own test, :func:`agents.brief_cues.loop_is_a_thing`)."""
    li = normalise(idea)
    at = li.find(low.strip(" .,;:!?"))
    if at < 0:
        return False
    found = [m for m in re.finditer(LOOP_WORD, li) if at <= m.start() < at + len(low)]
    return bool(found) and all(loop_is_a_thing(li, m) for m in found)


def _denied_emptiness_at(words: str, idea: str) -> bool:
    """The quoted words are only an emptiness that the brief denies where they stand ("vuoto" in "Non è che sia
    vuoto")."""
    low, li = normalise(words).strip(" .,;:!?"), normalise(idea)
    if not re.fullmatch(EMPTY_ADJ, low):
        return False
    return any(undenied_empty(li, m.start()) for m in re.finditer(r"(?<![\w-])" + re.escape(low) + r"(?![\w-])", li))


def _quoted_in(words: str, idea: str) -> bool:
    """The quoted words stand between quotation marks in the brief («Caro Paolo, ti scrivo …», "OPEN"): words
    given to be read."""
    w = words.strip().strip("\"“”«»„' ")
    if len(w) < 3 or not idea:
        return False
    at = idea.find(w)
    return at > 0 and bool(re.search(r"([\"“”«»„]|(^|\s)')\s*$", idea[max(0, at - 4):at]))


def duration_supported(words: str) -> bool:
    """The quoted words state a length: a number with a unit of time ("ten seconds in all", "a 30s spot"), not
    a clock time ("3 a.m.") or a count of things."""
    return bool(re.search(NUM + r"[\s-]*(" + SEC + "|" + MIN + r")\b", normalise(words)))


# a loop in the model's words where the rules' loop patterns are stricter ("plays forever", "cycles back")
_LOOPISH = (r"\b(seamless\w*|repeat\w*|cycl\w*|endless\w*|forever|again and again|over and over|"
            r"boucl\w*|bucle\w*|schleife\w*|ciclo\w*|en boucle|sin fin|senza fine)\b")

_ARTICLES = r"^((a|an|the|le|la|les|l'|un|une|des|el|los|las|una|der|die|das|ein|eine|il|lo|gli|i) )+"


def _plain(text: str) -> str:
    """Text compared for quoting: HTML entities undone, lower case, quotes and dashes unified, one space."""
    text = normalise(html.unescape(text))
    text = re.sub(r"[\"“”«»„]", "", text)
    return " ".join(re.sub(r"\s*([,;:.!?])\s*", r"\1 ", text).split()).strip(" ,;:.!?'")


def grounded(words: str, idea: str) -> bool:
    """The quoted words are a substring of the brief (case, quote marks, spacing and a leading article aside:
    "a night guard" is grounded in "the night guard"); a paraphrase is not."""
    w, brief = _plain(words), _plain(idea)
    if len(w.replace(" ", "")) < 2:
        return False
    return w in brief or re.sub(_ARTICLES, "", w) in brief


def _role_named(low: str) -> bool:
    """A word of the broad role vocabulary that is not a thing's name ("un cajero automático" is not someone)."""
    return any(not re.match(r"\s+(" + NOT_A_PERSON_HEAD + r")\b", low[m.end():])
               for m in re.finditer(r"\b(" + ROLE_WORDS + r")\b", low))


def names_a_person(words: str) -> bool:
    """The quoted words name a human being (or a body part): by the lexicon, or by a person's ending on a noun
    that is not a known thing. A row of trees, a chair, a menu name no one."""
    low = normalise(words)
    body = re.sub(BODY_NOT, " ", low)
    if person_mention(low) or re.search(_BODY, body) or re.search(r"\b(" + BODY + r")\b", body) \
            or re.search(r"\b(left|right) hands?\b(?![- ](side|corner|lane|drive|turn|edge|page|column))", low) \
            or re.search(_STAFF_AND_ENSEMBLES, low) or _role_named(low) or re.search(_BUSY, low) \
            or _names_someone(words):
        return True
    agent = agentive_noun(low)
    return agent is not None and not re.match(r"\s+(" + NOT_A_PERSON_HEAD + r")\b", low[agent.end():])


# a presence said in the past: a verb of sitting, living or working in a past form, or "used to"
_PAST_THERE = (r"\b(used to|would (sit|sleep|read|work|cook|sew|knit|write)|sat|lived|worked|slept|"
               r"s'asse(yai|yaie)t\w*|s'assoyait|vivait|vivaient|habitait|habitaient|travaillait|travaillaient|"
               r"dormait|lisait|cousait|avait l'habitude|se sentaba\w*|se sentaban|vivía\w*|trabajaba\w*|"
               r"dormía\w*|leía\w*|cosía\w*|solía\w*|sedeva\w*|si sedeva\w*|viveva\w*|abitava\w*|lavorava\w*|"
               r"dormiva\w*|leggeva\w*|cuciva\w*|era solit\w|saß|saßen|wohnte\w*|lebte\w*|arbeitete\w*|"
               r"schlief\w*|nähte|strickte|früher|einst|autrefois|jadis|una volta|un tempo)\b")


def past_presence_at(words: str, idea: str) -> bool:
    """The quoted words sit in a sentence of the brief that names a presence in the past ("the chair where my
    father used to sit", "la silla donde se sentaba mi padre"): no one is seen there now."""
    li, low = normalise(idea), " ".join(normalise(words).split())
    at = li.find(low)
    if at < 0:
        return False
    start = max(li.rfind(c, 0, at) for c in ".;!?\n")
    ends = [e for e in (li.find(c, at + len(low)) for c in ".;!?\n") if e >= 0]
    sentence = li[start + 1:min(ends) if ends else len(li)]
    return bool(re.search(_PAST_THERE, sentence))
