import type { Migration } from '../migrations.ts';
import type { SqlDatabase } from '../ports/sql.ts';
import type { ClaimResult, IdempotencyStore, StoredOutcome } from './idempotency-store.ts';

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

interface RecordRow {
  request_hash: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
  locked_until: Date;
}

/** Idempotency records in the SQL database (`idempotency_records`). */
export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: SqlDatabase) {}

  async claim(input: { scope: string; key: string; hash: string; now: Date; lockMs: number; ttlMs: number }): Promise<ClaimResult> {
    const { scope, key, hash, now } = input;
    const lockedUntil = new Date(now.getTime() + input.lockMs);
    // Expired records are as good as absent.
    await this.db.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND expires_at <= $3', [scope, key, now]);
    const claimed = await this.db.query(
      `INSERT INTO idempotency_records (scope, key, request_hash, status, locked_until, expires_at)
       VALUES ($1, $2, $3, 'in_progress', $4, $5) ON CONFLICT DO NOTHING`,
      [scope, key, hash, lockedUntil, new Date(now.getTime() + input.ttlMs)],
    );
    if (claimed.rowCount === 1) return { kind: 'claimed' };
    const { rows } = await this.db.query<RecordRow>('SELECT * FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
    const rec = rows[0];
    if (!rec) return this.claim(input); // deleted in between: try again
    if (rec.request_hash !== hash) return { kind: 'mismatch' };
    if (rec.status === 'completed') {
      return { kind: 'completed', outcome: { status: rec.response_status ?? 200, headers: rec.response_headers ?? {}, body: rec.response_body ?? '' } };
    }
    // An abandoned attempt (its process died) is taken over; a live one holds the key.
    const takeover = await this.db.query(
      `UPDATE idempotency_records SET locked_until = $3 WHERE scope = $1 AND key = $2 AND status = 'in_progress' AND locked_until <= $4`,
      [scope, key, lockedUntil, now],
    );
    return takeover.rowCount === 1 ? { kind: 'claimed' } : { kind: 'in_progress' };
  }

  async complete(scope: string, key: string, outcome: StoredOutcome): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_records SET status = 'completed', response_status = $3, response_headers = $4::jsonb, response_body = $5
       WHERE scope = $1 AND key = $2`,
      [scope, key, outcome.status, JSON.stringify(outcome.headers), outcome.body],
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.db.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await this.db.query('DELETE FROM idempotency_records WHERE expires_at <= $1', [now])).rowCount;
  }
}
