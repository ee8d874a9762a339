import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sqlAdapters, type TestDatabase } from '../../../test/support/databases.ts';
import { notificationMigrations, OutboxNotifier, type NotificationTransport } from '../adapters/local/outbox-notifier.ts';
import { ManualClock } from '../clock.ts';
import { silentLogger } from '../logger.ts';
import { migrate } from '../migrations.ts';
import type { Notification, NotificationInput } from './notifications.ts';

/** A transport that records deliveries and fails while `failuresLeft` > 0. */
class RecordingTransport implements NotificationTransport {
  readonly name = 'recording';
  delivered: Notification[] = [];
  failuresLeft = 0;
  async deliver(n: Notification) {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('mailbox unavailable');
    }
    this.delivered.push(n);
  }
}

const email = (userId: string, extra: Partial<NotificationInput> = {}): NotificationInput => ({
  recipient: { userId, email: `${userId}@example.com` },
  channel: 'email',
  subject: 'Booking confirmed',
  body: 'Your booking on 3 March at 9:00 is confirmed.',
  ...extra,
});

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code?: string; status?: number },
  );

describeEachAdapter('Notifications contract', sqlAdapters(), (adapter) => {
  let t: TestDatabase;
  let clock: ManualClock;
  let transport: RecordingTransport;
  let notifier: OutboxNotifier;

  beforeAll(async () => {
    t = await adapter.open();
    await migrate(t.db, notificationMigrations);
  });
  afterAll(() => t.dispose());
  beforeEach(async () => {
    await t.db.query('DELETE FROM notifications');
    clock = new ManualClock('2026-03-01T08:00:00Z');
    transport = new RecordingTransport();
    notifier = new OutboxNotifier({
      db: t.db,
      clock,
      logger: silentLogger(),
      transports: { email: transport },
      retry: { maxAttempts: 3, baseDelayMs: 1000, jitter: 0 },
    });
  });

  it('queues a notification as pending and delivers it on the next pass', async () => {
    const { id, status } = await notifier.send(email('u1', { template: 'booking-confirmed', data: { at: '09:00' } }));
    expect(status).toBe('pending');
    expect(await notifier.runOnce()).toBe(1);
    expect(transport.delivered.map((n) => n.id)).toEqual([id]);
    expect(await notifier.get(id)).toMatchObject({
      recipient: { userId: 'u1', email: 'u1@example.com' },
      subject: 'Booking confirmed',
      template: 'booking-confirmed',
      data: { at: '09:00' },
      status: 'sent',
      attempts: 1,
      sentAt: clock.now(),
    });
    expect(await notifier.runOnce()).toBe(0);
  });

  it('writes in the caller transaction: nothing is sent when the business data rolls back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await notifier.send(email('u2'), tx);
        throw new Error('booking rejected');
      }),
    ).rejects.toThrow('booking rejected');
    const committed = await t.db.transaction((tx) => notifier.send(email('u3'), tx));
    await notifier.runOnce();
    expect(transport.delivered.map((n) => n.id)).toEqual([committed.id]);
  });

  it('retries a failed delivery with backoff, then marks it failed with the last error', async () => {
    transport.failuresLeft = 1;
    const retried = await notifier.send(email('u4'));
    await notifier.runOnce();
    expect(await notifier.get(retried.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'mailbox unavailable' });
    expect(await notifier.runOnce()).toBe(0); // not due before the backoff delay
    clock.advance(1000);
    await notifier.runOnce();
    expect(await notifier.get(retried.id)).toMatchObject({ status: 'sent', lastError: null, attempts: 2 });

    transport.failuresLeft = 10;
    const doomed = await notifier.send(email('u5'));
    for (let i = 0; i < 5; i++) {
      await notifier.runOnce();
      clock.advance(60_000);
    }
    expect(await notifier.get(doomed.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'mailbox unavailable' });
  });

  it('rejects a notification without the address its channel needs', async () => {
    expect(await errorOf(notifier.send({ recipient: { userId: 'u' }, channel: 'email', body: 'hi' }))).toMatchObject({
      code: 'NOTIFICATION_INVALID',
      status: 400,
    });
    expect(await errorOf(notifier.send({ recipient: { email: 'a@b.fr' }, channel: 'sms', body: 'hi' }))).toMatchObject({ code: 'NOTIFICATION_INVALID' });
    expect(await errorOf(notifier.send({ recipient: { userId: 'u' }, channel: 'push', body: ' ' }))).toMatchObject({ code: 'NOTIFICATION_INVALID' });
    expect(await errorOf(notifier.send({ recipient: { email: 'not-an-address' }, channel: 'email', body: 'x' }))).toMatchObject({
      code: 'NOTIFICATION_INVALID',
    });
  });

  it('delivers sms and push through the log transport by default', async () => {
    const sms = await notifier.send({ recipient: { userId: 'u6', phone: '+33612345678' }, channel: 'sms', body: 'Code 123456' });
    const push = await notifier.send({ recipient: { userId: 'u6' }, channel: 'push', subject: 'Reminder', body: 'Tomorrow 9:00' });
    await notifier.runOnce();
    expect((await notifier.get(sms.id))?.status).toBe('sent');
    expect((await notifier.get(push.id))?.status).toBe('sent');
    expect(await notifier.get('missing')).toBeNull();
  });

  it("lists a user's inbox newest first with cursor pagination", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      ids.push((await notifier.send(email('inbox', { body: `message ${i}` }))).id);
    }
    await notifier.send(email('someone-else'));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await notifier.list({ userId: 'inbox', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await notifier.list()).items).toHaveLength(6);
  });

  it('answers any garbage cursor with CURSOR_INVALID, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (cursor) => {
        const err = await errorOf(notifier.list({ cursor }));
        if (err) expect(err).toMatchObject({ code: 'CURSOR_INVALID', status: 400 });
      }),
      { numRuns: 40 },
    );
  });

  it('sends each notification once when two processes dispatch from one database', async () => {
    const other = new RecordingTransport();
    const processes = [transport, other].map((tr) => new OutboxNotifier({ db: t.db, clock, logger: silentLogger(), transports: { email: tr }, batchSize: 3 }));
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await notifier.send(email(`many-${i}`))).id);
    const drain = async (p: OutboxNotifier) => {
      while ((await p.runOnce()) > 0);
    };
    await Promise.all(processes.map(drain));
    const sent = [...transport.delivered, ...other.delivered].map((n) => n.id);
    expect(sent.toSorted()).toEqual(ids.toSorted());
  });

  it('lets another process retry a notification whose lease ran out, and a late failure does not undo its success', async () => {
    let failStuck!: (err: Error) => void;
    const stuck: NotificationTransport = { name: 'stuck', deliver: () => new Promise((_resolve, reject) => (failStuck = reject)) };
    const crashed = new OutboxNotifier({ db: t.db, clock, logger: silentLogger(), transports: { email: stuck }, leaseMs: 60_000 });
    const { id } = await notifier.send(email('lease'));
    const stuckPass = crashed.runOnce();
    while (!failStuck) await new Promise((r) => setTimeout(r, 2));
    expect(await notifier.runOnce()).toBe(0); // still leased to the stuck process
    clock.advance(60_000);
    expect(await notifier.runOnce()).toBe(1);
    failStuck(new Error('connection reset'));
    await stuckPass;
    expect(await notifier.get(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(transport.delivered.map((n) => n.id)).toEqual([id]);
  });

  it('dispatches in the background between start and stop', async () => {
    const background = new OutboxNotifier({ db: t.db, clock, logger: silentLogger(), transports: { email: transport }, pollIntervalMs: 5 });
    await background.start();
    const { id } = await background.send(email('bg'));
    while ((await background.get(id))?.status !== 'sent') await new Promise((r) => setTimeout(r, 5));
    await background.stop();
    expect(transport.delivered.map((n) => n.id)).toEqual([id]);
  });
});
