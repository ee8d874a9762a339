import { foldText } from '../analysis/normalise.ts';
import { extractEntities } from '../analysis/entities/extract-entities.ts';
import { safetyFindings } from '../analysis/safety-rules.ts';
import { readText } from '../analysis/tokenise.ts';
import { categoryHints, urgencyHints } from './domain-hints.ts';
import { fnv1a } from './fnv1a.ts';

/** A sparse, L2-normalised feature vector: parallel arrays of bucket indexes and values. */
export interface FeatureVector {
  indexes: Uint32Array;
  values: Float32Array;
}

const MAX_NGRAM_WORD = 30;

/**
 * The names of the features of a description: words and word pairs (denied words marked, so
 * "pas de fumée" does not look like "fumée"), character 3- to 5-grams of affirmed words (robust
 * to typos and inflections), and the analysis' own concepts: warning lights, components, safety
 * rules, fault-code families and category hints (see domain-hints.ts).
 */
export function featureNames(text: string): string[] {
  const read = readText(text);
  const names: string[] = [];
  const tokens = read.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = t.negated ? `!${t.text}` : t.text;
    names.push(`w:${w}`);
    const next = tokens[i + 1];
    if (next && next.clause === t.clause) names.push(`b:${w}_${next.negated ? '!' : ''}${next.text}`);
    // Long runs are not words (pasted codes, key mashing): their n-grams would only add noise.
    if (t.negated || /\d/.test(t.text) || t.text.length > MAX_NGRAM_WORD) continue;
    const padded = `<${t.text}>`;
    for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= padded.length; j++) names.push(`c:${padded.slice(j, j + n)}`);
  }
  const entities = extractEntities(foldText(text), read);
  for (const light of entities.warningLights) names.push(`L:${light}`);
  for (const component of entities.components) names.push(`C:${component}`);
  for (const code of entities.dtcCodes) names.push(`D:${code.slice(0, 3)}`);
  for (const finding of safetyFindings(read, entities)) names.push(`R:${finding.rule}`);
  for (const hint of categoryHints(read, entities.components, entities.warningLights)) names.push(`K:${hint}`);
  for (const hint of urgencyHints(read)) names.push(`U:${hint}`);
  return names;
}

/**
 * Weights of feature groups, by the first letter of their names (w word, b word pair, c
 * character n-gram, L light, C component, D code family, R safety rule, K category hint, U
 * urgency hint); unlisted groups weigh 1. Each head has its own: hints and rules are few per text
 * but carry garage knowledge that generalises to words the corpus never shows.
 */
export type GroupWeights = Readonly<Record<string, number>>;

/**
 * Hashes feature names into `buckets` (a power of two): log counts times the weight of the
 * feature's group (its name's first letter), L2-normalised.
 */
export function hashFeatures(names: readonly string[], buckets: number, groupWeights: GroupWeights): FeatureVector {
  const counts = new Map<number, number>();
  for (const name of names) {
    const index = fnv1a(name) & (buckets - 1);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const weights = new Map<number, number>();
  for (const name of names) {
    const index = fnv1a(name) & (buckets - 1);
    weights.set(index, Math.max(weights.get(index) ?? 0, groupWeights[name[0]!] ?? 1));
  }
  const indexes = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float32Array(indexes.length);
  let norm = 0;
  for (let i = 0; i < indexes.length; i++) {
    const v = Math.log1p(counts.get(indexes[i]!)!) * weights.get(indexes[i]!)!;
    values[i] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < values.length; i++) values[i]! *= scale;
  return { indexes, values };
}
