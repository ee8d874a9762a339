import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalIssuer } from '../../src/modules/identity/local-issuer.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { modules } from '../../src/runtime/modules.ts';
import { exampleModule } from '../fixtures/example-module/index.ts';
import { openModuleForTest, signInAs } from '../support/module-harness.ts';
import type { PlatformModule } from '../../src/platform/module/module.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** Waits until `check` returns a value (background work: timers, events, workflows). */
async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function connect(url: string, options: mqtt.IClientOptions): Promise<{ client?: mqtt.MqttClient; error?: Error }> {
  return mqtt.connectAsync(url, { ...options, reconnectPeriod: 0, connectTimeout: 5000 }).then(
    (client) => ({ client }),
    (error: Error) => ({ error }),
  );
}

describe('a module built on the kit, through the real runtime', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ modules: [...modules, exampleModule], env: { EXAMPLE_DELAY_SECONDS: '0' } });
  });
  afterAll(() => s.dispose());

  it('runs route → timer → event → workflow task → notification, into the inbox in the user\'s language', async () => {
    const owner = await signInAs(s, 'owner');
    expect((await s.call('POST', '/v1/example/reminders', { token: owner.token, body: { text: 'pneus hiver' } })).status).toBe(202);
    const first = await eventually(async () => {
      const inbox = await s.call('GET', '/v1/notifications?unread=true', { token: owner.token });
      return inbox.body.items.length > 0 ? inbox.body : undefined;
    }, 'the first reminder');
    expect(first.items[0]).toMatchObject({ kind: 'example.reminder', title: 'Rappel', body: 'Vous avez demandé un rappel : pneus hiver', read_at: null });
    expect(first.unread_count).toBe(1);

    expect((await s.call('PATCH', '/v1/me', { token: owner.token, body: { locale: 'en' } })).body.locale).toBe('en');
    await s.call('POST', '/v1/example/reminders', { token: owner.token, body: { text: 'winter tyres' } });
    const both = await eventually(async () => {
      const inbox = await s.call('GET', '/v1/notifications', { token: owner.token });
      return inbox.body.items.length === 2 ? inbox.body : undefined;
    }, 'the second reminder');
    expect(both.items[0]).toMatchObject({ title: 'Reminder', body: 'You asked to be reminded: winter tyres' });

    expect((await s.call('POST', `/v1/notifications/${first.items[0].id}/read`, { token: owner.token })).status).toBe(204);
    expect((await s.call('GET', '/v1/notifications?unread=true', { token: owner.token })).body.unread_count).toBe(1);
    expect((await s.call('POST', '/v1/notifications/read-all', { token: owner.token })).body).toEqual({ marked: 1 });
    expect((await s.call('GET', '/v1/notifications?unread=true', { token: owner.token })).body).toMatchObject({ items: [], unread_count: 0 });

    // Another user cannot read or mark someone else's notification: it does not exist for them.
    const other = await signInAs(s, 'owner');
    expect((await s.call('GET', '/v1/notifications', { token: other.token })).body.items).toEqual([]);
    expect((await s.call('POST', `/v1/notifications/${first.items[0].id}/read`, { token: other.token })).body.code).toBe('NOTIFICATION_NOT_FOUND');
  });

  it('turns email off per kind, and refuses kinds nobody declared', async () => {
    const owner = await signInAs(s, 'owner');
    const prefs = await s.call('GET', '/v1/me/notification-preferences', { token: owner.token });
    expect(prefs.body.kinds).toContainEqual({ kind: 'example.reminder', label: 'Rappel' });
    const off = await s.call('PUT', '/v1/me/notification-preferences', { token: owner.token, body: { email: { 'example.reminder': false } } });
    expect(off.body.email).toEqual({ 'example.reminder': false });
    const bad = await s.call('PUT', '/v1/me/notification-preferences', { token: owner.token, body: { email: { 'nobody.kind': true } } });
    expect([bad.status, bad.body.code]).toEqual([400, 'NOTIFICATION_KIND_UNKNOWN']);
  });

  it('refuses anonymous MQTT clients once a module declares device auth, and confines its devices', async () => {
    expect((await s.call('GET', '/health')).body.adapters.mqttAccess).toBe('device-auth');
    const anonymous = await connect(s.mqttUrl, {});
    expect(anonymous.error).toBeDefined();
    const wrong = await connect(s.mqttUrl, { username: 'example-u1', password: 'guess' });
    expect(wrong.error).toBeDefined();
    const device = await connect(s.mqttUrl, { username: 'example-u1', password: 'open-sesame' });
    expect(device.client?.connected).toBe(true);
    await device.client!.publishAsync('example/u1/data', 'ok', { qos: 1 });
    await device.client!.endAsync();
  });

  it('answers a pro token without an organisation (possible with Cognito) with 403, never a 500', async () => {
    const issuer = await openLocalIssuer(s.platform.db, systemClock);
    const token = await issuer.sign({ userId: '0190d1a0-0000-7000-8000-000000000001', role: 'pro', orgId: undefined, email: 'p@example.fr' }, 300);
    const res = await s.call('POST', '/v1/vehicles', { token, body: { vin: 'VF1RFB00X56123456', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
    expect([res.status, res.body.code]).toEqual([403, 'PRO_ORGANISATION_REQUIRED']);
  });

  it('refuses unprefixed or duplicate names when assembling modules', async () => {
    const borrowing: PlatformModule = { name: 'other', migrations: [], init: async () => ({ tasks: { 'example-deliver': async () => null } }) };
    await expect(openModuleForTest(borrowing)).rejects.toThrow(/other-<what>/);
    const twice: PlatformModule = { name: 'other', migrations: [], init: async () => ({ chores: { 'identity.expired-tokens': async () => 0 } }) };
    await expect(openModuleForTest(twice)).rejects.toThrow(/other\.<what>/);
    const badMigration: PlatformModule = { name: 'other', migrations: [{ id: 'create-stuff', sql: 'SELECT 1' }], init: async () => ({}) };
    await expect(openModuleForTest(badMigration)).rejects.toThrow(/other\.<NNN>/);
  });
});
