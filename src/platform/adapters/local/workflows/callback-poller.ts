import { type JournalStep, stepId, type TaskJournal } from './task-journal.ts';

/** Steps read per statement. */
const BATCH = 500;

/**
 * Re-reads the journal for the callbacks paused in this process — an answer given to another
 * process, a heartbeat received there, a limit passed — every `intervalMs`, all of them in one
 * statement (per {@link BATCH}) instead of one per callback. Polls only while something is watched.
 */
export class CallbackPoller {
  readonly #watched = new Map<string, { executionId: string; stepKey: string; onStep: (step: JournalStep | undefined) => void }>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #round: Promise<void> | undefined;

  constructor(
    private readonly journal: TaskJournal,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Calls `onStep` with the step as stored (undefined if missing) at each round, until the returned function is called. */
  watch(executionId: string, stepKey: string, onStep: (step: JournalStep | undefined) => void): () => void {
    const id = stepId(executionId, stepKey);
    const entry = { executionId, stepKey, onStep };
    this.#watched.set(id, entry);
    this.#schedule();
    return () => {
      if (this.#watched.get(id) === entry) this.#watched.delete(id);
    };
  }

  /** Waits for a round in progress (the engine closes its runs first, so nothing is watched any more). */
  async stop(): Promise<void> {
    await this.#round;
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#watched.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#round = this.#poll();
    }, this.intervalMs);
  }

  async #poll(): Promise<void> {
    try {
      const entries = [...this.#watched];
      for (let i = 0; i < entries.length; i += BATCH) {
        const batch = entries.slice(i, i + BATCH);
        const steps = await this.journal.findMany(batch.map(([, e]) => e));
        for (const [id, e] of batch) if (this.#watched.get(id) === e) e.onStep(steps.get(id));
      }
    } catch (err) {
      this.onError(err);
    } finally {
      this.#timer = undefined;
      this.#round = undefined;
      this.#schedule();
    }
  }
}
