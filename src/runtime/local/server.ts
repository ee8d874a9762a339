import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../platform/adapters/local/aedes-broker.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import { buildApi, type Api } from '../api.ts';
import { lockDataDir } from '../data-dir-lock.ts';
import { openPlatform, type Platform } from '../platform.ts';

const DEFAULT_MQTT_PORT = 1883;

export interface LocalServer {
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Where MQTT devices connect: the embedded broker, or MQTT_URL when set. */
  mqttUrl: string;
  platform: Platform;
  api: Api;
  /** Stops accepting work, lets requests and handlers in flight finish, closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  version: string;
  clock?: Clock;
  pollIntervalMs?: number;
}

function listen(app: Api['app'], host: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(server));
    server.once('error', reject);
  });
}

/**
 * The whole platform in one process (DESIGN.md section 5): HTTP API, MQTT broker, event
 * dispatch, timers, on the embedded database under NOVAEVO_DATA_DIR or on DATABASE_URL.
 */
export async function startLocalServer(options: StartOptions): Promise<LocalServer> {
  const { config, logger } = options;
  const lock = config.databaseUrl ? undefined : await lockDataDir(config.dataDir);
  let platform: Platform | undefined;
  let broker: EmbeddedBroker | undefined;
  try {
    platform = await openPlatform({ config, logger, ...(options.clock ? { clock: options.clock } : {}), ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}) });
    const api = await buildApi(platform, options.version);
    if (config.admin) {
      const outcome = await api.identity.ensureAdmin(config.admin.email, config.admin.password);
      if (outcome === 'created') logger.info({ email: config.admin.email }, 'admin account created');
    }

    let mqttUrl: string;
    if (config.mqtt.url) {
      mqttUrl = config.mqtt.url;
      platform.adapters.mqtt = 'external';
    } else {
      broker = await startEmbeddedBroker({
        port: config.mqtt.port ?? DEFAULT_MQTT_PORT,
        host: config.http.host,
        // Only when MQTT_PORT was not chosen: an explicit port that is taken is an error.
        fallbackToFreePort: config.mqtt.port === undefined,
        logger,
      });
      mqttUrl = broker.url;
      platform.adapters.mqtt = 'aedes';
    }

    const server = await listen(api.app, config.http.host, config.http.port);
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.http.host}:${port}`;
    await platform.start();
    logger.info({ url, mqtt: mqttUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, adapters: platform.adapters }, 'NovaEvo is ready');

    const started = platform;
    let closing: Promise<void> | undefined;
    return {
      url,
      mqttUrl,
      platform: started,
      api,
      close() {
        closing ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            // Idle keep-alive sockets would hold close() open; requests in flight still finish.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          });
          await broker?.close();
          await started.close();
          await lock?.release();
          logger.info('NovaEvo stopped');
        })();
        return closing;
      },
    };
  } catch (err) {
    await broker?.close().catch(() => {});
    await platform?.close().catch(() => {});
    await lock?.release();
    throw err;
  }
}
