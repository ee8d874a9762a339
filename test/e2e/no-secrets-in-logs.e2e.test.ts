import { Writable } from 'node:stream';
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

  it('logs requests, failures and sign-ins without passwords or tokens', async () => {
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

    const text = lines.join('');
    expect(text).toContain('"path":"/v1/auth/token"');
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
