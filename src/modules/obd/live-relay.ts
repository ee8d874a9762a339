import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import type { MqttBus, MqttMessageHandler } from '../../platform/ports/mqtt.ts';

/** What the live dashboard receives for one device message. */
export interface LiveMessage {
  t: string;
  readings: { pid: string; value: number }[];
}

/**
 * Internal topics, under the platform's own `novaevo/` tree: devices may publish only to their
 * own `novaevo/v1/devices/{id}/obd` (embedded access policy, Mosquitto dynsec roles).
 */
const ROOT = 'novaevo/internal/obd';
export const LIVE_WATCH_FILTER = `${ROOT}/watch/+`;
export const LIVE_READINGS_FILTER = `${ROOT}/live/+`;
const watchTopic = (vehicleId: string) => `${ROOT}/watch/${vehicleId}`;
const readingsTopic = (vehicleId: string) => `${ROOT}/live/${vehicleId}`;
const vehicleOfTopic = (topic: string) => topic.slice(topic.lastIndexOf('/') + 1);

/** A process with open streams of a vehicle says so this often; the others believe it three times as long. */
const WATCH_RENEW_MS = 5_000;

const watchSchema = z.object({ origin: z.string().min(1).max(64) });
const readingsSchema = z.object({
  origin: z.string().min(1).max(64),
  t: z.string().max(40),
  readings: z.array(z.looseObject({ pid: z.string().max(32), value: z.number() })).max(10_000),
});

export interface LiveRelayDeps {
  bus: MqttBus;
  clock: Clock;
  logger: Logger;
  /** How often a watch is renewed (default 5 s; tests). */
  renewMs?: number;
}

/** What the relay needs of the process's own streams (the LiveHub). */
export interface LocalStreams {
  deliver(vehicleId: string, message: LiveMessage): void;
  watchedHere(): Iterable<string>;
}

/**
 * Carries live readings between the processes of one deployment (`novaevo start --workers N`, or
 * several `novaevo start` on one MQTT_URL), over the platform's MQTT bus: every process
 * subscribes on its own (not a shared subscription) to the watch and readings topics.
 * A process with open streams of a vehicle announces it on `watch/{vehicleId}` (at once, then
 * every 5 s); a process that stores a reading of a vehicle another one watches publishes it on
 * `live/{vehicleId}` (QoS 0: a live gauge, not a record). So the hot path publishes nothing for
 * the vehicles nobody is looking at, and a process learns of a new watcher within 5 s of its own
 * start. On AWS no process holds a broker connection: nothing is announced, nothing relayed.
 */
export class LiveRelay {
  /** Tells this process's messages from the others' (each process receives its own too). */
  readonly origin = randomUUID();
  // Vehicle id → until when (ms) some other process watches it.
  readonly #elsewhere = new Map<string, number>();
  #renewal: NodeJS.Timeout | undefined;
  readonly #renewMs: number;
  /** How long a watch announced by another process is believed. */
  readonly ttlMs: number;

  constructor(
    private readonly deps: LiveRelayDeps,
    private readonly local: LocalStreams,
  ) {
    this.#renewMs = deps.renewMs ?? WATCH_RENEW_MS;
    this.ttlMs = 3 * this.#renewMs;
  }

  /** The every-process subscriptions to declare in the module's MQTT parts. */
  subscriptions(): { filter: string; handler: MqttMessageHandler }[] {
    return [
      { filter: LIVE_WATCH_FILTER, handler: (topic, payload) => this.#onWatch(topic, payload) },
      { filter: LIVE_READINGS_FILTER, handler: (topic, payload) => this.#onReadings(topic, payload) },
    ];
  }

  /** True while another process said, less than the TTL ago, that it streams this vehicle. */
  watchedElsewhere(vehicleId: string): boolean {
    const until = this.#elsewhere.get(vehicleId);
    if (until === undefined) return false;
    if (until > this.deps.clock.now().getTime()) return true;
    this.#elsewhere.delete(vehicleId);
    return false;
  }

  /**
   * Announces that this process streams `vehicleId`, and keeps announcing it while it does.
   * Resolves once the broker acknowledged the announcement (QoS 1): from then on, a device
   * message the broker receives reaches the process that stores it after the announcement.
   */
  async announce(vehicleId: string): Promise<void> {
    this.#renewal ??= setInterval(() => this.#renew(), this.#renewMs).unref();
    await this.#publishWatch(vehicleId, 1);
  }

  /** Sends a stored message to the processes that stream its vehicle. Never throws. */
  forward(vehicleId: string, message: LiveMessage): void {
    const body = JSON.stringify({ origin: this.origin, t: message.t, readings: message.readings });
    this.deps.bus.publish(readingsTopic(vehicleId), body, { qos: 0 }).catch((error: unknown) => {
      this.deps.logger.debug({ err: error, vehicleId }, 'live reading not relayed to the other processes');
    });
  }

  close(): void {
    clearInterval(this.#renewal);
    this.#renewal = undefined;
  }

  #renew(): void {
    const vehicles = [...this.local.watchedHere()];
    if (vehicles.length === 0) {
      this.close();
      return;
    }
    const now = this.deps.clock.now().getTime();
    for (const [vehicleId, until] of this.#elsewhere) if (until <= now) this.#elsewhere.delete(vehicleId);
    // Renewals at QoS 0: nothing waits for them, and the broker need not store them for sessions.
    for (const vehicleId of vehicles) {
      this.#publishWatch(vehicleId, 0).catch((error: unknown) => this.deps.logger.debug({ err: error, vehicleId }, 'live watch not renewed'));
    }
  }

  #publishWatch(vehicleId: string, qos: 0 | 1): Promise<void> {
    return this.deps.bus.publish(watchTopic(vehicleId), JSON.stringify({ origin: this.origin }), { qos });
  }

  #onWatch(topic: string, payload: Buffer): void {
    const message = parse(watchSchema, payload);
    if (!message || message.origin === this.origin) return;
    const vehicleId = vehicleOfTopic(topic);
    const until = this.deps.clock.now().getTime() + this.ttlMs;
    this.#elsewhere.set(vehicleId, Math.max(until, this.#elsewhere.get(vehicleId) ?? 0));
  }

  #onReadings(topic: string, payload: Buffer): void {
    const message = parse(readingsSchema, payload);
    if (!message) {
      this.deps.logger.debug({ topic }, 'malformed live relay message dropped');
      return;
    }
    if (message.origin === this.origin) return;
    this.local.deliver(vehicleOfTopic(topic), { t: message.t, readings: message.readings });
  }
}

function parse<T>(schema: z.ZodType<T>, payload: Buffer): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(payload.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
