import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimResult, IdempotencyStore, StoredOutcome } from '../../idempotency/idempotency-store.ts';
import { deleteExpiredByScan, documentClient, isConditionalCheckFailed } from './dynamo-document-client.ts';

export interface DynamoIdempotencyStoreOptions {
  client: DynamoDBClient | DynamoDBDocumentClient;
  /** The single table (env TABLE_NAME); records live beside the key-value items under their own prefix. */
  tableName: string;
}

/** One record, as stored. `ttl` (epoch seconds) is what DynamoDB's TTL deletes on. */
interface IdempotencyRecord {
  pk: string;
  sk: string;
  requestHash: string;
  status: 'in_progress' | 'completed';
  lockedUntilMs: number;
  expiresAtMs: number;
  ttl: number;
  outcome?: StoredOutcome;
}

// '@' is never in a logical key-value table's name, so these keys cannot meet that adapter's.
const PREFIX = '@idempotency#';
const SK = 'RECORD';

/**
 * Idempotency records in the DynamoDB single table, the Powertools persistence-layer way: the
 * claim is a PutItem conditioned on there being no live record, so of concurrent first attempts
 * exactly one wins; an abandoned attempt is taken over by an UpdateItem conditioned on its lock
 * having expired. Records expire through the table's TTL.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: DynamoIdempotencyStoreOptions) {
    this.#doc = documentClient(options.client);
    this.#tableName = options.tableName;
  }

  async claim(input: { scope: string; key: string; hash: string; now: Date; lockMs: number; ttlMs: number }): Promise<ClaimResult> {
    const key = recordKey(input.scope, input.key);
    const now = input.now.getTime();
    const lockedUntilMs = now + input.lockMs;
    const expiresAtMs = now + input.ttlMs;
    for (;;) {
      try {
        const record: IdempotencyRecord = { ...key, requestHash: input.hash, status: 'in_progress', lockedUntilMs, expiresAtMs, ttl: Math.ceil(expiresAtMs / 1000) };
        await this.#doc.send(
          new PutCommand({
            TableName: this.#tableName,
            Item: record,
            // An expired record is as good as absent (TTL may not have removed it yet).
            ConditionExpression: 'attribute_not_exists(#pk) OR #exp <= :now',
            ExpressionAttributeNames: { '#pk': 'pk', '#exp': 'expiresAtMs' },
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return { kind: 'claimed' };
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
      }
      const { Item } = await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true }));
      const rec = Item as IdempotencyRecord | undefined;
      if (!rec || rec.expiresAtMs <= now) continue; // released or expired in between: claim again
      if (rec.requestHash !== input.hash) return { kind: 'mismatch' };
      if (rec.status === 'completed') return { kind: 'completed', outcome: rec.outcome ?? { status: 200, headers: {}, body: '' } };
      return (await this.#takeOver(key, now, lockedUntilMs)) ? { kind: 'claimed' } : { kind: 'in_progress' };
    }
  }

  async complete(scope: string, key: string, outcome: StoredOutcome): Promise<void> {
    try {
      await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: recordKey(scope, key),
          UpdateExpression: 'SET #status = :completed, #outcome = :outcome',
          // Never creates a record without its hash and expiry (one released meanwhile stays gone).
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': 'pk', '#status': 'status', '#outcome': 'outcome' },
          ExpressionAttributeValues: { ':completed': 'completed', ':outcome': outcome },
        }),
      );
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
  }

  async release(scope: string, key: string): Promise<void> {
    await this.#doc.send(new DeleteCommand({ TableName: this.#tableName, Key: recordKey(scope, key) }));
  }

  /** Deletes expired records now. On AWS the table's TTL does this at no cost, so the runtime need not call it (it scans the table). */
  async purgeExpired(now: Date): Promise<number> {
    const guard = { ConditionExpression: '#exp <= :now', ExpressionAttributeNames: { '#exp': 'expiresAtMs' }, ExpressionAttributeValues: { ':now': now.getTime() } };
    // A record claimed anew since the scan has a later expiry and is spared.
    return deleteExpiredByScan(this.#doc, { tableName: this.#tableName, prefix: PREFIX, now: now.getTime(), guardOf: () => guard });
  }

  async #takeOver(key: { pk: string; sk: string }, now: number, lockedUntilMs: number): Promise<boolean> {
    try {
      await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: key,
          UpdateExpression: 'SET #lock = :lock',
          ConditionExpression: '#status = :inProgress AND #lock <= :now',
          ExpressionAttributeNames: { '#lock': 'lockedUntilMs', '#status': 'status' },
          ExpressionAttributeValues: { ':lock': lockedUntilMs, ':inProgress': 'in_progress', ':now': now },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }
}

/** JSON keeps (scope, key) apart even when either holds the separator. */
function recordKey(scope: string, key: string): { pk: string; sk: string } {
  return { pk: PREFIX + JSON.stringify([scope, key]), sk: SK };
}
