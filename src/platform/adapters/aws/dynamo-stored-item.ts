import { randomUUID } from 'node:crypto';
import type { KeyValueData, KeyValueItem, WriteCondition } from '../../ports/key-value.ts';

/**
 * An item as it sits in the DynamoDB single table. `pk` carries the logical table as a prefix
 * (`affiliation#LINK#abc`), so several logical tables share one physical table. `rev` changes on
 * every write: conditional writes guard on it, so a write computed from a read only lands if
 * nothing changed in between (a version alone could repeat after an expired item is revived).
 * `ttl` (epoch seconds, rounded up) is the attribute DynamoDB's TTL deletes on; `expiresAtMs`
 * keeps the millisecond instant that reads and conditions honour before TTL gets to the item.
 */
export interface StoredItem {
  pk: string;
  sk: string;
  data: KeyValueData;
  version: number;
  rev: string;
  expiresAtMs?: number;
  ttl?: number;
}

/** Attribute names that the CDK table definition must match. */
export const KEY_ATTRIBUTES = { partition: 'pk', sort: 'sk', ttl: 'ttl' } as const;

export function isLive(item: StoredItem, now: Date): boolean {
  return item.expiresAtMs === undefined || item.expiresAtMs > now.getTime();
}

/** Whether `condition` holds for the key whose live item is `live` (undefined when absent or expired). */
export function conditionHolds(condition: WriteCondition | undefined, live: StoredItem | undefined): boolean {
  if (condition === undefined) return true;
  if (condition === 'notExists') return live === undefined;
  if (condition === 'exists') return live !== undefined;
  if (!Number.isSafeInteger(condition.version)) throw new TypeError('condition version must be an integer');
  return live?.version === condition.version;
}

/** The JSON rules the port promises (Dates become ISO strings, undefined members vanish). */
export function toJsonObject(data: unknown): KeyValueData {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError('key-value data must be a JSON object');
  }
  return JSON.parse(JSON.stringify(data)) as KeyValueData;
}

/** The item a write leaves: a live item's version goes up by one, an absent or expired one restarts at 1. */
export function nextStoredItem(input: {
  pk: string;
  sk: string;
  data: KeyValueData;
  live: StoredItem | undefined;
  /** undefined keeps the live item's expiry, null removes it. */
  expiresAt: Date | null | undefined;
}): StoredItem {
  const { live } = input;
  const expiresAtMs = input.expiresAt === undefined ? live?.expiresAtMs : (input.expiresAt?.getTime() ?? undefined);
  const item: StoredItem = { pk: input.pk, sk: input.sk, data: input.data, version: live ? live.version + 1 : 1, rev: randomUUID() };
  if (expiresAtMs !== undefined) {
    item.expiresAtMs = expiresAtMs;
    item.ttl = Math.ceil(expiresAtMs / 1000);
  }
  return item;
}

/** The port's view of a stored item, keys without the logical-table prefix. */
export function toKeyValueItem<D extends KeyValueData>(item: StoredItem, pk: string): KeyValueItem<D> {
  const out: KeyValueItem<D> = { pk, sk: item.sk, data: item.data as D, version: item.version };
  if (item.expiresAtMs !== undefined) out.expiresAt = new Date(item.expiresAtMs);
  return out;
}

/**
 * The guard that makes a write computed from `read` land only on the item as read:
 * the same revision, or still no item at all.
 */
export function unchangedSince(read: StoredItem | undefined): { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
  return read
    ? { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': read.rev } }
    : { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': KEY_ATTRIBUTES.partition } };
}
