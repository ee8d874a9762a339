import { fork } from 'node:child_process';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import mqtt from 'mqtt';
import pg from 'pg';
import { startEmbeddedBroker } from '../src/platform/adapters/local/aedes-broker.ts';
import { silentLogger } from '../src/platform/logger.ts';
import { encodePid } from '../src/modules/obd/decoder/index.ts';
import { killHard, launchRuntime, type RuntimeChild } from '../src/modules/obd/ingest-crash.harness.ts';
import { createObdModule, type StoredMessage } from '../src/modules/obd/index.ts';
import { modules } from '../src/runtime/modules.ts';
import { freshDataDir, signUp, startTestServer } from '../test/support/server.ts';
import { type BenchResult, type BenchSize, figure, type RunOptions } from './figures.ts';
import { load } from './load.ts';

/**
 * `npm run bench -- obd`: simulated OBD dongles (mqtt.js, in a process of their own, as real devices
 * are: they share neither the server's event loop nor its open-file limit) connect with their own credentials and publish QoS 1 frames
 * through the embedded broker into the ingestion path and the time series. Phases: a raw
 * pass-through (another embedded broker, one subscriber counting, no decoding, no storage: the
 * ceiling), the ingestion run, then a kill -9 of the server (run in a process of its own for that
 * phase) while devices publish, and a restart on the same data folder (persistent device sessions).
 * Size: the full size is the (10,000 devices); OBD_BENCH_DEVICES, OBD_BENCH_RATE (messages/s
 * per device) and OBD_BENCH_SECONDS override either. OBD_BENCH_DATABASE_URL runs it on PostgreSQL
 * (a scratch database made on that server for the run).
 */
const SIZES: Record<BenchSize, { devices: number; rate: number; seconds: number }> = { small: { devices: 100, rate: 2, seconds: 6 }, full: { devices: 10_000, rate: 0.5, seconds: 60 } };
const TARGETS = { connections: 10_000, readings_per_second: 20_000, lost: 0 };

interface DeviceCredentials {
  id: string;
  secret: string;
  topic: string;
}
type Command = { cmd: 'connect'; url: string; devices: DeviceCredentials[]; open: boolean } | { cmd: 'publish'; seconds: number; rate: number } | { cmd: 'status' } | { cmd: 'close' };

// Eight gauges per message: engine speed, speed, coolant, voltage, load, throttle, intake air, MAF.
function frames(i: number): string[] {
  return [
    encodePid(0x0c, 800 + (i % 3000)),
    encodePid(0x0d, i % 130),
    encodePid(0x05, 85 + (i % 10)),
    encodePid(0x42, 14.1),
    encodePid(0x04, 30),
    encodePid(0x11, 20),
    encodePid(0x0f, 25),
    encodePid(0x10, 12.5),
  ];
}
const READINGS_PER_MESSAGE = 8;

/** The device side, run in the devices' process. */
function deviceWorker(): void {
  let clients: mqtt.MqttClient[] = [];
  let devices: DeviceCredentials[] = [];
  const reply = (message: unknown) => process.send!(message);
  // Never outlive the benchmark, however it ends.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (command: Command) => {
    if (command.cmd === 'connect') {
      devices = command.devices;
      const t0 = performance.now();
      const outcomes = await Promise.allSettled(
        devices.map((d, i) =>
          // Persistent sessions (clean: false, fixed ids): what a dongle does to survive a broker restart.
          mqtt.connectAsync(command.url, { clientId: `bench-${command.open ? 'raw' : 'obd'}-${i}`, username: d.id, password: d.secret, clean: false, reconnectPeriod: 250, connectTimeout: 30_000, protocolVersion: 4 }),
        ),
      );
      clients = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      reply({ connected: clients.length, failed: outcomes.length - clients.length, seconds: (performance.now() - t0) / 1000 });
    } else if (command.cmd === 'publish') {
      let published = 0;
      let acked = 0;
      let errors = 0;
      const last = new Array<number>(clients.length).fill(0);
      const first = Date.now();
      const period = 1000 / command.rate;
      const timers = clients.map((client, i) =>
        setTimeout(() => {
          const tick = () => {
            // A distinct timestamp per message and device: stored points never overwrite each other.
            const ts = Math.max(Date.now(), last[i]! + 1);
            last[i] = ts;
            published++;
            client.publishAsync(devices[i]!.topic, `{"ts":${ts},"frames":${JSON.stringify(frames(published))}}`, { qos: 1 }).then(
              () => void acked++,
              () => void errors++,
            );
          };
          tick();
          timers[i] = setInterval(tick, period);
        }, Math.random() * period),
      );
      await new Promise((r) => setTimeout(r, command.seconds * 1000));
      for (const t of timers) clearInterval(t);
      const lastTs = Date.now();
      // Unacknowledged publishes stay in mqtt.js's queue and are resent: wait for their PUBACKs.
      for (let i = 0; i < 600 && acked + errors < published; i++) await new Promise((r) => setTimeout(r, 100));
      reply({ published, acked, errors, first, last: lastTs });
    } else if (command.cmd === 'status') {
      reply({ connected: clients.filter((c) => c.connected).length });
    } else {
      await Promise.all(clients.map((c) => c.endAsync(true)));
      reply({ closed: clients.length });
    }
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** Stored messages of one phase: latencies and readings, as the module reports them. */
class StoredTally {
  latencies: number[] = [];
  readings = 0;
  lastAt = 0;
  record(m: StoredMessage): void {
    const now = Date.now();
    this.latencies.push(now - m.ts.getTime());
    this.readings += m.readings;
    this.lastAt = now;
  }
}

export async function runObdBenchmark({ size, progress }: RunOptions): Promise<BenchResult> {
  const FULL = size === 'full';
  const DEVICES = Number(process.env.OBD_BENCH_DEVICES ?? SIZES[size].devices);
  const RATE = Number(process.env.OBD_BENCH_RATE ?? SIZES[size].rate);
  const SECONDS = Number(process.env.OBD_BENCH_SECONDS ?? SIZES[size].seconds);
  const dataDir = await freshDataDir();
  const mqttPort = await freePort();
  let tally = new StoredTally();
  const obd = createObdModule({ onStored: (m) => tally.record(m) });
  // OBD_BENCH_DATABASE_URL: PostgreSQL instead of the embedded PGlite, in a scratch database made
  // on that server for the run (so e.g. the shared test database can be named) and dropped after.
  const scratch = process.env.OBD_BENCH_DATABASE_URL ? await scratchDatabase(process.env.OBD_BENCH_DATABASE_URL) : undefined;
  const databaseUrl = scratch?.url;
  const env = { LOG_LEVEL: 'silent', MQTT_PORT: String(mqttPort), OBD_DEVICE_MQTT_URL: `mqtt://127.0.0.1:${mqttPort}`, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const server = await startTestServer({ dataDir, modules: [...modules, obd], env });
  let serverOpen = true;
  let runtime: RuntimeChild | undefined;
  const devicesProcess = fork(new URL(import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, OBD_BENCH_ROLE: 'devices' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(command: Command) =>
    new Promise<T>((resolve, reject) => {
      if (devicesProcess.exitCode !== null || devicesProcess.signalCode !== null) return reject(new Error('the devices process has exited'));
      devicesProcess.once('message', (answer) => resolve(answer as T));
      devicesProcess.send(command);
    });
  try {
    // Set-up: one owner, a vehicle per device (bulk SQL: registering thousands of cars by HTTP is not what is measured), devices by HTTP.
    const { token } = await signUp(server, { email: 'bench-obd@example.fr', role: 'owner' });
    const me = await server.call('GET', '/v1/me', { token });
    await server.platform.db.query(
      `INSERT INTO vehicles (id, owner_user_id, vin, plate, make, model, year, created_at)
       SELECT gen_random_uuid(), $1, 'VF1BENCH' || lpad(n::text, 9, '0'), 'AB-123-CD', 'Renault', 'Clio', 2020, now() FROM generate_series(1, $2) AS n`,
      [me.body.id, DEVICES],
    );
    const devices: DeviceCredentials[] = new Array(DEVICES);
    const setup = await load(DEVICES, 8, async (i) => {
      const res = await server.call('POST', '/v1/obd/devices', { token, body: { vin: `VF1BENCH${String(i + 1).padStart(9, '0')}`, label: `bench ${i}` } });
      devices[i] = { id: res.body.deviceId, secret: res.body.secret, topic: res.body.mqtt.topic };
      return res.status === 201;
    });

    progress(`${DEVICES} devices registered; raw broker pass-through, ${SECONDS} s at ${RATE} messages/s each`);
    // 1. Ceiling: the same devices and rate through a bare embedded broker, one subscriber counting.
    // Same broker set-up as the platform's (LevelDB persistence), without access policy or ingestion.
    const raw = await startEmbeddedBroker({ port: 0, logger: silentLogger(), dataFolder: path.join(dataDir, 'raw-mqtt') });
    const sink = await mqtt.connectAsync(raw.url, { clientId: 'bench-sink', clean: true, protocolVersion: 4 });
    const rawLatencies: number[] = [];
    sink.on('message', (_topic, payload) => rawLatencies.push(Date.now() - Number(payload.subarray(6, 19).toString())));
    await sink.subscribeAsync('novaevo/v1/devices/+/obd', { qos: 1 });
    const rawConnect = await ask<{ connected: number; seconds: number }>({ cmd: 'connect', url: raw.url, devices, open: true });
    const rawRun = await ask<{ acked: number; first: number; last: number }>({ cmd: 'publish', seconds: SECONDS, rate: RATE });
    await new Promise((r) => setTimeout(r, 1000));
    await ask({ cmd: 'close' });
    await sink.endAsync();
    await raw.close();
    const rawSeconds = (rawRun.last - rawRun.first) / 1000;

    progress('ingestion through the platform');
    // 2. Ingestion: broker → platform client → decoder → batched time-series writes.
    const connect = await ask<{ connected: number; failed: number; seconds: number }>({ cmd: 'connect', url: server.mqttUrl, devices, open: false });
    tally = new StoredTally();
    const run = await ask<{ published: number; acked: number; errors: number; first: number; last: number }>({ cmd: 'publish', seconds: SECONDS, rate: RATE });
    await drained(() => tally.latencies.length, run.acked);
    const held = await ask<{ connected: number }>({ cmd: 'status' });
    const countStored = async (first: number, last: number) =>
      Number((await server.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ts_points WHERE series = 'obd.0C' AND time >= $1 AND time <= $2`, [new Date(first), new Date(last)])).rows[0]!.n);
    const storedMessages = await countStored(run.first, run.last);
    const ingestSeconds = (Math.max(tally.lastAt, run.last) - run.first) / 1000;
    const ingest = tally;

    progress('kill -9 of the server process while devices publish, then a restart on the same folder');
    // 3. Restart: the server moves to a process of its own (same folder and MQTT port; the devices
    // reconnect), devices publish, and that process is killed with SIGKILL mid-stream and started again.
    await server.close();
    serverOpen = false;
    const childEnv = { OBD_DEVICE_MQTT_URL: env.OBD_DEVICE_MQTT_URL, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    runtime = await launchRuntime(dataDir, mqttPort, childEnv);
    await waitFor(async () => (await ask<{ connected: number }>({ cmd: 'status' })).connected >= held.connected, 30_000);
    const during = ask<{ published: number; acked: number; errors: number; first: number; last: number }>({ cmd: 'publish', seconds: Math.max(6, SECONDS / 2), rate: RATE });
    await new Promise((r) => setTimeout(r, 2000));
    const restartAt = performance.now();
    await killHard(runtime.child);
    runtime = await launchRuntime(dataDir, mqttPort, childEnv);
    const restartSeconds = (performance.now() - restartAt) / 1000;
    const restartRun = await during;
    const countAfterRestart = async () => (await runtime!.times('obd.0C', restartRun.first, restartRun.last)).length;
    await drained(countAfterRestart, restartRun.acked);
    const restartStored = await countAfterRestart();

    const rawPerSecond = (rawLatencies.length * READINGS_PER_MESSAGE) / rawSeconds;
    const storedPerSecond = ingest.readings / ingestSeconds;
    const figures = [
      figure('readings stored per second', round(storedPerSecond), 'readings/s', {
        target: { op: '>=', value: TARGETS.readings_per_second },
        baseline: { name: 'bare broker pass-through', value: round(rawPerSecond) },
        targetAtFullSize: size,
        note: `${DEVICES} devices × ${RATE} messages/s × ${READINGS_PER_MESSAGE} readings offered`,
      }),
      figure('connections held', held.connected, 'devices', { target: { op: '>=', value: TARGETS.connections }, targetAtFullSize: size }),
      figure('connection failures', connect.failed, 'devices', { target: { op: '<=', value: 0 } }),
      figure('publish to stored, p99', percentile(ingest.latencies, 99), 'ms', { baseline: { name: 'publish to received, bare broker', value: percentile(rawLatencies, 99) } }),
      figure('messages lost (acknowledged, not stored)', run.acked - storedMessages, 'messages', { target: { op: '<=', value: TARGETS.lost } }),
      figure('messages lost across a restart', restartRun.acked - restartStored, 'messages', { target: { op: '<=', value: TARGETS.lost } }),
      figure('restart after kill -9', round(restartSeconds), 's'),
    ];
    const detail = {
      database: databaseUrl ? 'postgres' : 'pglite',
      size: { devices: DEVICES, messages_per_second_per_device: RATE, seconds: SECONDS, readings_per_message: READINGS_PER_MESSAGE, full: FULL },
      targets: TARGETS,
      setup: { device_creations_per_second: setup.per_second, errors: setup.errors },
      baseline_raw_broker: {
        connections: rawConnect.connected,
        messages_received: rawLatencies.length,
        messages_per_second: round(rawLatencies.length / rawSeconds),
        readings_equivalent_per_second: round((rawLatencies.length * READINGS_PER_MESSAGE) / rawSeconds),
        p99_publish_to_received_ms: percentile(rawLatencies, 99),
        lost: rawRun.acked - rawLatencies.length,
      },
      ingestion: {
        connections_held: held.connected,
        connect_failures: connect.failed,
        connect_seconds: round(connect.seconds),
        messages_published: run.published,
        messages_acked: run.acked,
        messages_stored: storedMessages,
        readings_stored_per_second: round(ingest.readings / ingestSeconds),
        p50_publish_to_stored_ms: percentile(ingest.latencies, 50),
        p99_publish_to_stored_ms: percentile(ingest.latencies, 99),
        lost: run.acked - storedMessages,
        vs_raw_broker: round(ingest.readings / ingestSeconds / ((rawLatencies.length * READINGS_PER_MESSAGE) / rawSeconds)),
      },
      restart: { how: 'SIGKILL of the server process, then a new process on the same data folder', restart_seconds: round(restartSeconds), messages_acked: restartRun.acked, messages_stored: restartStored, lost: restartRun.acked - restartStored, publish_errors: restartRun.errors },
    };
    return { figures, detail };
  } finally {
    await ask({ cmd: 'close' }).catch(() => {});
    devicesProcess.kill();
    if (serverOpen) await server.close();
    if (runtime) await killHard(runtime.child);
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A new, empty database on the server of `url`; `drop` removes it. */
async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `novaevo_obd_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  return { url: scratchUrl.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Waits until `done` holds, at most `ms`. */
async function waitFor(done: () => Promise<boolean>, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end && !(await done()); ) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Waits until `count` reaches `expected` or stops moving for 30 s: a backlog is written in big
 * batches (one transaction per batch, tens of thousands of points behind 10,000 devices), and
 * nothing counts as stored until its batch commits.
 */
async function drained(count: () => number | Promise<number>, expected: number): Promise<void> {
  let last = -1;
  let still = 0;
  while (still < 300) {
    const now = await count();
    if (now >= expected) return;
    still = now === last ? still + 1 : 0;
    last = now;
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (process.env.OBD_BENCH_ROLE === 'devices') deviceWorker();
