import { Worker } from 'node:worker_threads';
import type { SolvedReply, SolveJob, SolveReply } from './solver-messages.ts';

/** The solver's answer, or the watchdog's verdict with the best answer the solver had sent, if any. */
export type SolverOutcome = SolvedReply | { kind: 'failed'; detail: string } | { kind: 'timeout'; detail: string; incumbent: SolvedReply | null };

/**
 * A solver worker thread, started before its job is ready so that its start-up (loading the
 * worker's modules and HiGHS's WebAssembly) overlaps the caller's preparation. `solve` hands it
 * the job under a hard watchdog: if no answer has come after `watchdogMs` the worker is
 * terminated, whatever it is doing (a running WebAssembly solve cannot be interrupted from
 * outside any other way). Give the job a `deadline` a little before the watchdog, so HiGHS's
 * own time limit normally answers first. `solve` never rejects: errors come back as `failed`.
 * Call `close` when the job is not given after all.
 */
export class SolverThread {
  private readonly worker: Worker;
  private failure: string | null = null;
  private listener: ((failure: string) => void) | null = null;

  constructor() {
    this.worker = new Worker(new URL('./solver-worker.ts', import.meta.url));
    const fail = (detail: string) => {
      this.failure ??= detail;
      this.listener?.(detail);
    };
    this.worker.once('error', (error) => fail(`solver thread failed: ${error.message}`));
    this.worker.once('exit', (code) => fail(`solver thread exited with code ${code}`));
  }

  solve(job: SolveJob, watchdogMs: number): Promise<SolverOutcome> {
    return new Promise((resolve) => {
      let settled = false;
      let incumbent: SolvedReply | null = null;
      const finish = (outcome: SolverOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        this.close();
        resolve(outcome);
      };
      const watchdog = setTimeout(
        () => finish({ kind: 'timeout', detail: `no answer within ${watchdogMs} ms; the solver thread was terminated`, incumbent }),
        watchdogMs,
      );
      this.worker.on('message', (reply: SolveReply) => {
        if (reply.kind === 'incumbent') incumbent = { ...reply, kind: 'solved' };
        else finish(reply);
      });
      if (this.failure !== null) return finish({ kind: 'failed', detail: this.failure });
      this.listener = (detail) => finish({ kind: 'failed', detail });
      this.worker.postMessage(job, [job.model.colCost.buffer, job.model.matrix.indices.buffer, job.warmStart.buffer] as ArrayBuffer[]);
    });
  }

  close(): void {
    void this.worker.terminate();
  }
}
