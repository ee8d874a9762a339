import type { Category, Urgency } from '../analysis/taxonomy.ts';

/** What a text model says about a description: a probability per category and per urgency. */
export interface TextPrediction {
  categoryScores: Record<Category, number>;
  urgencyScores: Record<Urgency, number>;
}

/**
 * The text-model port. The embedded adapter answers in-process from the versioned artefact; a
 * hosted adapter (a SageMaker Serverless endpoint) answers over the network, hence the promise.
 */
export interface TextModel {
  /** Scores one problem description (raw text, as the owner wrote it). */
  predict(text: string): Promise<TextPrediction>;
}
