import { createHash } from 'node:crypto';
import { CATEGORIES, URGENCIES, type Category, type Urgency } from '../analysis/taxonomy.ts';
import { featurise } from './features.ts';
import { encodeArtefact } from './model-artefact.ts';
import { trainSoftmax, type TrainingOptions } from './softmax-trainer.ts';

/** The settings `npm run train:nlp` uses. */
export const DEFAULT_TRAINING: TrainingOptions = { buckets: 1 << 15, epochs: 12, learningRate: 0.3, l2: 1e-4, seed: 42 };

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
export function trainModel(examples: readonly TrainingExample[], options: TrainingOptions = DEFAULT_TRAINING): string {
  const xs = examples.map((e) => featurise(e.text, options.buckets));
  const category = trainSoftmax(xs, examples.map((e) => CATEGORIES.indexOf(e.category)), CATEGORIES.length, options);
  const urgency = trainSoftmax(xs, examples.map((e) => URGENCIES.indexOf(e.urgency)), URGENCIES.length, { ...options, seed: options.seed + 1 });
  const corpusSha256 = createHash('sha256')
    .update(examples.map((e) => `${e.category}\t${e.urgency}\t${e.text}`).join('\n'))
    .digest('hex');
  return encodeArtefact({ category, urgency }, { ...options, examples: examples.length, corpusSha256 });
}
