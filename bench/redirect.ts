import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { type BenchResult, type BenchSize, figure, type RunOptions } from './figures.ts';

const SIZES: Record<BenchSize, { rounds: number; seconds: number; clicks: number }> = { small: { rounds: 1, seconds: 3, clicks: 1_000 }, full: { rounds: 3, seconds: 5, clicks: 5_000 } };
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const ADMIN = { email: 'bench-admin@example.fr', password: 'a-long-enough-password' };

// The ceiling: node:http answering the same 302 (click id and UTM parameters on the stored URL)
// from an in-memory map, nothing recorded.
const BARE_SERVER = `
import http from 'node:http';
import { randomUUID } from 'node:crypto';
const links = new Map([['BENCHCODE', 'https://www.pneus.example.fr/promo?ref=bench']]);
const server = http.createServer((req, res) => {
  const dest = links.get(req.url.slice(3));
  if (!dest) { res.writeHead(404).end(); return; }
  const url = new URL(dest);
  url.searchParams.set('nv_click', randomUUID());
  url.searchParams.set('utm_source', 'novaevo'); url.searchParams.set('utm_medium', 'affiliate'); url.searchParams.set('utm_campaign', 'bench');
  res.writeHead(302, { Location: url.href, 'Cache-Control': 'private, no-store' }).end();
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));`;

// The local runtime with the affiliation module (added when src/runtime/modules.ts lacks it), as
// \`novaevo start\` runs it: its own process, PGlite in a data folder, SIGTERM stops it gracefully.
const ROOT = pathToFileURL(process.cwd()).href;
const RUNTIME_SERVER = `
import { loadConfig } from '${ROOT}/src/platform/config.ts';
import { createLogger } from '${ROOT}/src/platform/logger.ts';
import { startLocalServer } from '${ROOT}/src/runtime/local/server.ts';
import { modules } from '${ROOT}/src/runtime/modules.ts';
import { affiliationModule } from '${ROOT}/src/modules/affiliation/index.ts';
const list = modules.some((m) => m.name === 'affiliation') ? modules : [...modules, affiliationModule];
const config = loadConfig(process.env, { modules: list });
const server = await startLocalServer({ config, logger: createLogger({ level: 'warn', pretty: false }), version: 'bench', modules: list });
console.log(JSON.stringify({ url: server.url }));
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));`;

interface Run {
  per_second: number;
  p50_ms: number;
  p99_ms: number;
  redirects: number;
  errors: number;
}

/** Runs a server script (written to a file: workers inherit the flags, so no `-e`) until it prints its URL. */
function startServer(file: string, env: NodeJS.ProcessEnv = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"url"')) resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
}

const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r())));

/** autocannon in its own process (never the servers' event loop): its JSON summary. */
function autocannon(url: string, load: { seconds: number } | { amount: number }, onStarted?: (child: ChildProcess) => void): Promise<Run> {
  const size = 'amount' in load ? ['-a', String(load.amount)] : ['-d', String(load.seconds)];
  const args = [path.resolve('node_modules/autocannon/autocannon.js'), '-j', '-c', String(CONNECTIONS), ...size, '-H', `user-agent=${UA}`, url];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  onStarted?.(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', () => {
      try {
        const r = JSON.parse(out) as { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; timeouts: number; statusCodeStats?: Record<string, { count: number }> };
        resolve({ per_second: Math.round(r.requests.average), p50_ms: r.latency.p50, p99_ms: r.latency.p99, redirects: r.statusCodeStats?.['302']?.count ?? 0, errors: r.errors + r.timeouts });
      } catch (err) {
        reject(err);
      }
    });
  });
}

async function api(url: string, method: string, p: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(url + p, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

const adminToken = async (url: string) => (await api(url, 'POST', '/v1/auth/token', ADMIN)).access_token as string;

/** Every click the runtime recorded (people and bots), from its report. */
async function recordedClicks(url: string): Promise<number> {
  const day = new Date().toISOString().slice(0, 10);
  const { rows } = await api(url, 'GET', `/v1/affiliate/reports?from=${day}&to=${day}&groupBy=partner`, undefined, await adminToken(url));
  return (rows as { clicks: number; botClicks: number }[]).reduce((n, r) => n + r.clicks + r.botClicks, 0);
}

const median = (xs: Run[]) => [...xs].sort((a, b) => a.per_second - b.per_second)[Math.floor(xs.length / 2)]!;

const ratio = (a: Run, b: Run) => Math.round((a.per_second / b.per_second) * 1000) / 1000;

/** A runtime in its own process and data folder, seeded with a partner and a link. */
async function runtimeWith(work: string, name: string, sync: 'fsync' | 'write') {
  const script = path.join(work, 'runtime.mts');
  const env = { PORT: '0', MQTT_PORT: '0', NOVAEVO_DATA_DIR: path.join(work, name), AFFILIATION_CLICK_SYNC: sync, NOVAEVO_ADMIN_EMAIL: ADMIN.email, NOVAEVO_ADMIN_PASSWORD: ADMIN.password, AUTH_RATE_LIMIT_PER_MINUTE: '100000' };
  let server = await startServer(script, env);
  const token = await adminToken(server.url);
  const partner = await api(server.url, 'POST', '/v1/affiliate/partners', { name: 'Bench', domains: ['pneus.example.fr'], commission: { type: 'percent', value: 5 }, attributionWindowDays: 30, clickIdParam: 'nv_click' }, token);
  const { code } = await api(server.url, 'POST', '/v1/affiliate/links', { partnerId: partner.id, url: 'https://www.pneus.example.fr/promo?ref=bench', campaign: 'bench' }, token);
  return {
    get child() {
      return server.child;
    },
    redirectUrl: () => `${server.url}/r/${code}`,
    healthUrl: () => `${server.url}/health`,
    recorded: () => recordedClicks(server.url),
    async restart(how: 'SIGTERM' | 'SIGKILL') {
      const started = performance.now();
      server.child.kill(how);
      await exited(server.child);
      const stopMs = Math.round(performance.now() - started);
      server = await startServer(script, env);
      return stopMs;
    },
  };
}

/**
 * Exactly `amount` redirects (autocannon waits for every one, unlike a timed run, which leaves
 * its in-flight requests uncounted), a graceful stop, then a SIGKILL halfway through a timed run:
 * after each restart, the recorded clicks are compared with the redirects the client received.
 */
async function durability(rt: Awaited<ReturnType<typeof runtimeWith>>, amount: number) {
  const before = await rt.recorded();
  const exact = await autocannon(rt.redirectUrl(), { amount });
  const stopMs = await rt.restart('SIGTERM');
  const afterStop = await rt.recorded();
  const victim = rt.child;
  const killed = await autocannon(rt.redirectUrl(), { seconds: 4 }, () => setTimeout(() => victim.kill('SIGKILL'), 2_000));
  await rt.restart('SIGKILL');
  const afterKill = (await rt.recorded()) - afterStop;
  return {
    graceful_stop: { redirects_served: exact.redirects, clicks_recorded: afterStop - before, equal: exact.redirects === afterStop - before && exact.errors === 0, stop_ms: stopMs },
    sigkill: { redirects_received: killed.redirects, clicks_recorded: afterKill, none_lost: afterKill >= killed.redirects, answered_not_received: afterKill - killed.redirects },
  };
}

/**
 * The redirect `GET /r/{code}` on the local runtime (PGlite, each runtime in its own process),
 * with the click journal synced before answering (`fsync`) and written to the page cache before
 * answering (`write`), against a bare node:http server answering the same 302 from a map, and
 * GET /health on the runtime (the platform's own per-request cost), in interleaved rounds. Then,
 * per mode, clicks recorded against redirects served after a graceful stop and after a SIGKILL.
 */
export async function runRedirectBenchmark({ size, progress }: RunOptions): Promise<BenchResult> {
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? SIZES[size].rounds);
  const SECONDS = Number(process.env.BENCH_SECONDS ?? SIZES[size].seconds);
  const work = await mkdtemp(path.join(os.tmpdir(), 'novaevo-bench-redirect-'));
  await writeFile(path.join(work, 'bare.mjs'), BARE_SERVER);
  await writeFile(path.join(work, 'runtime.mts'), RUNTIME_SERVER);
  const children: (() => ChildProcess)[] = [];
  try {
    const bare = await startServer(path.join(work, 'bare.mjs'));
    children.push(() => bare.child);
    const fsync = await runtimeWith(work, 'fsync', 'fsync');
    children.push(() => fsync.child);
    const write = await runtimeWith(work, 'write', 'write');
    children.push(() => write.child);

    const runs = { bare: [] as Run[], fsync: [] as Run[], write: [] as Run[], health: [] as Run[] };
    await autocannon(fsync.redirectUrl(), { seconds: 1 }); // warm-up
    await autocannon(write.redirectUrl(), { seconds: 1 });
    for (let round = 0; round < ROUNDS; round++) {
      progress(`round ${round + 1} of ${ROUNDS}: bare, fsync, write, /health, ${SECONDS} s each`);
      runs.bare.push(await autocannon(`${bare.url}/r/BENCHCODE`, { seconds: SECONDS }));
      runs.fsync.push(await autocannon(fsync.redirectUrl(), { seconds: SECONDS }));
      runs.write.push(await autocannon(write.redirectUrl(), { seconds: SECONDS }));
      runs.health.push(await autocannon(fsync.healthUrl(), { seconds: SECONDS }));
    }
    const mid = { bare: median(runs.bare), fsync: median(runs.fsync), write: median(runs.write), health: median(runs.health) };
    progress(`durability: ${SIZES[size].clicks} redirects, graceful stop, then SIGKILL, per journal mode`);
    const durable = { fsync: await durability(fsync, SIZES[size].clicks), write: await durability(write, SIZES[size].clicks) };
    const targets = (m: 'fsync' | 'write') => ({
      'redirects/s >= 10000': mid[m].per_second >= 10_000,
      'p99 <= 10 ms': mid[m].p99_ms <= 10,
      '>= 60% of bare': mid[m].per_second >= 0.6 * mid.bare.per_second,
      'recorded == served after graceful stop': durable[m].graceful_stop.equal,
      'none lost on SIGKILL': durable[m].sigkill.none_lost,
    });
    const figures = (['fsync', 'write'] as const).flatMap((m) => [
      figure(`redirects/s (${m} journal)`, mid[m].per_second, 'req/s', { target: { op: '>=', value: 10_000 }, baseline: { name: 'bare node:http 302', value: mid.bare.per_second } }),
      figure(`share of bare node:http (${m} journal)`, ratio(mid[m], mid.bare), '', { target: { op: '>=', value: 0.6 } }),
      figure(`p99 latency (${m} journal)`, mid[m].p99_ms, 'ms', { target: { op: '<=', value: 10 }, baseline: { name: 'bare node:http 302', value: mid.bare.p99_ms } }),
      figure(`clicks lost after a graceful stop (${m} journal)`, durable[m].graceful_stop.redirects_served - durable[m].graceful_stop.clicks_recorded, 'clicks', { target: { op: '<=', value: 0 } }),
      figure(`clicks lost on SIGKILL (${m} journal)`, Math.max(0, -durable[m].sigkill.answered_not_received), 'clicks', { target: { op: '<=', value: 0 } }),
    ]);
    figures.push(figure('GET /health on the runtime', mid.health.per_second, 'req/s', { baseline: { name: 'bare node:http 302', value: mid.bare.per_second } }));
    const detail = {
      settings: { rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, database: 'pglite', loadavg_at_end: os.loadavg() },
      bare: { ...mid.bare, rounds: runs.bare.map((r) => r.per_second) },
      redirect_fsync: { ...mid.fsync, rounds: runs.fsync.map((r) => r.per_second), vs_bare: ratio(mid.fsync, mid.bare), ...durable.fsync, targets: targets('fsync') },
      redirect_write: { ...mid.write, rounds: runs.write.map((r) => r.per_second), vs_bare: ratio(mid.write, mid.bare), ...durable.write, targets: targets('write') },
      health: { ...mid.health, rounds: runs.health.map((r) => r.per_second), vs_bare: ratio(mid.health, mid.bare) },
    };
    return { figures, detail };
  } finally {
    for (const child of children.map((c) => c())) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await rm(work, { recursive: true, force: true });
  }
}
