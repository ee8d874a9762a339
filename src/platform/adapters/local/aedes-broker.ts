import net from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from '../../logger.ts';
import { MqttAccessPolicy, type MqttConnection, type MqttSession } from '../../mqtt/access-policy.ts';
import { openBrokerPersistence } from './broker-persistence.ts';
import { PubackGate } from './broker-puback-gate.ts';

/** Settings of the embedded broker. */
export interface EmbeddedBrokerOptions {
  /** TCP port; `0` picks a free one (read it back from `EmbeddedBroker.port`). */
  port: number;
  /** Interface to listen on; default `127.0.0.1` (pass `0.0.0.0` for dongles on the network). */
  host?: string;
  /** When `port` is taken (a Mosquitto may hold 1883), listen on a free port instead and log it. */
  fallbackToFreePort?: boolean;
  logger: Logger;
  /**
   * Who may connect and where they may publish and subscribe; modules may register into it after
   * the broker started. Default: a policy of its own, open to everyone until a module registers.
   */
  policy?: MqttAccessPolicy;
  /**
   * Folder (e.g. `<data dir>/mqtt`) where persistent sessions (their subscriptions and queued
   * QoS 1/2 messages) and retained messages survive a restart. Absent: they live in memory.
   */
  dataFolder?: string;
  /** Largest payload a client may publish; default 64 KiB. Bigger: refused, the client disconnected. */
  maxPayloadBytes?: number;
  /** Largest payload a client may publish with `retain`; default 16 KiB. */
  maxRetainedBytes?: number;
}

/** A running broker. */
export interface EmbeddedBroker {
  /** The port actually listened on. */
  port: number;
  /** Where local clients connect, e.g. `mqtt://127.0.0.1:1883`. */
  url: string;
  /** The access policy it enforces (the one passed in, or its own). */
  policy: MqttAccessPolicy;
  /** Closes every live connection `predicate` selects (e.g. a revoked device's); resolves with how many. */
  disconnect(predicate: (connection: MqttConnection) => boolean): Promise<number>;
  /** Disconnects every client, stops listening and closes the persistence. */
  close(): Promise<void>;
}

// MQTT 3.1.1 caps client ids at 23 characters, but real devices and mqtt.js defaults send longer ones.
const MAX_CLIENT_ID_LENGTH = 128;
const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
const DEFAULT_MAX_RETAINED_BYTES = 16 * 1024;
/** Room in a PUBLISH packet besides its payload: a topic of up to 65,535 bytes, its length, a packet id, MQTT 5 properties. */
const MAX_TOPIC_AND_HEADER_BYTES = 64 * 1024 + 1024;
/** Stands for a publisher without a connection (a will published after its client left). */
const NO_CLIENT: MqttSession = { kind: 'open' };

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
 * Starts an aedes MQTT 3.1.1 broker on TCP, enforcing `policy` on every CONNECT, PUBLISH and
 * SUBSCRIBE. Devices and the platform's own `MqttBus` connect to `url`. With `dataFolder`,
 * sessions and retained messages are durable (see `openBrokerPersistence`); otherwise in memory.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  const log = options.logger.child({ component: 'mqtt-broker' });
  const policy = options.policy ?? new MqttAccessPolicy({ logger: options.logger });
  const maxPayload = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const maxRetained = options.maxRetainedBytes ?? DEFAULT_MAX_RETAINED_BYTES;
  // What the policy admitted each connection as, and which connections are live (for disconnect).
  const sessions = new WeakMap<Client, { username: string | undefined; session: MqttSession }>();
  const live = new Set<Client>();
  const gates = new WeakMap<Client, PubackGate>();
  const refuse = (returnCode: 4 | 5, message: string) => Object.assign(new Error(message), { returnCode }) as AuthenticateError;

  const persistence = options.dataFolder ? await openBrokerPersistence(options.dataFolder) : undefined;
  let broker: Aedes;
  try {
    broker = await Aedes.createBroker({
      maxClientsIdLength: MAX_CLIENT_ID_LENGTH,
      // No cap on deliveries in flight (aedes' default is 100): past the cap mqemitter queues
      // messages and releases them recursively, and the $SYS messages of thousands of devices
      // reconnecting at once (no listener, so done at once) overflowed the stack of a restarted
      // broker in the 10,000-device benchmark. A delivery still waits for its subscriber's socket.
      concurrency: 0,
      ...(persistence ? { persistence } : {}),
      authenticate: (client, username, password, done) => {
        const credentials = { clientId: client.id, username: username ?? undefined, password: password ?? undefined };
        policy
          .authenticate(credentials)
          .then((outcome) => {
            if ('refused' in outcome) {
              log.info({ clientId: client.id, username, returnCode: outcome.refused }, 'MQTT connection refused');
              done(refuse(outcome.refused, outcome.refused === 5 ? 'not authorized' : 'bad user name or password'), false);
              return;
            }
            sessions.set(client, { username: credentials.username, session: outcome });
            done(null, true);
          })
          .catch((error: unknown) => {
            log.error({ err: error, clientId: client.id }, 'MQTT authentication failed');
            done(refuse(4, 'authentication failed'), false);
          });
      },
      authorizePublish: (client, packet, callback) => {
        const session = client ? sessions.get(client)?.session : NO_CLIENT;
        if (!session) return callback(new Error('unauthenticated connection'));
        // The caps protect the broker from devices; the platform's own client is trusted code, and a
        // refusal would make it resend the same message after every reconnection.
        if (session.kind !== 'internal') {
          // Devices publish at QoS 0 or 1 (MQTT 3.1.1 cannot refuse one message: the client is disconnected).
          if (packet.qos === 2) {
            log.info({ clientId: client?.id, topic: packet.topic }, 'MQTT publication refused: QoS 2');
            return callback(new Error('QoS 2 publications are not accepted: publish at QoS 0 or 1'));
          }
          const size = packet.payload.length;
          const cap = packet.retain ? Math.min(maxRetained, maxPayload) : maxPayload;
          if (size > cap) {
            log.info({ clientId: client?.id, topic: packet.topic, size, cap, retain: packet.retain }, 'MQTT publication refused: payload too large');
            return callback(new Error(`payload of ${size} bytes exceeds the ${cap}-byte limit`));
          }
        }
        policy
          .authorizePublish(session, packet.topic)
          .then((allowed) => {
            if (!allowed) log.info({ clientId: client?.id, topic: packet.topic }, 'MQTT publication refused: topic not allowed');
            callback(allowed ? null : new Error(`publish to "${packet.topic}" not authorised`));
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      },
      // A message is routed once stored for the persistent sessions subscribed to it: its PUBACK may go.
      published: (packet, client, callback) => {
        if (client && packet.qos === 1 && packet.messageId !== undefined) gates.get(client)?.routed(packet.messageId);
        callback(null);
      },
      authorizeSubscribe: (client, subscription, callback) => {
        const session = sessions.get(client)?.session;
        if (!session) return callback(null, null);
        policy
          .authorizeSubscribe(session, subscription.topic)
          .then((allowed) => callback(null, allowed ? subscription : null))
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      },
    });
  } catch (error) {
    await persistence?.destroy();
    throw error;
  }
  // 'client' is emitted once registered, before the CONNACK: a client cannot be told it is in and escape a disconnect.
  broker.on('client', (client) => live.add(client));
  broker.on('clientDisconnect', (client) => live.delete(client));
  broker.on('clientError', (client, error) => log.debug({ clientId: client.id, err: error }, 'MQTT client error'));
  broker.on('connectionError', (_client, error) => log.debug({ err: error }, 'MQTT connection error'));
  // aedes reports persistence failures as 'error' events: unheard, they would end the process.
  broker.addListener('error', (error: Error) => log.error({ err: error }, 'MQTT broker error'));

  const disconnect = async (predicate: (connection: MqttConnection) => boolean): Promise<number> => {
    const chosen = [...live].filter((client) => {
      const admitted = sessions.get(client);
      return admitted !== undefined && predicate({ clientId: client.id, username: admitted.username, session: admitted.session });
    });
    await Promise.all(chosen.map((client) => new Promise<void>((resolve) => client.close(() => resolve()))));
    return chosen.length;
  };

  // A packet announcing more than a payload cap can hold is cut off at its header, before aedes
  // buffers it (the caps above judge complete packets; this one keeps memory bounded).
  const maxPacket = maxPayload + MAX_TOPIC_AND_HEADER_BYTES;
  const server = net.createServer((socket) => {
    // Installed before aedes writes anything to the socket (see PubackGate).
    const gate = new PubackGate(socket);
    const client = broker.handle(socket);
    gates.set(client, gate);
    limitPacketSizes(
      socket,
      () => (sessions.get(client)?.session.kind === 'internal' ? Infinity : maxPacket),
      (size) => {
        log.info({ clientId: client.id, size, limit: maxPacket }, 'MQTT connection closed: packet too large');
      },
    );
  });
  try {
    await listen(server, options.port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !options.fallbackToFreePort) {
      await closeBroker(broker);
      await persistence?.destroy();
      throw error;
    }
    await listen(server, 0, host);
    log.warn({ wanted: options.port, port: boundPort(server) }, 'MQTT port taken (another broker?): listening on a free port instead');
  }
  // Attached once listening (a failed start leaves the policy free); no connection is handled before this line runs.
  policy.attach({ disconnect });
  const port = boundPort(server);
  const url = `mqtt://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  log.info({ url, access: policy.describe(), durable: Boolean(persistence) }, 'MQTT broker listening');

  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    policy,
    disconnect,
    close() {
      // aedes.close() ends every client connection, which lets server.close() complete; the
      // persistence closes last, once nothing can write to it any more.
      closing ??= Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), closeBroker(broker)]).then(() => persistence?.destroy());
      return closing;
    },
  };
}

/** What `limitPacketSizes` needs of a socket. */
export interface ReadableConnection {
  read(size?: number): unknown;
  destroy(): unknown;
}

/**
 * Follows the MQTT fixed headers (a type byte, then the remaining length in 1 to 4 bytes) in what
 * aedes reads from `socket` (it reads with `read()`), and destroys the socket as soon as a packet
 * announces a remaining length above `limit()`, calling `exceeded` with that length.
 */
export function limitPacketSizes(socket: ReadableConnection, limit: () => number, exceeded: (size: number) => void): void {
  let skip = 0; // body bytes of the current packet still to pass
  let header: 'type' | 'length' = 'type';
  let length = 0;
  let shift = 0;
  const read = socket.read.bind(socket);
  socket.read = (size?: number) => {
    const chunk = read(size);
    if (!Buffer.isBuffer(chunk)) return chunk;
    for (let i = 0; i < chunk.length; ) {
      if (skip > 0) {
        const passed = Math.min(skip, chunk.length - i);
        skip -= passed;
        i += passed;
      } else if (header === 'type') {
        header = 'length';
        length = 0;
        shift = 0;
        i++;
      } else {
        const byte = chunk[i++]!;
        length += (byte & 0x7f) * 2 ** shift;
        shift += 7;
        if (byte & 0x80 && shift < 28) continue;
        header = 'type';
        if (length > limit()) {
          exceeded(length);
          socket.destroy();
          return chunk;
        }
        skip = length;
      }
    }
    return chunk;
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
