import net from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from '../../logger.ts';

/** Who is connecting, as the CONNECT packet says. */
export interface MqttCredentials {
  clientId: string;
  username: string | undefined;
  password: Buffer | undefined;
}

/** A connected client, as authorisation hooks see it. */
export interface MqttClientIdentity {
  clientId: string;
  /** The username it authenticated with, if any. */
  username: string | undefined;
}

/** Settings of the embedded broker. */
export interface EmbeddedBrokerOptions {
  /** TCP port; `0` picks a free one (read it back from `EmbeddedBroker.port`). */
  port: number;
  /** Interface to listen on; default `127.0.0.1` (pass `0.0.0.0` for dongles on the network). */
  host?: string;
  /** When `port` is taken (a Mosquitto may hold 1883), listen on a free port instead and log it. */
  fallbackToFreePort?: boolean;
  logger: Logger;
  /** Accepts or refuses a connection; everyone is accepted when absent. */
  authenticate?: (credentials: MqttCredentials) => boolean | Promise<boolean>;
  /** May `client` publish to `topic`? A refusal disconnects the client (MQTT 3.1.1 has no negative PUBACK). */
  authorizePublish?: (client: MqttClientIdentity, topic: string) => boolean | Promise<boolean>;
  /** May `client` subscribe to `filter`? A refusal is a negative SUBACK. */
  authorizeSubscribe?: (client: MqttClientIdentity, filter: string) => boolean | Promise<boolean>;
}

/** A running broker. */
export interface EmbeddedBroker {
  /** The port actually listened on. */
  port: number;
  /** Where local clients connect, e.g. `mqtt://127.0.0.1:1883`. */
  url: string;
  /** Disconnects every client and stops listening. */
  close(): Promise<void>;
}

// MQTT 3.1.1 caps client ids at 23 characters, but real devices and mqtt.js defaults send longer ones.
const MAX_CLIENT_ID_LENGTH = 128;
const BAD_USERNAME_OR_PASSWORD = 4;

/** True when nothing listens on `host:port` (checked by binding it for an instant). */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  const probe = net.createServer();
  try {
    await listen(probe, port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
    throw error;
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return true;
}

/**
 * Starts an aedes MQTT 3.1.1 broker on TCP (in memory: retained messages and sessions live as long
 * as the process). Devices and the platform's own `MqttBus` connect to `url`.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  const log = options.logger.child({ component: 'mqtt-broker' });
  // Usernames are remembered per connection so authorisation hooks can see them.
  const usernames = new WeakMap<Client, string | undefined>();
  const identity = (client: Client): MqttClientIdentity => ({ clientId: client.id, username: usernames.get(client) });

  const broker = await Aedes.createBroker({
    maxClientsIdLength: MAX_CLIENT_ID_LENGTH,
    authenticate: (client, username, password, done) => {
      const check = options.authenticate ?? (() => true);
      Promise.resolve()
        .then(() => check({ clientId: client.id, username: username ?? undefined, password: password ?? undefined }))
        .then((accepted) => {
          if (accepted) {
            usernames.set(client, username ?? undefined);
            done(null, true);
            return;
          }
          log.info({ clientId: client.id, username }, 'MQTT connection refused: bad credentials');
          done(Object.assign(new Error('bad user name or password'), { returnCode: BAD_USERNAME_OR_PASSWORD }) as AuthenticateError, false);
        })
        .catch((error: unknown) => {
          log.error({ err: error, clientId: client.id }, 'MQTT authenticate hook failed');
          done(Object.assign(new Error('authentication failed'), { returnCode: BAD_USERNAME_OR_PASSWORD }) as AuthenticateError, false);
        });
    },
    authorizePublish: (client, packet, callback) => {
      if (!client || !options.authorizePublish) return callback(null);
      const check = options.authorizePublish;
      Promise.resolve()
        .then(() => check(identity(client), packet.topic))
        .then((allowed) => callback(allowed ? null : new Error(`publish to "${packet.topic}" not authorised`)))
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
    authorizeSubscribe: (client, subscription, callback) => {
      if (!options.authorizeSubscribe) return callback(null, subscription);
      const check = options.authorizeSubscribe;
      Promise.resolve()
        .then(() => check(identity(client), subscription.topic))
        .then((allowed) => callback(null, allowed ? subscription : null))
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  broker.on('clientError', (client, error) => log.debug({ clientId: client.id, err: error }, 'MQTT client error'));
  broker.on('connectionError', (_client, error) => log.debug({ err: error }, 'MQTT connection error'));

  const server = net.createServer(broker.handle);
  try {
    await listen(server, options.port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !options.fallbackToFreePort) {
      await closeBroker(broker);
      throw error;
    }
    await listen(server, 0, host);
    log.warn({ wanted: options.port, port: boundPort(server) }, 'MQTT port taken (another broker?): listening on a free port instead');
  }
  const port = boundPort(server);
  const url = `mqtt://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  log.info({ url }, 'MQTT broker listening');

  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    close() {
      // aedes.close() ends every client connection, which lets server.close() complete.
      closing ??= Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), closeBroker(broker)]).then(() => undefined);
      return closing;
    },
  };
}

function listen(server: net.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function boundPort(server: net.Server): number {
  return (server.address() as net.AddressInfo).port;
}

function closeBroker(broker: Aedes): Promise<void> {
  return new Promise((resolve) => broker.close(() => resolve()));
}
