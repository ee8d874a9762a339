import { notFound } from '../../../errors.ts';
import { isUuid } from '../../../ids.ts';
import { newestFirstPage } from '../../../pagination/newest-first.ts';
import type { DeadLetter, Page } from '../../../ports/event-bus.ts';
import type { SqlDatabase } from '../../../ports/sql.ts';
import { EVENT_COLUMNS, toBusEvent, type EventRow } from './delivery-store.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

type DeadLetterRow = EventRow & { id: string; subscription: string; attempts: number; last_error: string; failed_at: Date };

/** Dead letters, most recently failed first, `limit` (1 to 200, default 50) per page. */
export async function listDeadLetters(db: SqlDatabase, options: { limit?: number; cursor?: string } = {}): Promise<Page<DeadLetter>> {
  return newestFirstPage(
    options,
    { defaultLimit: DEFAULT_LIMIT, maxLimit: MAX_LIMIT, isValidId: isUuid },
    async (after, n) => {
      const { rows } = await db.query<DeadLetterRow>(
        `SELECT d.id, d.subscription, d.attempts, d.last_error, d.failed_at, ${EVENT_COLUMNS}
         FROM event_deliveries d JOIN event_outbox e ON e.id = d.event_id
         WHERE d.status = 'dead' AND ($1::timestamptz IS NULL OR (d.failed_at, d.id) < ($1::timestamptz, $2::uuid))
         ORDER BY d.failed_at DESC, d.id DESC
         LIMIT $3`,
        [after?.at ?? null, after?.id ?? null, n],
      );
      return rows.map(
        (r): DeadLetter => ({
          id: r.id,
          event: toBusEvent(r),
          subscription: r.subscription,
          attempts: r.attempts,
          lastError: r.last_error,
          failedAt: r.failed_at,
        }),
      );
    },
    (item) => ({ at: item.failedAt, id: item.id }),
  );
}

/**
 * Makes a dead letter pending again, due at `now`, with its attempts reset (its last error is
 * kept until it succeeds). Throws AppError 404 `DEAD_LETTER_NOT_FOUND`.
 */
export async function replayDeadLetter(db: SqlDatabase, id: string, now: Date): Promise<void> {
  const res = isUuid(id)
    ? await db.query(
        `UPDATE event_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2, failed_at = NULL
         WHERE id = $1 AND status = 'dead'`,
        [id, now],
      )
    : { rowCount: 0 };
  if (res.rowCount === 0) throw notFound('DEAD_LETTER_NOT_FOUND', `No dead letter has id ${id}.`);
}
