import type { Clock } from '../../../platform/clock.ts';

/** Waits `ms` milliseconds (injected, so that tests need not wait). */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client-side rate limit shared by every caller of one remote service: at most `perSecond`
 * requests start in any second (requests are spaced 1/perSecond apart), and after a 429 no
 * request starts before its Retry-After has passed.
 */
export class RateGate {
  #next = 0;
  #blockedUntil = 0;
  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {}

  /** Resolves when the caller may send its request. */
  async take(): Promise<void> {
    const now = this.clock.now().getTime();
    const at = Math.max(now, this.#next, this.#blockedUntil);
    this.#next = at + 1000 / this.perSecond;
    if (at > now) await this.sleep(at - now);
  }

  /** Nobody sends before `seconds` from now (a 429's Retry-After). */
  blockFor(seconds: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, this.clock.now().getTime() + seconds * 1000);
  }
}

/**
 * A circuit breaker: after `threshold` failures in a row the circuit opens and calls fail fast
 * for `cooldownMs`; then one trial call is let through (half-open), closing it on success.
 */
export class CircuitBreaker {
  #failures = 0;
  #openedAt: number | null = null;
  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly clock: Clock,
  ) {}

  /** False while open: the caller must not call the service. */
  allows(): boolean {
    if (this.#openedAt === null) return true;
    if (this.clock.now().getTime() - this.#openedAt < this.cooldownMs) return false;
    this.#openedAt = this.clock.now().getTime(); // half-open: one trial, then open again unless it succeeds
    return true;
  }

  succeeded(): void {
    this.#failures = 0;
    this.#openedAt = null;
  }

  failed(): void {
    this.#failures++;
    if (this.#failures >= this.threshold) this.#openedAt = this.clock.now().getTime();
  }

  get state(): 'closed' | 'open' {
    return this.#openedAt === null ? 'closed' : 'open';
  }
}

/** A bounded cache with expiry (least recently set evicted first). */
export class TtlCache<V> {
  readonly #items = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly maxItems: number,
    private readonly clock: Clock,
  ) {}

  get(key: string): V | undefined {
    const item = this.#items.get(key);
    if (!item) return undefined;
    if (item.expires <= this.clock.now().getTime()) {
      this.#items.delete(key);
      return undefined;
    }
    return item.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.#items.delete(key);
    this.#items.set(key, { value, expires: this.clock.now().getTime() + ttlMs });
    if (this.#items.size > this.maxItems) this.#items.delete(this.#items.keys().next().value!);
  }
}
