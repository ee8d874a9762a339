import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';

/** A clean-up job: removes what has outlived its use, returns how many rows it removed. */
export type Chore = (now: Date) => Promise<number>;

/**
 * Periodic clean-up of tables that would otherwise grow forever (delivered events, expired
 * idempotency records, refresh tokens, key-value items). Each owner registers its own chore;
 * a failing chore is logged and does not stop the others.
 */
export class Housekeeping {
  readonly #chores = new Map<string, Chore>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  add(name: string, chore: Chore): void {
    if (this.#chores.has(name)) throw new Error(`housekeeping chore ${name} is already registered`);
    this.#chores.set(name, chore);
  }

  /** Runs every chore once; returns rows removed per chore (failed chores are left out). */
  async runOnce(): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    for (const [name, chore] of this.#chores) {
      try {
        removed[name] = await chore(this.clock.now());
      } catch (err) {
        this.logger.warn({ err, chore: name }, 'housekeeping chore failed');
      }
    }
    const total = Object.values(removed).reduce((a, b) => a + b, 0);
    if (total > 0) this.logger.info({ removed }, 'housekeeping');
    return removed;
  }

  start(intervalMs: number): void {
    this.#timer = setInterval(() => {
      this.#running ??= this.runOnce().finally(() => (this.#running = undefined));
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }
}
