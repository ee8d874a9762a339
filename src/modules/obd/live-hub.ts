import { LiveRelay, type LiveMessage, type LiveRelayDeps } from './live-relay.ts';

export type { LiveMessage } from './live-relay.ts';

type Listener = (message: LiveMessage) => void;

/** How long a new stream waits for its announcement to reach the broker before it starts anyway. */
const ANNOUNCE_WAIT_MS = 2_000;
/** Messages remembered per watched vehicle to give a stream each one once. */
const RECENT_MESSAGES = 32;

// A message delivered again (QoS 1 redelivery, or stored by several processes on one MQTT_URL)
// has the same time and PIDs: the time series keeps one value per PID and time, so does the stream.
const messageKey = (message: LiveMessage) => `${message.t}|${message.readings.map((r) => r.pid).join(',')}`;

/**
 * Fan-out of fresh readings to the vehicles' open live streams (server-sent events): those of
 * this process directly, and, given the MQTT bus, those of the other processes through the
 * {@link LiveRelay} (a device message is stored by one process only: the first worker of a
 * cluster for MQTT, any worker for HTTP).
 */
export class LiveHub {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #recent = new Map<string, string[]>();
  readonly #relay: LiveRelay | undefined;

  constructor(relay?: LiveRelayDeps) {
    this.#relay = relay && new LiveRelay(relay, { deliver: (vehicleId, message) => this.#deliver(vehicleId, message), watchedHere: () => this.#listeners.keys() });
  }

  /** The every-process MQTT subscriptions of the relay (none without a bus). */
  get relaySubscriptions() {
    return this.#relay?.subscriptions() ?? [];
  }

  /**
   * Listens to one vehicle. `announced` resolves once the other processes were told (at most
   * 2 s later: a stream does not wait on a broker that is away); `stop` stops listening.
   */
  listen(vehicleId: string, listener: Listener): { stop: () => void; announced: Promise<void> } {
    let set = this.#listeners.get(vehicleId);
    if (!set) {
      set = new Set();
      this.#listeners.set(vehicleId, set);
    }
    set.add(listener);
    const stop = () => {
      set.delete(listener);
      if (set.size > 0 || this.#listeners.get(vehicleId) !== set) return;
      this.#listeners.delete(vehicleId);
      this.#recent.delete(vehicleId);
    };
    return { stop, announced: this.#announce(vehicleId) };
  }

  /** True when someone watches the vehicle, here or elsewhere (the hot path skips building messages otherwise). */
  watched(vehicleId: string): boolean {
    return this.#listeners.has(vehicleId) || (this.#relay?.watchedElsewhere(vehicleId) ?? false);
  }

  /** A message this process stored: to its own streams, and to the other processes that stream the vehicle. */
  publish(vehicleId: string, message: LiveMessage): void {
    this.#deliver(vehicleId, message);
    if (this.#relay?.watchedElsewhere(vehicleId)) this.#relay.forward(vehicleId, message);
  }

  close(): void {
    this.#relay?.close();
  }

  #deliver(vehicleId: string, message: LiveMessage): void {
    const listeners = this.#listeners.get(vehicleId);
    if (!listeners) return;
    const key = messageKey(message);
    const recent = this.#recent.get(vehicleId) ?? [];
    if (recent.includes(key)) return;
    recent.push(key);
    if (recent.length > RECENT_MESSAGES) recent.shift();
    this.#recent.set(vehicleId, recent);
    for (const listener of listeners) listener(message);
  }

  async #announce(vehicleId: string): Promise<void> {
    if (!this.#relay) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ANNOUNCE_WAIT_MS);
    });
    await Promise.race([this.#relay.announce(vehicleId).catch(() => {}), waited]);
    clearTimeout(timer);
  }
}
