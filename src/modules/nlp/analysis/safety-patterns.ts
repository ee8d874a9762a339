/**
 * The phrasings of the dangers the safety rules look for, on normalised text (folded, spelling
 * fixed). Data for safety-rules.ts: French first, then English, in each list.
 */

// English ways of saying "does not": contracted, spelled out, or in SMS style.
const NOT = '(?:dont|doesnt|didnt|do not|does not|did not|wont|will not|arent|are not|isnt|is not|no longer|stopped)';
const WHEEL_FR = 'roues?(?: avant| arriere)?(?: gauche| droite)?';

/** Brakes gone: "plus de freins", "the pedal goes to the floor". */
export const BRAKE_FAILURE = [
  /\b(?:plus de freins?|ne freine plus|freine plus|perte de freinage|perte des freins|freins? (?:a |ont )?lache|freins? (?:ne )?(?:marchent|marche|repondent|repond|fonctionnent|fonctionne) (?:plus|pas)|pedale (?:de frein )?(?:au plancher|s enfonce|qui s enfonce|va au plancher|jusqu au plancher)|fuite de liquide de frein)\b/g,
  new RegExp(`\\b(?:brakes? ${NOT} (?:work\\w*|respond\\w*)|car ${NOT} stop|cant stop)\\b`, 'g'),
  // The (brake) pedal going to the floor, however the sentence gets there ("pedal is spongy and goes all the way down").
  /\b(?<!clutch )(?:pedal|pedale)\b(?:(?!embray|clutch)[^.,;!?]){0,40}?\b(?:to the floor|all the way down|au plancher|jusqu au plancher)\b/g,
  /\b(?:no brakes|no braking|brakes? (?:failed|failure|gone|went out|gave out|not working|stopped work\w*)|brake failure|lost (?:my |the |all )?brakes?|brake pedal (?:goes |went |sinks |sank )?(?:to the floor|all the way down)|cant stop the car|brake fluid (?:leak|leaking))\b/g,
];

// Power steering failing makes the wheel heavy (a high urgency), it does not take the steering away.
export const STEERING_FAILURE = [
  /\b(?:perte de (?:la )?direction|direction (?:est |s est )?(?:completement )?(?:bloquee|a lache|lache|ne repond plus|ne repond pas)|direction qui a lache|volant (?:est )?(?:completement )?(?:bloque|ne repond plus|ne tourne plus|ne repond pas)|(?:rotule|biellette)s? (?:de direction )?(?:a |est |sont )?cass\w*|plus de direction(?! assistee)|n arrive plus a diriger|(?:impossible de|ne peux plus|peux plus) tourner(?: le volant)?|volant (?:qui )?tourne dans le vide)\b/g,
  new RegExp(`\\b(?<!power )(?:steering (?:wheel )?${NOT} (?:work\\w*|respond\\w*|turn\\w*))\\b`, 'g'),
  /\b(?<!power )(?:steering (?:wheel )?(?:failed|failure|locked|locks up|locked up|went dead|gone|not responding|stopped working|came off|wont turn)|lost (?:the |my |all )?steering|cant steer|broken (?:tie rod|ball joint)|(?:tie rod|ball joint) (?:broke|snapped)|(?:cannot|cant|could not|couldnt) (?:turn the (?:steering )?wheel|steer)|spins freely|no steering|steering (?:went |is )?(?:completely )?loose)\b/g,
];

/** Smoke or fire words, and the engine bay, for a nearness test. */
// "feu" is fire, but "feu rouge" a traffic light and "feu arrière" a lamp.
export const SMOKE_OR_FIRE =
  /\b(?:fumee|fume|fument|crame|feu(?! (?:rouge|vert|orange|stop|arriere|avant|de (?:croisement|position|recul|route|brouillard)))|flammes?|smoke|smoking|fire|flames?)\b/g;
/** Where the engine sits: capot, hood, bonnet. */
export const ENGINE_BAY = /\b(?:capot|compartiment moteur|hood|bonnet|engine bay)\b/g;
/** Fire or smoke from the engine itself: "le moteur fume", "caught fire". */
export const ENGINE_FIRE = [
  /\b(?:fumee (?:\w+ ){0,2}(?:sort|sortent) (?:du|de sous le) moteur|(?:feu|flammes?) (?:au moteur|dans le moteur)|(?:prend|pris|prendre) feu|en feu|moteur (?:qui )?(?:fume|crame))\b/g,
  /\b(?:smoke (?:\w+ ){0,3}(?:out of|from|under) (?:the )?engine|engine (?:bay )?(?:is )?(?:on fire|smoking|caught fire)|caught fire|on fire|flames|smoking engine)\b/g,
];

/** Burning and melting words, and the dashboard and wiring, for a nearness test. */
export const BURNING = /\b(?:fumee|fume|crame|fondu|fondus|brule\w*|smoke|smoking|melt\w*|burning|burnt)\b/g;
/** The dashboard and the wiring behind it. */
export const DASHBOARD_WIRING = /\b(?:tableau de bord|planche de bord|dash|dashboard|fils|cables|wires?|wiring)\b/g;

/** Oil pressure gone, said without naming the light. */
export const LOW_OIL_PRESSURE =
  /\b(?:pression d huile (?:basse|faible|nulle|a zero)|low oil pressure|no oil pressure(?! (?:warning|light|lamp|indicator))|oil pressure (?:low|dropped|zero))\b/g;

/** Overheating words, to pair with the coolant light. */
export const OVERHEATING = /\b(?:surchauffe|chauffe|bout|boue|ebullition|dans le rouge|au rouge|overheat\w*|boiling|in the red|into the red|running hot)\b/g;
/** The colour of the lights that mean stop. */
export const RED = /\b(?:(?<!feux? )rouges?|red)\b/g;
// The gauge in the red, or coolant boiling: overheating the driver cannot miss.
export const GAUGE_IN_THE_RED =
  /\b(?:moteur (?:qui )?(?:bout|boue)|liquide de refroidissement bout|aiguille (?:de temperature )?(?:est )?(?:dans le|au) rouge|temperature (?:moteur )?dans le rouge|(?:temp|temperature) gauge (?:in|into) the red|needle (?:went |is )?(?:in|into) the red|coolant (?:is )?boiling)\b/g;

/** Fuel words, and leaking words, for a nearness test. */
export const FUEL = /\b(?:essence|gasoil|gazole|diesel|carburant|fuel|petrol|gasoline)\b/g;
/** Leaking words, to pair with fuel words. */
export const LEAKING = /\b(?:fuite|fuit|fuient|coule|coulent|pisse|goutte|flaque|leak\w*|drip\w*|pour\w*|puddle)\b/g;

/** A wheel or its nuts coming loose. */
export const WHEEL_COMING_LOOSE = [
  new RegExp(
    `\\b(?:${WHEEL_FR} (?:qui )?(?:se )?(?:desserre|detache|barre|fait la malle)|${WHEEL_FR} (?:qui )?(?:part|va partir|a du jeu enorme|bouge))\\b`,
    'g',
  ),
  /\b(?:(?:il )?manque des ecrous|ecrous? (?:de (?:ma |la )?roue(?: arriere| avant)? )?(?:sont )?(?:presque )?(?:devisses?|desserres?|manquants?|qui manquent|qui se desserrent|partis))\b/g,
  /\b(?:wheel (?:is )?(?:coming off|came off|fell off|falling off|loose|wobbl\w*)|loose wheel|(?:lug|wheel) nuts? (?:are )?(?:loose|missing|came off|came loose)|missing (?:wheel|lug) nuts|wheel (?:feels like it is |is about to |about to )(?:coming|come) off|nuts are loose)\b/g,
];

/** Flashing words, to pair with the engine light. */
export const FLASHING = /\b(?:clignot\w*|flash\w*|blink\w*|flicker\w*)\b/g;

/** Brakes worn to the metal. */
export const METAL_ON_METAL = [
  /\b(?:metal (?:sur|contre) metal|plaquettes? (?:a|au|sur le) (?:zero|fer|metal|bout|nu)|bruit de (?:ferraille|metal|fer) (?:au|en|quand je) frein\w*|frotte fer|racle fer)\b/g,
  /\b(?:metal on metal|metal to metal|grinding (?:noise |sound )?(?:when|while) (?:i )?brak\w*|brakes? (?:are )?(?:grind\w*|scraping metal)|grinding brakes|pads? (?:worn )?(?:down )?to the metal)\b/g,
];

/** Loud engine knocking, rod knock. */
export const LOUD_KNOCKING = [
  /\b(?:cogne (?:fort|beaucoup|tres fort|violemment)|claque (?:fort|tres fort)|cognement (?:fort|violent|moteur)|coulage de bielle|bielle coulee|bruit de bielle)\b/g,
  /\b(?:loud (?:knock\w*|bang\w*|clunk\w*)|knock\w* (?:loudly|badly|hard)|rod knock|engine knock\w*)\b/g,
];

/** A slipping clutch (not its bite point). */
export const CLUTCH_SLIPPING = [
  /\b(?:embrayage (?:qui )?patine|(?<!point de )patinage (?:de l )?embrayage|ca patine)\b/g,
  /\b(?:clutch (?:is )?slip\w*|slipping clutch)\b/g,
];

/** A car that will not start. */
export const NO_START = [
  /\b(?:ne demarre (?:pas|plus)|demarre (?:pas|plus)|refuse de demarrer|impossible de (?:la |le )?demarrer|veut (?:pas|plus) demarrer|batterie (?:a plat|morte|hs|vide|qui lache))\b/g,
  /\b(?:wont start|will not start|doesnt start|does not start|didnt start|cant start|fails to start|failed to start|no start|wont turn over|wont crank|dead battery|flat battery|battery (?:is )?(?:dead|flat))\b/g,
];
