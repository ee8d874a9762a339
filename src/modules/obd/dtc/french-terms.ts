import { agree, de } from './french-grammar.ts';
import { KINDS } from './french-kinds.ts';
import { BODY_CHASSIS_NOUNS } from './french-nouns-body-chassis.ts';
import { EMISSIONS_NOUNS } from './french-nouns-emissions.ts';
import { ENGINE_NOUNS } from './french-nouns-engine.ts';
import { HYBRID_NOUNS } from './french-nouns-hybrid.ts';
import { MODULE_NOUNS } from './french-nouns-modules.ts';
import { TRANSMISSION_NOUNS } from './french-nouns-transmission.ts';
import { LEADING_PLACEMENTS, TRAILING_PLACEMENTS, type Placement } from './french-qualifiers.ts';

/**
 * English component names to French noun phrases. Keys may hold `{L}` (a single letter such as
 * "Sensor A") and `{N}` (a number such as "Cylinder 3"); the French fills them in order, or by
 * position with `{1}`, `{2}` when French reverses the order.
 */
let nouns: Map<string, string> | undefined;
function nounTable(): Map<string, string> {
  nouns ??= new Map([
    ...ENGINE_NOUNS, ...EMISSIONS_NOUNS, ...TRANSMISSION_NOUNS, ...HYBRID_NOUNS, ...MODULE_NOUNS, ...BODY_CHASSIS_NOUNS,
  ]);
  return nouns;
}

const KINDS_BY_LENGTH = [...KINDS].sort((a, b) => b[0].length - a[0].length);
const TOKEN = /\b([A-Z]|\d+)\b/g;

/** Replaces single letters and numbers by `{L}` / `{N}`, keeping the values in order. */
function normalize(english: string): { key: string; tokens: string[] } {
  const tokens: string[] = [];
  const key = english.replace(TOKEN, (token: string) => {
    tokens.push(token);
    return /\d/.test(token) ? '{N}' : '{L}';
  });
  return { key, tokens };
}

/** Puts the token values into a French template: `{N}`/`{L}` in order, `{1}`… by position. */
function fill(template: string, tokens: readonly string[]): string {
  let next = 0;
  return template
    .replace(/\{(\d)\}/g, (_match, index: string) => tokens[Number(index) - 1] ?? '')
    .replace(/\{[NL]\}/g, () => tokens[next++] ?? '');
}

/** Looks a key up in a table, raw first, then with its letters and numbers as placeholders. */
export function lookupIn(table: ReadonlyMap<string, string>, english: string): string | undefined {
  const raw = table.get(english);
  if (raw !== undefined) return raw;
  const { key, tokens } = normalize(english);
  const template = table.get(key);
  return template === undefined ? undefined : fill(template, tokens);
}

/**
 * The French noun phrase (with its article) for an English component name, or undefined when
 * the vocabulary does not know it. Tries the whole name, then a trailing letter or number
 * ("Fuel Pressure Sensor B"), then a placement ("Left Front …", "… Rear"), then a known kind
 * after a known thing ("Exhaust Gas" + "Temperature Sensor" → "le capteur de température des
 * gaz d'échappement").
 */
export function frenchNoun(english: string): string | undefined {
  const direct = lookupIn(nounTable(), english);
  if (direct !== undefined) return direct;
  const qualifier = /^(.+) ([A-Z]|\d+|[A-Z]\/[A-Z])$/.exec(english);
  if (qualifier?.[1] !== undefined && qualifier[2] !== undefined) {
    const base = frenchNoun(qualifier[1]);
    if (base !== undefined) return qualified(base, qualifier[2].replace('/', ' et '));
  }
  for (const [words, placement] of LEADING_PLACEMENTS) {
    if (!english.startsWith(`${words} `)) continue;
    const base = frenchNoun(english.slice(words.length + 1));
    if (base !== undefined) return placed(base, placement);
  }
  for (const [words, placement] of TRAILING_PLACEMENTS) {
    if (!english.endsWith(` ${words}`)) continue;
    const base = frenchNoun(english.slice(0, -words.length - 1));
    if (base !== undefined) return placed(base, placement);
  }
  for (const [kind, french] of KINDS_BY_LENGTH) {
    if (!english.endsWith(` ${kind}`)) continue;
    const thing = frenchNoun(english.slice(0, -kind.length - 1));
    if (thing !== undefined) return `${french} ${de(thing)}`;
  }
  return undefined;
}

/** The noun followed by its placement, agreed when the placement is an adjective. */
function placed(noun: string, placement: Placement): string {
  return `${noun} ${typeof placement === 'string' ? placement : agree(placement, noun)}`;
}

/** "le calculateur moteur (ECM/PCM)" + "A" → "le calculateur moteur A (ECM/PCM)". */
function qualified(noun: string, qualifier: string): string {
  const bracket = noun.endsWith(')') ? noun.lastIndexOf(' (') : -1;
  return bracket > 0 ? `${noun.slice(0, bracket)} ${qualifier}${noun.slice(bracket)}` : `${noun} ${qualifier}`;
}
