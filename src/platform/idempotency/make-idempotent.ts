import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { IdempotencyStore } from './idempotency-store.ts';

export interface MakeIdempotentOptions {
  store: IdempotencyStore;
  clock: Clock;
  /** Namespace of the keys, e.g. the subscription or task name. */
  scope: string;
  /** How long a result is replayed (default 7 days: longer than any event retry). */
  ttlSeconds?: number;
  /** How long a running call holds its key before another may take over (default 5 min). */
  inProgressSeconds?: number;
}

/**
 * Wraps an event handler or a workflow task so that a repeated delivery of the same input
 * (same `keyOf`) runs it once and returns the first result again: at-least-once delivery
 * without double processing. A call that throws is forgotten, so a retry runs it again.
 * While a first call runs, a concurrent one is refused with AppError 409
 * `IDEMPOTENCY_REQUEST_IN_PROGRESS` (the bus retries it later).
 *
 * @example
 * const onPaid = makeIdempotent(async (e: BusEvent) => credit(e.data), (e) => e.id, { store, clock, scope: 'billing.on-paid' });
 */
export function makeIdempotent<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  keyOf: (...args: A) => string,
  options: MakeIdempotentOptions,
): (...args: A) => Promise<R> {
  const ttlMs = (options.ttlSeconds ?? 7 * 86_400) * 1000;
  const lockMs = (options.inProgressSeconds ?? 300) * 1000;
  return async (...args: A): Promise<R> => {
    const key = keyOf(...args);
    const hash = createHash('sha256').update(key).digest('hex');
    const claim = await options.store.claim({ scope: options.scope, key: hash, hash, now: options.clock.now(), lockMs, ttlMs });
    if (claim.kind === 'completed') return (claim.outcome.body === '' ? undefined : JSON.parse(claim.outcome.body)) as R;
    if (claim.kind !== 'claimed') {
      throw new AppError(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS', `${options.scope}: the same call is already running.`);
    }
    let result: R;
    try {
      result = await fn(...args);
    } catch (err) {
      await options.store.release(options.scope, hash);
      throw err;
    }
    await options.store.complete(options.scope, hash, { status: 200, headers: {}, body: result === undefined ? '' : JSON.stringify(result) });
    return result;
  };
}
