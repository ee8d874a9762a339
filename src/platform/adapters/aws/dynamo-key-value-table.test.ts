import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynaliteTable, startDynaliteTable } from '../../../../test/support/aws-emulators.ts';
import { ManualClock } from '../../clock.ts';
import { DynamoKeyValueTable } from './dynamo-key-value-table.ts';

// What DynamoDB would refuse with a ValidationException (a 500) is answered as the SQL adapter does, or as a 4xx.
describe('DynamoKeyValueTable on dynalite: DynamoDB limits', () => {
  let dynamo: DynaliteTable;
  let table: DynamoKeyValueTable;
  beforeAll(async () => {
    dynamo = await startDynaliteTable();
    table = new DynamoKeyValueTable({ client: dynamo.client, tableName: dynamo.tableName, table: 'limits', clock: new ManualClock() });
    for (const sk of ['a', 'b', 'c']) await table.put({ pk: 'P', sk, data: {} });
  });
  afterAll(() => dynamo.dispose());

  it('answers an empty page for a reversed range, and everything for an empty prefix', async () => {
    expect((await table.query('P', { between: ['c', 'a'] })).items).toEqual([]);
    expect((await table.query('P', { beginsWith: '' })).items.map((i) => i.sk)).toEqual(['a', 'b', 'c']);
  });

  it('refuses an item past 400 KB with 413 KEY_VALUE_ITEM_TOO_LARGE and keeps the old one', async () => {
    await expect(table.put({ pk: 'P', sk: 'a', data: { blob: 'x'.repeat(410 * 1024) } })).rejects.toMatchObject({ status: 413, code: 'KEY_VALUE_ITEM_TOO_LARGE' });
    expect(await table.get('P', 'a')).toMatchObject({ data: {}, version: 1 });
  });
});
