import pg from 'pg';
import type { QueryResult, SqlDatabase, SqlExecutor } from '../../ports/sql.ts';

// int8 as number and keep jsonb parsed: the same conventions as the PGlite adapter.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<T extends object>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const res = await client.query<T>(text, params as unknown[]);
      return { rows: res.rows, rowCount: res.rowCount ?? res.rows.length };
    },
    async exec(script: string): Promise<void> {
      await client.query(script);
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema to use (created if missing); isolates test runs on a shared server. */
  schema?: string;
  maxConnections?: number;
}

/** A PostgreSQL server (or Aurora Serverless v2, PostgreSQL-compatible) through a connection pool. */
export async function openPostgresDatabase(options: PostgresOptions): Promise<SqlDatabase> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: options.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const run = executor(pool);
  return {
    kind: 'postgres',
    ...run,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
