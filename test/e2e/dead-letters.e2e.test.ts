import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';
import type { BusEvent } from '../../src/platform/ports/event-bus.ts';
import { signUp, startTestServer, type TestServer } from '../support/server.ts';

const ADMIN = { email: 'ops@novaevo.test', password: 'ops-password-1234' };

describe('dead letters, read and replayed by an admin over HTTP', () => {
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let s: TestServer;
  let adminToken: string;
  let healthy = false;
  const delivered: BusEvent[] = [];

  beforeAll(async () => {
    s = await startTestServer({ clock, env: { NOVAEVO_ADMIN_EMAIL: ADMIN.email, NOVAEVO_ADMIN_PASSWORD: ADMIN.password } });
    await s.platform.events.subscribe('test.garage-sync', 'vehicles.registered', async (event) => {
      if (!healthy) throw new Error('garage system unreachable');
      delivered.push(event);
    });
    adminToken = (await s.call('POST', '/v1/auth/token', { body: ADMIN })).body.access_token;
  });
  afterAll(() => s.dispose());

  it('retries a failing handler with backoff, then keeps the delivery as a dead letter', async () => {
    const { token } = await signUp(s, { email: 'dl-owner@example.fr', role: 'owner' });
    const car = await s.call('POST', '/v1/vehicles', { token, body: { vin: 'VF1RFB00X56999999', plate: 'AB-999-CD', make: 'Renault', model: 'Clio', year: 2019 } });
    expect(car.status).toBe(201);
    // Each pass runs what is due; moving the clock makes the next retry due.
    for (let i = 0; i < 12; i++) {
      await s.platform.events.drain();
      clock.advance(20 * 60_000);
    }
    adminToken = (await s.call('POST', '/v1/auth/token', { body: ADMIN })).body.access_token;
    const list = await s.call('GET', '/v1/admin/dead-letters', { token: adminToken });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      subscription: 'test.garage-sync',
      last_error: expect.stringContaining('garage system unreachable'),
      event: { type: 'vehicles.registered', source: 'vehicles', subject: car.body.id },
    });
    expect(list.body.items[0].attempts).toBeGreaterThan(1);
    expect(delivered).toEqual([]);
  });

  it('replays a dead letter once the cause is fixed, and it is delivered', async () => {
    const [letter] = (await s.call('GET', '/v1/admin/dead-letters', { token: adminToken })).body.items;
    healthy = true;
    const replay = await s.call('POST', `/v1/admin/dead-letters/${letter.id}/replay`, { token: adminToken });
    expect(replay.status).toBe(202);
    await s.platform.events.drain();
    expect(delivered.map((e) => e.id)).toEqual([letter.event.id]);
    expect((await s.call('GET', '/v1/admin/dead-letters', { token: adminToken })).body.items).toEqual([]);
    const again = await s.call('POST', `/v1/admin/dead-letters/${letter.id}/replay`, { token: adminToken });
    expect([again.status, again.body.code]).toEqual([404, 'DEAD_LETTER_NOT_FOUND']);
  });
});
