import type { SqlExecutor } from './sql.ts';
import type { Page } from '../pagination/newest-first.ts';

/** A value that survives JSON.stringify / JSON.parse unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What a publisher says happened. Shaped like an EventBridge entry (DetailType, Source, Detail). */
export interface EventInput {
  /** Dotted name of what happened, e.g. `vehicle.created`. Never contains `*`. */
  type: string;
  /** Who says so: the module name (`vehicles`, `scheduler`...). */
  source: string;
  /** The resource the event is about (an id), when there is one. */
  subject?: string;
  /** The payload; must serialise to at most {@link MAX_EVENT_BYTES} of JSON. */
  data: JsonValue;
}

/** An event as stored and delivered. */
export interface BusEvent {
  /** UUIDv7, unique across the platform. */
  id: string;
  type: string;
  source: string;
  subject: string | null;
  data: JsonValue;
  /** Business time (the injected Clock) at publish. */
  occurredAt: Date;
}

/** A subscriber's reaction to one event. Throwing (or rejecting) asks for a retry. */
export type EventHandler = (event: BusEvent) => Promise<void>;

/** A delivery that exhausted its attempts, kept for inspection and replay. */
export interface DeadLetter {
  /** The delivery's id: what {@link EventBus.replayDeadLetter} takes. */
  id: string;
  event: BusEvent;
  /** Name of the subscription whose handler kept failing. */
  subscription: string;
  attempts: number;
  lastError: string;
  failedAt: Date;
}

export type { Page } from '../pagination/newest-first.ts';

/** EventBridge's limit for one entry; kept locally so nothing works here that would fail in AWS. */
export const MAX_EVENT_BYTES = 256 * 1024;

/**
 * The event bus port: publish facts, react to them elsewhere, at least once.
 *
 * Local adapter: an outbox table in the SQL database, dispatched in-process. Production: the same
 * outbox relayed to EventBridge, subscriptions as rules whose targets are Lambda handlers and dead
 * letters on an SQS queue. Handlers must therefore be idempotent: a delivery may repeat, and
 * events of one type may arrive out of order.
 *
 * @example
 * ```ts
 * await bus.subscribe('planning.on-vehicle-created', 'vehicle.created', async (e) => plan(e.data));
 * await db.transaction(async (tx) => {
 *   await tx.query('INSERT INTO vehicles ...');
 *   await bus.publish({ type: 'vehicle.created', source: 'vehicles', subject: id, data: { id } }, tx);
 * });
 * ```
 */
export interface EventBus {
  /**
   * Stores an event for delivery. With `tx` (from `db.transaction`) the event is written in that
   * transaction: it exists if and only if the caller's data commits (transactional outbox).
   * Throws AppError 400 `EVENT_INVALID` for a bad type/source or a payload over the size limit.
   */
  publish(event: EventInput, tx?: SqlExecutor): Promise<BusEvent>;

  /**
   * Registers the durable subscription `name` (unique per bus, e.g. `planning.on-vehicle-created`).
   * `pattern` is an exact event type or a prefix ending in `*` (`vehicle.*`, `*`). Once this
   * resolves, matching events published afterwards are kept for `name` even while no process
   * runs its handler. Throws AppError 400 `SUBSCRIPTION_INVALID` for a bad name or pattern, and
   * 409 `SUBSCRIPTION_EXISTS` when `name` is already registered on this bus.
   */
  subscribe(name: string, pattern: string, handler: EventHandler): Promise<void>;

  /** Dead letters, most recently failed first. Throws AppError 400 `CURSOR_INVALID` for a bad cursor. */
  listDeadLetters(options?: { limit?: number; cursor?: string }): Promise<Page<DeadLetter>>;

  /**
   * Puts a dead letter back in the queue with its attempts reset.
   * Throws AppError 404 `DEAD_LETTER_NOT_FOUND` when `id` is no dead letter.
   */
  replayDeadLetter(id: string): Promise<void>;

  /** Starts background dispatching (polling, plus a nudge after each local publish). */
  start(): Promise<void>;

  /** Stops polling and waits for the handlers in flight. */
  stop(): Promise<void>;

  /** One dispatch pass: routes new events, then runs one batch of due deliveries. Returns the deliveries handled. */
  runOnce(): Promise<number>;

  /** Runs passes until nothing is due at the clock's now (tests). Returns the deliveries handled. */
  drain(): Promise<number>;
}
