import type { StepOutcome } from './task-journal.ts';

/**
 * A heartbeat is kept in memory, not journaled, while the journal's is younger than this share
 * of HeartbeatSeconds: so after a takeover or a crash, the replayed callback may time out that
 * much early at most (a clean close journals the heartbeats kept here).
 */
export const UNJOURNALED_HEARTBEAT_SHARE = 0.1;

interface Waiter {
  settle(outcome: StepOutcome): void;
  /** HeartbeatSeconds in ms, when the callback has one. */
  heartbeatMs?: number;
  /** The last heartbeat the journal holds (or the callback's dispatch), in epoch ms. */
  journaledAt: number;
  /** The last heartbeat received here, in epoch ms (≥ journaledAt). */
  latestAt: number;
}

/**
 * In-memory rendezvous between a paused `.waitForTaskToken` state and the answer to its token,
 * and the heartbeats of the callbacks paused here.
 */
export class CallbackWaiters {
  readonly #waiters = new Map<string, Waiter>();

  /**
   * Resolves when {@link settle} is called for `taskToken`; rejects when `signal` aborts.
   * Registered before the journal is re-read, so an answer cannot slip between the two.
   * `heartbeats`: the callback's HeartbeatSeconds and the last heartbeat its journal holds.
   */
  wait(taskToken: string, signal: AbortSignal, heartbeats?: { heartbeatSeconds?: number; journaledAt: Date }): Promise<StepOutcome> {
    const journaledAt = heartbeats?.journaledAt.getTime() ?? Number.NEGATIVE_INFINITY;
    const waiting = new Promise<StepOutcome>((resolve, reject) => {
      const onAbort = () => {
        this.#waiters.delete(taskToken);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.set(taskToken, {
        settle: (outcome) => {
          signal.removeEventListener('abort', onAbort);
          this.#waiters.delete(taskToken);
          resolve(outcome);
        },
        ...(heartbeats?.heartbeatSeconds === undefined ? {} : { heartbeatMs: heartbeats.heartbeatSeconds * 1000 }),
        journaledAt,
        latestAt: journaledAt,
      });
    });
    // The caller may not await it yet (it first dispatches the task): an abort meanwhile is not an unhandled rejection.
    waiting.catch(() => undefined);
    return waiting;
  }

  /** Wakes the state waiting on `taskToken`, if it runs in this process. */
  settle(taskToken: string, outcome: StepOutcome): void {
    this.#waiters.get(taskToken)?.settle(outcome);
  }

  /**
   * A heartbeat of `taskToken` at `now`: true when it is kept here (the callback waits in this
   * process and its journaled heartbeat is recent enough), false when the journal must record it
   * (then call {@link journaled}).
   */
  beat(taskToken: string, now: Date): boolean {
    const w = this.#waiters.get(taskToken);
    if (!w || w.heartbeatMs === undefined || now.getTime() - w.journaledAt >= w.heartbeatMs * UNJOURNALED_HEARTBEAT_SHARE) return false;
    w.latestAt = Math.max(w.latestAt, now.getTime());
    return true;
  }

  /** The journal now holds a heartbeat of `taskToken` at `at`. */
  journaled(taskToken: string, at: Date): void {
    const w = this.#waiters.get(taskToken);
    if (!w) return;
    w.journaledAt = Math.max(w.journaledAt, at.getTime());
    w.latestAt = Math.max(w.latestAt, w.journaledAt);
  }

  /** The last heartbeat of `taskToken` received here, if it waits here. */
  latestBeat(taskToken: string): Date | undefined {
    const w = this.#waiters.get(taskToken);
    return w && Number.isFinite(w.latestAt) ? new Date(w.latestAt) : undefined;
  }

  /** Heartbeats kept here that the journal does not hold yet (journaled at a clean close). */
  unjournaledBeats(): { taskToken: string; at: Date }[] {
    return [...this.#waiters].filter(([, w]) => w.latestAt > w.journaledAt).map(([taskToken, w]) => ({ taskToken, at: new Date(w.latestAt) }));
  }
}
