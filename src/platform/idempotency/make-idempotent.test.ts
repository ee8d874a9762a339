import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { idempotencyMigrations, SqlIdempotencyStore } from './sql-idempotency-store.ts';
import { makeIdempotent } from './make-idempotent.ts';
import { openMigratedPglite, type TestDatabase } from '../../../test/support/databases.ts';

describe('makeIdempotent', () => {
  let t: TestDatabase;
  let store: SqlIdempotencyStore;
  beforeEach(async () => {
    t = await openMigratedPglite(idempotencyMigrations);
    store = new SqlIdempotencyStore(t.db);
  });
  afterEach(() => t.dispose());

  it('runs a handler once per key and gives the first result to repeated deliveries', async () => {
    let runs = 0;
    const credit = makeIdempotent(async (e: { id: string; amount: number }) => ({ credited: e.amount, run: ++runs }), (e) => e.id, {
      store,
      clock: new ManualClock(),
      scope: 'billing.on-paid',
    });
    expect(await credit({ id: 'evt-1', amount: 5 })).toEqual({ credited: 5, run: 1 });
    expect(await credit({ id: 'evt-1', amount: 5 })).toEqual({ credited: 5, run: 1 });
    expect(await credit({ id: 'evt-2', amount: 7 })).toEqual({ credited: 7, run: 2 });
    expect(runs).toBe(2);
  });

  it('forgets a call that failed, so that the retry runs it', async () => {
    let attempts = 0;
    const flaky = makeIdempotent(async () => {
      if (++attempts === 1) throw new Error('network');
      return 'done';
    }, () => 'k', { store, clock: new ManualClock(), scope: 'x.task' });
    await expect(flaky()).rejects.toThrow('network');
    expect(await flaky()).toBe('done');
    expect(attempts).toBe(2);
  });
});
