import { explain, summarise } from './explain.ts';
import { firstComeFirstServed, urgencyFirst, urgencyOrder, type Choice } from './greedy.ts';
import { buildInstance, type PlanningInstance } from './instance.ts';
import { buildAssignmentModel, choicesFromSolution } from './milp-model.ts';
import { runSolver, type SolverOutcome } from './run-solver.ts';
import type { OptimizeInput, OptimizeResult } from './types.ts';

// HiGHS is asked to stop this long before the watchdog would kill its thread.
const WATCHDOG_MARGIN_MS = 300;

/** True when no professional bucket receives more jobs than it has free bays. */
export function respectsCapacity(instance: PlanningInstance, choices: readonly Choice[]): boolean {
  const tracker = instance.buckets.tracker();
  for (const c of choices) {
    const opt = instance.nearby[c.request]?.[c.option];
    if (!opt || !opt.starts.includes(c.start) || !tracker.fits(opt.pro, c.start, c.start + opt.occupiedMs)) return false;
    tracker.book(opt.pro, c.start, c.start + opt.occupiedMs);
  }
  return new Set(choices.map((c) => c.request)).size === choices.length;
}

/**
 * Assigns a batch of requests to (professional, start) minimising urgency-weighted time to
 * intervention under capacity: a MILP (see `buildAssignmentModel`) solved by HiGHS in a worker
 * thread within `timeLimitMs`, warm-started from the urgency-first greedy answer. If the solver
 * runs out of time, fails, or answers something that breaks capacity, the urgency-first greedy
 * answer is returned with `method: "greedy"` and the reason. The first-come-first-served
 * objective is always computed on the same instance, as the baseline.
 */
export async function optimizeAssignments(input: OptimizeInput): Promise<OptimizeResult> {
  const instance = buildInstance(input);
  const fcfs = firstComeFirstServed(instance);
  const fallback = urgencyFirst(instance);
  const built = buildAssignmentModel(instance, [fallback, fcfs], input.maxCandidatesPerRequest ?? 20, input.maxProsPerRequest ?? 5);
  const size = { variables: built.model.numCols, constraints: built.model.numRows, nonZeros: built.model.matrix.indices.length };
  const timeLimitMs = input.timeLimitMs ?? 4000;
  const outcome: SolverOutcome = await runSolver(
    {
      model: built.model,
      candidates: built.columns.length,
      warmStart: built.warmStart,
      roundingOrder: Int32Array.from(urgencyOrder(instance)),
      budgetMs: Math.max(0, timeLimitMs - WATCHDOG_MARGIN_MS),
      mipRelGap: 1e-4,
    },
    timeLimitMs,
  );

  const answer = (method: 'milp' | 'greedy', choices: Choice[], solver: OptimizeResult['solver']): OptimizeResult => ({
    method,
    solver,
    placements: explain(instance, choices),
    objective: summarise(instance, choices),
    baseline: summarise(instance, fcfs),
    model: size,
  });

  if (outcome.kind !== 'solved') {
    return answer('greedy', fallback, { status: outcome.kind, phase: null, mipGap: null, lowerBound: null, runSeconds: null, detail: `${outcome.detail}; urgency-first greedy answer returned` });
  }
  const choices = choicesFromSolution(built, outcome.colValue);
  if (!respectsCapacity(instance, choices)) {
    return answer('greedy', fallback, { status: 'failed', phase: null, mipGap: null, lowerBound: null, runSeconds: outcome.runSeconds, detail: 'the solver answer broke capacity; urgency-first greedy answer returned' });
  }
  const status = outcome.status === 'optimal' ? 'optimal' : 'time-limit';
  const found = { 'branch-and-bound': 'found by branch and bound', 'lp-rounding': 'the LP relaxation rounded', 'warm-start': 'the urgency-first warm start, not improved' }[outcome.phase];
  const detail = status === 'optimal' ? 'HiGHS proved the answer optimal for the pruned candidates' : `HiGHS stopped at the deadline; best feasible answer: ${found}`;
  return answer('milp', choices, {
    status,
    phase: outcome.phase,
    mipGap: outcome.mipGap,
    lowerBound: outcome.lpBound === null ? null : Math.round(outcome.lpBound * 100) / 100,
    runSeconds: outcome.runSeconds,
    detail,
  });
}
