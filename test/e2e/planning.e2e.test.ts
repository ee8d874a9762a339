import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../src/platform/adapters/postgres/postgres-database.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type Account = Awaited<ReturnType<typeof signInAs>>;
const PARIS = { lat: 48.8566, lon: 2.3522 };
const WEEKDAYS = { mon: [['08:00', '12:00'], ['14:00', '18:00']], tue: [['08:00', '12:00'], ['14:00', '18:00']], wed: [['08:00', '12:00']], thu: [['08:00', '12:00']], fri: [['08:00', '12:00']] };

const profile = (extra: Record<string, unknown> = {}) => ({
  name: 'Garage du Centre',
  location: { ...PARIS, address: '1 rue de Rivoli, 75001 Paris' },
  services: [{ code: 'vidange', durationMin: 60, priceEur: 89 }, { code: 'freins', durationMin: 90 }],
  capacity: 2,
  openingHours: { ...WEEKDAYS, sun: [['01:00', '04:00']] },
  closures: [{ from: '2026-04-01', to: '2026-04-01' }],
  ...extra,
});

describe('planning: profile → slots → booking → actions → reminders, through the real runtime', () => {
  let s: TestServer;
  let pro: Account;
  let owner: Account;
  let other: Account;
  const clock = new ManualClock('2026-03-20T09:00:00Z'); // a Friday; the spring change is Sunday 29 March

  const slots = async (query: string, who = owner) => s.call('GET', `/v1/planning/slots?service=vidange&lat=${PARIS.lat}&lon=${PARIS.lon}&${query}`, { token: who.token });
  const book = (who: Account, body: Record<string, unknown>, key?: string) =>
    s.call('POST', '/v1/planning/appointments', { token: who.token, body: { proId: pro.orgId, service: 'vidange', ...body }, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });
  const act = (who: Account, id: string, action: string, body?: unknown) => s.call('POST', `/v1/planning/appointments/${id}/${action}`, { token: who.token, ...(body ? { body } : {}) });
  const timersOf = async (id: string) => {
    const { rows } = await s.platform.db.query<{ reminder_timers: { id: string; kind: string; at: string }[] }>('SELECT reminder_timers FROM planning_appointments WHERE id = $1', [id]);
    return rows[0]!.reminder_timers;
  };
  /** The reminders the booking workflow set once the appointment is confirmed (just after the change). */
  const remindersOf = async (id: string, count = 2, who = pro) => {
    let reminders: { kind: string; at: string }[] = [];
    await eventually(async () => {
      reminders = (await s.call('GET', `/v1/planning/appointments/${id}`, { token: who.token })).body.reminders;
      return reminders.length === count;
    });
    return reminders;
  };
  const inboxKinds = async (who: Account) => ((await s.call('GET', '/v1/notifications?limit=100', { token: who.token })).body.items as { kind: string }[]).map((n) => n.kind);
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await check()).toBe(true);
  };

  beforeAll(async () => {
    s = await startTestServer({ clock });
    [pro, owner, other] = await Promise.all([signInAs(s, 'verified-pro'), signInAs(s, 'owner'), signInAs(s, 'owner')]);
    const saved = await s.call('PUT', '/v1/pro/profile', { token: pro.token, body: profile() });
    expect(saved.status).toBe(200);
  });
  afterAll(() => s?.dispose());

  it('saves a profile, refuses bad hours with a stable code, and keeps unverified pros out', async () => {
    const got = await s.call('GET', '/v1/pro/profile', { token: pro.token });
    expect(got.body).toMatchObject({ proId: pro.orgId, capacity: 2, timezone: 'Europe/Paris', services: [{ code: 'vidange', plannedDurationMin: 60, durationSource: 'declared' }, { code: 'freins' }] });
    const bad = await s.call('PUT', '/v1/pro/profile', { token: pro.token, body: profile({ openingHours: { mon: [['12:00', '08:00']] } }) });
    expect([bad.status, bad.body.code]).toEqual([400, 'OPENING_HOURS_INVALID']);
    expect((await s.call('PUT', '/v1/pro/profile', { token: pro.token, body: profile({ capacity: 0 }) })).body.code).toBe('CAPACITY_INVALID');
    const unverified = await signInAs(s, 'pro');
    expect((await s.call('PUT', '/v1/pro/profile', { token: unverified.token, body: profile() })).status).toBe(403);
    expect((await slots('from=2026-03-23T06:00:00Z&days=1&urgency=urgent')).body.code).toBe('VALIDATION_FAILED');
  });

  it('offers the earliest slots with distance and score, books one (idempotently), and answers 409 SLOT_TAKEN when full', async () => {
    const list = await slots('from=2026-03-23T06:00:00Z&days=1');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ proId: pro.orgId, proName: 'Garage du Centre', start: '2026-03-23T07:00:00.000Z', end: '2026-03-23T08:00:00.000Z', priceEur: 89, urgency: 'medium' });
    expect(list.body.items[0].distanceKm).toBeLessThan(0.1);

    const first = await book(owner, { start: '2026-03-23T07:00:00Z', notes: 'Bruit au freinage' }, 'book-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'requested', analysisId: null, notes: 'Bruit au freinage' });
    const replay = await book(owner, { start: '2026-03-23T07:00:00Z', notes: 'Bruit au freinage' }, 'book-1');
    expect([replay.body.id, replay.headers.get('idempotent-replayed')]).toEqual([first.body.id, 'true']);
    expect((await book(other, { start: '2026-03-23T07:00:00Z' })).status).toBe(201);
    const full = await book(other, { start: '2026-03-23T07:00:00Z' });
    expect([full.status, full.body.code]).toEqual([409, 'SLOT_TAKEN']);
    expect((await slots('from=2026-03-23T06:00:00Z&days=1')).body.items[0].start).toBe('2026-03-23T08:00:00.000Z');
    expect((await book(other, { start: '2026-03-23T07:05:00Z' })).body.code).toBe('SLOT_UNAVAILABLE');
    expect((await book(other, { start: '2026-03-19T07:00:00Z' })).body.code).toBe('SLOT_IN_PAST');
    expect((await book(other, { start: '2026-04-01T07:00:00Z' })).body.code).toBe('SLOT_UNAVAILABLE'); // the closure
  });

  it('gives exactly 2 bookings when 50 owners race for the last slot of a capacity-2 garage', async () => {
    const racer = await signInAs(s, 'verified-pro');
    await s.call('PUT', '/v1/pro/profile', { token: racer.token, body: profile({ name: 'Garage Unique', openingHours: { tue: [['08:00', '09:00']] } }) });
    const start = '2026-03-24T07:00:00Z';
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => s.call('POST', '/v1/planning/appointments', { token: (i % 2 ? owner : other).token, body: { proId: racer.orgId, service: 'vidange', start } })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'SLOT_TAKEN')).toHaveLength(48);
    const { rows } = await s.platform.db.query<{ n: number }>("SELECT count(*)::int AS n FROM planning_appointments WHERE org_id = $1 AND status = 'requested'", [racer.orgId]);
    expect(rows[0]!.n).toBe(2);
  });

  it('holds a slot for a few minutes: others get 409, the holder books it, and a lapsed hold frees it', async () => {
    const start = '2026-03-25T08:00:00Z';
    const onePro = await signInAs(s, 'verified-pro');
    await s.call('PUT', '/v1/pro/profile', { token: onePro.token, body: profile({ name: 'Atelier Solo', capacity: 1 }) });
    const hold = await s.call('POST', '/v1/planning/holds', { token: owner.token, body: { proId: onePro.orgId, service: 'vidange', start } });
    expect([hold.status, hold.body.status, hold.body.holdExpiresAt]).toEqual([201, 'held', '2026-03-20T09:05:00.000Z']);
    const blocked = await s.call('POST', '/v1/planning/appointments', { token: other.token, body: { proId: onePro.orgId, service: 'vidange', start } });
    expect(blocked.body.code).toBe('SLOT_TAKEN');
    const booked = await s.call('POST', '/v1/planning/appointments', { token: owner.token, body: { proId: onePro.orgId, service: 'vidange', start } });
    expect([booked.status, booked.body.id, booked.body.status]).toEqual([201, hold.body.id, 'requested']);

    const later = '2026-03-25T09:00:00Z';
    expect((await s.call('POST', '/v1/planning/holds', { token: owner.token, body: { proId: onePro.orgId, service: 'vidange', start: later } })).status).toBe(201);
    clock.advance(6 * 60_000);
    const free = await s.call('POST', '/v1/planning/appointments', { token: other.token, body: { proId: onePro.orgId, service: 'vidange', start: later } });
    clock.advance(-6 * 60_000);
    expect(free.status).toBe(201);
  });

  it('expires a request the professional leaves unanswered (2 h before its slot): the slot is free again, the owner told to pick another, the workflow ends', async () => {
    const solo = await signInAs(s, 'verified-pro');
    await s.call('PUT', '/v1/pro/profile', { token: solo.token, body: profile({ name: 'Garage Lent', capacity: 1, openingHours: { fri: [['08:00', '18:00']] } }) });
    const start = '2026-03-20T14:00:00Z'; // 15:00 in Paris; the answer is due by 12:00Z, before the 24 h window
    const offered = async () => ((await s.call('GET', `/v1/planning/slots?service=vidange&lat=${PARIS.lat}&lon=${PARIS.lon}&from=2026-03-20T14:00:00Z&days=1&limit=50`, { token: owner.token })).body.items as { proId: string; start: string }[]).some((x) => x.proId === solo.orgId && x.start === '2026-03-20T14:00:00.000Z');
    const booked = await s.call('POST', '/v1/planning/appointments', { token: owner.token, body: { proId: solo.orgId, service: 'vidange', start } });
    expect(booked.status).toBe(201);
    expect(await offered()).toBe(false);
    const execution = `planning-${booked.body.id}`;
    const deadline = async () => (await s.platform.db.query<{ at: Date; status: string }>('SELECT at, status FROM scheduler_timers WHERE key = $1', [`planning:${booked.body.id}:0:answer-due`])).rows[0];
    await eventually(async () => (await deadline()) !== undefined);
    expect((await deadline())!.at.toISOString()).toBe('2026-03-20T12:00:00.000Z');

    // Another request, confirmed in time: its wait ends, and its own deadline passing changes nothing.
    const answered = await s.call('POST', '/v1/planning/appointments', { token: other.token, body: { proId: solo.orgId, service: 'vidange', start: '2026-03-20T16:00:00Z' } });
    await eventually(async () => (await s.platform.db.query('SELECT 1 FROM scheduler_timers WHERE key = $1', [`planning:${answered.body.id}:0:answer-due`])).rows.length === 1);
    expect((await act(solo, answered.body.id, 'confirm')).body.status).toBe('confirmed');
    expect(await remindersOf(answered.body.id, 1, solo)).toEqual([{ kind: 'two-hours-before', at: '2026-03-20T14:00:00.000Z' }]);

    const answeredDeadline = async () => (await s.platform.db.query<{ status: string }>('SELECT status FROM scheduler_timers WHERE key = $1', [`planning:${answered.body.id}:0:answer-due`])).rows[0]?.status;
    clock.set('2026-03-20T14:00:30Z'); // past both deadlines (12:00Z and 14:00Z)
    try {
      await eventually(async () => (await s.platform.workflows.describe(execution))?.status === 'SUCCEEDED');
      await eventually(async () => (await answeredDeadline()) === 'fired');
    } finally {
      clock.set('2026-03-20T09:00:00Z');
    }
    const { rows } = await s.platform.db.query<{ status: string }>('SELECT status FROM planning_appointments WHERE id = $1', [booked.body.id]);
    expect(rows[0]!.status).toBe('expired');
    expect((await s.platform.workflows.describe(execution))?.output).toMatchObject({ status: 'expired' });
    expect(await offered()).toBe(true);
    await eventually(async () => (await inboxKinds(owner)).includes('planning.expired') && (await inboxKinds(solo)).includes('planning.expired-pro'));
    const kept = await s.call('GET', `/v1/planning/appointments/${answered.body.id}`, { token: solo.token });
    expect(kept.body.status).toBe('confirmed');
    expect((await s.platform.workflows.describe(`planning-${answered.body.id}`))?.status).toBe('RUNNING');
    // Confirmed, the request no longer waits for an answer: confirming again is refused, and completing ends the workflow.
    expect((await act(solo, answered.body.id, 'confirm')).body.code).toBe('APPOINTMENT_STATE');
    expect((await act(solo, answered.body.id, 'complete', { actualDurationMin: 55 })).body.status).toBe('completed');
    await eventually(async () => (await s.platform.workflows.describe(`planning-${answered.body.id}`))?.status === 'SUCCEEDED');
    await eventually(async () => (await timersOf(answered.body.id)).length === 0);
  });

  it('restarts the wait with a new deadline when the owner reschedules a request, and ends it when the owner cancels', async () => {
    const garage = await signInAs(s, 'verified-pro');
    await s.call('PUT', '/v1/pro/profile', { token: garage.token, body: profile({ name: 'Garage Patient', capacity: 1, openingHours: { fri: [['08:00', '18:00']] } }) });
    const booked = await s.call('POST', '/v1/planning/appointments', { token: owner.token, body: { proId: garage.orgId, service: 'vidange', start: '2026-03-20T14:00:00Z' } });
    const deadlineAt = async (version: number) => (await s.platform.db.query<{ at: Date }>('SELECT at FROM scheduler_timers WHERE key = $1', [`planning:${booked.body.id}:${version}:answer-due`])).rows[0]?.at.toISOString();
    await eventually(async () => (await deadlineAt(0)) === '2026-03-20T12:00:00.000Z');
    expect((await act(owner, booked.body.id, 'reschedule', { start: '2026-03-20T16:00:00Z' })).body.status).toBe('requested');
    await eventually(async () => (await deadlineAt(1)) === '2026-03-20T14:00:00.000Z');
    expect((await s.platform.workflows.describe(`planning-${booked.body.id}`))?.status).toBe('RUNNING');
    expect((await act(owner, booked.body.id, 'cancel')).body.status).toBe('cancelled');
    await eventually(async () => (await s.platform.workflows.describe(`planning-${booked.body.id}`))?.status === 'SUCCEEDED');
    expect((await s.platform.workflows.describe(`planning-${booked.body.id}`))?.output).toMatchObject({ status: 'cancelled', version: 2 });
  });

  it('confirm schedules T-24h and T-2h reminders that notify both; cancel cancels them; every change reaches the inbox', async () => {
    const booked = await book(owner, { start: '2026-03-26T09:00:00Z' });
    expect(booked.status).toBe(201);
    const confirmed = await act(pro, booked.body.id, 'confirm');
    expect(confirmed.body.status).toBe('confirmed');
    // The booking workflow sets the reminders just after the confirmation.
    expect(await remindersOf(booked.body.id)).toEqual([{ kind: 'day-before', at: '2026-03-25T09:00:00.000Z' }, { kind: 'two-hours-before', at: '2026-03-26T07:00:00.000Z' }]);
    const timers = await timersOf(booked.body.id);
    for (const t of timers) expect((await s.platform.scheduler.get(t.id))?.status).toBe('scheduled');
    expect((await act(pro, booked.body.id, 'complete', { actualDurationMin: 0 })).status).toBe(400);
    expect((await act(other, booked.body.id, 'cancel')).body.code).toBe('APPOINTMENT_NOT_FOUND'); // another owner's booking

    const cancelled = await act(owner, booked.body.id, 'cancel');
    expect([cancelled.body.status, cancelled.body.reminders]).toEqual(['cancelled', []]);
    await eventually(async () => (await Promise.all(timers.map((t) => s.platform.scheduler.get(t.id)))).every((t) => t?.status === 'cancelled'));
    await eventually(async () => (await s.platform.workflows.describe(`planning-${booked.body.id}`))?.status === 'SUCCEEDED');
    expect((await act(pro, booked.body.id, 'confirm')).body.code).toBe('APPOINTMENT_STATE');
    await eventually(async () => (await inboxKinds(owner)).includes('planning.confirmed') && (await inboxKinds(pro)).includes('planning.cancelled'));
    expect(await inboxKinds(pro)).toContain('planning.requested');

    // A reminder fires into both inboxes once the clock reaches it.
    const kept = await book(owner, { start: '2026-03-27T08:00:00Z' });
    await act(pro, kept.body.id, 'confirm');
    await remindersOf(kept.body.id);
    const [dayBefore] = await timersOf(kept.body.id);
    clock.set('2026-03-26T08:00:30Z');
    try {
      await eventually(async () => (await s.platform.scheduler.get(dayBefore!.id))?.status === 'fired');
    } finally {
      clock.set('2026-03-20T09:00:00Z'); // back, so that the access tokens are valid again
    }
    await eventually(async () => (await inboxKinds(owner)).includes('planning.reminder') && (await inboxKinds(pro)).includes('planning.reminder'));
  });

  it('moves reminders with a reschedule and an accepted proposal, and tells the owner why a booking was declined', async () => {
    const booked = await book(owner, { start: '2026-03-30T07:00:00Z' });
    await act(pro, booked.body.id, 'confirm');
    await remindersOf(booked.body.id);
    const before = await timersOf(booked.body.id);
    const moved = await act(owner, booked.body.id, 'reschedule', { start: '2026-03-30T08:00:00Z' });
    expect(moved.body).toMatchObject({ status: 'confirmed', start: '2026-03-30T08:00:00.000Z' });
    // The day after the spring change: the day before at the same wall-clock time is 24 h earlier again.
    expect((await remindersOf(booked.body.id)).map((r) => r.at)).toEqual(['2026-03-29T08:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    await eventually(async () => (await Promise.all(before.map((t) => s.platform.scheduler.get(t.id)))).every((t) => t?.status === 'cancelled'));
    for (const t of await timersOf(booked.body.id)) expect((await s.platform.scheduler.get(t.id))?.at.toISOString()).toBe(t.at);

    const proposed = await act(pro, booked.body.id, 'propose', { start: '2026-03-31T12:00:00Z' });
    expect([proposed.body.status, proposed.body.proposedStart, proposed.body.reminders]).toEqual(['proposed', '2026-03-31T12:00:00.000Z', []]);
    await eventually(async () => (await timersOf(booked.body.id)).length === 0);
    const accepted = await act(owner, booked.body.id, 'accept');
    expect(accepted.body).toMatchObject({ status: 'confirmed', start: '2026-03-31T12:00:00.000Z', proposedStart: null });
    expect(await remindersOf(booked.body.id)).toHaveLength(2);

    const declined = await act(pro, (await book(other, { start: '2026-03-30T13:00:00Z' })).body.id, 'decline', { reason: 'Pont en panne' });
    expect([declined.body.status, declined.body.declineReason]).toEqual(['declined', 'Pont en panne']);
    await eventually(async () => (await inboxKinds(other)).includes('planning.declined'));
    const mine = await s.call('GET', '/v1/planning/appointments?limit=2', { token: owner.token });
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.next_cursor).toEqual(expect.any(String));
    const next = await s.call('GET', `/v1/planning/appointments?limit=100&cursor=${mine.body.next_cursor}`, { token: owner.token });
    expect(next.body.items.every((a: { ownerUserId: string }) => a.ownerUserId === owner.userId)).toBe(true);
  });

  it('learns the duration of (professional, service) from its completed jobs, two of them in parallel bays at one start: the 75th percentile after 5', async () => {
    // Two jobs start together (capacity 2): each is a point of the history, not one overwriting the other.
    const starts = ['2026-04-06T07:00:00Z', '2026-04-06T07:00:00Z', '2026-04-07T07:00:00Z', '2026-04-07T12:00:00Z', '2026-04-08T07:00:00Z'];
    const plannedMinutes = async () => {
      const items = (await s.call('GET', `/v1/planning/slots?service=freins&lat=${PARIS.lat}&lon=${PARIS.lon}&from=2026-04-09T06:00:00Z&days=1`, { token: owner.token })).body.items as { proId: string; start: string; end: string }[];
      const ours = items.find((x) => x.proId === pro.orgId)!;
      return (Date.parse(ours.end) - Date.parse(ours.start)) / 60_000;
    };
    expect(await plannedMinutes()).toBe(90);
    for (const [i, start] of starts.entries()) {
      const b = await s.call('POST', '/v1/planning/appointments', { token: owner.token, body: { proId: pro.orgId, service: 'freins', start } });
      expect(b.status).toBe(201);
      await act(pro, b.body.id, 'confirm');
      expect((await act(pro, b.body.id, 'complete', { actualDurationMin: [80, 85, 90, 100, 120][i] })).body.status).toBe('completed');
    }
    // Learned from the completion events, a moment after each completion answers.
    const points = () => s.platform.timeseries.range({ series: 'planning.actual-duration', dims: { proId: pro.orgId!, service: 'freins' }, from: new Date(0), to: new Date('2027-01-01') });
    await eventually(async () => (await points()).length === 5);
    let services: Array<Record<string, unknown>> = [];
    await eventually(async () => {
      services = (await s.call('GET', '/v1/pro/profile', { token: pro.token })).body.services;
      return services[1]?.completedJobs === 5;
    });
    expect(services[1]).toMatchObject({ code: 'freins', durationMin: 90, plannedDurationMin: 100, durationSource: 'learned', completedJobs: 5 });
    expect(await plannedMinutes()).toBe(100); // slot search plans with it at once
  });

  it('offers the right Sunday slots across the spring change, and reminds the day before at the same wall-clock time', async () => {
    // Sunday 29 March 2026: 01:00-04:00 local holds 01:00-02:00 CET and 03:00-04:00 CEST.
    const sunday = await slots('from=2026-03-29T00:30:00Z&days=1&limit=20');
    const ours = sunday.body.items.filter((x: { proId: string }) => x.proId === pro.orgId);
    expect(ours.map((x: { start: string }) => x.start)).toEqual(['2026-03-29T00:30:00.000Z', '2026-03-29T00:45:00.000Z', '2026-03-29T01:00:00.000Z']);
    expect((await book(owner, { start: '2026-03-29T01:15:00Z' })).body.code).toBe('SLOT_UNAVAILABLE'); // would end at 04:15 CEST
    const b = await book(owner, { start: '2026-03-29T01:00:00Z' });
    expect((await act(pro, b.body.id, 'confirm')).body.status).toBe('confirmed');
    // 03:00 CEST on Sunday → 03:00 CET on Saturday, 23 real hours before (set by the booking workflow).
    expect(await remindersOf(b.body.id)).toEqual([{ kind: 'day-before', at: '2026-03-28T02:00:00.000Z' }, { kind: 'two-hours-before', at: '2026-03-28T23:00:00.000Z' }]);
  });

  it('searches with what was just saved or booked: a new profile, new hours, a booking', async () => {
    const garage = await signInAs(s, 'verified-pro');
    const at = { lat: 48.7, lon: 2.1 }; // away from the other garages
    const body = (hours: Record<string, string[][]>) => profile({ name: 'Garage Changeant', location: { ...at, address: 'Versailles' }, capacity: 1, openingHours: hours });
    const starts = async () => ((await s.call('GET', `/v1/planning/slots?service=vidange&lat=${at.lat}&lon=${at.lon}&radiusKm=2&from=2026-03-23T00:00:00Z&days=1`, { token: owner.token })).body.items as { start: string; end: string }[]).map((x) => `${x.start.slice(11, 16)}-${x.end.slice(11, 16)}`);
    expect(await starts()).toEqual([]);
    await s.call('PUT', '/v1/pro/profile', { token: garage.token, body: body({ mon: [['08:00', '10:00']] }) });
    expect(await starts()).toEqual(['07:00-08:00', '07:15-08:15', '07:30-08:30']);
    await s.call('PUT', '/v1/pro/profile', { token: garage.token, body: body({ mon: [['14:00', '16:00']] }) });
    expect(await starts()).toEqual(['13:00-14:00', '13:15-14:15', '13:30-14:30']);
    expect((await s.call('POST', '/v1/planning/appointments', { token: owner.token, body: { proId: garage.orgId, service: 'vidange', start: '2026-03-23T13:00:00Z' } })).status).toBe(201);
    expect(await starts()).toEqual(['14:00-15:00']);
  });

  it('serves an iCalendar feed that parses, by a token that rotates', async () => {
    // The requests of the first tests expired when the clock went past their deadlines: one still waiting shows TENTATIVE.
    expect((await book(owner, { start: '2026-04-02T07:00:00Z' })).status).toBe(201);
    const { url } = (await s.call('GET', '/v1/pro/calendar-feed', { token: pro.token })).body;
    const path = url.slice(url.indexOf('/v1/'));
    const res = await fetch(s.url + path);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const events = new ICAL.Component(ICAL.parse(await res.text())).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(5);
    expect(events.map((e) => e.getFirstPropertyValue('status'))).toEqual(expect.arrayContaining(['CONFIRMED', 'TENTATIVE', 'CANCELLED']));
    const rotated = (await s.call('POST', '/v1/pro/calendar-feed/rotate', { token: pro.token })).body.url;
    expect(rotated).not.toBe(url);
    expect((await s.call('GET', path)).body.code).toBe('FEED_NOT_FOUND');
    expect((await fetch(s.url + rotated.slice(rotated.indexOf('/v1/')))).status).toBe(200);
  });

  it('optimises a batch for an admin against first come, first served, with a breakdown per request', async () => {
    const admin = await signInAs(s, 'admin');
    const sample = await s.call('POST', '/v1/planning/optimize', { token: admin.token, body: { sample: { seed: 3, professionals: 8, requests: 30 }, timeLimitMs: 1500 } });
    expect(sample.status).toBe(200);
    expect(sample.body.placements).toHaveLength(30);
    expect(sample.body.objective.total).toBeLessThanOrEqual(sample.body.baseline.total);
    expect(typeof sample.body.fallback).toBe('boolean');
    const request = { id: 'r1', service: 'vidange', lat: PARIS.lat, lon: PARIS.lon, urgency: 'critical', earliest: '2026-03-23T06:00:00Z', latest: '2026-03-27T18:00:00Z' };
    const real = await s.call('POST', '/v1/planning/optimize', { token: admin.token, body: { requests: [request], timeLimitMs: 1000 } });
    expect(real.body.placements[0]).toMatchObject({ requestId: 'r1', breakdown: { urgency: 'critical', weight: 8 } });
    expect(real.body.placements[0].proId).not.toBeNull();
    const bad = await s.call('POST', '/v1/planning/optimize', { token: admin.token, body: { requests: [{ ...request, latest: '2026-03-22T00:00:00Z' }] } });
    expect([bad.status, bad.body.code]).toEqual([400, 'OPTIMIZE_REQUESTS_INVALID']);
    expect((await s.call('POST', '/v1/planning/optimize', { token: owner.token, body: { sample: { seed: 1 } } })).status).toBe(403);
  });

  it('scores with the NLP analysis’s urgency, and lets the booked garage (only) read the analysis and the vehicle’s telemetry', async () => {
    const vehicle = await s.call('POST', '/v1/vehicles', { token: owner.token, body: { vin: 'VF1RFB00X56123457', plate: 'AB-124-CD', make: 'Renault', model: 'Clio', year: 2019 } });
    expect(vehicle.status).toBe(201);
    const analysis = await s.call('POST', '/v1/nlp/analyze', { token: owner.token, body: { text: 'je n’ai plus de freins, la pédale s’enfonce jusqu’au plancher' } });
    expect([analysis.status, analysis.body.urgency]).toEqual([200, 'critical']);
    const found = await slots(`from=2026-03-23T06:00:00Z&days=3&analysisId=${analysis.body.id}`);
    expect(found.body.items[0].urgency).toBe('critical');

    const garage = await signInAs(s, 'verified-pro');
    const readAnalysis = (who: Account) => s.call('GET', `/v1/nlp/analyses/${analysis.body.id}`, { token: who.token });
    const readTelemetry = (who: Account) => s.call('GET', `/v1/vehicles/${vehicle.body.id}/telemetry?pid=0D&from=2026-03-19T00:00:00Z&to=2026-03-20T00:00:00Z`, { token: who.token });
    expect((await readAnalysis(pro)).status).toBe(404);
    expect((await readTelemetry(pro)).status).toBe(404);
    const ours = (found.body.items as { proId: string; start: string }[]).find((slot) => slot.proId === pro.orgId)!;
    const booked = await book(owner, { start: ours.start, analysisId: analysis.body.id, vehicleId: vehicle.body.id });
    expect([booked.status, booked.body.urgency], JSON.stringify(booked.body)).toEqual([201, 'critical']);
    const seen = await readAnalysis(pro);
    expect([seen.status, seen.body.urgency]).toEqual([200, 'critical']);
    expect((await readTelemetry(pro)).status).toBe(200);
    // Another verified garage, not booked, sees neither.
    expect((await readAnalysis(garage)).status).toBe(404);
    expect((await readTelemetry(garage)).status).toBe(404);
    // Another owner cannot hand the garage this owner's vehicle or analysis through a booking of theirs.
    const thief = await book(other, { start: ours.start, vehicleId: vehicle.body.id });
    expect([thief.status, thief.body.code]).toEqual([404, 'VEHICLE_NOT_FOUND']);
    expect((await book(other, { start: ours.start, analysisId: analysis.body.id })).body.code).toBe('ANALYSIS_NOT_FOUND');
    // Once the owner cancels, the garage sees no more.
    expect((await act(owner, booked.body.id, 'cancel')).status).toBe(200);
    expect((await readAnalysis(pro)).status).toBe(404);
    expect((await readTelemetry(pro)).status).toBe(404);
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;
const pgTitle = 'planning on one PostgreSQL shared by two runtimes';

(pgUrl ? describe : describe.skip)(pgUrl ? pgTitle : `${pgTitle} (skipped: TEST_DATABASE_URL is not set)`, () => {
  const schema = `planning_${process.pid}_${Date.now().toString(36)}`;
  const runtimes: TestServer[] = [];
  beforeAll(async () => {
    const u = new URL(pgUrl!);
    u.searchParams.set('options', `-c search_path=${schema}`);
    const admin = await openPostgresDatabase({ connectionString: pgUrl!, schema });
    await admin.close();
    const clock = new ManualClock('2026-03-20T09:00:00Z');
    runtimes.push(await startTestServer({ clock, env: { DATABASE_URL: u.toString() } }));
    runtimes.push(await startTestServer({ clock, env: { DATABASE_URL: u.toString() } }));
  });
  afterAll(async () => {
    for (const r of runtimes) await r.dispose();
    const admin = await openPostgresDatabase({ connectionString: pgUrl! });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  it('gives exactly 2 bookings when 50 requests for the last slot of a capacity-2 garage arrive through both runtimes', async () => {
    const [a, b] = runtimes as [TestServer, TestServer];
    const [pro, owner] = await Promise.all([signInAs(a, 'verified-pro'), signInAs(a, 'owner')]);
    await a.call('PUT', '/v1/pro/profile', { token: pro.token, body: profile({ openingHours: { tue: [['08:00', '09:00']] } }) });
    const body = { proId: pro.orgId, service: 'vidange', start: '2026-03-24T07:00:00Z' };
    const offered = async (runtime: TestServer) =>
      ((await runtime.call('GET', `/v1/planning/slots?service=vidange&lat=${PARIS.lat}&lon=${PARIS.lon}&from=2026-03-24T06:00:00Z&days=1`, { token: owner.token })).body.items as { proId: string; start: string }[])
        .filter((x) => x.proId === pro.orgId)
        .map((x) => x.start);
    // Both runtimes have read the garage's free slot before the race...
    expect(await offered(a)).toContain('2026-03-24T07:00:00.000Z');
    expect(await offered(b)).toContain('2026-03-24T07:00:00.000Z');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).call('POST', '/v1/planning/appointments', { token: owner.token, body })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.body?.code === 'SLOT_TAKEN')).toHaveLength(48);
    // ...and neither offers it any more, whichever took the bookings.
    expect(await offered(a)).not.toContain('2026-03-24T07:00:00.000Z');
    expect(await offered(b)).not.toContain('2026-03-24T07:00:00.000Z');
  });
});
