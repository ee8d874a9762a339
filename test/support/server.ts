import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { silentLogger, type Logger } from '../../src/platform/logger.ts';
import { startLocalServer, type LocalServer } from '../../src/runtime/local/server.ts';
import { modules } from '../../src/runtime/modules.ts';
import type { PlatformModule } from '../../src/platform/module/module.ts';
import { copyPgliteTemplate } from './databases.ts';

export interface TestServer extends LocalServer {
  dataDir: string;
  /** fetch against the server: `call('POST', '/v1/vehicles', {body, token})`. */
  call(method: string, path: string, init?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
  /** Stops the server and deletes its data folder. */
  dispose(): Promise<void>;
}

/** A fresh data folder seeded with the PGlite template (skips initdb). */
export async function freshDataDir(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-e2e-'));
  await mkdir(dataDir, { recursive: true });
  await copyPgliteTemplate(path.join(dataDir, 'pg'));
  return dataDir;
}

/** Starts the real local runtime on free ports with its own data folder. */
export async function startTestServer(
  options: { env?: Record<string, string>; clock?: Clock; dataDir?: string; logger?: Logger; modules?: readonly PlatformModule[]; pollIntervalMs?: number } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await freshDataDir());
  // `[...modules, someModule]` is how tests add a module: once that module is in the default list
  // too, the one named last (the test's own instance) replaces it, in the default's place.
  const list = options.modules ? dedupeModules(options.modules) : undefined;
  // The per-address auth rate limit is raised: every test request comes from 127.0.0.1.
  const config = loadConfig({ NOVAEVO_DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0', AUTH_RATE_LIMIT_PER_MINUTE: '100000', ...options.env }, { modules: list ?? modules });
  const server = await startLocalServer({
    config,
    logger: options.logger ?? silentLogger(),
    version: '0.0.0-test',
    // Fast polling by default, so that tests see timers and events soon; benchmarks give the runtime's own.
    pollIntervalMs: options.pollIntervalMs ?? 50,
    ...(list ? { modules: list } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    ...server,
    dataDir,
    async call(method, p, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(server.url + p, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async dispose() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Registers an account and signs it in; returns its access token and user. */
export async function signUp(
  server: TestServer,
  input: { email: string; role: 'owner' | 'pro'; name?: string; company?: { name: string; siren: string }; password?: string },
): Promise<{ token: string; refresh: string; user: any }> {
  const password = input.password ?? 'a-long-enough-password';
  const reg = await server.call('POST', '/v1/auth/register', { body: { name: 'Test', ...input, password } });
  if (reg.status !== 202) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const tok = await server.call('POST', '/v1/auth/token', { body: { email: input.email, password } });
  if (tok.status !== 200) throw new Error(`token failed: ${tok.status} ${JSON.stringify(tok.body)}`);
  const me = await server.call('GET', '/v1/me', { token: tok.body.access_token });
  return { token: tok.body.access_token, refresh: tok.body.refresh_token, user: me.body };
}

/** The token of the last verification link emailed to `userId` (what the user would click). */
export async function emailedVerificationToken(server: TestServer, userId: string): Promise<string> {
  const { items } = await server.platform.notifications.list({ userId, limit: 20 });
  const token = items.map((n) => /verify-email\?token=([\w%-]+)/.exec(n.body)?.[1]).find((t) => t !== undefined);
  if (!token) throw new Error(`no verification email for ${userId}`);
  return decodeURIComponent(token);
}

function dedupeModules(list: readonly PlatformModule[]): PlatformModule[] {
  const last = new Map(list.map((m) => [m.name, m]));
  const seen = new Set<string>();
  const out: PlatformModule[] = [];
  for (const m of list) {
    if (seen.has(m.name)) continue;
    seen.add(m.name);
    out.push(last.get(m.name)!);
  }
  return out;
}
