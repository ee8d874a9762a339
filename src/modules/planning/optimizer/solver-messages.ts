import type { SparseModel } from './milp-model.ts';

/** What the parent hands the solver worker. */
export interface SolveJob {
  model: SparseModel;
  warmStart: Float64Array;
  /** Time the worker may use, loading included, in ms. */
  budgetMs: number;
  mipRelGap: number;
}

/** What the worker answers: a solution (optimal or the best found in time), or why there is none. */
export type SolveReply =
  | { kind: 'solved'; status: string; colValue: Float64Array; objective: number; mipGap: number; runSeconds: number }
  | { kind: 'failed'; detail: string };
