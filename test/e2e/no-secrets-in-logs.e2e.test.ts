import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('secrets never reach the logs', () => {
  const lines: string[] = [];
  let s: TestServer;
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });

  beforeAll(async () => {
    s = await startTestServer({
      logger: createLogger({ level: 'trace' }, sink),
      env: { NOVAEVO_ADMIN_EMAIL: 'root@novaevo.test', NOVAEVO_ADMIN_PASSWORD: 'admin-secret-password-1' },
    });
  });
  afterAll(() => s.dispose());

  it('logs requests, failures and sign-ins without passwords, tokens, hashes or emails, and cuts long values', async () => {
    const password = 'owner-secret-password-2';
    await s.call('POST', '/v1/auth/register', { body: { email: 'secret@example.fr', password, role: 'owner', name: 'S' } });
    await s.call('POST', '/v1/auth/token', { body: { email: 'secret@example.fr', password: 'wrong-password-3' } });
    const login = await s.call('POST', '/v1/auth/token', { body: { email: 'secret@example.fr', password } });
    const refreshed = await s.call('POST', '/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    await s.call('GET', '/v1/me', { token: login.body.access_token });
    await s.call('GET', '/v1/me', { token: `${login.body.access_token}x` });
    await s.call('POST', '/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } }); // reuse: logged as a warning
    const url = await s.platform.blobs.signedUrl('a/b.txt', { method: 'GET', expiresInSeconds: 60 });
    await fetch(url);

    // Bad registrations, fuzzed: none may leave an email, a password or a hash in the log.
    const emails: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('N\u0000', 'Ω≈ç√\udfff', 'ok'), async (local, name) => {
        const email = `leak${emails.length}${local.replace(/[^a-z]/g, '')}@example.fr`;
        emails.push(email);
        await s.call('POST', '/v1/auth/register', { body: { email, password: 'fuzz-secret-password-9', role: 'owner', name: `${name}${local}` } });
      }),
      { numRuns: 60, seed: 7 },
    );
    await s.call('POST', '/v1/auth/token', { body: { email: `${'x'.repeat(500_000)}@example.fr`, password: 'p' } });

    const text = lines.join('');
    expect(text).toContain('"path":"/v1/auth/token"');
    expect(text).not.toMatch(/\$argon2/);
    expect(text).not.toContain('fuzz-secret-password-9');
    for (const email of [...emails, 'secret@example.fr']) expect(text).not.toContain(email);
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThan(5000);
    expect(text).toContain('refresh token reused');
    for (const secret of [
      password,
      'wrong-password-3',
      'admin-secret-password-1',
      login.body.access_token,
      login.body.refresh_token,
      refreshed.body.refresh_token,
      new URL(url).searchParams.get('sig')!,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
