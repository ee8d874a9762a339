import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { IdempotencyStore } from '../idempotency/idempotency-store.ts';

export interface IdempotencyOptions {
  store: IdempotencyStore;
  clock: Clock;
  /** How long a completed response is replayed (default 24 h). */
  ttlSeconds?: number;
  /** How long a request in progress holds its key before another attempt may take over (default 60 s). */
  inProgressSeconds?: number;
}

const REPLAYED_HEADERS = ['content-type', 'location'];
const KEY_RE = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` for creating POSTs, after Powertools' idempotency design: one record per
 * (caller, method, path, key) holding a hash of the request and, once done, the response.
 * Same key and body → the first response again (`Idempotent-Replayed: true`); same key with
 * another body → 422 IDEMPOTENCY_KEY_REUSED; while the first is running → 409.
 * 5xx responses are not stored, so a failed attempt can be retried with the same key.
 * `callerOf` names whose key space a request uses (the user id behind authentication).
 */
export function idempotency(options: IdempotencyOptions, callerOf: (c: Context) => string): MiddlewareHandler {
  const ttlMs = (options.ttlSeconds ?? 24 * 3600) * 1000;
  const lockMs = (options.inProgressSeconds ?? 60) * 1000;
  const { store, clock } = options;

  return async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined) return next();
    if (!KEY_RE.test(key)) throw new AppError(400, 'IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
    const scope = `${callerOf(c)} ${c.req.method} ${c.req.path}`;
    const raw = c.req.header('Content-Type')?.includes('json') ? JSON.stringify(await c.req.json()) : '';
    const hash = createHash('sha256').update(raw).digest('hex');

    const claim = await store.claim({ scope, key, hash, now: clock.now(), lockMs, ttlMs });
    if (claim.kind === 'mismatch') throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request.');
    if (claim.kind === 'in_progress') {
      throw new AppError(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly.', {
        headers: { 'Retry-After': '1' },
      });
    }
    if (claim.kind === 'completed') {
      c.res = new Response(claim.outcome.body, { status: claim.outcome.status, headers: { ...claim.outcome.headers, 'Idempotent-Replayed': 'true' } });
      return;
    }

    try {
      await next();
    } catch (err) {
      await store.release(scope, key);
      throw err;
    }
    const res = c.res;
    if (res.status >= 500) {
      await store.release(scope, key);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const v = res.headers.get(name);
      if (v) headers[name] = v;
    }
    await store.complete(scope, key, { status: res.status, headers, body: await res.clone().text() });
  };
}
