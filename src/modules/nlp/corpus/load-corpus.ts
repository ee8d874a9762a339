import { readFile } from 'node:fs/promises';
import { parseCorpus, type CorpusExample } from './corpus-example.ts';
import type { HandExample } from './build-corpus.ts';
import { CATEGORIES, URGENCIES } from '../analysis/taxonomy.ts';
import { z } from 'zod';

/** Where the corpus files live, beside this file. */
export const CORPUS_FILES = {
  corpus: new URL('./corpus.jsonl', import.meta.url),
  handWritten: new URL('./hand-written.jsonl', import.meta.url),
  entities: new URL('./entities.jsonl', import.meta.url),
  blindTest: new URL('./blind-test.jsonl', import.meta.url),
};

const handSchema = z.object({ text: z.string().min(1), language: z.enum(['fr', 'en', 'mixed']), category: z.enum(CATEGORIES), urgency: z.enum(URGENCIES) });

async function loadLabelled(url: URL): Promise<HandExample[]> {
  const lines = (await readFile(url, 'utf8')).split('\n').filter((l) => l.trim());
  return lines.map((line) => handSchema.parse(JSON.parse(line)));
}

/** The hand-written labelled examples (split into train and test with the templates). */
export function loadHandWritten(): Promise<HandExample[]> {
  return loadLabelled(CORPUS_FILES.handWritten);
}

/**
 * The blind set: descriptions written after the model, features and rules were settled, never
 * trained on nor used for tuning. Evaluation only.
 */
export function loadBlindTest(): Promise<HandExample[]> {
  return loadLabelled(CORPUS_FILES.blindTest);
}

/** The generated corpus (written by `npm run train:nlp`), both splits. */
export async function loadCorpus(): Promise<CorpusExample[]> {
  return parseCorpus(await readFile(CORPUS_FILES.corpus, 'utf8'));
}
