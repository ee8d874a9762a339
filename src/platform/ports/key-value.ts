import { AppError } from '../errors.ts';

/** The JSON object stored under a key. Dates inside it become ISO strings (JSON rules). */
export type KeyValueData = Record<string, unknown>;

/** One item of a key-value table, addressed by partition key `pk` and sort key `sk`. */
export interface KeyValueItem<D extends KeyValueData = KeyValueData> {
  pk: string;
  sk: string;
  data: D;
  /** 1 after the first write, +1 on every write since: the handle for optimistic locking. */
  version: number;
  /** From this instant on (by the injected Clock) the item is gone for every operation. */
  expiresAt?: Date;
}

/**
 * Guard on a write, checked atomically with it (a DynamoDB ConditionExpression):
 * - `'notExists'`: no live item has this key;
 * - `'exists'`: a live item has this key;
 * - `{ version }`: a live item has this key at exactly this version.
 */
export type WriteCondition = 'notExists' | 'exists' | { version: number };

/** Conditions that make sense when deleting. */
export type DeleteCondition = Exclude<WriteCondition, 'notExists'>;

export interface PutInput<D extends KeyValueData = KeyValueData> {
  pk: string;
  sk: string;
  data: D;
  expiresAt?: Date;
}

export interface UpdateOptions {
  condition?: WriteCondition;
  /** New expiry; `null` removes it; omitted keeps the current one. */
  expiresAt?: Date | null;
}

/** Sort-key condition of a query: at most one, as in DynamoDB's KeyConditionExpression. */
export type SortKeyCondition =
  | { beginsWith?: undefined; between?: undefined }
  | { beginsWith: string; between?: undefined }
  /** Both ends included. */
  | { between: readonly [from: string, to: string]; beginsWith?: undefined };

export type QueryOptions = SortKeyCondition & {
  /** Page size, 1..1000; default 100. */
  limit?: number;
  /** From the previous page's result, to continue after it. */
  cursor?: string;
  /** Newest sort keys first. */
  descending?: boolean;
};

export interface QueryPage<D extends KeyValueData = KeyValueData> {
  items: KeyValueItem<D>[];
  /** Present when more items may follow; pass it back as `cursor`. */
  cursor?: string;
}

/** One write of a {@link KeyValueTable.transactWrite}. `conditionCheck` only checks, it writes nothing. */
export type TransactWriteOperation =
  | { type: 'put'; item: PutInput; condition?: WriteCondition }
  | { type: 'delete'; pk: string; sk: string; condition?: DeleteCondition }
  | { type: 'conditionCheck'; pk: string; sk: string; condition: WriteCondition };

/** Most operations in one transaction (DynamoDB TransactWriteItems' limit). */
export const MAX_TRANSACT_OPERATIONS = 100;
export const DEFAULT_QUERY_LIMIT = 100;
export const MAX_QUERY_LIMIT = 1000;

/**
 * A single-table key-value store with conditional writes and TTL (DynamoDB-like).
 * Local adapter: a SQL table; production: DynamoDB. Sort keys order by code point (byte order of
 * UTF-8, as DynamoDB does). Expired items are invisible to every read and every condition even
 * before {@link KeyValueTable.sweepExpired} removes them.
 *
 * @example
 * await table.put({ pk: 'LINK#abc', sk: 'META', data: { url } }, { condition: 'notExists' });
 * const page = await table.query('LINK#abc', { beginsWith: 'CLICK#', limit: 50 });
 */
export interface KeyValueTable {
  /** The live item, or undefined when absent or expired. */
  get<D extends KeyValueData = KeyValueData>(pk: string, sk: string): Promise<KeyValueItem<D> | undefined>;
  /**
   * Creates or replaces an item (data and expiry) and returns it as stored.
   * @throws ConditionFailedError when `condition` does not hold.
   */
  put<D extends KeyValueData>(item: PutInput<D>, options?: { condition?: WriteCondition }): Promise<KeyValueItem<D>>;
  /**
   * Shallow-merges `patch` into the item's data (keys whose value is undefined are left alone).
   * Like DynamoDB's UpdateItem it creates the item when absent: pass `condition: 'exists'` to forbid that.
   * @throws ConditionFailedError when `condition` does not hold.
   */
  update<D extends KeyValueData = KeyValueData>(
    pk: string,
    sk: string,
    patch: Partial<D>,
    options?: UpdateOptions,
  ): Promise<KeyValueItem<D>>;
  /**
   * Removes an item; true when a live item was removed.
   * @throws ConditionFailedError when `condition` does not hold.
   */
  delete(pk: string, sk: string, options?: { condition?: DeleteCondition }): Promise<boolean>;
  /** Live items of partition `pk`, ordered by sort key, one page at a time. */
  query<D extends KeyValueData = KeyValueData>(pk: string, options?: QueryOptions): Promise<QueryPage<D>>;
  /**
   * Applies every operation or none (DynamoDB TransactWriteItems): at most 100, one per key.
   * @throws ConditionFailedError (details.index = the failed operation) when a condition does not hold.
   */
  transactWrite(operations: readonly TransactWriteOperation[]): Promise<void>;
  /** Deletes expired items and returns how many; the runtime calls it periodically. */
  sweepExpired(): Promise<number>;
}

/** A conditional write was refused: the item was not in the state the condition required. */
export class ConditionFailedError extends AppError {
  constructor(pk: string, sk: string, options: { index?: number } = {}) {
    super(409, 'CONDITION_FAILED', `The condition on item (${pk}, ${sk}) does not hold.`, {
      details: { pk, sk, ...(options.index === undefined ? {} : { index: options.index }) },
    });
    this.name = 'ConditionFailedError';
  }
}

// DynamoDB's key limits, enforced everywhere so that code valid locally stays valid in AWS.
const MAX_PK_BYTES = 2048;
const MAX_SK_BYTES = 1024;

/** Throws a TypeError (a programming error, not a client one) for keys DynamoDB would refuse. */
export function assertValidKey(pk: string, sk: string): void {
  if (typeof pk !== 'string' || pk.length === 0 || Buffer.byteLength(pk) > MAX_PK_BYTES) {
    throw new TypeError(`partition key must be a non-empty string of at most ${MAX_PK_BYTES} bytes`);
  }
  if (typeof sk !== 'string' || sk.length === 0 || Buffer.byteLength(sk) > MAX_SK_BYTES) {
    throw new TypeError(`sort key must be a non-empty string of at most ${MAX_SK_BYTES} bytes`);
  }
}

/** Checks a transaction's shape the way DynamoDB does (size and one operation per key). */
export function assertValidTransaction(operations: readonly TransactWriteOperation[]): void {
  if (operations.length === 0 || operations.length > MAX_TRANSACT_OPERATIONS) {
    throw new TypeError(`a transaction holds 1 to ${MAX_TRANSACT_OPERATIONS} operations`);
  }
  const seen = new Set<string>();
  for (const op of operations) {
    const { pk, sk } = op.type === 'put' ? op.item : op;
    assertValidKey(pk, sk);
    const key = JSON.stringify([pk, sk]);
    if (seen.has(key)) throw new TypeError(`a transaction may touch (${pk}, ${sk}) only once`);
    seen.add(key);
  }
}
