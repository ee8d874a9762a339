import { capitalize, de, withoutArticle } from './french-grammar.ts';
import { frenchNoun, lookupIn } from './french-terms.ts';

/**
 * Whole descriptions that do not split into "component + failure", in French. Keys may hold
 * `{N}` and `{L}` like the noun tables; `{pos}` takes the oxygen sensor's upstream/downstream
 * word.
 */
const PHRASES = new Map<string, string>([
  ['Random/Multiple Cylinder Misfire Detected', "Ratés d'allumage aléatoires ou sur plusieurs cylindres"],
  ['Cylinder {N} Misfire Detected', "Raté d'allumage détecté sur le cylindre {N}"],
  ['Misfire Detected with Low Fuel', "Ratés d'allumage détectés avec un niveau de carburant bas"],
  ['Single Cylinder Misfire (Cylinder not Specified)', "Raté d'allumage sur un cylindre (cylindre non précisé)"],
  ['Ignition Coil Primary/Secondary Circuit', "Bobine d'allumage : défaut du circuit primaire ou secondaire"],
  ['System Too Lean', 'Mélange trop pauvre'],
  ['System Too Rich', 'Mélange trop riche'],
  ['Fuel Trim System Too Lean', 'Correction de richesse : mélange trop pauvre'],
  ['Fuel Trim System Too Rich', 'Correction de richesse : mélange trop riche'],
  ['Post Catalyst Fuel Trim System Too Lean', 'Correction de richesse après catalyseur : mélange trop pauvre'],
  ['Post Catalyst Fuel Trim System Too Rich', 'Correction de richesse après catalyseur : mélange trop riche'],
  ['Catalyst System Efficiency Below Threshold', 'Efficacité du catalyseur insuffisante'],
  ['Warm Up Catalyst Efficiency Below Threshold', 'Efficacité du pré-catalyseur insuffisante'],
  ['Main Catalyst Efficiency Below Threshold', 'Efficacité du catalyseur principal insuffisante'],
  ['Heated Catalyst Efficiency Below Threshold', 'Efficacité du catalyseur chauffé insuffisante'],
  ['Engine Position System Performance', 'Position moteur (vilebrequin/arbre à cames) : fonctionnement incorrect'],
  ['Crankshaft Position - Camshaft Position Correlation', "Calage vilebrequin / arbre à cames incohérent"],
  ['Evaporative Emission System', "Système antiévaporation (canister) : défaut"],
  ['Evaporative Emission System Leak Detected', "Fuite détectée dans le système antiévaporation (canister)"],
  ['Evaporative Emission System Leak Detected (small leak)', 'Petite fuite détectée dans le système antiévaporation (canister)'],
  ['Evaporative Emission System Leak Detected (large leak)', 'Fuite importante détectée dans le système antiévaporation (canister)'],
  ['Evaporative Emission System Leak Detected (very small leak)', 'Très petite fuite détectée dans le système antiévaporation (canister)'],
  ['Evaporative Emission System Leak Detected (fuel cap loose/off)', 'Fuite du système antiévaporation : bouchon de réservoir mal serré ou absent'],
  ['Internal Control Module Software Incompatibility', 'Logiciel du calculateur incompatible'],
  ['Invalid Data Received', 'Données invalides reçues'],
  ['Control Module', 'Défaut interne du calculateur'],
  ['Control Module Improper Shutdown', 'Arrêt incorrect du calculateur'],
  ['Control Module Communication Bus {L} Off', 'Bus de communication {L} du calculateur hors service'],
  ['Ignition Input Accessory/On/Start', 'Entrée du contacteur à clé : position accessoires, contact ou démarrage'],
  ['Ignition Input Off/On/Start', 'Entrée du contacteur à clé : position arrêt, contact ou démarrage'],
  ['Ignition Input On/Start', 'Entrée du contacteur à clé : position contact ou démarrage'],
  ['Ignition Input On', 'Entrée du contacteur à clé : position contact'],
  ['Ignition Input Accessory', 'Entrée du contacteur à clé : position accessoires'],
  ['Ignition Input Start', 'Entrée du contacteur à clé : position démarrage'],
  ['Ignition Input Off', 'Entrée du contacteur à clé : position arrêt'],
]);

/** "le bus CAN" → "Bus CAN", to open a sentence. */
function bare(noun: string): string {
  return capitalize(withoutArticle(noun));
}

/** Sentences built around a control module or a bus wire: "Lost Communication With …". */
const TEMPLATES: ReadonlyArray<readonly [RegExp, (noun: string, rest: string) => string]> = [
  [/^Lost Communication With (.+)$/, (noun) => `Perte de communication avec ${noun}`],
  [/^Invalid Data Received From (.+)$/, (noun) => `Données invalides reçues ${de(noun)}`],
  [/^Software Incompatibility With (.+)$/, (noun) => `Logiciel incompatible avec ${noun}`],
  [/^(.+) \(-\) shorted to Bus(?: [A-Z])? \(\+\)$/, (noun) => `${bare(noun)} : fil (-) en court-circuit avec le fil (+)`],
  [/^(.+) \(([+-])\) Open$/, (noun, wire) => `${bare(noun)}, fil (${wire}) : circuit ouvert`],
  [/^(.+) \(([+-])\) Low$/, (noun, wire) => `${bare(noun)}, fil (${wire}) : tension trop basse`],
  [/^(.+) \(([+-])\) High$/, (noun, wire) => `${bare(noun)}, fil (${wire}) : tension trop élevée`],
];

/** The French for a whole description (without its location), or undefined. */
export function frenchPhrase(english: string): string | undefined {
  const phrase = lookupIn(PHRASES, english);
  if (phrase !== undefined) return phrase;
  for (const [pattern, render] of TEMPLATES) {
    const match = pattern.exec(english);
    if (match?.[1] === undefined) continue;
    const noun = frenchNoun(match[1]);
    if (noun !== undefined) return render(noun, match[2] ?? '');
  }
  return undefined;
}
