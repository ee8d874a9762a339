import { describe, expect, it } from 'vitest';
import { CATEGORIES, URGENCIES } from '../analysis/taxonomy.ts';
import { lazyTextModel } from './lazy-text-model.ts';
import type { TextPrediction } from './text-model.ts';

const prediction: TextPrediction = {
  categoryScores: Object.fromEntries(CATEGORIES.map((c) => [c, 1 / CATEGORIES.length])) as TextPrediction['categoryScores'],
  urgencyScores: Object.fromEntries(URGENCIES.map((u) => [u, 0.25])) as TextPrediction['urgencyScores'],
};

describe('lazyTextModel', () => {
  it('loads nothing until the first prediction, then loads once for every caller, concurrent ones included', async () => {
    let loads = 0;
    const model = lazyTextModel(async () => {
      loads++;
      return { predict: async () => prediction };
    });
    expect(loads).toBe(0);
    expect(model.loaded()).toBe(false);
    await Promise.all([model.predict('a'), model.predict('b'), model.predict('c')]);
    await model.predict('d');
    expect(loads).toBe(1);
    expect(model.loaded()).toBe(true);
  });

  it('tries the load again after a failure instead of remembering it', async () => {
    let attempts = 0;
    const model = lazyTextModel(async () => {
      attempts++;
      if (attempts === 1) throw new Error('artefact unreadable');
      return { predict: async () => prediction };
    });
    await expect(model.predict('a')).rejects.toThrow('artefact unreadable');
    await expect(model.predict('a')).resolves.toEqual(prediction);
    expect(attempts).toBe(2);
  });

  it('closes the loaded model once at shutdown', async () => {
    let closed = 0;
    const model = lazyTextModel(async () => ({ predict: async () => prediction, close: () => void closed++ }));
    await model.close();
    expect(closed).toBe(0);
    await model.predict('a');
    await model.close();
    expect(closed).toBe(1);
  });
});
