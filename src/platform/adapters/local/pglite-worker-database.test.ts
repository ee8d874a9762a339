import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SqlDatabase } from '../../ports/sql.ts';
import { openPgliteWorkerDatabase } from './pglite-worker-database.ts';

let db: SqlDatabase;
beforeAll(async () => {
  db = await openPgliteWorkerDatabase();
});
afterAll(() => db.close());

it('fails only the call whose value cannot cross to the worker, not the others sent with it', async () => {
  const [good, bad, other] = await Promise.allSettled([
    db.query<{ v: string }>('SELECT $1::text AS v', ['a']),
    db.query('SELECT $1::text AS v', [() => 'not cloneable']),
    db.query<{ v: string }>('SELECT $1::text AS v', ['b']),
  ]);
  expect(good).toMatchObject({ status: 'fulfilled', value: { rows: [{ v: 'a' }] } });
  expect(bad).toMatchObject({ status: 'rejected', reason: { name: 'DataCloneError' } });
  expect(other).toMatchObject({ status: 'fulfilled', value: { rows: [{ v: 'b' }] } });
  expect((await db.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
});

it('answers many calls asked at once, each with its own result', async () => {
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => db.query<{ n: number }>('SELECT $1::int AS n', [i])));
  expect(results.map((r) => r.rows[0]!.n)).toEqual(Array.from({ length: 200 }, (_, i) => i));
});
