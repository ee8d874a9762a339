import { describe, expect, it } from 'vitest';
import { CATEGORIES, URGENCIES } from '../analysis/taxonomy.ts';
import type { TextModel } from '../model/text-model.ts';
import { entityAccuracy } from './entity-accuracy.ts';
import { evaluate } from './evaluate.ts';
import { keywordBaseline } from './keyword-baseline.ts';

// Always "hvac, low": whatever the rules do not raise stays low.
const lowHvac: TextModel = {
  predict: async () => ({
    categoryScores: Object.fromEntries(CATEGORIES.map((c) => [c, c === 'hvac' ? 1 : 0])) as never,
    urgencyScores: Object.fromEntries(URGENCIES.map((u) => [u, u === 'low' ? 1 : 0])) as never,
  }),
};

describe('evaluate', () => {
  it('counts critical cases answered below high, after the safety rules', async () => {
    const report = await evaluate(lowHvac, [
      { text: 'la clim ne marche plus', category: 'hvac', urgency: 'low', language: 'fr' },
      { text: 'plus de freins !', category: 'brakes', urgency: 'critical', language: 'fr' },
      { text: 'the engine is making a strange noise', category: 'engine', urgency: 'critical', language: 'en' },
    ]);
    expect(report.criticalBelowHigh).toBe(1);
    expect(report.criticalBelowHighExamples).toEqual([{ text: 'the engine is making a strange noise', predicted: 'low' }]);
    expect(report.category.accuracy).toBe(0.3333);
    expect(report.modelOnlyUrgency.confusion.critical.low).toBe(2);
    expect(report.urgency.confusion.critical.critical).toBe(1);
    expect(report.languageAccuracy).toBe(1);
  });

  it('scores the keyword baseline through the same analysis', async () => {
    const report = await evaluate(keywordBaseline, [{ text: 'mes plaquettes de frein sont usées', category: 'brakes', urgency: 'medium' }]);
    expect(report.category.accuracy).toBe(1);
    expect(report.urgency.accuracy).toBe(1);
  });
});

describe('entityAccuracy', () => {
  it('checks only the annotated fields, arrays as sets', () => {
    const report = entityAccuracy([
      { text: 'code P0301 et P0171, 120 000 km', expected: { dtcCodes: ['P0171', 'P0301'], mileageKm: 120_000 } },
      { text: 'ma clio', expected: { make: 'Renault', year: 2016 } },
    ]);
    expect(report.fields).toEqual({
      dtcCodes: { checked: 1, accuracy: 1 },
      mileageKm: { checked: 1, accuracy: 1 },
      make: { checked: 1, accuracy: 1 },
      year: { checked: 1, accuracy: 0 },
    });
    expect(report.allFieldsCorrect).toBe(0.5);
    expect(report.errors).toEqual([{ text: 'ma clio', field: 'year', expected: 2016, found: null }]);
  });
});
