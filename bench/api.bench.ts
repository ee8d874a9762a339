import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { type BenchResult, type BenchSize, type Figure, figure, type RunOptions } from './figures.ts';

const SIZES: Record<BenchSize, { rounds: number; seconds: number }> = { small: { rounds: 1, seconds: 2 }, full: { rounds: 3, seconds: 4 } };
// Set once per run from its size (BENCH_ROUNDS / BENCH_SECONDS override it).
let ROUNDS = SIZES.small.rounds;
let SECONDS = SIZES.small.seconds;
const CONNECTIONS = 32;

interface Figures {
  per_second: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  non2xx: number;
}

/** Starts a server process and waits for the line naming its URL (`{"url": …}` or the runtime's ready log). */
function startServer(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string; msg?: string };
        if (parsed.url && (parsed.msg === undefined || parsed.msg === 'NovaEvo is ready')) resolve({ url: parsed.url, child });
      } catch {
        /* not a JSON line */
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before it was ready`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** One autocannon run (in this process; the servers run in their own). */
async function measure(options: autocannon.Options): Promise<Figures> {
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return { per_second: Math.round(r.requests.average), p50_ms: r.latency.p50, p99_ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function summarise(runs: Figures[], bare: number): Figures & { vs_bare: number; rounds: number[] } {
  const best = runs.map((r) => r.per_second);
  const mid = runs.find((r) => r.per_second === median(best)) ?? runs[0]!;
  return { ...mid, rounds: best, vs_bare: Math.round((mid.per_second / bare) * 1000) / 1000 };
}

/** Signs up an owner and registers one vehicle; returns what the scenarios need. */
async function seed(url: string): Promise<{ token: string; vehicleId: string }> {
  const password = 'a-long-enough-password';
  const post = (p: string, body: unknown, token?: string) =>
    fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  await post('/v1/auth/register', { email: 'bench@example.fr', password, role: 'owner', name: 'Bench' });
  const { access_token: token } = (await (await post('/v1/auth/token', { email: 'bench@example.fr', password })).json()) as { access_token: string };
  const car = (await (await post('/v1/vehicles', { vin: 'VF1RFB00X56000000', plate: 'AB-100-CD', make: 'Renault', model: 'Clio', year: 2020 }, token)).json()) as { id: string };
  return { token, vehicleId: car.id };
}

let vinCounter = 0;
/** Each write registers a new vehicle (a unique VIN), with its outbox event. */
const writeRequest = (url: string, token: string): autocannon.Options => ({
  url: `${url}/v1/vehicles`,
  requests: [
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ vin: `VF1RFB00${String(100_000_000 + vinCounter++).slice(-9)}`, plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2020 }) }),
    },
  ],
});

/** The platform, in its own process, on a new data folder (PGlite) or on `databaseUrl`. */
async function platformScenarios(databaseUrl: string | undefined, bareUrl: string) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-bench-'));
  const env = { PORT: '0', MQTT_PORT: '0', NOVAEVO_DATA_DIR: dataDir, LOG_FORMAT: 'json', AUTH_RATE_LIMIT_PER_MINUTE: '100000', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const { url, child } = await startServer(process.execPath, ['bin/novaevo.js', 'start'], env);
  try {
    const { token, vehicleId } = await seed(url);
    const auth = { authorization: `Bearer ${token}` };
    const scenarios: Record<string, autocannon.Options> = {
      'GET /health': { url: `${url}/health` },
      'GET /v1/vehicles/{id}': { url: `${url}/v1/vehicles/${vehicleId}`, headers: auth },
      'POST /v1/vehicles': writeRequest(url, token),
    };
    await measure({ url: `${url}/v1/vehicles/${vehicleId}`, headers: auth, duration: 1 }); // warm-up
    const runs: Record<string, Figures[]> = {};
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bare.push((await measure({ url: bareUrl })).per_second);
      for (const [name, options] of Object.entries(scenarios)) {
        runs[name] ??= [];
        runs[name].push(await measure(options));
      }
    }
    const bareMedian = median(bare);
    return Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, summarise(r, bareMedian)]));
  } finally {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A fresh PostgreSQL database for one run, dropped after. */
async function withScratchDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `novaevo_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

/**
 * The request path against its ceilings, measured in one run: a bare node:http server and a Hono
 * hello world (each in its own process), then the platform started as `novaevo start` in its own
 * process, on PGlite and (with DATABASE_URL or TEST_DATABASE_URL) on PostgreSQL. The load
 * generator (autocannon, 32 connections) runs here, never in a server's process; every scenario
 * runs in interleaved rounds (bare first in each) and reports the median round and its ratio to bare.
 */
export async function runApiBenchmark({ size, progress }: RunOptions): Promise<BenchResult> {
  ROUNDS = Number(process.env.BENCH_ROUNDS ?? SIZES[size].rounds);
  SECONDS = Number(process.env.BENCH_SECONDS ?? SIZES[size].seconds);
  const bare = await startServer(process.execPath, ['bench/servers/hello-bare.ts']);
  const hono = await startServer(process.execPath, ['bench/servers/hello-hono.ts']);
  try {
    const ceilings: Figures[] = [];
    const honoRuns: Figures[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ceilings.push(await measure({ url: bare.url }));
      honoRuns.push(await measure({ url: hono.url }));
    }
    const bareMedian = median(ceilings.map((c) => c.per_second));
    const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    const targets = {
      'GET /health': '≥ 0.60× bare',
      'GET /v1/vehicles/{id}': '≥ 0.12× bare on PGlite, ≥ 0.25× on PostgreSQL (with workers), p99 ≤ 20 ms',
      'POST /v1/vehicles': '≥ 0.05× bare on PGlite, ≥ 0.10× on PostgreSQL',
    };
    progress('platform on PGlite');
    const pglite = await platformScenarios(undefined, bare.url);
    if (postgresUrl) progress('platform on PostgreSQL');
    const postgres = postgresUrl ? await withScratchDatabase(postgresUrl, (url) => platformScenarios(url, bare.url)) : undefined;
    const honoHello = summarise(honoRuns, bareMedian);
    const bareBaseline = { name: 'bare node:http', value: bareMedian };
    const figures: Figure[] = [figure('Hono hello world', honoHello.per_second, 'req/s', { baseline: bareBaseline })];
    const minRatios = { pglite: { 'GET /health': 0.6, 'GET /v1/vehicles/{id}': 0.12, 'POST /v1/vehicles': 0.05 }, postgres: { 'GET /health': 0.6, 'GET /v1/vehicles/{id}': 0.25, 'POST /v1/vehicles': 0.1 } };
    for (const [database, scenarios] of Object.entries({ pglite, postgres })) {
      if (!scenarios) continue;
      for (const [name, min] of Object.entries(minRatios[database as keyof typeof minRatios])) {
        const f = scenarios[name]!;
        figures.push(figure(`${name} on ${database}`, f.per_second, 'req/s', { target: { op: '>=', value: min, of: 'ratio' }, baseline: bareBaseline }));
        if (name === 'GET /v1/vehicles/{id}') {
          figures.push(figure(`${name} on ${database}, p50`, f.p50_ms, 'ms'));
          figures.push(figure(`${name} on ${database}, p99`, f.p99_ms, 'ms', { target: { op: '<=', value: 20 } }));
        }
      }
    }
    const detail = {
      settings: { rounds: ROUNDS, seconds_per_run: SECONDS, connections: CONNECTIONS },
      bare_node_http: summarise(ceilings, bareMedian),
      hono_hello: honoHello,
      targets,
      pglite,
      // `novaevo start` on PostgreSQL runs one HTTP worker process per CPU (its --workers default).
      postgres_workers: postgresUrl ? os.availableParallelism() : undefined,
      postgres: postgres ?? 'skipped: set DATABASE_URL or TEST_DATABASE_URL',
    };
    return { figures, detail };
  } finally {
    await stop(bare.child);
    await stop(hono.child);
  }
}
