import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Migration } from '../migrations.ts';
import type { SqlDatabase } from '../ports/sql.ts';
import type { AppEnv } from './app-env.ts';

export const idempotencyMigrations: Migration[] = [
  {
    id: 'platform.idempotency.001',
    sql: `CREATE TABLE idempotency_records (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      status text NOT NULL CHECK (status IN ('in_progress', 'completed')),
      response_status int,
      response_headers jsonb,
      response_body text,
      locked_until timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (scope, key)
    );
    CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at);`,
  },
];

/** Deletes records whose replay window has passed (housekeeping). */
export async function purgeExpiredIdempotencyRecords(db: SqlDatabase, now: Date): Promise<number> {
  return (await db.query('DELETE FROM idempotency_records WHERE expires_at <= $1', [now])).rowCount;
}

export interface IdempotencyOptions {
  db: SqlDatabase;
  clock: Clock;
  /** How long a completed response is replayed (default 24 h). */
  ttlSeconds?: number;
  /** How long a request in progress holds its key before another attempt may take over (default 60 s). */
  inProgressSeconds?: number;
}

interface RecordRow {
  request_hash: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
  locked_until: Date;
  expires_at: Date;
}

const REPLAYED_HEADERS = ['content-type', 'location'];

/**
 * `Idempotency-Key` for creating POSTs, after Powertools' idempotency design: one record per
 * (caller, method, path, key) holding a hash of the request and, once done, the response.
 * Same key and body → the first response again (`Idempotent-Replayed: true`); same key with
 * another body → 422 IDEMPOTENCY_KEY_REUSED; while the first is running → 409.
 * 5xx responses are not stored, so a failed attempt can be retried with the same key.
 */
export function idempotency(options: IdempotencyOptions): MiddlewareHandler<AppEnv> {
  const ttl = (options.ttlSeconds ?? 24 * 3600) * 1000;
  const lock = (options.inProgressSeconds ?? 60) * 1000;
  const { db, clock } = options;

  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined) return next();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new AppError(400, 'IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
    }
    const principal = c.get('principal') as { userId: string } | undefined;
    const scope = `${principal?.userId ?? 'anonymous'} ${c.req.method} ${c.req.path}`;
    const raw = c.req.header('Content-Type')?.includes('json') ? JSON.stringify(await c.req.json()) : '';
    const hash = createHash('sha256').update(raw).digest('hex');
    const now = clock.now();

    // Expired records are as good as absent.
    await db.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND expires_at <= $3', [scope, key, now]);
    const claimed = await db.query(
      `INSERT INTO idempotency_records (scope, key, request_hash, status, locked_until, expires_at)
       VALUES ($1, $2, $3, 'in_progress', $4, $5) ON CONFLICT DO NOTHING`,
      [scope, key, hash, new Date(now.getTime() + lock), new Date(now.getTime() + ttl)],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await db.query<RecordRow>('SELECT * FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
      const rec = rows[0];
      if (rec && rec.request_hash !== hash) {
        throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request.');
      }
      if (rec?.status === 'completed') {
        return new Response(rec.response_body, {
          status: rec.response_status ?? 200,
          headers: { ...rec.response_headers, 'Idempotent-Replayed': 'true' },
        });
      }
      if (rec && rec.locked_until > now) {
        throw new AppError(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly.', {
          headers: { 'Retry-After': '1' },
        });
      }
      // An abandoned attempt (its process died): take it over.
      await db.query('UPDATE idempotency_records SET locked_until = $3 WHERE scope = $1 AND key = $2', [scope, key, new Date(now.getTime() + lock)]);
    }

    await next();
    const res = c.res;
    if (res.status >= 500) {
      await db.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const v = res.headers.get(name);
      if (v) headers[name] = v;
    }
    const bodyText = await res.clone().text();
    await db.query(
      `UPDATE idempotency_records SET status = 'completed', response_status = $3, response_headers = $4::jsonb, response_body = $5
       WHERE scope = $1 AND key = $2`,
      [scope, key, res.status, JSON.stringify(headers), bodyText],
    );
  });
}
