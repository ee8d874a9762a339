import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { sqlAdapters, type TestDatabase } from '../../../test/support/databases.ts';
import { eventBusMigrations, OutboxEventBus, type OutboxEventBusOptions } from '../adapters/local/outbox-event-bus.ts';
import { ManualClock } from '../clock.ts';
import { migrate } from '../migrations.ts';
import type { BusEvent, EventBus, EventHandler } from './event-bus.ts';
import type { SqlDatabase } from './sql.ts';

/** An event bus adapter on a database, as the suite drives it. */
interface BusAdapterUnderTest {
  name: string;
  open(): Promise<TestDatabase>;
  /** A new bus on `db`, as a (re)started process would create it. */
  create(db: SqlDatabase, clock: ManualClock, retry: { baseDelayMs: number; factor: number; maxAttempts: number }, leaseMs: number): EventBus;
}

const busAdapters: BusAdapterUnderTest[] = sqlAdapters().map((sql) => ({
  name: `outbox on ${sql.name}`,
  available: sql.available,
  skipReason: sql.skipReason,
  open: sql.open,
  create: (db, clock, retry, leaseMs) =>
    new OutboxEventBus({ db, clock, leaseMs, pollIntervalMs: 20, retry: { ...retry, jitter: 0 } } satisfies OutboxEventBusOptions),
}));

const RETRY = { baseDelayMs: 1_000, factor: 2, maxAttempts: 3 };
const LEASE_MS = 30_000;

/** A handler that records what it receives, and fails while `failures` is positive. */
function recorder(failures = 0): EventHandler & { events: BusEvent[]; failures: number } {
  const handler = Object.assign(
    async (event: BusEvent) => {
      handler.events.push(event);
      if (handler.failures > 0) {
        handler.failures -= 1;
        throw new Error(`handler refused ${event.type}`);
      }
    },
    { events: [] as BusEvent[], failures },
  );
  return handler;
}

describeEachAdapter('EventBus contract', busAdapters, (adapter) => {
  let t: TestDatabase;
  let clock: ManualClock;
  let buses: EventBus[] = [];
  let n = 0;
  // Tests share one database; each uses its own event types and subscription names.
  let ns: string;

  const newBus = (leaseMs = LEASE_MS): EventBus => {
    const bus = adapter.create(t.db, clock, RETRY, leaseMs);
    buses.push(bus);
    return bus;
  };

  beforeAll(async () => {
    t = await adapter.open();
    await migrate(t.db, eventBusMigrations);
  });
  afterAll(() => t.dispose());
  beforeEach(() => {
    clock = new ManualClock('2026-03-01T08:00:00.000Z');
    ns = `t${++n}`;
  });
  afterEach(async () => {
    await Promise.all(buses.map((b) => b.stop()));
    buses = [];
  });

  it('delivers a published event to a matching subscription, with the fields it was stored with', async () => {
    const bus = newBus();
    const seen = recorder();
    await bus.subscribe(`${ns}.audit`, `${ns}.vehicle.created`, seen);
    const event = await bus.publish({ type: `${ns}.vehicle.created`, source: 'vehicles', subject: 'v-1', data: { plate: 'AB-123-CD', km: 42, tags: ['a'] } });
    expect(event).toEqual({
      id: expect.any(String),
      type: `${ns}.vehicle.created`,
      source: 'vehicles',
      subject: 'v-1',
      data: { plate: 'AB-123-CD', km: 42, tags: ['a'] },
      occurredAt: clock.now(),
    });
    expect(await bus.drain()).toBe(1);
    expect(seen.events).toEqual([event]);
    expect(await bus.drain()).toBe(0);
  });

  it('routes by exact type, by prefix with *, and * alone', async () => {
    const bus = newBus();
    const exact = recorder();
    const prefix = recorder();
    const all = recorder();
    const other = recorder();
    await bus.subscribe(`${ns}.exact`, `${ns}.vehicle.created`, exact);
    await bus.subscribe(`${ns}.prefix`, `${ns}.vehicle.*`, prefix);
    await bus.subscribe(`${ns}.all`, '*', all);
    await bus.subscribe(`${ns}.other`, `${ns}.booking.*`, other);
    await bus.publish({ type: `${ns}.vehicle.created`, source: 'vehicles', data: 1 });
    await bus.publish({ type: `${ns}.vehicle.deleted`, source: 'vehicles', data: 2 });
    await bus.publish({ type: `${ns}.vehiclex`, source: 'vehicles', data: 3 });
    await bus.drain();
    const types = (h: { events: BusEvent[] }) => h.events.map((e) => e.type).sort();
    expect(types(exact)).toEqual([`${ns}.vehicle.created`]);
    expect(types(prefix)).toEqual([`${ns}.vehicle.created`, `${ns}.vehicle.deleted`]);
    expect(types(all)).toEqual([`${ns}.vehicle.created`, `${ns}.vehicle.deleted`, `${ns}.vehiclex`]);
    expect(other.events).toEqual([]);
  });

  it('delivers an event published in a transaction only when that transaction commits', async () => {
    const bus = newBus();
    const seen = recorder();
    await bus.subscribe(`${ns}.sub`, `${ns}.*`, seen);
    await t.db.exec(`CREATE TABLE ${ns}_vehicles (id text PRIMARY KEY)`);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${ns}_vehicles VALUES ('rolled-back')`);
        await bus.publish({ type: `${ns}.created`, source: 'vehicles', data: { id: 'rolled-back' } }, tx);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const committed = await t.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${ns}_vehicles VALUES ('kept')`);
      return bus.publish({ type: `${ns}.created`, source: 'vehicles', data: { id: 'kept' } }, tx);
    });
    await bus.drain();
    expect(seen.events).toEqual([committed]);
  });

  it('gives each subscription its own copy, retried on its own', async () => {
    const bus = newBus();
    const ok = recorder();
    const flaky = recorder(1);
    await bus.subscribe(`${ns}.ok`, `${ns}.ping`, ok);
    await bus.subscribe(`${ns}.flaky`, `${ns}.ping`, flaky);
    await bus.publish({ type: `${ns}.ping`, source: 'test', data: null });
    await bus.drain();
    clock.advance(RETRY.baseDelayMs);
    await bus.drain();
    expect(ok.events).toHaveLength(1);
    expect(flaky.events).toHaveLength(2);
  });

  it('retries a failed delivery with exponential backoff on the clock', async () => {
    const bus = newBus();
    const seen = recorder(2);
    await bus.subscribe(`${ns}.sub`, `${ns}.ping`, seen);
    await bus.publish({ type: `${ns}.ping`, source: 'test', data: {} });
    await bus.drain();
    expect(seen.events).toHaveLength(1);
    clock.advance(RETRY.baseDelayMs - 1);
    expect(await bus.drain()).toBe(0);
    clock.advance(1);
    expect(await bus.drain()).toBe(1);
    expect(seen.events).toHaveLength(2);
    clock.advance(RETRY.baseDelayMs * RETRY.factor - 1);
    expect(await bus.drain()).toBe(0);
    clock.advance(1);
    expect(await bus.drain()).toBe(1);
    expect(seen.events).toHaveLength(3);
    clock.advance(3_600_000);
    expect(await bus.drain()).toBe(0);
  });

  it('turns a delivery into a dead letter after the last attempt, with its last error', async () => {
    const bus = newBus();
    const seen = recorder(Infinity);
    await bus.subscribe(`${ns}.sub`, `${ns}.ping`, seen);
    const event = await bus.publish({ type: `${ns}.ping`, source: 'test', subject: 's', data: { n: 1 } });
    for (let i = 0; i < RETRY.maxAttempts; i++) {
      await bus.drain();
      clock.advance(60_000);
    }
    expect(seen.events).toHaveLength(RETRY.maxAttempts);
    expect(await bus.drain()).toBe(0);
    const mine = (await bus.listDeadLetters({ limit: 200 })).items.filter((d) => d.subscription === `${ns}.sub`);
    expect(mine).toEqual([
      {
        id: expect.any(String),
        event,
        subscription: `${ns}.sub`,
        attempts: RETRY.maxAttempts,
        lastError: `Error: handler refused ${ns}.ping`,
        failedAt: new Date(clock.now().getTime() - 60_000),
      },
    ]);
  });

  it('replays a dead letter with its attempts reset, and refuses unknown ids', async () => {
    const bus = newBus();
    const seen = recorder(RETRY.maxAttempts);
    await bus.subscribe(`${ns}.sub`, `${ns}.ping`, seen);
    await bus.publish({ type: `${ns}.ping`, source: 'test', data: {} });
    for (let i = 0; i < RETRY.maxAttempts; i++) {
      await bus.drain();
      clock.advance(60_000);
    }
    const dead = (await bus.listDeadLetters({ limit: 200 })).items.find((d) => d.subscription === `${ns}.sub`)!;
    await bus.replayDeadLetter(dead.id);
    expect((await bus.listDeadLetters({ limit: 200 })).items.map((d) => d.id)).not.toContain(dead.id);
    expect(await bus.drain()).toBe(1);
    expect(seen.events).toHaveLength(RETRY.maxAttempts + 1);
    for (const id of [dead.id, '0195f0d2-0000-7000-8000-000000000000', 'not-an-id']) {
      await expect(bus.replayDeadLetter(id)).rejects.toMatchObject({ status: 404, code: 'DEAD_LETTER_NOT_FOUND' });
    }
  });

  it('lists dead letters page by page, most recent failure first', async () => {
    const bus = newBus();
    await bus.subscribe(`${ns}.sub`, `${ns}.ping`, recorder(Infinity));
    for (let i = 0; i < 5; i++) await bus.publish({ type: `${ns}.ping`, source: 'test', data: i });
    for (let i = 0; i < RETRY.maxAttempts; i++) {
      await bus.drain();
      clock.advance(60_000);
    }
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await bus.listDeadLetters({ limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
      for (let i = 1; i < page.items.length; i++) expect(page.items[i - 1]!.failedAt >= page.items[i]!.failedAt).toBe(true);
    } while (cursor);
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(ids.length);
    const all = (await bus.listDeadLetters({ limit: 200 })).items;
    expect(ids).toEqual(all.map((d) => d.id));
    expect(all.filter((d) => d.subscription === `${ns}.sub`)).toHaveLength(5);
    await expect(bus.listDeadLetters({ cursor: 'not a cursor' })).rejects.toMatchObject({ status: 400, code: 'CURSOR_INVALID' });
  });

  it('keeps a claimed delivery from others until its lease expires, then retries it', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const dying = newBus();
    const dyingCalls: BusEvent[] = [];
    await dying.subscribe(`${ns}.sub`, `${ns}.ping`, async (e) => {
      dyingCalls.push(e);
      await stuck;
    });
    const event = await dying.publish({ type: `${ns}.ping`, source: 'test', data: {} });
    const inFlight = dying.runOnce();
    await expect.poll(() => dyingCalls.length, { timeout: 10_000 }).toBe(1);

    const survivor = newBus();
    const seen = recorder();
    await survivor.subscribe(`${ns}.sub`, `${ns}.ping`, seen);
    expect(await survivor.drain()).toBe(0);
    clock.advance(LEASE_MS);
    expect(await survivor.drain()).toBe(1);
    expect(seen.events).toEqual([event]);
    release();
    await inFlight;
  });

  it('keeps the retry of a delivery taken over after its lease, even when the first process then succeeds', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const paused = newBus();
    let pausedCalls = 0;
    await paused.subscribe(`${ns}.sub`, `${ns}.ping`, async () => {
      pausedCalls += 1;
      await stuck;
    });
    await paused.publish({ type: `${ns}.ping`, source: 'test', data: {} });
    const inFlight = paused.runOnce();
    await expect.poll(() => pausedCalls, { timeout: 10_000 }).toBe(1);

    const survivor = newBus();
    const seen = recorder(1);
    await survivor.subscribe(`${ns}.sub`, `${ns}.ping`, seen);
    clock.advance(LEASE_MS);
    expect(await survivor.drain()).toBe(1); // fails: a retry is scheduled
    release();
    await inFlight; // the paused process's late success must not mark the delivery done
    clock.advance(RETRY.baseDelayMs * RETRY.factor); // the survivor's attempt was the second
    expect(await survivor.drain()).toBe(1);
    expect(seen.events).toHaveLength(2);
  });

  it('shares the work between buses on one database without delivering anything twice', async () => {
    const [a, b] = [newBus(), newBus()];
    const [seenA, seenB] = [recorder(), recorder()];
    await a.subscribe(`${ns}.sub`, `${ns}.ping`, seenA);
    await b.subscribe(`${ns}.sub`, `${ns}.ping`, seenB);
    const published = await Promise.all(Array.from({ length: 30 }, (_, i) => a.publish({ type: `${ns}.ping`, source: 'test', data: i })));
    await Promise.all([a.drain(), b.drain()]);
    const delivered = [...seenA.events, ...seenB.events].map((e) => e.id).sort();
    expect(delivered).toEqual(published.map((e) => e.id).sort());
  });

  it('keeps events for a subscription while no process runs it, across a restart', async () => {
    const first = newBus();
    await first.subscribe(`${ns}.sub`, `${ns}.ping`, recorder());
    await first.stop();
    const published = await newBus().publish({ type: `${ns}.ping`, source: 'test', data: 'while down' });
    await newBus().drain();
    t = await t.reopen();
    const restarted = newBus();
    const seen = recorder();
    await restarted.subscribe(`${ns}.sub`, `${ns}.ping`, seen);
    await restarted.drain();
    expect(seen.events).toEqual([published]);
  });

  it('dispatches in the background once started, and stop() waits for the handler in flight', async () => {
    const bus = newBus();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await bus.subscribe(`${ns}.sub`, `${ns}.ping`, async () => {
      order.push('handler started');
      await gate;
      order.push('handler finished');
    });
    await bus.start();
    await bus.publish({ type: `${ns}.ping`, source: 'test', data: {} });
    await expect.poll(() => order, { timeout: 10_000 }).toEqual(['handler started']);
    const stopped = bus.stop().then(() => order.push('stopped'));
    release();
    await stopped;
    expect(order).toEqual(['handler started', 'handler finished', 'stopped']);
  });

  it('refuses malformed events and subscriptions', async () => {
    const bus = newBus();
    await expect(bus.publish({ type: 'has space', source: 'test', data: {} })).rejects.toMatchObject({ status: 400, code: 'EVENT_INVALID' });
    await expect(bus.publish({ type: `${ns}.x*`, source: 'test', data: {} })).rejects.toMatchObject({ code: 'EVENT_INVALID' });
    await expect(bus.publish({ type: `${ns}.x`, source: '', data: {} })).rejects.toMatchObject({ code: 'EVENT_INVALID' });
    await expect(bus.publish({ type: `${ns}.big`, source: 'test', data: 'x'.repeat(300 * 1024) })).rejects.toMatchObject({ code: 'EVENT_INVALID' });
    await expect(bus.subscribe(`${ns}.sub`, 'vehicle.*.created', recorder())).rejects.toMatchObject({ status: 400, code: 'SUBSCRIPTION_INVALID' });
    await expect(bus.subscribe('bad name', 'vehicle.*', recorder())).rejects.toMatchObject({ code: 'SUBSCRIPTION_INVALID' });
    await bus.subscribe(`${ns}.sub`, '*', recorder());
    await expect(bus.subscribe(`${ns}.sub`, '*', recorder())).rejects.toMatchObject({ status: 409, code: 'SUBSCRIPTION_EXISTS' });
  });
});
