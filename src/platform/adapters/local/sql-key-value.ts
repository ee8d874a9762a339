import { z } from 'zod';
import { resolveLimit } from '../../pagination/limits.ts';
import type { Clock } from '../../clock.ts';
import type { Migration } from '../../migrations.ts';
import { decodeCursor, encodeCursor, invalidCursor } from '../../pagination/cursor.ts';
import {
  assertValidKey,
  assertValidTransaction,
  ConditionFailedError,
  DEFAULT_QUERY_LIMIT,
  MAX_QUERY_LIMIT,
  type DeleteCondition,
  type KeyValueData,
  type KeyValueItem,
  type KeyValueTable,
  type PutInput,
  type QueryOptions,
  type QueryPage,
  type TransactWriteOperation,
  type UpdateOptions,
  type WriteCondition,
} from '../../ports/key-value.ts';
import type { SqlDatabase, SqlExecutor } from '../../ports/sql.ts';

/**
 * Schema of the SQL key-value adapter: every logical table shares `kv_items`, keyed by its name.
 * Keys use the "C" collation so that sort keys order by code point, as DynamoDB orders them,
 * and so that `LIKE 'prefix%'` can use the primary-key index.
 */
export const sqlKeyValueMigrations: Migration[] = [
  {
    id: 'platform.kv.001',
    sql: `
      CREATE TABLE kv_items (
        tbl text COLLATE "C" NOT NULL,
        pk text COLLATE "C" NOT NULL,
        sk text COLLATE "C" NOT NULL,
        data jsonb NOT NULL,
        version bigint NOT NULL,
        expires_at timestamptz,
        PRIMARY KEY (tbl, pk, sk)
      );
      CREATE INDEX kv_items_expiry ON kv_items (tbl, expires_at) WHERE expires_at IS NOT NULL;
    `,
  },
];

export interface SqlKeyValueTableOptions {
  db: SqlDatabase;
  /** Decides expiry: an item is gone once `clock.now() >= expiresAt`. */
  clock: Clock;
  /** Logical table name (DynamoDB's rules: 3-255 of `[A-Za-z0-9_.-]`), e.g. `affiliation`. */
  table: string;
}

interface ItemRow {
  pk: string;
  sk: string;
  data: KeyValueData;
  version: number;
  expires_at: Date | null;
}

type Executor = Pick<SqlExecutor, 'query'>;

const COLUMNS = 'kv.pk, kv.sk, kv.data, kv.version, kv.expires_at';
// $2 is always "now" in the statements below.
const LIVE = '(kv.expires_at IS NULL OR kv.expires_at > $2)';
const SWEEP_BATCH = 1000;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const cursorSchema = z.object({ pk: z.string(), sk: z.string() });

/** How a write sets the item's data and expiry. */
interface WriteSpec {
  pk: string;
  sk: string;
  data: KeyValueData;
  /** `replace` for put (data and expiry replaced), `merge` for update (shallow merge). */
  mode: 'replace' | 'merge';
  /** undefined = keep the current expiry (merge only). */
  expiresAt: Date | null | undefined;
  condition: WriteCondition | undefined;
}

/** The key-value table port on the SQL database (local runtime; also works on Aurora). */
export class SqlKeyValueTable implements KeyValueTable {
  readonly #db: SqlDatabase;
  readonly #clock: Clock;
  readonly #table: string;

  constructor(options: SqlKeyValueTableOptions) {
    if (!TABLE_NAME.test(options.table)) throw new TypeError(`invalid key-value table name: ${options.table}`);
    this.#db = options.db;
    this.#clock = options.clock;
    this.#table = options.table;
  }

  async get<D extends KeyValueData = KeyValueData>(pk: string, sk: string): Promise<KeyValueItem<D> | undefined> {
    assertValidKey(pk, sk);
    const { rows } = await this.#db.query<ItemRow>(
      `SELECT ${COLUMNS} FROM kv_items kv WHERE kv.tbl = $1 AND ${LIVE} AND kv.pk = $3 AND kv.sk = $4`,
      [this.#table, this.#clock.now(), pk, sk],
    );
    return rows[0] && toItem<D>(rows[0]);
  }

  async put<D extends KeyValueData>(item: PutInput<D>, options: { condition?: WriteCondition } = {}): Promise<KeyValueItem<D>> {
    const spec = { ...item, mode: 'replace', expiresAt: item.expiresAt ?? null, condition: options.condition } as const;
    return toItem<D>(await this.#write(this.#db, spec));
  }

  async update<D extends KeyValueData = KeyValueData>(
    pk: string,
    sk: string,
    patch: Partial<D>,
    options: UpdateOptions = {},
  ): Promise<KeyValueItem<D>> {
    const spec = { pk, sk, data: patch, mode: 'merge', expiresAt: options.expiresAt, condition: options.condition } as const;
    return toItem<D>(await this.#write(this.#db, spec));
  }

  async delete(pk: string, sk: string, options: { condition?: DeleteCondition } = {}): Promise<boolean> {
    assertValidKey(pk, sk);
    return this.#delete(this.#db, pk, sk, options.condition);
  }

  async query<D extends KeyValueData = KeyValueData>(pk: string, options: QueryOptions = {}): Promise<QueryPage<D>> {
    assertValidKey(pk, 'query');
    const limit = resolveLimit(options.limit, { defaultLimit: DEFAULT_QUERY_LIMIT, maxLimit: MAX_QUERY_LIMIT });
    const params: unknown[] = [this.#table, this.#clock.now(), pk];
    const where = [`kv.tbl = $1`, LIVE, `kv.pk = $3`];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (options.beginsWith !== undefined) where.push(`kv.sk LIKE ${param(escapeLike(options.beginsWith) + '%')}`);
    if (options.between) where.push(`kv.sk BETWEEN ${param(options.between[0])} AND ${param(options.between[1])}`);
    if (options.cursor !== undefined) {
      const after = decodeCursor(options.cursor, cursorSchema);
      if (after.pk !== pk) throw invalidCursor('it belongs to another partition');
      where.push(`kv.sk ${options.descending ? '<' : '>'} ${param(after.sk)}`);
    }
    const order = options.descending ? 'DESC' : 'ASC';
    const { rows } = await this.#db.query<ItemRow>(
      `SELECT ${COLUMNS} FROM kv_items kv WHERE ${where.join(' AND ')} ORDER BY kv.sk ${order} LIMIT ${param(limit + 1)}`,
      params,
    );
    // One row more than asked tells whether another page exists, so the last page has no cursor.
    const items = rows.slice(0, limit).map((row) => toItem<D>(row));
    const last = items.at(-1);
    return rows.length > limit && last ? { items, cursor: encodeCursor({ pk, sk: last.sk }) } : { items };
  }

  async transactWrite(operations: readonly TransactWriteOperation[]): Promise<void> {
    assertValidTransaction(operations);
    // Same lock order in every transaction, so two of them on PostgreSQL cannot deadlock.
    const ordered = operations
      .map((op, index) => ({ op, index, key: op.type === 'put' ? op.item : op }))
      .sort((a, b) => compareCodePoints(a.key.pk, b.key.pk) || compareCodePoints(a.key.sk, b.key.sk));
    await this.#db.transaction(async (tx) => {
      for (const { op, index, key } of ordered) {
        try {
          if (op.type === 'put') {
            await this.#write(tx, { ...op.item, mode: 'replace', expiresAt: op.item.expiresAt ?? null, condition: op.condition });
          } else if (op.type === 'delete') {
            await this.#delete(tx, op.pk, op.sk, op.condition);
          } else {
            await this.#check(tx, op.pk, op.sk, op.condition);
          }
        } catch (err) {
          if (err instanceof ConditionFailedError) throw new ConditionFailedError(key.pk, key.sk, { index });
          throw err;
        }
      }
    });
  }

  async sweepExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      // Small batches keep each statement short; re-checking expiry spares rows revived meanwhile.
      const { rowCount } = await this.#db.query(
        `DELETE FROM kv_items kv WHERE kv.ctid = ANY(ARRAY(
           SELECT ctid FROM kv_items WHERE tbl = $1 AND expires_at <= $2 LIMIT ${SWEEP_BATCH}
         )) AND kv.tbl = $1 AND kv.expires_at <= $2`,
        [this.#table, this.#clock.now()],
      );
      total += rowCount;
      if (rowCount < SWEEP_BATCH) return total;
    }
  }

  /**
   * One atomic statement per write. `notExists` and unconditional writes go through
   * INSERT … ON CONFLICT, which PostgreSQL serialises on the key: of concurrent creators exactly
   * one inserts, the others see its row. `exists` and `{version}` go through UPDATE … WHERE,
   * re-checked by PostgreSQL against the latest row version when another write got there first.
   */
  async #write(ex: Executor, spec: WriteSpec): Promise<ItemRow> {
    assertValidKey(spec.pk, spec.sk);
    assertDataObject(spec.data);
    const { condition } = spec;
    const params: unknown[] = [this.#table, this.#clock.now(), spec.pk, spec.sk, JSON.stringify(spec.data)];
    const param = (value: unknown) => `$${params.push(value)}`;
    const merge = spec.mode === 'merge';
    const keepExpiry = spec.expiresAt === undefined;
    const sql =
      condition === undefined || condition === 'notExists'
        ? `INSERT INTO kv_items AS kv (tbl, pk, sk, data, version, expires_at)
           VALUES ($1, $3, $4, $5::jsonb, 1, ${param(spec.expiresAt ?? null)}::timestamptz)
           ON CONFLICT (tbl, pk, sk) DO UPDATE SET
             data = CASE WHEN ${LIVE} THEN ${merge ? 'kv.data || excluded.data' : 'excluded.data'} ELSE excluded.data END,
             version = CASE WHEN ${LIVE} THEN kv.version + 1 ELSE 1 END,
             expires_at = ${keepExpiry ? `CASE WHEN ${LIVE} THEN kv.expires_at END` : 'excluded.expires_at'}
           ${condition === 'notExists' ? `WHERE NOT ${LIVE}` : ''}
           RETURNING ${COLUMNS}`
        : `UPDATE kv_items AS kv SET
             data = ${merge ? 'kv.data || $5::jsonb' : '$5::jsonb'},
             version = kv.version + 1,
             expires_at = ${keepExpiry ? 'kv.expires_at' : `${param(spec.expiresAt)}::timestamptz`}
           WHERE kv.tbl = $1 AND ${LIVE} AND kv.pk = $3 AND kv.sk = $4
             ${condition === 'exists' ? '' : `AND kv.version = ${versionParam(params, condition)}`}
           RETURNING ${COLUMNS}`;
    const { rows } = await ex.query<ItemRow>(sql, params);
    if (!rows[0]) throw new ConditionFailedError(spec.pk, spec.sk);
    return rows[0];
  }

  async #delete(ex: Executor, pk: string, sk: string, condition: DeleteCondition | undefined): Promise<boolean> {
    const params: unknown[] = [this.#table, this.#clock.now(), pk, sk];
    if (condition === undefined) {
      // Removes an expired row too, but only a live one counts as deleted.
      const { rows } = await ex.query<{ live: boolean }>(
        `DELETE FROM kv_items kv WHERE kv.tbl = $1 AND kv.pk = $3 AND kv.sk = $4 RETURNING ${LIVE} AS live`,
        params,
      );
      return rows[0]?.live ?? false;
    }
    const version = condition === 'exists' ? '' : `AND kv.version = ${versionParam(params, condition)}`;
    const { rowCount } = await ex.query(
      `DELETE FROM kv_items kv WHERE kv.tbl = $1 AND ${LIVE} AND kv.pk = $3 AND kv.sk = $4 ${version}`,
      params,
    );
    if (rowCount === 0) throw new ConditionFailedError(pk, sk);
    return true;
  }

  /** A transaction's condition check, holding a lock on the key until commit so it stays true. */
  async #check(ex: Executor, pk: string, sk: string, condition: WriteCondition): Promise<void> {
    const params: unknown[] = [this.#table, this.#clock.now(), pk, sk];
    if (condition === 'notExists') {
      // No row to lock when the key is free: insert an invisible placeholder (already expired) so
      // that concurrent creators wait on its key until commit, then drop it within the transaction.
      const { rows } = await ex.query<{ version: number }>(
        `INSERT INTO kv_items AS kv (tbl, pk, sk, data, version, expires_at) VALUES ($1, $3, $4, '{}', 0, $2)
         ON CONFLICT (tbl, pk, sk) DO UPDATE SET version = kv.version WHERE NOT ${LIVE}
         RETURNING kv.version`,
        params,
      );
      if (!rows[0]) throw new ConditionFailedError(pk, sk);
      if (rows[0].version === 0) {
        await ex.query('DELETE FROM kv_items WHERE tbl = $1 AND pk = $2 AND sk = $3 AND version = 0', [this.#table, pk, sk]);
      }
      return;
    }
    const version = condition === 'exists' ? '' : `AND kv.version = ${versionParam(params, condition)}`;
    const { rowCount } = await ex.query(
      `SELECT 1 FROM kv_items kv WHERE kv.tbl = $1 AND ${LIVE} AND kv.pk = $3 AND kv.sk = $4 ${version} FOR SHARE`,
      params,
    );
    if (rowCount === 0) throw new ConditionFailedError(pk, sk);
  }
}

function toItem<D extends KeyValueData>(row: ItemRow): KeyValueItem<D> {
  const item: KeyValueItem<D> = { pk: row.pk, sk: row.sk, data: row.data as D, version: row.version };
  if (row.expires_at) item.expiresAt = row.expires_at;
  return item;
}

function versionParam(params: unknown[], condition: { version: number }): string {
  if (!Number.isSafeInteger(condition.version)) throw new TypeError('condition version must be an integer');
  return `$${params.push(condition.version)}`;
}

function assertDataObject(data: unknown): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError('key-value data must be a JSON object');
  }
}

function escapeLike(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Code-point order, the order of the "C" collation on UTF-8 and of DynamoDB's binary keys. */
function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
