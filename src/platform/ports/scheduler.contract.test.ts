import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { sqlAdapters, type TestDatabase } from '../../../test/support/databases.ts';
import { eventBusMigrations, OutboxEventBus } from '../adapters/local/outbox-event-bus.ts';
import { schedulerMigrations, SqlScheduler } from '../adapters/local/sql-scheduler.ts';
import { ManualClock } from '../clock.ts';
import { migrate } from '../migrations.ts';
import type { BusEvent, EventBus } from './event-bus.ts';
import type { Scheduler } from './scheduler.ts';
import type { SqlDatabase } from './sql.ts';

/** A scheduler adapter with the event bus it publishes on, as a (re)started process creates them. */
interface SchedulerAdapterUnderTest {
  name: string;
  open(): Promise<TestDatabase>;
  create(db: SqlDatabase, clock: ManualClock): { scheduler: Scheduler; bus: EventBus };
}

const schedulerAdapters: SchedulerAdapterUnderTest[] = sqlAdapters().map((sql) => ({
  name: `timers table on ${sql.name}`,
  available: sql.available,
  skipReason: sql.skipReason,
  open: sql.open,
  create: (db, clock) => {
    const bus = new OutboxEventBus({ db, clock, pollIntervalMs: 20 });
    return { bus, scheduler: new SqlScheduler({ db, bus, clock, pollIntervalMs: 20 }) };
  },
}));

const MINUTE = 60_000;

describeEachAdapter('Scheduler contract', schedulerAdapters, (adapter) => {
  let t: TestDatabase;
  let clock: ManualClock;
  let running: { scheduler: Scheduler; bus: EventBus }[] = [];
  let n = 0;
  // Tests share one database; each uses its own event types, and asserts on those only.
  let ns: string;

  /** A scheduler and its bus, with a subscription recording this test's fired events. */
  const open = async () => {
    const pair = adapter.create(t.db, clock);
    running.push(pair);
    const fired: BusEvent[] = [];
    await pair.bus.subscribe(`${ns}.fired`, `${ns}.*`, async (e) => {
      fired.push(e);
    });
    const fire = async () => {
      await pair.scheduler.runOnce();
      await pair.bus.drain();
      return fired;
    };
    return { ...pair, fired, fire };
  };

  beforeAll(async () => {
    t = await adapter.open();
    await migrate(t.db, [...eventBusMigrations, ...schedulerMigrations]);
  });
  afterAll(() => t.dispose());
  beforeEach(() => {
    clock = new ManualClock('2026-03-01T08:00:00.000Z');
    ns = `t${++n}`;
  });
  afterEach(async () => {
    for (const { scheduler, bus } of running) {
      await scheduler.stop();
      await bus.stop();
    }
    running = [];
  });

  it('publishes the event once, when the clock reaches the timer', async () => {
    const { scheduler, fired, fire } = await open();
    const at = new Date(clock.now().getTime() + 10 * MINUTE);
    const timer = await scheduler.schedule({ type: `${ns}.reminder`, data: { bookingId: 'b-1' }, at });
    expect(timer).toEqual({
      id: expect.any(String),
      type: `${ns}.reminder`,
      data: { bookingId: 'b-1' },
      at,
      key: null,
      status: 'scheduled',
      firedAt: null,
      eventId: null,
    });
    expect(await scheduler.get(timer.id)).toEqual(timer);

    clock.advance(10 * MINUTE - 1);
    expect(await fire()).toEqual([]);
    clock.advance(1);
    await fire();
    expect(fired).toEqual([
      { id: expect.any(String), type: `${ns}.reminder`, source: 'scheduler', subject: timer.id, data: { bookingId: 'b-1' }, occurredAt: at },
    ]);
    expect(await scheduler.get(timer.id)).toEqual({ ...timer, status: 'fired', firedAt: at, eventId: fired[0]!.id });
    clock.advance(MINUTE);
    expect(await fire()).toHaveLength(1);
  });

  it('returns the same timer when scheduled again with the same key, and fires it once', async () => {
    const { scheduler, fire } = await open();
    const at = new Date(clock.now().getTime() + MINUTE);
    const first = await scheduler.schedule({ type: `${ns}.reminder`, data: 1, at, key: `${ns}:booking-1` });
    const again = await scheduler.schedule({ type: `${ns}.reminder`, data: 2, at: new Date(at.getTime() + MINUTE), key: `${ns}:booking-1` });
    expect(again).toEqual(first);
    expect(first.key).toBe(`${ns}:booking-1`);
    clock.advance(5 * MINUTE);
    expect((await fire()).map((e) => e.data)).toEqual([1]);
  });

  it('cancels a scheduled timer, which then never fires', async () => {
    const { scheduler, fire } = await open();
    const timer = await scheduler.schedule({ type: `${ns}.reminder`, data: {}, at: new Date(clock.now().getTime() + MINUTE) });
    expect(await scheduler.cancel(timer.id)).toBe(true);
    expect(await scheduler.cancel(timer.id)).toBe(false);
    expect((await scheduler.get(timer.id))?.status).toBe('cancelled');
    clock.advance(5 * MINUTE);
    expect(await fire()).toEqual([]);
    expect(await scheduler.cancel('0195f0d2-0000-7000-8000-000000000000')).toBe(false);
    expect(await scheduler.cancel('not-an-id')).toBe(false);
  });

  it('does not cancel a timer that has fired', async () => {
    const { scheduler, fire } = await open();
    const timer = await scheduler.schedule({ type: `${ns}.reminder`, data: {}, at: clock.now() });
    expect(await fire()).toHaveLength(1);
    expect(await scheduler.cancel(timer.id)).toBe(false);
    expect((await scheduler.get(timer.id))?.status).toBe('fired');
  });

  it('moves a timer with reschedule, and refuses unknown, fired and cancelled timers', async () => {
    const { scheduler, fire } = await open();
    const at = new Date(clock.now().getTime() + MINUTE);
    const timer = await scheduler.schedule({ type: `${ns}.reminder`, data: {}, at });
    const later = new Date(at.getTime() + 10 * MINUTE);
    expect(await scheduler.reschedule(timer.id, later)).toEqual({ ...timer, at: later });
    clock.set(at);
    expect(await fire()).toEqual([]);
    clock.set(later);
    expect(await fire()).toHaveLength(1);

    await expect(scheduler.reschedule(timer.id, later)).rejects.toMatchObject({ status: 409, code: 'TIMER_ALREADY_FIRED' });
    await expect(scheduler.reschedule('0195f0d2-0000-7000-8000-000000000000', later)).rejects.toMatchObject({ status: 404, code: 'TIMER_NOT_FOUND' });
    await expect(scheduler.reschedule('not-an-id', later)).rejects.toMatchObject({ status: 404, code: 'TIMER_NOT_FOUND' });
    const cancelled = await scheduler.schedule({ type: `${ns}.reminder`, data: {}, at: later });
    await scheduler.cancel(cancelled.id);
    await expect(scheduler.reschedule(cancelled.id, later)).rejects.toMatchObject({ status: 409, code: 'TIMER_CANCELLED' });
  });

  it('creates a timer in a transaction only when that transaction commits', async () => {
    const { scheduler, fire } = await open();
    const at = clock.now();
    let rolledBack = '';
    await expect(
      t.db.transaction(async (tx) => {
        rolledBack = (await scheduler.schedule({ type: `${ns}.reminder`, data: 'rolled back', at }, tx)).id;
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await t.db.transaction((tx) => scheduler.schedule({ type: `${ns}.reminder`, data: 'kept', at }, tx));
    expect(await scheduler.get(rolledBack)).toBeUndefined();
    expect((await fire()).map((e) => e.data)).toEqual(['kept']);
  });

  it('keeps timers across a restart and fires the late ones once started', async () => {
    const before = await open();
    const timer = await before.scheduler.schedule({ type: `${ns}.reminder`, data: { late: true }, at: new Date(clock.now().getTime() + MINUTE) });
    t = await t.reopen();
    clock.advance(60 * MINUTE);
    const after = await open();
    await after.bus.start();
    await after.scheduler.start();
    await expect.poll(() => after.fired.length, { timeout: 10_000 }).toBe(1);
    expect(after.fired[0]).toMatchObject({ subject: timer.id, data: { late: true } });
    expect((await after.scheduler.get(timer.id))?.status).toBe('fired');
  });

  it('fires each due timer once when several schedulers poll one database', async () => {
    const first = await open();
    const second = adapter.create(t.db, clock);
    running.push(second);
    const at = clock.now();
    const timers = await Promise.all(Array.from({ length: 20 }, (_, i) => first.scheduler.schedule({ type: `${ns}.reminder`, data: i, at })));
    await Promise.all([first.scheduler.runOnce(), second.scheduler.runOnce()]);
    await first.bus.drain();
    expect(first.fired.map((e) => e.subject).sort()).toEqual(timers.map((timer) => timer.id).sort());
  });

  it('refuses invalid timers', async () => {
    const { scheduler } = await open();
    const at = clock.now();
    await expect(scheduler.schedule({ type: 'has space', data: {}, at })).rejects.toMatchObject({ status: 400, code: 'TIMER_INVALID' });
    await expect(scheduler.schedule({ type: `${ns}.x`, data: {}, at: new Date('nope') })).rejects.toMatchObject({ code: 'TIMER_INVALID' });
    await expect(scheduler.schedule({ type: `${ns}.x`, data: {}, at, key: '' })).rejects.toMatchObject({ code: 'TIMER_INVALID' });
  });
});
