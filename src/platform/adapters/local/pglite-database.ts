import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import type { QueryResult, SqlDatabase, SqlExecutor } from '../../ports/sql.ts';
import { migrate, type Migration } from '../../migrations.ts';
import { PgliteStatements, type TextResult } from './pglite-statements.ts';
import { ensureMigratedPgliteTemplate, seedPgliteDataDir } from './pglite-template.ts';

/** Rows as objects, each field parsed by its column's type with PGlite's parsers (int8 as number...). */
export function rowObjects<T extends object>(result: TextResult, parsers: PGlite['parsers']): T[] {
  const { columns, rows } = result;
  const parse = columns.map((c) => parsers[c.typeOid]);
  return rows.map((fields) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const text = fields[i]!;
      const p = parse[i];
      row[columns[i]!.name] = text === null || !p ? text : p(text, columns[i]!.typeOid);
    }
    return row as T;
  });
}

/**
 * Statements through `statements` (PGlite's query lock held, and its transaction lock too
 * outside a transaction, as `PGlite.query` does); scripts through PGlite's own `exec`.
 */
function executor(pg: PGlite, statements: PgliteStatements, tx?: Transaction): SqlExecutor {
  const locked = <T>(fn: () => Promise<T>): Promise<T> => (tx ? pg._runExclusiveQuery(fn) : pg._runExclusiveTransaction(() => pg._runExclusiveQuery(fn)));
  return {
    async query<T extends object>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      if (tx?.closed) throw new Error('Transaction is closed');
      const result = await locked(() => statements.run(text, params));
      if (!tx) await pg.syncToFs();
      return { rows: rowObjects<T>(result, pg.parsers), rowCount: result.rowCount };
    },
    async exec(script: string): Promise<void> {
      await (tx ?? pg).exec(script);
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
  const statements = new PgliteStatements(pg);
  return {
    kind: 'pglite',
    ...executor(pg, statements),
    transaction: (fn) => pg.transaction((tx) => fn(executor(pg, statements, tx))),
    close: () => pg.close(),
  };
}
