"""The brief's rules: plain patterns over the words a person typed, and keeping what they state on every shot.

In English and the common European languages: nobody / no one / "without a soul in sight" / an empty place;
a person named by a role, an occupation, a pronoun or a body part ("hands pour"); words meant to be read on
screen (quoted strings near a sign or screen, "the words", "a sign saying", title cards, subtitles); a named
camera move; a loop; the length of the whole spot. What the rules match is the guarantee: it is forced onto
every shot whatever a model writes (:func:`enforce_brief`, :func:`apply_explicit`). The model's reading and
the merge of the two are in :mod:`agents.brief`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from nightreel.errors import InputError
from nightreel.schema import Shot

__all__ = [
    "CAMERA_TEXT",
    "EXPECTATION_FIELDS",
    "NUM_WORDS",
    "RuleReading",
    "apply_explicit",
    "clean_idea",
    "enforce_brief",
    "explicit_expectations",
    "normalise",
    "rule_reading",
    "stated_duration",
]

EXPECTATION_FIELDS = ("people", "camera", "loopable", "text_in_frame")

# --------------------------------------------------------------------------------------------------
# patterns (matched on the lower-cased, NFC-normalised brief)
# --------------------------------------------------------------------------------------------------

_PLACES = (r"room|bedroom|living room|kitchen|bathroom|hallway|corridor|stairwell|staircase|attic|basement|cellar|"
           r"garage|office|offices|house|home|apartment|flat|studio|library|cafe|café|coffee shop|diner|bar|pub|"
           r"restaurant|shop|store|supermarket|market|mall|church|chapel|cathedral|temple|hall|classroom|school|"
           r"warehouse|factory|parking lot|parking garage|car park|street|streets|road|roads|highway|motorway|alley|"
           r"alleyway|square|plaza|station|platform|train|carriage|subway|metro|tram|bus|airport|terminal|lobby|"
           r"hotel|motel|gym|pool|swimming pool|stadium|arena|theater|theatre|stage|cinema|auditorium|beach|shore|"
           r"park|playground|field|fields|forest|woods|city|town|village|bridge|space|set|scene|world|landscape|"
           r"desert|building|buildings|hospital|ward|laundromat|bakery|boulevard|avenue|pier|harbour|harbor|"
           r"dock|docks|marina|fairground|funfair|amusement park|carnival|museum|gallery|courtyard|garden|"
           r"greenhouse|barn|farmhouse|cabin|chalet|lighthouse|tunnel|underpass|overpass|rooftop|roof|"
           r"road|crossroads|intersection|gas station|petrol station|laundrette|arcade|bowling alley|ballroom|"
           r"dining room|waiting room|corridors|halls|rooms|beaches|parks|shores|city streets|lanes?|seats|"
           r"benches|tables|chairs|pews|desks|aisles?|counter|checkout|booth|booths|court|courts|pitch|rink|track|"
           r"cul-de-sac|lot|quay|jetty|deck|boardwalk|promenade|esplanade|yard|schoolyard|campus|hallways|"
           r"subway car|carriage|cabin|ward|theatre|parking|slope|ski lift|chairlift|ferry|boat|ship|vineyard")

# an explicit "nobody": these win over any person word except "no one but the baker"
_NONE_STRONG = (
    r"\b(nobody|no[- ]?one|not (a|one) (single )?(soul|person|human|living soul|figure)|not a soul|no souls?|"
    r"without (a|any|another) (single |living )?(soul|person|people|human|humans|figure|one)|"
    r"without (any(one|body)|people|persons|humans|figures|a human presence|human presence)|"
    r"no (people|persons?|humans?|human (figures?|beings?|presence)|figures?|characters?|one|faces?|"
    r"cars or people|actors|talent|cast|silhouettes?)|"
    r"(empty|devoid|free|void) of (people|persons|humans|life|anyone|any people)|"
    r"unpeopled|people-?free|person-?free|human-?free|uninhabited|unoccupied|"
    r"everyone (has|had) (gone|left)|after everyone (has |had )?(gone|left)|not a living thing|"
    r"no sign of (life|people|anyone)|abandoned by everyone)\b"
    # French, Spanish, Italian, Portuguese, German, Dutch
    r"|\b(sans (personne|âme qui vive|aucun\w* (personne|passant|client|humain|figure|silhouette)|présence humaine|"
    r"personnages?|figurants?)|il n'y a personne|aucune? (personne|âme|passant|client|silhouette|humain)|"
    r"(?<!une )(?<!la )(?<!des )(?<!cette )(?<!chaque )(?<!aucune )personne (dans|sur|à|au|aux|en|ne|n')|n'y a personne|ne .{0,20} personne|"
    r"nadie|sin (gente|personas?|nadie|un alma|ningún \w+|ninguna persona|presencia humana)|ni un alma|"
    r"ninguna persona|ningún (ser humano|transeúnte|cliente)|"
    r"nessuno|senza (persone|gente|nessuno|anima viva)|anima viva|ninguém|sem (pessoas|ninguém|gente)|"
    r"niemand|niemanden|keine (menschen|personen|leute|menschenseele|passanten|kunden|figuren)|"
    r"ohne (menschen|personen|leute|jemand)|menschenleer\w*|keine menschenseele|"
    r"geen (mensen|mens|personen)|niemand)\b"
)
# "an empty cafe", "deserted streets" — a weak "nobody": a person named in the brief overrides it
# the words between "empty" and the place are its adjectives ("an empty, rain-soaked street"), never a preposition
# ("an empty glass on the bar" is a glass, not an empty bar)
_ADJ = r"( (?!(?:on|in|at|of|by|near|under|inside|from|with|beside|behind|into|onto|and|or|for|to|over)\b)[\w-]+,?){0,3}"
_NONE_WEAK = (r"\b((empty|deserted|abandoned|vacant|desolate|silent, empty|lonely,? empty),?" + _ADJ + r" (" + _PLACES +
              r")|(" + _PLACES + r") (is |are |lies |stands |sits |stay |stays |remain |remains )?(utterly |completely |"
              r"totally |entirely |still |now |quite )?(empty|deserted|abandoned|vacant)|"
              r"no (more |other )?(pedestrians|passers-?by|customers|clients|staff|workers|guests|visitors|passengers|"
              r"shoppers|diners|drivers|children|kids|students|pupils|patrons|tourists|crowds?|spectators|swimmers|"
              r"bathers|walkers|skaters|players|employees|residents|cyclists|commuters)( \w+)? (yet|left|around|about|"
              r"in sight|anywhere|today|tonight|now)|no (pedestrians|passers-?by|customers|staff|guests|visitors|"
              r"passengers|shoppers|diners|crowds?|patrons|employees)\b|"
              r"(empty|devoid|free|void) of (visitors|customers|passengers|guests|staff|shoppers|diners|tourists)|"
              r"not a (single )?(\w+)( or (a |an )?\w+)? (in sight|to be seen|around|about)|"
              r"(salle|rue|rues|pièce|chambre|cuisine|gare|plage|ville|bureau|café|place|église|maison|couloir|"
              r"magasin|boutique|parking|quai|route|parc)s?( \w+)? (vides?|désertes?|abandonnées?)|"
              r"(calles?|habitación|cocina|estación|playa|ciudad|oficina|cafetería|plaza|iglesia|casa|pasillo|"
              r"tienda|parque|sala|bar|carretera|andén)s? (vací[oa]s?|desiert[oa]s?|abandonad[oa]s?)|"
              r"(leere[nrs]?|verlassene[nrs]?|öde[nrs]?) \w+|(strada|strade|stanza|piazza|stazione|spiaggia|cucina|"
              r"chiesa|casa|città)\s(vuot[oaie]|desert[oaie]|abbandonat[oaie])|(rua|ruas|sala|praia|casa|estação|"
              r"cozinha|praça|cidade)\s(vazi[oa]s?|desert[oa]s?|abandonad[oa]s?))\b")
# "no one but the old fisherman", "nobody except a cyclist": a person after all
# people named by what they are: a pronoun, a noun for a person, a role or an occupation
_PERSON_NOUNS = (
    r"person|persons|people|human|humans|man|men|woman|women|boy|boys|girl|girls|child|children|kid|kids|a baby|babies|"
    r"toddler|teen|teens|teenager|teenagers|adult|adults|a couple(?! of)|couples|a family|families|friends?|crowd|crowds|"
    r"someone|somebody|a figure|lone figure|figures walk|silhouette of a (man|woman|person|figure)|"
    r"stranger|strangers|guy|guys|lady|ladies|gentleman|gentlemen|grandmother|grandfather|grandma|"
    r"grandpa|granny|mother|father|mom|mum|dad|daughter|brother|sister|twins|bride|groom|widow|"
    r"barista|baristas|chef|chefs|baker|bakers|waiter|waiters|waitress|waitresses|bartender|bartenders|"
    r"dancer|dancers|ballerina|musician|musicians|pianist|guitarist|violinist|cellist|drummer|singer|singers|"
    r"saxophonist|trumpeter|dj|busker|buskers|skater|skaters|skateboarder|surfer|surfers|cyclist|cyclists|"
    r"biker|bikers|runner|runners|jogger|joggers|swimmer|swimmers|climber|climbers|hiker|hikers|"
    r"driver|drivers|pilots|nurse|nurses|doctor|doctors|surgeon|surgeons|paramedic|firefighter|firefighters|"
    r"fireman|firemen|police officer|policeman|policewoman|cop|cops|soldier|soldiers|security guard|guards|farmer|farmers|"
    r"fisherman|fishermen|fisher|carpenter|blacksmith|potter|weaver|tailor|seamstress|barber|hairdresser|"
    r"mechanic|mechanics|welder|worker|workers|builder|builders|teacher|teachers|student|students|pupil|pupils|"
    r"scientist|scientists|astronaut|astronauts|athlete|athletes|boxer|boxers|football players|footballer|"
    r"actor|actors|actress|customer|customers|shopper|shoppers|passenger|passengers|pedestrian|pedestrians|"
    r"passer-?by|passers-?by|tourist|tourists|traveller|travellers|traveler|travelers|commuter|commuters|"
    r"vendor|vendors|shopkeeper|florist|butcher|grocer|fishmonger|cashier|clerk|janitor|cleaner|cleaners|"
    r"gardener|gardeners|postman|mailman|courier|delivery rider|rider|riders|lifeguard|wrestler|gymnast|"
    r"monk|monks|priest|nun|nuns|knight|detective|photographer|photographers|painter|sculptor|artist|artists|"
    r"librarian|receptionist|concierge|doorman|porter|sommelier|butler|maid|nanny|shepherd|cowboy|sailor|sailors|"
    r"diver|divers|fencer|archer|juggler|clown|magician|acrobat|acrobats|performer|performers|audience|spectators|"
    r"protesters|villagers|locals|residents|neighbours|neighbors|office workers|programmer|developer|"
    r"engineer|engineers|architect|writer|author|poet|volunteer|volunteers|"
    r"she|he|her hand|his hand|her hands|his hands|her face|his face|herself|himself|"
    # French
    r"homme|hommes|femme|femmes|enfant|enfants|garçon|garçons|fille|filles|quelqu'un|une personne|des personnes|"
    r"boulanger|boulangère|serveur|serveuse|danseur|danseuse|danseurs|pêcheur|pêcheurs|vieil homme|vieille femme|"
    r"cuisinier|cuisinière|musicien|musicienne|infirmière|infirmier|ouvrier|ouvriers|passants|cycliste|"
    r"barman|fleuriste|facteur|coiffeur|coiffeuse|peintre|étudiant|étudiante|grand-mère|grand-père|"
    # Spanish / Portuguese / Italian
    r"hombre|hombres|mujer|mujeres|niño|niños|niña|niñas|alguien|una persona|personas|camarero|camarera|"
    r"panadero|panadera|pescador|pescadores|bailarín|bailarina|bailarines|cocinero|cocinera|músico|abuela|abuelo|"
    r"enfermera|obrero|obreros|ciclista|ciclistas|señora|señor|chica|chico|"
    r"homem|homens|mulher|mulheres|criança|crianças|alguém|pescadora|"
    r"uomo|uomini|donna|donne|bambino|bambina|bambini|qualcuno|ragazzo|ragazza|pescatore|fornaio|cameriere|"
    # German / Dutch
    r"mann|männer|frau|frauen|kinder|mädchen|junge|jemand|bäcker|bäckerin|kellner|kellnerin|tänzer|"
    r"tänzerin|fischer|koch|köchin|musiker|musikerin|arbeiter|arbeiterin|radfahrer|passanten|großmutter|"
    r"großvater|mensch|menschen|vrouw|jongen|meisje"
)
_BODY = (r"hands?|fingers?|fingertips|knuckles|palms (?!trees?)|forearms?|fists?|bare feet|barefoot|"
         r"(her|his|their|someone's|a person's|a woman's|a man's|a child's|the chef's|the baker's|a dancer's) "
         r"(face|eyes|lips|mouth|hair|arms?|legs?|feet|shoulders?|back|skin|profile|hand|hands|fingers)|"
         r"ses mains|des mains|les mains|manos|sus manos|unas manos|mãos|mani|hände|händen|handen|doigts|dedos|finger")
# a body part that is not a person's
_BODY_NOT = (r"\b(clock|watch|dial)('s)? hands?\b|\bhands? of (the|a) (clock|watch)\b|\bhand[- ](drawn|made|painted|"
             r"written|lettered|held|crafted|picked|blown|tinted|stitched|carved|built)\b|\bsecond[- ]hand\b|"
             r"\bon the other hand\b|\bhandheld\b|\b(left|right)[- ]hand\b|\bhand (cream|soap|lotion|towel|sanitizer|wash|luggage|brake)\b|\bpots and pans\b|\b(by|at) hand\b|\bhands[- ]free\b|\bhands[- ]off\b|"
             r"\bfinger (food|sandwich\w*|lakes?)\b|\bfish fingers\b|\bladyfingers?\b")
_NEGATORS = (r"(no|not|without|never|nor|zero|sans|sin|ningún|ninguna|ohne|kein\w*|senza|nessun\w*|sem|geen|"
             r"aucune?|nul|nulle)")
# actions only a person does (the model catches the rest; these are unambiguous)
_PERSON_ACTIONS = (r"\bselfie\b|\bshakes? hands\b|\bhugs?\b|\bhugging\b|\bkiss(es|ing)?\b|"
                   r"\bwaves? (goodbye|hello)\b")

_CAMERA: list[tuple[str, str]] = [
    ("locked", r"\b(locked[- ]?off|locked camera|locked[- ]down|locked shot|on a tripod|tripod|static camera|"
               r"static shot|static frame|fixed camera|fixed frame|fixed shot|camera (does not|doesn't|never|won't) "
               r"(move|moves|budge)|camera (stays|remains|holds|is) (still|fixed|put|static|locked)|"
               r"no camera (move|moves|movement|motion)|without (any )?camera (movement|motion|moves?)|(unmoving|motionless|still) camera|"
               r"plan fixe|caméra fixe|sur trépied|trépied|cámara fija|plano fijo|trípode|"
               r"feste kamera|statische kamera|stativ|camera fissa|inquadratura fissa|câmera fixa)\b"),
    ("dolly_in", r"\b(dolly[- ]?in|dollies in|dollying in|dolly forward|dollies forward|dolly towards?|push[- ]?in|"
                 r"pushes in|pushing in|slow push|camera push(es)? (slowly )?(forward|towards?|closer)|camera creeps? "
                 r"(slowly )?(in|forward|closer|towards?)|zooms? in|zooming in|slow zoom in|camera (moves|glides|"
                 r"drifts|travels|tracks|creeps|floats) (slowly )?(in|forward|closer|towards?)|camera closes in|"
                 r"travelling avant|zoom avant|s'approche lentement|la caméra avance|la cámara avanza|"
                 r"acercamiento|travelling hacia delante|la cámara se acerca|kamera fährt (langsam )?(heran|vor|"
                 r"nach vorne)|ranfahrt|heranfahrt|zoom-in|carrello in avanti)\b"),
    ("dolly_out", r"\b(dolly[- ]?out|dollies out|dollying out|dolly back|dollies back|dolly(ing)? away|(slow|gentle|camera|long) pull[- ]?back|pull-back|pullback|pull back to reveal|pulls back to reveal|"
                  r"pull[- ]out shot|zooms? out|zooming out|slow zoom out|camera (moves|glides|drifts|travels|tracks|"
                  r"backs|pulls|retreats|recedes|floats) (slowly )?(out|back|away)|travelling arrière|zoom arrière|la caméra recule|"
                  r"la cámara (se aleja|retrocede)|travelling hacia atrás|kamera fährt (langsam )?zurück|rückfahrt|"
                  r"zoom-out|carrello indietro)\b"),
    ("orbit", r"\b(orbit|orbits|orbiting|orbital|arc shot|camera arcs? (slowly )?around|arcing around|camera "
              r"circles? (slowly )?(around|round)?|camera circling|360[- ]degree|360°|"
              r"tourne autour|en orbite|órbita|gira alrededor|umkreist|kreisfahrt|orbita|"
              r"gira intorno)\b"),
    ("pan", r"\b(pans?|panning|panned) (slowly |gently |quickly )?(across|over|left|right|along|up|down|past|"
            r"around|between|to the (left|right))\b|\b(slow|whip|camera|lateral|horizontal|gentle|quick|lazy) pans?\b|\bpanning\b|"
            r"\bpanoramique\b|\bpaneo\b|\bpanea\b|\bschwenk\w*\b|\bpanoramica\b"),
    ("handheld", r"\b(hand[- ]?held|shaky[- ]?cam|shaky camera|camera shake|documentary[- ]style camera|"
                 r"caméra (à l'épaule|portée)|à l'épaule|cámara en mano|cámara al hombro|handkamera|"
                 r"aus der hand|camera a mano|câmera na mão)\b"),
]
_CAMERA_NEG = r"\b(no|not|never|without|don't|do not|avoid|no need to|rather than|instead of|sans|sin|ohne|kein\w*)\b"

_LOOP = (r"\b(loop|loops|looped|looping|loopable|seamless(ly)? (loop\w*|repeat\w*)|cinemagraph|cinemagraphs|"
         r"repeats? (seamlessly|endlessly|forever)|plays? on repeat|ends? (exactly )?where it (begins|began|starts|"
         r"started)|last frame (matches|equals|is) the first|endless(ly)? repeat\w*|en boucle|boucle parfaite|boucle infinie|qui boucle|en bucle|bucle perfecto|"
         r"bucle infinito|endlosschleife|in (einer )?schleife|als schleife|nahtlose schleife|ciclo continuo|in loop|em loop)\b")
_LOOP_NEG = (r"\b(no|not a|doesn't|does not|don't|do not|need not|needn't|never|without|isn't|is not|won't|"
             r"not meant to|no need to|not need to) (need to |have to |to )?(be )?(a )?(seamless )?loop\w*\b|"
             r"\b(no|not a|without) (seamless )?loop\b|\bpas (de|en) boucle\b|\bsin bucle\b|\bkeine schleife\b")

_QUOTED = r"[\"“”«‘’„](?P<q>[^\"“”«»‘’„]{1,80})[\"“”»’‘]|(?:^|\s)'(?P<s>[^']{1,80})'(?=[\s,.;:!?)]|$)"
_TEXT_CUES = (r"sign|signs|signboard|screen|screens|monitor|display|billboard|banner|poster|placard|neon|marquee|"
              r"title|titles|caption|captions|subtitle|subtitles|headline|lettering|letters|written|writes|wrote|"
              r"reads|reading|spells?|spelled|spelling|shows|showing|displays|displaying|flashes|"
              r"label|menu|chalkboard|blackboard|whiteboard|card|slate|logo|slogan|tagline|words?|text|message|"
              r"typed|types|typing|graffiti|tattoo|stamped|printed|engraved|scrawled|carved|painted|"
              r"panneau|écran|écrit|affiche|enseigne|letrero|cartel|pantalla|dice|escrito|schild|bildschirm|"
              r"aufschrift|steht|schriftzug|insegna|scritta|schermo|tela|placa")
_TEXT = (r"\b(on-?screen text|text on (the )?screen|title card|title cards|intertitles?|end card|end slate|"
         r"lower[- ]third|text overlay|overlaid text|super(imposed)? text|subtitles?|subtitled|captions?|captioned|"
         r"opening titles|closing titles|end credits|credits roll|rolling credits|kinetic typography|typography|"
         r"headline reads|(sign|banner|poster|billboard|placard|screen|monitor|display|note|card|menu|chalkboard|"
         r"label|neon|marquee|letter|message|headline|notification|tattoo)s? (that |which )?(reads?|reading|says|saying|"
         r"spells?|spelling|shows? the words?|displays? the words?|with the words?|bearing the words?)|"
         r"(the )?words? .{0,40}(appear|appears|fade in|fades in|light up|lights up|flash|flashes|scroll|scrolls|"
         r"written|spelled out|on (a |the )?(screen|monitor|sign|display|wall|card|window|banner|billboard))|"
         r"(screen|monitor|display|phone|laptop|terminal|tv|television)s? (shows?|showing|displays?|displaying|"
         r"flashes|flashing|lights up with) (the |a )?(words?|text|message|headline|name|title|caption|sentence|"
         r"line|phrase|slogan|date|time|number)|"
         r"(text|message|words?|letters|headline|title|name|slogan|tagline) (is |are )?(typed|written|spelled|"
         r"appears?|painted|scrawled|printed|projected) (on|across|out|in)|"
         r"(typed|written|spelled out|appears?) on (the )?(screen|monitor|display)|"
         r"sous-titres?|sous-titré|les mots|carton titre|carton de titre|intertitre|un panneau (indiquant|disant|qui dit|où l'on lit)|"
         r"où l'on lit|on peut lire|écrit sur|subtítulos?|las palabras|un cartel que (dice|pone)|letrero que dice|"
         r"se lee|escrito en|untertitel\w*|die worte|die wörter|aufschrift|schriftzug|steht geschrieben|"
         r"sottotitoli|le parole|la scritta|legendas?|as palavras)\b")
_TEXT_NEG = (r"\b(no|without|never any|free of|zero) (on-?screen |visible |legible |readable )?(text|words|"
             r"writing|lettering|captions?|subtitles?|titles?|logos? (or|and) text|text (or|and) logos?|signage|"
             r"letters|typography|graphics)\b|\bsans (texte|sous-titres?)\b|\bsin (texto|subtítulos?)\b|"
             r"\bohne (text|untertitel)\b|\bkein(en)? text\b|\bsenza (testo|scritte)\b")

_STILL = r"\b(still life|motionless|frozen moment)\b"

NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40, "forty-five": 45,
    "fifty": 50, "sixty": 60, "ninety": 90,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six_fr": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "soixante": 60,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30, "sesenta": 60,
    "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "sechzig": 60,
    "dieci": 10, "venti": 20, "trenta": 30, "otto": 8, "cinque": 5, "sei": 6, "sette": 7, "quindici": 15,
}
_NUM = r"\b(\d+(?:[.,]\d+)?|" + "|".join(sorted((re.escape(k) for k in NUM_WORDS if not k.endswith("_fr")),
                                               key=len, reverse=True)) + ")"
_SEC = r"(seconds?|secs?|s|sec\.|secondes?|segundos?|sekunden|secondi|seconde)"
_MIN = r"(minutes?|mins?|minutos?|minuten|minuti|minute)"
_WHOLE = (r"(spot|film|video|clip|ad|advert|commercial|teaser|trailer|piece|reel|sequence|short|loop|story|"
          r"montage|promo|intro|outro|opener|cinemagraph|animation|vidéo|publicité|pub|anuncio|vídeo|película|"
          r"werbespot|spot|filmchen|video|total|in total|overall|long|altogether|in all)")
_PER_SHOT = r"\b(each|every|per|apiece|chaque|cada|jede[rns]?|ogni)\b"


def _num(tok: str) -> float | None:
    tok = tok.strip().lower()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", tok):
        return float(tok.replace(",", "."))
    return float(NUM_WORDS[tok]) if tok in NUM_WORDS else None


# --------------------------------------------------------------------------------------------------
# the idea as text
# --------------------------------------------------------------------------------------------------

def clean_idea(idea: str | bytes, max_chars: int = 4000) -> str:
    """The idea as text we can send, or an InputError that says what to change."""
    if isinstance(idea, bytes):
        try:
            idea = idea.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"the idea is not valid UTF-8 (byte {e.start}); save it as UTF-8 text") from None
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in idea):  # undecodable argv bytes (surrogateescape)
        raise InputError("the idea contains bytes that are not valid UTF-8; retype it or save it as UTF-8 text")
    idea = unicodedata.normalize("NFC", idea)
    idea = "".join(ch for ch in idea if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()
    if not idea:
        raise InputError("the idea is empty: say what the video is about, e.g. 'eight-second spot for a coffee, night atmosphere'")
    if len(idea) > max_chars:
        raise InputError(
            f"the idea is {len(idea):,} characters; the planner takes at most {max_chars:,}. "
            "Keep the brief to a few lines (put reference material in a note for `nightreel night`)."
        )
    return idea


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", " - ")


# --------------------------------------------------------------------------------------------------
# the rules
# --------------------------------------------------------------------------------------------------

def _first(pattern: str, text: str) -> re.Match | None:
    return re.search(pattern, text)


def _negated_before(text: str, start: int, window: int = 4) -> bool:
    """A negator among the few words before `start`, in the same clause ("no barista", "without a driver")."""
    clause = re.split(r"[.,;:!?()\n]", text[max(0, start - 60):start])[-1]
    before = re.findall(r"[\w'-]+", clause)[-window:]
    return any(re.fullmatch(_NEGATORS, w) for w in before)


def _person_mention(low: str) -> re.Match | None:
    """The first word naming a person that is not negated ("no barista") nor possessive ("the baker's stall")."""
    masked = re.sub(_BODY_NOT, lambda m: " " * len(m.group(0)), low)
    # a point of view ("first-person glide", "third person view") is the camera, not a person in frame
    masked = re.sub(r"\b(first|second|third)[- ]person\b", lambda m: " " * len(m.group(0)), masked)
    # a measurement ("30 feet") or a thing ("palm trees") is not a person
    for m in re.finditer(r"\b(" + _PERSON_NOUNS + r"|" + _BODY + r")\b", masked):
        word = m.group(0)
        after = masked[m.end():m.end() + 3]
        if after.startswith(("'s", "s'")) and word not in ("someone", "somebody"):
            # "the baker's empty stall" is not a person in frame; "the chef's hands" is (a body part)
            if not re.match(r"'s (hands?|fingers?|face|arms?|feet)\b", masked[m.end():m.end() + 12]):
                continue
        if _negated_before(masked, m.start()):
            continue
        prev = re.findall(r"[\w'-]+", masked[max(0, m.start() - 20):m.start()])
        if prev and prev[-1] in ("for", "pour", "para", "für", "per"):  # "a spot for baristas": the audience
            continue
        if word in ("he", "she") and not re.match(r"\s+\w+", masked[m.end():]):
            continue
        return m
    act = re.search(_PERSON_ACTIONS, masked)
    return act


def _camera_mentions(low: str) -> list[tuple[int, str, str]]:
    found = []
    for move, pat in _CAMERA:
        for m in re.finditer(pat, low):
            neg_zone = low[max(0, m.start() - 25):m.start()]
            if re.search(_CAMERA_NEG + r"[^.,;]*$", neg_zone):
                continue
            if move == "orbit" and re.search(r"\b(planets?|moons?|satellites?|electrons?|the sun|the earth|"
                                             r"space station)\b", low[max(0, m.start() - 40):m.end() + 40]) \
                    and not re.search(r"\bcamera\b", low[max(0, m.start() - 30):m.end() + 10]):
                continue
            found.append((m.start(), move, m.group(0)))
            break
    return sorted(found)


def _quoted_text(idea: str, low: str) -> str | None:
    """A quoted string meant to be read on screen: a quote with a sign/screen/title word in its sentence."""
    for m in re.finditer(_QUOTED, idea):
        sentence_start = max(low.rfind(".", 0, m.start()), low.rfind(";", 0, m.start()), 0)
        sentence_end = [i for i in (low.find(".", m.end()), low.find(";", m.end())) if i >= 0]
        sentence = low[sentence_start:min(sentence_end) if sentence_end else len(low)]
        if re.search(r"\b(" + _TEXT_CUES + r")s?\b", sentence):
            return m.group(0).strip()
        if re.search(r"\b(appear\w*|fad\w+ in|flash\w*|light\w* up|pops? up|popping up|comes? up|typ\w+|"
                     r"scroll\w*|writ\w+ itself|spell\w* out)\b", low[m.end():m.end() + 30]):
            return m.group(0).strip()
    return None


def stated_duration(idea: str) -> tuple[float, str] | None:
    """The length of the whole piece when the brief states it ("an eight-second spot", "30 s in total")."""
    low = normalise(idea)
    half = re.search(r"\b(half a minute|a half[- ]minute|demi-minute|medio minuto|halbe minute)\b", low)
    if half:
        return 30.0, idea[half.start():half.end()]
    whole_min = re.search(r"\b(a|one)[- ]minute[- ](\w+[- ]){0,2}?" + _WHOLE + r"\b", low)
    if whole_min:
        return 60.0, idea[whole_min.start():whole_min.end()]
    pats = [
        # "eight-second spot", "a 30 s film", "15-second loop", "10 seconds long"
        _NUM + r"[- ]?(and a half[- ])?" + _SEC + r"[- ]" + r"(\w+[- ]){0,3}?" + _WHOLE + r"\b",
        _NUM + r"[- ]?" + _MIN + r"[- ](\w+[- ]){0,3}?" + _WHOLE + r"\b",
        r"\b" + _WHOLE + r" (of|lasting|running|de|von|di) (about |around |exactly |roughly )?" + _NUM + r"[- ]?" +
        r"(" + _SEC + r"|" + _MIN + r")\b",
        r"\b(lasts?|runs?|runtime|running time|duration|length|durée|duración|dauer|länge|durata|dura)"
        r"( of| is|:| de| von| di)? (about |around |exactly |roughly |only |just )?" + _NUM + r"[- ]?(" + _SEC + "|" +
        _MIN + r")\b",
        r"\b(in total|in all|insgesamt|au total|en total|in totale|total of) " + _NUM + r"[- ]?(" + _SEC + "|" + _MIN + r")\b",
        r"\b" + _NUM + r"[- ]?(" + _SEC + "|" + _MIN + r") (in total|total|in all|overall|altogether|long|en total|"
        r"au total|insgesamt|in totale)\b",
        r"^\s*" + _NUM + r"[- ]?(" + _SEC + "|" + _MIN + r")\s*[:,-]",
        # "a coffee spot, 20 seconds." — a bare length as its own clause
        r"(^|[,;:(\u2014-]\s*)" + _NUM + r"[- ]?(" + _SEC + "|" + _MIN + r")\s*([.,;:)!]|$)",
    ]
    for pat in pats:
        for m in re.finditer(pat, low):
            span = low[max(0, m.start() - 25):m.end() + 25]
            if re.search(_PER_SHOT, span) and not re.search(r"\b(in total|total|overall|in all|au total|insgesamt)\b", span):
                continue
            nums = re.findall(_NUM, m.group(0))
            val = next((v for v in (_num(n if isinstance(n, str) else n[0]) for n in nums) if v is not None), None)
            if val is None:
                continue
            if re.search(r"and a half", m.group(0)):
                val += 0.5
            if re.search(_MIN, m.group(0)) and not re.search(r"\b" + _SEC + r"\b", m.group(0)):
                val *= 60
            if 1 <= val <= 600:
                return val, idea[m.start():m.end()].strip()
    return None


@dataclass
class RuleReading:
    """What the rules read, field by field, with the words that fired."""

    values: dict[str, Any] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    total_duration_s: float | None = None
    duration_words: str = ""
    notes: list[str] = field(default_factory=list)


def strong_start(low: str) -> int:
    m = re.search(_NONE_STRONG, low)
    return m.start() if m else 0


def rule_reading(idea: str) -> RuleReading:
    """The rules' reading of a brief (English plus French, Spanish, German, Italian, Portuguese cues)."""
    low = normalise(idea)
    r = RuleReading()
    strong = _first(_NONE_STRONG, low)
    if strong:
        tail = low[strong.end():strong.end() + 60]
        exc = re.match(r"[^.;]{0,25}?\b(but|except|save|apart from|other than|besides|only|just|excepto|salvo|menos|"
                       r"sauf|à part|außer|tranne|exceto)\b", tail)
        found = _person_mention(tail[exc.end():]) if exc else None
        if found:  # "no one but the old fisherman", "no one around, only a jogger"
            r.values["people"], r.words["people"] = "required", found.group(0)
        if exc and exc.group(1) in ("only", "just") and not found:
            exc = None  # "no one at the bar, only glasses drying": things, not an exception among people
        if exc:  # "nobody but the night guard": somebody after all, whom the rules may not know
            strong = None
            r.notes.append(f"people: {low[strong_start(low):][:60]!r} names an exception; left to the reader")
    weak = next((m for m in re.finditer(_NONE_WEAK, low)
                 if not m.group(0).startswith("not a") or re.search(r"\b(" + _PERSON_NOUNS + r")\b", m.group(0))),
                None)
    person = _person_mention(low)
    if "people" not in r.values:
        if strong:
            r.values["people"], r.words["people"] = "none", strong.group(0)
        elif person:
            r.values["people"], r.words["people"] = "required", person.group(0)
        elif weak:
            r.values["people"], r.words["people"] = "none", weak.group(0)
    moves = _camera_mentions(low)
    distinct = {m for _, m, _ in moves}
    if len(distinct) == 1:
        r.values["camera"], r.words["camera"] = moves[0][1], moves[0][2]
    elif len(distinct) > 1:
        r.notes.append("the brief names several camera moves (" + ", ".join(f"{m} ({w!r})" for _, m, w in moves)
                       + "): each shot's move is left to the planner")
    if r.values.get("camera") == "locked" and re.search(_STILL, low):
        r.values["motion"], r.words["motion"] = "still", re.search(_STILL, low).group(0)  # type: ignore[union-attr]
    neg_loop = _first(_LOOP_NEG, low)
    loop = _first(_LOOP, low)
    if neg_loop:
        r.values["loopable"], r.words["loopable"] = False, neg_loop.group(0)
    elif loop:
        r.values["loopable"], r.words["loopable"] = True, loop.group(0)
    neg_text = _first(_TEXT_NEG, low)
    text = next((m for m in re.finditer(_TEXT, low) if not _negated_before(low, m.start(), 3)), None)
    quoted = _quoted_text(idea, low)
    if text:
        r.values["text_in_frame"], r.words["text_in_frame"] = True, text.group(0)
    elif quoted:
        r.values["text_in_frame"], r.words["text_in_frame"] = True, quoted
    elif neg_text:
        r.values["text_in_frame"], r.words["text_in_frame"] = False, neg_text.group(0)
    dur = stated_duration(idea)
    if dur:
        r.total_duration_s, r.duration_words = dur
    return r


def explicit_expectations(idea: str) -> dict:
    """The expectations the rules read in the idea (only those): the guarantee forced onto every shot."""
    return dict(rule_reading(idea).values)


def enforce_brief(shot: Shot, explicit: dict) -> tuple[Shot, list[str]]:
    """Force what the brief stated onto the shot's expectations; say what was corrected."""
    exp = shot.expectations
    fixes = [f"expectations.{k}: model wrote {getattr(exp, k)!r}, the brief says {v!r}"
             for k, v in explicit.items() if getattr(exp, k) != v]
    if not fixes:
        return shot, []
    new_exp = exp.model_copy(update=explicit)
    return shot.model_copy(update={"expectations": new_exp, "lint": [*shot.lint, *fixes]}), fixes


#: the camera line a shot gets when the person names the move
CAMERA_TEXT = {"locked": "locked-off tripod, no camera movement", "dolly_in": "slow dolly in",
               "dolly_out": "slow dolly out", "pan": "slow pan", "orbit": "slow orbit around the subject",
               "handheld": "handheld, gentle natural sway"}


def apply_explicit(shot: Shot, explicit: dict) -> Shot:
    """What the person stated, on one shot: its expectations forced, and the camera line when a move is named."""
    shot, _ = enforce_brief(shot, explicit)
    if explicit.get("camera") in CAMERA_TEXT:
        shot = shot.model_copy(update={"camera": CAMERA_TEXT[explicit["camera"]]})
    return shot
