import net from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../support/server.ts';
import { runNovaevo, type NovaevoProcess } from '../support/process.ts';

const PASSWORD = 'a-long-enough-password';

async function post(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function start(dataDir: string, env: Record<string, string> = {}): Promise<{ p: NovaevoProcess; url: string; ready: any }> {
  const p = runNovaevo(['start'], { NOVAEVO_DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0', ...env });
  const ready = await p.waitFor(/NovaEvo is ready/);
  return { p, url: ready.url, ready };
}

describe('the local runtime as a process (npm start)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await freshDataDir();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('stops cleanly on SIGTERM and keeps what it acknowledged', async () => {
    const { p, url } = await start(dataDir);
    expect((await post(url, '/v1/auth/register', { email: 'term@example.fr', password: PASSWORD, role: 'owner', name: 'T' })).status).toBe(202);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.lines.some((l) => l.includes('NovaEvo stopped'))).toBe(true);

    const again = await start(dataDir);
    expect((await post(again.url, '/v1/auth/token', { email: 'term@example.fr', password: PASSWORD })).status).toBe(200);
    again.p.child.kill('SIGINT');
    expect(await again.p.exited).toBe(0);
  });

  it('loses no acknowledged write when killed with SIGKILL', async () => {
    const { p, url } = await start(dataDir);
    await post(url, '/v1/auth/register', { email: 'kill9@example.fr', password: PASSWORD, role: 'owner', name: 'K' });
    const token = (await post(url, '/v1/auth/token', { email: 'kill9@example.fr', password: PASSWORD })).body.access_token;
    const created = await post(url, '/v1/vehicles', { vin: 'VF1RFB00X56123456', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 }, token);
    expect(created.status).toBe(201);
    p.child.kill('SIGKILL');
    await p.exited;

    const again = await start(dataDir);
    const res = await fetch(`${again.url}/v1/vehicles/${created.body.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).vin).toBe('VF1RFB00X56123456');
    again.p.child.kill('SIGTERM');
    await again.p.exited;
  });

  it('refuses a second process on the same data folder', async () => {
    const first = await start(dataDir);
    const second = runNovaevo(['start'], { NOVAEVO_DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0' });
    expect(await second.exited).not.toBe(0);
    expect(second.lines.join('\n')).toMatch(/another NovaEvo process \(pid \d+\) is using/);
    first.p.child.kill('SIGTERM');
    await first.p.exited;
  });

  it('runs its clock from NOVAEVO_NOW', async () => {
    const { p, url } = await start(dataDir, { NOVAEVO_NOW: '2031-03-04T05:06:07Z' });
    const health = (await (await fetch(`${url}/health`)).json()) as any;
    const drift = new Date(health.time).getTime() - Date.parse('2031-03-04T05:06:07Z');
    expect(drift).toBeGreaterThanOrEqual(0);
    expect(drift).toBeLessThan(10 * 60_000);
    p.child.kill('SIGTERM');
    await p.exited;
  });

  it('explains a bad configuration and exits 2', async () => {
    const p = runNovaevo(['start'], { NOVAEVO_DATA_DIR: dataDir, NOVAEVO_NOW: 'next tuesday' });
    expect(await p.exited).toBe(2);
    expect(p.lines.join('\n')).toContain('NOVAEVO_NOW must be an ISO 8601 instant');
  });

  it('takes a free MQTT port, and says so, when 1883 is taken and MQTT_PORT is unset', async () => {
    // Hold 1883 ourselves unless something (a Mosquitto) already does.
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.once('error', () => resolve()).listen(1883, '127.0.0.1', () => resolve()));
    try {
      const p = runNovaevo(['start'], { NOVAEVO_DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '' });
      const ready = await p.waitFor(/NovaEvo is ready/);
      expect(ready.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
      expect(ready.mqtt).not.toBe('mqtt://127.0.0.1:1883');
      expect(p.lines.join('\n')).toMatch(/MQTT port taken/);
      p.child.kill('SIGTERM');
      await p.exited;
    } finally {
      holder.close();
    }
  });
});

describe('the novaevo command line', () => {
  it('documents every command with --help', async () => {
    for (const args of [['--help'], ['start', '--help'], ['migrate', '--help'], ['user', 'create', '--help']]) {
      const p = runNovaevo(args, {});
      expect(await p.exited, args.join(' ')).toBe(0);
      expect(p.lines.join('\n')).toMatch(/Usage: novaevo/);
    }
  });

  it('migrates, creates an admin, and that admin can sign in', async () => {
    const dataDir = await freshDataDir();
    try {
      const migrate = runNovaevo(['migrate'], { NOVAEVO_DATA_DIR: dataDir });
      expect(await migrate.exited).toBe(0);
      const create = runNovaevo(['user', 'create', '--role', 'admin', '--email', 'Root@Novaevo.fr', '--name', 'Root'], {
        NOVAEVO_DATA_DIR: dataDir,
        NOVAEVO_USER_PASSWORD: 'root-password-123',
      });
      expect(await create.exited).toBe(0);
      expect(create.lines.join('\n')).not.toContain('root-password-123');
      const { p, url } = await start(dataDir);
      const login = await post(url, '/v1/auth/token', { email: 'root@novaevo.fr', password: 'root-password-123' });
      expect(login.status).toBe(200);
      const dl = await fetch(`${url}/v1/admin/dead-letters`, { headers: { authorization: `Bearer ${login.body.access_token}` } });
      expect(dl.status).toBe(200);
      p.child.kill('SIGTERM');
      await p.exited;
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to create an account with a bad role', async () => {
    const p = runNovaevo(['user', 'create', '--role', 'root', '--email', 'x@example.fr'], {});
    expect(await p.exited).not.toBe(0);
    expect(p.lines.join('\n')).toMatch(/Allowed choices are owner, pro, admin/);
  });
});
