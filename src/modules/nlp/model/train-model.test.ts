import { describe, expect, it } from 'vitest';
import { EmbeddedTextModel } from './embedded-text-model.ts';
import { trainModel, type TrainingExample } from './train-model.ts';

const SMALL = { buckets: 1 << 10, epochs: 3, learningRate: 0.3, l2: 1e-4, seed: 7 };
const EXAMPLES: TrainingExample[] = [
  { text: 'les freins grincent', category: 'brakes', urgency: 'medium' },
  { text: 'brake pads worn', category: 'brakes', urgency: 'low' },
  { text: 'plus de freins du tout', category: 'brakes', urgency: 'critical' },
  { text: 'la clim ne marche plus', category: 'hvac', urgency: 'low' },
  { text: 'AC blows warm air', category: 'hvac', urgency: 'low' },
  { text: 'voyant moteur qui clignote', category: 'engine', urgency: 'high' },
  { text: 'engine misfire at idle', category: 'engine', urgency: 'medium' },
  { text: 'pneu crevé', category: 'tyres_wheels', urgency: 'high' },
];

describe('trainModel', () => {
  it('is reproducible: the same examples and settings give the same artefact bytes', () => {
    const first = trainModel(EXAMPLES, SMALL);
    const second = trainModel(EXAMPLES, SMALL);
    expect(second).toBe(first);
    expect(trainModel(EXAMPLES, { ...SMALL, seed: 8 })).not.toBe(first);
  });

  it('produces an artefact the embedded model loads and that learned its examples', async () => {
    const model = EmbeddedTextModel.fromJson(trainModel(EXAMPLES, { ...SMALL, epochs: 20 }));
    const { categoryScores } = await model.predict('les freins grincent');
    expect(Math.max(...Object.values(categoryScores))).toBe(categoryScores.brakes);
  });
});
