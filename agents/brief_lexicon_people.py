"""The brief's lexicon of people and places: the word patterns the people rules match, in English and the common
European languages.

Matched on the lower-cased, NFC-normalised brief by :mod:`agents.brief_rules_people` and :mod:`agents.brief_person`,
and used by :mod:`agents.brief` to check that the words a model quotes for a claim really say it. Patterns only, no
logic. ``PERSON_NOUNS`` are the words sure of a person; the broad role vocabulary, a hint only, is in
:mod:`agents.brief_lexicon_roles`. The camera, loop and length words are in :mod:`agents.brief_lexicon_shot`, the
words in the frame in :mod:`agents.brief_lexicon_text`.
"""

from __future__ import annotations

PLACES = (r"room|bedroom|living room|kitchen|bathroom|hallway|corridor|stairwell|staircase|attic|basement|cellar|"
           r"garage|office|offices|house|home|apartment|flat|studio|library|cafe|café|coffee shop|diner|bar|pub|"
           r"restaurant|shop|store|supermarket|market|mall|church|chapel|cathedral|temple|hall|classroom|school|"
           r"warehouse|factory|parking lot|parking garage|car park|street|streets|road|roads|highway|motorway|alley|"
           r"alleyway|square|plaza|station|platform|train|carriage|subway|metro|tram|bus|airport|terminal|lobby|"
           r"hotel|motel|gym|pool|swimming pool|stadium|arena|theater|theatre|stage|cinema|auditorium|beach|shore|"
           r"park|playground|field|fields|forest|woods|city|town|village|bridge|space station|set|scene|world|landscape|"
           r"desert|building|buildings|hospital|ward|laundromat|bakery|boulevard|avenue|pier|harbour|harbor|"
           r"dock|docks|marina|fairground|funfair|amusement park|carnival|museum|gallery|courtyard|garden|"
           r"greenhouse|barn|farmhouse|cabin|chalet|lighthouse|tunnel|underpass|overpass|rooftop|roof|"
           r"road|crossroads|intersection|gas station|petrol station|laundrette|arcade|bowling alley|ballroom|"
           r"dining room|waiting room|corridors|halls|rooms|beaches|parks|shores|city streets|lanes?|"
           r"aisles?|checkout|court|courts|pitch|rink|track|"
           r"cul-de-sac|lot|quay|jetty|deck|boardwalk|promenade|esplanade|yard|schoolyard|campus|hallways|"
           r"subway car|carriage|cabin|ward|theatre|parking|slope|ski lift|chairlift|ferry|boat|ship|vineyard")
# not furniture (seats, tables, chairs, benches, pews, desks, booths, a counter): "the empty tables of the terrace",
# "an empty bench", "son fauteuil vide" say nothing of the place around them (a waiter, a walker, the one who sat
# there gone), so an emptiness said of them is only a hint (:func:`agents.brief_cues.empty_word`)

# German places, as the last part of a compound ("Hotelzimmer", "Bahnhofshalle", "Marktplatz")
DE_PLACES = (r"\w*(straße|straßen|strasse|gasse|gassen|zimmer|raum|räume|halle|hallen|saal|säle|bahnhof|bahnsteig|gleis|"
             r"strand|platz|plätze|kirche|haus|häuser|wohnung|küche|büro|café|cafe|kneipe|bar|restaurant|laden|"
             r"geschäft|park|stadion|bad|schule|flur|gang|gänge|treppenhaus|keller|dachboden|fabrik|parkplatz|"
             r"parkhaus|garage|autobahn|stadt|dorf|bühne|theater|kino|museum|bibliothek|zug|bus|abteil|waggon|"
             r"fähre|hafen|brücke|tunnel|hof|garten|wald|feld|felder|tribüne|tribünen|markt|hotel|lobby|"
             r"landschaft|welt|kreuzung|ufer|promenade|viertel|korridor|werkstatt|wartesaal|u-bahn|s-bahn|"
             r"straßenbahn|sitze|sitzreihen|bänke|plaza|piazza|landstraße|flughafen|terminal|gebäude|"
             r"fußgängerzone|spielplatz|schulhof|pausenhof|friedhof|kapelle|dom|galerie|arena|halle)\b")
# an explicit "nobody": these win over any person word except "no one but the baker". Not "no faces": hands
# kneading dough with no faces shown are a person's
NONE_STRONG = (
    r"\b(nobody|no[- ]?one|not (a|one) (single )?((real|actual|living) )?(soul|person|human|living soul|figure)|not a soul|no souls?|"
    r"without (a|any|another) (single |living )?(soul|person|people|human|humans|figure|one)|"
    # not "without anyone noticing": a verb of noticing after it says who would see, not who is there
    r"without (any(one|body)(?! (ever )?(notic|see|seeing|saw|spott|realis|realiz|know|knowing|watch|hear|catch|"
    r"catching|suspect|mind|minding|stop|stopping|look|looking|car|bother)\w*)|people|persons|humans|figures|"
    r"a human presence|human presence)|"
    r"no ((real|actual|living|flesh-and-blood) )?(people|ppl|persons?|humans?|human (figures?|beings?|presence)|figures?|characters?|one|"
    r"cars or people|actors|talent|cast|silhouettes?)|"
    r"(empty|devoid|free|void) of (people|persons|humans|life|anyone|any people)|"
    r"unpeopled|people-?free|person-?free|human-?free|"
    r"every(one|body)('s| has| had) (gone|left)|after every(one|body) (has |had )?(gone|left)|not a living thing|"
    r"no sign of (life|people|anyone)|abandoned by everyone|"
    r"(don't|do not|doesn't|does not|shouldn't|should not|mustn't|must not|won't|will not|can't|cannot|aren't|"
    r"are not|isn't|is not|never|avoid|avoiding|exclude|excluding)( (want|wanna|show|showing|include|including|"
    r"have|having|see|seeing|put|add|feature|featuring|need|be|to|any|there|me))* (any ?one|any ?body|any people|"
    r"people|persons|humans|human beings|any humans|any figures))\b"
    # French, Spanish, Italian, Portuguese, German, Dutch
    r"|\b(sans (personne|âme qui vive|aucun\w* (personne|passant|client|humain|figure|silhouette|passager|visiteur|"
    r"touriste|voyageur|spectateur|baigneur|promeneur)|présence humaine|"
    r"personnages?|figurants?)|il n'y a personne|aucune? (vrai\w* |véritable\w* )?(personne|âme|passant|client|silhouette|humain|passager|"
    r"visiteur|touriste|voyageur|spectateur|baigneur|promeneur)s?|"
    r"n'y a personne|ne .{0,20} personne|"
    r"nadie|sin (gente|personas?|nadie|un alma|ningún (ser humano|transeúnte|cliente|visitante|pasajero|turista)|ninguna persona|presencia humana|turistas|"
    r"pasajeros|visitantes|clientes|transeúntes)|ni un alma|"
    r"ninguna persona|ningún (ser humano|transeúnte|cliente)|"
    r"nessuno|niente (persone|gente)|pas de (gens|personnes)|nada de gente|senza (persone|gente|nessuno|anima viva|turisti|passanti|visitatori|un'anima( viva)?)|anima viva|nessun (turista|"
    r"passante|visitatore|cliente|passeggero)|ninguém|sem (pessoas|ninguém|gente|turistas|passageiros)|"
    r"nenhum (turista|passageiro|visitante|cliente)|nenhuma pessoa|"
    r"niemand|niemanden|keine (menschen|personen|leute|menschenseele|passanten|kunden|figuren|besucher|touristen|"
    r"gäste|fahrgäste|zuschauer|spaziergänger|badegäste)|"
    r"ohne (menschen|personen|leute|jemand)|menschenleer\w*|keine menschenseele|"
    r"geen (mensen|mens|personen)|"
    r"niemand|kein(e|en)? (einzige[rn]? )?(mensch|person|seele)|keine? menschenseele|pas (une|un) (âme|chat|seul être humain)|pas âme qui vive|âme qui vive|nessuna (persona|anima)|non c'è (nessuno|anima viva)|ni (un|una) (alma|persona))\b"
)
# "an empty cafe", "deserted streets" — a weak "nobody": a person named in the brief overrides it
# the words between "empty" and the place are its adjectives ("an empty, rain-soaked street"), never a preposition
# ("an empty glass on the bar" is a glass, not an empty bar)
ADJ = (r"( (?!(?:on|in|at|of|by|near|under|inside|from|with|beside|behind|into|onto|and|or|for|to|over|the|a|an|"
       r"its|their|his|her|my|our|your|this|that|some)\b)[\w-]+,?){0,3}")
NONE_WEAK = (r"\b((empty|deserted|abandoned|vacant|desolate|unoccupied|uninhabited|silent, empty|lonely,? empty),?" + ADJ + r" (" + PLACES +
              r")|(" + PLACES + r"),? (is |are |lies |stands |sits |stay |stays |remain |remains )?(utterly |completely |"
              r"totally |entirely |still |now |quite )?(empty|deserted|abandoned|vacant)|"
              r"no (more |other )?(pedestrians|passers-?by|customers|clients|staff|workers|guests|visitors|passengers|"
              r"shoppers|diners|drivers|children|kids|students|pupils|patrons|tourists|crowds?|spectators|swimmers|"
              r"bathers|walkers|skaters|players|employees|residents|cyclists|commuters)( \w+)? (yet|left|around|about|"
              r"in sight|anywhere|today|tonight|now)|no ((real|other) )?(pedestrians|passers-?by|customers|staff|guests|visitors|audience|viewers|"
              r"passengers|shoppers|diners|crowds?|patrons|employees|tourists|spectators|swimmers|bathers|hikers|"
              r"skiers|surfers|walkers|commuters|travellers|travelers|worshippers|fans|onlookers)\b|"
              r"(empty|devoid|free|void) of (visitors|customers|passengers|guests|staff|shoppers|diners|tourists)|"
              r"not (a|one) (single )?(\w+)( or (a |an )?\w+)? (in sight|to be seen|around|about|left|remains|"
              r"anywhere)|"
              r"(salle|rue|rues|pièce|chambre|cuisine|gare|plage|ville|bureau|café|place|église|maison|couloir|"
              r"magasin|boutique|parking|quai|route|parc)s?( \w+)? (vides?|désertes?|abandonnées?)|"
              r"(calles?|habitación|cocina|estación|playa|ciudad|oficina|cafetería|plaza|iglesia|casa|pasillo|"
              r"tienda|parque|sala|bar|carretera|andén)s? (vací[oa]s?|desiert[oa]s?|abandonad[oa]s?)|"
              r"(leere[nrs]?|verlassene[nrs]?|öde[nrs]?) " + DE_PLACES + r"|" + DE_PLACES + r" (ist|steht|liegt|bleibt|sind|stehen|liegen|bleiben) (\w+ )?(leer|verlassen|menschenleer)|(strada|strade|stanza|piazza|stazione|spiaggia|cucina|"
              r"chiesa|casa|città)\s(vuot[oaie]|desert[oaie]|abbandonat[oaie])|(rua|ruas|sala|praia|casa|estação|"
              r"cozinha|praça|cidade)\s(vazi[oa]s?|desert[oa]s?|abandonad[oa]s?))\b")
# people named by what they are: a pronoun, a noun for a person, a role or an occupation
PERSON_NOUNS = (
    # roles at a wedding, in the press, on a pitch, in a vineyard
    r"(?<!record )(?<!cd )(?<!dvd )(?<!mp3 )(?<!media )(?<!music )(?<!video )(?<!cassette )players?|reporters?|"
    r"journalists?|paparazzi|guests?(?! (room|rooms|house|houses|book|books|list|bed|beds|towels?|suite|wifi|"
    r"bathroom|star|appearance|post|lecture|speaker|editor|bedroom|cottage)\b)|wedding guests|the couple(?! of)|"
    r"bridesmaids?|newlyweds|(wedding|bridal) party|cameram[ae]n|footballers?|vigneronnes?|vignerons|viticultor[ae]s?|winzer(in|innen)?|"
    r"vignaiol[oaie]|invitad[oa]s|invitée?s|invitati|gli sposi|sposi|(hochzeits)?gäste|spieler(in|innen)?|"
    r"jugador(a|es|as)|giocator[ei]|giocatrici|joueu(r|rs|se|ses)|"
    r"person|persons|people|human|humans|man|men|woman|women|boy|boys|girl|girls|child|children|kid|kids|a baby|babies|"
    r"toddler|teen|teens|teenager|teenagers|adult|adults|a couple(?! of)|couples|a family|families|friends?|crowd|crowds|"
    r"someone|somebody|a figure|lone figure|figures walk|silhouette of a (man|woman|person|figure)|"
    r"ppl|stranger|strangers|guy|guys|lady|ladies|gentleman|gentlemen|grandmother|grandfather|grandma|"
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
    r"großvater|mensch|menschen|vrouw|jongen|meisje|leute|zuschauer|besucher|touristen|spaziergänger|"
    r"menschenmenge|gens|foule|spectateurs|manifestants|touristes|voyageurs|gente|multitud|muchedumbre|"
    r"espectadores|turistas|manifestantes|pasajeros|viajeros|folla|spettatori|turisti|passanti|viaggiatori|"
    r"manifestanti|passeggeri|multidão|pessoas|passageiros|"
    # more roles, families and crowds (English, French, Spanish, Italian, Portuguese, German)
    r"owner|owners|stallholders?|shop assistant|choirs?|orchestra|quartet|gondoliers?|mariachis?|infant|infants|"
    r"parents?|grandparents|husband|wife|boyfriend|girlfriend|pilgrims|worshippers|congregation|mourners|"
    r"supporters|onlookers|bystanders|skateboarders|snowboarders|skiers|kayakers?|rowers|paddlers|anglers?|"
    r"hunters?|knights|warriors|samurai|ninjas?|pirates?|cowgirls?|miners?|lumberjacks?|woodcutter|beekeepers?|"
    r"shepherdess|fisherwoman|florists|barbers|tailors|cobbler|shoemaker|jewell?er|watchmaker|clockmaker|"
    r"glassblower|potters|weavers|seamstresses|knitter|calligrapher|typist|accountant|lawyer|professor|"
    r"patients|jockeys?|horseman|horsewoman|referee|bridesmaids|merchants|traders|hawkers|beggar|refugees|"
    r"peasants|nomads|herders|rancher|"
    r"propriétaire|commerçante?|marchande?|vendeur|vendeuse|forgeron|bouchère?|pâtissière?|chanteur|chanteuse|"
    r"chorale|chœur|choeur|orchestre|musiciens|moine|moines|religieuse|prêtre|soldats?|policière?|médecin|"
    r"fermière?|paysanne?|vigneron|bergère|jardinière?|sculpteur|photographe|voyageur|coureurs?|nageuse?|nageur|"
    r"surfeur|skieurs?|randonneurs?|promeneurs?|mère|père|frère|sœur|soeur|bébé|vieillard|un couple(?! de)|"
    r"adolescente?|mariée?|"
    r"dueñ[oa]|propietari[oa]|vendedora?|vendedores|herrero|carnicer[oa]|barbero|peluquer[oa]|cantantes?|coro|"
    r"orquesta|músicos|monje|monja|sacerdote|soldados?|médica|granjer[oa]|campesin[oa]|jardiner[oa]|pintora?|"
    r"escultor|fotógraf[oa]|viajeros?|nadador[a]?|surfista|esquiador|excursionistas?|madre|padre|hij[oa]|"
    r"herman[oa]|bebé|bebê|ancian[oa]|pareja|amigos|torero|jinete|"
    r"proprietari[oa]|venditore|venditrice|fabbro|macellaio|panettiere|barbiere|parrucchier[ea]|coro|musicisti|"
    r"monaco|suora|prete|soldat[oi]|alpini|carabinier[ei]|poliziotto|dottore|contadin[oa]|giardiniere|pittore|"
    r"scultore|fotografo|viaggiatore|corridore|nuotatore|sciatore|figli[oa]|fratello|sorella|neonato|anzian[oa]|"
    r"coppia|amici|gondolier[ei]|pescatori|marinai[o]?|cuoc[oa]|nonna|nonno|ragazzi|ragazze|bambine|operai[o]?|"
    r"studenti|studente|"
    r"ferreiro|açougueiro|padeiro|barbeiro|cabeleireir[oa]|cantora?|orquestra|monge|freira|policial|"
    r"fazendeiro|camponês|jardineiro|mãe|pai|filh[oa]|irmão|irmã|idos[oa]|casal|costureira|marinheiro|"
    r"cozinheir[oa]|avó|avô|menin[oa]s?|rapaz|moça|garot[oa]s?|"
    r"schmied|schmiedin|metzger|friseurin?|malerin?|lehrerin?|schülerin?|studenten|arzt|ärztin|krankenschwester|"
    r"polizistin?|soldaten?|verkäuferin?|händler|kunden|fahrerin?|sängerin?|chor|mönch|nonne|greis|oma|opa|"
    r"bauarbeiter|handwerker|schreiner|tischler|zimmermann|gärtnerin?|winzer|hirte|jäger|fotografin?|sportler|"
    r"wanderer|reiterin?|familie|freunde|mutter|vater|tochter|sohn|bruder|schwester|"
    # roles of a match and of its crowd, performers who stand still, German compound roles ("Straßenmusiker")
    r"goalkeepers?|goalies?|goaltenders?|portero|porteros|portera|gardien de but|gardienne de but|gardiens de but|"
    r"torwart|torhüter\w*|torfrau|portiere|portieri|tifosi|tifoso|aficionad[oa]s|hinchas|ultras|"
    r"living statues?|human statues?|statues? vivantes?|estatuas? vivientes?|estatuas? humanas?|lebende statue\w*|"
    r"statue viventi|statua vivente|"
    r"[a-zäöüß]{3,}(musiker|fahrer|arbeiter|verkäufer|händler|sänger|tänzer|künstler|wärter)(in|innen)?|"
    # mimes and street performers, lifeguards, old ladies, commuters, churchgoers, sunbathers, picnickers
    r"mimes?|mimos?|mimi|pantomim\w+|bagnin[oia]|socorristas?|rettungsschwimmer\w*|maîtres?[- ]nageurs?|"
    r"vieilles? dames?|une dame|des dames|(alte|alten|ältere|älteren|eine) damen?|señoras? mayor(es)?|viejit[oa]s?|"
    r"vecchiett[oaie]|signor[ae] anzian[ae]|old dears?|pendolari|pendler\w*|banlieusards?|navetteurs?|"
    r"feligreses|fidèles|gläubige\w*|churchgoers|parishioners|fedeli|sunbathers|bañistas|baigneurs|badegäste|"
    r"bagnanti|picnickers|pique-niqueurs|excursionnistes|ausflügler\w*|gitanti"
)
BODY = (r"hands?|fingers?|fingertips|thumbs?|knuckles|forearms?|fists?|bare feet|barefoot|"
         r"(her|his|their|someone's|a person's|a woman's|a man's|a child's|the chef's|the baker's|a dancer's) "
         r"(face|eyes|lips|mouth|hair|arms?|legs?|feet|shoulders?|skin|profile|hand|hands|fingers|palms|"
         # a back, not the back of a place ("the baker's back room", "the farmer's back field")
         r"back(?=\s*([,.;:!?]|$|(to|turned|against|as|is|bent|hunched|towards?|and)\b)))|"
         r"ses mains|des mains|les mains|manos|sus manos|unas manos|mãos|mani|hände|händen|handen|doigts|dedos|finger|"
         # one hand, with a possessive or an article that is not the craft's "à la main", "a mano"
         r"(ma|sa|ta|une|leur|notre|votre) main|(mi|tu|su|una|nuestra) mano|(mia|sua|tua|una|nostra) mano|"
         # feet or legs in what people wear ("feet in sneakers", "Füße in Turnschuhen", "piedi nudi")
         r"(feet|legs|toes|ankles) (in|wearing|clad in) ([\w-]+ ){0,2}(sneakers|trainers|boots|shoes|socks|heels|"
         r"sandals|slippers|flip-flops|stockings|tights|jeans|loafers|wellies)|(sneakered|booted|stockinged|bare) "
         r"(feet|legs)|pieds (nus|en baskets|en bottes|en chaussettes|chaussés)|pies (descalzos|en zapatillas|"
         r"con zapatillas|con botas|en calcetines)|füße in (\w+ )?(turnschuhen|stiefeln|schuhen|socken|sandalen|"
         r"sneakern)|nackte füße|piedi (nudi|in scarpe\w*|con (le )?scarpe\w*|in stivali|in calzini)|"
         # the teller's own reflection is them, seen ("my reflection faint in the glass", "mon reflet dans la
         # vitrine"); a third person's possessive is also a thing's ("the tower and its reflection": "son reflet")
         r"(my|our) reflections?|(mon|notre) reflet|(mi|nuestro) reflejo|(mein|unser) spiegelbild|"
         r"(il )?(mio|nostro) riflesso")
# a body part that is not a person's
BODY_NOT = (r"\b(clock|watch|dial)('s)? hands?\b|\bhands? of (the|a) (clock|watch)\b|\bhand[- ](drawn|made|painted|"
             r"written|lettered|held|crafted|picked|blown|tinted|stitched|carved|built)\b|\bsecond[- ]hand\b|"
             r"\bon the other hand\b|\bhandheld\b|\b(left|right)[- ]hand\b|\bhand (cream|soap|lotion|towel|sanitizer|wash|luggage|brake)\b|\bpots and pans\b|\b(by|at) hand\b|\bhands[- ]free\b|\bhands[- ]off\b|"
             r"\bfinger (food|sandwich\w*|lakes?)\b|\bfish fingers\b|\bladyfingers?\b|\brule of thumb\b|"
             r"\bthumbs? (up|down|drive|tacks?|nails?)\b|\b(minute|hour) hands?\b")
# a clock's hand named once, or a clock, makes "the hand(s)" in the brief the clock's ("second hand sweeping … so the
# hand does one full turn")
CLOCK_HAND = (r"\b(second|minute|hour|clock|watch)('s)?[- ]hands?\b|\bhands? of (the|a) (clock|watch)\b|"
              # a clock named as a thing in the picture ("clock tower face in close up, the hands sweeping round")
              r"\b(clocks?|clock ?towers?|clock ?faces?|wristwatch(es)?|pocket ?watch(es)?|stopwatch(es)?|watch faces?|"
              r"horloges?|réveil|relojes|reloj|orologio|orologi|uhr|uhren|turmuhr|zifferblatt)\b")
# names of things and animals made of a person word ("a German shepherd", "gingerbread men", "mother-of-pearl")
THING_NAMES = (r"\b(german|australian|belgian|anatolian|caucasian|english|dutch) shepherds?\b|\bblack widows?\b|"
               r"\bchess (kings?|queens?|knights?|pieces?|men)\b|\bgingerbread (man|men|woman|people)\b|\bpac-?man\b|"
               r"\b(iron|tin|straw|sand|snow|ice|lego|rubber|wicker|stick) (man|men|woman|figures?)\b|"
               r"\bman[- ]o'?[- ]?war\b|\bmen[- ]o'?[- ]?war\b|\bmother[- ]of[- ]pearl\b|\bmother nature\b|"
               r"\bfather time\b|\bmother ?ships?\b|\bsister ships?\b|\bbaby's breath\b|\blady ?(birds?|bugs?)\b|"
               r"\b(sea|snow|stone|garden) angels?\b|\bcrash[- ]test dumm(y|ies)\b|"
               r"\b(vacuum|glass|floor|pipe|steam|carpet|pool|air|toilet|oven|drain|robot) cleaners?\b|"
               r"\b(table|carpet|rug|stair|hall|drawer) runners?\b|\brunner beans?\b|\bguy (ropes?|lines?|wires?)\b|"
               r"\b(shin|mouth|knee|elbow|chin|fire|splash|nose|wrist|neck) guards?\b|"
               r"\bberger (allemand|australien|belge)\b|\bpastor (alemán|belga|australiano)\b|"
               r"\bpastore (tedesco|belga)\b|\bpastor alemão\b|\bfather christmas\b|\bpère noël\b")
# animals, machines and likenesses: a person word next to one of these is a thing, and a pronoun may be theirs
CREATURES = (r"dogs?|puppy|puppies|pups?|cats?|kittens?|kitty|birds?|horses?|ponies|pony|foals?|elephants?|seals?|"
             r"sharks?|fish|fishes|turtles?|owls?|penguins?|ducks?|ducklings?|deer|fox|foxes|bears?|goats?|sheep|"
             r"lambs?|cows?|calf|calves|pigs?|piglets?|rabbits?|bunny|bunnies|monkeys?|apes?|gorillas?|chimps?|"
             r"chimpanzees?|lions?|lioness|tigers?|giraffes?|zebras?|whales?|dolphins?|spiders?|ants?|bees?|crabs?|"
             r"octopus|squirrels?|mice|mouse|rats?|frogs?|swans?|goose|geese|pigeons?|crows?|ravens?|parrots?|"
             r"chickens?|hens?|roosters?|otters?|pandas?|koalas?|kangaroos?|raccoons?|hedgehogs?|butterfl(y|ies)|"
             r"wolf|wolves|dragons?|dinosaurs?|hamsters?|gulls?|seagulls?|herons?|storks?|flamingos?|donkeys?|"
             r"camels?|llamas?|alpacas?|cattle|bulls?|oxen|moths?|beetles?|snails?|lizards?|snakes?|retrievers?|"
             r"terriers?|poodles?|collies?|beagles?|spaniels?|corgis?|huskies|husky|labradors?|mares?|stallions?|colts?|"
             r"fill(y|ies)|geldings?|mules?|hounds?|jument|étalon|yegua|potr[oa]|stute|hengst|giumenta|stallone|"
             r"chien|chat|chiot|chaton|oiseau|cheval|perro|gato|pájaro|caballo|hund|katze|vogel|pferd|cane|gatto|"
             r"uccello|cavallo|cachorro|cão|gato|pássaro|poissons?|pez|peces|pesci?|peixes?|fische?|"
             r"robots?|androids?|cyborgs?|mannequins?|statues?|statuettes?|puppets?|marionettes?|dolls?|dumm(y|ies)|"
             r"scarecrows?|snowm[ae]n|figurines?|automat(on|a)|drones?")
# words before a person word that make it a likeness whatever the person word ("toy soldiers", "a porcelain
# ballerina", "wax figures", "a clockwork drummer"): what a figure is made as or of
LIKENESS = (r"toy|toys|wax|plastic|porcelain|china|ceramic|bronze|marble|wooden|clay|cardboard|lego|tin|"
            r"gingerbread|stuffed|inflatable|carved|plush|cut-?out|robot|robotic|mechanical|android|"
            r"clockwork|wind-up|mannequin|statue|puppet|doll|dummy|scarecrow|paper-?m[aâ]ch[eé]|origami|"
            r"miniature|cartoon-?like|pixel|neon|painted|sculpted|chocolate|sugar|"
            r"dolls|statues|puppets|mannequins|robots")
# a material that is also the field or the rank of what someone does: a likeness before a figure ("lead
# soldiers", "a stone angel"), a person before a word for one who does something ("the lead singer", "an ice
# skater", "a sand sculptor") — see agents.brief_person.agent_noun
MATERIAL_OR_FIELD = r"lead|ice|snow|sand|stone|model|action|stick"
# the noun or adjective after a person word that makes it a thing's name ("a grandfather clock", "a pedestrian
# crossing", "un cajero automático")
NOT_A_PERSON_HEAD = (r"clocks?|hats?|caps|helmets?|boots|shoes|costumes?|outfits?|uniforms?|jackets?|coats?|"
                     r"clothes|crossings?|bridge|zone|tower|chairs?|seat|seats|train|plane|jet|ferry|ship|boat|car|"
                     r"cars|van|bus|truck|pole|board|carriage|stroller|pram|bottles?|grand|blue|pink|spinach|teeth|"
                     r"information|office|trap|map|lounge|entrance|exit|gate|lane|path|tunnel|skulls?|bones|"
                     r"skeletons?|hair|heart|brain|anatomy|error|rights|nature|history|cells?|tissue|organs?|"
                     r"figurines?|dolls?|toys?|statues?|mannequins?|puppets?|robots?|cutouts?|cut-outs?|icons?|"
                     r"symbols?|logos?|emoji|cave|magazine|catalogue|catalog|pie|toilets?|restroom|section|"
                     r"department|ticket|tickets|bike|bicycle|cart|trolley|cot|crib|onesie|bibs?|bath|food|formula|"
                     r"oil|powder|gloves|mitts|bees|ants|wasps|termites|crabs|hundred|thousand|dozen|more|minutes|"
                     r"seconds|hours|days|weeks|years|times|shots|frames|photos?|album|portraits?|recipe|heirloom|"
                     r"tree|home|house|farm|dinner|table|noise|suits?|collar|made|sedan|wagon|ropes?|friendly|stalls|"
                     r"loft|pit|music|book|books|robes?|swords?|armou?r|masks?|"
                     # a machine's adjective after the role it does: "un cajero automático", "un cameriere robot"
                     r"automatic|automated|automátic[oa]s?|automatiques?|automatic[oaie]|automatisch\w*|robots?|"
                     r"robotique|robótic[oa]|robotic[oa]|virtual|virtuel(le)?|virtuale")
# a singular animal after a singular person word: "a nurse shark", "a baby elephant", "a boxer puppy"
CREATURE_ONE = (r"dog|puppy|pup|cat|kitten|bird|horse|pony|foal|elephant|seal|shark|fish|turtle|owl|penguin|duck|"
                r"duckling|deer|fox|bear|goat|lamb|cow|calf|pig|piglet|rabbit|bunny|monkey|gorilla|chimp|lion|"
                r"tiger|giraffe|zebra|whale|dolphin|spider|ant|bee|crab|octopus|squirrel|mouse|rat|frog|swan|"
                r"goose|pigeon|crow|parrot|chicken|hen|otter|panda|koala|kangaroo|raccoon|hedgehog|butterfly|"
                r"wolf|dragon|dinosaur|hamster|gull|camel|llama|alpaca|bull|snail|lizard|snake|moth|beetle|phoque|"
                r"foca|robbe|éléphant|elefante|tortue|tortuga|tartaruga|chien|chat|perro|gato|cane|gatto|cão|"
                r"cachorro|canard|pato|anatra|oiseau|pájaro|uccello|pássaro|lion|león|leone|leão|ours|oso|orso|urso")
# a person who is heard, not seen ("the sound of children laughing", "a voice-over by a narrator")
HEARD = (r"\b(sound|sounds|noise|noises|voices?|voice-?over|narrat\w*|we hear|you hear|hear|hears|heard|echo|"
         r"echoes|laughter|murmur|chatter|the distant)\b")
# a person awaited, not there yet ("waiting for the guests", "before the customers arrive")
AWAITED = r"\b(for|before|until|till|awaiting|awaits|expecting|pour|para|für|per|avant|antes|bevor|prima)\b"
# a person the brief makes optional ("people optional", "maybe a few passers-by", "with or without people")
HEDGED_AFTER = (r"\s*(\(|,|:|-)?\s*(are |is )?(optional|allowed|ok|okay|fine|welcome|if (you )?(want|like|needed|any)|"
                r"or not|either way|(don't|doesn't|do not|does not) matter|not required|not needed|if possible)\b")
HEDGED_BEFORE = r"maybe|perhaps|possibly|optional|optionally|might|could|whether|peut-être|quizás|quizá|vielleicht|forse|talvez|or"
# actions only a person does (the model catches the rest; these are unambiguous)
PERSON_ACTIONS = (r"\bselfie\b|\bshakes? hands\b|\bhugs?\b|\bhugging\b|\bkiss(es|ing)?\b|"
                   r"\bwaves? (goodbye|hello)\b")

# a person named in the past, or gone: "the desk where Grandpa used to write", "after the guests have left",
# "the room where grandmother knitted (früher)". Such a person is not in the picture now.
PAST_PRESENCE = (r"\b(used to|once (sat|stood|lived|worked|slept|played|sang|danced|read|wrote|walked|sold|ran)|"
                 r"formerly|long gone|no longer|not anymore|any ?more|(has|have|had) (long )?(gone|left|departed|died)|"
                 r"gone home|went home|left for the (night|day)|after the departure of|après le départ d\w*|dopo la partenza|"
                 r"(tras|después de) la (marcha|salida|partida) de|nach dem (abgang|weggang|aufbruch)|passed away|(she|he|they) passed( on)?(?= (last|in|this|that|years|months|recently|away|on)\b|\s*[.,;]|$)|"
                 r"late (grandfather|grandmother|father|"
                 r"mother|husband|wife)|in memory of|memories of|who lived here|"
                 r"früher|einst|damals|nicht mehr|gegangen sind|autrefois|jadis|naguère|ne \w+ plus|d'antan|"
                 r"sont partis|est parti|solía\w*|ya no|se han ido|se fueron|una volta|un tempo|non più|se ne sono andati|"
                 r"sono andati via|(has|have)n't (yet )?(arrived|come|shown up)|(has|have) not (yet )?(arrived|come)|"
                 r"not (here|there) yet|yet to (arrive|come)|n'est pas encore (arrivée?|là)|no ha llegado|"
                 r"noch nicht (da|gekommen)|non è ancora arrivat\w)\b")
# a picture of a person is not a person in frame (a photograph, a portrait, a statue)
DEPICTED = (r"(?:\b(photo|photograph|picture|portrait|painting|poster|statue|bust|drawing|sketch|mural|billboard|"
            r"magazine cover|postcard|stamp|coin|banknote|advert|tv|television|screen|footprints?|footsteps|tracks|"
            r"traces|imprints?|ghost|spirit|memory|memories|dream|echo|outline|hologram|projection|sculpture|"
            r"figurine|statuette|effigy|carving|cut-?out|cardboard cut-?out|replica|dummy|dummie|waxwork|"
            r"(wax|cardboard|paper|plastic|clay|stone|bronze|marble|wooden|lego|toy|tin|porcelain|plaster|resin|glass|"
            r"ceramic|terracotta|iron|metal|ice|sand|snow|chocolate|straw|wicker) (figure|model))s? (of|with|showing|"
            r"featuring|depicting|that (shows|depicts)|which (shows|depicts))\b|"
            # "un portrait de marin", "un retrato de un capitán", "ein Gemälde von zwei Matrosen", "un poster di un
            # pompiere", "una foto de los abuelos", "une statue d'un marin"
            r"\b(photos?|fotos?|fotografías?|fotografi[ae]|portraits?|retratos?|ritratt[oi]|porträts?|bild|bilder|"
            r"gemälde|tableaux?|cuadros?|quadr[oi]|dipint[oi]|affiches?|pósters?|posters?|cartel(es)?|plakat\w*|"
            r"statues?|estatuas?|statu[ae]|büsten?|bustes?|bustos?|busti|dessins?|dibujos?|disegn[oi]|zeichnung\w*|"
            r"sculptures?|esculturas?|sculptur[ae]|skulptur\w*|figurines?|figuritas?|figuras?|figur[ae]|statuett[ae]|"
            r"maniquíes|maniquí|manichin[oi]|schaufensterpuppen?|mannequins?|effigies?|silhouettes? en carton)"
            # what it is made of may come first: "une figurine en plâtre d'un moine", "una figura de yeso de un monje"
            r"(\s+(en|de|di|in|aus)\s+[\w-]+)?(\s+(de|d'|du|des|del|dei|degli|delle|della|dello|di|von|vom|der|eines|"
            r"einer|zweier|dreier)\b"
            # or a verb of showing: "un tableau représentant une danseuse", "un cuadro que representa a", "un quadro
            # che raffigura", "ein Bild, das eine Tänzerin zeigt"
            r"|\s*,?\s+(représentant|qui représente|montrant|qui montre|que representa|que muestra|representando|"
            r"mostrando|che raffigura|raffigurante|che rappresenta|rappresentante|che ritrae|che mostra|darstellend|"
            r"das|die|der|auf dem|auf der)\b))")
