import { affirms } from './affirmed-matches.ts';
import type { ProblemEntities } from './entities/extract-entities.ts';
import type { Category, Language, Urgency } from './taxonomy.ts';
import type { ReadText } from './tokenise.ts';

/** A safety rule that fired: the urgency it imposes at least, and why, in both languages. */
export interface SafetyFinding {
  rule: string;
  urgency: Extract<Urgency, 'high' | 'critical'>;
  category: Category;
  reason: Record<Language, string>;
}

interface SafetyRule extends SafetyFinding {
  applies(read: ReadText, entities: ProblemEntities): boolean;
}

// English ways of saying "does not": contracted, spelled out, or in SMS style.
const NOT = '(?:dont|doesnt|didnt|do not|does not|did not|wont|will not|arent|are not|isnt|is not|no longer|stopped)';
const WHEEL = 'roues?(?: avant| arriere)?(?: gauche| droite)?';

const any =
  (...patterns: RegExp[]) =>
  (read: ReadText) =>
    patterns.some((p) => affirms(read, p));

const OVERHEATING = /\b(?:surchauffe|chauffe|bout|boue|ebullition|dans le rouge|au rouge|overheat\w*|boiling|in the red|into the red|running hot)\b/g;
const RED = /\b(?:rouge|red)\b/g;
const FLASHING = /\b(?:clignot\w*|flash\w*|blink\w*|flicker\w*)\b/g;

// Critical = do not drive; high = drive only to a garage, soon (the list). Patterns run
// on normalised text and are skipped where a negation denies them ("pas de fumée").
const RULES: SafetyRule[] = [
  {
    rule: 'brake_failure',
    urgency: 'critical',
    category: 'brakes',
    reason: { fr: 'perte de freinage', en: 'brake failure' },
    applies: any(
      /\b(?:plus de freins?|ne freine plus|freine plus|perte de freinage|perte des freins|freins? (?:a |ont )?lache|freins? (?:ne )?(?:marchent|marche|repondent|repond|fonctionnent|fonctionne) (?:plus|pas)|pedale (?:de frein )?(?:au plancher|s enfonce|qui s enfonce|va au plancher|jusqu au plancher)|fuite de liquide de frein)\b/g,
      new RegExp(`\\b(?:brakes? ${NOT} (?:work\\w*|respond\\w*)|car ${NOT} stop|cant stop)\\b`, 'g'),
      // The (brake) pedal going to the floor, however the sentence gets there ("pedal is spongy and goes all the way down").
      /\b(?<!clutch )(?:pedal|pedale)\b(?:(?!embray|clutch)[^.,;!?]){0,40}?\b(?:to the floor|all the way down|au plancher|jusqu au plancher)\b/g,
      /\b(?:no brakes|no braking|brakes? (?:failed|failure|gone|went out|gave out|not working|stopped working)|brake failure|lost (?:my |the |all )?brakes?|brake pedal (?:goes |went |sinks |sank )?(?:to the floor|all the way down)|cant stop the car|brake fluid (?:leak|leaking))\b/g,
    ),
  },
  {
    rule: 'steering_failure',
    urgency: 'critical',
    category: 'steering_suspension',
    reason: { fr: 'perte de direction', en: 'steering failure' },
    applies: any(
      /\b(?:perte de (?:la )?direction|direction (?:bloquee|a lache|lache|ne repond plus|ne repond pas)|volant (?:bloque|ne repond plus|ne tourne plus|ne repond pas)|(?:rotule|biellette)s? (?:de direction )?cassee?s?|plus de direction)\b/g,
      new RegExp(`\\b(?:steering (?:wheel )?${NOT} (?:work\\w*|respond\\w*|turn\\w*))\\b`, 'g'),
      /\b(?:steering (?:failed|failure|locked|locks up|locked up|went|gone|not responding|stopped working)|lost (?:the |my |all )?steering|cant steer|steering wheel (?:locked|came off|wont turn)|broken (?:tie rod|ball joint)|(?:tie rod|ball joint) (?:broke|snapped))\b/g,
    ),
  },
  {
    rule: 'engine_bay_fire_or_smoke',
    urgency: 'critical',
    category: 'engine',
    reason: { fr: 'fumée ou feu sous le capot', en: 'smoke or fire from the engine bay' },
    applies: any(
      /\b(?:fumee (?:sort |qui sort |blanche |noire |epaisse )?(?:sous le capot|du capot|du moteur|de sous le capot|par le capot)|(?:feu|flammes?) (?:sous le capot|au moteur|dans le moteur|dans le compartiment moteur)|(?:prend|pris|prendre) feu|en feu|moteur (?:qui )?fume|capot (?:qui )?fume|ca fume sous le capot)\b/g,
      /\b(?:smoke (?:is )?(?:coming |pouring |billowing )?(?:from|out of|under) (?:the )?(?:hood|bonnet|engine)|engine (?:bay )?(?:is )?(?:on fire|smoking|caught fire)|caught fire|on fire|flames|hood is smoking|bonnet is smoking|smoking engine)\b/g,
    ),
  },
  {
    rule: 'oil_pressure_light',
    urgency: 'critical',
    category: 'engine',
    reason: { fr: 'voyant rouge de pression d’huile', en: 'red oil-pressure light' },
    applies: (read, e) =>
      e.warningLights.includes('oil_pressure') ||
      affirms(
        read,
        /\b(?:pression d huile (?:basse|faible|nulle|a zero)|low oil pressure|no oil pressure(?! (?:warning|light|lamp|indicator))|oil pressure (?:low|dropped|zero))\b/g,
      ),
  },
  {
    rule: 'overheating_red_light',
    urgency: 'critical',
    category: 'cooling',
    reason: { fr: 'surchauffe avec voyant rouge de température', en: 'overheating with the red coolant light' },
    applies: (read, e) =>
      (e.warningLights.includes('coolant_temperature') && (affirms(read, OVERHEATING) || affirms(read, RED))) ||
      affirms(
        read,
        /\b(?:moteur (?:qui )?(?:bout|boue)|aiguille (?:de temperature )?dans le rouge|temperature dans le rouge|(?:temp|temperature) gauge (?:in|into) the red|needle (?:in|into) the red|coolant boiling)\b/g,
      ),
  },
  {
    rule: 'fuel_leak',
    urgency: 'critical',
    category: 'fuel',
    reason: { fr: 'fuite de carburant', en: 'fuel leak' },
    applies: any(
      /\b(?:fuite (?:d |de )?(?:essence|carburant|gasoil|diesel|gazole)|(?:essence|carburant|gasoil|diesel) (?:qui )?(?:coule|fuit|goutte)|ca fuit (?:l |de l )?essence|flaque d essence)\b/g,
      /\b(?:(?:fuel|petrol|gas|gasoline|diesel) (?:is )?(?:leak\w*|dripping|pouring|puddle)|leak\w* (?:fuel|petrol|gas|gasoline|diesel)|smell of petrol and a puddle)\b/g,
    ),
  },
  {
    rule: 'wheel_coming_loose',
    urgency: 'critical',
    category: 'tyres_wheels',
    reason: { fr: 'roue qui se détache', en: 'a wheel coming loose' },
    applies: any(
      new RegExp(`\\b(?:${WHEEL} (?:qui )?(?:se )?(?:desserre|detache|barre|fait la malle)|${WHEEL} (?:qui )?(?:part|va partir|a du jeu enorme))\\b`, 'g'),
      /\b(?:ecrous? (?:de roue )?(?:desserres?|manquants?|qui manquent|qui se desserrent|partis))\b/g,
      /\b(?:wheel (?:is )?(?:coming off|came off|fell off|falling off|loose|wobbling off)|loose wheel|(?:lug|wheel) nuts? (?:loose|missing|came off|are loose))\b/g,
    ),
  },
  {
    rule: 'flashing_engine_light',
    urgency: 'high',
    category: 'engine',
    reason: { fr: 'voyant moteur clignotant', en: 'flashing engine light' },
    applies: (read, e) => e.warningLights.includes('check_engine') && affirms(read, FLASHING),
  },
  {
    rule: 'metal_on_metal_brakes',
    urgency: 'high',
    category: 'brakes',
    reason: { fr: 'freins métal contre métal', en: 'metal-on-metal brakes' },
    applies: any(
      /\b(?:metal (?:sur|contre) metal|plaquettes? (?:a|au|sur le) (?:zero|fer|metal|bout|nu)|bruit de (?:ferraille|metal|fer) (?:au|en|quand je) frein\w*|frotte fer)\b/g,
      /\b(?:metal on metal|metal to metal|grinding (?:noise |sound )?(?:when|while) (?:i )?brak\w*|brakes? (?:are )?grind\w*|grinding brakes|pads? (?:worn )?(?:down )?to the metal)\b/g,
    ),
  },
  {
    rule: 'loud_knocking',
    urgency: 'high',
    category: 'engine',
    reason: { fr: 'cognement fort du moteur', en: 'loud knocking' },
    applies: any(
      /\b(?:cogne (?:fort|beaucoup|tres fort|violemment)|claque (?:fort|tres fort)|cognement (?:fort|violent|moteur)|coulage de bielle|bielle coulee|bruit de bielle)\b/g,
      /\b(?:loud (?:knock\w*|bang\w*|clunk\w*)|knock\w* (?:loudly|badly|hard)|rod knock|engine knock\w*)\b/g,
    ),
  },
  {
    rule: 'clutch_slipping',
    urgency: 'high',
    category: 'transmission',
    reason: { fr: 'embrayage qui patine', en: 'clutch slipping' },
    applies: any(/\b(?:embrayage (?:qui )?patine|patinage (?:de l )?embrayage|ca patine)\b/g, /\b(?:clutch (?:is )?slip\w*|slipping clutch)\b/g),
  },
  {
    rule: 'no_start',
    urgency: 'high',
    category: 'electrical',
    reason: { fr: 'le véhicule ne démarre pas', en: 'the car will not start' },
    applies: any(
      /\b(?:ne demarre (?:pas|plus)|demarre (?:pas|plus)|refuse de demarrer|impossible de (?:la |le )?demarrer|veut (?:pas|plus) demarrer|batterie (?:a plat|morte|hs|vide|qui lache))\b/g,
      /\b(?:wont start|will not start|doesnt start|does not start|didnt start|cant start|fails to start|failed to start|no start|wont turn over|wont crank|dead battery|flat battery|battery (?:is )?(?:dead|flat))\b/g,
    ),
  },
];

/** The safety rules a description triggers, critical ones first. */
export function safetyFindings(read: ReadText, entities: ProblemEntities): SafetyFinding[] {
  return RULES.filter((r) => r.applies(read, entities)).map(({ rule, urgency, category, reason }) => ({ rule, urgency, category, reason }));
}
