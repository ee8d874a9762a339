import { rm } from 'node:fs/promises';
import net from 'node:net';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../test/support/server.ts';
import { killHard, launchRuntime, type RuntimeChild } from './ingest-crash.harness.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function call(base: string, method: string, path: string, init: { token?: string; body?: unknown } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const launch = async (dataDir: string, mqttPort: number) => {
  const runtime = await launchRuntime(dataDir, mqttPort, { OBD_BATCH_DELAY_MS: '20' });
  cleanups.push(() => killHard(runtime.child));
  return runtime;
};

describe('OBD ingestion across a kill -9 of the whole process', () => {
  it('stores every QoS 1 message a device published, at least once and deduplicated by time, when the process is killed mid-stream', { timeout: 180_000 }, async () => {
    const dataDir = await freshDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const mqttPort = await freePort();
    let runtime: RuntimeChild = await launch(dataDir, mqttPort);

    const password = 'a-long-enough-password';
    await call(runtime.url, 'POST', '/v1/auth/register', { body: { name: 'Crash', email: 'crash@example.fr', role: 'owner', password } });
    const accessToken = (await call(runtime.url, 'POST', '/v1/auth/token', { body: { email: 'crash@example.fr', password } })).body.access_token as string;
    await call(runtime.url, 'POST', '/v1/vehicles', { token: accessToken, body: { vin: 'VF1RFB00X56123456', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
    const created = await call(runtime.url, 'POST', '/v1/obd/devices', { token: accessToken, body: { vin: 'VF1RFB00X56123456', label: 'crash' } });
    expect(created.status).toBe(201);
    const { deviceId, secret, mqtt: settings } = created.body as { deviceId: string; secret: string; mqtt: { topic: string } };

    // A dongle on a persistent session: what it has not seen acknowledged, it sends again on reconnection.
    const device = await mqtt.connectAsync(runtime.mqttUrl, { clientId: `crash-${deviceId.slice(-8)}`, username: deviceId, password: secret, clean: false, reconnectPeriod: 100, protocolVersion: 4 });
    cleanups.push(() => device.endAsync(true));
    const TOTAL = 600;
    const base = Date.now() - 60_000;
    let acked = 0;
    const publishing = (async () => {
      const sent: Promise<unknown>[] = [];
      for (let i = 0; i < TOTAL; i++) {
        const body = JSON.stringify({ ts: base + i, readings: [{ pid: '0C', value: 800 + i }] });
        sent.push(device.publishAsync(settings.topic, body, { qos: 1 }).then(() => void acked++));
        await new Promise((r) => setTimeout(r, 4));
      }
      await Promise.all(sent);
    })();

    // Killed once a good part of the stream went through, while messages are still in flight.
    await expect.poll(() => acked, { timeout: 60_000, interval: 10 }).toBeGreaterThanOrEqual(TOTAL / 3);
    expect(await killHard(runtime.child)).toBe('SIGKILL');
    runtime = await launch(dataDir, mqttPort);
    await publishing;
    expect(acked).toBe(TOTAL);

    const expected = Array.from({ length: TOTAL }, (_, i) => base + i);
    await expect.poll(() => runtime.times('obd.0C', base, base + TOTAL), { timeout: 30_000, interval: 200 }).toEqual(expected);
  });
});
