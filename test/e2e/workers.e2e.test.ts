import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePid } from '../../src/modules/obd/decoder/index.ts';
import { openPostgresDatabase } from '../../src/platform/adapters/postgres/postgres-database.ts';

const url = process.env.TEST_DATABASE_URL;
const schema = `wk_${process.pid}_${Date.now().toString(36)}`;
const title = '`novaevo start --workers 2` on PostgreSQL';

interface LogLine {
  msg: string;
  pid?: number;
  requestId?: string;
  path?: string;
  url?: string;
  pids?: number[];
  notificationId?: string;
}

/** A GET on its own connection: the cluster hands each new connection to a worker in turn. */
function getOnNewConnection(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(target, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** A request on its own connection (so on the next worker); resolves with its status, `X-Request-Id` and JSON body. */
function requestOnNewConnection(target: string, init: { method?: string; token?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  return new Promise<{ status: number; requestId: string; body: any }>((resolve, reject) => {
    const headers: Record<string, string> = { ...init.headers, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const req = http.request(target, { method: init.method ?? 'GET', agent: false, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, requestId: String(res.headers['x-request-id']), body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(init.body === undefined ? undefined : JSON.stringify(init.body));
  });
}

/** A live stream (server-sent events) on its own connection: what it received so far, and the request id that tells its worker. */
function openLiveStream(target: string, token: string) {
  return new Promise<{ text: () => string; requestId: string; close: () => void }>((resolve, reject) => {
    const req = http.get(target, { agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('error', () => {});
      resolve({ text: () => text, requestId: String(res.headers['x-request-id']), close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

(url ? describe : describe.skip)(url ? title : `${title} (skipped: TEST_DATABASE_URL is not set)`, () => {
  let child: ChildProcess;
  let dataDir: string;
  const lines: LogLine[] = [];
  let ready: LogLine;

  beforeAll(async () => {
    const admin = await openPostgresDatabase({ connectionString: url!, schema });
    await admin.close();
    const databaseUrl = new URL(url!);
    databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-workers-'));
    child = spawn(process.execPath, ['bin/novaevo.js', 'start', '--workers', '2'], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl.toString(),
        NOVAEVO_DATA_DIR: dataDir,
        PORT: '0',
        MQTT_PORT: '0',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'debug',
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const readyLine = new Promise<LogLine>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (text) => {
        try {
          const line = JSON.parse(text) as LogLine;
          lines.push(line);
          if (line.msg === 'NovaEvo is ready') resolve(line);
        } catch {
          /* not a log line */
        }
      });
      child.once('exit', (code) => reject(new Error(`novaevo start exited (${code}) before it was ready`)));
    });
    ready = await readyLine;
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    const admin = await openPostgresDatabase({ connectionString: url! });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await admin.close();
  });

  it('serves one port from two worker processes', async () => {
    expect(ready.pids).toHaveLength(2);
    for (let i = 0; i < 20; i++) expect(await getOnNewConnection(`${ready.url}/health`)).toBe(200);
    const servedBy = () => new Set(lines.filter((l) => l.msg === 'request' && l.path === '/health').map((l) => l.pid));
    await expect.poll(() => servedBy().size).toBe(2);
    expect([...servedBy()].sort()).toEqual([...ready.pids!].sort());
  });

  it('delivers each notification once, whichever worker claims it', async () => {
    const emails = Array.from({ length: 6 }, (_, i) => `worker${i}@example.fr`);
    for (const email of emails) {
      const res = await fetch(`${ready.url}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ email, password: 'a-long-enough-password', role: 'owner', name: 'Worker' }),
      });
      expect(res.status).toBe(202);
    }
    const delivered = () => lines.filter((l) => l.msg === 'notification delivered (log transport)').map((l) => l.notificationId);
    await expect.poll(() => new Set(delivered()).size, { timeout: 30_000 }).toBeGreaterThanOrEqual(emails.length);
    // Two more dispatch passes of both workers: a notification claimed twice would be logged twice.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(delivered().length).toBe(new Set(delivered()).size);
  });

  it('streams every stored reading to the live streams of both workers (MQTT device on the first, HTTP on either)', async () => {
    const email = `live-${Date.now()}@example.fr`;
    const password = 'a-long-enough-password';
    expect((await requestOnNewConnection(`${ready.url}/v1/auth/register`, { method: 'POST', body: { email, password, role: 'owner', name: 'Live' } })).status).toBe(202);
    const token = (await requestOnNewConnection(`${ready.url}/v1/auth/token`, { method: 'POST', body: { email, password } })).body.access_token as string;
    const vin = 'VF1RFB00X56123457';
    const car = await requestOnNewConnection(`${ready.url}/v1/vehicles`, { method: 'POST', token, body: { vin, plate: 'AB-124-CD', make: 'Renault', model: 'Clio', year: 2019 } });
    const device = (await requestOnNewConnection(`${ready.url}/v1/obd/devices`, { method: 'POST', token, body: { vin, label: 'Dongle' } })).body;
    const workerOf = (requestId: string) => lines.find((l) => l.requestId === requestId && l.msg === 'request')?.pid;

    // Streams on new connections, until both workers serve at least one.
    const streams: Awaited<ReturnType<typeof openLiveStream>>[] = [];
    const streamWorkers = () => new Set(streams.map((st) => workerOf(st.requestId)));
    while (streamWorkers().size < 2 && streams.length < 8) {
      const stream = await openLiveStream(`${ready.url}/v1/vehicles/${car.body.id}/live`, token);
      streams.push(stream);
      await expect.poll(() => stream.text()).toMatch(/event: snapshot/);
      await expect.poll(() => workerOf(stream.requestId)).toBeDefined();
    }
    expect([...streamWorkers()].sort()).toEqual([...ready.pids!].sort());

    try {
      // A device on the first worker's broker: that worker alone stores its messages.
      const client = await mqtt.connectAsync(device.mqtt.url, { username: device.deviceId, password: device.secret, reconnectPeriod: 0 });
      await client.publishAsync(device.mqtt.topic, JSON.stringify({ ts: Date.now(), frames: [encodePid(0x0d, 72)] }), { qos: 1 });
      await client.endAsync();
      for (const stream of streams) await expect.poll(() => stream.text(), { timeout: 10_000 }).toMatch(/event: reading\ndata: \{[^\n]*"pid":"0D"[^\n]*"value":72/);

      // Over HTTP, new connections until each worker stored one message.
      const posted: { speed: number; worker: number | undefined }[] = [];
      while (new Set(posted.map((p) => p.worker)).size < 2 && posted.length < 8) {
        const speed = 80 + posted.length;
        const res = await requestOnNewConnection(`${ready.url}/v1/obd/devices/${device.deviceId}/frames`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${device.deviceId}:${device.secret}`).toString('base64')}` },
          body: { ts: Date.now(), frames: [encodePid(0x0d, speed)] },
        });
        expect(res.status).toBe(202);
        await expect.poll(() => workerOf(res.requestId)).toBeDefined();
        posted.push({ speed, worker: workerOf(res.requestId) });
      }
      expect(new Set(posted.map((p) => p.worker)).size).toBe(2);
      for (const stream of streams) {
        for (const { speed } of posted) await expect.poll(() => stream.text(), { timeout: 10_000 }).toMatch(new RegExp(`"pid":"0D"[^\\n]*"value":${speed}`));
      }
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('stops every worker on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    for (const pid of ready.pids!) expect(() => process.kill(pid, 0)).toThrow();
  });
});
