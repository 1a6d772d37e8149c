"""A broad vocabulary of roles and occupations in five languages, read as a hint of someone, never as a sure person.

Many of these words are also things, adjectives, animals or idioms ("la brume s'élève", "un roman policier", "un
cajero automático", "un pesce pagliaccio", "die weißen Bauern"), so a match only tells the reader that someone is
likely named (:func:`agents.brief_rules_people.read_people` hints *required*, and an emptiness beside it stays a
hint). The sure person words are :data:`agents.brief_lexicon_people.PERSON_NOUNS`.
"""

from __future__ import annotations

__all__ = ["ROLE_WORDS"]

# who works, serves, guards, sails, heals, teaches, makes and plays, with plurals and genders
_ROLE_NOUNS = (
    # a group of people named as one ("la clientela en la barra", "die Stammkundschaft am Tresen", "the crew on deck")
    r"clientela|clientèle|kundschaft|stammkundschaft|stammgäste|belegschaft|personale|plantilla|tripulación|"
    r"équipage|equipaggio|besatzung|regulars|habitués|parroquianos|avventori|staff(?! (room|only|entrance|picks?|names?|lists?))|"
    r"crew(?![ -](neck|cut|names?|lists?|credits?))|"
    # English
    r"skippers?|captains?|attendants?|(whole|entire) family|"
    r"(the|two|three|armed|palace|prison|night|border|museum|castle) guards|security guards|watchm[ae]n|night watchm[ae]n|bouncers|lifeguards|"
    r"pharmacists?|vets|veterinarians?|dentists?|midwi(fe|ves)|carers?|caregivers?|nannies|babysitters?|"
    r"cashiers|clerks|bank tellers?|bankers?|salesm[ae]n|saleswom[ae]n|salespeople|shop assistants|stewards?|"
    r"stewardess(es)?|flight attendants?|ticket inspectors?|crew members?|deckhands?|dockers|dockworkers?|"
    r"stevedores?|longshorem[ae]n|truckers?|cabbies|cabby|taxi drivers?|chauffeurs?|postmen|postwom[ae]n|"
    r"police officers|policemen|policewomen|officers?|sergeants?|referees|umpires?|vicars?|rabbis?|imams?|priests|"
    r"technicians?|carpenters|plumbers?|electricians?|stonemasons?|bricklayers?|roofers?|labou?rers?|farmhands?|"
    r"ranchers|fishmongers|butchers|pastry chefs?|confectioners?|grocers|cobblers|luthiers?|violin[- ]?makers?|"
    r"puppeteers?|ventriloquists?|jugglers|clowns|magicians|stunt(m[ae]n|wom[ae]n)|rappers?|choristers?|"
    r"organists?|drummers|guitarists|pianists|violinists|cellists|trumpeters|harpists?|flautists?|saxophonists|"
    r"street performers?|peddlers?|beggars|ferrym[ae]n|boatm[ae]n|janitors|caretakers?|groundskeepers?|doormen|"
    r"bellboys?|bellhops?|valets?|housekeepers?|maids|butlers|sous[- ]chefs?|line cooks?|barmen|barmaids?|"
    r"innkeepers?|landlords?|landlad(y|ies)|hostess(es)?|receptionists|typists|accountants|lawyers|jurors?|"
    r"librarians|professors|lecturers?|tutors?|schoolchildren|schoolboys?|schoolgirls?|toddlers|pensioners?|"
    r"retirees?|widows|widowers?|orphans?|nephews?|nieces?|aunts?|uncles?|cousins?|grandchildren|grandsons?|"
    r"granddaughters?|sons|daughters|fathers|mothers|husbands|wives|fianc[eé]e?s?|brides|(an|the|two|three|an old|a young) ushers?|"
    r"audience members?|visitors?|patrons|clients|tenants?|backpackers?|demonstrators?|marchers|"
    r"the elderly|elderly (m[ae]n|wom[ae]n|couples?|people)|old (m[ae]n|wom[ae]n|folks?|people)|young (m[ae]n|wom[ae]n|people)|"
    # French
    r"passant(e|es)?|infirmières|infirmiers|serveurs|serveuses|gardiens?|gardiennes?|vigiles?|skippeurs?|capitaines?|"
    r"(un|le|les|des|du|aux|au|ce|ces|vieux|jeune|jeunes) marins?|matelots?|boulangers|boulangères|cuisiniers|"
    r"cuisinières|ouvrières?|médecins|docteurs?|chirurgiens?|pompiers?|policiers?|gendarmes?|facteurs|caissières?|"
    r"caissiers?|vendeurs|vendeuses|commerçant(e|s|es)|marchand(s|es)|artisan(e|s|es)|menuisiers?|charpentiers?|"
    r"plombiers?|électriciens?|maçons?|peintres|potiers?|potières?|tisserand(e|s|es)?|luthières?|"
    r"marionnettistes?|jongleu(r|rs|se|ses)|chanteurs|chanteuses|danseuses|acteurs?|actrices?|comédien(s|ne|nes)?|"
    r"élèves?|écoliers?|écolières?|étudiants|étudiantes|professeurs?|instituteurs?|institutrices?|enseignant(e|s|es)?|"
    r"bibliothécaires?|jardiniers|jardinières|agriculteurs?|agricultrices?|bergers?|nageurs|nageuses|cyclistes|"
    r"visiteu(r|rs|se|ses)|client(e|s|es)|passag(er|ers|ère|ères)|habitant(e|s|es)|villageois(es?)?|gamin(e|s|es)?|"
    r"gosses?|mômes?|ados|adolescents|adolescentes|vieillards|personnes âgées|grands-parents|hôtesses?|"
    r"conduct(eur|eurs|rice|rices)|chauffeurs? (de taxi|de bus|routiers?)|livreu(r|rs|se|ses)|éboueurs?|"
    r"balayeurs?|mécaniciens?|mécaniciennes?|ingénieurs?|prêtres|religieuses|nonnes?|pêcheuses?|"
    # Spanish
    r"enfermer[oa]s?|camarer[oa]s|meser[oa]s?|(el|la|los|las|un|una|unos|unas|dos|tres) guardias?|vigilantes?|capitán|capitanes|marineros?|"
    r"marineras?|médic[oa]s|doctor(a|es|as)|bomberos?|bomberas?|policías?|(el|la|los|las|un|una) maestr[oa]s?|profesor(a|es|as)?|"
    r"alumn[oa]s?|estudiantes?|chaval(es)?|chavalas?|muchach[oa]s?|jóvenes|adolescentes|abuel[oa]s|"
    r"dependient[ae]s?|cajer[oa]s?|panaderos|panaderas|carpinteros?|albañil(es)?|fontaneros?|artesan[oa]s?|"
    r"alfareros?|alfareras?|tejedor(a|es|as)|titiriteros?|malabaristas?|payasos?|actor(es)?|actriz|actrices|"
    r"visitantes?|clientes?|peatón|peatones|transeúntes?|vecin[oa]s|nadador(es|as)|surfistas|"
    r"pastor(es|as|a)?(?! (alemán|belga|australiano))|cocineros|cocineras|pintores|pintoras|"
    # Italian
    r"infermier[eai]|camerier[ei]|cameriera|guardie|guardian[oi]|custod[ei]|vigil[ei] (urbani|del fuoco)|"
    r"capitan[oi]|marinaie?|medic[oi] (di|del|in)|dottor[ei]|dottoressa|pompier[ei]|poliziott[ie]|"
    r"(la|le|il|i|una|un|due|tre) maestr[aei]|professor[ei]|professoressa|alunn[oiae]|student[ei]|studentessa|ragazzin[oiae]|bimb[oiae]|"
    r"adolescenti|nonni|commess[oaie]|cassier[eai]|fornai|panettieri|falegnam[ei]|muratori?|muratore|"
    r"artigian[oiae]|vasai[o]?|liutai[o]?|burattinai[o]?|pupar[oi]|giocolier[ei]|pagliacc[io]|pagliaccio|"
    r"ballerin[oaie]|cantanti|attori|attore|attrice|attrici|visitator[ei]|visitatrici|clienti|"
    r"pedon[ei]|ciclisti|corridori|nuotator[ei]|escursionisti|pastor[ei](?! tedesc)|giardinieri|cuochi|"
    r"pescatrici|"
    # German
    r"krankenpfleger(in|innen)?|pfleger(in|innen)?|altenpfleger(in|innen)?|krankenschwestern|kellnerinnen|"
    r"wächter(in|innen)?|wachmann|wachleute|sicherheitsleute|türsteher(in|innen)?|kapitän(e|in|innen)?|skipper(in)?|"
    r"matrosen?|seeleute|seemann|seemänner|bauern|bäuerin(nen)?|schäfer(in|innen)?|hirten|ärzte|ärztinnen|"
    r"chirurg(en|in|innen)?|feuerwehrleute|feuerwehrm(a|ä)nn(er)?|lehrer|lehrerinnen|schüler|schülerinnen|"
    r"jungs|buben|jugendliche\w*|rentner\w*|senioren|seniorinnen|großeltern|enkel(in|innen|kinder)?|eltern|"
    r"köche|köchinnen|bäckerinnen|kassierer(in|innen)?|maurer(in)?|dachdecker(in)?|elektriker(in|innen)?|"
    r"klempner(in)?|mechaniker(in|innen)?|ingenieur(e|in|innen)?|geiger(in|innen)?|geigenbauer(in)?|"
    r"puppenspieler(in|innen)?|gaukler(in)?|jongleur(e|in)?|clowns?|schauspieler(in|innen)?|reisende\w*|"
    r"pilger(in|innen)?|schaulustige\w*|fußgänger(in|innen)?|fischerinnen|"
    r"[a-zäöüß]{3,}(pfleger|wächter|schwester|lehrer|schüler)(in|innen)?(?=\b)"
)
# an audience: "le public d'un concert", "el público", "il pubblico", "das Publikum"; not "un jardin public", nor
# the public a place is closed or open to ("fermé au public", "cerrado al público", "chiuso al pubblico")
_AUDIENCE = r"(le|un|ce|son|leur) public|(el|un|su) público|(il|un|nel|dal) pubblico|(das|dem|vor) publikum\w*"

ROLE_WORDS = _ROLE_NOUNS + r"|" + _AUDIENCE
