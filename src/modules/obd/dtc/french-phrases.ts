import { capitalize, de, withoutArticle } from './french-grammar.ts';
import { PHRASE_TABLE } from './french-phrase-table.ts';
import { frenchNoun, lookupIn } from './french-terms.ts';

const PHRASES = new Map(PHRASE_TABLE);

/** "le bus CAN" → "Bus CAN", to open a sentence. */
function bare(noun: string): string {
  return capitalize(withoutArticle(noun));
}

/** Sentences built around a control module or a bus wire: "Lost Communication With …". */
const TEMPLATES: ReadonlyArray<readonly [RegExp, (noun: string, rest: string) => string]> = [
  [/^Lost Communication With (.+)$/, (noun) => `Perte de communication avec ${noun}`],
  [/^Invalid Data Received From (.+)$/, (noun) => `Données invalides reçues ${de(noun)}`],
  [/^Software Incompatibility With (.+)$/, (noun) => `Logiciel incompatible avec ${noun}`],
  [/^Internal Control Module (.+) Performance$/, (noun) => `Calculateur : contrôle interne ${de(noun)} en défaut`],
  [/^(.+) Requested MIL Illumination$/, (noun) => `Demande d'allumage du voyant moteur par ${noun}`],
  [/^(.+) \(-\) shorted to Bus(?: [A-Z])? \(\+\)$/, (noun) => `${bare(noun)} : fil (-) en court-circuit avec le fil (+)`],
  [/^(.+) \(([+-])\) Open$/, (noun, wire) => `${bare(noun)}, fil (${wire}) : circuit ouvert`],
  [/^(.+) \(([+-])\) Low$/, (noun, wire) => `${bare(noun)}, fil (${wire}) : tension trop basse`],
  [/^(.+) \(([+-])\) High$/, (noun, wire) => `${bare(noun)}, fil (${wire}) : tension trop élevée`],
];

/**
 * "MAP - Exhaust Pressure Correlation", "Intake Air Temperature/Ambient Air Temperature
 * Correlation": two measures that disagree. Tries each " - " or "/" as the split.
 */
function correlation(english: string): string | undefined {
  const match = /^(.+) Correlation(?: at (Idle|Higher Load))?$/.exec(english);
  if (match?.[1] === undefined) return undefined;
  const pair = match[1];
  for (const separator of [' - ', '/']) {
    for (let at = pair.indexOf(separator); at > 0; at = pair.indexOf(separator, at + 1)) {
      const first = frenchNoun(pair.slice(0, at));
      const second = frenchNoun(pair.slice(at + separator.length));
      if (first === undefined || second === undefined) continue;
      const when = match[2] === 'Idle' ? ' au ralenti' : match[2] === undefined ? '' : ' à forte charge';
      return `Incohérence entre ${first} et ${second}${when}`;
    }
  }
  return undefined;
}

/** The French for a whole description (without its location), or undefined. */
export function frenchPhrase(english: string): string | undefined {
  const phrase = lookupIn(PHRASES, english) ?? correlation(english);
  if (phrase !== undefined) return phrase;
  for (const [pattern, render] of TEMPLATES) {
    const match = pattern.exec(english);
    if (match?.[1] === undefined) continue;
    const noun = frenchNoun(match[1]);
    if (noun !== undefined) return render(noun, match[2] ?? '');
  }
  return undefined;
}
