import { PGlite, types } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowObjects } from './pglite-database.ts';
import { PgliteStatements } from './pglite-statements.ts';

describe('PGlite prepared statements', () => {
  let pg: PGlite;
  let statements: PgliteStatements;
  const run = async <T extends object>(text: string, params: unknown[] = []) => {
    const result = await statements.run(text, params);
    return { rows: rowObjects<T>(result, pg.parsers), rowCount: result.rowCount };
  };
  const prepared = async (text: string) =>
    (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [text])).rows[0]!.n;

  beforeAll(async () => {
    pg = await PGlite.create({ parsers: { [types.INT8]: (v: string) => Number(v) } });
    statements = new PgliteStatements(pg);
    await pg.exec('CREATE TABLE t (id text PRIMARY KEY, n bigint, at timestamptz, doc jsonb, ok boolean, bin bytea, tags text[], x float8)');
  });
  afterAll(() => pg.close());

  it('returns what PGlite.query returns for the same statement and values', async () => {
    const row = fc.record({
      id: fc.uuid(),
      n: fc.option(fc.maxSafeInteger(), { nil: null }),
      at: fc.option(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), { nil: null }),
      doc: fc.option(fc.jsonValue().map((v) => JSON.stringify(v)), { nil: null }),
      ok: fc.option(fc.boolean(), { nil: null }),
      bin: fc.option(fc.uint8Array({ maxLength: 20 }), { nil: null }),
      tags: fc.option(fc.array(fc.string({ maxLength: 8 }).map((s) => s.replaceAll('\0', '')), { maxLength: 4 }), { nil: null }),
      x: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(row, async (r) => {
        const values = [r.id, r.n, r.at, r.doc, r.ok, r.bin, r.tags, r.x];
        const insert = await run('INSERT INTO t VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) RETURNING *', values);
        const byQuery = await pg.query('SELECT * FROM t WHERE id = $1', [r.id]);
        expect(insert.rows).toEqual(byQuery.rows);
        expect((await run('SELECT * FROM t WHERE id = $1', [r.id])).rows).toEqual(byQuery.rows);
      }),
      { numRuns: 60 },
    );
  });

  it('parses a text once, however often it runs', async () => {
    const text = 'SELECT count(*) AS n FROM t WHERE id <> $1';
    for (let i = 0; i < 5; i++) expect((await run<{ n: number }>(text, [`x${i}`])).rows[0]!.n).toBeTypeOf('number');
    expect(await prepared(text)).toBe(1);
  });

  it('counts the rows a write affected, and the rows a query returned', async () => {
    await run("INSERT INTO t (id, n) VALUES ('cnt-1', 1), ('cnt-2', 2)");
    expect((await run('UPDATE t SET n = n + 1 WHERE id IN ($1, $2)', ['cnt-1', 'cnt-2'])).rowCount).toBe(2);
    expect((await run("SELECT id FROM t WHERE id LIKE 'cnt-%'")).rowCount).toBe(2);
    expect((await run('DELETE FROM t WHERE id = $1', ['none'])).rowCount).toBe(0);
  });

  it('closes the least recently used statements past a few hundred texts', async () => {
    for (let i = 0; i < 400; i++) await run(`SELECT ${i} AS i`);
    expect((await run('SELECT 399 AS i')).rows).toEqual([{ i: 399 }]);
    const { rows } = await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE 'SELECT % AS i'");
    expect(rows[0]!.n).toBeLessThanOrEqual(256);
    expect(await prepared('SELECT 0 AS i')).toBe(0);
  });

  it('reports the server error with its fields, and keeps working after one', async () => {
    await run("INSERT INTO t (id) VALUES ('dup')");
    const err = (await run('INSERT INTO t (id) VALUES ($1)', ['dup']).catch((e: unknown) => e)) as Record<string, unknown>;
    expect(err).toMatchObject({ code: '23505', constraint: 't_pkey', table: 't', severity: 'ERROR' });
    expect(err.message).toMatch(/duplicate key/);
    await expect(run('SELEKT 1')).rejects.toThrow(/syntax error/);
    expect((await run('SELECT id FROM t WHERE id = $1', ['dup'])).rows).toEqual([{ id: 'dup' }]);
  });

  it('prepares SELECT * again when the table gained a column', async () => {
    await run('CREATE TABLE grows (a int)');
    await run('INSERT INTO grows VALUES (1)');
    expect((await run('SELECT * FROM grows')).rows).toEqual([{ a: 1 }]);
    await run('ALTER TABLE grows ADD COLUMN b text');
    expect((await run('SELECT * FROM grows')).rows).toEqual([{ a: 1, b: null }]);
  });
});
