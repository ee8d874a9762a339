import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachAdapter } from '../../../../test/support/adapter-suites.ts';
import { sqlAdapters, type TestDatabase } from '../../../../test/support/databases.ts';
import { migrate } from '../../../platform/migrations.ts';
import { flashMigrations } from '../migrations.ts';
import { AuditStore } from './audit-store.ts';

describeEachAdapter('AuditStore appends', sqlAdapters(), (adapter) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await adapter.open();
    await migrate(t.db, flashMigrations);
  });
  afterAll(() => t.dispose());

  const entry = (n: number) => ({ at: new Date(Date.UTC(2026, 4, 1, 8, 0, n)), actor: 'platform', action: 'flash.test', jobId: null, data: { n } });

  it('keeps one chain when two processes append in turn, at the same time, and after a rolled-back append', async () => {
    const here = new AuditStore();
    const there = new AuditStore();
    const before = (await here.verify(t.db)).count;
    let n = 0;
    for (const store of [here, here, there, here, there, there, here]) await t.db.transaction((tx) => store.append(tx, entry(n++)));
    await expect(
      t.db.transaction(async (tx) => {
        await here.append(tx, entry(n++));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await t.db.transaction((tx) => here.append(tx, entry(n++)));
    // Concurrent appends (PostgreSQL: real concurrency on the head row's lock; PGlite runs them one at a time).
    await Promise.all([here, there, here, there].map((store) => t.db.transaction((tx) => store.append(tx, entry(n++)))));
    const verification = await here.verify(t.db);
    expect(verification).toMatchObject({ ok: true, count: before + 12 });
    const seqs = (await here.page(t.db, 0, 1000)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
