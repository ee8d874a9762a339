import { isNegationCue, type ReadText, type Token } from '../tokenise.ts';

/**
 * Vehicle parts by canonical code, each with its French and English names and garage slang,
 * as patterns on normalised text. Order matters only for ties in the output: it is kept.
 */
const COMPONENT_PATTERNS = {
  brake_pads: /\b(?:plaquettes?(?: de frein)?|brake pads?|pads)\b/g,
  brake_discs: /\b(?:disques?(?: de frein)?|brake discs?|rotors?|discs)\b/g,
  brake_fluid: /\b(?:liquide de frein|brake fluid)\b/g,
  brake_caliper: /\b(?:etriers?|calipers?)\b/g,
  handbrake: /\b(?:frein a main|handbrake|parking brake|e brake)\b/g,
  battery: /\b(?:batterie|battery)\b/g,
  alternator: /\b(?:alternateur|alternator)\b/g,
  starter: /\b(?:demarreur|starter(?: motor)?)\b/g,
  spark_plugs: /\b(?:bougies?(?! de prechauffage)|spark plugs?|plugs)\b/g,
  glow_plugs: /\b(?:bougies? de prechauffage|glow plugs?)\b/g,
  ignition_coil: /\b(?:bobines?(?: d allumage)?|ignition coils?|coil packs?)\b/g,
  injectors: /\b(?:injecteurs?|injectors?)\b/g,
  turbo: /\b(?:turbo|turbocompresseur|turbocharger)\b/g,
  egr_valve: /\b(?:vanne egr|egr(?: valve)?)\b/g,
  dpf: /\b(?:fap|filtre a particules|dpf|particulate filter)\b/g,
  catalytic_converter: /\b(?:catalyseur|cata|catalytic converter|cat)\b/g,
  exhaust: /\b(?:echappement|pot d echappement|silencieux|ligne d echappement|exhaust|muffler|silencer)\b/g,
  lambda_sensor: /\b(?:sonde lambda|lambda|o2 sensor|oxygen sensor)\b/g,
  clutch: /\b(?:embrayage|clutch)\b/g,
  gearbox: /\b(?:boite(?: de vitesses?| auto| automatique)?|bv|bva|gearbox|transmission|gear box)\b/g,
  flywheel: /\b(?:volant moteur|double volant|flywheel|dual mass)\b/g,
  driveshaft: /\b(?:cardans?|soufflets? de cardan|driveshafts?|cv joints?|cv boot)\b/g,
  timing_belt: /\b(?:courroie de distribution|distribution|kit distri|distri|timing belt|cambelt|timing chain|chaine de distribution)\b/g,
  accessory_belt: /\b(?:courroie d accessoires?|courroie accessoire|serpentine belt|drive belt|fan belt|alternator belt)\b/g,
  water_pump: /\b(?:pompe a eau|water pump)\b/g,
  radiator: /\b(?:radiateur(?! de chauffage)|radiator)\b/g,
  thermostat: /\b(?:thermostat|calorstat)\b/g,
  head_gasket: /\b(?:joint de culasse|head gasket|culasse)\b/g,
  coolant: /\b(?:liquide de refroidissement|coolant|antigel|antifreeze)\b/g,
  engine_oil: /\b(?:huile(?: moteur)?|engine oil|oil)\b/g,
  shock_absorbers: /\b(?:amortisseurs?|shock absorbers?|shocks|struts?)\b/g,
  springs: /\b(?:ressorts?(?: de suspension)?|coil springs?|springs?)\b/g,
  power_steering: /\b(?:direction assistee|power steering|cremaillere|steering rack)\b/g,
  steering_joints: /\b(?:rotules?|biellettes?|tie rods?|ball joints?|silent ?blocs?|bushings?|triangles?|control arms?)\b/g,
  wheel_bearing: /\b(?:roulements?(?: de roue)?|wheel bearings?|bearing)\b/g,
  // "tire" is also French for "pulls" ("elle tire à gauche").
  tyres: /\b(?:pneus?|tyres?|tires?(?! (?:a|vers|sur|fort|un peu|legerement)\b))\b/g,
  wheels: /\b(?:(?<!roulements? de )roues?|jantes?|wheels?|rims?|ecrous?|wheel nuts?|lug nuts?)\b/g,
  air_conditioning: /\b(?:clim|climatisation|air conditioning|ac|a c|compresseur de clim|ac compressor)\b/g,
  heater: /\b(?:chauffage|radiateur de chauffage|heater|heating|heater core)\b/g,
  blower: /\b(?:ventilation|pulseur|ventilo|blower|fan)\b/g,
  headlights: /\b(?:phares?|feux? de croisement|codes|headlights?|headlamps?|low beams?|high beams?)\b/g,
  bulbs: /\b(?:ampoules?|bulbs?)\b/g,
  indicators: /\b(?:clignotants?|indicators?|turn signals?|blinkers?)\b/g,
  rear_lights: /\b(?:feux? arriere|feux? stop|feu de recul|tail lights?|brake lights?|rear lights?|reverse lights?)\b/g,
  windscreen: /\b(?:pare brise|windscreen|windshield|lunette arriere)\b/g,
  wipers: /\b(?:essuie glaces?|balais?|wipers?)\b/g,
  windows: /\b(?:vitres?|leve vitres?|windows?|window regulator)\b/g,
  mirrors: /\b(?:retroviseurs?|mirrors?|wing mirror)\b/g,
  doors: /\b(?:portieres?|portes?|doors?|hayon|coffre|tailgate|boot|trunk)\b/g,
  bodywork: /\b(?:carrosserie|pare chocs?|bumpers?|aile|bodywork|rayures?|scratch(?:es)?|bosses?|dents?|rouille|rust|peinture|paint)\b/g,
  fuel_pump: /\b(?:pompe a (?:essence|carburant|gasoil|injection)|fuel pump|pompe haute pression)\b/g,
  fuel_filter: /\b(?:filtre a (?:gasoil|carburant|essence)|fuel filter)\b/g,
  fuel_tank: /\b(?:reservoir|fuel tank|tank|jauge|fuel gauge)\b/g,
  engine_mounts: /\b(?:supports? moteur|engine mounts?|motor mounts?)\b/g,
  fuses: /\b(?:fusibles?|fuses?)\b/g,
  central_locking: /\b(?:fermeture centralisee|verrouillage centralise|central locking|key fob|cle|telecommande)\b/g,
} as const satisfies Record<string, RegExp>;

/** Canonical codes of vehicle components. */
export type Component = keyof typeof COMPONENT_PATTERNS;

/** Every component code, in a stable order. */
export const COMPONENTS = Object.keys(COMPONENT_PATTERNS) as Component[];

// A part named as a warning light's ("voyant de pression des pneus", "oil pressure light") is
// the light, not the part.
const LIGHT_BEFORE = /\b(?:voyant|temoin)s?(?: (?!et\b|and\b|mais\b|but\b)[a-z]+){0,3} $/;
const LIGHT_AFTER = /^(?: (?!et\b|and\b|mais\b|but\b)[a-z]+){0,2} (?:warning|light|lamp|indicator)s?\b/;
const LINK_WORDS = new Set(['de', 'd', 'du', 'des', 'the', 'any', 'a', 'my', 'ma', 'mon', 'le', 'la', 'les', 'l']);

// "no heater", "pas de chauffage": the cue is right before the part, so the part is what is
// missing (the problem); "pas de souci d'embrayage" denies a problem, not the part.
function missingPart(tokens: readonly Token[], at: number): boolean {
  let j = at - 1;
  while (j >= 0 && LINK_WORDS.has(tokens[j]!.text)) j--;
  return j >= 0 && isNegationCue(tokens[j]!.text);
}

function mentions(read: ReadText, pattern: RegExp): boolean {
  const text = read.normalised;
  for (const m of text.matchAll(pattern)) {
    const end = m.index + m[0].length;
    if (LIGHT_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index)) || LIGHT_AFTER.test(text.slice(end, end + 25))) continue;
    const at = read.tokens.findIndex((t) => t.start >= m.index);
    const token = read.tokens[at];
    if (token && (!token.negated || missingPart(read.tokens, at))) return true;
  }
  return false;
}

/**
 * The components a description mentions: denied mentions left out ("pas de souci d'embrayage"),
 * missing parts kept ("no heater"), warning-light names left to the lights.
 */
export function extractComponents(read: ReadText): Component[] {
  return COMPONENTS.filter((c) => mentions(read, COMPONENT_PATTERNS[c]));
}
