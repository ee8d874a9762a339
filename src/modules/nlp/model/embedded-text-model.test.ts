import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, URGENCIES, type Category } from '../analysis/taxonomy.ts';
import { EMBEDDED_MODEL_URL, EmbeddedTextModel } from './embedded-text-model.ts';
import { textPredictionSchema } from './text-model.ts';

// Plain, unambiguous descriptions that any acceptable model must get right (none is in the corpus).
const GOLDEN: ReadonlyArray<[string, Category]> = [
  ['le moteur broute et manque de puissance', 'engine'],
  ['the engine overheats and loses coolant', 'cooling'],
  ['l’embrayage patine et les vitesses craquent', 'transmission'],
  ['mes plaquettes de frein sont usées', 'brakes'],
  ['the car pulls to the left and the shocks are worn', 'steering_suspension'],
  ['j’ai crevé un pneu', 'tyres_wheels'],
  ['la batterie est à plat', 'electrical'],
  ['a headlight bulb is out', 'lighting'],
  ['la clim ne fait plus de froid', 'hvac'],
  ['voyant FAP allumé, vanne EGR encrassée', 'exhaust_emissions'],
  ['fuel gauge stuck and petrol smell', 'fuel'],
  ['rayure et bosse sur la portière', 'body_glass'],
  ['I need an oil change and a service', 'maintenance'],
];

let model: EmbeddedTextModel;
beforeAll(async () => {
  model = await EmbeddedTextModel.load();
});

describe('EmbeddedTextModel', () => {
  it('loads the versioned artefact and agrees with the golden set', async () => {
    for (const [text, category] of GOLDEN) {
      const { categoryScores } = await model.predict(text);
      const top = CATEGORIES.reduce((best, c) => (categoryScores[c] > categoryScores[best] ? c : best));
      expect({ text, top }).toEqual({ text, top: category });
    }
  });

  it('gives probabilities over every category and urgency', async () => {
    const prediction = await model.predict('bruit bizarre');
    expect(textPredictionSchema.parse(prediction)).toEqual(prediction);
    const { categoryScores, urgencyScores } = prediction;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(Object.keys(categoryScores)).toEqual([...CATEGORIES]);
    expect(Object.keys(urgencyScores)).toEqual([...URGENCIES]);
    expect(sum(Object.values(categoryScores))).toBeCloseTo(1, 9);
    expect(sum(Object.values(urgencyScores))).toBeCloseTo(1, 9);
  });

  it('refuses an artefact whose labels or weight table do not fit', async () => {
    const json = await readFile(EMBEDDED_MODEL_URL, 'utf8');
    const artefact = JSON.parse(json);
    artefact.heads.category.labels = [...artefact.heads.category.labels].reverse();
    expect(() => EmbeddedTextModel.fromJson(JSON.stringify(artefact))).toThrow(/labels/);
    const truncated = JSON.parse(json);
    truncated.heads.urgency.weights = truncated.heads.urgency.weights.slice(0, 100);
    expect(() => EmbeddedTextModel.fromJson(JSON.stringify(truncated))).toThrow(/size/);
    expect(() => EmbeddedTextModel.fromJson('{"format":"other"}')).toThrow();
  });
});
