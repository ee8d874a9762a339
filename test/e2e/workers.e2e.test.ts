import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../src/platform/adapters/postgres/postgres-database.ts';

const url = process.env.TEST_DATABASE_URL;
const schema = `wk_${process.pid}_${Date.now().toString(36)}`;
const title = '`novaevo start --workers 2` on PostgreSQL';

interface LogLine {
  msg: string;
  pid?: number;
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

  it('stops every worker on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    for (const pid of ready.pids!) expect(() => process.kill(pid, 0)).toThrow();
  });
});
