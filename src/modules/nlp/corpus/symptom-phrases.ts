import type { Category, Urgency } from '../analysis/taxonomy.ts';

/** Phrases owners use for one kind of problem, all with the same category and urgency. */
export interface SymptomGroup {
  category: Category;
  urgency: Urgency;
  phrases: readonly string[];
}
