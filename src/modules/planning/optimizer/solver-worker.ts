// Runs in a worker thread (node:worker_threads): loads HiGHS (WebAssembly), solves one MILP and
// posts the answer back. The parent's watchdog terminates this thread if it runs past the limit.
// Kept free of TypeScript-only syntax beyond types, so Node can load it with type stripping.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { SolveJob, SolveReply } from './solver-messages.ts';

// highs ships CommonJS types for both builds; its CommonJS build is the loader function itself.
const loadHighs: typeof import('highs').default = createRequire(import.meta.url)('highs');

// Time kept back for reading the solution and posting it, after HiGHS's own limit.
const SAFETY_MS = 150;

async function solve(job: SolveJob): Promise<SolveReply> {
  const started = performance.now();
  const highs = await loadHighs();
  const remainingMs = job.budgetMs - (performance.now() - started) - SAFETY_MS;
  if (remainingMs <= 0) return { kind: 'failed', detail: 'no time left once the solver was loaded' };
  const model = highs.createModel(job.model);
  try {
    // Presolve is off: on these assignment models it costs seconds in WebAssembly and removes little.
    model.options.set({ output_flag: false, time_limit: remainingMs / 1000, mip_rel_gap: job.mipRelGap, presolve: 'off' });
    model.setSolution({ colValue: job.warmStart });
    // HiGHS checks its time limit only now and then (not inside a long root LP): the interrupt
    // callbacks stop it at the deadline, keeping its best solution, before the watchdog must.
    const deadline = started + job.budgetMs - SAFETY_MS;
    const stopAtDeadline = (event: { interrupt(): void }): undefined => {
      if (performance.now() > deadline) event.interrupt();
      return undefined;
    };
    const types = highs.constants.callbackType;
    model.run({ [types.simplexInterrupt]: stopAtDeadline, [types.mipInterrupt]: stopAtDeadline });
    const code = model.getModelStatus();
    const names = highs.constants.modelStatus;
    const stopped = code === names.timeLimit || code === names.interrupted;
    const status = code === names.optimal ? 'optimal' : stopped ? 'time-limit' : `status ${code}`;
    const hasSolution = model.info.get('primal_solution_status') === 2;
    if (!hasSolution) return { kind: 'failed', detail: `HiGHS ended with ${status} and no feasible solution` };
    const solution = model.getSolution();
    return {
      kind: 'solved',
      status,
      colValue: Float64Array.from(solution.colValue),
      objective: model.getObjectiveValue(),
      mipGap: Number(model.info.get('mip_gap') ?? Number.NaN),
      runSeconds: model.getRunTime(),
    };
  } finally {
    model.dispose();
  }
}

solve(workerData as SolveJob).then(
  (reply) => parentPort?.postMessage(reply),
  (error: unknown) => parentPort?.postMessage({ kind: 'failed', detail: `solver error: ${String(error)}` } satisfies SolveReply),
);
