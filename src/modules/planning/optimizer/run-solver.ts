import { Worker } from 'node:worker_threads';
import type { SolvedReply, SolveJob, SolveReply } from './solver-messages.ts';

/** The solver's answer, or the watchdog's verdict with the best answer the solver had sent, if any. */
export type SolverOutcome = SolvedReply | { kind: 'failed'; detail: string } | { kind: 'timeout'; detail: string; incumbent: SolvedReply | null };

/**
 * Solves in a worker thread under a hard watchdog: if no answer has come after `watchdogMs`
 * the worker is terminated, whatever it is doing (a running WebAssembly solve cannot be
 * interrupted from outside any other way). Give the worker a `deadline` a little before it, so
 * HiGHS's own time limit normally answers first. Never rejects: errors come back as `failed`.
 */
export function runSolver(job: SolveJob, watchdogMs: number): Promise<SolverOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let incumbent: SolvedReply | null = null;
    const worker = new Worker(new URL('./solver-worker.ts', import.meta.url), {
      workerData: job,
      transferList: [job.model.colCost.buffer, job.model.matrix.indices.buffer, job.warmStart.buffer] as ArrayBuffer[],
    });
    const finish = (outcome: SolverOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      void worker.terminate();
      resolve(outcome);
    };
    const watchdog = setTimeout(
      () => finish({ kind: 'timeout', detail: `no answer within ${watchdogMs} ms; the solver thread was terminated`, incumbent }),
      watchdogMs,
    );
    worker.on('message', (reply: SolveReply) => {
      if (reply.kind === 'incumbent') incumbent = { ...reply, kind: 'solved' };
      else finish(reply);
    });
    worker.once('error', (error) => finish({ kind: 'failed', detail: `solver thread failed: ${error.message}` }));
    worker.once('exit', (code) => finish({ kind: 'failed', detail: `solver thread exited with code ${code}` }));
  });
}
