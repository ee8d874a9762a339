import { z } from 'zod';
import { CATEGORIES, URGENCIES } from '../analysis/taxonomy.ts';

/** One labelled description of the corpus (one JSONL line). */
export const corpusExampleSchema = z.object({
  id: z.string(),
  text: z.string().min(1),
  language: z.enum(['fr', 'en', 'mixed']),
  category: z.enum(CATEGORIES),
  urgency: z.enum(URGENCIES),
  /** Examples of one family (one template phrase, or one hand-written text) share a split. */
  family: z.string(),
  split: z.enum(['train', 'test']),
  source: z.enum(['template', 'hand']),
});

/** A labelled corpus example. */
export type CorpusExample = z.infer<typeof corpusExampleSchema>;

/** Parses a JSONL corpus, line by line, failing on the first invalid line with its number. */
export function parseCorpus(jsonl: string): CorpusExample[] {
  return jsonl
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, n]) => {
      const parsed = corpusExampleSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`corpus line ${n}: ${parsed.error.message}`);
      return parsed.data;
    });
}
