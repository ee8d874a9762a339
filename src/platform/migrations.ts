import type { SqlDatabase } from './ports/sql.ts';

/** One schema change. `id` is unique across the platform and sorts in apply order within its owner. */
export interface Migration {
  id: string;
  sql: string;
}

// Any constant works: it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_302_114_551;

/**
 * Applies the migrations not yet recorded, each in its own transaction, in the order given.
 * Safe to call from several processes at once on PostgreSQL (transaction-scoped advisory lock).
 * Returns the ids applied by this call.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new Error(`duplicate migration id ${m.id}`);
    ids.add(m.id);
  }
  // Every start of an existing database lands here with nothing to apply: one read says so,
  // instead of a transaction per migration (a round trip each to the PGlite worker, ~0.1 s).
  if (await allRecorded(db, ids)) return [];
  // Under the same lock: two processes creating the table at once collide even with IF NOT EXISTS.
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id]);
      if (seen.rowCount > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}

/** Whether `schema_migrations` exists and records every one of `ids` (pending ones are re-checked under the lock). */
async function allRecorded(db: SqlDatabase, ids: ReadonlySet<string>): Promise<boolean> {
  const table = await db.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  if (!table.rows[0]?.exists) return false;
  const { rows } = await db.query<{ id: string }>('SELECT id FROM schema_migrations');
  const recorded = new Set(rows.map((r) => r.id));
  for (const id of ids) if (!recorded.has(id)) return false;
  return true;
}
