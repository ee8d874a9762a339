import type { OcrEngine } from '../ports/ocr-engine.ts';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Migration } from '../migrations.ts';
import type { ApiRouter } from '../http/router.ts';
import type { RouteKit } from '../http/route-kit.ts';
import type { IdempotencyStore } from '../idempotency/idempotency-store.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { EventBus } from '../ports/event-bus.ts';
import type { KeyValueTable } from '../ports/key-value.ts';
import type { MqttBus, MqttMessageHandler } from '../ports/mqtt.ts';
import type { Notifications } from '../ports/notifications.ts';
import type { SqlDatabase } from '../ports/sql.ts';
import type { TimeSeriesStore } from '../ports/time-series.ts';
import type { TaskFunction, Workflows } from '../ports/workflows.ts';
import type { UserNotifier, NotificationTemplates } from '../notifications/user-notifier.ts';
import type { EventCatalog, SubscriptionPart, TypedPublisher } from './events.ts';
import type { IdentityFace } from './identity-face.ts';
import type { MqttAccessHooks, MqttDeviceConnections } from './mqtt-access.ts';
import type { ModuleScheduler } from './namespaced-ports.ts';

/** A periodic clean-up: removes what has outlived its use, returns how many items it removed. */
export type Chore = (now: Date) => Promise<number>;

/**
 * What a module receives: its own view of the platform's ports (names checked against the
 * module's prefix), the clock, a logger, ids, its configuration section and identity's face.
 * No whole configuration, no secrets, no way to close the platform.
 */
export interface ModuleContext<C = undefined, E extends EventCatalog = EventCatalog> {
  name: string;
  db: SqlDatabase;
  /** Publishes this module's declared events, validated against their schemas. */
  events: TypedPublisher<E>;
  /** The raw bus, for reading dead letters (admin) — publishing goes through `events`. */
  bus: Pick<EventBus, 'listDeadLetters' | 'replayDeadLetter'>;
  /** Durable timers; a timer's type must be one of this module's events. */
  scheduler: ModuleScheduler;
  /** Partition keys must start with `<MODULE>#`. */
  kv: KeyValueTable;
  /** Series must be named `<module>.<measure>`. */
  timeseries: TimeSeriesStore;
  /** Keys must start with `<module>/`. */
  blobs: BlobStore;
  mqtt: MqttBus;
  /** The live connections of this module's MQTT devices (when it declared device auth). */
  mqttDevices: MqttDeviceConnections;
  /** Start executions and answer task tokens; definitions and tasks are declared in the parts. */
  workflows: Pick<Workflows, 'start' | 'describe' | 'list' | 'stop' | 'sendTaskSuccess' | 'sendTaskFailure' | 'sendTaskHeartbeat' | 'waitForCompletion'>;
  /** Page OCR shared by every module (one warm pool per process locally, Textract on AWS). */
  ocr: OcrEngine;
  /** Raw notifications (email/SMS/push); prefer `notify`, which also fills the user's inbox. */
  notifications: Notifications;
  /** Notifies a user: inbox entry, plus email per the user's preferences, in the user's language. */
  notify: UserNotifier;
  /** Idempotency records, for `makeIdempotent` around handlers and tasks. */
  idempotency: IdempotencyStore;
  clock: Clock;
  logger: Logger;
  ids: { newId(): string };
  config: C;
  /** The identity module's public face (throws if read before identity is initialised). */
  identity: IdentityFace;
  /**
   * Another module's public face: what its init returned as `face`, typed by the interface
   * that module exports. Undefined when that module does not run here (or has not started
   * yet: read it when handling a request, not during init).
   */
  faceOf<F>(module: string): F | undefined;
  /** Declares routes (authentication, roles, idempotency) the platform's way. */
  http: RouteKit;
  /** The public base URL of the API, for links handed out (short links, feeds, devices). */
  publicUrl: string;
  /** Where devices connect over MQTT: the embedded broker's address, or MQTT_URL without its credentials. */
  deviceMqttUrl: string;
  /** Which broker devices meet: the embedded one (device auth through the parts' `mqtt.access`), or an external one (MQTT_URL: Mosquitto's dynamic security). */
  mqttBroker: 'embedded' | 'external';
}

/** What a module adds to the running platform. Pure declarations: the runtime registers them. */
export interface ModuleParts {
  /** Mounted under /v1. */
  routes?: ApiRouter;
  /** Mounted at the root (e.g. `/r/*` short links); paths must not start with /v1. */
  rootRoutes?: ApiRouter;
  /** Paths (under /v1) whose bodies are raw uploads rather than JSON, e.g. `/ocr/documents`. */
  uploadPathPrefixes?: string[];
  subscriptions?: SubscriptionPart[];
  /** Workflow task functions by name (`<module>-<what>`). */
  tasks?: Record<string, TaskFunction>;
  /** ASL definitions by workflow name (`<module>-<what>`); see `loadAsl`. */
  workflows?: Record<string, unknown>;
  /** Housekeeping chores by name (`<module>.<what>`), run every few minutes. */
  chores?: Record<string, Chore>;
  /** Notification templates by kind (`<module>.<what>`), in French and English. */
  templates?: NotificationTemplates;
  /**
   * Who may connect to MQTT and where (device authentication). `subscriptions` (device data) are
   * handled once: by the first process of a `--workers N` cluster on the embedded broker, split
   * between the processes by a shared subscription on `MQTT_URL`, by topic rules on AWS. `everyProcess`
   * subscriptions are made by every process that holds a broker connection, each its own
   * (non-shared) one, for what every process must see (e.g. live readings for its open streams);
   * a Lambda function holds none, so on AWS they are not made.
   */
  mqtt?: {
    access?: MqttAccessHooks;
    subscriptions?: { filter: string; handler: MqttMessageHandler }[];
    everyProcess?: { filter: string; handler: MqttMessageHandler }[];
  };
  /** What this module offers other modules at run time; they reach it by `ctx.faceOf(<name>)`. */
  face?: unknown;
  /** Adapter names for /health, e.g. `{ identity: 'local+cognito' }`. */
  health?: Record<string, string>;
  /** Released at shutdown, after background work stopped (worker pools, caches). */
  close?: () => Promise<void>;
}

/**
 * A feature module, as both runtimes see it (Cal.com's "app store" shape). `init` builds the
 * module's services and returns its parts; it must not start background work.
 */
export interface PlatformModule<S extends z.ZodType | undefined = z.ZodType | undefined, E extends EventCatalog = EventCatalog> {
  name: string;
  migrations: readonly Migration[];
  /** Events it publishes (also exported from its index.ts for subscribers). */
  events?: E;
  /**
   * Its configuration section: a zod schema over the environment variables it reads, validated
   * once at start with the platform's (a bad value stops the process, naming the variable).
   */
  config?: S;
  init(ctx: ModuleContext<S extends z.ZodType ? z.output<S> : undefined, E>): Promise<ModuleParts>;
}

/** Identity is an ordinary module that also provides the platform's identity face. */
export interface IdentityParts extends ModuleParts {
  provides: { identity: IdentityFace & IdentityAdminTasks };
}

/** What the runtime and the CLI ask of identity beyond the public face (never given to modules). */
export interface IdentityAdminTasks {
  /** Creates the configured admin when absent; reports a changed password without changing it. */
  ensureAdmin(email: string, password: string): Promise<'created' | 'exists' | 'exists-password-differs'>;
  createUser(input: { email: string; password: string; role: 'owner' | 'pro' | 'admin'; name: string; company?: { name: string; siren: string } | undefined }): Promise<unknown>;
  setPassword(email: string, password: string): Promise<void>;
}
