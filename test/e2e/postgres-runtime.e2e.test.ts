import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../src/platform/adapters/postgres/postgres-database.ts';
import { signUp, startTestServer, type TestServer } from '../support/server.ts';

const url = process.env.TEST_DATABASE_URL;
const schema = `rt_${process.pid}_${Date.now().toString(36)}`;

/** DATABASE_URL pointing at a schema of its own on the test server. */
function databaseUrl(): string {
  const u = new URL(url!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

describe.skipIf(!url)('the runtime on a real PostgreSQL server (DATABASE_URL)', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const admin = await openPostgresDatabase({ connectionString: url!, schema });
    await admin.close();
    // Two processes' worth of platform starting together on one empty database, as Lambda instances would.
    [a, b] = await Promise.all([startTestServer({ env: { DATABASE_URL: databaseUrl() } }), startTestServer({ env: { DATABASE_URL: databaseUrl() } })]);
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    const admin = await openPostgresDatabase({ connectionString: url! });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  it('runs the same migrations and reports the postgres adapter', async () => {
    expect((await a.call('GET', '/health')).body.adapters.database).toBe('postgres');
  });

  it('agrees on one signing key', async () => {
    const [ka, kb] = await Promise.all([a.call('GET', '/.well-known/jwks.json'), b.call('GET', '/.well-known/jwks.json')]);
    expect(ka.body.keys).toHaveLength(1);
    expect(kb.body).toEqual(ka.body);
  });

  it('shares accounts, signing keys and data between instances', async () => {
    const { token } = await signUp(a, { email: 'pg@example.fr', role: 'owner' });
    const created = await b.call('POST', '/v1/vehicles', { token, body: { vin: 'VF1RFB00X56222222', plate: 'AB-222-CD', make: 'Citroën', model: 'C3', year: 2018 } });
    expect(created.status).toBe(201);
    const read = await a.call('GET', `/v1/vehicles/${created.body.id}`, { token });
    expect(read.body).toEqual(created.body);
  });

  it('counts failed logins across instances', async () => {
    await signUp(a, { email: 'pg-lock@example.fr', role: 'owner' });
    for (let i = 0; i < 5; i++) {
      const s = i % 2 === 0 ? a : b;
      await s.call('POST', '/v1/auth/token', { body: { email: 'pg-lock@example.fr', password: `nope-${i}` } });
    }
    const locked = await b.call('POST', '/v1/auth/token', { body: { email: 'pg-lock@example.fr', password: 'a-long-enough-password' } });
    expect([locked.status, locked.body.code]).toEqual([429, 'LOGIN_LOCKED']);
  });
});
