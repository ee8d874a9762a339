import type { SqlDatabase } from '../../../ports/sql.ts';

/**
 * Removes delivered deliveries finished before `before`, then the events that have no delivery
 * left (all delivered, or matched no subscription) and were routed before `before`. Pending and
 * dead deliveries, and their events, are kept whatever their age.
 */
export async function purgeEventHistory(db: SqlDatabase, before: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const deliveries = await tx.query("DELETE FROM event_deliveries WHERE status = 'delivered' AND delivered_at < $1", [before]);
    const events = await tx.query(
      `DELETE FROM event_outbox e WHERE e.routed_at < $1
         AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.event_id = e.id)`,
      [before],
    );
    return deliveries.rowCount + events.rowCount;
  });
}
