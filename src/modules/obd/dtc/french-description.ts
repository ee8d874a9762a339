import { faultSplits, type FaultWording } from './french-faults.ts';
import { agree, capitalize, de, withoutArticle, type Adjective } from './french-grammar.ts';
import { extractLocation, frenchLocation } from './french-location.ts';
import { frenchPhrase } from './french-phrases.ts';
import { frenchNoun } from './french-terms.ts';

const POSITION = '{pos}';
/** "Position Sensor Circuit A/Open" is J2012's other order for "Position Sensor A Circuit/Open". */
const LETTER_AFTER_CIRCUIT = / (Circuit|Control Circuit) ([A-Z]) ?(\/Open| Low| High| Range\/Performance| Intermittent\/Erratic|)$/;

/**
 * French wording of a J2012 English description, written for a car owner, or undefined when the
 * vocabulary cannot say it well. Built from tables: a location ("(Bank 1, Sensor 2)"), a known
 * whole phrase or a component plus a failure ("Circuit Low", "Stuck Open").
 *
 * @example
 * frenchDescription('O2 Sensor Circuit Slow Response (Bank 1, Sensor 1)');
 * // "Sonde lambda amont (banc 1) : réponse lente"
 */
export function frenchDescription(english: string): string | undefined {
  const text = english.trim().replace(LETTER_AFTER_CIRCUIT, ' $2 $1$3');
  const whole = frenchPhrase(text);
  if (whole !== undefined) return capitalize(whole.replace(POSITION, ''));
  const location = extractLocation(text);
  const phrase = frenchPhrase(location.rest);
  if (phrase !== undefined) return place(capitalize(phrase), frenchLocation(location, phrase.includes(POSITION)));

  for (const split of faultSplits(location.rest)) {
    const noun = frenchNoun(split.head);
    if (noun === undefined) continue;
    const where = frenchLocation(location, noun.includes(POSITION));
    const component = capitalize(withoutArticle(noun));
    const fault = wordingFor(split.fault, noun);
    if (typeof fault === 'string') return `${place(component, where)} : ${fault}`;
    return place(`${component} ${agree(fault, noun)}`, where);
  }
  const noun = frenchNoun(location.rest);
  return noun === undefined ? undefined : place(`Défaut ${de(noun)}`, frenchLocation(location, noun.includes(POSITION)));
}

/** Measured quantities, which take "trop basse" directly: "Pression d'huile trop basse". */
const QUANTITY = /^(la pression|la température|la tension|le niveau|la vitesse|le débit|le régime|le courant)\b/;

/** The wording of a failure for this noun: a quantity or a part when the table gives both. */
function wordingFor(fault: FaultWording, noun: string): string | Adjective {
  if (typeof fault === 'string' || !('quantity' in fault)) return fault;
  return QUANTITY.test(noun) ? fault.quantity : fault.part;
}

/**
 * Puts the oxygen-sensor position word in place and the bracketed location at the end, merged
 * into a closing bracket already there: "Filtre à particules (FAP, banc 1)".
 */
function place(text: string, where: { position: string; suffix: string }): string {
  const placed = text.replace(POSITION, where.position);
  if (where.suffix.startsWith(' (') && placed.endsWith(')')) return `${placed.slice(0, -1)}, ${where.suffix.slice(2)}`;
  return `${placed}${where.suffix}`;
}
