import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Clock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import type { PlatformModule } from '../../src/platform/module/module.ts';
import { identityModule } from '../../src/modules/identity/index.ts';
import { assembleModules, type AssembledModules } from '../../src/runtime/assemble-modules.ts';
import { migrationsOf } from '../../src/runtime/migrations.ts';
import { openPlatform, type Platform } from '../../src/runtime/platform.ts';
import { emailedVerificationToken, freshDataDir, signUp, type TestServer } from './server.ts';

export interface ModuleUnderTest {
  /** The platform's adapters (migrated PGlite copy; no HTTP, no broker). */
  platform: Platform;
  /** Identity and the module, initialised and registered as the runtime does. */
  modules: AssembledModules;
  /** Runs background work until idle: events, timers, notifications. */
  drain(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Opens `module` (with identity before it) on a fresh migrated PGlite copy, with the given
 * clock and environment: its routes, subscriptions, tasks and workflows are registered but no
 * server listens. `modules.routers` can be called with `app.request(...)` if a test wants HTTP.
 */
export async function openModuleForTest(module: PlatformModule, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<ModuleUnderTest> {
  const dataDir = await freshDataDir();
  const list = [identityModule, module] as readonly PlatformModule[];
  const config = loadConfig({ NOVAEVO_DATA_DIR: dataDir, ...options.env }, { modules: list });
  const platform = await openPlatform({
    config,
    logger: silentLogger(),
    baseUrl: 'http://127.0.0.1:0',
    migrations: migrationsOf(list),
    pollIntervalMs: 20,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let modules: AssembledModules;
  try {
    modules = await assembleModules(platform, list, { clientAddress: () => '127.0.0.1', publicUrl: 'http://127.0.0.1:0' });
    await platform.start();
  } catch (err) {
    await platform.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    platform,
    modules,
    async drain() {
      for (let i = 0; i < 20; i++) {
        const fired = (await platform.scheduler.runOnce()) + (await platform.events.drain());
        if (fired === 0) return;
      }
    },
    async dispose() {
      await modules.close();
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}


/**
 * A signed-in account of the given kind on a running test server: `verified-pro` is a pro
 * whose organisation was verified (as KBIS verification would), `admin` is created the way
 * the CLI does.
 */
export async function signInAs(
  server: TestServer,
  kind: 'owner' | 'pro' | 'verified-pro' | 'admin',
): Promise<{ token: string; refresh: string; userId: string; orgId: string | null; email: string }> {
  const email = `${kind}-${randomUUID().slice(0, 8)}@example.fr`;
  const password = 'a-long-enough-password';
  if (kind === 'admin') {
    await server.api.modules.identity.createUser({ email, password, role: 'admin', name: 'Admin' });
    const tok = await server.call('POST', '/v1/auth/token', { body: { email, password } });
    const me = await server.call('GET', '/v1/me', { token: tok.body.access_token });
    return { token: tok.body.access_token, refresh: tok.body.refresh_token, userId: me.body.id, orgId: null, email };
  }
  const company = kind === 'owner' ? undefined : { name: `Garage ${email.slice(0, 12)}`, siren: nextSiren() };
  const { token, refresh, user } = await signUp(server, { email, role: kind === 'owner' ? 'owner' : 'pro', password, ...(company ? { company } : {}) });
  const orgId: string | null = user.organisation?.id ?? null;
  if (kind === 'verified-pro' && orgId) {
    // As the user would: the emailed link, then the company's verification (KBIS's decision).
    const verified = await server.call('POST', '/v1/auth/verify-email', { body: { token: await emailedVerificationToken(server, user.id) } });
    if (verified.status !== 200) throw new Error(`email verification failed: ${JSON.stringify(verified.body)}`);
    await server.api.modules.identity.setOrganisationVerification(orgId, { status: 'verified', source: 'test', at: new Date() });
  }
  return { token, refresh, userId: user.id, orgId, email };
}

let sirenSeed = Math.floor(Math.random() * 1e7);

/** A fresh valid SIREN (Luhn), different on each call. */
export function nextSiren(): string {
  const body = String(100_000_00 + (sirenSeed++ % 89_999_999)).padStart(8, '0');
  for (let d = 0; d <= 9; d++) {
    const candidate = body + d;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let n = Number(candidate[8 - i]);
      if (i % 2 === 1) n *= 2;
      sum += n > 9 ? n - 9 : n;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one check digit always fits');
}
