import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { ConditionFailedError } from '../../ports/key-value.ts';
import { DynamoKeyValueTable } from './dynamo-key-value-table.ts';

// dynalite has no TransactWriteItems, so the contract suite skips transactions there: these tests
// check the TransactWriteItems requests against the API reference's shape instead.
const documentClient = mockClient(DynamoDBDocumentClient);
const clock = new ManualClock('2026-03-01T10:00:00Z');
const table = () =>
  new DynamoKeyValueTable({ client: new DynamoDBClient({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }), tableName: 'novaevo', table: 'planning', clock });

const stored = (sk: string, version: number, rev: string) => ({ pk: 'planning#T', sk, data: { n: version }, version, rev });

/** Answers GetItem from `items` (keyed by sort key) as DynamoDB would: no Item when absent. */
function serveReads(items: Record<string, ReturnType<typeof stored>>): void {
  documentClient.on(GetCommand).callsFake((input: { Key: { sk: string } }) => {
    const item = items[input.Key.sk];
    return item ? { Item: item } : {};
  });
}

// As the service answers a cancelled transaction (TransactWriteItems API reference, Errors).
const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) => (Code === 'None' ? { Code } : { Code, Message: 'The conditional request failed' })),
  });

describe('DynamoKeyValueTable.transactWrite (TransactWriteItems requests)', () => {
  beforeEach(() => documentClient.reset());
  afterEach(() => documentClient.reset());

  it('sends one TransactWriteItems guarded on every item as read', async () => {
    serveReads({ gone: stored('gone', 3, 'rev-gone'), guard: stored('guard', 1, 'rev-guard') });
    documentClient.on(TransactWriteCommand).resolves({});
    await table().transactWrite([
      { type: 'put', item: { pk: 'T', sk: 'new', data: { n: 1 }, expiresAt: new Date('2026-03-01T10:00:00.500Z') }, condition: 'notExists' },
      { type: 'delete', pk: 'T', sk: 'gone', condition: 'exists' },
      { type: 'conditionCheck', pk: 'T', sk: 'guard', condition: { version: 1 } },
    ]);
    for (const call of documentClient.commandCalls(GetCommand)) expect(call.args[0].input).toMatchObject({ TableName: 'novaevo', ConsistentRead: true });
    const [write] = documentClient.commandCalls(TransactWriteCommand);
    const put = write!.args[0].input.TransactItems![0]!.Put!;
    expect(put.Item).toEqual({ pk: 'planning#T', sk: 'new', data: { n: 1 }, version: 1, rev: expect.any(String), expiresAtMs: Date.parse('2026-03-01T10:00:00.500Z'), ttl: Date.parse('2026-03-01T10:00:01Z') / 1000 });
    expect(write!.args[0].input.TransactItems).toEqual([
      { Put: { TableName: 'novaevo', Item: put.Item, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': 'pk' } } },
      {
        Delete: {
          TableName: 'novaevo',
          Key: { pk: 'planning#T', sk: 'gone' },
          ConditionExpression: '#rev = :rev',
          ExpressionAttributeNames: { '#rev': 'rev' },
          ExpressionAttributeValues: { ':rev': 'rev-gone' },
        },
      },
      {
        ConditionCheck: {
          TableName: 'novaevo',
          Key: { pk: 'planning#T', sk: 'guard' },
          ConditionExpression: '#rev = :rev',
          ExpressionAttributeNames: { '#rev': 'rev' },
          ExpressionAttributeValues: { ':rev': 'rev-guard' },
        },
      },
    ]);
  });

  it('sends nothing when a condition already fails on the reads, and names the operation', async () => {
    serveReads({ a: stored('a', 1, 'rev-a') });
    const err = await table()
      .transactWrite([
        { type: 'put', item: { pk: 'T', sk: 'z', data: {} } },
        { type: 'delete', pk: 'T', sk: 'missing', condition: 'exists' },
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionFailedError);
    expect((err as ConditionFailedError).details).toEqual({ pk: 'T', sk: 'missing', index: 1 });
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('reads again after a cancellation and reports the condition that no longer holds', async () => {
    const items: Record<string, ReturnType<typeof stored>> = {};
    serveReads(items);
    documentClient.on(TransactWriteCommand).callsFake(() => {
      // Another writer created `slot` between our reads and our transaction.
      items.slot = stored('slot', 1, 'rev-other');
      throw cancelled(['ConditionalCheckFailed', 'None']);
    });
    const err = await table()
      .transactWrite([
        { type: 'put', item: { pk: 'T', sk: 'slot', data: {} }, condition: 'notExists' },
        { type: 'put', item: { pk: 'T', sk: 'claim', data: {} } },
      ])
      .catch((e: unknown) => e);
    expect((err as ConditionFailedError).details).toEqual({ pk: 'T', sk: 'slot', index: 0 });
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('retries a transaction cancelled by a conflict whose conditions still hold', async () => {
    serveReads({});
    documentClient.on(TransactWriteCommand).rejectsOnce(cancelled(['TransactionConflict'])).resolves({});
    await table().transactWrite([{ type: 'conditionCheck', pk: 'T', sk: 'free', condition: 'notExists' }]);
    const calls = documentClient.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.TransactItems).toEqual([
      { ConditionCheck: { TableName: 'novaevo', Key: { pk: 'planning#T', sk: 'free' }, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': 'pk' } } },
    ]);
  });

  it('passes on errors other than a cancellation', async () => {
    serveReads({});
    documentClient.on(TransactWriteCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' }));
    await expect(table().transactWrite([{ type: 'put', item: { pk: 'T', sk: 'a', data: {} } }])).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  });
});
