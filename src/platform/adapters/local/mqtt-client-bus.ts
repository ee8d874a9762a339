import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { AppError } from '../../errors.ts';
import { silentLogger, type Logger } from '../../logger.ts';
import {
  assertValidTopic,
  assertValidTopicFilter,
  topicMatchesFilter,
  type MqttBus,
  type MqttMessageHandler,
  type MqttPayload,
  type MqttPublishOptions,
  type MqttUnsubscribe,
} from '../../ports/mqtt.ts';

/** How `connectMqttBus` connects. Credentials may also sit in the URL (`mqtt://user:pass@host`). */
export interface MqttBusOptions {
  /** Default: a random `novaevo-…` id (short enough for strict brokers' 23-character limit). */
  clientId?: string;
  /**
   * Keep the session on the broker across disconnections and restarts (`clean: false`; needs a
   * fixed `clientId`, used by one process at a time): QoS 1 messages that arrive while this
   * client is away wait for it in the broker, and are delivered when it comes back.
   */
  persistentSession?: boolean;
  username?: string;
  password?: string;
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
  const clientId = options.clientId ?? `novaevo-${randomBytes(7).toString('hex')}`;
  let client: mqtt.MqttClient;
  try {
    client = await mqtt.connectAsync(
      url,
      {
        clientId,
        username: options.username,
        password: options.password,
        protocolVersion: 4,
        clean: !options.persistentSession,
        reconnectPeriod: options.reconnectPeriodMs ?? 1000,
        connectTimeout: 10_000,
      },
      false,
    );
  } catch (error) {
    throw new Error(`MQTT connection to ${redactUrl(url)} failed: ${(error as Error).message}`, { cause: error });
  }
  client.on('error', (error) => log.warn({ err: error }, 'MQTT client error'));
  client.on('reconnect', () => log.debug('MQTT reconnecting'));
  client.on('connect', () => log.debug('MQTT connected'));
  return new MqttClientBus(client, log);
}

/** One broker subscription per distinct filter, shared by every handler registered on it. */
interface FilterSubscription {
  handlers: Set<MqttMessageHandler>;
  granted: Promise<void>;
}

class MqttClientBus implements MqttBus {
  readonly #client: mqtt.MqttClient;
  readonly #log: Logger;
  readonly #filters = new Map<string, FilterSubscription>();
  readonly #parked: { topic: string; payload: Buffer; at: number }[] = [];
  #closed = false;

  constructor(client: mqtt.MqttClient, log: Logger) {
    this.#client = client;
    this.#log = log;
    client.on('message', (topic, payload) => this.#dispatch(topic, payload));
  }

  async publish(topic: string, payload: MqttPayload, options: MqttPublishOptions = {}): Promise<void> {
    this.#assertOpen();
    assertValidTopic(topic);
    const body = typeof payload === 'string' ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    await this.#client.publishAsync(topic, body, { qos: options.qos ?? 1, retain: options.retain ?? false });
  }

  async subscribe(filter: string, handler: MqttMessageHandler): Promise<MqttUnsubscribe> {
    this.#assertOpen();
    assertValidTopicFilter(filter);
    let entry = this.#filters.get(filter);
    if (!entry) {
      const created: FilterSubscription = { handlers: new Set(), granted: this.#subscribeOnBroker(filter) };
      entry = created;
      this.#filters.set(filter, created);
      created.granted.catch(() => {
        if (this.#filters.get(filter) === created) this.#filters.delete(filter);
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
      if (current.handlers.size > 0 || this.#filters.get(filter) !== current) return;
      this.#filters.delete(filter);
      if (!this.#closed) await this.#client.unsubscribeAsync(filter);
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

  #dispatch(topic: string, payload: Buffer): void {
    let handled = false;
    for (const [filter, entry] of this.#filters) {
      if (!topicMatchesFilter(filter, topic)) continue;
      for (const handler of entry.handlers) {
        handled = true;
        this.#run(handler, topic, payload, filter);
      }
    }
    if (!handled) this.#park(topic, payload);
  }

  #run(handler: MqttMessageHandler, topic: string, payload: Buffer, filter: string): void {
    // A failing handler is logged, never allowed to break the client's message stream.
    try {
      Promise.resolve(handler(topic, payload)).catch((error: unknown) => this.#logHandlerError(error, topic, filter));
    } catch (error) {
      this.#logHandlerError(error, topic, filter);
    }
  }

  #park(topic: string, payload: Buffer): void {
    const now = Date.now();
    while (this.#parked.length > 0 && (this.#parked.length >= PARKED_MAX || now - this.#parked[0]!.at > PARKED_MS)) {
      this.#log.warn({ topic: this.#parked[0]!.topic }, 'MQTT message dropped: no handler for its topic');
      this.#parked.shift();
    }
    this.#parked.push({ topic, payload, at: now });
  }

  #deliverParked(filter: string, handler: MqttMessageHandler): void {
    if (this.#parked.length === 0) return;
    const waiting = this.#parked.splice(0);
    for (const m of waiting) {
      if (topicMatchesFilter(filter, m.topic)) this.#run(handler, m.topic, m.payload, filter);
      else this.#parked.push(m);
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
