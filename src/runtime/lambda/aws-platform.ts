import { AppError } from '../../platform/errors.ts';
import { lazyOcrEngine } from '../../platform/adapters/local/lazy-ocr-engine.ts';
import type { OcrEngine } from '../../platform/ports/ocr-engine.ts';
import pino from 'pino';
import { OutboxEventBus } from '../../platform/adapters/local/outbox-event-bus.ts';
import { OutboxNotifier } from '../../platform/adapters/local/outbox-notifier.ts';
import { SqlTimeSeriesStore } from '../../platform/adapters/local/sql-time-series.ts';
import { offsetClock, systemClock, type Clock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { purgeExpiredRateLimits } from '../../platform/http/sql-rate-limit-store.ts';
import type { IdempotencyStore } from '../../platform/idempotency/idempotency-store.ts';
import { createLogger, type Logger } from '../../platform/logger.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { BlobStore } from '../../platform/ports/blob-store.ts';
import type { EventBus } from '../../platform/ports/event-bus.ts';
import type { KeyValueTable } from '../../platform/ports/key-value.ts';
import type { MqttBus } from '../../platform/ports/mqtt.ts';
import type { Notifications } from '../../platform/ports/notifications.ts';
import type { Scheduler } from '../../platform/ports/scheduler.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import type { Workflows } from '../../platform/ports/workflows.ts';
import { Housekeeping } from '../housekeeping.ts';
import { openAwsDatabase } from './aws-database.ts';
import type { LambdaPlatform } from './module-handler.ts';

type Env = Record<string, string | undefined>;

/** The ports a function gets from the AWS adapters (src/platform/adapters/aws), and what it must do before it answers. */
export interface AwsPorts {
  kv: KeyValueTable;
  idempotency: IdempotencyStore;
  events: EventBus;
  scheduler: Scheduler;
  blobs: BlobStore;
  workflows: Workflows;
  notifications: Notifications;
  mqtt: MqttBus;
  /** Page OCR (Textract); absent where no function reads documents (tests). */
  ocr?: OcrEngine;
  /** Adapter names for /health. */
  adapters: Record<string, string>;
  /**
   * Hands on what the invocation committed: events written to the SQL outbox go to EventBridge,
   * notifications written to the SQL outbox go to SNS. An instance is frozen once it answers,
   * so nothing may wait for a background pass.
   */
  flush(): Promise<void>;
}

// Firmware has its own bucket (its own lifecycle and access); every other module's blobs are documents.
const FIRMWARE_PREFIX = 'flash/';

/** One blob store over the two buckets, chosen by the key's module prefix. */
export function bucketsByPrefix(documents: BlobStore, firmware: BlobStore): BlobStore {
  const of = (key: string) => (key.startsWith(FIRMWARE_PREFIX) ? firmware : documents);
  return {
    put: (key, body, options) => of(key).put(key, body, options),
    get: (key) => of(key).get(key),
    head: (key) => of(key).head(key),
    delete: (key) => of(key).delete(key),
    list: (prefix, options) => of(prefix).list(prefix, options),
    signedUrl: (key, options) => of(key).signedUrl(key, options),
  };
}

// Passes of a notification flush at the most: each takes a batch, and one invocation writes few.
const MAX_FLUSH_PASSES = 10;

/**
 * The AWS adapters' factory, mapped onto the platform's ports, with the SQL outboxes on Aurora
 * that let modules publish events and send notifications inside their transactions. Imported at
 * the first invocation: bundled, the SDK's code is then only parsed at initialisation, not run.
 */
export async function awsPortsOf(env: Env, deps: { db: SqlDatabase; clock: Clock; logger: Logger }): Promise<AwsPorts> {
  const { openAwsPlatformPorts } = await import('../../platform/adapters/aws/index.ts');
  const { db, clock, logger } = deps;
  const outbox = new OutboxEventBus({ db, clock, logger: logger.child({ component: 'events' }) });
  const ports = openAwsPlatformPorts(env, { clock, logger, outbox });
  const sns = ports.notifications;
  const notifications = new OutboxNotifier({ db, clock, logger: logger.child({ component: 'notifications' }), transports: { email: sns, sms: sns, push: sns } });
  return {
    // One logical table for the platform (the local runtime's `novaevo`); modules' keys are prefixed `<MODULE>#`.
    kv: ports.keyValueTable('novaevo'),
    idempotency: ports.idempotency,
    events: ports.events,
    scheduler: ports.scheduler,
    blobs: bucketsByPrefix(ports.documents, ports.firmware),
    workflows: ports.workflows,
    notifications,
    mqtt: ports.mqtt,
    // Textract's client is made on the first page only: most functions never read a document.
    ocr: lazyOcrEngine(async () => ports.ocr),
    adapters: {
      kv: 'dynamodb',
      idempotency: 'dynamodb',
      events: 'sql-outbox+eventbridge',
      scheduler: 'eventbridge-scheduler',
      blobs: 's3',
      workflows: 'step-functions',
      notifications: 'sql-outbox+sns',
      mqtt: 'iot-core',
    },
    async flush() {
      await ports.events.drain();
      for (let pass = 0; pass < MAX_FLUSH_PASSES && (await notifications.runOnce()) > 0; pass++);
    },
  };
}

export interface OpenAwsPlatformOptions {
  env?: Env;
  /** Defaults to the AWS adapters of `env`. */
  ports?: (env: Env, deps: { db: SqlDatabase; clock: Clock; logger: Logger }) => Promise<AwsPorts>;
  /** Defaults to Aurora through RDS Proxy (DATABASE_URL, or DATABASE_SECRET_ARN). */
  openDatabase?: (env: Env) => Promise<SqlDatabase>;
}

/**
 * The platform of one Lambda function: the AWS adapters for the ports, Aurora PostgreSQL for
 * SQL (and the time series and outboxes on it), configuration validated from the function's
 * environment with the sections of `modules`. Opened once per instance (module-handler.ts
 * reuses it), never migrated here: the migrations custom resource runs at deploy time. Nothing
 * runs in the background — EventBridge, Scheduler and Step Functions deliver, `start()` does
 * nothing, and the handler calls `flush()` after each invocation.
 */
export async function openAwsPlatform(modules: readonly PlatformModule[], options: OpenAwsPlatformOptions = {}): Promise<LambdaPlatform> {
  const env = options.env ?? process.env;
  const config = loadConfig(env, { modules });
  // Synchronous writes: an instance is frozen as soon as it answers, and queued lines would wait for the next invocation.
  const logger = createLogger({ level: config.log.level, pretty: false }, pino.destination({ dest: 1, sync: true }));
  const clock = config.now ? offsetClock(config.now) : systemClock;
  const db = await (options.openDatabase ?? openAwsDatabase)(env);
  let ports: AwsPorts;
  try {
    ports = await (options.ports ?? awsPortsOf)(env, { db, clock, logger });
  } catch (err) {
    await db.close();
    throw err;
  }
  const housekeeping = new Housekeeping(clock, logger.child({ component: 'housekeeping' }));
  housekeeping.add('platform.rate-limits', (now) => purgeExpiredRateLimits(db, now));
  const secret = env.NOVAEVO_BLOB_URL_SECRET;
  return {
    config,
    clock,
    logger,
    db,
    events: ports.events,
    scheduler: ports.scheduler,
    kv: ports.kv,
    timeseries: new SqlTimeSeriesStore({ db }),
    blobs: ports.blobs,
    // Signs the platform's own blob URLs; S3 presigns its own, so without the variable no URL of this kind verifies.
    blobUrlSecret: secret ? Buffer.from(secret, 'base64') : crypto.getRandomValues(new Uint8Array(32)),
    mqtt: ports.mqtt,
    idempotency: ports.idempotency,
    workflows: ports.workflows,
    notifications: ports.notifications,
    ocr: ports.ocr ?? lazyOcrEngine(() => Promise.reject(new AppError(503, 'OCR_UNAVAILABLE', 'This function reads no documents.'))),
    housekeeping,
    adapters: { database: db.kind, timeseries: 'sql', ...ports.adapters },
    flush: () => ports.flush(),
    start: async () => undefined,
    async close() {
      await ports.mqtt.close();
      await db.close();
    },
  };
}
