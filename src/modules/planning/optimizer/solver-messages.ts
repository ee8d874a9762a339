import type { SparseModel } from './milp-model.ts';

/** What the parent hands the solver worker. */
export interface SolveJob {
  model: SparseModel;
  /** Number of candidate columns; the "left out" columns follow them. */
  candidates: number;
  warmStart: Float64Array;
  /** Requests in the order the LP rounding serves them (most urgent first). */
  roundingOrder: Int32Array;
  /** Time the worker may use, loading included, in ms. */
  budgetMs: number;
  mipRelGap: number;
}

/** How the answer was reached. */
export type SolvePhase = 'branch-and-bound' | 'lp-rounding' | 'warm-start';

/** What the worker answers: a solution (optimal or the best found in time), or why there is none. */
export type SolveReply =
  | { kind: 'solved'; status: string; phase: SolvePhase; colValue: Float64Array; objective: number; lpBound: number | null; mipGap: number | null; runSeconds: number }
  | { kind: 'failed'; detail: string };
