import type { ClientRateLimitInfo, Store } from 'hono-rate-limiter';
import { systemClock, type Clock } from '../clock.ts';
import type { Migration } from '../migrations.ts';
import type { SqlDatabase } from '../ports/sql.ts';

/** The hit counters of every SQL-backed rate limiter: one row per limiter key and fixed window. */
export const rateLimitMigrations: Migration[] = [
  {
    id: 'platform.rate-limits.001',
    sql: `CREATE TABLE http_rate_limits (
      key text NOT NULL,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL,
      reset_at timestamptz NOT NULL,
      PRIMARY KEY (key, window_start)
    );
    CREATE INDEX http_rate_limits_reset ON http_rate_limits (reset_at);`,
  },
];

/** Deletes the counters of windows that have ended (housekeeping). Returns how many it removed. */
export async function purgeExpiredRateLimits(db: SqlDatabase, now: Date): Promise<number> {
  return (await db.query('DELETE FROM http_rate_limits WHERE reset_at <= $1', [now])).rowCount;
}

export interface SqlRateLimitStoreOptions {
  /** Migrated with `rateLimitMigrations`. */
  db: SqlDatabase;
  /** Names the limiter (e.g. `identity.auth`): limiters keyed by the same client address keep separate counts. */
  prefix: string;
  /** Decides the current window. Default: the system clock. */
  clock?: Clock;
}

interface CounterRow {
  hits: number;
  reset_at: Date;
}

/**
 * A `hono-rate-limiter` Store in SQL, so that every process on one database shares one limit
 * (the default MemoryStore gives each process its own). Fixed windows aligned on the epoch: a
 * hit is one atomic upsert-increment of the row (key, window), so concurrent hits on any number
 * of processes are all counted. Ended windows stay until {@link purgeExpiredRateLimits} runs.
 *
 * @example
 * ```ts
 * await migrate(db, rateLimitMigrations);
 * app.use('/v1/auth/*', rateLimiter({ windowMs: 60_000, limit: 30, keyGenerator, store: new SqlRateLimitStore({ db, prefix: 'identity.auth' }) }));
 * housekeeping.add('http.rate-limits', (now) => purgeExpiredRateLimits(db, now));
 * ```
 */
export class SqlRateLimitStore implements Store {
  /** Counts are shared through the database, not local to this instance. */
  readonly localKeys = false;
  readonly prefix: string;
  readonly #db: SqlDatabase;
  readonly #clock: Clock;
  #windowMs: number | undefined;

  constructor(options: SqlRateLimitStoreOptions) {
    if (options.prefix === '') throw new RangeError('a rate limit store needs a prefix naming its limiter');
    this.#db = options.db;
    this.#clock = options.clock ?? systemClock;
    this.prefix = `${options.prefix}:`;
  }

  /** Called by `rateLimiter()` with its options: the window length comes from there. */
  init(options: { windowMs: number }): void {
    if (!(options.windowMs > 0)) throw new RangeError(`rate limit window must be positive, got ${options.windowMs}`);
    this.#windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { start } = this.#window();
    const { rows } = await this.#db.query<CounterRow>('SELECT hits, reset_at FROM http_rate_limits WHERE key = $1 AND window_start = $2', [
      this.prefix + key,
      start,
    ]);
    return rows[0] && { totalHits: rows[0].hits, resetTime: rows[0].reset_at };
  }

  // The hot path: one statement per request.
  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { start, end } = this.#window();
    const { rows } = await this.#db.query<CounterRow>(
      `INSERT INTO http_rate_limits (key, window_start, hits, reset_at) VALUES ($1, $2, 1, $3)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = http_rate_limits.hits + 1
       RETURNING hits, reset_at`,
      [this.prefix + key, start, end],
    );
    const row = rows[0]!;
    return { totalHits: row.hits, resetTime: row.reset_at };
  }

  /** Takes back one hit of the current window (skipped requests), never below zero. */
  async decrement(key: string): Promise<void> {
    const { start } = this.#window();
    await this.#db.query('UPDATE http_rate_limits SET hits = hits - 1 WHERE key = $1 AND window_start = $2 AND hits > 0', [this.prefix + key, start]);
  }

  async resetKey(key: string): Promise<void> {
    await this.#db.query('DELETE FROM http_rate_limits WHERE key = $1', [this.prefix + key]);
  }

  /** Clears every counter of this limiter (its prefix), on every process. */
  async resetAll(): Promise<void> {
    await this.#db.query('DELETE FROM http_rate_limits WHERE starts_with(key, $1)', [this.prefix]);
  }

  #window(): { start: Date; end: Date } {
    const windowMs = this.#windowMs;
    if (windowMs === undefined) throw new Error('SqlRateLimitStore used before init(): pass it as the `store` of rateLimiter()');
    const start = Math.floor(this.#clock.now().getTime() / windowMs) * windowMs;
    return { start: new Date(start), end: new Date(start + windowMs) };
  }
}
