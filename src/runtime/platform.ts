import path from 'node:path';
import { OutboxEventBus } from '../platform/adapters/local/outbox-event-bus.ts';
import { SqlScheduler } from '../platform/adapters/local/sql-scheduler.ts';
import { SqlKeyValueTable } from '../platform/adapters/local/sql-key-value.ts';
import { SqlTimeSeriesStore } from '../platform/adapters/local/sql-time-series.ts';
import { openFolderBlobStore } from '../platform/adapters/local/folder-blob-store.ts';
import { loadOrCreateSecretFile } from '../platform/adapters/local/secret-file.ts';
import { AslWorkflowEngine } from '../platform/adapters/local/asl-workflow-engine.ts';
import { OutboxNotifier } from '../platform/adapters/local/outbox-notifier.ts';
import type { BlobStore } from '../platform/ports/blob-store.ts';
import type { Notifications } from '../platform/ports/notifications.ts';
import type { Workflows } from '../platform/ports/workflows.ts';
import type { MqttBus } from '../platform/ports/mqtt.ts';
import type { OcrEngine } from '../platform/ports/ocr-engine.ts';
import { lazyOcrEngine } from '../platform/adapters/local/lazy-ocr-engine.ts';
import type { TimeSeriesStore } from '../platform/ports/time-series.ts';
import { offsetClock, systemClock, type Clock } from '../platform/clock.ts';
import { deploymentShareGroup } from './mqtt-share-group.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { migrate } from '../platform/migrations.ts';
import type { EventBus } from '../platform/ports/event-bus.ts';
import type { KeyValueTable } from '../platform/ports/key-value.ts';
import type { Scheduler } from '../platform/ports/scheduler.ts';
import type { SqlDatabase } from '../platform/ports/sql.ts';
import { purgeEventHistory } from '../platform/adapters/local/event-bus/retention.ts';
import { SqlIdempotencyStore } from '../platform/idempotency/sql-idempotency-store.ts';
import { purgeExpiredRateLimits } from '../platform/http/sql-rate-limit-store.ts';
import type { IdempotencyStore } from '../platform/idempotency/idempotency-store.ts';
import type { Migration } from '../platform/migrations.ts';
import { Housekeeping } from './housekeeping.ts';

/** How long delivered events are kept for inspection before housekeeping removes them. */
const EVENT_HISTORY_DAYS = 7;
const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

/** The adapters behind every port, chosen once from configuration. Modules receive this. */
export interface Platform {
  config: Config;
  clock: Clock;
  logger: Logger;
  db: SqlDatabase;
  events: EventBus;
  scheduler: Scheduler;
  kv: KeyValueTable;
  timeseries: TimeSeriesStore;
  blobs: BlobStore;
  /** Secret that signs blob URLs; the HTTP route that serves them verifies with it (never given to modules). */
  blobUrlSecret: Uint8Array;
  /** The platform's own MQTT connection (OBD telemetry and commands); absent for CLI tasks. */
  mqtt: MqttBus;
  idempotency: IdempotencyStore;
  /** ASL workflows. Register definitions and task functions before `start()`, which resumes executions. */
  workflows: Workflows;
  notifications: Notifications;
  /** Page OCR, shared by the modules that read documents; opened on the first page. */
  ocr: OcrEngine;
  /** Periodic clean-up; modules add their own chores before `start()`. */
  housekeeping: Housekeeping;
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
  /** Public base URL of the HTTP API (signed blob URLs point under it). */
  baseUrl: string;
  /** The MQTT broker to connect to: the embedded one, or MQTT_URL; none for one-off CLI tasks. */
  mqttUrl?: string;
  /** Credentials of the platform's own MQTT client (when the broker authenticates devices). */
  mqttCredentials?: { username: string; password: string };
  /**
   * A fixed client id for a session the broker keeps while this process is away (see
   * `connectMqttBus`'s persistentSession): for the one process that subscribes per broker.
   */
  mqttSessionId?: string;
  /** Every schema change to apply: the platform's and the modules' (see runtime/migrations.ts). */
  migrations: readonly Migration[];
  /**
   * The database, already being opened and migrated (`openMigratedDatabase` with the same
   * migrations), so that a caller overlaps it with other start-up work; the platform owns it then.
   */
  database?: Promise<SqlDatabase>;
}

/** Opens the SQL database named by configuration: PostgreSQL when DATABASE_URL is set, else PGlite in the data folder. */
// Adapters are imported when chosen: a process (or a Lambda bundle) loads only the drivers it uses.
export async function openDatabase(config: Config, migrations?: readonly Migration[]): Promise<SqlDatabase> {
  if (config.databaseUrl) {
    const { openPostgresDatabase } = await import('../platform/adapters/postgres/postgres-database.ts');
    return openPostgresDatabase({ connectionString: config.databaseUrl });
  }
  const { openPgliteWorkerDatabase } = await import('../platform/adapters/local/pglite-worker-database.ts');
  // In a worker thread, so that query execution never blocks HTTP; a new folder starts as a copy
  // of the template already migrated with these migrations.
  return openPgliteWorkerDatabase(path.join(config.dataDir, 'pg'), migrations ? { migrations } : {});
}

/** The clock configuration asks for: NOVAEVO_NOW, then running on, or the system clock. */
export function configuredClock(config: Config): Clock {
  return config.now ? offsetClock(config.now) : systemClock;
}

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config, logger: Logger, migrations: readonly Migration[]): Promise<SqlDatabase> {
  const db = await openDatabase(config, migrations);
  try {
    const applied = await migrate(db, migrations);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Opens the database, applies migrations and builds the adapters. */
export async function openPlatform(options: OpenPlatformOptions): Promise<Platform> {
  const { config, logger } = options;
  const clock = options.clock ?? configuredClock(config);
  if (config.now) logger.info({ now: config.now.toISOString() }, 'platform clock set by NOVAEVO_NOW');
  // The MQTT client library (~0.1 s of imports) loads on this thread while the database opens in its own.
  const mqttClient = options.mqttUrl ? import('../platform/adapters/local/mqtt-client-bus.ts') : undefined;
  mqttClient?.catch(() => {}); // awaited (and reported) by assemble
  const db = await (options.database ?? openMigratedDatabase(config, logger, options.migrations));
  try {
    return await assemble(options, clock, db, mqttClient);
  } catch (err) {
    await db.close();
    throw err;
  }
}

async function assemble(
  options: OpenPlatformOptions,
  clock: Clock,
  db: SqlDatabase,
  mqttClient?: Promise<typeof import('../platform/adapters/local/mqtt-client-bus.ts')>,
): Promise<Platform> {
  const { config, logger } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const events = new OutboxEventBus({ db, clock, logger: logger.child({ component: 'events' }), pollIntervalMs });
  const scheduler = new SqlScheduler({ db, bus: events, clock, logger: logger.child({ component: 'scheduler' }), pollIntervalMs });
  const kv = new SqlKeyValueTable({ db, clock, table: 'novaevo' });
  const timeseries = new SqlTimeSeriesStore({ db });
  const keys = path.join(config.dataDir, 'keys');
  const blobUrlSecret = await loadOrCreateSecretFile(path.join(keys, 'blob-url-signing.key'));
  const blobs = await openFolderBlobStore({
    root: path.join(config.dataDir, 'blobs'),
    encryptionKey: await loadOrCreateSecretFile(path.join(keys, 'blob-encryption.key')),
    signing: { baseUrl: `${options.baseUrl}/v1/blobs`, secret: blobUrlSecret },
    clock,
  });
  const mqtt = options.mqttUrl
    ? await (await (mqttClient ?? import('../platform/adapters/local/mqtt-client-bus.ts'))).connectMqttBus(options.mqttUrl, {
        logger,
        ...options.mqttCredentials,
        ...(options.mqttSessionId ? { clientId: options.mqttSessionId, persistentSession: true } : {}),
        // On an external broker every process of the deployment takes its share of device messages.
        ...(config.mqtt.url ? { shareGroup: deploymentShareGroup(config) } : {}),
      })
    : unavailableMqttBus();
  const idempotency = new SqlIdempotencyStore(db);
  const ocr = openOcrEngine(config.ocr);
  const housekeeping = new Housekeeping(clock, logger.child({ component: 'housekeeping' }));
  housekeeping.add('kv.expired-items', () => kv.sweepExpired());
  housekeeping.add('events.delivered-history', (now) => purgeEventHistory(db, new Date(now.getTime() - EVENT_HISTORY_DAYS * 86_400_000)));
  housekeeping.add('platform.idempotency-records', (now) => idempotency.purgeExpired(now));
  housekeeping.add('platform.rate-limits', (now) => purgeExpiredRateLimits(db, now));
  const workflows = new AslWorkflowEngine({
    db,
    clock,
    logger: logger.child({ component: 'workflows' }),
    pollIntervalMs,
    claimIntervalMs: pollIntervalMs,
    // PGlite serves one process per data folder: a fixed owner resumes its executions at once after a kill -9.
    // On PostgreSQL each process is its own owner, and takes over a dead one's executions when their leases expire.
    ...(db.kind === 'pglite' ? { owner: 'embedded' } : {}),
  });
  const smtp = config.smtp ? (await import('../platform/adapters/local/smtp-transport.ts')).smtpTransport(config.smtp) : undefined;
  const notifications = new OutboxNotifier({
    db,
    clock,
    logger: logger.child({ component: 'notifications' }),
    pollIntervalMs,
    ...(smtp ? { transports: { email: smtp } } : {}),
  });

  return {
    config,
    clock,
    logger,
    db,
    events,
    scheduler,
    kv,
    timeseries,
    blobs,
    blobUrlSecret,
    mqtt,
    idempotency,
    workflows,
    notifications,
    housekeeping,
    ocr,
    adapters: {
      database: db.kind,
      events: 'sql-outbox',
      scheduler: 'sql-timers',
      kv: 'sql',
      timeseries: 'sql',
      blobs: 'folder-aes256gcm',
      mqtt: config.mqtt.url ? 'external' : 'aedes',
      workflows: 'aws-local-stepfunctions',
      notifications: smtp ? 'outbox+smtp' : 'outbox+log',
      ocr: config.ocr.engine === 'textract' ? 'textract' : 'tesseract.js (fra)',
    },
    async start() {
      await events.start();
      await scheduler.start();
      await notifications.start();
      await workflows.open();
      housekeeping.start(HOUSEKEEPING_INTERVAL_MS);
    },
    async close() {
      await housekeeping.stop();
      await workflows.close();
      await scheduler.stop();
      await notifications.stop();
      await events.stop();
      smtp?.close();
      await mqtt.close();
      await ocr.close();
      await db.close();
    },
  };
}

/** The configured OCR engine, opened on its first page (the AWS SDK is imported only when chosen). */
function openOcrEngine(config: Config['ocr']): OcrEngine {
  if (config.engine === 'textract') {
    return lazyOcrEngine(async () => {
      const [{ TextractClient }, { TextractOcrEngine }] = await Promise.all([import('@aws-sdk/client-textract'), import('../platform/adapters/aws/textract-ocr-engine.ts')]);
      return new TextractOcrEngine({ client: new TextractClient(config.textractRegion ? { region: config.textractRegion } : {}) });
    });
  }
  // Certificates and Kbis extracts are French: the French model alone reads them as well as
  // French + English, in 40% less time. tesseract.js and sharp (~40 MB) load with the first page.
  return lazyOcrEngine(async () => {
    const { createTesseractOcrEngine } = await import('../platform/adapters/local/tesseract-ocr-engine.ts');
    return createTesseractOcrEngine({ languages: ['fra'], maxInputPixels: config.maxPixels, targetLongSide: 2500, ...(config.workers ? { workers: config.workers } : {}) });
  });
}

/** The MQTT port of a process that has no broker connection (one-off CLI tasks). */
function unavailableMqttBus(): MqttBus {
  const refuse = () => Promise.reject(new Error('this process has no MQTT connection'));
  return { publish: refuse, subscribe: refuse, close: () => Promise.resolve() };
}
