import { explain, summarise } from './explain.ts';
import { firstComeFirstServed, urgencyFirst, urgencyOrder, type Choice } from './greedy.ts';
import { buildInstance, type PlanningInstance } from './instance.ts';
import { improveAssignment, LocalSearch } from './local-search.ts';
import { buildAssignmentModel, choicesFromSolution } from './milp-model.ts';
import { SolverThread, type SolverOutcome } from './run-solver.ts';
import type { OptimizeInput, OptimizeResult } from './types.ts';

// HiGHS is asked to stop this long before the watchdog would kill its thread.
const WATCHDOG_MARGIN_MS = 300;
const FALLBACK = 'urgency-first greedy answer, improved by local search, returned';
// Kept for reading the answer back and explaining it, after the solver.
const FINISH_MS = 100;
// Shares of the time limit for the local search before the solver (its warm start) and after it.
const WARM_START_SHARE = 0.05;
const POLISH_SHARE = 0.08;
// The main thread's local search runs in slices this long while it waits for the solver thread.
const SLICE_MS = 20;

/** True when no professional bucket receives more jobs than it has free bays. */
export function respectsCapacity(instance: PlanningInstance, choices: readonly Choice[]): boolean {
  const tracker = instance.buckets.tracker();
  for (const c of choices) {
    const opt = instance.nearby[c.request]?.[c.option];
    if (!opt?.starts.includes(c.start) || !tracker.fits(opt.pro, c.start, c.start + opt.occupiedMs)) return false;
    tracker.book(opt.pro, c.start, c.start + opt.occupiedMs);
  }
  return new Set(choices.map((c) => c.request)).size === choices.length;
}

/**
 * Assigns a batch of requests to (professional, start) minimising urgency-weighted time to
 * intervention under capacity: a MILP (see `buildAssignmentModel`) solved by HiGHS in a worker
 * thread within `timeLimitMs` (LP relaxation, rounding, then branch and bound; see the README),
 * never worse than its urgency-first greedy warm start. If the thread has no answer by the time
 * limit (the watchdog terminates it), fails, or answers something that breaks capacity, the
 * urgency-first greedy answer is returned with `method: "greedy"` and the reason. The
 * first-come-first-served objective is computed on the same instance, as the baseline.
 *
 * @example const result = await optimizeAssignments({ requests, professionals, from, to, now });
 */
export async function optimizeAssignments(input: OptimizeInput): Promise<OptimizeResult> {
  // The time limit covers the whole call: a monotonic timer (not the clock) measures what the
  // preparation took, and the solver thread gets the rest. The thread starts first: its
  // start-up overlaps the preparation.
  const started = performance.now();
  const thread = new SolverThread();
  try {
    return await optimizeWith(thread, input, started);
  } finally {
    thread.close();
  }
}

async function optimizeWith(thread: SolverThread, input: OptimizeInput, started: number): Promise<OptimizeResult> {
  const timeLimitMs = input.timeLimitMs ?? 4500;
  const instance = buildInstance(input);
  const fcfs = firstComeFirstServed(instance);
  const greedy = urgencyFirst(instance);
  // The warm start: the urgency-first greedy improved over every candidate. The search goes on
  // while the solver thread works, for the answer if the solver has none (or a worse one).
  const search = new LocalSearch(instance, greedy).run(started + WARM_START_SHARE * timeLimitMs);
  const fallback = search.choices();
  const built = buildAssignmentModel(instance, [fallback, greedy, fcfs], input.maxCandidatesPerRequest ?? 20, input.maxProsPerRequest ?? 6);
  const size = { variables: built.model.numCols, constraints: built.model.numRows, nonZeros: built.model.matrix.indices.length };
  const polishMs = POLISH_SHARE * timeLimitMs;
  const solverMs = Math.max(0, timeLimitMs - (performance.now() - started) - FINISH_MS - polishMs);
  const solving = thread.solve(
    {
      model: built.model,
      candidates: built.columns.length,
      warmStart: built.warmStart,
      roundingOrder: Int32Array.from(urgencyOrder(instance)),
      deadline: performance.timeOrigin + performance.now() + Math.max(0, solverMs - WATCHDOG_MARGIN_MS),
      mipRelGap: 1e-4,
    },
    solverMs,
  );
  let settled = false;
  void solving.then(() => {
    settled = true;
  });
  const watchdogAt = performance.now() + solverMs;
  while (!settled && search.running && performance.now() < watchdogAt - SLICE_MS) {
    search.run(Math.min(performance.now() + SLICE_MS, watchdogAt - SLICE_MS));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const outcome: SolverOutcome = await solving;

  const polishUntil = started + timeLimitMs - FINISH_MS;
  const answer = (method: 'milp' | 'greedy', choices: Choice[], solver: OptimizeResult['solver']): OptimizeResult => ({
    method,
    solver,
    placements: explain(instance, choices),
    objective: summarise(instance, choices),
    baseline: summarise(instance, fcfs),
    model: size,
  });

  const solved = outcome.kind === 'solved' ? outcome : outcome.kind === 'timeout' ? outcome.incumbent : null;
  if (!solved) {
    const reason = 'detail' in outcome ? outcome.detail : 'no answer';
    return answer('greedy', search.run(polishUntil).choices(), { status: outcome.kind === 'failed' ? 'failed' : 'timeout', phase: null, mipGap: null, lowerBound: null, runSeconds: null, detail: `${reason}; ${FALLBACK}` });
  }
  const solverChoices = choicesFromSolution(built, solved.colValue);
  if (!respectsCapacity(instance, solverChoices)) {
    return answer('greedy', search.run(polishUntil).choices(), { status: 'failed', phase: null, mipGap: null, lowerBound: null, runSeconds: solved.runSeconds, detail: `the solver answer broke capacity; ${FALLBACK}` });
  }
  // The solver saw a pruned candidate set; the local search looks at every candidate.
  const polishedChoices = improveAssignment(instance, solverChoices, polishUntil);
  const heuristic = search.choices();
  const heuristicWins = summarise(instance, heuristic).total < summarise(instance, polishedChoices).total;
  const choices = heuristicWins ? heuristic : polishedChoices;
  const polished = !heuristicWins && summarise(instance, polishedChoices).total < summarise(instance, solverChoices).total;
  const status = solved.status === 'optimal' || solved.status === 'feasible' ? solved.status : 'time-limit';
  const found = {
    'fixed-branch-and-bound': 'branch and bound over the requests the LP relaxation left undecided',
    'lp-rounding': 'the LP relaxation rounded',
    'warm-start': 'the warm start (urgency-first greedy and local search), not improved',
  }[solved.phase];
  const detail =
    status === 'optimal'
      ? `optimal for the pruned candidates (within 0.01% of the LP bound); found by ${found}`
      : `${outcome.kind === 'timeout' ? 'the watchdog terminated branch and bound' : status === 'time-limit' ? 'stopped at the deadline' : 'search finished'}; best feasible answer from ${found}`;
  const polishedNote = heuristicWins
    ? '; the local search from the urgency-first greedy, run while the solver worked, did better and was returned'
    : polished ? '; then improved by local search over every candidate' : '';
  return answer('milp', choices, {
    status,
    phase: solved.phase,
    mipGap: solved.mipGap,
    lowerBound: solved.lpBound === null ? null : Math.round(solved.lpBound * 100) / 100,
    runSeconds: solved.runSeconds,
    detail: detail + polishedNote,
  });
}
