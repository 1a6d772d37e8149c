"""Whether a model's quoted words can make someone required: they must name a human being seen now.

A second look's "required" overrides the rules' "allowed", so its quote must name a person or a body part:

- a word of the lexicon (a person noun, a pronoun, a role, a body part, a crowd, a name), or
- a noun in a noun's place (after an article, a number or a possessive, or opening the quote) whose ending is a
  person's in one of the five languages (-er/-or/-ist/-eur/-euse/-ista/-ero/-era/-tore/-trice/-aio/-erin …),
  when it is not a known thing, plant, place or animal with that ending ("les peupliers", "a computer", "il
  motore", "la cafetera", "der Fernseher").
"""

from __future__ import annotations

import re

from agents.brief_cues import normalise

__all__ = ["agent_word", "agentive_noun", "head_noun"]

# a person's ending: English -er/-or/-ist/-ess, French -eur/-euse/-ier/-ière/-iste/-trice, Spanish -ero/-era/-dor/
# -dora/-ista/-ante, Italian -tore/-trice/-aio/-aia/-ista/-iere, German -er/-erin/-ler/-ner/-ist (plurals too)
_AGENT_END = (r"[\w'-]{2,}(ers?|ors?|ists?|esses|ess|eurs?|euses?|iers?|ières?|istes?|trices?|eros|era|eras|ero|"
              r"dores?|doras?|istas?|tori|tore|trici|aio|aia|ai|aie|isti|iere|ieri|erin|erinnen|ler|ner)")
# words with a person's ending that name a thing, a plant, a place, an animal or a time (five languages)
_NOT_AGENTS = (
    # English
    r"water|paper|papers|corner|corners|flower|flowers|tower|towers|river|rivers|letter|letters|border|counter|"
    r"counters|shelter|winter|summer|number|numbers|silver|weather|ladder|tiger|spider|spiders|hammer|computer|"
    r"computers|poster|posters|container|containers|monitor|monitors|mirror|mirrors|elevator|radiator|projector|"
    r"door|doors|floor|floors|color|colour|colors|colours|anchor|sensor|vapor|vapour|interior|exterior|corridor|"
    r"heater|burner|speaker|speakers|sneakers|sweater|leather|feather|feathers|butter|sugar|pepper|copper|"
    r"timber|chamber|cluster|layer|layers|shutter|shutters|banner|banners|boulder|boulders|lantern|streamer|"
    r"streamers|sticker|stickers|filter|marker|markers|cover|covers|scooter|tractor|trailer|freezer|blender|"
    r"toaster|printer|cooker|locker|lockers|drawer|drawers|folder|holder|router|charger|timer|meter|litter|"
    r"glitter|thunder|shower|showers|center|centre|theater|theatre|quarter|matter|order|error|mirror|harbor|"
    r"harbour|manor|labor|favor|flavor|flavour|honor|horror|terror|tremor|armor|armour|odor|razor|"
    r"scissors|motor|rotor|reactor|generator|calculator|escalator|ventilator|refrigerator|"
    r"caterpillar|otter|otters|oyster|oysters|lobster|lobsters|beaver|beavers|panther|heifer|rooster|roosters|"
    r"grasshopper|woodpecker|kingfisher|flycatcher|alder|cedar|juniper|clover|oleander|lavender|ginger|cider|"
    r"rapeseed|hedgerow|tundra|wetlands|river|"
    r"dinner|supper|diner|lunchtime|afternoon|laser|lasers|saucer|saucers|pitcher|platter|canister|"
    r"bumper|fender|spoiler|rudder|propeller|helicopter|skyscraper|skyscrapers|crater|glacier|glaciers|"
    r"meteor|asteroid|mist|cyst|wrist|wrists|fist|fists|list|lists|twist|twists|"
    # French
    r"peuplier|peupliers|pommier|pommiers|cerisier|cerisiers|olivier|oliviers|figuier|figuiers|palmier|palmiers|"
    r"rosier|rosiers|poirier|poiriers|prunier|pruniers|amandier|amandiers|laurier|lauriers|marronnier|"
    r"marronniers|noyer|noyers|oranger|orangers|citronnier|citronniers|mûrier|pêcher|pêchers|abricotier|"
    r"cocotier|cocotiers|fraisier|fraisiers|papier|papiers|escalier|escaliers|panier|paniers|tablier|cahier|"
    r"cahiers|clavier|sentier|sentiers|quartier|quartiers|verger|vergers|plancher|rocher|rochers|clocher|"
    r"grenier|atelier|ateliers|chantier|chantiers|cellier|foyer|loyer|évier|encrier|cendrier|saladier|"
    r"sablier|calendrier|collier|colliers|soulier|souliers|tiroir|miroir|couloir|trottoir|comptoir|"
    r"moteur|moteurs|ascenseur|ascenseurs|aspirateur|ordinateur|ordinateurs|couleur|couleurs|fleur|fleurs|"
    r"odeur|odeurs|chaleur|lueur|lueurs|hauteur|largeur|longueur|profondeur|douceur|lenteur|vapeur|vapeurs|"
    r"frayeur|fraîcheur|rumeur|moiteur|splendeur|projecteur|projecteurs|radiateur|réfrigérateur|congélateur|"
    r"ventilateur|ventilateurs|écran|tondeuse|perceuse|berceuse|veilleuse|friteuse|mitrailleuse|cafetière|"
    r"théière|rivière|rivières|lumière|lumières|théières|cuisinière|poussière|frontière|clairière|bruyère|"
    r"carrière|barrière|barrières|paupière|paupières|prière|bannière|gouttière|jardinière|chaudière|soupière|"
    r"mer|hiver|fer|cuiller|cuillers|dîner|déjeuner|goûter|cancer|"
    # Spanish
    r"taller|talleres|"   # a workshop, not one who is taller
    r"sombrero|sombreros|cenicero|llavero|agujero|agujeros|granero|basurero|fregadero|embarcadero|sendero|"
    r"senderos|cafetera|nevera|tetera|carretera|carreteras|escalera|escaleras|primavera|madera|maderas|"
    r"frontera|bandera|banderas|pradera|ladera|laderas|chimenea|pecera|pulsera|cartera|cartelera|vitrina|"
    r"ordenador|ordenadores|ventilador|ventiladores|mostrador|comedor|mirador|miradores|secador|televisor|"
    r"ascensor|ascensores|motor|motores|color|colores|olor|olores|calor|sabor|sabores|vapor|dolor|amor|"
    r"flor|flores|interior|exterior|alrededor|alrededores|rumor|temor|tractor|reactor|contador|corredor|"
    r"corredores|invernadero|aguacero|lucero|luceros|romero|limonero|limoneros|naranjero|cerezo|"
    r"vista|pista|pistas|lista|listas|revista|revistas|arista|aristas|conquista|"
    # Italian
    r"motore|motori|colore|colori|fiore|fiori|odore|odori|sapore|sapori|calore|vapore|rumore|rumori|amore|"
    r"dolore|settore|settori|vettore|ventilatore|ventilatori|frullatore|trattore|trattori|ascensore|"
    r"ascensori|computer|televisore|televisori|proiettore|proiettori|termosifone|condizionatore|"
    r"lavatrice|lavatrici|stampante|calcolatrice|acciaio|granaio|granai|pollaio|ghiacciaio|ghiacciai|"
    r"formicaio|vespaio|febbraio|gennaio|marzo|aia|ai|bicchiere|bicchieri|sentiero|sentieri|cimitero|"
    r"bandiera|bandiere|scogliera|scogliere|primavera|costiera|riviera|brughiera|teiera|caffettiera|"
    r"zuccheriera|saliera|cantiere|cantieri|quartiere|quartieri|paniere|corridoio|"
    r"ciliegio|melo|pero|olivo|ulivo|ulivi|pioppo|pioppi|"
    # German
    r"zimmer|fenster|wasser|messer|feuer|ufer|wetter|sommer|winter|keller|teller|eimer|koffer|"
    r"computer|fernseher|bildschirm|kühlschrank|staubsauger|wecker|zeiger|hammer|finger|körper|schulter|"
    r"schultern|alter|abenteuer|ruder|leder|feder|federn|pflaster|theater|kalender|koffer|dampfer|"
    r"bagger|traktor|motor|motoren|ventilator|lautsprecher|laptop|kugelschreiber|schalter|zucker|butter|"
    r"pfeffer|nebel|meer|see|weiher|holunder|flieder|ahorn|wacholder|kater|biber|adler|falter|marder|"
    r"tiger|eber|hamster|teller|fächer|becher|speicher|anhänger|rechner|drucker|kocher|toaster|"
    r"berliner|hamburger|wiener|pfannkuchen|garten|gärten|hügeln|kerzenständer|leuchter|kronleuchter|"
    r"scheinwerfer|container|trichter|gitter|gelände|schatten|schauer|regenschauer|gewitter|"
    r"magazin|benzin|kamin|kamine|vitamin|termin|rosmarin|jasmin|delfin|pinguin|"
    # other: a person's ending on a tool or a body
    r"burger|burgers|cheeseburger|cracker|crackers|slipper|slippers|trainer|trainers|boxer shorts|"
    r"liner|eyeliner|primer|blazer|blazers|parka|sweaters|jumper|jumpers|stroller|roller|rollers|"
    r"lighter|lighters|opener|bottle opener|shaker|shakers|grinder|mixer|mixers|poker|joker|"
    r"player piano|record player|media player|dvd player|cd player|screensaver|screen saver|"
    r"paper cutter|cutter|cutters|sprinkler|sprinklers|tumbler|tumblers|dryer|dryers|washer|"
    r"skewer|skewers|pointer|cursor|scanner|amplifier|receiver|transmitter|thermometer|barometer|"
    r"speedometer|odometer")
_ARTICLE = r"a|an|the|le|la|les|l'|un|une|des|el|los|las|una|unos|unas|der|die|das|ein|eine|il|lo|gli|uno"
_NOUN_PLACE = (r"(?:^|\b(?:a|an|the|two|three|four|five|some|several|many|few|his|her|their|our|my|this|that|these|"
               r"those|le|la|les|l'|un|une|des|du|deux|trois|quelques|plusieurs|el|los|las|una|unos|unas|dos|tres|"
               r"varios|varias|algunos|algunas|der|die|das|den|dem|ein|eine|einen|einem|einer|zwei|drei|"
               r"einige|mehrere|viele|il|lo|gli|i|uno|alcuni|alcune|molti|molte|tre|due|sua|suo|mio|mia|"
               r"mon|ma|mes|son|sa|ses|mi|su|sus|sein|seine|ihr|ihre)\s+)")


def agentive_noun(low: str) -> re.Match | None:
    """A noun in a noun's place (after an article, a number, a possessive, maybe one adjective, or opening the
    words) whose ending is a person's and that is not a known thing, plant, place or animal with that ending:
    "a cellist", "la pâtissière", "los costaleros", "il sarto" (no), "die Schneiderin". Infinitives after a verb
    ("aime danser", "quiere comer") are not in a noun's place."""
    # a word followed by an article is no noun ("primero un paneo", "d'abord la caméra"): an adverb or a verb
    for m in re.finditer(_NOUN_PLACE + r"(?:[\w-]+ )?(?P<noun>" + _AGENT_END + r")\b(?!')(?!\s+(?:" + _ARTICLE + r")\s)",
                         low):
        noun = m.group("noun")
        if re.fullmatch(_NOT_AGENTS, noun) or re.search(r"\b(" + _NOT_AGENTS + r")$", low[:m.end()]):
            continue
        if len(noun) < 5:   # "mer", "aia", "ai", "der": too short to be read by its ending
            continue
        return m
    return None


def agent_word(word: str) -> bool:
    """One word whose ending is a person's ("skier", "promeneur", "paseante", "giocatore", "Händler") and that is
    not a known thing with that ending."""
    return len(word) >= 5 and bool(re.fullmatch(_AGENT_END + r"|[\w-]{3,}(ante|ente|antes|entes|anti|enti)", word)) \
        and not re.fullmatch(_NOT_AGENTS, word)


_LEADING = (r"a|an|the|this|that|these|those|my|his|her|their|our|its|some|one|two|three|un|une|des|le|la|les|l'|"
            r"el|los|las|una|uno|unos|unas|il|lo|gli|i|der|die|das|den|dem|ein|eine|einen|einem|einer|mon|ma|mes|"
            r"son|sa|ses|mi|mis|su|sus|mio|mia|suo|sua|mein\w*|sein\w*|ihr\w*|unser\w*|old|young|little|elderly|lone|"
            r"vieux|vieil|vieille|jeune|petit|petite|viejo|vieja|joven|vecchio|vecchia|giovane|alte|alter|alten|"
            r"junge|junger|jungen|\w+ly|\d+|two|three|four|five|deux|trois|quatre|cinq|dos|tres|cuatro|cinco|due|tre|"
            r"quattro|cinque|zwei|drei|vier|fünf")


def head_noun(words: str) -> str:
    """The noun the quoted words open on, with its articles, a common adjective and a possessive 's left off:
    "A drummer's sticks hitting the snare" → "drummer", "il casaro" → "casaro", "die alte Kaffeemühle" →
    "kaffeemühle". "" when there is none."""
    for token in re.findall(r"[\w'-]+", normalise(words)):
        token = re.sub(r"^(l|d)'", "", token)
        if re.fullmatch(_LEADING, token) or not token:
            continue
        return re.sub(r"'s?$", "", token)
    return ""
