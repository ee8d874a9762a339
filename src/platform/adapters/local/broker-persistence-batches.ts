import type { ClassicLevel } from 'classic-level';

/** One change to the store. */
export type Operation = { type: 'put'; key: string; value: Buffer } | { type: 'del'; key: string };

/**
 * Group commit for LevelDB: the changes asked for while a batch is being written go together in
 * the next one, so a burst of QoS 1 messages costs a few writes, not one per message. One batch
 * is written at a time, so changes reach the disk in the order they were asked for.
 */
export class BatchWriter {
  readonly #db: ClassicLevel<string, Buffer>;
  #pending: Operation[] = [];
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #flushing: Promise<void> | undefined;

  constructor(db: ClassicLevel<string, Buffer>) {
    this.#db = db;
  }

  /** Resolves once `operations` are written (with whatever joined their batch). */
  write(operations: Operation[]): Promise<void> {
    if (operations.length === 0) return Promise.resolve();
    this.#pending.push(...operations);
    const written = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#flushing ??= this.#drain();
    return written;
  }

  /** Resolves when every write asked for so far is done. */
  async idle(): Promise<void> {
    await this.#flushing;
  }

  async #drain(): Promise<void> {
    // Let the rest of this tick's writes join the first batch.
    await Promise.resolve();
    while (this.#pending.length > 0) {
      const operations = this.#pending;
      const waiters = this.#waiters;
      this.#pending = [];
      this.#waiters = [];
      try {
        await this.#db.batch(operations);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.#flushing = undefined;
  }
}
