import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { AppError } from '../../errors.ts';
import { silentLogger, type Logger } from '../../logger.ts';
import {
  assertValidTopic,
  assertValidTopicFilter,
  isMqttShareGroup,
  topicMatchesFilter,
  type MqttBus,
  type MqttMessageHandler,
  type MqttPayload,
  type MqttPublishOptions,
  type MqttSubscribeOptions,
  type MqttUnsubscribe,
} from '../../ports/mqtt.ts';
import { OrderedAcks, type AckOutcome } from './mqtt-acks.ts';

/** How `connectMqttBus` connects. Credentials may also sit in the URL (`mqtt://user:pass@host`). */
export interface MqttBusOptions {
  /** Default: a random `novaevo-…` id (short enough for strict brokers' 23-character limit). */
  clientId?: string;
  /**
   * Keep the session on the broker across disconnections and restarts (`clean: false`; needs a
   * fixed `clientId`, used by one process at a time): QoS 1 messages that arrive while this
   * client is away wait for it in the broker, and are delivered when it comes back. With the
   * acknowledgement after the handlers (see `MqttMessageHandler`), a message is either handled or
   * delivered again, even when this process is killed.
   */
  persistentSession?: boolean;
  username?: string;
  password?: string;
  /**
   * The shared-subscription group of this deployment (see `MqttSubscribeOptions.shared`); needs a
   * broker that knows `$share/` filters (Mosquitto 1.6+, EMQX, HiveMQ; not aedes).
   */
  shareGroup?: string;
  /** Pause between reconnection attempts after a lost connection; default 1000 ms. */
  reconnectPeriodMs?: number;
  logger?: Logger;
}

/** QoS 1 SUBACK code that means "refused" in MQTT 3.1.1. */
const SUBACK_FAILURE = 128;

/**
 * A resumed session's messages arrive right after the connection, before the process has
 * registered its handlers again: they wait (in order, this many at most, this long at most)
 * for a handler of their topic instead of being dropped.
 */
const PARKED_MAX = 50_000;
const PARKED_MS = 60_000;

/**
 * Connects an `MqttBus` to any MQTT 3.1.1 broker (the embedded aedes one, Mosquitto, ...).
 * Fails fast when the first connection is refused or unreachable; after that, mqtt.js reconnects
 * on its own and re-subscribes every live subscription.
 */
export async function connectMqttBus(url: string, options: MqttBusOptions = {}): Promise<MqttBus> {
  const log = (options.logger ?? silentLogger()).child({ component: 'mqtt-bus' });
  if (options.persistentSession && !options.clientId) throw new Error('a persistent MQTT session needs a fixed clientId');
  if (options.shareGroup !== undefined && !isMqttShareGroup(options.shareGroup)) throw new Error(`"${options.shareGroup}" is not an MQTT share group name (one topic level, no wildcards)`);
  const clientId = options.clientId ?? `novaevo-${randomBytes(7).toString('hex')}`;
  // Created synchronously and handed to the bus before any packet is read: a resumed session's
  // messages may follow the CONNACK in the same read, and each must reach the bus's handleMessage.
  const client = mqtt.connect(url, {
    clientId,
    username: options.username,
    password: options.password,
    protocolVersion: 4,
    clean: !options.persistentSession,
    reconnectPeriod: options.reconnectPeriodMs ?? 1000,
    connectTimeout: 10_000,
  });
  const bus = new MqttClientBus(client, log, options.shareGroup);
  try {
    await firstConnection(client);
  } catch (error) {
    await client.endAsync(true);
    throw new Error(`MQTT connection to ${redactUrl(url)} failed: ${(error as Error).message}`, { cause: error });
  }
  client.on('error', (error) => log.warn({ err: error }, 'MQTT client error'));
  client.on('reconnect', () => log.debug('MQTT reconnecting'));
  client.on('connect', () => log.debug('MQTT connected'));
  return bus;
}

/** Resolves on the first CONNACK; rejects on a refusal or when the connection closes before it. */
function firstConnection(client: mqtt.MqttClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      client.off('connect', onConnect);
      client.off('error', onError);
      client.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onConnect = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(new Error("Couldn't connect to server"));
    client.on('connect', onConnect);
    client.on('error', onError);
    client.on('close', onClose);
  });
}

/** One broker subscription per distinct filter, shared by every handler registered on it. */
interface FilterSubscription {
  /** The filter messages are matched against (a shared subscription's, without `$share/<group>/`). */
  match: string;
  handlers: Set<MqttMessageHandler>;
  granted: Promise<void>;
}

/** A message waiting for a handler of its topic (see PARKED_MAX). */
interface ParkedMessage {
  topic: string;
  payload: Buffer;
  at: number;
  settle: (outcome: AckOutcome) => void;
}

/**
 * Given to mqtt.js's handleMessage callback: it then goes on to the next packet without sending
 * its own PUBACK (it sends one only on success, and moves on either way), and this bus sends the
 * PUBACK once the message's handlers are done. Waiting in that callback instead would stop the
 * client reading anything else, PINGRESPs included, until each message is stored.
 */
const PUBACK_DEFERRED = new Error('PUBACK deferred until the handlers are done');

/** mqtt.js's packet writer, which its own handlers use for PUBACKs (not part of its typed API). */
type PacketWriter = { _sendPacket(packet: { cmd: 'puback'; messageId: number }, callback?: () => void): void };

class MqttClientBus implements MqttBus {
  readonly #client: mqtt.MqttClient;
  readonly #log: Logger;
  readonly #filters = new Map<string, FilterSubscription>();
  readonly #parked: ParkedMessage[] = [];
  readonly #shareGroup: string | undefined;
  #acks: OrderedAcks;
  #closed = false;

  constructor(client: mqtt.MqttClient, log: Logger, shareGroup?: string) {
    this.#client = client;
    this.#log = log;
    this.#shareGroup = shareGroup;
    this.#acks = this.#connectionAcks();
    // Packet ids belong to a connection: a message received on an earlier one is delivered again
    // by the broker on this one (persistent session), and its PUBACK must not reach the new one.
    client.on('connect', () => {
      this.#acks = this.#connectionAcks();
    });
    client.handleMessage = (packet, callback) => {
      const payload = packet.payload as Buffer;
      if (packet.qos !== 1 || packet.messageId === undefined) {
        this.#dispatch(packet.topic, payload, () => {});
        callback();
        return;
      }
      this.#dispatch(packet.topic, payload, this.#acks.expect(packet.messageId));
      callback(PUBACK_DEFERRED);
    };
  }

  /** Acknowledges QoS 1 messages, at least once: only after every handler of the message resolved. */
  #connectionAcks(): OrderedAcks {
    const acks: OrderedAcks = new OrderedAcks((messageId) => {
      if (this.#acks !== acks || !this.#client.connected) return;
      (this.#client as unknown as PacketWriter)._sendPacket({ cmd: 'puback', messageId });
    });
    return acks;
  }

  async publish(topic: string, payload: MqttPayload, options: MqttPublishOptions = {}): Promise<void> {
    this.#assertOpen();
    assertValidTopic(topic);
    const body = typeof payload === 'string' ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    await this.#client.publishAsync(topic, body, { qos: options.qos ?? 1, retain: options.retain ?? false });
  }

  async subscribe(filter: string, handler: MqttMessageHandler, options: MqttSubscribeOptions = {}): Promise<MqttUnsubscribe> {
    this.#assertOpen();
    assertValidTopicFilter(filter);
    const onBroker = options.shared && this.#shareGroup ? `$share/${this.#shareGroup}/${filter}` : filter;
    let entry = this.#filters.get(onBroker);
    if (!entry) {
      const created: FilterSubscription = { match: filter, handlers: new Set(), granted: this.#subscribeOnBroker(onBroker) };
      entry = created;
      this.#filters.set(onBroker, created);
      created.granted.catch(() => {
        if (this.#filters.get(onBroker) === created) this.#filters.delete(onBroker);
      });
    }
    // Wrapped so the same function can be subscribed twice and removed once per subscription.
    const registered: MqttMessageHandler = (topic, payload) => handler(topic, payload);
    entry.handlers.add(registered);
    this.#deliverParked(filter, registered);
    try {
      await entry.granted;
    } catch (error) {
      entry.handlers.delete(registered);
      throw error;
    }
    const current = entry;
    let active = true;
    return async () => {
      if (!active) return;
      active = false;
      current.handlers.delete(registered);
      if (current.handlers.size > 0 || this.#filters.get(onBroker) !== current) return;
      this.#filters.delete(onBroker);
      if (!this.#closed) await this.#client.unsubscribeAsync(onBroker);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#filters.clear();
    await this.#client.endAsync();
  }

  async #subscribeOnBroker(filter: string): Promise<void> {
    const denied = () => new AppError(403, 'MQTT_SUBSCRIBE_DENIED', `The broker refused the subscription to "${filter}"`);
    let grants: mqtt.ISubscriptionGrant[];
    try {
      grants = await this.#client.subscribeAsync(filter, { qos: 1 });
    } catch (error) {
      // mqtt.js turns a refusal into an error carrying the SUBACK; other failures pass through.
      if ((error as { packet?: { cmd?: string } }).packet?.cmd === 'suback') throw denied();
      throw error;
    }
    if (grants.some((grant) => grant.qos === SUBACK_FAILURE)) throw denied();
  }

  #dispatch(topic: string, payload: Buffer, settle: (outcome: AckOutcome) => void): void {
    const runs: Promise<boolean>[] = [];
    for (const entry of this.#filters.values()) {
      if (!topicMatchesFilter(entry.match, topic)) continue;
      for (const handler of entry.handlers) runs.push(this.#run(handler, topic, payload, entry.match));
    }
    if (runs.length === 0) this.#park({ topic, payload, at: Date.now(), settle });
    else void Promise.all(runs).then((ok) => settle(ok.every(Boolean) ? 'handled' : 'failed'));
  }

  /** Runs one handler; resolves false when it failed (logged, never allowed to break the message stream). */
  async #run(handler: MqttMessageHandler, topic: string, payload: Buffer, filter: string): Promise<boolean> {
    try {
      await handler(topic, payload);
      return true;
    } catch (error) {
      this.#logHandlerError(error, topic, filter);
      return false;
    }
  }

  #park(message: ParkedMessage): void {
    while (this.#parked.length > 0 && (this.#parked.length >= PARKED_MAX || message.at - this.#parked[0]!.at > PARKED_MS)) {
      const dropped = this.#parked.shift()!;
      this.#log.warn({ topic: dropped.topic }, 'MQTT message dropped: no handler for its topic');
      // Acknowledged: nothing here wants it, and the broker would otherwise deliver it again forever.
      dropped.settle('handled');
    }
    this.#parked.push(message);
  }

  #deliverParked(filter: string, handler: MqttMessageHandler): void {
    if (this.#parked.length === 0) return;
    const waiting = this.#parked.splice(0);
    for (const m of waiting) {
      if (!topicMatchesFilter(filter, m.topic)) this.#parked.push(m);
      else void this.#run(handler, m.topic, m.payload, filter).then((ok) => m.settle(ok ? 'handled' : 'failed'));
    }
  }

  #logHandlerError(error: unknown, topic: string, filter: string): void {
    this.#log.error({ err: error, topic, filter }, 'MQTT message handler failed');
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('MQTT bus is closed');
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
