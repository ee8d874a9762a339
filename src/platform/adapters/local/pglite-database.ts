import { PGlite, types } from '@electric-sql/pglite';
import type { QueryResult, SqlDatabase, SqlExecutor } from '../../ports/sql.ts';
import { migrate, type Migration } from '../../migrations.ts';
import { ensureMigratedPgliteTemplate, seedPgliteDataDir } from './pglite-template.ts';

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

function executor(db: PgliteLike): SqlExecutor {
  return {
    async query<T extends object>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const res = await db.query<T>(text, params as unknown[]);
      // PGlite reports affectedRows only for writes; a statement returning rows counts its rows.
      const rowCount = res.fields.length > 0 ? res.rows.length : (res.affectedRows ?? 0);
      return { rows: res.rows, rowCount };
    },
    async exec(script: string): Promise<void> {
      await db.exec(script);
    },
  };
}

/**
 * Embedded PostgreSQL (PGlite, WASM). `dataDir` undefined keeps the database in memory.
 * PGlite has one connection, so statements and transactions run one at a time.
 * A new (missing or empty) `dataDir` starts as a copy of a template cluster instead of an initdb:
 * with `migrations`, of the template on which exactly those are applied (the caller still
 * migrates: nothing is left to apply then).
 */
export async function openPgliteDatabase(dataDir?: string, options: { migrations?: readonly Migration[] } = {}): Promise<SqlDatabase> {
  const { migrations } = options;
  // Asked only for a new folder; a cache that cannot be written only costs speed (base template).
  const migratedTemplate = migrations
    ? () =>
        ensureMigratedPgliteTemplate(migrations, async (scratch) => {
          const db = await openPgliteDatabase(scratch);
          try {
            await migrate(db, migrations);
          } finally {
            await db.close();
          }
        }).catch(() => undefined)
    : undefined;
  if (dataDir) await seedPgliteDataDir(dataDir, migratedTemplate);
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    // int8 as number, like the postgres adapter (counts and epoch millis fit in 2^53).
    parsers: { [types.INT8]: (v: string) => Number(v) },
    // PostgreSQL's default shared_buffers (128 MB) is touched in full as PGlite starts: it was
    // ~140 MB of a ~430 MB idle process. One user's platform fits in far less; a page not in the
    // buffers is one read from the OS page cache away.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  });
  const run = executor(pg);
  return {
    kind: 'pglite',
    ...run,
    transaction: (fn) => pg.transaction((tx) => fn(executor(tx))),
    close: () => pg.close(),
  };
}
