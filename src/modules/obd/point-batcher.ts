import { AppError } from '../../platform/errors.ts';
import type { TimePoint } from '../../platform/ports/time-series.ts';

export interface PointBatcherOptions {
  /** Stores one batch (the time-series port's `write`). */
  write: (points: readonly TimePoint[]) => Promise<void>;
  /** A write starts at once when this many points wait. */
  maxPoints: number;
  /** Otherwise the first waiting point waits at most this long. */
  delayMs: number;
  /** Writes in flight at once (1 on PGlite, which has one connection; more on a PostgreSQL pool). */
  concurrency?: number;
  /** Beyond this many waiting points, `add` refuses (503 `OBD_INGEST_BUSY`) instead of growing memory. */
  maxBuffered?: number;
  /** Pauses between attempts of a failed write; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Gathers points from many messages into few time-series writes: at most `concurrency` writes
 * at a time, each taking every point that arrived meanwhile, so a busy ingest writes big batches
 * and a quiet one waits at most `delayMs`. `add` resolves once its points are stored
 * (acknowledge after that).
 */
export class PointBatcher {
  readonly #o: Required<PointBatcherOptions>;
  #points: TimePoint[] = [];
  #waiters: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #running = new Set<Promise<void>>();
  /** Adds waiting for room in the buffer, oldest first. */
  #roomWaiters: (() => void)[] = [];

  constructor(options: PointBatcherOptions) {
    this.#o = { maxBuffered: 200_000, retryDelaysMs: [100, 500], concurrency: 1, ...options };
  }

  /** Points waiting to be written. */
  get buffered(): number {
    return this.#points.length;
  }

  /**
   * Queues `points`; resolves when they are stored, rejects when the write failed for good. When
   * the buffer is full it refuses (503 `OBD_INGEST_BUSY`, for HTTP callers to retry), or with
   * `waitForRoom` waits for the next write to take the buffer: MQTT messages are in memory already,
   * held by the broker until acknowledged, and a refusal would only leave them unacknowledged until
   * the next connection.
   */
  add(points: readonly TimePoint[], options: { waitForRoom?: boolean } = {}): Promise<void> {
    if (points.length === 0) return Promise.resolve();
    if (this.#points.length + points.length > this.#o.maxBuffered && this.#points.length > 0) {
      if (options.waitForRoom) return new Promise<void>((resolve) => this.#roomWaiters.push(resolve)).then(() => this.add(points, options));
      return Promise.reject(new AppError(503, 'OBD_INGEST_BUSY', 'Readings are arriving faster than they can be stored; retry shortly.', { headers: { 'Retry-After': '1' } }));
    }
    const stored = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    for (const p of points) this.#points.push(p);
    if (this.#points.length >= this.#o.maxPoints) this.#start();
    else this.#timer ??= setTimeout(() => this.#start(), this.#o.delayMs);
    return stored;
  }

  /** Writes everything waiting now; resolves when written (or failed). */
  async flush(): Promise<void> {
    while (this.#points.length > 0 || this.#running.size > 0) {
      this.#start();
      await Promise.all(this.#running);
    }
  }

  #start(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // When every slot is busy, the next write to end starts the next batch.
    while (this.#running.size < this.#o.concurrency && this.#points.length > 0) this.#launch();
  }

  #launch(): void {
    const points = this.#points;
    const waiters = this.#waiters;
    this.#points = [];
    this.#waiters = [];
    // The buffer is free again: the adds that waited for room go in, in order (those that no longer fit wait again).
    const admitted = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const admit of admitted) admit();
    const write: Promise<void> = this.#writeWithRetries(points)
      .then(
        () => {
          for (const w of waiters) w.resolve();
        },
        (error: unknown) => {
          for (const w of waiters) w.reject(error);
        },
      )
      .finally(() => {
        this.#running.delete(write);
        if (this.#points.length > 0) this.#start();
      });
    this.#running.add(write);
  }

  async #writeWithRetries(points: readonly TimePoint[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#o.write(points);
      } catch (error) {
        const pause = this.#o.retryDelaysMs[attempt];
        if (pause === undefined || (error instanceof AppError && error.status < 500)) throw error;
        await sleep(pause);
      }
    }
  }
}
