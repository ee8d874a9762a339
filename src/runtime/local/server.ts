import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { EmbeddedBroker } from '../../platform/adapters/local/aedes-broker.ts';
import { MqttAccessPolicy } from '../../platform/mqtt/access-policy.ts';
import type { Server } from 'node:http';
import { releaseStartMemory } from './release-start-memory.ts';
import { applyConnectionLimits, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import { buildApi, type Api } from '../api.ts';
import { lockDataDir } from '../data-dir-lock.ts';
import { openMigratedDatabase, openPlatform, type Platform } from '../platform.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { migrationsOf } from '../migrations.ts';
import { modules as allModules } from '../modules.ts';
import type { PlatformModule } from '../../platform/module/module.ts';

const DEFAULT_MQTT_PORT = 1883;

export interface LocalServer {
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Where MQTT devices connect: the embedded broker, or MQTT_URL when set. */
  mqttUrl: string;
  platform: Platform;
  api: Api;
  /** The credentials of the platform's own client on the embedded broker (absent without one). Secret. */
  brokerCredentials?: { username: string; password: string };
  /** Stops accepting work, lets requests and handlers in flight finish, closes the database. */
  close(): Promise<void>;
}

/**
 * How a worker of `novaevo start --workers N` (runtime/local/cluster.ts) differs from a lone
 * process: the primary holds the data folder, and workers after the first leave the MQTT broker
 * and the device subscriptions to the first (a message from a device is handled once).
 */
export interface ClusterRole {
  /** The first worker: it runs the embedded broker (unless MQTT_URL is set) and subscribes. */
  first: boolean;
  /** For the others, without MQTT_URL: the first worker's broker, which they publish through. */
  broker?: { url: string; credentials: { username: string; password: string } };
}

export interface StartOptions {
  config: Config;
  /** The modules to run (default: every module of runtime/modules.ts). */
  modules?: readonly PlatformModule[];
  logger: Logger;
  version: string;
  clock?: Clock;
  pollIntervalMs?: number;
  /** Set in the workers of a cluster. */
  cluster?: ClusterRole;
}

// The Node bindings (`incoming`, `outgoing`) travel as the env: the client address is read from them.
type FetchHandler = (req: Request, env?: unknown) => Response | Promise<Response>;

const starting: FetchHandler = () =>
  new Response(JSON.stringify({ type: 'https://novaevo.fr/problems/starting', title: 'Service Unavailable', status: 503, code: 'STARTING' }), {
    status: 503,
    headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1' },
  });

/** Listens first, so that the real port (PORT=0) is known before the platform signs URLs with it. */
function listen(host: string, port: number, handler: () => FetchHandler, limits: ConnectionLimits): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: (req, env) => handler()(req, env), hostname: host, port }, () => resolve(server));
    applyConnectionLimits(server as Server, limits);
    server.once('error', reject);
  });
}

function closeHttp(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would hold close() open; requests in flight still finish.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

/**
 * The whole platform in one process (DESIGN.md section 5): HTTP API, MQTT broker, event
 * dispatch, timers, on the embedded database under NOVAEVO_DATA_DIR or on DATABASE_URL.
 */
export async function startLocalServer(options: StartOptions): Promise<LocalServer> {
  const { config, logger, cluster } = options;
  const lock = cluster ? { release: async () => {} } : await lockDataDir(config.dataDir);
  let handler: FetchHandler = starting;
  let server: ServerType | undefined;
  let broker: EmbeddedBroker | undefined;
  let platform: Platform | undefined;
  const modules = options.modules ?? allModules;
  const migrations = migrationsOf(modules);
  // The database opens (in its worker thread, for PGlite) while this thread listens and starts
  // the broker; openPlatform takes it over.
  let database: Promise<SqlDatabase> | undefined;
  try {
    database = openMigratedDatabase(config, logger, migrations);
    database.catch(() => {}); // awaited by openPlatform
    server = await listen(config.http.host, config.http.port, () => handler, {
      ...DEFAULT_CONNECTION_LIMITS,
      maxConnections: config.connections.max,
      maxConnectionsPerClient: config.trustProxy ? undefined : config.connections.perClient,
    });
    const url = `http://${config.http.host}:${(server.address() as AddressInfo).port}`;

    // The embedded broker admits only what the modules' device-auth hooks accept (once one declares any).
    const mqttPolicy = new MqttAccessPolicy({ logger });
    if (!config.mqtt.url && !cluster?.broker) {
      const { startEmbeddedBroker } = await import('../../platform/adapters/local/aedes-broker.ts');
      broker = await startEmbeddedBroker({
        policy: mqttPolicy,
        // Persistent sessions and retained messages survive a restart (QoS 1 to offline devices).
        dataFolder: path.join(config.dataDir, 'mqtt'),
        port: config.mqtt.port ?? DEFAULT_MQTT_PORT,
        host: config.http.host,
        // Only when MQTT_PORT was not chosen: an explicit port that is taken is an error.
        fallbackToFreePort: config.mqtt.port === undefined,
        logger,
      });
    }
    const mqttUrl = config.mqtt.url ?? cluster?.broker?.url ?? broker!.url;
    const mqttCredentials = broker ? mqttPolicy.internalCredentials() : cluster?.broker?.credentials;

    const publicUrl = config.http.publicUrl ?? url;
    platform = await openPlatform({
      config,
      logger,
      baseUrl: publicUrl,
      mqttUrl,
      ...(mqttCredentials ? { mqttCredentials } : {}),
      // With the embedded broker, the process that subscribes keeps its session across restarts:
      // the broker (durable on the data folder) holds what devices send while it is away. An
      // external broker may serve several deployments, so there the session stays clean.
      ...(!config.mqtt.url && (!cluster || cluster.first) ? { mqttSessionId: 'novaevo-platform' } : {}),
      migrations,
      database,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
    });
    const api = await buildApi(platform, {
      version: options.version,
      modules,
      publicUrl,
      deviceMqttUrl: deviceFacingMqttUrl(mqttUrl, publicUrl),
      health: () => ({ mqttAccess: config.mqtt.url ? 'external-broker' : mqttPolicy.describe().mode }),
    });
    for (const [name, hooks] of api.modules.mqttAccess) api.modules.mqttRegistrations.set(name, mqttPolicy.register(name, hooks));
    if (config.admin) {
      const outcome = await api.modules.identity.ensureAdmin(config.admin.email, config.admin.password);
      if (outcome === 'created') logger.info('admin account created from NOVAEVO_ADMIN_EMAIL');
      if (outcome === 'exists-password-differs') {
        logger.warn('the admin account exists with another password than NOVAEVO_ADMIN_PASSWORD; it was kept: run `novaevo user set-password --email <admin email>` to change it');
      }
    }
    await platform.start();
    // The embedded broker knows no shared subscriptions: its first worker alone takes the device
    // messages. On an external broker every worker takes its share (see deploymentShareGroup).
    await api.modules.subscribeMqtt(!cluster || cluster.first || config.mqtt.url ? 'all' : 'every-process');
    handler = api.app.fetch;
    // In a cluster the primary says when NovaEvo is ready: once every worker is.
    logger.info({ url, mqtt: mqttUrl, dataDir: config.dataDir, adapters: platform.adapters }, cluster ? 'worker ready' : 'NovaEvo is ready');
    releaseStartMemory(logger);

    const started = { server, platform };
    let closing: Promise<void> | undefined;
    return {
      url,
      mqttUrl,
      platform,
      api,
      ...(broker ? { brokerCredentials: mqttPolicy.internalCredentials() } : {}),
      close() {
        closing ??= (async () => {
          await closeHttp(started.server);
          // Leave the broker before the modules stop: from here the broker keeps what devices
          // send for the platform's session, instead of handing it to modules that are closing.
          await started.platform.mqtt.close();
          await api.modules.close();
          await started.platform.close();
          await broker?.close();
          await lock.release();
          logger.info('NovaEvo stopped');
        })();
        return closing;
      },
    };
  } catch (err) {
    if (server) await closeHttp(server);
    await platform?.close().catch(() => {});
    // Not yet handed to a platform (openPlatform closes it when it fails itself).
    if (!platform) await database?.then((db) => db.close()).catch(() => {});
    await broker?.close().catch(() => {});
    await lock.release();
    throw err;
  }
}

/** The broker address devices are given: MQTT_URL without credentials, or the embedded broker on the public host. */
function deviceFacingMqttUrl(mqttUrl: string, publicUrl: string): string {
  const url = new URL(mqttUrl);
  url.username = '';
  url.password = '';
  if (['127.0.0.1', 'localhost', '0.0.0.0', '::'].includes(url.hostname)) url.hostname = new URL(publicUrl).hostname;
  return url.toString().replace(/\/$/, '');
}
