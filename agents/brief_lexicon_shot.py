"""The brief's lexicon of the shot: the word patterns for the camera move, the loop and the length, in English and the common European languages.

Matched on the lower-cased, NFC-normalised brief by :mod:`agents.brief_rules`, :mod:`agents.brief_rules_camera`,
:mod:`agents.brief_cues` and :mod:`agents.brief_length`. Patterns only, no logic. The people words are in
:mod:`agents.brief_lexicon_people`, the words in the frame in :mod:`agents.brief_lexicon_text`.
"""

from __future__ import annotations

import re

from agents.brief_negation import negators

# --- camera -----------------------------------------------------------------------------------------------
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
               r"plan statique|caméra statique|plano estático|c[aá]mara estática|inquadratura statica|"
               r"camera statica|statische einstellung|statisches bild|"
               r"kamera (ist |bleibt )?statisch|câmera parada|câmara fixa|camera ferma|c[aá]mara quieta|"
               r"(pas de|sans|aucun) mouvement de caméra|sin (ningún )?movimiento de c[aá]mara|"
               r"(ohne|keine) kamerabewegung\w*|(senza|nessun) moviment\w* di (camera|macchina))\b"),
    # "static" as a note of its own ("15 seconds, static", "totally static.", "Top-down and locked:", "sur pied")
    ("locked", r"(?:^|(?<=[,;:.\n]))\s*((top-down|overhead|high|low|wide|tight|frontal|eye-level|square|centred|centered|"
               r"symmetrical|cenital|frontal|plongeant|zenithal|zenital|zenitale|frontale) (and|y|et|und|e) )?"
               r"((totally|completely|fully|perfectly|very|dead) )?(static|locked|locked[- ]off|"
               r"fixed|stationary|statisch|fixe|fija|fijo|fisso|fissa|sur pied|sur trépied)(?=\s*([,;:.\n]|$)|"
               r"\s+(for (all|each|every|both|the whole|the entire)|throughout|the whole (time|way)|all along)\b)"),
    # a hold said as a command closing its clause, after refused moves or alone: "No zoom, no pans, just hold the
    # frame", "on garde le cadre", "solo mantener el plano", "tieni ferma l'inquadratura", "einfach das Bild halten";
    # not "her hands hold the frame of a bicycle", nor a subject framed ("keep the frame on the dancer while the
    # camera circles her", "keep the shot for the whole piece": one shot, which may move)
    ("locked", (r"(?:^|(?<=[,;:.\n]))\s*((just|only|simply|then|and|juste|seulement|simplement|et|on|solo|sólo|"
               r"simplemente|y|soltanto|solamente|semplicemente|e|einfach|nur|und) )?"
               r"(hold|keep|garde|gardez|gardons|mantén|mantener|mantenga|mantened|tieni|tenete|tenere|teniamo)"
               r" ((fixe|fix[oa]|ferm[oa]|still|steady|immobile) )?(the|this|le|ce|el|este|l'|la|il|questa|quest')\s?"
               r"(frame|shot|cadre|plan|plano|encuadre|inquadratura)( (fixe|fij[oa]|fiss[oa]|ferm[oa]|still|steady|"
               r"immobile|inmóvil))?(?=\s*([,;:.\n]|$)|\s+(there|là|ahí|lì)\b)")),
    ("locked", (r"(?:^|(?<=[,;:.\n]))\s*((einfach|nur|und|dann) )?(das|die) (bild|einstellung) (fest |ruhig |still )?"
               r"halten(?=\s*([,;:.\n]|$))")),
    # no movement as a note in a sentence where the camera holds ("We hold on the doorway, no movement, …")
    ("locked", r"(?<=[,;:(])\s*(no|zero|without any|without) (camera )?(movement|motion|moves?)(?=\s*([,;:.)\n]|$))"),
    ("locked", r"\b((caméra|camera|plan|filmée?s?|tournée?s?)( \w+)? sur pied|ne (bougez|bouge|bougeons) pas (la )?camera)\b"),
    # an orbit as a noun phrase opening a clause: "A very slow circle around the oak", "One full turn around her"
    ("orbit", r"(?:^|(?<=[,;:.\n]))\s*((a|an|one|then|and|une?|una?) )*((very|full|slow|wide|complete|gentle|half|"
              r"single|lazy|long|steady|smooth) ){1,3}(circle|turn|arc|revolution|orbit|loop) ((all|right|the whole) (the )?way |"
              r"fully |completely )?a?round\b"),
    # a move as a noun phrase opening a clause: "Slow move back from the bouquet", "A slow drift in toward the piano"
    ("dolly_out", r"(?:^|(?<=[,;:.\n]))\s*((a|an|one|then|and) )*((very|slow|gentle|steady|long|smooth|quick) ){1,2}"
                  r"(move|drift|glide|creep|push|track|travel|dolly|pull) (back|backwards|out|away)\b"),
    ("dolly_in", r"(?:^|(?<=[,;:.\n]))\s*((a|an|one|then|and) )*((very|slow|gentle|steady|long|smooth|quick) ){1,2}"
                 r"(move|drift|glide|creep|push|track|travel|dolly) (in|forward|forwards|closer|toward|towards)\b"),
    # a shaking camera as a note of its own after another ("POV down the alley, shaky, neon everywhere"); not
    # opening a sentence ("Shaky, the old man stands up")
    ("handheld", r"(?<=[,;:(])\s*((slightly|very|a bit|a little|quite|un peu|leicht|un po') )?(shaky|wobbly|"
                 r"jittery|unsteady|tremblante?|tremblée?|temblorosa?|tembloroso|verwackelt|wackelig|traballante|"
                 r"tremolante|moss[oa])(?=\s*([,;:.\n]|$))"),
    ("dolly_in", r"\b(dolly[- ]?in|dollies in|dollying in|dolly forward|dollies forward|dolly towards?|push[- ]?in|"
                 r"pushes in|pushing in|slow push|camera push(es)? (slowly )?(forward|towards?|closer)|camera creeps? "
                 r"(slowly )?(in|forward|closer|towards?)|camera (moves|glides|"
                 r"drifts|travels|tracks|creeps|floats) (slowly )?(in(?! (a|an|the|slow|circles?)\b)|forward|closer|towards?)|"
                 r"camera closes in|"
                 r"travelling avant|s'approche lentement|la caméra avance|la c[aá]mara avanza|"
                 r"acercamiento|travelling hacia delante|la c[aá]mara se acerca|kamera fährt (langsam )?(heran|vor|"
                 r"nach vorne)|ranfahrt|heranfahrt|carrello in avanti|carrellata (in )?avanti|"
                 r"(kamera)?fahrt (langsam )?auf [^.,;]{1,40} zu|(kamera)?fahrt nach vorn(e)?|fährt nach vorn(e)?|a câmera se aproxima|câmera avança)\b"),
    ("dolly_out", r"\b(dolly[- ]?out|dollies out|dollying out|dolly back|doll(y|ies|ied|ying) (\w+ly )?(back|out|away)|dolly(ing)? away|(slow|gentle|camera|long) pull[- ]?back|pull-back|pullback|pull back to reveal|pulls back to reveal|"
                  r"pull[- ]out shot|camera (moves|glides|drifts|travels|tracks|"
                  r"backs|pulls|retreats|recedes|floats) (slowly )?(out|back|away)|travelling arrière|la caméra recule|"
                  r"la c[aá]mara (se aleja|retrocede)|travelling hacia atrás|kamera fährt (langsam )?zurück|rückfahrt|"
                  r"carrello indietro|(kamera)?fahrt (nach hinten|rückwärts)|"
                  r"(?<!avec du )(?<!avec le )(?<!prendre du )(?<!prend du )recul(?! (de|du|des) (la |l')?(mer|glacier|eau))|carrellata (all')?indietro|a câmera se afasta|câmera recua)\b"),
    ("orbit", r"\b(orbit|orbits|orbiting|orbital|arc shot|camera arcs? (slowly )?around|arcing around|camera "
              r"circles? (slowly )?(around|round)?|camera circling|360[- ]degree|360°|"
              r"tourne autour|en orbite|órbita|gira alrededor|umkreist|kreisfahrt|orbita|"
              r"gira intorno|gira em volta|gira ao redor|câmera circula)\b"),
    ("pan", r"\b(pans?|panning|panned) (slowly |gently |quickly )?(across|over|left|right|along|up|down|past|"
            r"around|between|off|from|to the (left|right)|with (him|her|them|it|the))\b|\b(slow|whip|camera|lateral|horizontal|gentle|quick|lazy) pans?\b|\bpanning\b|"
            r"\b(smooth|steady|long|soft|careful|leisurely|single|continuous|fluid|unbroken|brief|short|one) pans?\b"
            r"(?! (of|with|on|in|full|sizzl\w*|fry\w*|fri\w*|over the (fire|stove|flame|heat)))|"
            r"\bpans? (drifting|moving|sweeping|gliding|travelling|traveling|going|turning) (\w+ )?(left|right|across|"
            r"along|over|past)\b|"
            r"\b(un|el) barrido\b|\bbarrido (lento|suave|rápido|horizontal|lateral|panorámico)\b|"
            r"\bpanoramique\b|\bpaneo\b|\bpanea\b|\bschwenk\w*\b|\bpanoramica\b|\bpanorâmica\b|\bpanorámica\b"),
    ("handheld", r"\b(hand[- ]?held|shaky[- ]?cam|shaky camera|camera shake|documentary[- ]style camera|"
                 r"caméra (à l'épaule|portée)|à l'épaule|c[aá]mara en mano|c[aá]mara al hombro|handkamera|"
                 r"aus der hand|camera a mano|câmera na mão|shoulder[- ]rig|shoulder[- ]mounted|(shot|filmed) from the hip|"
                 r"camera (carried|held) (on (the|a|his|her) shoulder|in hand|by hand)|caméra sur l'épaule|"
                 r"c[aá]mara (en|sobre) el hombro|schulterkamera|camera (a|in) spalla|"
                 r"(shot|filmed|recorded|taken|camera|cam) (\w+ )?(from|off|on) the shoulder(?! of (?!(the |a |an )?(operator|cameraman|camerawoman|dp|his|her)\b))|"
                 r"(filmad[oa]s?|rodad[oa]s?|grabad[oa]s?|girat[oa]|ripres[oa]|filmat[oa]|filmée?s?|tournée?s?) "
                 r"(\w+ )?(desde el|al|sobre el|dalla|a|sulla) (hombro|spalla)|"
                 r"(von|auf) der schulter (gefilmt|gedreht|aufgenommen)|(gefilmt|gedreht|aufgenommen) (\w+ )?von der "
                 r"schulter)\b"),
    # from the shoulder as a note of its own, anywhere ("From the shoulder, a walk …", "…, desde el hombro.")
    ("handheld", r"(?:^|(?<=[,;:.\n(]))\s*((shot|filmed|camera) )?(from|off|on) the shoulder(?=\s*([,;:.\n)]|$))|"
                 r"(?:^|(?<=[,;:.\n(]))\s*(desde el hombro|al hombro|dalla spalla|a spalla|in spalla|von der schulter|"
                 r"depuis l'épaule)(?=\s*([,;:.\n)]|$))"),
]
# a move said as a noun of travel and a direction, in the five languages ("dolly hacia adelante", "travelling vers
# l'arrière", "carrello lento in avanti", "Kamerafahrt rückwärts"), or as a German compound or separable verb of a
# direction and a travel ("ruhige Rückwärtsfahrt", "Vorwärtsfahrt", "langsam ranfahren")
_TRAVEL = (r"(dolly|travelling|traveling|tracking shot|carrello|carrellata|(kamera)?fahrt|(movimiento|mouvement) de (la )?"
           r"c[aá]m[aeé]ra|movimento di (macchina|camera))( (lent[oae]?s?|suave|slow|langsam\w*|doucement|despacio|piano|"
           r"ruhige?))?")
_AHEAD = (r"(forwards?|avant|en avant|vers l'avant|hacia (a)?delante|adelante|in avanti|avanti|nach vorn(e)?|vorwärts)")
_BACK = r"(backwards?|arrière|en arrière|vers l'arrière|hacia atrás|atrás|indietro|all'indietro|nach hinten|rückwärts)"
_ROUND = r"(a?round|autour|alrededor|circular|intorno|attorno|circolare|circulaire|herum|rundherum)"
# A travel noun names a trip or a cart as readily as the camera ("a couple traveling around Japan", "Travelling
# forward in time", "il carrello avanti nella miniera", "a pallet dolly backwards"): these moves are the camera's for
# sure only with a camera word in the same words ("Kamerafahrt rückwärts", "movimiento de cámara hacia adelante");
# else they are a hint the model confirms (:func:`agents.brief_rules_camera.read_camera`).
TRAVEL_MOVES = [
    ("dolly_in", r"\b" + _TRAVEL + r" " + _AHEAD + r"\b|\bvorwärtsfahrt\b|\b(he)?ranfahren\b"),
    # not a vehicle reversing in the picture ("ein Lieferwagen in Rückwärtsfahrt")
    ("dolly_out", r"\b" + _TRAVEL + r" " + _BACK + r"\b|(?<!in )(?<!im )\b(rückwärts|zurück)fahrt\b"),
    ("orbit", r"\b" + _TRAVEL + r" " + _ROUND + r"\b"),
]
CAMERA += TRAVEL_MOVES
# the camera named in a travel's words: "Kamerafahrt", "movimiento de cámara", "movimento di macchina"
CAMERA_IN_TRAVEL = r"kamera|c[aá]m[aeé]ra|macchina"
# a move denied in one of the five languages: "nothing handheld", "rien à l'épaule", "nada de cámara en mano",
# "niente camera a mano", "nichts Wackeliges", "jamais de zoom", "nie ein Schwenk"
CAMERA_NEG = (r"\b(" + negators("not", "never", "without", "none_det", "none_pron", "nowhere") +
              r"|do not|avoid|no need to|rather than|instead of|pas|"
              # a verb of refusing: "forget the handheld look", "skip the orbit", "anything but handheld", "hold off
              # on any dolly in", "oubliez le travelling", "olvida el zoom", "lascia perdere lo zoom", "vergiss den Schwenk"
              # (its forms that address someone, not a participle: "la gare oubliée", "un camino olvidado" are places)
              r"forget|skip|ditch|hold off|spare me|anything but|everything but|anything except|"
              r"oublie[zr]?|oublions|évite[zr]?|évitons|olvid(a|e|ad|en|ar|emos)|evit(a|e|ad|en|ar|emos|are|ate|iamo)|"
              r"dimentic(a|ate|are|hiamo)|lascia perdere|vergiss|vermeid(e|et|en)|verzicht(e|et|en))\b"
              # a negator that is the first half of a compound is none ("non-stop", "no-nonsense", "no-frills")
              r"(?!-)")
# a subject framed by a hold: "hold the shot on the door", "keep the frame on the dancer", "mantén el encuadre en
# la bailarina", "garde le cadre sur la porte", "tieni l'inquadratura sul portone", "das Bild auf der Tür halten":
# maybe a still step, never a locked camera by itself (agents.brief_rules_camera.framed_hold)
HOLD_ON = (r"\b(hold|keep|garde|gardez|gardons|mantén|mantener|mantenga|tieni|tenete|tenere|teniamo|halte|haltet|"
           r"behalte)( (fixe|fix[oa]|ferm[oa]|still|steady))? (the|this|le|ce|el|este|l'|la|il|questa|quest'|das|die)\s?"
           r"(frame|shot|cadre|plan|plano|encuadre|inquadratura|bild|einstellung)( (fixe|fij[oa]|fiss[oa]|ferm[oa]|"
           r"still|steady))?\s+(on|upon|sur|en|sobre|su|sul|sulla|auf|for (a|one|two|three|\d+) (beat|moment|"
           r"breath|while|seconds?|secs?)|un (instant|moment)|un momento|einen moment)\b")
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


STILL = r"\b(still life|motionless|frozen moment)\b"

# --- loop -------------------------------------------------------------------------------------------------
# a GIF set against the piece or repeating once: "unlike a GIF that repeats", "rather than a GIF", "a gif that
# repeats only once", "anders als ein GIF"; its denial ("not a GIF", "kein GIF") is the negation scope's
GIF_NOT_LOOPING = (r"\b(unlike|rather than|instead of|contrairement à|plutôt que|au lieu d'|a diferencia de|en lugar de|"
                   r"en vez de|a differenza di|invece di|anders als|statt)\s+(an? |une? |una? |einem |ein )?gif|"
                   r"\bgif\b[^.;:!?\n]{0,40}\b(only once|just once|once only|une (seule )?fois|una (sola )?vez|"
                   r"una (sola )?volta|(nur )?einmal)\b")

# a word of looping in any of the languages, whatever it names (a thing or the clip): the model's quoted loop is
# checked word by word against the brief (agents.brief_claims)
LOOP_WORD = r"\b(loop\w*|bucles?|boucles?|schleifen?)\b"

LOOP = (r"\b(loop|loops|looped|looping|loopable|seamless(ly)? (loop\w*|repeat\w*)|cinemagraph|cinemagraphs|"
         r"repeats? (seamlessly|endlessly|forever)|(plays?|playing) on repeat|last frame (match(es)?|equals?|is) (the )?first|endless(ly)? repeat\w*|en boucle|boucle parfaite|boucle infinie|qui boucle|en bucle|bucle perfecto|"
         r"bucle infinito|endlosschleife|in (einer )?schleife|als schleife|nahtlose schleife|ciclo continuo|in loop|em loop|"
         r"(nahtlos|endlos) wiederhol\w*|wiederholt sich (nahtlos|endlos)|se répète (sans fin|à l'infini|sans couture)|"
         r"se repite (sin fin|sin cortes|infinitamente|sin costuras)|si ripete (all'infinito|senza fine|senza stacchi)|"
         r"^(a|an|une|un|una|eine) (\w+ )?(loop|boucle|bucle|schleife) (of|de|aus|von|di) (?!l')|"
         # a loop named with its length ("Bucle de 5 segundos", "boucle parfaite de 6 secondes"), German "loopbar"
         r"(loop|boucle|bucle|schleife|ciclo)( \w+)? (of|de|d'|di|da|von|aus) (\d+|\w+)[- ]?(s|secs?|seconds?|"
         r"secondes?|segundos?|sekunden|secondi|minutes?|minutos?|minuten|minuti)|loopbar\w*|loopfähig\w*|als loop|"
         r"geloopt|"
         # a GIF that repeats: "un gif que se repite", "une gif qui se répète", "una gif che si ripete", "ein GIF, das
         # sich wiederholt", "a GIF that repeats"; its verb not denied ("a GIF that cannot repeat"); a GIF denied or
         # repeating once is read by agents.brief_rules (GIF_NOT_LOOPING)
         r"gifs?( (animad[oa]s?|animée?s?|animat[oaie]|animated|animiert\w*))?,? ((that|which|que|qui|che|das|der|die) )?"
         r"(se |si |sich |s')?((?!(" + negators("not", "never") + r"|pas)\b)\w+ )?(repeats?|repeating|repite\w*|"
         r"répète\w*|ripete\w*|wiederholt\w*|recommence\w*|vuelve a empezar|ricomincia\w*|"
         r"plays? (over and over|again and again))|"
         # a loop said without a loop word: back to the start without a cut, over again from the top, without end
         r"(clip|video|film|shot|sequence|animation|vídeo|vidéo|filmato|it) (\w+ )?(cycles?|loops?|comes?|goes|"
         r"returns?|jumps?|snaps?) back to (its|the) (start|beginning|first frame)|"
         r"(se )?repit\w* (sin fin|sin cortes|infinitamente|una y otra vez)|se répèt\w* (sans fin|à l'infini)|"
         r"si ripet\w* (all'infinito|senza fine|senza stacchi)|"
         r"(vuelv|regres|revien|retourn|torn|ritorn)\w* (al|a su|au|à son|all'|al suo) (inicio|principio|comienzo|"
         r"début|départ|inizio) (sin|sans|senza) (corte|cortes|costuras|saltos|pausa|coupure|couture|raccord|"
         r"stacchi|tagli|interruzioni)|(ricominc|ripart)\w* da capo|(immer wieder )?von vorn(e)? (beginn|anfäng)\w*|"
         r"boucle sans fin|bucle sin fin|ciclo (sin fin|infinito|senza fine)|^\s*(bucle|boucle|schleife)\b(?! (de|d'|aus|di) (corde|cuerda|ficelle|hilo|seil|faden|spago))|"
         # a loop asked for, or one for a screen: "Necesito un bucle para la pantalla", "il me faut une boucle",
         # "wir brauchen eine Schleife für das Display", "we need a loop for the lobby"
         r"(?<!n't )(?<!not )(?<!no )(?<!non )(?<!never )(?<!nunca )"
         r"(need|want|needs|wants|necesito|necesitamos|quiero|queremos|busco|il me faut|il nous faut|je veux|"
         r"j'ai besoin d'|nous voulons|voglio|vorrei|mi serve|ci serve|cerco) "
         r"(a|an|one|un|una|une|uno) (\w+ )?(loop|boucle|bucle)\b(?!\s+(de|d'|of|del|di|aus|von)\s)|"
         r"(a|an|un|una|une|eine) (\w+ )?(loop|boucle|bucle|schleife) (para|pour|für|per|for) (la |le |el |das |die |"
         r"den |the |lo |il |our |my |nuestra |notre |unser\w* )?(\w+ )?(pantalla|écran|bildschirm|display|screen|"
         r"schermo|monitor|vitrina|vitrine|schaufenster|vetrina|window|lobby|web|site|sitio|website|fondo|fond|"
         r"hintergrund|sfondo|background|tv|tele|tienda|shop|laden|negozio|boutique)|"
         # the end joined to the beginning: "que el final empalme con el principio", "the end meets the start",
         # "la fin rejoint le début", "das Ende geht in den Anfang über", "il finale si riattacca all'inizio"
         r"(end|ending|last frame|final|fin|finale|ende|schluss|letzte bild)(?! (of|de|du|des|del|della|dello|di|der|"
         r"von|vom|dei)\b) (\w+ ){0,3}?(meets?|match\w*|joins?|"
         r"connects?|blends?|flows?|folds?|leads?|runs?|empalm\w*|un[ae]|enlac\w*|enlaz\w*|conect\w*|junt\w*|"
         r"rejoi\w*|raccord\w*|enchaîn\w*|fond\w*|übergeh\w*|geht|anschließ\w*|verbind\w*|passa|passe|"
         r"riattacc\w*|colleg\w*|combaci\w*|si fonde|coincid\w*) (\w+ ){0,2}?(the |with |into |back into |con |"
         r"avec |mit |in |a |à |au |al |all'|el |le |la |den |dem |il |l')*(el |le |la |den |dem |il |l'|the )?"
         r"(beginning|start|first frame|opening|principio|inicio|comienzo|début|départ|commencement|anfang|beginn|"
         r"inizio|primo fotogramma|premier plan|primera imagen|erste bild)(?! (of|de|du|des|del|della|dello|di|"
         r"der|von|vom|dei)\b))\b")
# a loop said without a loop word, when the clip is the subject or the clause opens on it ("a clip that cycles
# endlessly", "Repeating forever with no visible seam", "it has to cycle without a jump", "il video finisce
# esattamente dove è cominciato"); "the trail ends exactly where it began" is a path (agents.brief_rules)
LOOP_SAID = (r"\b(repet\w*|repit\w*|répét\w*|ripet\w*|wiederhol\w*|tourne\w*|gira\w*|lauf\w*|boucl\w*) (\w+ )?"
             r"(sin fin|sin cortes|sin saltos|sans fin|sans coupure|sans à-coup|à l'infini|all'infinito|senza fine|"
             r"senza stacchi|senza salti|endlos|nahtlos|infinitamente|ohne (sprung|schnitt|bruch|übergang))|"
             r"ohne (sprung|schnitt|bruch|naht) (laufen|ablaufen|wiederholt werden|sich wiederholen|loopen)|"
             r"\b(cycl\w*|repeat\w*|play\w*|run\w*|go(es)? round) (\w+ )?(endlessly|forever|seamlessly|on repeat|"
             r"without (a |any )?(visible |noticeable )?(jump|cut|seam|break|hitch|glitch|stutter|pause|join)|"
             r"with no (visible |noticeable )?(jump|cut|seam|break|join))|"
             r"ends? (exactly |right |just |precisely )?where it (begins|began|starts|started)|"
             r"(se termine|finit|s'achève|termine) (exactement |pile )?(là )?où (il|elle) (commence|a commencé|débute|"
             r"a débuté)|(termina|acaba) (justo |exactamente |precisamente )?(donde|en el punto (en )?(que|donde)) "
             r"(empieza|empezó|comienza|comenzó)|(finisce|termina) (esattamente |proprio |precisamente )?(là )?dove "
             r"(è )?(cominciat[oa]|comincia|inizia|iniziat[oa]|era cominciat[oa])|endet (genau |exakt )?(dort|da)?,? "
             r"wo (es|er|sie) (beginnt|begann|anfängt|angefangen hat)")
# a loop said by its ending flowing back into its start: "the last frame flows straight back into the first", "the
# end blending back into the opening frame", "la dernière image rejoint la première", "el último fotograma enlaza
# con el primero", "l'ultimo fotogramma si ricollega al primo", "das letzte Bild geht nahtlos ins erste über"
LOOP_ENDING = (r"\b(the )?(last|final|closing) (frame|image|shot|second)s? (\w+ ){0,2}(flow|blend|melt|dissolv|run|lead|"
               r"feed|fold|cut|match|join|link|connect|merg|slid|fad|return|wrap)\w* (\w+ ){0,2}(back )?(in)?to (the )?"
               r"(first|opening|start|beginning)\b|"
               r"\b(the )?end (\w+ ){0,2}(flow|blend|melt|dissolv|fold|merg|wrap|lead|feed)\w* (\w+ ){0,2}back "
               r"(in)?to (the )?(first|opening|start|beginning)( frame)?\b|"
               r"\b(la )?(dernière|ultime) (image|seconde|plan) (\w+ ){0,2}(rejoint|retrouve|se fond dans|s'enchaîne "
               r"(avec|sur)|se raccorde à|revient à|raccorde avec) (la |le )?(première|premier)\b|"
               r"\b(el )?(último|ultimo) (fotograma|cuadro|plano|frame|segundo) (\w+ ){0,2}(enlaza|empalma|conecta|se "
               r"funde|coincide|se une|vuelve|encaja|se engancha) (\w+ ){0,2}(con |en |a )?(el |al )?primero\b|"
               r"\b(l')?ultimo (fotogramma|frame|secondo|quadro) (\w+ ){0,2}(si )?(ricollega|collega|fonde|unisce|"
               r"aggancia|riattacca|torna|combacia|raccorda)\w* (\w+ ){0,2}(al|con il|col|nel|sul) primo\b|"
               r"\b(das )?letzte (bild|frame|einzelbild) (\w+ ){0,2}(geht|fließt|läuft|blendet|mündet|passt)"
               r"( \w+){0,3} (ins|in das|zum|an das|aufs) erste\b|"
               # the end said to flow into the beginning: "das Ende soll in den Anfang übergehen", "la fin rejoint le
               # début", "el final se funde con el principio", "la fine si ricollega all'inizio", "the end melts into
               # the start"
               r"\b(das )?ende (\w+ ){0,2}(in den|an den|mit dem|zum) anfang\b|\b(la )?fin (\w+ ){0,2}(rejoint|retrouve|"
               r"se fond dans|s'enchaîne (avec|sur)|se raccorde à|revient à|raccorde avec) (le |au )?(début|commencement)\b|"
               r"\b(el )?final (\w+ ){0,2}(enlaza|empalma|conecta|se funde|coincide|se une|vuelve|encaja) (\w+ ){0,1}"
               r"(con|en|a|al) (el )?(principio|comienzo|inicio)\b|\b(la )?fine (\w+ ){0,2}(si )?(ricollega|collega|fonde|"
               r"unisce|aggancia|riattacca|torna|combacia|raccorda)\w* (\w+ ){0,1}(all'|con l'|nell')inizio\b|"
               r"\b(the )?end (\w+ ){0,2}(flow|blend|melt|dissolv|fold|merg|wrap|lead|feed|join|match)\w* (\w+ ){0,2}"
               r"(in)?to (the )?(opening|start|beginning)\b")
# a loop said by a restart nobody can see: a verb of starting over with no visible cut, seam, jump or join in the
# same clause ("it should start over with no visible cut", "qui recommence sans coupure visible", "que vuelva a
# empezar sin corte", "che ricominci da capo senza stacchi visibili", "ohne sichtbaren Schnitt von vorn beginnen")
_RESTART = (r"start\w* (over|again|afresh|from the (top|start|beginning))|restart\w*|begin\w* again|began again|"
            r"round and round|over and over|back to the (start|beginning|top)|"
            r"recommenc\w*|reprend\w*|repart\w*|redémarr\w*|"
            r"vuelv\w* a (empezar|comenzar|arrancar)|empie\w* de nuevo|comien\w* de nuevo|reinici\w*|repit\w*|repet\w*|"
            r"ricominc\w*|ripart\w*|riprend\w*|ripet\w*|torn\w* all'inizio|"
            r"von vorn\w*|wieder an\w*|fängt \w+ (\w+ )?wieder an|beginnt \w+ (\w+ )?neu|neu (beginn|start)\w*")
_UNSEEN_CUT = (r"(without|with no|no) (a |any )?(visible |noticeable |obvious |apparent )?(cut|seam|jump|join|splice|"
               r"edit|stitch)s?|(sans|sin|senza|ohne) (\w+ )?(coupure|raccord|couture|saut|corte|costura|salto|empalme|"
               r"stacc\w+|tagli\w*|giunt\w+|schnitt|sprung|übergang|naht|bruch)(s|i|e|es)?( visibles?| visibili?| "
               r"sichtbar\w*)?|senza che si veda (lo stacco|il taglio|la giunta|il punto)|sans qu'on voie (la coupure|"
               r"le raccord)|sin que se (note|vea) (el corte|el salto)")
LOOP_UNSEEN = (r"\b(" + _RESTART + r")\b[^.;:!?\n]{0,40}?\b(" + _UNSEEN_CUT + r")\b|\b(" + _UNSEEN_CUT +
               r")\b[^.;:!?\n]{0,25}?\b(" + _RESTART + r")\b|"
               r"\bwithout (anyone|anybody|you|the viewer) (noticing|seeing|spotting) (where|when) it (restarts|starts "
               r"(again|over)|begins again|loops)\b")
# what may be the subject of a loop said without a loop word: the clip itself, or nothing (a note, a requirement)
LOOP_SUBJECT = (r"((clip|video|vídeo|vidéo|film|filmato|shot|sequence|séquence|secuencia|sequenza|animation|"
                r"animación|animazione|gif|reel|whole thing|everything|piece)( (that|which|qui|que|che|das|der|die))?|"
                r"((it|this|that|il|elle|es|esto|questo|ça|cela) )?((has|have|needs?|must|should|ought|got) to|must|"
                r"should|needs? to|tiene que|debe|doit|deve|muss|soll|sollte|darf|deben|doivent|devono|müssen))")
LOOP_NEG = (r"\b(no|not|not a|doesn't|doesnt|does not|don't|dont|do not|need not|needn't|never|without|isn't|is not|won't|"
             r"not meant to|no need to|not need to) (need to |have to |to )?(be )?(a )?(seamless )?loop\w*\b|"
             r"\b(no|not a|without) (seamless )?loop\b|\bpas (de|en) boucle\b|\bsin bucle\b|\bkeine schleife\b|"
            r"\bnicht loopbar\b|\bkein loop\b|"
            # no need for it to loop: "no hace falta que haga loop", "pas besoin qu'elle boucle", "non serve che vada
            # in loop", "es muss nicht loopen", "there's no need for it to loop"
            r"\b(no hace falta|no es necesario|no necesita|pas besoin|pas la peine|pas nécessaire|non serve|non c'è "
            r"bisogno|non è necessario|nicht nötig|muss nicht|braucht nicht|no need)\b"
            # up to a contrast or a requirement: "no need for music, but it must loop" asks for a loop
            r"(?:(?!\b(?:but|pero|sino|mais|aber|sondern|ma|però|however|must|should|has to|have to|needs? to|debe|"
            r"tiene que|hay que|doit|faut|deve|bisogna|muss|soll)\b)[^.;:!?\n]){0,25}?\b(loop\w*|"
            r"bucle|boucle\w*|schleife|ciclo)")

# --- length -----------------------------------------------------------------------------------------------
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
    "due": 2, "tre": 3, "quattro": 4, "nove": 9, "dodici": 12,
    "vingt-cinq": 25, "quarante": 40, "quarante-cinq": 45, "cinquante": 50, "veinticinco": 25, "cuarenta": 40,
    "cuarenta y cinco": 45, "cincuenta": 50, "venticinque": 25, "quaranta": 40, "quarantacinque": 45,
    "cinquanta": 50, "fünfundzwanzig": 25, "vierzig": 40, "fünfundvierzig": 45, "fünfzig": 50,
}
# the tens joined to a unit in each language: "twenty-two", "vingt-deux", "veintidós", "treinta y cinco",
# "ventidue", "zweiundzwanzig"
_UNITS = {"en": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
          "fr": ["et-un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
          "es": ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
          "it": ["uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"],
          "de": ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]}
_TENS = {"en": ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
         "fr": ["vingt", "trente", "quarante", "cinquante", "soixante", "soixante-dix", "quatre-vingt", "quatre-vingt-dix"],
         "es": ["veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"],
         "it": ["venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"],
         "de": ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]}
# French counts 70-79 and 90-99 as sixty or eighty plus ten to nineteen: "soixante et onze", "quatre-vingt-douze"
_FR_TEENS = ["onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
_ES_TWENTIES = ["veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete",
                "veintiocho", "veintinueve"]


def _fr_tens_and_unit(i: int, t: int, u: int) -> list[str]:
    """French spellings of t + u: "vingt-deux", "vingt et un", "soixante-douze", "quatre-vingt-un"."""
    if t in (70, 90):   # sixty or eighty plus eleven to nineteen
        base, teen = _TENS["fr"][i - 1], _FR_TEENS[u - 1]
        return [f"{base}-{teen}"] + ([f"{base} et {teen}", f"{base}-et-{teen}"] if t == 70 and u == 1 else [])
    if t == 80 and u == 1:
        return ["quatre-vingt-un", "quatre-vingt-une"]
    ten = _TENS["fr"][i]
    return [f"{ten}-{_UNITS['fr'][u - 1]}"] + ([f"{ten} et un", f"{ten} et une", f"{ten}-et-une"] if u == 1 else [])


NUM_WORDS.setdefault("quatre-vingts", 80)
for _i, _t in enumerate(range(20, 100, 10)):
    for _lang in ("en", "fr", "es", "it", "de"):
        NUM_WORDS.setdefault(_TENS[_lang][_i], _t)
    for _u in range(1, 10):
        _ten = {lang: _TENS[lang][_i] for lang in _TENS}
        _unit = {lang: _UNITS[lang][_u - 1] for lang in _UNITS}
        _words = [f"{_ten['en']}-{_unit['en']}", f"{_ten['en']} {_unit['en']}",
                  *_fr_tens_and_unit(_i, _t, _u),
                  *(([_ES_TWENTIES[_u - 1]] + (["veintiún"] if _u == 1 else [])) if _t == 20
                    else [f"{_ten['es']} y {_unit['es']}"]),
                  (_ten["it"][:-1] if _unit["it"][0] in "uo" else _ten["it"]) + _unit["it"],
                  f"{_unit['de']}und{_ten['de']}"]
        for _w in _words:
            NUM_WORDS.setdefault(_w, _t + _u)
NUM = r"\b(\d+(?:[.,]\d+)?|" + "|".join(sorted((re.escape(k) for k in NUM_WORDS if not k.endswith("_fr")),
                                               key=len, reverse=True)) + ")"
SEC = r"(seconds?|secs?|s|sec\.|secondes?|segundos?|segs?\.?|sekunden|sek\.?|secondi|seconde|segundo)"
MIN = r"(minutes?|mins?|minutos?|minuten|minuti|minute)"
WHOLE = (r"(spot|film|video|clip|ad|advert|commercial|teaser|trailer|piece|reel|sequence|short|loop|story|"
          r"montage|promo|intro|outro|opener|cinemagraph|animation|vidéo|publicité|pub|anuncio|vídeo|película|"
          r"werbespot|spot|filmchen|video|total|in total|overall|long|altogether|in all|boucle|bucle|schleife|anuncio|"
          r"cortometraggio|filmato|annonce|gif|gifs)")
PER_SHOT = (r"\b(each|every|per (shot|scene|clip|cut|take|image|frame|plan|plano|inquadratura|scena|einstellung)|"
            r"apiece|chaque|cada|jede[rns]?|ogni)\b")
