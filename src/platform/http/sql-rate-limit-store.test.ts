import { Hono } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import { sqlAdapters, type TestDatabase } from '../../../test/support/databases.ts';
import { ManualClock } from '../clock.ts';
import { migrate } from '../migrations.ts';
import { purgeExpiredRateLimits, rateLimitMigrations, SqlRateLimitStore } from './sql-rate-limit-store.ts';

const WINDOW_MS = 60_000;

describeEachAdapter('SQL rate limit store', sqlAdapters(), (adapter) => {
  let t: TestDatabase;
  let clock: ManualClock;
  let n = 0;
  // Tests share one database; each uses its own limiter prefix.
  let prefix: string;

  /** A store as one process's limiter would hold it. */
  const store = (p = prefix) => {
    const s = new SqlRateLimitStore({ db: t.db, clock, prefix: p });
    s.init({ windowMs: WINDOW_MS });
    return s;
  };

  beforeAll(async () => {
    t = await adapter.open();
    await migrate(t.db, rateLimitMigrations);
  });
  afterAll(() => t.dispose());
  beforeEach(() => {
    clock = new ManualClock('2026-03-01T08:00:10Z');
    prefix = `t${++n}`;
  });

  it('counts the hits of a key in its window, shared by every store on the database', async () => {
    const [a, b] = [store(), store()];
    const totals = [];
    for (const s of [a, b, a, b]) totals.push((await s.increment('10.0.0.1')).totalHits);
    expect(totals).toEqual([1, 2, 3, 4]);
    expect(await b.get('10.0.0.1')).toEqual({ totalHits: 4, resetTime: new Date('2026-03-01T08:01:00Z') });
    expect((await a.increment('10.0.0.2')).totalHits).toBe(1);
    expect((await store(`${prefix}-other`).increment('10.0.0.1')).totalHits).toBe(1);
    expect(await a.get('never-seen')).toBeUndefined();
  });

  it('counts every one of many concurrent hits', async () => {
    const [a, b] = [store(), store()];
    const hits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).increment('busy')));
    expect(hits.map((h) => h.totalHits).toSorted((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('starts again at the next window, and the purge removes the windows that have ended', async () => {
    const s = store();
    await s.increment('k');
    await s.increment('k');
    clock.advance(50_000);
    expect(await s.increment('k')).toEqual({ totalHits: 1, resetTime: new Date('2026-03-01T08:02:00Z') });
    expect(await purgeExpiredRateLimits(t.db, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await s.get('k')).toEqual({ totalHits: 1, resetTime: new Date('2026-03-01T08:02:00Z') });
  });

  it('takes a hit back without going below zero, and resets one key or the whole limiter', async () => {
    const [s, other] = [store(), store(`${prefix}-kept`)];
    await s.increment('k');
    await s.decrement('k');
    await s.decrement('k');
    expect((await s.get('k'))?.totalHits).toBe(0);
    await s.increment('k');
    await s.increment('j');
    await other.increment('k');
    await s.resetKey('k');
    expect(await s.get('k')).toBeUndefined();
    expect((await s.get('j'))?.totalHits).toBe(1);
    await s.resetAll();
    expect(await s.get('j')).toBeUndefined();
    expect((await other.get('k'))?.totalHits).toBe(1);
  });

  it('holds one limit across two processes behind a load balancer', async () => {
    const app = () =>
      new Hono()
        .use(rateLimiter({ windowMs: WINDOW_MS, limit: 3, keyGenerator: () => 'client', store: new SqlRateLimitStore({ db: t.db, clock, prefix }) }))
        .get('/', (c) => c.text('ok'));
    const [a, b] = [app(), app()];
    const statuses = [];
    for (const s of [a, b, a, b, a]) statuses.push((await s.request('/')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('refuses to count before it knows its window, and a limiter without a name', () => {
    expect(() => new SqlRateLimitStore({ db: t.db, prefix: '' })).toThrow(RangeError);
    return expect(new SqlRateLimitStore({ db: t.db, prefix }).increment('k')).rejects.toThrow(/before init/);
  });
});
