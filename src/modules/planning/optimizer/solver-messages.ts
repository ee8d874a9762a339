import type { SparseModel } from './milp-model.ts';

/** What the parent hands the solver worker. */
export interface SolveJob {
  model: SparseModel;
  /** Number of candidate columns; the "left out" columns follow them. */
  candidates: number;
  warmStart: Float64Array;
  /** Requests in the order the LP rounding serves them (most urgent first). */
  roundingOrder: Int32Array;
  /**
   * When the worker must have answered, as `performance.timeOrigin + performance.now()` (an
   * instant, not a budget: a budget counted from when the worker got going would leave out the
   * thread's start-up, and the parent's watchdog counts from before it).
   */
  deadline: number;
  mipRelGap: number;
}

/** How the answer was reached. */
export type SolvePhase = 'fixed-branch-and-bound' | 'lp-rounding' | 'warm-start';

/**
 * What the worker answers: a solution or why there is none. `status`: `optimal` (within the gap
 * of the LP bound), `feasible` (search over, not proven optimal), `time-limit` (best at the deadline).
 */
export type SolveReply = SolvedReply | { kind: 'incumbent' } & Omit<SolvedReply, 'kind'> | { kind: 'failed'; detail: string };

/** A solution, final (`solved`) or the best so far while the search goes on (`incumbent`). */
export interface SolvedReply {
  kind: 'solved';
  status: string;
  phase: SolvePhase;
  colValue: Float64Array;
  objective: number;
  lpBound: number | null;
  mipGap: number | null;
  runSeconds: number;
}
