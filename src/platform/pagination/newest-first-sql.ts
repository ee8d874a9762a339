import type { SqlExecutor } from '../ports/sql.ts';
import type { TimePosition } from './newest-first.ts';

/**
 * The `fetch` of {@link newestFirstPage} for a single table: rows whose `filters` columns equal
 * the given values (undefined filters are ignored), strictly before `after` in
 * (timeColumn DESC, id DESC) order. Table and column names are the caller's constants, never input.
 */
export async function selectNewestFirst<R extends object>(
  db: SqlExecutor,
  source: { table: string; timeColumn: string; filters: Record<string, unknown> },
  after: TimePosition | undefined,
  limit: number,
): Promise<R[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(source.filters)) {
    if (value !== undefined) where.push(`${column} = $${params.push(value)}`);
  }
  if (after) where.push(`(${source.timeColumn}, id) < ($${params.push(after.at)}, $${params.push(after.id)})`);
  const { rows } = await db.query<R>(
    `SELECT * FROM ${source.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${source.timeColumn} DESC, id DESC LIMIT ${Math.trunc(limit)}`,
    params,
  );
  return rows;
}
