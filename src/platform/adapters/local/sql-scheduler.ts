import { systemClock, type Clock } from '../../clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../errors.ts';
import { isUuid, newId } from '../../ids.ts';
import { silentLogger, type Logger } from '../../logger.ts';
import type { Migration } from '../../migrations.ts';
import type { EventBus, JsonValue } from '../../ports/event-bus.ts';
import type { Scheduler, Timer, TimerInput, TimerStatus } from '../../ports/scheduler.ts';
import type { SqlDatabase, SqlExecutor } from '../../ports/sql.ts';
import { checkEventInput } from './event-bus/event-rules.ts';
import { PollingLoop } from '../../background/polling-loop.ts';

/** The timers table. */
export const schedulerMigrations: Migration[] = [
  {
    id: 'platform.scheduler.001',
    sql: `
      CREATE TABLE scheduler_timers (
        id uuid PRIMARY KEY,
        key text UNIQUE,
        type text NOT NULL,
        data jsonb NOT NULL,
        at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled', 'fired', 'cancelled')),
        created_at timestamptz NOT NULL,
        fired_at timestamptz,
        event_id uuid
      );
      CREATE INDEX scheduler_timers_due ON scheduler_timers (at) WHERE status = 'scheduled';
    `,
  },
];

export interface SqlSchedulerOptions {
  /** Database holding the timers; the same one as the bus's outbox, so firing is one transaction. */
  db: SqlDatabase;
  /** Bus the timers publish on; it must write its outbox in `db` when given a transaction. */
  bus: EventBus;
  /** Decides when a timer is due. Default: the system clock. */
  clock?: Clock;
  logger?: Logger;
  /** Pause between polls for due timers. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Timers fired per transaction. Default 50. */
  batchSize?: number;
}

interface TimerRow {
  id: string;
  key: string | null;
  type: string;
  data: JsonValue;
  at: Date;
  status: TimerStatus;
  fired_at: Date | null;
  event_id: string | null;
}

const TIMER_COLUMNS = 'id, key, type, data, at, status, fired_at, event_id';
const SOURCE = 'scheduler';

/**
 * The local {@link Scheduler}: timers in a SQL table, fired by a poller in this process.
 * Several processes may poll one PostgreSQL database: each due timer is locked by the one
 * firing it (SKIP LOCKED), and its event and its `fired` mark commit together.
 *
 * @example
 * ```ts
 * await migrate(db, [...eventBusMigrations, ...schedulerMigrations]);
 * const scheduler = new SqlScheduler({ db, bus, clock, logger });
 * await scheduler.start(); // ...and `await scheduler.stop()` at shutdown, before bus.stop()
 * ```
 */
export class SqlScheduler implements Scheduler {
  readonly #db: SqlDatabase;
  readonly #bus: EventBus;
  readonly #clock: Clock;
  readonly #batchSize: number;
  readonly #loop: PollingLoop;

  constructor(options: SqlSchedulerOptions) {
    this.#db = options.db;
    this.#bus = options.bus;
    this.#clock = options.clock ?? systemClock;
    this.#batchSize = options.batchSize ?? 50;
    const logger = options.logger ?? silentLogger();
    this.#loop = new PollingLoop(
      () => this.runOnce(),
      options.pollIntervalMs ?? 1000,
      (err) => logger.error({ err }, 'timer firing pass failed'),
    );
  }

  async schedule(input: TimerInput, tx?: SqlExecutor): Promise<Timer> {
    // The event is checked now: a timer that could not publish would fail at every poll.
    let json: string;
    try {
      json = checkEventInput({ type: input.type, source: SOURCE, data: input.data });
    } catch (err) {
      throw err instanceof AppError ? badRequest('TIMER_INVALID', err.message) : err;
    }
    checkAt(input.at);
    if (input.key !== undefined && (typeof input.key !== 'string' || input.key.length === 0 || input.key.length > 512)) {
      throw badRequest('TIMER_INVALID', 'timer key must be a string of 1 to 512 characters');
    }
    const sql = tx ?? this.#db;
    const inserted = await sql.query<TimerRow>(
      `INSERT INTO scheduler_timers (id, key, type, data, at, status, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, 'scheduled', $6)
       ON CONFLICT (key) DO NOTHING
       RETURNING ${TIMER_COLUMNS}`,
      [newId(), input.key ?? null, input.type, json, input.at, this.#clock.now()],
    );
    const row = inserted.rows[0] ?? (await sql.query<TimerRow>(`SELECT ${TIMER_COLUMNS} FROM scheduler_timers WHERE key = $1`, [input.key])).rows[0];
    if (!row) throw new Error(`timer with key ${input.key} vanished while being scheduled`);
    if (inserted.rowCount > 0 && input.at <= this.#clock.now()) this.#loop.nudge();
    return toTimer(row);
  }

  async cancel(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const res = await this.#db.query("UPDATE scheduler_timers SET status = 'cancelled' WHERE id = $1 AND status = 'scheduled'", [id]);
    return res.rowCount > 0;
  }

  async reschedule(id: string, at: Date): Promise<Timer> {
    checkAt(at);
    const updated = isUuid(id)
      ? await this.#db.query<TimerRow>(`UPDATE scheduler_timers SET at = $2 WHERE id = $1 AND status = 'scheduled' RETURNING ${TIMER_COLUMNS}`, [id, at])
      : { rows: [] };
    const row = updated.rows[0];
    if (row) {
      if (at <= this.#clock.now()) this.#loop.nudge();
      return toTimer(row);
    }
    const existing = await this.get(id);
    if (!existing) throw notFound('TIMER_NOT_FOUND', `No timer has id ${id}.`);
    if (existing.status === 'fired') throw conflict('TIMER_ALREADY_FIRED', `Timer ${id} has already fired.`);
    throw conflict('TIMER_CANCELLED', `Timer ${id} was cancelled.`);
  }

  async get(id: string): Promise<Timer | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.#db.query<TimerRow>(`SELECT ${TIMER_COLUMNS} FROM scheduler_timers WHERE id = $1`, [id]);
    return rows[0] && toTimer(rows[0]);
  }

  async start(): Promise<void> {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  async runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const fired = await this.#fireDueBatch(this.#clock.now());
      total += fired;
      if (fired < this.#batchSize) return total;
    }
  }

  /** Publishes due timers through the outbox and marks them fired, in one transaction. */
  async #fireDueBatch(now: Date): Promise<number> {
    return this.#db.transaction(async (tx) => {
      const due = await tx.query<TimerRow>(
        `SELECT ${TIMER_COLUMNS} FROM scheduler_timers
         WHERE status = 'scheduled' AND at <= $1
         ORDER BY at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED`,
        [now, this.#batchSize],
      );
      for (const timer of due.rows) {
        const event = await this.#bus.publish({ type: timer.type, source: SOURCE, subject: timer.id, data: timer.data }, tx);
        await tx.query("UPDATE scheduler_timers SET status = 'fired', fired_at = $2, event_id = $3 WHERE id = $1", [timer.id, now, event.id]);
      }
      return due.rowCount;
    });
  }
}

function checkAt(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw badRequest('TIMER_INVALID', 'timer `at` must be a valid Date');
}

function toTimer(row: TimerRow): Timer {
  return {
    id: row.id,
    type: row.type,
    data: row.data,
    at: row.at,
    key: row.key,
    status: row.status,
    firedAt: row.fired_at,
    eventId: row.event_id,
  };
}
