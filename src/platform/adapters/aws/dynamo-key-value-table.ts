import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import { decodeCursor, encodeCursor, invalidCursor } from '../../pagination/cursor.ts';
import { resolveLimit } from '../../pagination/limits.ts';
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
import { deleteExpiredByScan, documentClient, isConditionalCheckFailed } from './dynamo-document-client.ts';
import { conditionHolds, isLive, nextStoredItem, toJsonObject, toKeyValueItem, unchangedSince, type StoredItem } from './dynamo-stored-item.ts';

export interface DynamoKeyValueTableOptions {
  /** A DynamoDB client (or document client) for the region, or for an emulator's endpoint in tests. */
  client: DynamoDBClient | DynamoDBDocumentClient;
  /** The physical table (env TABLE_NAME): partition key `pk` (S), sort key `sk` (S), TTL on `ttl`. */
  tableName: string;
  /** Logical table, the same name the SQL adapter takes (3-255 of `[A-Za-z0-9_.-]`); prefixes every partition key. */
  table: string;
  /** Decides expiry between DynamoDB's own TTL passes (those run up to days late). */
  clock: Clock;
}

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const MAX_PHYSICAL_PK_BYTES = 2048;
// A write reads, then writes guarded on what it read; a lost race reads again. Each retry means
// another writer landed, so this bound is only reached under pathological contention.
const MAX_ATTEMPTS = 100;
const cursorSchema = z.object({ pk: z.string(), sk: z.string() });
const LIVE_FILTER = 'attribute_not_exists(#exp) OR #exp > :now';

/**
 * The key-value table port on a DynamoDB single table. Every write is a consistent read
 * followed by a write conditioned on the item's revision, so the port's semantics hold exactly
 * (an expired item is absent for conditions and restarts at version 1, updates merge shallowly)
 * at the price of one read per write. Transactions are TransactWriteItems (≤100 operations)
 * guarded the same way.
 */
export class DynamoKeyValueTable implements KeyValueTable {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #prefix: string;
  readonly #clock: Clock;

  constructor(options: DynamoKeyValueTableOptions) {
    if (!TABLE_NAME.test(options.table)) throw new TypeError(`invalid key-value table name: ${options.table}`);
    this.#doc = documentClient(options.client);
    this.#tableName = options.tableName;
    this.#prefix = `${options.table}#`;
    this.#clock = options.clock;
  }

  async get<D extends KeyValueData = KeyValueData>(pk: string, sk: string): Promise<KeyValueItem<D> | undefined> {
    const stored = await this.#read(this.#key(pk, sk));
    return stored && isLive(stored, this.#clock.now()) ? toKeyValueItem<D>(stored, pk) : undefined;
  }

  async put<D extends KeyValueData>(item: PutInput<D>, options: { condition?: WriteCondition } = {}): Promise<KeyValueItem<D>> {
    const data = toJsonObject(item.data);
    return this.#write(item.pk, item.sk, options.condition, () => ({ data, expiresAt: item.expiresAt ?? null }));
  }

  async update<D extends KeyValueData = KeyValueData>(pk: string, sk: string, patch: Partial<D>, options: UpdateOptions = {}): Promise<KeyValueItem<D>> {
    const changes = toJsonObject(patch);
    return this.#write(pk, sk, options.condition, (live) => ({ data: { ...live?.data, ...changes }, expiresAt: options.expiresAt }));
  }

  async delete(pk: string, sk: string, options: { condition?: DeleteCondition } = {}): Promise<boolean> {
    const key = this.#key(pk, sk);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.#read(key);
      const live = stored && isLive(stored, this.#clock.now()) ? stored : undefined;
      if (!conditionHolds(options.condition, live)) throw new ConditionFailedError(pk, sk);
      if (!stored) return false;
      try {
        // An expired leftover is removed too, but only a live item counts as deleted.
        await this.#doc.send(new DeleteCommand({ TableName: this.#tableName, Key: key, ...unchangedSince(stored) }));
        return live !== undefined;
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
      }
    }
    throw contention(pk, sk);
  }

  async query<D extends KeyValueData = KeyValueData>(pk: string, options: QueryOptions = {}): Promise<QueryPage<D>> {
    const { pk: physicalPk } = this.#key(pk, 'query');
    const limit = resolveLimit(options.limit, { defaultLimit: DEFAULT_QUERY_LIMIT, maxLimit: MAX_QUERY_LIMIT });
    // DynamoDB refuses a range whose ends are reversed; nothing lies in it, as the SQL adapter answers.
    if (options.between && Buffer.compare(Buffer.from(options.between[0]), Buffer.from(options.between[1])) > 0) return { items: [] };
    const input: QueryCommandInput = {
      TableName: this.#tableName,
      ConsistentRead: true,
      ScanIndexForward: !options.descending,
      FilterExpression: LIVE_FILTER,
      ...keyCondition(physicalPk, options),
    };
    input.ExpressionAttributeNames = { ...input.ExpressionAttributeNames, '#exp': 'expiresAtMs' };
    input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ':now': this.#clock.now().getTime() };
    let startKey: Record<string, unknown> | undefined;
    if (options.cursor !== undefined) {
      const after = decodeCursor(options.cursor, cursorSchema);
      if (after.pk !== pk) throw invalidCursor('it belongs to another partition');
      startKey = { pk: physicalPk, sk: after.sk };
    }
    // One item more than asked tells whether another page exists, so the last page has no cursor.
    const found: StoredItem[] = [];
    do {
      const page = await this.#doc.send(new QueryCommand({ ...input, Limit: limit + 1 - found.length, ExclusiveStartKey: startKey }));
      found.push(...((page.Items ?? []) as StoredItem[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length <= limit);
    const items = found.slice(0, limit).map((item) => toKeyValueItem<D>(item, pk));
    const last = items.at(-1);
    return found.length > limit && last ? { items, cursor: encodeCursor({ pk, sk: last.sk }) } : { items };
  }

  async transactWrite(operations: readonly TransactWriteOperation[]): Promise<void> {
    assertValidTransaction(operations);
    const keys = operations.map((op) => (op.type === 'put' ? op.item : op)).map(({ pk, sk }) => ({ pk, sk, key: this.#key(pk, sk) }));
    const data = operations.map((op) => (op.type === 'put' ? toJsonObject(op.item.data) : undefined));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const reads = await Promise.all(keys.map(({ key }) => this.#read(key)));
      const now = this.#clock.now();
      const items = operations.map((op, index) => {
        const stored = reads[index];
        const live = stored && isLive(stored, now) ? stored : undefined;
        const { pk, sk, key } = keys[index]!;
        if (!conditionHolds(op.condition, live)) throw new ConditionFailedError(pk, sk, { index });
        const guard = { TableName: this.#tableName, ...unchangedSince(stored) };
        if (op.type === 'put') {
          const next = nextStoredItem({ ...key, data: data[index]!, live, expiresAt: op.item.expiresAt ?? null });
          return { Put: { ...guard, Item: next } };
        }
        return op.type === 'delete' ? { Delete: { ...guard, Key: key } } : { ConditionCheck: { ...guard, Key: key } };
      });
      try {
        await this.#doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (err) {
        if (isItemTooLarge(err)) throw new AppError(413, 'KEY_VALUE_ITEM_TOO_LARGE', "An item of the transaction is past DynamoDB's 400 KB item size.");
        // A guard failed or another transaction held a key: something changed since the reads.
        if (!isTransactionRace(err)) throw err;
      }
    }
    throw contention(keys[0]!.pk, keys[0]!.sk);
  }

  /**
   * Deletes this logical table's expired items now. DynamoDB's TTL does this by itself, up to a
   * couple of days late and at no cost, so on AWS the runtime need not call it (it scans the table).
   */
  async sweepExpired(): Promise<number> {
    return deleteExpiredByScan(this.#doc, {
      tableName: this.#tableName,
      prefix: this.#prefix,
      now: this.#clock.now().getTime(),
      guardOf: (item) => unchangedSince(item as unknown as StoredItem),
    });
  }

  async #write<D extends KeyValueData>(
    pk: string,
    sk: string,
    condition: WriteCondition | undefined,
    compute: (live: StoredItem | undefined) => { data: KeyValueData; expiresAt: Date | null | undefined },
  ): Promise<KeyValueItem<D>> {
    const key = this.#key(pk, sk);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.#read(key);
      const live = stored && isLive(stored, this.#clock.now()) ? stored : undefined;
      if (!conditionHolds(condition, live)) throw new ConditionFailedError(pk, sk);
      const next = nextStoredItem({ ...key, ...compute(live), live });
      try {
        await this.#doc.send(new PutCommand({ TableName: this.#tableName, Item: next, ...unchangedSince(stored) }));
        return toKeyValueItem<D>(next, pk);
      } catch (err) {
        if (isItemTooLarge(err)) throw new AppError(413, 'KEY_VALUE_ITEM_TOO_LARGE', `Item (${pk}, ${sk}) is past DynamoDB's 400 KB item size.`);
        if (!isConditionalCheckFailed(err)) throw err;
      }
    }
    throw contention(pk, sk);
  }

  async #read(key: { pk: string; sk: string }): Promise<StoredItem | undefined> {
    const { Item } = await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true }));
    return Item as StoredItem | undefined;
  }

  #key(pk: string, sk: string): { pk: string; sk: string } {
    assertValidKey(pk, sk);
    const physical = this.#prefix + pk;
    if (Buffer.byteLength(physical) > MAX_PHYSICAL_PK_BYTES) {
      throw new TypeError(`partition key must leave room for the table prefix: at most ${MAX_PHYSICAL_PK_BYTES - Buffer.byteLength(this.#prefix)} bytes`);
    }
    return { pk: physical, sk };
  }
}

function keyCondition(physicalPk: string, options: QueryOptions): Pick<QueryCommandInput, 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> {
  const names = { '#pk': 'pk', '#sk': 'sk' };
  // DynamoDB refuses begins_with on an empty string; every sort key begins with it.
  if (options.beginsWith) {
    return { KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':pk': physicalPk, ':prefix': options.beginsWith } };
  }
  if (options.between) {
    const [from, to] = options.between;
    return { KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':pk': physicalPk, ':from': from, ':to': to } };
  }
  return { KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'pk' }, ExpressionAttributeValues: { ':pk': physicalPk } };
}

function isItemTooLarge(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | null;
  return e?.name === 'ValidationException' && /item size has exceeded/i.test(e.message ?? '');
}

function isTransactionRace(err: unknown): boolean {
  const name = (err as { name?: string }).name;
  return name === 'TransactionCanceledException' || name === 'TransactionConflictException';
}

function contention(pk: string, sk: string): AppError {
  return new AppError(503, 'KEY_VALUE_CONTENTION', `Too many concurrent writers on item (${pk}, ${sk}); try again.`, { headers: { 'Retry-After': '1' } });
}
