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
};

const handSchema = z.object({ text: z.string().min(1), language: z.enum(['fr', 'en', 'mixed']), category: z.enum(CATEGORIES), urgency: z.enum(URGENCIES) });

/** The hand-written labelled examples. */
export async function loadHandWritten(): Promise<HandExample[]> {
  const lines = (await readFile(CORPUS_FILES.handWritten, 'utf8')).split('\n').filter((l) => l.trim());
  return lines.map((line) => handSchema.parse(JSON.parse(line)));
}

/** The generated corpus (written by `npm run train:nlp`), both splits. */
export async function loadCorpus(): Promise<CorpusExample[]> {
  return parseCorpus(await readFile(CORPUS_FILES.corpus, 'utf8'));
}
