"""The brief's lexicon: the word patterns the rules match, in English and the common European languages.

Matched on the lower-cased, NFC-normalised brief by :mod:`agents.brief_rules` (the guarantee) and used by
:mod:`agents.brief` to check that the words a model quotes for a claim really say it. Patterns only, no logic.
"""

from __future__ import annotations

import re

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
           r"dining room|waiting room|corridors|halls|rooms|beaches|parks|shores|city streets|lanes?|seats|"
           r"benches|tables|chairs|pews|desks|aisles?|counter|checkout|booth|booths|court|courts|pitch|rink|track|"
           r"cul-de-sac|lot|quay|jetty|deck|boardwalk|promenade|esplanade|yard|schoolyard|campus|hallways|"
           r"subway car|carriage|cabin|ward|theatre|parking|slope|ski lift|chairlift|ferry|boat|ship|vineyard")

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
    r"\b(nobody|no[- ]?one|not (a|one) (single )?(soul|person|human|living soul|figure)|not a soul|no souls?|"
    r"without (a|any|another) (single |living )?(soul|person|people|human|humans|figure|one)|"
    r"without (any(one|body)|people|persons|humans|figures|a human presence|human presence)|"
    r"no (people|ppl|persons?|humans?|human (figures?|beings?|presence)|figures?|characters?|one|"
    r"cars or people|actors|talent|cast|silhouettes?)|"
    r"(empty|devoid|free|void) of (people|persons|humans|life|anyone|any people)|"
    r"unpeopled|people-?free|person-?free|human-?free|"
    r"everyone (has|had) (gone|left)|after everyone (has |had )?(gone|left)|not a living thing|"
    r"no sign of (life|people|anyone)|abandoned by everyone|"
    r"(don't|do not|doesn't|does not|shouldn't|should not|mustn't|must not|won't|will not|can't|cannot|aren't|"
    r"are not|isn't|is not|never|avoid|avoiding|exclude|excluding)( (want|wanna|show|showing|include|including|"
    r"have|having|see|seeing|put|add|feature|featuring|need|be|to|any|there|me))* (any ?one|any ?body|any people|"
    r"people|persons|humans|human beings|any humans|any figures))\b"
    # French, Spanish, Italian, Portuguese, German, Dutch
    r"|\b(sans (personne|âme qui vive|aucun\w* (personne|passant|client|humain|figure|silhouette|passager|visiteur|"
    r"touriste|voyageur|spectateur|baigneur|promeneur)|présence humaine|"
    r"personnages?|figurants?)|il n'y a personne|aucune? (personne|âme|passant|client|silhouette|humain|passager|"
    r"visiteur|touriste|voyageur|spectateur|baigneur|promeneur)s?|"
    r"n'y a personne|ne .{0,20} personne|"
    r"nadie|sin (gente|personas?|nadie|un alma|ningún (ser humano|transeúnte|cliente|visitante|pasajero|turista)|ninguna persona|presencia humana|turistas|"
    r"pasajeros|visitantes|clientes|transeúntes)|ni un alma|"
    r"ninguna persona|ningún (ser humano|transeúnte|cliente)|"
    r"nessuno|senza (persone|gente|nessuno|anima viva|turisti|passanti|visitatori)|anima viva|nessun (turista|"
    r"passante|visitatore|cliente|passeggero)|ninguém|sem (pessoas|ninguém|gente|turistas|passageiros)|"
    r"nenhum (turista|passageiro|visitante|cliente)|nenhuma pessoa|"
    r"niemand|niemanden|keine (menschen|personen|leute|menschenseele|passanten|kunden|figuren|besucher|touristen|"
    r"gäste|fahrgäste|zuschauer|spaziergänger|badegäste)|"
    r"ohne (menschen|personen|leute|jemand)|menschenleer\w*|keine menschenseele|"
    r"geen (mensen|mens|personen)|niemand|kein(e|en)? (einzige[rn]? )?(mensch|person|seele)|keine? menschenseele|pas (une|un) (âme|chat|seul être humain)|pas âme qui vive|âme qui vive|nessuna (persona|anima)|non c'è (nessuno|anima viva)|ni (un|una) (alma|persona))\b"
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
              r"in sight|anywhere|today|tonight|now)|no (pedestrians|passers-?by|customers|staff|guests|visitors|"
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
# "no one but the old fisherman", "nobody except a cyclist": a person after all
# people named by what they are: a pronoun, a noun for a person, a role or an occupation
PERSON_NOUNS = (
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
    r"[a-zäöüß]{3,}(musiker|fahrer|arbeiter|verkäufer|händler|sänger|tänzer|künstler|wärter)(in|innen)?"
)
BODY = (r"hands?|fingers?|fingertips|knuckles|forearms?|fists?|bare feet|barefoot|"
         r"(her|his|their|someone's|a person's|a woman's|a man's|a child's|the chef's|the baker's|a dancer's) "
         r"(face|eyes|lips|mouth|hair|arms?|legs?|feet|shoulders?|back|skin|profile|hand|hands|fingers|palms)|"
         r"ses mains|des mains|les mains|manos|sus manos|unas manos|mãos|mani|hände|händen|handen|doigts|dedos|finger|"
         # feet or legs in what people wear ("feet in sneakers", "Füße in Turnschuhen", "piedi nudi")
         r"(feet|legs|toes|ankles) (in|wearing|clad in) ([\w-]+ ){0,2}(sneakers|trainers|boots|shoes|socks|heels|"
         r"sandals|slippers|flip-flops|stockings|tights|jeans|loafers|wellies)|(sneakered|booted|stockinged|bare) "
         r"(feet|legs)|pieds (nus|en baskets|en bottes|en chaussettes|chaussés)|pies (descalzos|en zapatillas|"
         r"con zapatillas|con botas|en calcetines)|füße in (\w+ )?(turnschuhen|stiefeln|schuhen|socken|sandalen|"
         r"sneakern)|nackte füße|piedi (nudi|in scarpe\w*|con (le )?scarpe\w*|in stivali|in calzini)")
# a body part that is not a person's
BODY_NOT = (r"\b(clock|watch|dial)('s)? hands?\b|\bhands? of (the|a) (clock|watch)\b|\bhand[- ](drawn|made|painted|"
             r"written|lettered|held|crafted|picked|blown|tinted|stitched|carved|built)\b|\bsecond[- ]hand\b|"
             r"\bon the other hand\b|\bhandheld\b|\b(left|right)[- ]hand\b|\bhand (cream|soap|lotion|towel|sanitizer|wash|luggage|brake)\b|\bpots and pans\b|\b(by|at) hand\b|\bhands[- ]free\b|\bhands[- ]off\b|"
             r"\bfinger (food|sandwich\w*|lakes?)\b|\bfish fingers\b|\bladyfingers?\b")
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
             r"terriers?|poodles?|collies?|beagles?|spaniels?|corgis?|huskies|husky|labradors?|"
             r"chien|chat|chiot|chaton|oiseau|cheval|perro|gato|pájaro|caballo|hund|katze|vogel|pferd|cane|gatto|"
             r"uccello|cavallo|cachorro|cão|gato|pássaro|"
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
# the noun after a person word that makes it a thing's name ("a grandfather clock", "a pedestrian crossing")
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
                     r"loft|pit|music|book|books|robes?|swords?|armou?r|masks?")
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
NEGATORS = (r"(no|not|without|never|nor|zero|sans|sin|ningún|ninguna|ohne|kein\w*|senza|nessun\w*|sem|geen|"
             r"aucune?|nul|nulle)")
# actions only a person does (the model catches the rest; these are unambiguous)
PERSON_ACTIONS = (r"\bselfie\b|\bshakes? hands\b|\bhugs?\b|\bhugging\b|\bkiss(es|ing)?\b|"
                   r"\bwaves? (goodbye|hello)\b")

CAMERA: list[tuple[str, str]] = [
    ("locked", r"\b(locked[- ]?off|locked camera|locked[- ]down|locked shot|on a tripod|tripod|static camera|"
               r"static shot|static frame|fixed camera|fixed frame|fixed shot|camera (does not|doesn't|never|won't) "
               r"(move|moves|budge)|camera (stays|remains|holds|is) (still(?! (\w+ing|a|an|the|in motion)\b)|fixed|put|static|"
               r"locked)|"
               r"no camera (move|moves|movement|motion)|without (any )?camera (movement|motion|moves?)|(unmoving|motionless|still) camera|"
               r"plan fixe|caméra fixe|sur trépied|trépied|treppiede|cavalletto|"
               r"(don't|do not|never|please don't|please do not) (ever )?(move|moving|touch|pan|shake) (the |your |our )?"
               r"(camera|cam|lens|shot|frame)|keep (the |your )?(camera|cam|shot|frame) (perfectly |completely |totally |"
               r"dead )?(still|static|fixed|locked|steady)|ne (bougez|bouge|bougeons|bougez surtout) pas (la )?caméra|"
               r"no (muevas|mueva|muevan|mováis|movemos|movamos) (la )?c[aá]mara|(die )?kamera nicht bewegen|"
               r"(bewege|bewegt|beweg) die kamera nicht|non (muovere|muovete|muoviamo) (la )?(camera|telecamera|macchina)|c[aá]mara fija|plano fijo|trípode|"
               r"feste kamera|statische kamera|stativ|camera fissa|inquadratura fissa|câmera fixa|on sticks|"
               r"kamera (ist |bleibt )?statisch|câmera parada|câmara fixa|camera ferma|c[aá]mara quieta|"
               r"(pas de|sans|aucun) mouvement de caméra|sin (ningún )?movimiento de c[aá]mara|"
               r"(ohne|keine) kamerabewegung\w*|(senza|nessun) moviment\w* di (camera|macchina))\b"),
    # "static" as a note of its own ("15 seconds, static", "totally static.")
    ("locked", r"(?:^|(?<=[,;:.\n]))\s*((totally|completely|fully|perfectly|very|dead) )?(static|locked|locked[- ]off|"
               r"fixed|stationary|statisch|fixe|fija|fisso|fissa)(?=\s*([,;:.\n]|$))"),
    ("dolly_in", r"\b(dolly[- ]?in|dollies in|dollying in|dolly forward|dollies forward|dolly towards?|push[- ]?in|"
                 r"pushes in|pushing in|slow push|camera push(es)? (slowly )?(forward|towards?|closer)|camera creeps? "
                 r"(slowly )?(in|forward|closer|towards?)|zooms? in|zooming in|slow zoom in|camera (moves|glides|"
                 r"drifts|travels|tracks|creeps|floats) (slowly )?(in(?! (a|an|the|slow|circles?)\b)|forward|closer|towards?)|"
                 r"camera closes in|"
                 r"travelling avant|zoom avant|s'approche lentement|la caméra avance|la c[aá]mara avanza|"
                 r"acercamiento|travelling hacia delante|la c[aá]mara se acerca|kamera fährt (langsam )?(heran|vor|"
                 r"nach vorne)|ranfahrt|heranfahrt|zoom-in|carrello in avanti|carrellata (in )?avanti|"
                 r"(kamera)?fahrt (langsam )?auf [^.,;]{1,40} zu|(kamera)?fahrt nach vorn(e)?|fährt nach vorn(e)?|a câmera se aproxima|câmera avança)\b"),
    ("dolly_out", r"\b(dolly[- ]?out|dollies out|dollying out|dolly back|dollies back|dolly(ing)? away|(slow|gentle|camera|long) pull[- ]?back|pull-back|pullback|pull back to reveal|pulls back to reveal|"
                  r"pull[- ]out shot|zooms? out|zooming out|slow zoom out|camera (moves|glides|drifts|travels|tracks|"
                  r"backs|pulls|retreats|recedes|floats) (slowly )?(out|back|away)|travelling arrière|zoom arrière|la caméra recule|"
                  r"la c[aá]mara (se aleja|retrocede)|travelling hacia atrás|kamera fährt (langsam )?zurück|rückfahrt|"
                  r"zoom-out|carrello indietro|(kamera)?fahrt (nach hinten|rückwärts)|"
                  r"(?<!avec du )(?<!avec le )(?<!prendre du )(?<!prend du )recul(?! (de|du|des) (la |l')?(mer|glacier|eau))|carrellata (all')?indietro|a câmera se afasta|câmera recua)\b"),
    ("orbit", r"\b(orbit|orbits|orbiting|orbital|arc shot|camera arcs? (slowly )?around|arcing around|camera "
              r"circles? (slowly )?(around|round)?|camera circling|360[- ]degree|360°|"
              r"tourne autour|en orbite|órbita|gira alrededor|umkreist|kreisfahrt|orbita|"
              r"gira intorno|gira em volta|gira ao redor|câmera circula)\b"),
    ("pan", r"\b(pans?|panning|panned) (slowly |gently |quickly )?(across|over|left|right|along|up|down|past|"
            r"around|between|off|from|to the (left|right)|with (him|her|them|it|the))\b|\b(slow|whip|camera|lateral|horizontal|gentle|quick|lazy) pans?\b|\bpanning\b|"
            r"\bpanoramique\b|\bpaneo\b|\bpanea\b|\bschwenk\w*\b|\bpanoramica\b|\bpanorâmica\b|\bpanorámica\b"),
    ("handheld", r"\b(hand[- ]?held|shaky[- ]?cam|shaky camera|camera shake|documentary[- ]style camera|"
                 r"caméra (à l'épaule|portée)|à l'épaule|c[aá]mara en mano|c[aá]mara al hombro|handkamera|"
                 r"aus der hand|camera a mano|câmera na mão|shoulder[- ]rig|shoulder[- ]mounted|(shot|filmed) from the hip|"
                 r"camera (carried|held) (on (the|a|his|her) shoulder|in hand|by hand)|caméra sur l'épaule|"
                 r"c[aá]mara (en|sobre) el hombro|schulterkamera|camera (a|in) spalla)\b"),
]
CAMERA_NEG = r"\b(no|not|never|without|don't|do not|avoid|no need to|rather than|instead of|sans|sin|ohne|kein\w*)\b"

LOOP = (r"\b(loop|loops|looped|looping|loopable|seamless(ly)? (loop\w*|repeat\w*)|cinemagraph|cinemagraphs|"
         r"repeats? (seamlessly|endlessly|forever)|plays? on repeat|ends? (exactly )?where it (begins|began|starts|"
         r"started)|last frame (matches|equals|is) the first|endless(ly)? repeat\w*|en boucle|boucle parfaite|boucle infinie|qui boucle|en bucle|bucle perfecto|"
         r"bucle infinito|endlosschleife|in (einer )?schleife|als schleife|nahtlose schleife|ciclo continuo|in loop|em loop|"
         r"(nahtlos|endlos) wiederhol\w*|wiederholt sich (nahtlos|endlos)|se répète (sans fin|à l'infini|sans couture)|"
         r"se repite (sin fin|sin cortes|infinitamente|sin costuras)|si ripete (all'infinito|senza fine|senza stacchi)|"
         r"^(a|an|une|un|una|eine) (\w+ )?(loop|boucle|bucle|schleife) (of|de|aus|von|di) (?!l')|"
         # a loop named with its length ("Bucle de 5 segundos", "boucle parfaite de 6 secondes"), German "loopbar"
         r"(loop|boucle|bucle|schleife|ciclo)( \w+)? (of|de|d'|di|da|von|aus) (\d+|\w+)[- ]?(s|secs?|seconds?|"
         r"secondes?|segundos?|sekunden|secondi|minutes?|minutos?|minuten|minuti)|loopbar\w*|loopfähig\w*|als loop|"
         r"geloopt|^\s*(bucle|boucle|schleife)\b(?! (de|d'|aus|di) (corde|cuerda|ficelle|hilo|seil|faden|spago)))\b")
LOOP_NEG = (r"\b(no|not|not a|doesn't|doesnt|does not|don't|dont|do not|need not|needn't|never|without|isn't|is not|won't|"
             r"not meant to|no need to|not need to) (need to |have to |to )?(be )?(a )?(seamless )?loop\w*\b|"
             r"\b(no|not a|without) (seamless )?loop\b|\bpas (de|en) boucle\b|\bsin bucle\b|\bkeine schleife\b|"
            r"\bnicht loopbar\b|\bkein loop\b")

QUOTED = r"[\"“”«‘’„](?P<q>[^\"“”«»‘’„]{1,80})[\"“”»’‘]|(?:^|\s)'(?P<s>[^']{1,80})'(?=[\s,.;:!?)]|$)"
TEXT_CUES = (r"sign|signs|signboard|screen|screens|monitor|display|billboard|banner|poster|placard|neon|marquee|"
              r"title|titles|caption|captions|subtitle|subtitles|headline|lettering|letters|written|writes|wrote|"
              r"reads|reading|spells?|spelled|spelling|shows|showing|displays|displaying|flashes|"
              r"label|menu|chalkboard|blackboard|whiteboard|card|slate|logo|slogan|tagline|words?|text|message|"
              r"typed|types|typing|graffiti|tattoo|stamped|printed|engraved|scrawled|carved|painted|"
              r"panneau|écran|écrit|affiche|enseigne|letrero|cartel|pantalla|dice|escrito|schild|bildschirm|"
              r"aufschrift|steht|schriftzug|insegna|scritta|schermo|tela|placa")
TEXT = (r"\b(on-?screen text|text on (the )?screen|title card|title cards|intertitles?|end card|end slate|"
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
         r"sottotitoli|le parole|la scritta|legendas?|as palavras|"
         # opening and closing titles in the other languages
         r"titoli di (testa|coda)|titoli (iniziali|finali)|titres? (d'ouverture|de début|de fin)|"
         r"générique (de début|de fin|d'ouverture|initial|final|défile)|le générique|créditos (iniciales|finales|"
         r"de apertura)|títulos de (crédito|apertura)|vorspann|abspann|opening credits|closing credits|"
         r"title sequence)\b")
TEXT_NEG = (r"\b(no|without|never any|free of|free of any|devoid of any|zero) (on-?screen |visible |legible |readable )?(text|words|"
             r"writing|lettering|captions?|subtitles?|titles?|logos? (or|and) text|text (or|and) logos?|signage|"
             r"letters|typography|graphics)\b|\bsans (texte|sous-titres?)\b|\bsin (texto|subtítulos?)\b|"
             r"\bohne (text|untertitel)\b|\bkein(en)? text\b|\bsenza (testo|scritte)\b")

STILL = r"\b(still life|motionless|frozen moment)\b"

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
NUM = r"\b(\d+(?:[.,]\d+)?|" + "|".join(sorted((re.escape(k) for k in NUM_WORDS if not k.endswith("_fr")),
                                               key=len, reverse=True)) + ")"
SEC = r"(seconds?|secs?|s|sec\.|secondes?|segundos?|segs?\.?|sekunden|sek\.?|secondi|seconde|segundo)"
MIN = r"(minutes?|mins?|minutos?|minuten|minuti|minute)"
WHOLE = (r"(spot|film|video|clip|ad|advert|commercial|teaser|trailer|piece|reel|sequence|short|loop|story|"
          r"montage|promo|intro|outro|opener|cinemagraph|animation|vidéo|publicité|pub|anuncio|vídeo|película|"
          r"werbespot|spot|filmchen|video|total|in total|overall|long|altogether|in all|boucle|bucle|schleife|anuncio|"
          r"cortometraggio|filmato|annonce)")
PER_SHOT = (r"\b(each|every|per (shot|scene|clip|cut|take|image|frame|plan|plano|inquadratura|scena|einstellung)|"
            r"apiece|chaque|cada|jede[rns]?|ogni)\b")

# a person named in the past, or gone: "the desk where Grandpa used to write", "after the guests have left",
# "the room where grandmother knitted (früher)". Such a person is not in the picture now.
PAST_PRESENCE = (r"\b(used to|once (sat|stood|lived|worked|slept|played|sang|danced|read|wrote|walked|sold|ran)|"
                 r"formerly|long gone|no longer|not anymore|any ?more|(has|have|had) (long )?(gone|left|departed|died)|"
                 r"gone home|went home|left for the (night|day)|passed away|late (grandfather|grandmother|father|"
                 r"mother|husband|wife)|in memory of|memories of|who lived here|"
                 r"früher|einst|damals|nicht mehr|gegangen sind|autrefois|jadis|naguère|ne \w+ plus|d'antan|"
                 r"sont partis|est parti|solía\w*|ya no|se han ido|se fueron|una volta|un tempo|non più|se ne sono andati|"
                 r"sono andati via|(has|have)n't (yet )?(arrived|come|shown up)|(has|have) not (yet )?(arrived|come)|"
                 r"not (here|there) yet|yet to (arrive|come)|n'est pas encore (arrivée?|là)|no ha llegado|"
                 r"noch nicht (da|gekommen)|non è ancora arrivat\w)\b")
# a picture of a person is not a person in frame (a photograph, a portrait, a statue)
DEPICTED = (r"\b(photo|photograph|picture|portrait|painting|poster|statue|bust|drawing|sketch|mural|billboard|"
            r"magazine cover|postcard|stamp|coin|banknote|advert|tv|television|screen|footprints?|footsteps|tracks|"
            r"traces|imprints?|ghost|spirit|memory|memories|dream|echo|outline|hologram|projection|sculpture|"
            r"figurine|statuette|effigy|carving|cut-?out|cardboard cut-?out|replica|dummy|dummie|waxwork|"
            r"(wax|cardboard|paper|plastic|clay|stone|bronze|marble|wooden|lego|toy|tin|porcelain) (figure|model))s? (of|with|showing|featuring|"
            r"depicting)\b")
# the words of a brief that say someone is there as a crowd or a plural role, in the other languages
# (a sure rule only with a quantity or crowd word before it: "des centaines de spectateurs")
# text: what is written and must be read. Sure: a verb of reading/saying followed by the words themselves
# (quoted, or in capitals: "a board reading DELAYED", "un cartel donde se lee 'San Isidro'"), something legible,
# words being written. Hints (the model decides): a menu, a departure board, a page, a label.
READS = (r"(reads?|reading|says|saying|spells?|spelling|spelled|marked|labell?ed|lettered|announcing|announces|"
         r"displays?|displaying|shows|showing|with the words?|bearing the words?|that reads|which reads|"
         r"flash(es|ing)|blink(s|ing)|scroll(s|ing)|lights? up with|"
         r"où l'on lit|on peut lire|on lit|qui dit|indiquant|annonçant|portant|avec l'inscription|"
         r"que dice|que pone|donde (todavía |aún )?se lee|se lee|con la palabra|con las palabras|"
         r"mit der aufschrift|mit dem schriftzug|mit den worten|auf dem steht|auf der steht|steht|"
         r"con la scritta|con le parole|che dice|dove si legge|si legge|writes|written|schreibt|geschrieben|"
         r"écrit|écrivant|escribe|escrito|escrita|scrive|scritto|escreve|com a palavra|com as palavras|"
         r"onde se lê|com os dizeres)")
LEGIBLE = (r"\b(legible|readable|clearly written|lisibles?|leggibil[ei]|legibles?|lesbar\w*|leserlich\w*|"
           r"se lee bien|si legge bene)\b")
WORD_NOUNS = r"(words?|mots|palabras|wörter\w*|worte\w*|buchstaben|parole|scritte)"
WRITING = (r"(written|writes?|writing|typed|types|typing|appear\w*|fill\w*|form\w*|spell\w*|scrawl\w*|printed|"
           r"écrit\w*|s'écrivent|remplit|remplissent|apparaissent|escrit\w*|llenan|aparecen|geschrieben|schreib\w*|"
           r"füll\w*|erscheinen|scritt\w*|riempi\w*|riempiono|compaiono|appaiono)")
TEXT_HINT = (r"\b(menu|menus|speisekarte|menú|departures? board|arrivals? board|destination board|departures? screen|"
             r"tableau des départs|panel de salidas|abfahrtstafel|tabellone delle partenze|"
             r"timetable|scoreboard|chalkboard|blackboard|whiteboard|tableau|pizarra|tafel|lavagna|headline|"
             r"handwritten|handwriting|manuscrit\w*|handgeschrieb\w*|escrit\w* a mano|scritt\w* a mano|"
             r"pages?|pagine|páginas?|seiten|notebook|cahier|cuaderno|notizbuch|quaderno|"
             r"label|étiquette|etiqueta|etikett|etichetta|newspaper|journal|periódico|zeitung|giornale|names?|"
             r"signs?|panneau|cartel|letrero|schild|cartello|insegna|neon|marquee|billboard|banner|poster|placard|"
             r"enseigne|letreiro|placa|cartaz|affiche|plakat|"
             r"screen|écran|pantalla|bildschirm|schermo|tabellone|anzeigetafel)\b")
# camera moves said in plain words, when the camera is the subject ("the camera advances slowly", "la cámara
# permanece perfectamente quieta"); without the camera as subject these are only hints ("the lake is perfectly still")
CAMERA_SUBJECT = r"\b(camera|caméra|cámara|kamera|camara|cam|shot|frame|plan|plano|inquadratura|einstellung)\b"
CAMERA_PLAIN: list[tuple[str, str]] = [
    ("locked", r"\b((stays?|remains?|holds?|is|kept|keeps|stands?) (perfectly |completely |absolutely |totally |"
               r"dead |quite )?(still(?! (\w+ing|a|an|the|in motion)\b)|static|motionless|fixed|immobile|steady)|(perfectly|completely|absolutely|"
               r"totally|dead) still|never moves|does ?n[o']t move|doesn't budge|immobile|ne bouge pas|reste fixe|"
               r"no se mueve|quieta|inmóvil|bewegt sich nicht|bleibt (ganz |völlig |vollkommen )?(still|ruhig|fest)|"
               r"regungslos|non si muove|resta ferma|immobile|ferma)\b"),
    ("dolly_in", r"\b(advances?|advancing|moves? forward|moving forward|glides? forward|gliding forward|edges? "
                 r"forward|inches? forward|creeps? forward|drifts? forward|pushes forward|travels? forward|"
                 r"moves? closer|moving closer|draws? closer|approaches|approaching|avance|avançant|s'approche|"
                 r"avanza|se acerca|fährt (langsam )?(hinein|heran|näher|vorwärts|auf)|nähert sich|"
                 r"si avvicina|avanza lentamente)\b"),
    ("dolly_out", r"\b(retreats?|retreating|moves? back(wards)?|moving back(wards)?|backs? away|pulls? away|"
                  r"pull(s|ing)? back|pull(s|ing)? out|widens? out|"
                  r"draws? back|recule|s'éloigne|retrocede|se aleja|fährt (langsam )?(zurück|heraus)|entfernt sich|"
                  r"si allontana|indietreggia)\b"),
    ("orbit", r"\b((circles?|circling) (slowly |gently )?(the|a|an) [\w-]+|"
              r"(circles?|circling|drifts?|moves?|travels?|glides?|turns?|goes) (slowly |gently )?(all )?"
              r"(a?round|around) (him|her|them|it|the \w+|a \w+)|in a (full |complete |slow )?circle|full circle|"
              r"tourne autour|fait le tour|gira (lentamente )?(alrededor|intorno)|kreist um|umrundet|ruota intorno)\b"),
    ("pan", r"\b(swings?|swinging|sweeps?|sweeping|turns?|turning|gira|tourne|dreht sich|schwenkt|ruota)\b"
            r"[^.;]{0,60}\b(left to right|right to left|from (the )?left|from (the )?right|de gauche à droite|"
            r"de droite à gauche|de izquierda a derecha|de derecha a izquierda|von links nach rechts|"
            r"von rechts nach links|da sinistra a destra|da destra a sinistra|left\b[^.;]{0,40}\bright|"
            r"right\b[^.;]{0,40}\bleft|gauche\b[^.;]{0,40}\bdroite|izquierda\b[^.;]{0,40}\bderecha|"
            r"links\b[^.;]{0,40}\brechts|sinistra\b[^.;]{0,40}\bdestra)\b"),
]
