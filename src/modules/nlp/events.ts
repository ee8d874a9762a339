import { z } from 'zod';
import { defineEvents } from '../../platform/module/events.ts';
import { CATEGORIES, URGENCIES } from './analysis/taxonomy.ts';

/** Events the NLP module publishes. */
export const nlpEvents = defineEvents('nlp', {
  /** An owner's description was analysed and stored (published in the same transaction). */
  'nlp.problem-analyzed': z.object({
    id: z.string(),
    userId: z.string(),
    language: z.enum(['fr', 'en']),
    category: z.enum(CATEGORIES),
    urgency: z.enum(URGENCIES),
    suggestedServices: z.array(z.string()),
  }),
});
