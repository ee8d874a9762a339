import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';
import { signUp, startTestServer, type TestServer } from '../support/server.ts';

const DAY = 86_400_000;
const count = async (s: TestServer, table: string) =>
  (await s.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

describe('housekeeping removes only what has outlived its use', () => {
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ clock });
  });
  afterAll(() => s.dispose());

  it('keeps recent history, then purges delivered events, replay records and expired tokens', async () => {
    const delivered: string[] = [];
    await s.platform.events.subscribe('test.audit', 'vehicles.*', async (e) => {
      delivered.push(e.id);
    });
    const { token } = await signUp(s, { email: 'hk@example.fr', role: 'owner' });
    const car = { vin: 'VF1RFB00X56111111', plate: 'AB-111-CD', make: 'Peugeot', model: '208', year: 2022 };
    expect((await s.call('POST', '/v1/vehicles', { token, body: car, headers: { 'idempotency-key': 'hk-1' } })).status).toBe(201);
    await s.platform.events.drain();
    expect(delivered).toHaveLength(1);

    const early = await s.platform.housekeeping.runOnce();
    expect(early['events.delivered-history']).toBe(0);
    expect(early['platform.idempotency-records']).toBe(0);
    expect(await count(s, 'event_outbox')).toBeGreaterThan(0);

    clock.advance(31 * DAY);
    const late = await s.platform.housekeeping.runOnce();
    expect(late['events.delivered-history']).toBeGreaterThan(0);
    expect(late['platform.idempotency-records']).toBe(1);
    expect(late['identity.expired-tokens']).toBeGreaterThan(0);
    expect(await count(s, 'event_deliveries')).toBe(0);
    expect(await count(s, 'event_outbox')).toBe(0);
    expect(await count(s, 'refresh_tokens')).toBe(0);
    // The data itself is untouched.
    expect(await count(s, 'vehicles')).toBe(1);
  });

  it('never purges a delivery that is still pending', async () => {
    await s.platform.events.subscribe('test.stuck', 'stuck.*', async () => {
      throw new Error('still failing');
    });
    await s.platform.events.publish({ type: 'stuck.thing', source: 'test', data: {} });
    await s.platform.events.drain();
    clock.advance(30 * DAY);
    await s.platform.housekeeping.runOnce();
    const { rows } = await s.platform.db.query<{ n: number }>("SELECT count(*)::int AS n FROM event_deliveries WHERE subscription = 'test.stuck'");
    expect(rows[0]!.n).toBe(1);
  });
});
