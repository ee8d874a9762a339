// Runs in a worker thread (node:worker_threads): loads HiGHS (WebAssembly), solves one MILP and
// posts the answer back. The parent's watchdog terminates this thread if it runs past the limit.
// Kept free of TypeScript-only syntax beyond types, so Node can load it with type stripping.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { roundRelaxation } from './lp-rounding.ts';
import type { SolveJob, SolvePhase, SolveReply } from './solver-messages.ts';

// highs ships CommonJS types for both builds; its CommonJS build is the loader function itself.
const loadHighs: typeof import('highs').default = createRequire(import.meta.url)('highs');

// Time kept back for reading the solution and posting it, after the deadline.
const SAFETY_MS = 150;
// Branch and bound is started only with at least this much time left after the LP.
const MIN_MIP_MS = 800;

async function solve(job: SolveJob): Promise<SolveReply> {
  const started = performance.now();
  const highs = await loadHighs();
  const deadline = started + job.budgetMs - SAFETY_MS;
  const left = () => deadline - performance.now();
  if (left() <= 0) return { kind: 'failed', detail: 'no time left once the solver was loaded' };
  // HiGHS checks its time limit only now and then: the interrupt callbacks stop it at the
  // deadline, keeping its best solution, before the watchdog has to kill the thread.
  const stopAtDeadline = (event: { interrupt(): void }): undefined => {
    if (performance.now() > deadline) event.interrupt();
    return undefined;
  };
  const types = highs.constants.callbackType;
  const names = highs.constants.modelStatus;
  // Presolve is off throughout: on these assignment models it costs seconds in WebAssembly.
  const common = { output_flag: false, presolve: 'off' } as const;

  // 1. The LP relaxation, nearly integral on assignment models, rounded to a feasible point.
  let best: { colValue: Float64Array; objective: number; phase: SolvePhase } = { colValue: job.warmStart, objective: dot(job.model.colCost, job.warmStart), phase: 'warm-start' };
  let lpBound: number | null = null;
  const lp = highs.createModel({ ...job.model, integrality: undefined });
  try {
    lp.options.set({ ...common, time_limit: Math.max(0.01, left() / 1000) });
    lp.run({ [types.simplexInterrupt]: stopAtDeadline });
    if (lp.getModelStatus() === names.optimal) {
      lpBound = lp.getObjectiveValue();
      const rounded = roundRelaxation(job.model, job.candidates, job.roundingOrder, lp.getSolution().colValue, job.warmStart);
      if (rounded.objective < best.objective - 1e-9) best = { ...rounded, phase: 'lp-rounding' };
    }
  } finally {
    lp.dispose();
  }
  if (left() < MIN_MIP_MS) {
    return { kind: 'solved', status: 'time-limit', phase: best.phase, colValue: best.colValue, objective: best.objective, lpBound, mipGap: gap(best.objective, lpBound), runSeconds: (performance.now() - started) / 1000 };
  }

  // 2. Branch and bound from the best point so far, until optimal or the deadline.
  const model = highs.createModel(job.model);
  try {
    model.options.set({ ...common, time_limit: left() / 1000, mip_rel_gap: job.mipRelGap, mip_heuristic_run_feasibility_jump: false });
    model.setSolution({ colValue: best.colValue });
    model.run({ [types.simplexInterrupt]: stopAtDeadline, [types.mipInterrupt]: stopAtDeadline });
    const code = model.getModelStatus();
    const status = code === names.optimal ? 'optimal' : code === names.timeLimit || code === names.interrupted ? 'time-limit' : `status ${code}`;
    if (model.info.get('primal_solution_status') === 2 && model.getObjectiveValue() < best.objective - 1e-9) {
      best = { colValue: Float64Array.from(model.getSolution().colValue), objective: model.getObjectiveValue(), phase: 'branch-and-bound' };
    }
    const mipGap = Number(model.info.get('mip_gap'));
    return { kind: 'solved', status, phase: best.phase, colValue: best.colValue, objective: best.objective, lpBound, mipGap: Number.isFinite(mipGap) ? mipGap : gap(best.objective, lpBound), runSeconds: (performance.now() - started) / 1000 };
  } finally {
    model.dispose();
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function gap(objective: number, bound: number | null): number | null {
  return bound === null ? null : Math.max(0, objective - bound) / Math.max(1e-9, Math.abs(objective));
}

solve(workerData as SolveJob).then(
  (reply) => parentPort?.postMessage(reply),
  (error: unknown) => parentPort?.postMessage({ kind: 'failed', detail: `solver error: ${String(error)}` } satisfies SolveReply),
);
