/** What the live dashboard receives for one device message. */
export interface LiveMessage {
  t: string;
  readings: { pid: string; value: number }[];
}

type Listener = (message: LiveMessage) => void;

/**
 * In-process fan-out of fresh readings to the vehicles' open live streams (server-sent events).
 * A process only sees the messages it ingests itself: with several processes, every one
 * subscribes to every device topic today, so each stream still sees every message.
 */
export class LiveHub {
  readonly #listeners = new Map<string, Set<Listener>>();

  /** Listens to one vehicle; returns the function that stops listening. */
  listen(vehicleId: string, listener: Listener): () => void {
    let set = this.#listeners.get(vehicleId);
    if (!set) {
      set = new Set();
      this.#listeners.set(vehicleId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(vehicleId);
    };
  }

  /** True when someone watches the vehicle (the hot path skips building messages otherwise). */
  watched(vehicleId: string): boolean {
    return this.#listeners.has(vehicleId);
  }

  publish(vehicleId: string, message: LiveMessage): void {
    for (const listener of this.#listeners.get(vehicleId) ?? []) listener(message);
  }
}
