import { createHash } from 'node:crypto';
import { CATEGORIES, URGENCIES, type Category, type Urgency } from '../analysis/taxonomy.ts';
import { featureNames, hashFeatures, type GroupWeights } from './features.ts';
import { encodeArtefact } from './model-artefact.ts';
import { trainSoftmax, type TrainingOptions } from './softmax-trainer.ts';

/** The settings `npm run train:nlp` uses. */
export const DEFAULT_TRAINING: TrainingOptions = { buckets: 1 << 15, epochs: 12, learningRate: 0.3, l2: 1e-4, seed: 42 };

/**
 * Feature-group weights per head, chosen on a validation split carved out of the training
 * families (never on the test split): urgency leans on severity words and safety rules, category
 * on part, light and symptom hints.
 */
export const DEFAULT_GROUP_WEIGHTS: { category: GroupWeights; urgency: GroupWeights } = {
  category: { K: 6 },
  urgency: { K: 6, U: 25, R: 25 },
};

/** A labelled text to learn from. */
export interface TrainingExample {
  text: string;
  category: Category;
  urgency: Urgency;
}

/**
 * Trains both heads (category, urgency) on the examples and returns the artefact's JSON text.
 * Reproducible: the same examples in the same order and the same options give the same bytes.
 */
export function trainModel(examples: readonly TrainingExample[], options: TrainingOptions = DEFAULT_TRAINING, groupWeights = DEFAULT_GROUP_WEIGHTS): string {
  const names = examples.map((e) => featureNames(e.text));
  const xc = names.map((n) => hashFeatures(n, options.buckets, groupWeights.category));
  const xu = names.map((n) => hashFeatures(n, options.buckets, groupWeights.urgency));
  const category = trainSoftmax(
    xc,
    examples.map((e) => CATEGORIES.indexOf(e.category)),
    CATEGORIES.length,
    options,
  );
  const urgency = trainSoftmax(
    xu,
    examples.map((e) => URGENCIES.indexOf(e.urgency)),
    URGENCIES.length,
    { ...options, seed: options.seed + 1 },
  );
  const corpusSha256 = createHash('sha256')
    .update(examples.map((e) => `${e.category}\t${e.urgency}\t${e.text}`).join('\n'))
    .digest('hex');
  return encodeArtefact({ category, urgency }, groupWeights, { ...options, examples: examples.length, corpusSha256 });
}
