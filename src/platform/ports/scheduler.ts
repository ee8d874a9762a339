import type { JsonValue } from './event-bus.ts';
import type { SqlExecutor } from './sql.ts';

/** What to publish, and when. */
export interface TimerInput {
  /** Type of the event published when the timer fires (source is always `scheduler`). */
  type: string;
  /** Payload of that event. */
  data: JsonValue;
  /** Instant at or after which the timer fires. */
  at: Date;
  /** Idempotency key: scheduling again with the same key returns the existing timer unchanged. */
  key?: string;
}

export type TimerStatus = 'scheduled' | 'fired' | 'cancelled';

export interface Timer {
  id: string;
  type: string;
  data: JsonValue;
  at: Date;
  key: string | null;
  status: TimerStatus;
  /** When it fired (business time), once it has. */
  firedAt: Date | null;
  /** Id of the event it published, once it has fired. */
  eventId: string | null;
}

/**
 * Durable one-off timers, like EventBridge Scheduler's one-time schedules: at `at`, the event
 * `{type, source: 'scheduler', subject: timer id, data}` is published on the event bus.
 * Firing is exactly-once into the bus's outbox; delivery to subscribers is then at-least-once.
 * Timers live in storage, so they survive restarts; late timers fire as soon as the poller runs.
 *
 * @example
 * ```ts
 * await scheduler.schedule(
 *   { type: 'booking.reminder-due', data: { bookingId }, at: new Date(start - 24 * 3600_000), key: `reminder:${bookingId}` },
 *   tx,
 * );
 * ```
 */
export interface Scheduler {
  /**
   * Creates a timer; with `tx` it is written in that transaction (it exists iff the caller commits).
   * Throws AppError 400 `TIMER_INVALID` for a bad type or an invalid date.
   */
  schedule(input: TimerInput, tx?: SqlExecutor): Promise<Timer>;

  /** Cancels a scheduled timer. False when it is unknown, already fired or already cancelled. */
  cancel(id: string): Promise<boolean>;

  /**
   * Moves a scheduled timer to `at`. Throws AppError 404 `TIMER_NOT_FOUND`, 409 `TIMER_ALREADY_FIRED`,
   * or 409 `TIMER_CANCELLED`.
   */
  reschedule(id: string, at: Date): Promise<Timer>;

  /** The timer, or undefined when unknown. */
  get(id: string): Promise<Timer | undefined>;

  /** Starts polling for due timers. */
  start(): Promise<void>;

  /** Stops polling and waits for a firing pass in progress. */
  stop(): Promise<void>;

  /** Fires every timer due at the clock's now (tests). Returns how many fired. */
  runOnce(): Promise<number>;
}
