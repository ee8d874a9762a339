import pino from 'pino';
import { SqlTimeSeriesStore } from '../../platform/adapters/local/sql-time-series.ts';
import { offsetClock, systemClock, type Clock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { purgeExpiredRateLimits } from '../../platform/http/sql-rate-limit-store.ts';
import type { IdempotencyStore } from '../../platform/idempotency/idempotency-store.ts';
import { createLogger } from '../../platform/logger.ts';
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
import type { Platform } from '../platform.ts';
import { openAwsDatabase } from './aws-database.ts';

/**
 * The ports a function gets from the AWS adapters (src/platform/adapters/aws). A port whose
 * adapter is not part of this build is absent: the platform then refuses its use with a 503
 * `PORT_UNAVAILABLE` and /health names it `unavailable`, rather than pretend.
 */
export interface AwsPorts {
  kv: KeyValueTable;
  idempotency: IdempotencyStore;
  events?: EventBus;
  scheduler?: Scheduler;
  blobs?: BlobStore;
  workflows?: Workflows;
  notifications?: Notifications;
  mqtt?: MqttBus;
  /** Adapter names for /health. */
  adapters: Record<string, string>;
}

/**
 * The AWS adapters' factory, mapped onto the platform's ports. Imported at the first
 * invocation: bundled, the SDK's code is then only parsed at initialisation, not run.
 */
export async function awsPortsOf(env: Record<string, string | undefined>, clock: Clock): Promise<AwsPorts> {
  const { openAwsPlatformPorts } = await import('../../platform/adapters/aws/index.ts');
  const ports = openAwsPlatformPorts(env, { clock });
  return {
    // One logical table for the platform (the local runtime's `novaevo`); modules' keys are prefixed `<MODULE>#`.
    kv: ports.keyValueTable('novaevo'),
    idempotency: ports.idempotency,
    adapters: { kv: 'dynamodb', idempotency: 'dynamodb' },
  };
}

/**
 * A port this build has no AWS adapter for: every use is a 503 naming it, except the
 * declarations listed in `declarations` (accepted and ignored: e.g. workflow definitions, which
 * the CDK app deploys).
 */
function unavailable<T extends object>(port: string, declarations: string[] = []): T {
  return new Proxy({} as T, {
    get: (_, prop) => {
      if (prop === 'then') return undefined;
      if (declarations.includes(String(prop))) return () => undefined;
      return () => {
        throw new AppError(503, 'PORT_UNAVAILABLE', `The ${port} port has no AWS adapter in this deployment.`);
      };
    },
  });
}

export interface OpenAwsPlatformOptions {
  env?: Record<string, string | undefined>;
  /** Defaults to the AWS adapters of `env`. */
  ports?: (env: Record<string, string | undefined>, clock: Clock) => Promise<AwsPorts>;
  /** Defaults to Aurora through RDS Proxy (DATABASE_URL, or DATABASE_SECRET_ARN). */
  openDatabase?: (env: Record<string, string | undefined>) => Promise<SqlDatabase>;
}

/**
 * The platform of one Lambda function: the AWS adapters for the ports, Aurora PostgreSQL for
 * SQL (and the time series on it), configuration validated from the function's environment
 * with the sections of `modules`. Opened once per instance (module-handler.ts reuses it), never
 * migrated here: the migrations custom resource runs at deploy time. Nothing runs in the
 * background — EventBridge, Scheduler and Step Functions deliver, and `start()` does nothing.
 */
export async function openAwsPlatform(modules: readonly PlatformModule[], options: OpenAwsPlatformOptions = {}): Promise<Platform> {
  const env = options.env ?? process.env;
  const config = loadConfig(env, { modules });
  // Synchronous writes: an instance is frozen as soon as it answers, and queued lines would wait for the next invocation.
  const logger = createLogger({ level: config.log.level, pretty: false }, pino.destination({ dest: 1, sync: true }));
  const clock = config.now ? offsetClock(config.now) : systemClock;
  const ports = await (options.ports ?? awsPortsOf)(env, clock);
  const db = await (options.openDatabase ?? openAwsDatabase)(env);
  const housekeeping = new Housekeeping(clock, logger.child({ component: 'housekeeping' }));
  housekeeping.add('platform.rate-limits', (now) => purgeExpiredRateLimits(db, now));
  const secret = env.NOVAEVO_BLOB_URL_SECRET;
  const adapters: Record<string, string> = { database: db.kind, timeseries: 'sql', ...ports.adapters };
  for (const port of ['events', 'scheduler', 'blobs', 'workflows', 'notifications', 'mqtt'] as const) adapters[port] ??= ports[port] ? 'aws' : 'unavailable';
  return {
    config,
    clock,
    logger,
    db,
    events: ports.events ?? unavailable('events'),
    scheduler: ports.scheduler ?? unavailable('scheduler'),
    kv: ports.kv,
    timeseries: new SqlTimeSeriesStore({ db }),
    blobs: ports.blobs ?? unavailable('blobs'),
    // Signs the platform's own blob URLs; S3 presigns its own, so without the variable no URL of this kind verifies.
    blobUrlSecret: secret ? Buffer.from(secret, 'base64') : crypto.getRandomValues(new Uint8Array(32)),
    mqtt: ports.mqtt ?? unavailable('mqtt'),
    idempotency: ports.idempotency,
    workflows: ports.workflows ?? unavailable('workflows', ['register', 'registerTask']),
    notifications: ports.notifications ?? unavailable('notifications'),
    housekeeping,
    adapters,
    start: async () => undefined,
    async close() {
      await ports.mqtt?.close();
      await db.close();
    },
  };
}
