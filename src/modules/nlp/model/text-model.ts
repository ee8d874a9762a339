import { z } from 'zod';
import { CATEGORIES, type Category, URGENCIES, type Urgency } from '../analysis/taxonomy.ts';

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

/** A prediction as a schema: what a hosted adapter checks an endpoint's answer against. */
export const textPredictionSchema = z.object({
  categoryScores: z.record(z.enum(CATEGORIES), z.number().min(0).max(1)),
  urgencyScores: z.record(z.enum(URGENCIES), z.number().min(0).max(1)),
}) satisfies z.ZodType<TextPrediction>;
