/** A row as returned by the driver: column name → value. */
export type Row = Record<string, unknown>;

export interface QueryResult<T extends object = Row> {
  rows: T[];
  /** Rows returned or affected. */
  rowCount: number;
}

/** Something that runs parameterised SQL ($1, $2, ...): the database itself or an open transaction. */
export interface SqlExecutor {
  query<T extends object = Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/**
 * The SQL database port (PostgreSQL dialect). Local adapter: PGlite; production: PostgreSQL /
 * Aurora Serverless v2. Conventions every adapter keeps, so that code behaves the same on both:
 * - `bigint`/`int8` values come back as JS numbers, `timestamptz` as Date, `jsonb` parsed;
 * - jsonb parameters are passed as JSON strings (`$1::jsonb` with JSON.stringify(value));
 * - a transaction commits when `fn` resolves and rolls back when it throws.
 */
export interface SqlDatabase extends SqlExecutor {
  /** Which engine is behind the port, for /health. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; a write is acknowledged only once this resolves. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * True when `err` is PostgreSQL's unique violation (23505) on `constraint` (any unique
 * constraint when omitted). Both adapters surface the server's error fields.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code !== '23505') return false;
  if (constraint === undefined) return true;
  return e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(`"${constraint}"`));
}
