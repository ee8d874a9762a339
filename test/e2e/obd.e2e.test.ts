import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDtcResponse, encodePid } from '../../src/modules/obd/decoder/index.ts';
import { findMosquittoDynsec, startMosquittoWithDynsec, type MosquittoUnderTest } from '../../src/platform/mqtt/mosquitto-test-server.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

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

const closed = (client: mqtt.MqttClient) => new Promise<void>((resolve) => (client.connected ? client.once('close', () => resolve()) : resolve()));
const basic = (user: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` });

describe('OBD devices through the real runtime', () => {
  let s: TestServer;
  let owner: Awaited<ReturnType<typeof signInAs>>;
  let vehicleId: string;
  let device: { deviceId: string; secret: string; mqtt: { url: string; username: string; topic: string; commandTopic: string } };

  beforeAll(async () => {
    s = await startTestServer({ env: { OBD_BATCH_DELAY_MS: '10' } });
    owner = await signInAs(s, 'owner');
    const car = await s.call('POST', '/v1/vehicles', { token: owner.token, body: { vin: 'VF1RFB00X56123456', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
    vehicleId = car.body.id;
    const created = await s.call('POST', '/v1/obd/devices', { token: owner.token, body: { vin: 'vf1rfb00x56123456', label: 'Dongle de la Clio' } });
    expect(created.status).toBe(201);
    device = created.body;
  });
  afterAll(() => s.dispose());

  it('hands out the secret once, with the MQTT settings, and lists the device without it', async () => {
    expect(device.mqtt).toMatchObject({ username: device.deviceId, topic: `novaevo/v1/devices/${device.deviceId}/obd`, commandTopic: `novaevo/v1/devices/${device.deviceId}/cmd` });
    expect(device.secret.length).toBeGreaterThanOrEqual(40);
    const list = await s.call('GET', '/v1/obd/devices', { token: owner.token });
    expect(list.body.items).toEqual([expect.objectContaining({ id: device.deviceId, vehicleId, label: 'Dongle de la Clio', revokedAt: null })]);
    expect(JSON.stringify(list.body)).not.toContain(device.secret);
    const { rows } = await s.platform.db.query<{ secret_hash: string }>('SELECT secret_hash FROM obd_devices WHERE id = $1', [device.deviceId]);
    expect(rows[0]!.secret_hash).not.toContain(device.secret);
  });

  it('refuses a device for a vehicle the caller does not own, and bad input, with problems', async () => {
    const other = await signInAs(s, 'owner');
    const notTheirs = await s.call('POST', '/v1/obd/devices', { token: other.token, body: { vin: 'VF1RFB00X56123456', label: 'x' } });
    expect([notTheirs.status, notTheirs.body.code]).toEqual([404, 'VEHICLE_NOT_FOUND']);
    const badVin = await s.call('POST', '/v1/obd/devices', { token: owner.token, body: { vin: 'nope', label: 'x' } });
    expect([badVin.status, badVin.body.code]).toEqual([400, 'VIN_INVALID']);
    const anonymous = await s.call('POST', '/v1/obd/devices', { body: { vin: 'VF1RFB00X56123456', label: 'x' } });
    expect(anonymous.status).toBe(401);
    expect((await s.call('DELETE', `/v1/obd/devices/${device.deviceId}`, { token: other.token })).body.code).toBe('OBD_DEVICE_NOT_FOUND');
    expect((await s.call('GET', `/v1/vehicles/${vehicleId}/telemetry?pid=0C`, { token: other.token })).status).toBe(404);
    expect((await s.call('GET', `/v1/vehicles/${vehicleId}/dtcs`, { token: other.token })).status).toBe(404);
  });

  it('stores what a device publishes over MQTT: telemetry, fault codes, and owner alerts once a day', async () => {
    expect((await s.call('GET', '/health')).body.adapters.mqttAccess).toBe('device-auth');
    const { client } = await connect(s.mqttUrl, { username: device.deviceId, password: device.secret, clientId: `obd-${device.deviceId.slice(-8)}` });
    expect(client?.connected).toBe(true);
    const ts = new Date().toISOString();
    const frames = [encodePid(0x0c, 1726), '410d32', encodePid(0x05, 115), encodePid(0x42, 14.2), ...encodeDtcResponse(['P0301'])];
    await client!.publishAsync(device.mqtt.topic, JSON.stringify({ ts, frames }), { qos: 1 });
    await client!.publishAsync(device.mqtt.topic, JSON.stringify({ ts: Date.now() + 1, readings: [{ pid: '05', value: 118 }] }), { qos: 1 });

    const rpm = await eventually(async () => {
      const res = await s.call('GET', `/v1/vehicles/${vehicleId}/telemetry?pid=0c&bucket=1h`, { token: owner.token });
      return res.body.length > 0 ? res.body : undefined;
    }, 'the RPM reading');
    expect(rpm[0]).toMatchObject({ min: 1726, max: 1726, avg: 1726, count: 1 });
    const dtcs = await eventually(async () => {
      const res = await s.call('GET', `/v1/vehicles/${vehicleId}/dtcs`, { token: owner.token });
      return res.body.length > 0 ? res.body : undefined;
    }, 'the fault code');
    expect(dtcs[0]).toMatchObject({ code: 'P0301', status: 'active', system: 'powertrain', firstSeen: ts, lastSeen: ts });
    expect(dtcs[0].description).toMatch(/cylindre 1/i);

    const inbox = await eventually(async () => {
      const res = await s.call('GET', '/v1/notifications', { token: owner.token });
      return res.body.items.length >= 2 ? res.body.items : undefined;
    }, 'the owner notifications');
    const kinds = inbox.map((n: { kind: string }) => n.kind).sort();
    expect(kinds).toEqual(['obd.coolant-hot', 'obd.fault-code']);
    const fault = inbox.find((n: { kind: string }) => n.kind === 'obd.fault-code');
    expect(fault.title).toBe('Code défaut P0301 sur votre Renault Clio');
    expect(fault.body).toMatch(/prenez rendez-vous/);
    expect(inbox.find((n: { kind: string }) => n.kind === 'obd.coolant-hot').body).toMatch(/115 °C/);

    // The second overheating reading is stored, and raises no second notification that day.
    await eventually(async () => {
      const res = await s.call('GET', `/v1/vehicles/${vehicleId}/telemetry?pid=05&bucket=1d`, { token: owner.token });
      return res.body[0]?.count === 2 ? true : undefined;
    }, 'both coolant readings');
    await s.platform.events.drain();
    expect((await s.call('GET', '/v1/notifications', { token: owner.token })).body.items).toHaveLength(2);
    await client!.endAsync();
  });

  it('confines a device to its own topics and refuses anonymous or wrong credentials', async () => {
    expect((await connect(s.mqttUrl, {})).error).toBeDefined();
    expect((await connect(s.mqttUrl, { username: device.deviceId, password: 'not-the-secret' })).error).toBeDefined();
    const { client } = await connect(s.mqttUrl, { username: device.deviceId, password: device.secret });
    const own = await client!.subscribeAsync(device.mqtt.commandTopic, { qos: 1 });
    expect(own[0]!.qos).toBe(1);
    const others = await client!.subscribeAsync('novaevo/v1/devices/+/cmd', { qos: 1 }).catch(() => [{ qos: 128 }]);
    expect(others[0]!.qos).toBe(128);
    const dropped = closed(client!);
    client!.publish('novaevo/v1/devices/someone-else/obd', JSON.stringify({ ts: Date.now(), frames: ['410C1AF8'] }), { qos: 1 });
    await dropped;
    client!.end(true);
  });

  it('takes the same payload over HTTP with device Basic auth, listing the frames it could not decode', async () => {
    const url = `/v1/obd/devices/${device.deviceId}/frames`;
    const body = { ts: Date.now(), frames: ['41 0D 40', 'ZZ', '7F 01 12'] };
    const ok = await s.call('POST', url, { body, headers: basic(device.deviceId, device.secret) });
    expect(ok.status).toBe(202);
    expect(ok.body.accepted).toBe(1);
    expect(ok.body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2]);
    expect(ok.body.rejected[0].code).toEqual(expect.any(String));
    expect((await s.call('POST', url, { body })).body.code).toBe('OBD_DEVICE_AUTH_REQUIRED');
    expect((await s.call('POST', url, { body, headers: basic(device.deviceId, 'wrong') })).body.code).toBe('OBD_DEVICE_AUTH_FAILED');
    const elsewhere = await s.call('POST', '/v1/obd/devices/0190d1a0-0000-7000-8000-000000000001/frames', { body, headers: basic(device.deviceId, device.secret) });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'OBD_DEVICE_FORBIDDEN']);
    const future = await s.call('POST', url, { body: { ts: '2999-01-01T00:00:00Z', frames: ['410D40'] }, headers: basic(device.deviceId, device.secret) });
    expect([future.status, future.body.code]).toEqual([400, 'OBD_PAYLOAD_INVALID']);
    const shapeless = await s.call('POST', url, { body: { frames: 'x' }, headers: basic(device.deviceId, device.secret) });
    expect(shapeless.status).toBe(400);
  });

  it('decodes frames for any signed-in user, and only for them', async () => {
    const res = await s.call('POST', '/v1/obd/decode', { token: owner.token, body: { frames: ['41 0C 1A F8', '43 02 01 33 02 20', '7F 01 12'] } });
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ mode: 1, pid: '0C', value: 1726, unit: 'rpm' });
    expect(res.body[1].dtcs.map((d: { code: string }) => d.code)).toEqual(['P0133', 'P0220']);
    expect(res.body[2].error.code).toEqual(expect.any(String));
    expect((await s.call('POST', '/v1/obd/decode', { body: { frames: ['410C1AF8'] } })).status).toBe(401);
  });

  it('streams live readings to the owner over server-sent events', async () => {
    const anonymous = await fetch(`${s.url}/v1/vehicles/${vehicleId}/live`);
    expect(anonymous.status).toBe(401);
    const abort = new AbortController();
    const res = await fetch(`${s.url}/v1/vehicles/${vehicleId}/live`, { headers: { authorization: `Bearer ${owner.token}` }, signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let received = '';
    const read = async (until: RegExp) => {
      while (!until.test(received)) received += new TextDecoder().decode((await reader.read()).value);
    };
    await read(/event: snapshot/);
    expect(received).toMatch(/"pid":"0C","value":1726/);
    await s.call('POST', `/v1/obd/devices/${device.deviceId}/frames`, { body: { ts: Date.now(), frames: ['410D48'] }, headers: basic(device.deviceId, device.secret) });
    await read(/event: reading[\s\S]*"pid":"0D","value":72/);
    abort.abort();
  });

  it('revokes a device: its connection is dropped and its secret refused from then on', async () => {
    const { client } = await connect(s.mqttUrl, { username: device.deviceId, password: device.secret });
    const dropped = closed(client!);
    expect((await s.call('DELETE', `/v1/obd/devices/${device.deviceId}`, { token: owner.token })).status).toBe(204);
    await dropped;
    client!.end(true);
    expect((await connect(s.mqttUrl, { username: device.deviceId, password: device.secret })).error).toBeDefined();
    const http = await s.call('POST', `/v1/obd/devices/${device.deviceId}/frames`, { body: { ts: Date.now(), frames: ['410D40'] }, headers: basic(device.deviceId, device.secret) });
    expect(http.body.code).toBe('OBD_DEVICE_AUTH_FAILED');
    const list = await s.call('GET', '/v1/obd/devices', { token: owner.token });
    expect(list.body.items[0].revokedAt).toEqual(expect.any(String));
    expect((await s.call('DELETE', `/v1/obd/devices/${device.deviceId}`, { token: owner.token })).status).toBe(404);
  });
});

// With MQTT_URL the platform runs no broker: Mosquitto's dynamic security plugin holds one client per device.
const dynsec = findMosquittoDynsec();
describe.skipIf(!process.env.TEST_MQTT_URL || 'missing' in dynsec)('OBD devices on Mosquitto (MQTT_URL)', () => {
  let broker: MosquittoUnderTest;
  let s: TestServer;
  beforeAll(async () => {
    broker = await startMosquittoWithDynsec();
    const url = new URL(broker.url);
    url.username = broker.admin.username;
    url.password = broker.admin.password;
    s = await startTestServer({ env: { MQTT_URL: url.toString(), OBD_BATCH_DELAY_MS: '10' } });
  });
  afterAll(async () => {
    await s?.dispose();
    await broker?.stop();
  });

  it('admits a new device with its secret, stores what it publishes, and drops it when revoked', async () => {
    const owner = await signInAs(s, 'owner');
    const car = await s.call('POST', '/v1/vehicles', { token: owner.token, body: { vin: 'VF1RFB00X56123456', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
    const created = await s.call('POST', '/v1/obd/devices', { token: owner.token, body: { vin: 'VF1RFB00X56123456', label: 'Dongle' } });
    expect(created.status).toBe(201);
    expect(created.body.mqtt.url).toBe(broker.url);
    const { deviceId, secret, mqtt: settings } = created.body;
    expect((await connect(broker.url, { username: deviceId, password: 'wrong' })).error).toBeDefined();
    const { client } = await connect(broker.url, { username: deviceId, password: secret });
    await client!.publishAsync(settings.topic, JSON.stringify({ ts: Date.now(), frames: ['41 0C 1A F8'] }), { qos: 1 });
    await eventually(async () => {
      const res = await s.call('GET', `/v1/vehicles/${car.body.id}/telemetry?pid=0C`, { token: owner.token });
      return res.body.length > 0 ? true : undefined;
    }, 'the reading through Mosquitto');
    const dropped = closed(client!);
    expect((await s.call('DELETE', `/v1/obd/devices/${deviceId}`, { token: owner.token })).status).toBe(204);
    await dropped;
    client!.end(true);
    expect((await connect(broker.url, { username: deviceId, password: secret })).error).toBeDefined();
  });
});

describe('OBD QoS 1 messages across a restart of the process', () => {
  it('keeps what devices sent while the platform was away, and stores it after a restart on the same data folder', async () => {
    const env = { OBD_BATCH_DELAY_MS: '10' };
    const first = await startTestServer({ env });
    let second: TestServer | undefined;
    try {
      const owner = await signInAs(first, 'owner');
      const car = await first.call('POST', '/v1/vehicles', { token: owner.token, body: { vin: 'VF1RFB00X56123458', plate: 'AB-125-CD', make: 'Renault', model: 'Clio', year: 2019 } });
      const device = (await first.call('POST', '/v1/obd/devices', { token: owner.token, body: { vin: 'VF1RFB00X56123458', label: 'Dongle' } })).body;
      // The platform leaves the broker (as it does first when it stops); devices go on sending.
      await first.platform.mqtt.close();
      const { client } = await connect(first.mqttUrl, { username: device.deviceId, password: device.secret, clientId: `obd-${device.deviceId.slice(-8)}` });
      const start = Date.now() - 60_000;
      for (let i = 0; i < 5; i++) await client!.publishAsync(device.mqtt.topic, JSON.stringify({ ts: start + i * 1000, frames: [encodePid(0x0c, 1000 + i)] }), { qos: 1 });
      client!.end(true);
      await first.close();

      second = await startTestServer({ env, dataDir: first.dataDir });
      const stored = await eventually(async () => {
        const res = await second!.call('GET', `/v1/vehicles/${car.body.id}/telemetry?pid=0C&bucket=1h&from=${new Date(start - 3_600_000).toISOString()}`, { token: owner.token });
        const count = (res.body as { count: number }[]).reduce((n, b) => n + b.count, 0);
        return count === 5 ? count : undefined;
      }, 'the five readings sent while the platform was away');
      expect(stored).toBe(5);
    } finally {
      await (second ?? first).dispose();
    }
  });
});
