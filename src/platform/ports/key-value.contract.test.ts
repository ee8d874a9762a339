import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import { startDynaliteTable } from '../../../test/support/aws-emulators.ts';
import { DynamoKeyValueTable } from '../adapters/aws/dynamo-key-value-table.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAdapters, type TestDatabase } from '../../../test/support/databases.ts';
import { SqlKeyValueTable, sqlKeyValueMigrations } from '../adapters/local/sql-key-value.ts';
import { ManualClock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { migrate } from '../migrations.ts';
import { ConditionFailedError, type KeyValueTable } from './key-value.ts';

interface Subject {
  name: string;
  /** Why this subject cannot run transactWrite, when it cannot: those tests are reported as skipped. */
  noTransactions?: string;
  open(): Promise<{ make(clock: ManualClock): KeyValueTable; reopen(): Promise<void>; dispose(): Promise<void> }>;
}

const subjects: Subject[] = sqlAdapters().map((adapter) => ({
  name: `sql on ${adapter.name}`,
  available: adapter.available,
  skipReason: adapter.skipReason,
  async open() {
    let t: TestDatabase = await adapter.open();
    await migrate(t.db, sqlKeyValueMigrations);
    let n = 0;
    return {
      // Each test gets its own logical table, so tests share one database without seeing each other.
      make: (clock) => new SqlKeyValueTable({ db: t.db, clock, table: `contract-${n++}` }),
      async reopen() {
        t = await t.reopen();
        n -= 1; // the next make() reopens the last table
      },
      dispose: () => t.dispose(),
    };
  },
}));

subjects.push({
  name: 'dynamodb on dynalite',
  noTransactions: 'dynalite has no TransactWriteItems; dynamo-key-value-transactions.test.ts checks those requests',
  async open() {
    const dynamo = await startDynaliteTable();
    let n = 0;
    return {
      // One physical table, as in AWS; each test gets its own logical table (a key prefix).
      make: (clock) => new DynamoKeyValueTable({ client: dynamo.client, tableName: dynamo.tableName, table: `contract-${n++}`, clock }),
      async reopen() {
        await dynamo.restart();
        n -= 1;
      },
      dispose: () => dynamo.dispose(),
    };
  },
});

const HOUR = 3_600_000;

async function conditionFailure(promise: Promise<unknown>): Promise<ConditionFailedError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConditionFailedError);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(409);
  expect((err as AppError).code).toBe('CONDITION_FAILED');
  return err as ConditionFailedError;
}

describeEachAdapter('KeyValueTable contract', subjects, (subject) => {
  let env: Awaited<ReturnType<Subject['open']>>;
  let clock: ManualClock;
  let kv: KeyValueTable;
  beforeAll(async () => {
    env = await subject.open();
  });
  afterAll(() => env.dispose());
  const itTransacts = subject.noTransactions ? it.skip : it;
  const transactionsTitle = subject.noTransactions ? `transactions (skipped: ${subject.noTransactions})` : 'transactions';
  const fresh = () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    kv = env.make(clock);
  };

  describe('single-item writes', () => {
    it('stores an item at version 1 and reads it back', async () => {
      fresh();
      const stored = await kv.put({ pk: 'P', sk: 'S', data: { a: 1, nested: { b: [true, null] } } });
      expect(stored).toEqual({ pk: 'P', sk: 'S', data: { a: 1, nested: { b: [true, null] } }, version: 1 });
      expect(await kv.get('P', 'S')).toEqual(stored);
      expect(await kv.get('P', 'other')).toBeUndefined();
    });

    it('replaces data on put and counts every write in the version', async () => {
      fresh();
      await kv.put({ pk: 'P', sk: 'S', data: { a: 1, b: 2 } });
      const second = await kv.put({ pk: 'P', sk: 'S', data: { c: 3 } });
      expect(second).toMatchObject({ data: { c: 3 }, version: 2 });
      expect(await kv.update('P', 'S', { d: 4 })).toMatchObject({ data: { c: 3, d: 4 }, version: 3 });
    });

    it('refuses a notExists put on a live item and leaves it unchanged', async () => {
      fresh();
      await kv.put({ pk: 'P', sk: 'S', data: { v: 'first' } }, { condition: 'notExists' });
      const err = await conditionFailure(kv.put({ pk: 'P', sk: 'S', data: { v: 'second' } }, { condition: 'notExists' }));
      expect(err.details).toEqual({ pk: 'P', sk: 'S' });
      expect(await kv.get('P', 'S')).toMatchObject({ data: { v: 'first' }, version: 1 });
    });

    it('applies a write conditioned on the current version and refuses a stale one', async () => {
      fresh();
      await kv.put({ pk: 'P', sk: 'S', data: { n: 1 } });
      expect(await kv.put({ pk: 'P', sk: 'S', data: { n: 2 } }, { condition: { version: 1 } })).toMatchObject({ version: 2 });
      await conditionFailure(kv.put({ pk: 'P', sk: 'S', data: { n: 3 } }, { condition: { version: 1 } }));
      await conditionFailure(kv.update('P', 'S', { n: 3 }, { condition: { version: 1 } }));
      await conditionFailure(kv.put({ pk: 'P', sk: 'missing', data: {} }, { condition: { version: 1 } }));
      expect(await kv.get('P', 'S')).toMatchObject({ data: { n: 2 }, version: 2 });
    });

    it('shallow-merges an update, leaving keys not in the patch or set to undefined alone', async () => {
      fresh();
      await kv.put({ pk: 'P', sk: 'S', data: { a: 1, b: { x: 1 }, c: 'keep' } });
      const updated = await kv.update('P', 'S', { b: { y: 2 }, c: undefined, d: null });
      expect(updated).toEqual({ pk: 'P', sk: 'S', data: { a: 1, b: { y: 2 }, c: 'keep', d: null }, version: 2 });
    });

    it('creates an item on update unless the condition requires it to exist', async () => {
      fresh();
      expect(await kv.update('P', 'new', { a: 1 })).toEqual({ pk: 'P', sk: 'new', data: { a: 1 }, version: 1 });
      await conditionFailure(kv.update('P', 'absent', { a: 1 }, { condition: 'exists' }));
      expect(await kv.get('P', 'absent')).toBeUndefined();
      expect(await kv.update('P', 'new', { b: 2 }, { condition: 'exists' })).toMatchObject({ data: { a: 1, b: 2 }, version: 2 });
      await conditionFailure(kv.update('P', 'new', { c: 3 }, { condition: 'notExists' }));
    });

    it('deletes an item once, honouring its condition', async () => {
      fresh();
      await kv.put({ pk: 'P', sk: 'S', data: {} });
      await conditionFailure(kv.delete('P', 'S', { condition: { version: 7 } }));
      expect(await kv.delete('P', 'S', { condition: { version: 1 } })).toBe(true);
      expect(await kv.delete('P', 'S')).toBe(false);
      await conditionFailure(kv.delete('P', 'S', { condition: 'exists' }));
      expect(await kv.get('P', 'S')).toBeUndefined();
    });

    it('rejects keys DynamoDB would refuse and data that is not an object', async () => {
      fresh();
      await expect(kv.get('', 'S')).rejects.toThrow(TypeError);
      await expect(kv.put({ pk: 'P', sk: 'x'.repeat(1025), data: {} })).rejects.toThrow(TypeError);
      await expect(kv.put({ pk: 'P', sk: 'S', data: [1] as never })).rejects.toThrow(TypeError);
    });

    it('keeps logical tables apart', async () => {
      fresh();
      const other = env.make(clock);
      await kv.put({ pk: 'P', sk: 'S', data: { in: 'first' } });
      expect(await other.get('P', 'S')).toBeUndefined();
      expect((await other.query('P')).items).toEqual([]);
    });

    it('keeps acknowledged writes across a restart', async () => {
      fresh();
      await kv.put({ pk: 'P', sk: 'S', data: { durable: true }, expiresAt: new Date('2026-03-02T00:00:00Z') });
      await env.reopen();
      kv = env.make(clock);
      expect(await kv.get('P', 'S')).toEqual({
        pk: 'P',
        sk: 'S',
        data: { durable: true },
        version: 1,
        expiresAt: new Date('2026-03-02T00:00:00Z'),
      });
    });
  });

  describe('expiry (TTL by the injected clock)', () => {
    it('hides an item from reads and queries once its expiry instant is reached', async () => {
      fresh();
      const expiresAt = new Date(clock.now().getTime() + HOUR);
      expect(await kv.put({ pk: 'P', sk: 'S', data: {}, expiresAt })).toMatchObject({ expiresAt });
      clock.advance(HOUR - 1);
      expect(await kv.get('P', 'S')).toBeDefined();
      clock.advance(1);
      expect(await kv.get('P', 'S')).toBeUndefined();
      expect((await kv.query('P')).items).toEqual([]);
    });

    it('treats an expired item as absent for conditions, and restarts its version', async () => {
      fresh();
      await kv.put({ pk: 'P', sk: 'S', data: { old: true }, expiresAt: new Date(clock.now().getTime() + HOUR) });
      clock.advance(2 * HOUR);
      await conditionFailure(kv.update('P', 'S', { a: 1 }, { condition: { version: 1 } }));
      await conditionFailure(kv.update('P', 'S', { a: 1 }, { condition: 'exists' }));
      expect(await kv.delete('P', 'S')).toBe(false);
      await kv.put({ pk: 'P', sk: 'T', data: { old: true }, expiresAt: new Date(clock.now().getTime() + HOUR) });
      clock.advance(2 * HOUR);
      const revived = await kv.update('P', 'T', { fresh: true }, { condition: 'notExists' });
      expect(revived).toEqual({ pk: 'P', sk: 'T', data: { fresh: true }, version: 1 });
    });

    it('sets, keeps and clears the expiry on update', async () => {
      fresh();
      const at = new Date(clock.now().getTime() + HOUR);
      await kv.put({ pk: 'P', sk: 'S', data: {}, expiresAt: at });
      expect((await kv.update('P', 'S', { a: 1 })).expiresAt).toEqual(at);
      const later = new Date(at.getTime() + HOUR);
      expect((await kv.update('P', 'S', { a: 2 }, { expiresAt: later })).expiresAt).toEqual(later);
      expect((await kv.update('P', 'S', { a: 3 }, { expiresAt: null })).expiresAt).toBeUndefined();
      clock.advance(10 * HOUR);
      expect(await kv.get('P', 'S')).toMatchObject({ data: { a: 3 } });
    });

    it('sweeps only expired items', async () => {
      fresh();
      const soon = new Date(clock.now().getTime() + HOUR);
      await kv.put({ pk: 'P', sk: 'a', data: {}, expiresAt: soon });
      await kv.put({ pk: 'P', sk: 'b', data: {}, expiresAt: soon });
      await kv.put({ pk: 'P', sk: 'c', data: {}, expiresAt: new Date(soon.getTime() + HOUR) });
      await kv.put({ pk: 'P', sk: 'd', data: {} });
      expect(await kv.sweepExpired()).toBe(0);
      clock.advance(HOUR);
      expect(await kv.sweepExpired()).toBe(2);
      expect(await kv.sweepExpired()).toBe(0);
      expect((await kv.query('P')).items.map((i) => i.sk)).toEqual(['c', 'd']);
    });
  });

  describe('queries', () => {
    const sks = ['a', 'a%b', 'a_c', 'ab', 'abc', 'b', 'B', 'é', 'z', 'Z~', '~'];

    async function seed(): Promise<void> {
      fresh();
      for (const sk of sks) await kv.put({ pk: 'P', sk, data: { sk } });
      await kv.put({ pk: 'other', sk: 'a', data: {} });
    }
    const sortKeys = async (options: Parameters<KeyValueTable['query']>[1]) => (await kv.query('P', options)).items.map((i) => i.sk);

    it('returns a partition ordered by sort key in code-point order, either way', async () => {
      await seed();
      const codePointOrder = [...sks].sort();
      expect(await sortKeys({})).toEqual(codePointOrder);
      expect(await sortKeys({ descending: true })).toEqual([...codePointOrder].reverse());
    });

    it('filters on a literal sort-key prefix, even one holding LIKE wildcards', async () => {
      await seed();
      expect(await sortKeys({ beginsWith: 'a' })).toEqual(['a', 'a%b', 'a_c', 'ab', 'abc']);
      expect(await sortKeys({ beginsWith: 'a%' })).toEqual(['a%b']);
      expect(await sortKeys({ beginsWith: 'a_' })).toEqual(['a_c']);
      expect(await sortKeys({ beginsWith: 'nothing' })).toEqual([]);
    });

    it('filters on an inclusive sort-key range', async () => {
      await seed();
      expect(await sortKeys({ between: ['ab', 'b'] })).toEqual(['ab', 'abc', 'b']);
      expect(await sortKeys({ between: ['ab', 'b'], descending: true })).toEqual(['b', 'abc', 'ab']);
    });

    it('pages through every item exactly once and gives no cursor after the last page', async () => {
      await seed();
      for (const descending of [false, true]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await kv.query('P', { limit: 3, descending, ...(cursor ? { cursor } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(3);
          seen.push(...page.items.map((i) => i.sk));
          cursor = page.cursor;
          pages += 1;
        } while (cursor);
        expect(seen).toEqual(await sortKeys({ descending }));
        expect(pages).toBe(Math.ceil(sks.length / 3));
      }
      const exact = await kv.query('P', { limit: sks.length });
      expect(exact.cursor).toBeUndefined();
    });

    it('answers a bad cursor, or one from another partition, with CURSOR_INVALID', async () => {
      await seed();
      const { cursor } = await kv.query('P', { limit: 1 });
      await expect(kv.query('other', { cursor: cursor! })).rejects.toMatchObject({ status: 400, code: 'CURSOR_INVALID' });
      await expect(kv.query('P', { cursor: 'garbage!' })).rejects.toMatchObject({ status: 400, code: 'CURSOR_INVALID' });
    });

    it('clamps a limit outside its bounds and answers one that is no whole number with LIMIT_INVALID', async () => {
      await seed();
      expect((await kv.query('P', { limit: 0 })).items).toHaveLength(1);
      await expect(kv.query('P', { limit: 1.5 })).rejects.toMatchObject({ status: 400, code: 'LIMIT_INVALID' });
      await expect(kv.query('P', { limit: Number.NaN })).rejects.toMatchObject({ status: 400, code: 'LIMIT_INVALID' });
    });
  });

  describe(transactionsTitle, () => {
    itTransacts('applies puts, deletes and condition checks together', async () => {
      fresh();
      await kv.put({ pk: 'T', sk: 'gone', data: {} });
      await kv.put({ pk: 'T', sk: 'guard', data: {} });
      await kv.transactWrite([
        { type: 'put', item: { pk: 'T', sk: 'new', data: { n: 1 } }, condition: 'notExists' },
        { type: 'delete', pk: 'T', sk: 'gone', condition: 'exists' },
        { type: 'conditionCheck', pk: 'T', sk: 'guard', condition: { version: 1 } },
        { type: 'conditionCheck', pk: 'T', sk: 'free', condition: 'notExists' },
      ]);
      expect((await kv.query('T')).items.map((i) => [i.sk, i.version])).toEqual([
        ['guard', 1],
        ['new', 1],
      ]);
    });

    itTransacts('applies nothing when one condition fails, and says which one', async () => {
      fresh();
      await kv.put({ pk: 'T', sk: 'a', data: { v: 1 } });
      const err = await conditionFailure(
        kv.transactWrite([
          { type: 'put', item: { pk: 'T', sk: 'z', data: {} } },
          { type: 'put', item: { pk: 'T', sk: 'a', data: { v: 2 } } },
          { type: 'delete', pk: 'T', sk: 'a-missing', condition: 'exists' },
        ]),
      );
      expect(err.details).toEqual({ pk: 'T', sk: 'a-missing', index: 2 });
      expect((await kv.query('T')).items).toEqual([{ pk: 'T', sk: 'a', data: { v: 1 }, version: 1 }]);
    });

    it('refuses an empty transaction or one touching a key twice', async () => {
      fresh();
      await expect(kv.transactWrite([])).rejects.toThrow(TypeError);
      await expect(
        kv.transactWrite([
          { type: 'put', item: { pk: 'T', sk: 'a', data: {} } },
          { type: 'delete', pk: 'T', sk: 'a' },
        ]),
      ).rejects.toThrow(TypeError);
    });
  });

  describe('concurrent writers', () => {
    const settle = (n: number, write: (i: number) => Promise<unknown>) =>
      Promise.allSettled(Array.from({ length: n }, (_, i) => write(i)));

    it('lets exactly one of many concurrent notExists puts create the item', async () => {
      fresh();
      const results = await settle(10, (i) => kv.put({ pk: 'C', sk: 'S', data: { writer: i } }, { condition: 'notExists' }));
      const winners = results.filter((r) => r.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConditionFailedError);
      const stored = await kv.get('C', 'S');
      expect(stored).toEqual((winners[0] as PromiseFulfilledResult<unknown>).value);
    });

    it('lets exactly one of many writers holding the same version win', async () => {
      fresh();
      await kv.put({ pk: 'C', sk: 'S', data: {} });
      const results = await settle(10, (i) => kv.update('C', 'S', { writer: i }, { condition: { version: 1 } }));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await kv.get('C', 'S')).toMatchObject({ version: 2 });
    });

    it('loses no concurrent merge', async () => {
      fresh();
      await settle(10, (i) => kv.update('C', 'S', { [`f${i}`]: i }));
      const stored = await kv.get('C', 'S');
      expect(stored?.version).toBe(10);
      expect(Object.keys(stored?.data ?? {})).toHaveLength(10);
    });

    itTransacts('commits exactly one of concurrent transactions racing for the same key', async () => {
      fresh();
      const results = await settle(6, (i) =>
        kv.transactWrite([
          { type: 'put', item: { pk: 'C', sk: 'slot', data: { owner: i } }, condition: 'notExists' },
          { type: 'put', item: { pk: 'C', sk: `claim-${i}`, data: {} } },
        ]),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const { items } = await kv.query('C');
      const owner = (items.find((i) => i.sk === 'slot')!.data as { owner: number }).owner;
      expect(items.map((i) => i.sk).sort()).toEqual([`claim-${owner}`, 'slot']);
    });

    itTransacts('never commits two transactions whose condition checks each forbid the other (no write skew)', async () => {
      fresh();
      for (let round = 0; round < 5; round++) {
        const [a, b] = [`a${round}`, `b${round}`];
        const results = await Promise.allSettled([
          kv.transactWrite([
            { type: 'conditionCheck', pk: 'C', sk: a, condition: 'notExists' },
            { type: 'put', item: { pk: 'C', sk: b, data: {} } },
          ]),
          kv.transactWrite([
            { type: 'conditionCheck', pk: 'C', sk: b, condition: 'notExists' },
            { type: 'put', item: { pk: 'C', sk: a, data: {} } },
          ]),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      }
    });
  });
});
