import type { StepOutcome } from './task-journal.ts';

/** In-memory rendezvous between a paused `.waitForTaskToken` state and the answer to its token. */
export class CallbackWaiters {
  readonly #waiters = new Map<string, (outcome: StepOutcome) => void>();

  /**
   * Resolves when {@link settle} is called for `taskToken`; rejects when `signal` aborts.
   * Registered before the journal is re-read, so an answer cannot slip between the two.
   */
  wait(taskToken: string, signal: AbortSignal): Promise<StepOutcome> {
    const waiting = new Promise<StepOutcome>((resolve, reject) => {
      const onAbort = () => {
        this.#waiters.delete(taskToken);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.set(taskToken, (outcome) => {
        signal.removeEventListener('abort', onAbort);
        this.#waiters.delete(taskToken);
        resolve(outcome);
      });
    });
    // The caller may not await it yet (it first dispatches the task): an abort meanwhile is not an unhandled rejection.
    waiting.catch(() => undefined);
    return waiting;
  }

  /** Wakes the state waiting on `taskToken`, if it runs in this process. */
  settle(taskToken: string, outcome: StepOutcome): void {
    this.#waiters.get(taskToken)?.(outcome);
  }
}
