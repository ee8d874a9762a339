// Runs in a worker thread (node:worker_threads): loads HiGHS (WebAssembly), waits for one job,
// solves its MILP and posts the answer back. The parent's watchdog terminates this thread if it runs past the limit.
// Kept free of TypeScript-only syntax beyond types, so Node can load it with type stripping.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { expandPoint, restrictToUndecided } from './fixed-model.ts';
import { roundRelaxation } from './lp-rounding.ts';
import type { SolvedReply, SolveJob, SolvePhase, SolveReply } from './solver-messages.ts';

// highs ships CommonJS types for both builds; its CommonJS build is the loader function itself.
const loadHighs: typeof import('highs').default = createRequire(import.meta.url)('highs');

// Time kept back for reading the solution and posting it, after the deadline.
const SAFETY_MS = 150;
// Branch and bound is started only with at least this much time left after the LP.
const MIN_MIP_MS = 500;

// Loaded while the parent prepares the job.
const highsLoaded = loadHighs();

async function solve(job: SolveJob): Promise<SolveReply> {
  const started = performance.now();
  const highs = await highsLoaded;
  const now = () => performance.timeOrigin + performance.now();
  const deadline = job.deadline - SAFETY_MS;
  const left = () => deadline - now();
  if (left() <= 0) return { kind: 'failed', detail: 'no time left once the solver was loaded' };
  // HiGHS checks its time limit only now and then: the interrupt callbacks stop it at the
  // deadline, keeping its best solution, before the watchdog has to kill the thread.
  const stopAtDeadline = (event: { interrupt(): void }): undefined => {
    if (now() > deadline) event.interrupt();
    return undefined;
  };
  const types = highs.constants.callbackType;
  const names = highs.constants.modelStatus;
  // Presolve is off: on these assignment models it costs seconds in WebAssembly.
  const common = { output_flag: false, presolve: 'off' } as const;
  const { model: full, candidates } = job;
  let best: { colValue: Float64Array; objective: number; phase: SolvePhase } = { colValue: job.warmStart, objective: dot(full.colCost, job.warmStart), phase: 'warm-start' };
  const reply = (status: string, lpBound: number | null): SolvedReply => {
    const gap = lpBound === null ? null : Math.max(0, best.objective - lpBound) / Math.max(1e-9, Math.abs(best.objective));
    // The LP bound holds for the whole model, so a gap within tolerance proves optimality.
    const proven = gap !== null && gap <= job.mipRelGap;
    return { kind: 'solved', status: proven ? 'optimal' : status, phase: best.phase, colValue: best.colValue, objective: best.objective, lpBound, mipGap: gap, runSeconds: (performance.now() - started) / 1000 };
  };

  // 1. The LP relaxation (a lower bound), rounded to a feasible point and improved.
  let relaxed: Float64Array;
  let lpBound: number;
  const lp = highs.createModel({ ...full, integrality: undefined });
  try {
    lp.options.set({ ...common, time_limit: Math.max(0.01, left() / 1000) });
    lp.run({ [types.simplexInterrupt]: stopAtDeadline });
    if (lp.getModelStatus() !== names.optimal) return reply('time-limit', null);
    lpBound = lp.getObjectiveValue();
    relaxed = Float64Array.from(lp.getSolution().colValue);
  } finally {
    lp.dispose();
  }
  const rounded = roundRelaxation(full, candidates, job.roundingOrder, relaxed, job.warmStart);
  if (rounded.objective < best.objective - 1e-9) best = { ...rounded, phase: 'lp-rounding' };

  // 2. Branch and bound on the requests the LP left undecided, the decided ones fixed.
  const restricted = restrictToUndecided(full, candidates, relaxed);
  if (restricted.originalRequest.length === 0) return reply('optimal', lpBound);
  if (left() < MIN_MIP_MS) return reply('time-limit', lpBound);
  const position = new Int32Array(full.numCols - candidates).fill(-1);
  for (const [i, r] of restricted.originalRequest.entries()) position[r] = i;
  const order = Int32Array.from(Array.from(job.roundingOrder).filter((r) => position[r] !== -1), (r) => position[r] as number);
  const restrictedRelaxed = Float64Array.from(restricted.originalColumn, (j) => relaxed[j] as number);
  let start = roundRelaxation(restricted.model, restricted.candidates, order, restrictedRelaxed);
  // The best point so far is a better start when it agrees with the fixed requests.
  if (restricted.fixed.every((j) => (best.colValue[j] as number) >= 0.5)) {
    const carried = Float64Array.from(restricted.originalColumn, (j) => best.colValue[j] as number);
    const objective = dot(restricted.model.colCost, carried);
    if (objective < start.objective) start = { colValue: carried, objective };
  }
  // Branch and bound may overrun the deadline between two checks: the parent keeps this answer.
  parentPort?.postMessage({ ...reply('time-limit', lpBound), kind: 'incumbent' } satisfies SolveReply);
  const model = highs.createModel(restricted.model);
  try {
    model.options.set({ ...common, time_limit: left() / 1000, mip_rel_gap: job.mipRelGap, mip_heuristic_run_feasibility_jump: false });
    model.setSolution({ colValue: start.colValue });
    model.run({ [types.simplexInterrupt]: stopAtDeadline, [types.mipInterrupt]: stopAtDeadline });
    const solved = model.info.get('primal_solution_status') === 2;
    const point = expandPoint(full, restricted, solved ? model.getSolution().colValue : start.colValue);
    const objective = dot(full.colCost, point);
    if (objective < best.objective - 1e-9) best = { colValue: point, objective, phase: 'fixed-branch-and-bound' };
    return reply(model.getModelStatus() === names.optimal ? 'feasible' : 'time-limit', lpBound);
  } finally {
    model.dispose();
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

parentPort?.once('message', (job: SolveJob) => {
  solve(job).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) => parentPort?.postMessage({ kind: 'failed', detail: `solver error: ${String(error)}` } satisfies SolveReply),
  );
});
