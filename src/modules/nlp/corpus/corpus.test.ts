import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, URGENCIES } from '../analysis/taxonomy.ts';
import { EMBEDDED_MODEL_URL } from '../model/embedded-text-model.ts';
import { artefactSchema } from '../model/model-artefact.ts';
import { buildCorpus } from './build-corpus.ts';
import type { CorpusExample } from './corpus-example.ts';
import { loadCorpus, loadHandWritten } from './load-corpus.ts';
import { createHash } from 'node:crypto';

let corpus: CorpusExample[];
beforeAll(async () => {
  corpus = await loadCorpus();
});

describe('the NLP corpus', () => {
  it('holds at least 2,000 examples in French and English, every category and urgency in both splits', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(corpus.map((e) => e.language))).toEqual(new Set(['fr', 'en', 'mixed']));
    for (const split of ['train', 'test'] as const) {
      const part = corpus.filter((e) => e.split === split);
      expect(new Set(part.map((e) => e.category))).toEqual(new Set(CATEGORIES));
      expect(new Set(part.map((e) => e.urgency))).toEqual(new Set(URGENCIES));
    }
  });

  it('keeps the held-out split disjoint from training: no family, id or text on both sides', () => {
    const train = corpus.filter((e) => e.split === 'train');
    const test = corpus.filter((e) => e.split === 'test');
    const trainFamilies = new Set(train.map((e) => e.family));
    const trainTexts = new Set(train.map((e) => e.text.toLowerCase()));
    expect(test.filter((e) => trainFamilies.has(e.family))).toEqual([]);
    expect(test.filter((e) => trainTexts.has(e.text.toLowerCase()))).toEqual([]);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
  });

  it('is what the sources build (npm run train:nlp was run after the last change)', async () => {
    const { examples } = buildCorpus(await loadHandWritten());
    expect(examples).toEqual(corpus);
  });

  it('trained the versioned model on its train split only', async () => {
    const artefact = artefactSchema.parse(JSON.parse(await readFile(EMBEDDED_MODEL_URL, 'utf8')));
    const train = corpus.filter((e) => e.split === 'train');
    const sha = createHash('sha256').update(train.map((e) => `${e.category}\t${e.urgency}\t${e.text}`).join('\n')).digest('hex');
    expect(artefact.training.corpusSha256).toBe(sha);
    expect(artefact.training.examples).toBe(train.length);
  });
});
