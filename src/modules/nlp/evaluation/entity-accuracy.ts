import type { ProblemEntities } from '../analysis/entities/extract-entities.ts';
import { foldText } from '../analysis/normalise.ts';
import { extractEntities } from '../analysis/entities/extract-entities.ts';
import { readText } from '../analysis/tokenise.ts';

/** A text and the entities it states; fields left out are not checked. */
export interface EntityCase {
  text: string;
  expected: Partial<ProblemEntities>;
}

/** Exact-match accuracy of each entity field, and of whole cases (every checked field right). */
export interface EntityReport {
  cases: number;
  allFieldsCorrect: number;
  fields: Partial<Record<keyof ProblemEntities, { checked: number; accuracy: number }>>;
  errors: Array<{ text: string; field: keyof ProblemEntities; expected: unknown; found: unknown }>;
}

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && [...a].sort().join() === [...b].sort().join() : a === b;

/** Scores the entity extractor against annotated cases (arrays compared as sets). */
export function entityAccuracy(cases: readonly EntityCase[]): EntityReport {
  const tally: Partial<Record<keyof ProblemEntities, { checked: number; right: number }>> = {};
  const errors: EntityReport['errors'] = [];
  let whole = 0;
  for (const { text, expected } of cases) {
    const found = extractEntities(foldText(text), readText(text));
    let allRight = true;
    for (const field of Object.keys(expected) as Array<keyof ProblemEntities>) {
      const t = tally[field] ?? { checked: 0, right: 0 };
      tally[field] = t;
      t.checked++;
      if (same(expected[field], found[field])) t.right++;
      else {
        allRight = false;
        errors.push({ text, field, expected: expected[field], found: found[field] });
      }
    }
    if (allRight) whole++;
  }
  const fields: EntityReport['fields'] = {};
  for (const [field, t] of Object.entries(tally) as Array<[keyof ProblemEntities, { checked: number; right: number }]>) {
    fields[field] = { checked: t.checked, accuracy: Math.round((t.right / t.checked) * 10000) / 10000 };
  }
  return { cases: cases.length, allFieldsCorrect: Math.round((whole / Math.max(1, cases.length)) * 10000) / 10000, fields, errors };
}
