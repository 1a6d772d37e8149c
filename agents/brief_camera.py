"""A camera move described in words rather than named: who moves in the clause, and which way.

"The camera creeps toward the door", "we drift backwards out of the greenhouse", "the view retreats", "on recule",
"nos alejamos de la barca", "die Kamera kreist um den Traktor", "ci allontaniamo dal faro": the clause's subject
is the camera (a camera noun, the first person plural of a point of view, an order at the start of a clause,
or a verb that continues a clause whose subject was the camera), and the words after it say the direction
relative to what is filmed — toward (dolly in), away (dolly out), around (orbit), sideways (a pan, a hint).
A direction whose subject is a thing ("a paper boat drifts toward the edge", "a toy train circles the tree") is
the thing's. The camera kept still ("perfectly still shot", "das Bild bleibt völlig ruhig", "plano quieto") and
a shaking one ("shaky phone footage", "imagen temblorosa") are read the same way: a stillness or a shake said of
the camera, the shot, the frame or the picture.

The camera turned from one thing to another ("turn the camera from the dog to the door", "la caméra pivote du
stade vers la ville") is a pan.

:func:`described_moves` returns every move found as ``(position, move, words, sure)``; the caller
(:func:`agents.brief_rules_camera.read_camera`) makes a move sure only when it is the brief's only one, and
:func:`unread_move` finds a second move the rules cannot name in a brief that sequences its shot ("…, then pan
off to the band"), which leaves the move to the planner. All functions take the lower-cased, normalised brief.
"""

from __future__ import annotations

import re

from agents.brief_lexicon_people import CREATURES, PERSON_NOUNS
from agents.brief_lexicon_shot import CAMERA_SUBJECT as _CAMERA_SUBJECT

__all__ = ["described_moves", "still_subject", "unread_move"]

# a camera noun as the subject ("the camera", "the view", "la cámara", "das Bild"); not "a shot of a ferry"
_CAMERA_NOUN = (r"camera|cam|lens|view|picture|image|frame|shot|caméra|image|plan|vue|cadre|cámara|camara|imagen|plano|"
                r"vista|encuadre|bildausschnitt|ausschnitt|"
                r"kamera|bild|einstellung|telecamera|inquadratura|ripresa|immagine|macchina da presa|"
                r"drone|dron|drohne")
# the point of view said in the first person plural, or the French "on", with a verb of moving after it
_WE = r"we|nous|wir|nosotros|noi"
_FIRST_PLURAL = (r"(nos|ci) \w+|\w+(amos|emos|imos|iamo)|on (\w+ )?(recule|avance|s'avance|s'approche|s'éloigne|"
                 r"tourne|glisse|se rapproche|se déplace|se retire|fait)")
# an order at the start of a clause that moves the camera ("Pull back from…", "keep moving back", "circle it")
_ORDER = (r"(keep |slowly |gently |then |now |and )*(move|moving|drift|glide|creep|push|pull|travel|float|"
          r"circle|inch|edge|back|slide|ease|start|begin|hold|stay|keep|fahr\w*|"
          r"avance|recule|tourne|avanza|retrocede|gira|avanzare|girare)")
# what ends the camera's clause: a new subject ("… as the boat sails away", "… until the forest fills the frame")
_SUBORDINATE = (r"\b(with|by|filled|full of|as|so|while|when|until|till|where|who|which|that|whose|whilst|before|after|revealing|to reveal|"
                r"to show|showing|pendant que|quand|jusqu'à|jusqu'au|où|qui|tandis|mientras|cuando|hasta|donde|que|"
                r"während|bis|wenn|wo|mentre|quando|finché|fino|dove|che)\b")
# verbs of looking or turning on the spot: "the camera turns toward the window" is a pan, "looks toward" no move
_NOT_TRAVEL = (r"\b(turns?|turning|swings?|swinging|tilts?|tilting|pivots?|pivoting|rotates?|looks?|looking|"
               r"stares?|watch\w*|follows?|following|tracks?|tracking|points?|pointing|faces?|facing|aims?|aiming|"
               r"focus\w*|sees?|see|hears?|notice\w*|find\w*|spots?|peers?|gazes?|keeps? on|stays? on|"
               r"regarde|sigue|folgt|segue|guarda|mira|pivote\w*|tourne|gira|giran|dreht|schwenkt|ruota|pivota|"
               r"balaie|recorre|barre|spazza)\b")
_LOOKING = (r"\b(looks?|looking|stares?|watch\w*|follows?|following|sees?|see|hears?|regarde|sigue|folgt|segue|"
            r"guarda|mira)\b")
# which way the camera goes: toward what it films, away, around it, a sweep (a pan), sideways (a pan or a track)
_DIRECTIONS: list[tuple[str, str]] = [
    ("dolly_in", (r"\b(toward|towards|closer|nearer|in on|in close|in tight|forward|forwards|draws? in|vers|"
                  r"s'approche|s'avance|avance|avançons|se rapproche|näher|heran|(dar|dr)auf zu|auf (\w+ ){1,5}zu|"
                  r"hacia (?!atrás)|se acerca|acercamos|avanza|avanzamos|si avvicina|avviciniamo|verso|avanti|"
                  # with the object's clitic between: "la caméra s'en approche", "se le acerca", "gli si avvicina"
                  r"s'(en|y) (r)?approche|(se|nos) (le|la|les|lo) acerca\w*|(gli|le|ci|vi) si avvicina|"
                  r"ci avviciniamo)\b")),
    # the frame tightening is the camera drawing in ("the frame tightens on …", "le cadre se resserre", "el
    # encuadre se cierra", "l'inquadratura si stringe", "der Ausschnitt wird enger"); creeping in ("we creep in")
    ("dolly_in", (r"\b(tightens?|tightening|narrows?|narrowing|se resserre|se resserrant|se cierra|se estrecha|"
                  r"si stringe|si restringe|wird enger|verengt sich|(creep|creeps|creeping|inch|inches|inching|ease|"
                  r"move|moves|moving|"
                  r"eases|easing|drift|drifts|drifting|edge|edges|edging|glide|glides|gliding) in(?= until| till| to|"
                  r" on| over| slowly| closer| tight|\s*[,.;:]|\s*$))")),
    ("dolly_out", (r"\b(away|backs?|backwards?|further out|out of|retreats?|retreating|recedes?|receding|recule|"
                   r"reculons|s'éloigne|éloignons|en arrière|zurück|entfernen uns|entfernt sich|rückwärts|"
                   r"alejamos|se aleja|retrocede|retrocedemos|hacia atrás|allontaniamo|si allontana|indietro|"
                   r"s'en éloigne|se (le|la|lo|les) aleja|(se ne|gli si|le si) allontana|"
                   r""
                   r"arretra\w*|arretri\w*|arretrando|indietreggia\w*)\b")),
    # the frame widening or opening is the camera drawing back ("the view slowly widens", "el plano se abre",
    # "l'image s'élargit", "das Bild weitet sich", "l'inquadratura si allarga"); not "the shot opens on a face"
    ("dolly_out", (r"\b(widens?|widening|broadens?|broadening|opens? (up|out)|opening (up|out)|opens? to reveal|"
                   r"s'élargit|s'élargissant|s'agrandit|se abre|se amplía|se ensancha|weitet sich|öffnet sich|"
                   r"si allarga|si apre|si amplia)\b")),
    ("orbit", (r"\b((a?round|circles?|circling) (it|him|her|them|the|a|an|this|that|its|his|her|their)\b|"
               r"all the way a?round|in a (full |slow |complete |wide )?circle|full (turn|circle)|autour|"
               r"ums? (\w+ ){1,5}herum|kreist|umkreis\w*|umrund\w*|alrededor|da (una )?vueltas?|rodea\w*|circonda\w*|"
               r"contourn\w*|attorno|intorno|"
               # going all the way around what is filmed: "en fait le tour complet", "fa il giro", "da la vuelta a"
               r"(en |y )?(fait|font|faisant|faire) (le |un )?tour( complet)?|fa (il|un) giro( completo)?|"
               r"da la vuelta( completa)?|(einmal )?rundherum)\b")),
    ("pan", (r"\b((sweeps?|sweeping|swings?|swinging|glances?) (\w+ )?(across|over|along|past)|balaie|balayant|"
             r"schweift|recorre|barre|spazza)\b")),
    ("sideways", (r"\b(sideways|sidelong|from left to right|from right to left|left to right|right to left|de côté|"
                  r"latéralement|de gauche à droite|de droite à gauche|seitwärts|seitlich|von links nach rechts|"
                  r"von rechts nach links|de lado|lateralmente|de izquierda a derecha|de derecha a izquierda|"
                  r"di lato|da sinistra a destra|da destra a sinistra)\b")),
]
# the camera kept still, said of the camera, the shot, the frame, the picture
_STILL = (r"(perfectly |completely |totally |absolutely |dead |quite |totalement |complètement |parfaitement |"
          r"totalmente |completamente |völlig |ganz |vollkommen |perfettamente |del tutto )?"
          r"(still|unmoving|motionless|immobile|static|stationary|fixed|locked|locked-off|fixe|posée?|quiet[oa]|"
          r"inmóvil|fij[oa]|ruhig|unbewegt|regungslos|statisch\w*|fermo|ferma|fiss[oa])")
_STILL_VERB = (r"(holds? (its|her|his|their) ground|stays? where (it|she|he) is|does ?n[o']t move|do not move|never moves|never budges|doesn't budge|stays put|does not budge|"
               r"is set down|set down|left there|ne bouge pas|ne bouge jamais|no se mueve|bewegt sich nicht|"
               r"non si muove)")
# a motion denied right after the camera, with or without a measure ("the camera not moving an inch", "die Kamera
# rührt sich keinen Millimeter", "la caméra ne bouge pas d'un poil", "la cámara no se mueve ni un milímetro", "la
# macchina da presa non si sposta di un millimetro"); not the camera watching someone who does not move
_STILL_DENIED = (r"\s*((\w+ly|itself|really|even|wirklich|absolut|vraiment|realmente|davvero)\s+){0,2}"
                 r"((does ?n[o']t|do ?n[o']t|won't|will not|never|not|is ?n[o']t)\s+(even\s+)?(move|moves|moving|budge|"
                 r"budges|budging|stir|stirs|stirring|wobble|wobbles|wobbling|flinch\w*)|"
                 r"(bewegt|rührt|regt|rückt) sich (\w+ )?(nicht|nie|kein\w*)|"
                 r"ne (se )?(bouge|remue|bronche|déplace) (pas|jamais|plus)|"
                 r"(no|ni|nunca|jamás) se (mueve|menea|desplaza|inmuta)|(non|mai) si (muove|sposta|smuove))"
                 # not moving with something: it rides along ("isn't moving with the boat, it's on the boat")
                 r"(?!\s+(with|along|alongside|together|mit|avec|con|junto)\b)")
# a stillness adjective and its endings ("unbewegte Kamera", "telecamere immobili", "cámaras fijas")
_STILL_ATTR = _STILL + r"(e|en|er|es|em|s|i)?"
_STILL_END = (r"(?=\s*($|[.,;:!?)]|\s(on|in|at|over|above|while|as|and|for|from|through|throughout|of|sur|sobre|auf|su|de|d'|"
              r"di|del|du|des|von|vom|sul|sulla|al|alla|face|davanti|vor|en|am|im|dans|nel|nella|während|mentre|"
              r"pendant|mientras)\b))")
# a shaking camera: said of the footage or the camera, or shot on a phone held in the hand
_SHAKY = (r"shaky|shaking|wobbly|wobbling|jittery|jerky|trembling|bumpy|unsteady|bouncing|tremblante?|tremblée?|"
          r"temblorosa?|tembloros[oa]s?|verwackelt\w*|wackelig\w*|zittrig\w*|moss[oa]|traballante|tremolante")
_FOOTAGE = (r"footage|camera|cam|picture|image|shot|video|film|clip|frame|view|recording|imagen|imágenes|plano|plan|einstellung|"
            r"aufnahme\w*|bild|ripresa|immagine|inquadratura|vidéo|vídeo|caméra|cámara|kamera|telecamera")
_SHAKES = (r"shakes|shaking|wobbles|wobbling|jolts|jolting|bobs|bobbing|jitters|jittering|trembles|bounces|"
           r"bouncing|jerks|tremble|tiembla|wackelt|trema|sobbalza")
_PHONE = (r"(phone|smartphone|mobile|cellphone|iphone|handy)[- ]?(footage|video|clip|recording|camera|shot|"
          r"aufnahme|video)|(filmed|shot|recorded|captured|grabad[oa]|filmad[oa]|filmée?|tournée?|gefilmt|"
          r"aufgenommen|girat[oa]|ripres[oa]|filmat[oa]) (\w+ ){0,3}(on|with|from|by|con|au|avec|mit|sur|col|"
          r"dal|dalla) (a |an |the |el |le |un |il |einem |dem |un |son |su |my |his |her |their |our |mon |ma |"
          r"sa |mi |tu |mio |mia |suo |sua |meinem |seinem |ihrem |unserem |il mio |la mia )?(phone|smartphone|mobile|"
          r"cellphone|iphone|móvil|celular|téléphone|portable|handy|telefonino|cellulare|telefono)|"
          r"(mit|con|avec|with|on) (einem |dem |meinem |seinem |ihrem |mi |su |un |el |mon |son |un |my |a |his |her )?"
          r"(handy|smartphone|móvil|celular|téléphone|portable|iphone|phone) (gefilmt|aufgenommen|gedreht|grabad[oa]|"
          r"filmad[oa]|filmée?|tournée?|filmed|shot|recorded)|hand-carried|carried by hand|"
          r"(ripresa|camera|telecamera|girat[oa]|filmat[oa]) a mano|"
          r"(phone|smartphone|iphone|mobile|móvil|celular|téléphone|portable|handy|telefonino|cellulare) (in|en|dans|"
          r"nella|in der) (my|mi|ma|mia|meiner) (hand|mano|main)(?=[^.;]*\b(film|shoot|record|filme|grab|gira|dreh)\w*)")
# before a camera noun that names a thing: "a frame", "a picture frame", "the window frame"
_THING_BEFORE = (r"\b(a|an|un|une|ein|eine|uno|una|one|picture|photo|window|door|bed|bike|climbing|wooden|gilded|"
                 r"empty|toy|model|pet|delivery|racing|police|rc|spielzeug|jouet|juguete|giocattolo)\s+$")
# connectors before a clause's subject: "…, then we …", "…, poi ci …", "…, puis on …"
_LEAD = (r"\s*(?:(?:and|then|and then|now|puis|et|ensuite|y|luego|después|und|dann|danach|e|poi|quindi|slowly|gently|"
         r"poco a poco|lentamente|despacio|piano piano|lentement|peu à peu|langsam) )*")
_BOUNDARY = r"[.;:!?\n()]|,\s|\s-\s|\s(?:and then|then|and|y luego|luego|puis|et puis|dann|und dann|e poi|poi)\s"
_DETS = (r"the|a|an|its|his|her|their|my|our|this|that|these|those|some|le|la|les|un|une|el|los|las|una|der|"
         r"die|das|ein|eine|il|lo|gli|i|it|he|she|they|il|elle|ils|elles|er|sie|es|él|ella|lui|lei")


def _camera_subject(cl: str, carried: bool) -> int | None:
    """Where the words after the camera as subject start in the clause ``cl``, or None when a thing is the
    subject. ``carried``: the previous clause of the sentence had the camera as subject ("…, then circles it")."""
    found = []
    # the camera is "the camera", never "a frame" or "a picture frame"; a preposition after it heads a noun phrase
    # ("the view from the bridge toward the city"), not a move
    m = re.search(r"\b(" + _CAMERA_NOUN + r")\b(?! (of|de|du|des|di|del|della|von|vom|der|from|over|across|on|in|at|"
                  r"with|to|into|through|under|dal|dalla|desde|depuis|aus|auf|sur|sobre)\b)", cl)
    if m and not re.search(r"\b(" + _DETS + r")?\s*[\w-]+\s+(of|de|di|von)\s+(the |a |an )?$", cl[:m.start()]) \
            and not re.search(_THING_BEFORE, cl[:m.start()]):
        found.append((m.start(), m.end()))
    m = re.search(r"(?:^|\s)(" + _WE + r")\s", cl)
    if m:
        found.append((m.start(1), m.end()))
    m = re.match(_LEAD + r"(" + _FIRST_PLURAL + r")\b", cl)       # "poi ci avviciniamo", "puis on recule"
    if m:
        found.append((m.start(1), m.start(1)))
    m = re.match(_LEAD + _ORDER + r"\b", cl)
    if m:
        found.append((m.start(2), m.start(2)))
    if found:
        return min(found)[1]                       # the first: "we move closer … until its dial fills the frame"
    first = re.match(r"\s*((and|then|now|puis|et|y|luego|und|dann|e|poi) )*([\w'-]+)", cl)
    if carried and first and not re.fullmatch(_DETS, first.group(3)) and not re.fullmatch(r"\w+ing", first.group(3)):
        return 0                                   # "…, then circles it once"
    return None


def _still_or_shaky(low: str) -> list[tuple[int, str, str, bool]]:
    found = []
    for m in re.finditer(r"\b" + _STILL_ATTR + r"(\s+(\w+\s+)?)(" + _FOOTAGE + r")\b(?! (of|de|di)\b \w+ (moving|move))", low):
        if not re.fullmatch(r"still", m.group(2)) or m.group(1):
            found.append((m.start(), "locked", m.group(0), True))      # "perfectly still shot", "unmoving frame"
            break
        if not re.search(r"\b(life|image|images|photo|photos|picture|pictures|frame|frames|camera)\b", m.group(0)):
            found.append((m.start(), "locked", m.group(0), True))      # "a still shot"
            break
    for m in re.finditer(r"\b(" + _FOOTAGE + r")\b((\s+[\w-]+\s+(and|y|e|et|und))?(\s+(\w+ly|is|stays?|remains?|keeps?|kept|holds?|bleibt|ist|"
                         r"reste|est|queda|permanece|está|resta|rimane|è|totalement|totalmente|völlig|ganz|"
                         r"perfettamente|del tutto|sempre))*\s+)(" + _STILL + r"|" + _STILL_VERB + r")" + _STILL_END,
                         low):
        if not re.search(r"\b(of|de|di|von)\s*$", low[max(0, m.start() - 6):m.start()]):
            found.append((m.start(), "locked", m.group(0), True))      # "das Bild bleibt völlig ruhig"
            break
    for m in re.finditer(r"\b(" + _SHAKY + r")\b(\s+[\w-]+){0,2}\s+(" + _FOOTAGE + r")\b|\b(" + _FOOTAGE + r")\b"
                         r"(\s+[\w-]+){0,2}\s+(" + _SHAKY + r"|" + _SHAKES + r")\b", low):
        if m.group(4) and re.search(_THING_BEFORE, low[max(0, m.start() - 20):m.start()]):
            continue                                                   # "a frame shaking in the wind"
        found.append((m.start(), "handheld", m.group(0), True))        # "shaky phone footage", "imagen temblorosa"
        break
    for m in re.finditer(r"\b(caméra|camera|cam|c[aá]mara|kamera|telecamera|handycam|camcorder|caméscope|phone|smartphone|handy|móvil|"
                         r"téléphone|telefono|cellulare)\s+((held|carried|tenue?|tenut[oa]|sostenid[oa]|gehalten) )?"
                         r"((à|a|en|in|dans|nella) (la |der |one |the |a |una |einer )?)?(main|mano|hand)\b", low):
        sentence = re.split(r"[.;!?\n]", low[:m.start()])[-1] + re.split(r"[.;!?\n]", low[m.start():])[0]
        if not re.search(r"\b(" + PERSON_NOUNS + r"|he|she|they|elle|ils|elles|él|ella|er|sie|lui|lei)\b",
                         sentence):
            found.append((m.start(), "handheld", m.group(0), True))    # "caméra à la main", "Kamera in der Hand"
            break
    m = re.search(r"\b(" + _PHONE + r")\b", low)
    if m:
        # sure when shaky, or when one films with the phone in one's own hand ("Phone in my hand, I film …")
        found.append((m.start(), "handheld", m.group(0), bool(re.search(_SHAKY, low) or re.search(
            r"\b(in|en|dans|nella|in der) (my|mi|ma|mia|meiner) (hand|mano|main)\b", m.group(0)) or re.search(
            r"\b(held|carried|tenue?|tenut[oa]|sostenid[oa]|gehalten)? ?(in|en|à|dans|nella|in der) "
            r"(the |one |a |la |una |der |einer )?(hand|mano|main)\b", low))))
    return found


# a living thing or a likeness that can hold still, a word for a pose, or a thing whose stillness is its own
_STILL_SUBJECT = (r"\b(" + PERSON_NOUNS + r"|" + CREATURES + r"|he|she|they|il|elle|ils|elles|él|ella|ellos|er|sie|lui|"
                  r"lei|loro|statues?|mannequins?|frozen|freezes|figée?s?|congelad[oa]|erstarrt\w*|congelat[oa]|"
                  r"mid-?(pose|air|step|stride|leap|jump)|poses?|posing|"
                  # water, air, a flame or a plant: "A lake at dawn, perfectly still"
                  r"lakes?|ponds?|pools?|sea|ocean|water|waters|surface|river|canal|air|flames?|candles?|leaves|"
                  r"trees?|reeds?|grass|flags?|curtains?|smoke|lac|étang|mer|eau|lago|estanque|mar|agua|see|teich|"
                  r"wasser|stagno|acqua|laguna)\b")


def still_subject(low: str, start: int) -> bool:
    """A stillness said as a note after a clause about someone or an animal in the same sentence ("A dancer frozen
    mid-pose, perfectly still"): the stillness is theirs."""
    sentence = re.split(r"[.;!?\n]", low[:start])[-1]
    clauses = re.split(r",\s|\s-\s|:", sentence)
    prev = " ".join(clauses[:-1])
    return bool(prev.strip()) and bool(re.search(_STILL_SUBJECT, prev)) and not re.search(_CAMERA_SUBJECT, prev)


# the camera turned from one thing to another: a pan ("turn the camera from the dog to the door", "la caméra
# pivote du stade vers la ville", "die Kamera schwenkt vom Tor zum Fluss", "la cámara gira de la ventana a la puerta")
_TURN_FROM = (r"\b(turns?|turning|swings?|swinging|swivels?|swivelling|swiveling|pivots?|pivoting|rotates?|rotating|"
              r"sweeps?|sweeping|whips?|pivote|tourne|bascule|gira|giran|pivota|dreht( sich)?|schwenkt|ruota|si sposta)\b"
              r"( to follow [^.;:!?]{1,30}?)?"
              r"( (the |your |our )?(camera|cam|lens|view|caméra|c[aá]mara|kamera|telecamera))?( \w+ly| lentement|"
              r" lentamente| langsam| piano)?\s+(from|off|de|du|des|d'|desde|del|von|vom|da|dal|dalla|dallo)\b"
              r"[^.;:!?]{1,50}?\b(to|toward|towards|onto|over to|à|au|aux|vers|a|al|hacia|zu|zum|zur|auf|nach|verso|"
              r"sul|sulla|alla|al)\b")


def _turns_from(low: str) -> list[tuple[int, str, str, bool]]:
    """A camera turned from one thing to another: the camera names itself in the clause or the verb opens it."""
    out = []
    for m in re.finditer(_TURN_FROM, low):
        head = re.split(_BOUNDARY, low[:m.start()])[-1]
        camera = m.group(4) or re.search(r"\b(" + _CAMERA_NOUN + r"|" + _WE + r")\b", head) or re.fullmatch(
            r"\s*((and|then|now|slowly|gently|puis|dann|poi|luego) )*", head)
        if camera:
            out.append((m.start(), "pan", m.group(0), True))
    return out


def described_moves(low: str) -> list[tuple[int, str, str, bool]]:
    """Every camera move the brief describes: (position, move, words, sure). Sure when the camera is the clause's
    subject and the move is toward, away or around; a sideways move is a hint (a pan or a track)."""
    turns = _turns_from(low)
    found = _still_or_shaky(low) + turns
    turned = [(at, at + len(w)) for at, _, w, _ in turns]
    for sentence in re.finditer(r"[^.;!?\n]+", low):
        carried = False
        pos = sentence.start()
        parts = re.split("(" + _BOUNDARY + ")", sentence.group(0))
        for i in range(0, len(parts), 2):
            cl, start = parts[i], pos
            pos += len(cl) + (len(parts[i + 1]) if i + 1 < len(parts) else 0)
            at = _camera_subject(cl, carried)
            # a camera clause carries its subject to the next only when the camera did something in it ("wide
            # shot, waves roll back" is a label, then a thing)
            carried = at is not None and bool(re.search(r"\w", cl[at:]))
            if at is None:
                continue
            rest = cl[at:]
            # "la camera che si allontana", "the camera that circles", "la caméra qui s'approche": the camera is
            # the relative clause's subject, so its verb is the camera's
            rel = re.match(r"\s*(that|which|qui|que|che|die|der|das)\s", rest)
            if rel:
                at += rel.end() - 1
                rest = cl[at:]
            stop = re.search(_SUBORDINATE, rest)
            rest = rest[:stop.start()] if stop else rest
            if re.match(r"\s*((\w+ly|stays?|remains?|keeps?|holds?|is|start|begin|hold|stay|keep|ends?|sits?|stands?|"
                        r"bleibt|ist|steht|reste|est|queda|permanece|está|resta|rimane|è|sta)\s+){0,2}" + _STILL + _STILL_END, rest) or re.search(_STILL_VERB, rest) or (
                    re.match(_STILL_DENIED, cl[at:]) and re.search(r"\b(" + _CAMERA_NOUN + r")\b", cl[:at])):
                found.append((start + at, "locked", (cl[:at] + rest).strip(), True))   # "start perfectly still"
            for move, pat in _DIRECTIONS:
                d = re.search(pat, rest)
                # a verb of moving before the direction ("the view inches nearer"), not a noun ("a view toward")
                bare = re.fullmatch(r"toward|towards|forwards?|away|backs?|backwards?|a?round \w+|vers|hacia|verso|"
                                    r"autour|alrededor|attorno|intorno", d.group(0)) if d else None
                if not d or bare and not re.search(r"\w", rest[:d.start()]) or (
                        move in ("dolly_in", "dolly_out") and re.search(_NOT_TRAVEL, rest[:d.start()])) or (
                        move == "orbit" and re.search(_LOOKING, rest[:d.start()])):
                    continue
                words = (cl[:at] + rest[:d.end()]).strip()
                if any(a <= start + at + d.start() < b for a, b in turned):
                    continue                                   # "… from the stade vers la ville" is the turn's goal
                if move == "dolly_in" and bare and any(re.search(p, rest[:d.start()]) for mv, p in _DIRECTIONS
                                                       if mv == "dolly_out"):
                    continue                                   # "la caméra recule vers le porche": backing, toward
                if move == "dolly_out" and re.search(r"\b(cycles?|loops?|comes?|goes|returns?|jumps?|snaps?|"
                                                     r"plays?|starts?|springs?)\s+$", rest[:d.start()]):
                    continue                                   # "so it cycles back": time going back, not the camera
                # sideways is a pan or a track: a hint
                found.append((start + at + d.start(), "pan" if move == "sideways" else move, words, move != "sideways"))
    return sorted(found)


# a word that moves or sets the camera, at the head of a clause or after the camera as subject
# verbs of moving, by their forms: "sal-" and "mont-" only as verbs, not "la salle", "la montagne"
_MOTION = (r"static|locked(-off)?|tripod|handheld|pan(s|ned|ning|oram\w*|eo|ea)?\b|tilt\w*|crane\w*|track\w*|"
           r"truck(s|ing)? (left|right|in|out|along|across|sideways)|trucking|zoom\w*|dolly\w*|push\w*|"
           r"pull\w*|orbit\w*|circl\w*|whip\w*|drift\w*|glid\w*|rise|rises|rising|descend\w*|float\w*|swing\w*|"
           r"sweep\w*|arc\w*|schwenk\w*|(kamera)?fahrt|fährt|recul\w*|avan\w+|travelling|panoramique|paneo|"
           r"panoramica|carrell\w*|zoom|gir\w+|pivot\w*|tourn\w*|sube|subimos|baj\w+|mont(e|es|ons|ez|ent|ant|er|a|amos|"
           r"ando|iamo)|scend\w*|sal(e|en|imos|iendo|ir|iamo|gono|go)|"
           r"steig\w*|sink\w*|acerc\w+|alej\w+|avvicin\w+|allontan\w+|approch\w+|éloign\w+|näher\w*|entfern\w*")
# verb forms that are also nouns or adjectives ("le sale", "il monte", "baja", "bajo"): a move only with the camera
# as subject or with an adverb, a direction or a goal after them ("sube despacio", "sale verso il tetto")
_AMBIGUOUS_VERB = r"sal(e|en|go|gono)|mont(e|es|a)|baj\w+|sube|scend\w*|gir\w+"
_AFTER_VERB = (r"\s*($|[,;:]|\s(\w+mente|lentement|doucement|despacio|piano|lento|lenta|hacia|verso|vers|por|per|"
               r"sopra|sobre|sur|de|da|dal|dalla|del|en|a|al|alla|arriba|abajo|su|giù|fino|hasta|jusqu\w*|"
               r"dans|in|nel|nella|y|e|et)\b)")
_SEQUENCE = (r"\b(then|and then|before|after|finally|ending|end on|ends on|start|starts|begin|begins|puis|ensuite|"
             r"enfin|dann|danach|zuletzt|luego|después|al final|poi|quindi|infine|alla fine)\b")


def unread_move(low: str, found: list[tuple[int, str, str]]) -> str | None:
    """A second camera move in a brief that sequences its shot ("…, then pan off to the band", "Static on the
    dancers, then …"), in a clause no read move covers: the words, or None. The clause opens on the move (an
    order or a note) or has the camera, "we", "nos", "ci" or "on" as its subject."""
    # without a word of sequence, moves chained as orders ("Rise over the roofs, orbit the tower, tilt down") still
    # are several; a participle opening a clause ("rising steam") is not an order
    sequenced = bool(re.search(_SEQUENCE, low))
    spans = [(at, at + max(len(w), 1)) for at, _, w in found]
    for sentence in re.finditer(r"[^.;!?\n]+", low):
        pos = sentence.start()
        parts = re.split("(" + _BOUNDARY + ")", sentence.group(0))
        for i in range(0, len(parts), 2):
            cl, start = parts[i], pos
            pos += len(cl) + (len(parts[i + 1]) if i + 1 < len(parts) else 0)
            m = re.match(_LEAD + r"((the |our |my )?(" + _CAMERA_NOUN + r"|" + _WE + r"|on|nos|ci)\s+)?(\w+ly\s+|slowly |"
                         r"lentement |langsam |lentamente |piano )?(" + _MOTION + r")\b", cl)
            if m and not m.group(1) and re.fullmatch(_AMBIGUOUS_VERB, m.group(5)) and not re.match(_AFTER_VERB,
                                                                                         cl[m.end():]):
                continue   # "sale vuote" (empty rooms), "monte rosa", "baja marea": a noun or an adjective
            if m and not any(a < start + len(cl) and b > start for a, b in spans) and (
                    sequenced or not re.findall(r"[\w-]+", m.group(0))[-1].endswith("ing")):
                return cl.strip()
    return None
