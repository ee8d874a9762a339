import path from 'node:path';
import { openPgliteDatabase } from '../platform/adapters/local/pglite-database.ts';
import { openPostgresDatabase } from '../platform/adapters/aws/postgres-database.ts';
import { OutboxEventBus } from '../platform/adapters/local/outbox-event-bus.ts';
import { SqlScheduler } from '../platform/adapters/local/sql-scheduler.ts';
import { SqlKeyValueTable } from '../platform/adapters/local/sql-key-value.ts';
import { offsetClock, systemClock, type Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { migrate } from '../platform/migrations.ts';
import type { EventBus } from '../platform/ports/event-bus.ts';
import type { KeyValueTable } from '../platform/ports/key-value.ts';
import type { Scheduler } from '../platform/ports/scheduler.ts';
import type { SqlDatabase } from '../platform/ports/sql.ts';
import { allMigrations } from './migrations.ts';

/** The adapters behind every port, chosen once from configuration. Modules receive this. */
export interface Platform {
  config: Config;
  clock: Clock;
  logger: Logger;
  db: SqlDatabase;
  events: EventBus;
  scheduler: Scheduler;
  kv: KeyValueTable;
  /** Adapter names per port, for /health. */
  adapters: Record<string, string>;
  /** Starts background work: event dispatch, timers, sweeps. */
  start(): Promise<void>;
  /** Stops background work (waiting for handlers in flight) and closes the database. */
  close(): Promise<void>;
}

export interface OpenPlatformOptions {
  config: Config;
  logger: Logger;
  /** Overrides the clock chosen from NOVAEVO_NOW (tests). */
  clock?: Clock;
  /** Poll interval of the event dispatcher and the timers (default 1000 ms). */
  pollIntervalMs?: number;
}

/** Opens the SQL database named by configuration: PostgreSQL when DATABASE_URL is set, else PGlite in the data folder. */
export async function openDatabase(config: Config): Promise<SqlDatabase> {
  if (config.databaseUrl) return openPostgresDatabase({ connectionString: config.databaseUrl });
  return openPgliteDatabase(path.join(config.dataDir, 'pg'));
}

/** Opens the database, applies migrations and builds the adapters. */
export async function openPlatform(options: OpenPlatformOptions): Promise<Platform> {
  const { config, logger } = options;
  const clock = options.clock ?? (config.now ? offsetClock(config.now) : systemClock);
  if (config.now) logger.info({ now: config.now.toISOString() }, 'platform clock set by NOVAEVO_NOW');
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db, allMigrations);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  } catch (err) {
    await db.close();
    throw err;
  }
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const events = new OutboxEventBus({ db, clock, logger: logger.child({ component: 'events' }), pollIntervalMs });
  const scheduler = new SqlScheduler({ db, bus: events, clock, logger: logger.child({ component: 'scheduler' }), pollIntervalMs });
  const kv = new SqlKeyValueTable({ db, clock, table: 'novaevo' });
  let sweep: NodeJS.Timeout | undefined;

  return {
    config,
    clock,
    logger,
    db,
    events,
    scheduler,
    kv,
    adapters: {
      database: db.kind,
      events: 'sql-outbox',
      scheduler: 'sql-timers',
      kv: 'sql',
      identity: config.cognito ? 'local+cognito' : 'local',
    },
    async start() {
      await events.start();
      await scheduler.start();
      // Expired key-value items are invisible at once; the sweep only reclaims their space.
      sweep = setInterval(() => void kv.sweepExpired().catch((err: unknown) => logger.warn({ err }, 'kv sweep failed')), 60_000);
      sweep.unref();
    },
    async close() {
      if (sweep) clearInterval(sweep);
      await scheduler.stop();
      await events.stop();
      await db.close();
    },
  };
}
