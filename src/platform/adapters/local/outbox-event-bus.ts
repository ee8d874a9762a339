import { systemClock, type Clock } from '../../clock.ts';
import { conflict } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { silentLogger, type Logger } from '../../logger.ts';
import type { BusEvent, DeadLetter, EventBus, EventHandler, EventInput, Page } from '../../ports/event-bus.ts';
import type { SqlDatabase, SqlExecutor } from '../../ports/sql.ts';
import { listDeadLetters, replayDeadLetter } from './event-bus/dead-letters.ts';
import { claimDeliveries, insertEvent, markDelivered, markFailed, routeEvents, type ClaimedDelivery } from './event-bus/delivery-store.ts';
import { checkEventInput, checkSubscription } from './event-bus/event-rules.ts';
import { PollingLoop } from '../../background/polling-loop.ts';
import { retryDelayMs, retryPolicy, type RetryPolicy } from '../../background/retry-policy.ts';

export { eventBusMigrations } from './event-bus/migrations.ts';
export type { RetryPolicy } from '../../background/retry-policy.ts';

export interface OutboxEventBusOptions {
  /** Database holding the outbox (run `eventBusMigrations` on it first). */
  db: SqlDatabase;
  /** Business time: publish instants, retry schedule and leases. Default: the system clock. */
  clock?: Clock;
  logger?: Logger;
  /** Pause between polls once nothing is left to do. Default 1000 ms. */
  pollIntervalMs?: number;
  /** How long a claimed delivery belongs to its process before another may retry it. Default 60 s. */
  leaseMs?: number;
  /** Deliveries run side by side per pass. Default 10. */
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
  /** Source of retry jitter, [0, 1). Default Math.random. */
  random?: () => number;
}

// Longer errors are cut: the dead letter is for a person to read, not a log archive.
const MAX_ERROR_LENGTH = 4000;
const ROUTE_BATCH = 100;

/**
 * The local {@link EventBus}: a transactional outbox in SQL and an in-process dispatcher.
 * Several processes may share one PostgreSQL database: routing and claims skip the rows
 * another process has locked, and each process only runs the subscriptions it registered.
 *
 * @example
 * ```ts
 * await migrate(db, eventBusMigrations);
 * const bus = new OutboxEventBus({ db, clock, logger });
 * await bus.subscribe('planning.on-vehicle-created', 'vehicle.created', onVehicleCreated);
 * await bus.start(); // ...and `await bus.stop()` at shutdown
 * ```
 */
export class OutboxEventBus implements EventBus {
  readonly #db: SqlDatabase;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #leaseMs: number;
  readonly #batchSize: number;
  readonly #retry: RetryPolicy;
  readonly #random: () => number;
  readonly #handlers = new Map<string, EventHandler>();
  readonly #loop: PollingLoop;

  constructor(options: OutboxEventBusOptions) {
    this.#db = options.db;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger();
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#batchSize = options.batchSize ?? 10;
    this.#retry = retryPolicy(options.retry);
    this.#random = options.random ?? Math.random;
    this.#loop = new PollingLoop(
      () => this.#drainWhile(() => this.#loop.started),
      options.pollIntervalMs ?? 1000,
      (err) => this.#logger.error({ err }, 'event dispatch pass failed'),
    );
  }

  async publish(input: EventInput, tx?: SqlExecutor): Promise<BusEvent> {
    const json = checkEventInput(input);
    const event: BusEvent = {
      id: newId(),
      type: input.type,
      source: input.source,
      subject: input.subject ?? null,
      // What subscribers will read back: the JSON form, not the caller's object.
      data: JSON.parse(json),
      occurredAt: this.#clock.now(),
    };
    await insertEvent(tx ?? this.#db, event);
    // Inside a transaction, the pass may start before the commit: on PGlite it queues behind the
    // transaction; on PostgreSQL it may miss the row, which the next poll then routes.
    this.#loop.nudge();
    return event;
  }

  async subscribe(name: string, pattern: string, handler: EventHandler): Promise<void> {
    checkSubscription(name, pattern);
    if (this.#handlers.has(name)) throw conflict('SUBSCRIPTION_EXISTS', `Subscription ${name} is already registered.`);
    // Taken before the write, so that a second subscribe with this name, even a concurrent one, is refused.
    this.#handlers.set(name, handler);
    try {
      await this.#db.query(
        `INSERT INTO event_subscriptions (name, pattern, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET pattern = EXCLUDED.pattern`,
        [name, pattern, this.#clock.now()],
      );
    } catch (err) {
      this.#handlers.delete(name);
      throw err;
    }
  }

  listDeadLetters(options?: { limit?: number; cursor?: string }): Promise<Page<DeadLetter>> {
    return listDeadLetters(this.#db, options);
  }

  async replayDeadLetter(id: string): Promise<void> {
    await replayDeadLetter(this.#db, id, this.#clock.now());
    this.#loop.nudge();
  }

  async start(): Promise<void> {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  async runOnce(): Promise<number> {
    const now = this.#clock.now();
    let routed: number;
    do routed = await routeEvents(this.#db, now, ROUTE_BATCH);
    while (routed === ROUTE_BATCH);
    if (this.#handlers.size === 0) return 0;
    const leaseToken = newId();
    const claimed = await claimDeliveries(this.#db, {
      now,
      lockedUntil: new Date(now.getTime() + this.#leaseMs),
      leaseToken,
      subscriptions: [...this.#handlers.keys()],
      limit: this.#batchSize,
    });
    await Promise.all(claimed.map((delivery) => this.#deliver(delivery, leaseToken)));
    return claimed.length;
  }

  drain(): Promise<number> {
    return this.#drainWhile(() => true);
  }

  async #drainWhile(keepGoing: () => boolean): Promise<number> {
    let total = 0;
    while (keepGoing()) {
      const handled = await this.runOnce();
      if (handled === 0) break;
      total += handled;
    }
    return total;
  }

  async #deliver(delivery: ClaimedDelivery, leaseToken: string): Promise<void> {
    const { id, subscription, attempts, event } = delivery;
    const handler = this.#handlers.get(subscription)!;
    try {
      await handler(event);
    } catch (err) {
      const now = this.#clock.now();
      const dead = attempts >= this.#retry.maxAttempts;
      const retryAt = dead ? null : new Date(now.getTime() + retryDelayMs(this.#retry, attempts, this.#random));
      const log = { subscription, deliveryId: id, eventId: event.id, eventType: event.type, attempts, err };
      if (dead) this.#logger.error(log, 'event delivery failed for the last time: dead letter');
      else this.#logger.warn({ ...log, retryAt }, 'event delivery failed; will retry');
      await markFailed(this.#db, { id, leaseToken, now, error: describeError(err), retryAt });
      return;
    }
    await markDelivered(this.#db, { id, leaseToken, now: this.#clock.now() });
  }
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
