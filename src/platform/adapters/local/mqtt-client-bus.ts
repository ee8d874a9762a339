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
  username?: string;
  password?: string;
  /** Pause between reconnection attempts after a lost connection; default 1000 ms. */
  reconnectPeriodMs?: number;
  logger?: Logger;
}

/** QoS 1 SUBACK code that means "refused" in MQTT 3.1.1. */
const SUBACK_FAILURE = 128;

/**
 * Connects an `MqttBus` to any MQTT 3.1.1 broker (the embedded aedes one, Mosquitto, ...).
 * Fails fast when the first connection is refused or unreachable; after that, mqtt.js reconnects
 * on its own and re-subscribes every live subscription.
 */
export async function connectMqttBus(url: string, options: MqttBusOptions = {}): Promise<MqttBus> {
  const log = (options.logger ?? silentLogger()).child({ component: 'mqtt-bus' });
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
        clean: true,
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
    for (const [filter, entry] of this.#filters) {
      if (!topicMatchesFilter(filter, topic)) continue;
      for (const handler of entry.handlers) {
        // A failing handler is logged, never allowed to break the client's message stream.
        try {
          Promise.resolve(handler(topic, payload)).catch((error: unknown) => this.#logHandlerError(error, topic, filter));
        } catch (error) {
          this.#logHandlerError(error, topic, filter);
        }
      }
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
