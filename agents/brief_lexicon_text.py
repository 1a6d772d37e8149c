"""The brief's lexicon of the words in the frame: what is written, shown or read in the picture, said legible or
not, in English and the common European languages.

Matched on the lower-cased, NFC-normalised brief by :mod:`agents.brief_rules`, :mod:`agents.brief_text_cues` and
:mod:`agents.brief_person`. Patterns only, no logic.
"""

from __future__ import annotations

QUOTED = r"[\"“”«»‘’„‹›](?P<q>[^\"“”«»‘’„‹›]{1,80})[\"“”»«’‘‹›]|(?:^|\s)'(?P<s>[^']{1,80})'(?=[\s,.;:!?)]|$)"
TEXT_CUES = (r"sign|signs|signboard|screen|screens|monitor|display|billboard|banner|poster|placard|neon|marquee|"
              r"title|titles|caption|captions|subtitle|subtitles|headline|lettering|letters|written|writes|wrote|"
              r"reads|reading|spells?|spelled|spelling|shows|showing|displays|displaying|flashes|"
              r"label|menu|chalkboard|blackboard|whiteboard|card|slate|logo|slogan|tagline|words?|text|message|"
              r"typed|types|typing|graffiti|tattoo|stamped|printed|engraved|scrawled|carved|painted|"
              r"panneau|écran|écrit|affiche|enseigne|letrero|cartel|pantalla|dice|escrito|schild|bildschirm|"
              r"aufschrift|steht|schriftzug|insegna|scritta|schermo|tela|placa|"
              # a note left for someone, signed or not: "a note on the fridge: 'Back soon — Mum'", "ein Zettel: „Bin
              # gleich zurück – Oma“", "un mot sur la table", "una nota", "un biglietto": the name signs the words
              r"note|notes|zettel|notiz|nachricht|postkarte|mot|billet|carte|nota|notas|recado|biglietto|bigliettino|"
              r"cartolina|postcard|postal")
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
             r"\bohne (text|untertitel)\b|\bkein(en)? text\b|\bsenza (testo|scritte)\b|"
             # the words said to be not needed, after them: "Los subtítulos no hacen falta", "subtitles not needed"
             r"\b(subtitles?|captions?|text|titles?|subtítulos|sous-titres|untertitel|sottotitoli|testo|texto|texte)"
             r"( \w+)? (are |is |sind |son |ne sont )?(not needed|not necessary|unnecessary|no hacen falta|"
             r"no son necesari\w+|no se necesitan|pas nécessaires|inutiles|nicht nötig|nicht notwendig|non servono|"
             r"non (sono )?necessari\w*)")

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
# a quote that is what is written: "taps out the line 'It was a dark night'", "a cake piped with 'Happy 30th'",
# "«Abierto» en letras doradas", "«Auguri Nonna» scritto con la glassa" (the words before or after the quote)
WRITTEN_BEFORE = (r"\b(typ\w+|taps? out|tapped out|tapping out|writ\w+|wrote|scrawl\w*|print\w*|spell\w*|chalk\w*|"
                  r"paint\w*|carv\w*|engrav\w*|stamp\w*|piped|piping|iced|icing|glazed|embroider\w*|etch\w*|"
                  r"stencil\w*|inscri\w*|initials|monogram|lettering|the (line|lines|words?|phrase|sentence|title|name|"
                  r"message|caption|letters))\b[^.;!?]{0,12}$")
WRITTEN_AFTER = (r"\s*,?\s*(written|scritt\w*|escrit\w*|écrit\w*|geschrieben|gemalt|in (\w+ ){0,2}(icing|letters|neon|"
                 r"chalk|lettering|glaze|frosting|capitals)|en letras|en lettres|in lettere|in buchstaben|a lettere|"
                 r"con la glassa|au chocolat|en chocolate|in cioccolato|in zuckerschrift)\b")
# a negated verb of needing, seeing or reading before the words in the same clause: "we don't need the numbers
# legible", "on ne voit pas les mots", "no se leen las letras"
NEG_SEEN = (r"\b(don't|do not|doesn't|does not|won't|will not|shouldn't|should not|no need to|not|never|ne|n'|no|nicht|"
            r"non|kein\w*)\s+(\w+\s+){0,2}?(need|needs|want|wants|require|requires|have to|has to|show|see|read|make|"
            r"voit|voir|lit|lire|montre|distingue|vemos|ve|ver|leer|lee|leen|muestra|hace falta|sehen|sieht|lesen|liest|"
            r"zeigen|braucht|vedere|vede|vediamo|leggere|legge|mostra|serve)\b")
# words in the frame said to be unreadable: no words to read there
ILLEGIBLE = (r"\b(unreadable|illegible|too [\w-]+ to (read|make out)|can't be read|cannot be read|washed out|"
             r"illisibles?|ilegibles?|illeggibil[ei]|unleserlich\w*|unlesbar\w*|no se lee|non si legge|on ne lit pas)\b")
# words said to be kept unreadable by a modal negation before "readable": "must not be legible", "shouldn't be
# readable", "ne doit pas être lisible", "no debe ser legible", "darf nicht lesbar sein", "non deve essere leggibile"
NOT_LEGIBLE = (r"\b((must|should|shall|may|need|needs|has to|have to|can|could|will|would|is|are|was|were|do|does)"
               r"(n't| not| never)|mustn't|shouldn't|can't|cannot|won't|isn't|aren't)\s+(to\s+)?(be\s+)?"
               r"(\w+\s+)?(legible|readable)\b|"
               r"\bne (doit|doivent|devrait|devraient|faut|peut|peuvent|sera|seront|soit|soient|est|sont)( surtout| "
               r"jamais)? (pas|jamais) (être )?(\w+ )?lisibles?\b|"
               r"\bno (debe|deben|debería|deberían|tiene que|tienen que|puede|pueden|ha de|han de|es|son|está|están|"
               r"sea|sean)( \w+)? (ser |estar |resultar |quedar )?(\w+ )?legibles?\b|"
               r"\b(darf|dürfen|soll|sollen|sollte|sollten|muss|müssen|ist|sind|kann|können)( \w+)? (nicht|nie)"
               r"( \w+)? (lesbar|leserlich)\w*|"
               r"\bnon (deve|devono|dovrebbe|dovrebbero|può|possono|è|sono|sia|siano|va|vanno|dev')( \w+)? ?(essere |"
               r"risultare |apparire )?(\w+ )?leggibil[ei]\b|"
               # a modal negation before a verb of reading: "no deben leerse", "ne doit pas pouvoir être lu",
               # "non devono potersi leggere", "darf nicht gelesen werden", "must not be read"
               r"\b(must|should|shall|may|can|could)(n't| not| never) (be (able to be )?read|be made out)\b|"
               r"\bno (debe|deben|debería|deberían|tiene que|tienen que|puede|pueden|ha de|han de) (poder )?(leerse|"
               r"verse|ser leíd[oa]s?)\b|\bne (doit|doivent|devrait|devraient|peut|peuvent) (pas|jamais) (pouvoir )?"
               r"(être lue?s?|se lire)\b|\bnon (deve|devono|dovrebbe|dovrebbero|può|possono|si deve|si devono) "
               r"(potersi |poter )?(leggere|leggersi|essere lett[oaie])\b|\b(darf|dürfen|soll|sollen|sollte|sollten|"
               r"kann|können) (\w+ )?nicht (\w+ )?(gelesen werden|zu lesen sein|lesbar)\b")
NOTHING_LEGIBLE = (
               # nothing readable said with a quantifier: "nothing legible", "none of them readable", "not one
               # title readable", "rien de lisible", "aucun mot lisible", "nada legible", "ningún texto legible",
               # "niente di leggibile", "nessuna scritta leggibile", "nichts Lesbares", "kein Wort lesbar"
               r"\b(nothing|none of (them|it|the \w+)|not (one|a single)( \w+)?|no one \w+)( (is|are|was|were))?"
               r" (?!else |other |more )(\w+ )?(legible|readable)\b|\b(rien|nada|niente|nulla|nichts)( de| di| d')? ?"
               r"(?!d'autre |más |altro |anderes )(\w+ )?"
               r"(lisibles?|legibles?|leggibil[ei]|lesbar\w*)\b|\b(aucun\w*|ningun\w*|ningún|nessun\w*|kein\w*|"
               r"pas un\w*|ni un\w*)( seule?)? (\w+ )?(lisibles?|legibles?|leggibil[ei]|lesbar\w*)\b|"
               # a negated plural after the noun: "étiquettes non lisibles", "loghi non leggibili", "etiquetas no
               # legibles", "Etiketten nicht lesbar", "labels not readable"
               r"\b[\w-]{3,} (non|not|no|nicht|pas) (lisibles?|legibles?|leggibil[ei]|lesbar\w*|legible|readable)\b")
LEGIBLE = (r"\b(legible|readable|clearly written|lisibles?|leggibil[ei]|legibles?|lesbar\w*|leserlich\w*|"
           r"se lee bien|si legge bene|"
           # a reader able to read it: "you can read the clues", "se puede leer cada palabra", "man kann jedes Wort lesen"
           r"(you|we|one|viewers?|the viewer|anyone) (can|could) (\w+ )?read|can (\w+ )?be read|on peut lire|"
           r"se (puede|pueden|podía) leer|si (può|possono|riesce a|riescono a) leggere|(man|sie) kann [^.;,]{0,30} lesen)\b")
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
