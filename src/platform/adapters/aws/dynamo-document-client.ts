import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DeleteCommandInput, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

/** A document client on `client` (wrapped once), dropping undefined members as JSON does. */
export function documentClient(client: DynamoDBClient | DynamoDBDocumentClient): DynamoDBDocumentClient {
  if (client instanceof DynamoDBDocumentClient) return client;
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** A PutItem / UpdateItem / DeleteItem refused by its ConditionExpression. */
export function isConditionalCheckFailed(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** The condition a sweep deletes one scanned item under. */
export type DeleteGuard = Pick<DeleteCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;

/**
 * Deletes the items whose partition key starts with `prefix` and whose `expiresAtMs` is at or
 * before `now`, each under `guardOf(item)` so that an item rewritten since the scan is spared.
 * DynamoDB's TTL does this by itself at no cost; this scans the whole table, for small tables,
 * tests and an operator's explicit purge. Returns how many it deleted.
 */
export async function deleteExpiredByScan(
  doc: DynamoDBDocumentClient,
  options: { tableName: string; prefix: string; now: number; guardOf: (item: Record<string, unknown>) => DeleteGuard },
): Promise<number> {
  let removed = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: options.tableName,
        ConsistentRead: true,
        FilterExpression: 'begins_with(#pk, :prefix) AND #exp <= :now',
        ExpressionAttributeNames: { '#pk': 'pk', '#exp': 'expiresAtMs' },
        ExpressionAttributeValues: { ':prefix': options.prefix, ':now': options.now },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      try {
        await doc.send(new DeleteCommand({ TableName: options.tableName, Key: { pk: item.pk, sk: item.sk }, ...options.guardOf(item) }));
        removed += 1;
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return removed;
}
