import { newId } from '../../../ids.ts';
import type { BusEvent, JsonValue } from '../../../ports/event-bus.ts';
import type { SqlDatabase, SqlExecutor } from '../../../ports/sql.ts';
import { patternMatches } from './event-rules.ts';

/** Columns of event_outbox as a BusEvent, for a query joining it as `e`. */
export const EVENT_COLUMNS = 'e.id AS event_id, e.type, e.source, e.subject, e.data, e.occurred_at';

export interface EventRow {
  event_id: string;
  type: string;
  source: string;
  subject: string | null;
  data: JsonValue;
  occurred_at: Date;
}

export function toBusEvent(row: EventRow): BusEvent {
  return { id: row.event_id, type: row.type, source: row.source, subject: row.subject, data: row.data, occurredAt: row.occurred_at };
}

/** Writes one event into the outbox, through `sql` (the caller's transaction, or the database). */
export async function insertEvent(sql: SqlExecutor, event: BusEvent): Promise<void> {
  await sql.query('INSERT INTO event_outbox (id, type, source, subject, data, occurred_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)', [
    event.id,
    event.type,
    event.source,
    event.subject,
    JSON.stringify(event.data),
    event.occurredAt,
  ]);
}

/**
 * Routes up to `limit` committed, not yet routed events: one pending delivery per matching
 * subscription, then marks them routed, all in one transaction. SKIP LOCKED lets several
 * processes route side by side without waiting on each other. Returns the events routed.
 */
export async function routeEvents(db: SqlDatabase, now: Date, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const events = await tx.query<{ id: string; type: string }>(
      'SELECT id, type FROM event_outbox WHERE routed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
      [limit],
    );
    if (events.rowCount === 0) return 0;
    const subscriptions = await tx.query<{ name: string; pattern: string }>('SELECT name, pattern FROM event_subscriptions');
    const deliveries = events.rows.flatMap((e) =>
      subscriptions.rows.filter((s) => patternMatches(s.pattern, e.type)).map((s) => ({ id: newId(), event_id: e.id, subscription: s.name })),
    );
    if (deliveries.length > 0) {
      await tx.query(
        `INSERT INTO event_deliveries (id, event_id, subscription, status, next_attempt_at)
         SELECT d.id, d.event_id, d.subscription, 'pending', $2
         FROM jsonb_to_recordset($1::jsonb) AS d (id uuid, event_id uuid, subscription text)
         ON CONFLICT (event_id, subscription) DO NOTHING`,
        [JSON.stringify(deliveries), now],
      );
    }
    await tx.query('UPDATE event_outbox SET routed_at = $1 WHERE id = ANY($2::uuid[])', [now, events.rows.map((e) => e.id)]);
    return events.rowCount;
  });
}

/** A delivery this process holds the lease of. */
export interface ClaimedDelivery {
  id: string;
  subscription: string;
  /** Attempts so far, this one included. */
  attempts: number;
  event: BusEvent;
}

/**
 * Leases up to `limit` due deliveries of the given subscriptions until `lockedUntil`, counting
 * the attempt now: a process that dies mid-handler has used an attempt, and after the lease
 * expires another pass picks the delivery up again.
 */
export async function claimDeliveries(
  db: SqlDatabase,
  claim: { now: Date; lockedUntil: Date; leaseToken: string; subscriptions: string[]; limit: number },
): Promise<ClaimedDelivery[]> {
  const { rows } = await db.query<EventRow & { id: string; subscription: string; attempts: number }>(
    `WITH due AS (
       SELECT id FROM event_deliveries
       WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
         AND subscription = ANY($4::text[])
       ORDER BY next_attempt_at
       LIMIT $5
       FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE event_deliveries d SET locked_until = $2, lease_token = $3, attempts = d.attempts + 1
       FROM due WHERE d.id = due.id
       RETURNING d.id, d.event_id AS claimed_event_id, d.subscription, d.attempts
     )
     SELECT c.id, c.subscription, c.attempts, ${EVENT_COLUMNS}
     FROM claimed c JOIN event_outbox e ON e.id = c.claimed_event_id`,
    [claim.now, claim.lockedUntil, claim.leaseToken, claim.subscriptions, claim.limit],
  );
  return rows.map((r) => ({ id: r.id, subscription: r.subscription, attempts: r.attempts, event: toBusEvent(r) }));
}

/** Records a successful delivery, unless the lease was lost (another attempt then owns it). */
export async function markDelivered(db: SqlDatabase, delivery: { id: string; leaseToken: string; now: Date }): Promise<void> {
  await db.query(
    `UPDATE event_deliveries SET status = 'delivered', delivered_at = $3, locked_until = NULL, lease_token = NULL, last_error = NULL
     WHERE id = $1 AND lease_token = $2`,
    [delivery.id, delivery.leaseToken, delivery.now],
  );
}

/** Records a failed attempt: retried at `retryAt`, or a dead letter when `retryAt` is null. */
export async function markFailed(db: SqlDatabase, failure: { id: string; leaseToken: string; now: Date; error: string; retryAt: Date | null }): Promise<void> {
  const { id, leaseToken, now, error, retryAt } = failure;
  if (retryAt) {
    await db.query(
      `UPDATE event_deliveries SET next_attempt_at = $3, last_error = $4, locked_until = NULL, lease_token = NULL
       WHERE id = $1 AND lease_token = $2`,
      [id, leaseToken, retryAt, error],
    );
  } else {
    await db.query(
      `UPDATE event_deliveries SET status = 'dead', failed_at = $3, last_error = $4, locked_until = NULL, lease_token = NULL
       WHERE id = $1 AND lease_token = $2`,
      [id, leaseToken, now, error],
    );
  }
}
