import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sqlAdapters, type TestDatabase } from '../../../test/support/databases.ts';
import { migrate } from '../migrations.ts';

describeEachAdapter('SqlDatabase contract', sqlAdapters(), (adapter) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await adapter.open();
    await migrate(t.db, [
      { id: 'contract.001', sql: 'CREATE TABLE items (id text PRIMARY KEY, n bigint NOT NULL, at timestamptz, doc jsonb)' },
    ]);
  });
  afterAll(() => t.dispose());

  it('runs parameterised queries and returns rows with driver-independent types', async () => {
    await t.db.query('INSERT INTO items (id, n, at, doc) VALUES ($1, $2, $3, $4::jsonb)', [
      'a',
      9_007_199_254_740,
      new Date('2026-01-02T03:04:05.678Z'),
      JSON.stringify({ tags: ['x', 'y'], nested: { ok: true } }),
    ]);
    const { rows, rowCount } = await t.db.query<{ id: string; n: number; at: Date; doc: unknown }>('SELECT * FROM items WHERE id = $1', ['a']);
    expect(rowCount).toBe(1);
    expect(rows[0]).toEqual({
      id: 'a',
      n: 9_007_199_254_740,
      at: new Date('2026-01-02T03:04:05.678Z'),
      doc: { tags: ['x', 'y'], nested: { ok: true } },
    });
  });

  it('reports affected rows for writes', async () => {
    await t.db.query("INSERT INTO items (id, n) VALUES ('b', 1), ('c', 2)");
    const res = await t.db.query('UPDATE items SET n = n + 1 WHERE id IN ($1, $2)', ['b', 'c']);
    expect(res.rowCount).toBe(2);
  });

  it('commits a transaction when its function resolves', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query("INSERT INTO items (id, n) VALUES ('t1', 1)");
      await tx.query("INSERT INTO items (id, n) VALUES ('t2', 2)");
    });
    const { rows } = await t.db.query("SELECT id FROM items WHERE id LIKE 't%' ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual(['t1', 't2']);
  });

  it('rolls back every statement of a transaction whose function throws', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query("INSERT INTO items (id, n) VALUES ('r1', 1)");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rowCount } = await t.db.query("SELECT 1 FROM items WHERE id = 'r1'");
    expect(rowCount).toBe(0);
  });

  it('rolls back on a constraint violation and surfaces the SQLSTATE code', async () => {
    const err = await t.db
      .transaction(async (tx) => {
        await tx.query("INSERT INTO items (id, n) VALUES ('u1', 1)");
        await tx.query("INSERT INTO items (id, n) VALUES ('u1', 2)");
      })
      .catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('23505');
    expect((await t.db.query("SELECT 1 FROM items WHERE id = 'u1'")).rowCount).toBe(0);
  });

  it('keeps concurrent transactions isolated from each other', async () => {
    await t.db.query("INSERT INTO items (id, n) VALUES ('counter', 0)");
    await Promise.all(
      Array.from({ length: 10 }, () =>
        t.db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>("SELECT n FROM items WHERE id = 'counter' FOR UPDATE");
          await tx.query("UPDATE items SET n = $1 WHERE id = 'counter'", [rows[0]!.n + 1]);
        }),
      ),
    );
    const { rows } = await t.db.query<{ n: number }>("SELECT n FROM items WHERE id = 'counter'");
    expect(rows[0]!.n).toBe(10);
  });

  it('runs multi-statement scripts', async () => {
    await t.db.exec("INSERT INTO items (id, n) VALUES ('s1', 1); INSERT INTO items (id, n) VALUES ('s2', 2);");
    expect((await t.db.query("SELECT 1 FROM items WHERE id IN ('s1','s2')")).rowCount).toBe(2);
  });

  it('applies each migration once, even when asked again', async () => {
    const m = [{ id: 'contract.002', sql: 'CREATE TABLE once (x int)' }];
    expect(await migrate(t.db, m)).toEqual(['contract.002']);
    expect(await migrate(t.db, m)).toEqual([]);
  });

  it('keeps committed data across a reopen', async () => {
    await t.db.query("INSERT INTO items (id, n) VALUES ('durable', 42)");
    t = await t.reopen();
    const { rows } = await t.db.query<{ n: number }>("SELECT n FROM items WHERE id = 'durable'");
    expect(rows[0]?.n).toBe(42);
  });
});
