import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import { startDynaliteTable } from '../../../test/support/aws-emulators.ts';
import { sqlAdapters } from '../../../test/support/databases.ts';
import { DynamoIdempotencyStore } from '../adapters/aws/dynamo-idempotency-store.ts';
import { migrate } from '../migrations.ts';
import type { IdempotencyStore } from './idempotency-store.ts';
import { idempotencyMigrations, SqlIdempotencyStore } from './sql-idempotency-store.ts';

interface Subject {
  name: string;
  available?: boolean;
  skipReason?: string;
  open(): Promise<{ store: IdempotencyStore; dispose(): Promise<void> }>;
}

const subjects: Subject[] = [
  ...sqlAdapters().map((adapter) => ({
    name: `sql on ${adapter.name}`,
    available: adapter.available,
    skipReason: adapter.skipReason,
    async open() {
      const t = await adapter.open();
      await migrate(t.db, idempotencyMigrations);
      return { store: new SqlIdempotencyStore(t.db), dispose: () => t.dispose() };
    },
  })),
  {
    name: 'dynamodb on dynalite',
    async open() {
      const dynamo = await startDynaliteTable();
      return { store: new DynamoIdempotencyStore({ client: dynamo.client, tableName: dynamo.tableName }), dispose: () => dynamo.dispose() };
    },
  },
];

const MINUTE = 60_000;
const DAY = 86_400_000;
const t0 = new Date('2026-04-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const outcome = { status: 201, headers: { 'content-type': 'application/json', location: '/v1/bookings/b-1' }, body: '{"id":"b-1"}' };

describeEachAdapter('IdempotencyStore contract', subjects, (subject) => {
  let store: IdempotencyStore;
  let dispose: () => Promise<void>;
  let n = 0;
  beforeAll(async () => {
    ({ store, dispose } = await subject.open());
  });
  afterAll(() => dispose());
  // Every test works on its own scope, so they share one store without seeing each other.
  const claim = (key: string, hash: string, now: Date, scope = `scope-${n}`) => store.claim({ scope, key, hash, now, lockMs: 5 * MINUTE, ttlMs: DAY });
  const nextScope = () => `scope-${++n}`;

  it('lets the first attempt claim a key and tells a concurrent one it is in progress', async () => {
    nextScope();
    expect(await claim('k', 'h1', t0)).toEqual({ kind: 'claimed' });
    expect(await claim('k', 'h1', at(MINUTE))).toEqual({ kind: 'in_progress' });
    expect(await claim('other', 'h1', at(MINUTE))).toEqual({ kind: 'claimed' });
  });

  it('gives a completed outcome back to a repeat, and refuses another request under the same key', async () => {
    const scope = nextScope();
    await claim('k', 'h1', t0);
    await store.complete(scope, 'k', outcome);
    expect(await claim('k', 'h1', at(MINUTE))).toEqual({ kind: 'completed', outcome });
    expect(await claim('k', 'h2', at(MINUTE))).toEqual({ kind: 'mismatch' });
  });

  it('keeps scopes apart, even when a scope and a key share a separator', async () => {
    nextScope();
    expect(await claim('b#c', 'h1', t0, 'a')).toEqual({ kind: 'claimed' });
    expect(await claim('c', 'h1', t0, 'a#b')).toEqual({ kind: 'claimed' });
    expect(await claim('b#c', 'h1', t0, 'other-scope')).toEqual({ kind: 'claimed' });
  });

  it('forgets a released attempt so that a retry claims the key again', async () => {
    const scope = nextScope();
    await claim('k', 'h1', t0);
    await store.release(scope, 'k');
    expect(await claim('k', 'h1', at(1))).toEqual({ kind: 'claimed' });
  });

  it('hands an abandoned attempt over once its lock has expired, and only then', async () => {
    nextScope();
    await claim('k', 'h1', t0);
    expect(await claim('k', 'h1', at(5 * MINUTE - 1))).toEqual({ kind: 'in_progress' });
    expect(await claim('k', 'h1', at(5 * MINUTE))).toEqual({ kind: 'claimed' });
    expect(await claim('k', 'h1', at(6 * MINUTE))).toEqual({ kind: 'in_progress' });
  });

  it('treats a record past its replay window as absent, completed or not', async () => {
    const scope = nextScope();
    await claim('k', 'h1', t0);
    await store.complete(scope, 'k', outcome);
    expect(await claim('k', 'h2', at(DAY))).toEqual({ kind: 'claimed' });
    expect(await claim('k', 'h2', at(DAY + 1))).toEqual({ kind: 'in_progress' });
  });

  it('records nothing when completing a key nobody holds', async () => {
    const scope = nextScope();
    await store.complete(scope, 'never-claimed', outcome);
    expect(await claim('never-claimed', 'h1', t0)).toEqual({ kind: 'claimed' });
  });

  it('lets exactly one of many concurrent first attempts claim the key', async () => {
    nextScope();
    const results = await Promise.all(Array.from({ length: 10 }, () => claim('race', 'h1', t0)));
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'in_progress')).toHaveLength(9);
  });

  it('lets exactly one of many concurrent takeovers of an abandoned attempt win', async () => {
    nextScope();
    await claim('stale', 'h1', t0);
    const results = await Promise.all(Array.from({ length: 10 }, () => claim('stale', 'h1', at(10 * MINUTE))));
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
  });

  it('purges only the records whose replay window has passed', async () => {
    const scope = nextScope();
    // Earlier tests' records are a day old by the purge below: purge them first so the count is ours.
    await store.purgeExpired(at(100 * DAY));
    const late = new Date(t0.getTime() + 200 * DAY);
    await store.claim({ scope, key: 'old', hash: 'h', now: late, lockMs: MINUTE, ttlMs: MINUTE });
    await store.claim({ scope, key: 'young', hash: 'h', now: late, lockMs: MINUTE, ttlMs: DAY });
    expect(await store.purgeExpired(new Date(late.getTime() + MINUTE - 1))).toBe(0);
    expect(await store.purgeExpired(new Date(late.getTime() + MINUTE))).toBe(1);
    const after = new Date(late.getTime() + MINUTE);
    expect(await store.claim({ scope, key: 'young', hash: 'other', now: after, lockMs: MINUTE, ttlMs: DAY })).toEqual({ kind: 'mismatch' });
    expect(await store.claim({ scope, key: 'old', hash: 'other', now: after, lockMs: MINUTE, ttlMs: DAY })).toEqual({ kind: 'claimed' });
  });
});
