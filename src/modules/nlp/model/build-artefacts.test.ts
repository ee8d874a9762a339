import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildNlpArtefacts } from './build-artefacts.ts';

describe('the committed NLP corpus and model', () => {
  it('are what npm run train:nlp makes from the sources (features, rules, templates, hand-written examples)', async () => {
    const { files } = await buildNlpArtefacts();
    for (const [url, text] of files) {
      const committed = await readFile(url, 'utf8');
      // Compared by length and equality rather than a diff: the model file is large.
      expect({ file: url.pathname.split('/').slice(-2).join('/'), upToDate: committed === text }).toEqual({ file: url.pathname.split('/').slice(-2).join('/'), upToDate: true });
    }
  }, 120_000);
});
