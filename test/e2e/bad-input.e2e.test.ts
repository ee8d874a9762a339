import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestServer, type TestServer } from '../support/server.ts';

const PROBLEM_TYPE = 'application/problem+json';

describe('bad input is a 4xx problem, never a 500', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startTestServer({ env: { JSON_BODY_LIMIT: '2048' } });
    token = (await signUp(s, { email: 'bad-input@example.fr', role: 'owner' })).token;
  });
  afterAll(() => s.dispose());

  async function raw(method: string, path: string, body: string | undefined, headers: Record<string, string>) {
    const res = await fetch(s.url + path, { method, headers: { authorization: `Bearer ${token}`, ...headers }, ...(body === undefined ? {} : { body }) });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json().catch(() => undefined)) as any };
  }

  it('names every invalid field of a validation failure', async () => {
    const res = await s.call('POST', '/v1/vehicles', { token, body: { vin: 12, make: '', year: 'soon' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(PROBLEM_TYPE);
    expect(res.body).toMatchObject({ type: 'https://novaevo.fr/problems/validation-failed', title: 'Bad Request', status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(['make', 'model', 'plate', 'vin', 'year']);
    expect(res.body.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('answers malformed JSON with MALFORMED_JSON', async () => {
    const res = await raw('POST', '/v1/vehicles', '{"vin": "VF1', { 'content-type': 'application/json' });
    expect([res.status, res.type, res.body.code]).toEqual([400, PROBLEM_TYPE, 'MALFORMED_JSON']);
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await raw('POST', '/v1/vehicles', 'vin=VF1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([res.status, res.type, res.body.code]).toEqual([415, PROBLEM_TYPE, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('answers a body over the limit with 413, whether or not it declares its length', async () => {
    const big = JSON.stringify({ vin: 'x'.repeat(5000) });
    const declared = await raw('POST', '/v1/vehicles', big, { 'content-type': 'application/json' });
    expect([declared.status, declared.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await fetch(`${s.url}/v1/vehicles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes and unknown methods with ROUTE_NOT_FOUND', async () => {
    for (const [method, path] of [['GET', '/v1/nothing-here'], ['DELETE', '/v1/vehicles'], ['GET', '/']]) {
      const res = await raw(method!, path!, undefined, {});
      expect([res.status, res.type, res.body.code]).toEqual([404, PROBLEM_TYPE, 'ROUTE_NOT_FOUND']);
    }
  });

  it('answers a garbage or forged cursor with CURSOR_INVALID, clamps a limit out of bounds and refuses one that is no number', async () => {
    expect((await s.call('GET', '/v1/vehicles?cursor=%%%', { token })).body.code).toBe('CURSOR_INVALID');
    expect((await s.call('GET', '/v1/vehicles?cursor=eyJ4IjoxfQ', { token })).body.code).toBe('CURSOR_INVALID');
    // A well-formed cursor whose position is no vehicle id: refused, not silently page 1.
    const forged = Buffer.from(JSON.stringify({ after: 'not-an-id' })).toString('base64url');
    const answer = await s.call('GET', `/v1/vehicles?cursor=${forged}`, { token });
    expect([answer.status, answer.body.code]).toEqual([400, 'CURSOR_INVALID']);
    expect((await s.call('GET', '/v1/vehicles?limit=0', { token })).status).toBe(200);
    expect((await s.call('GET', '/v1/vehicles?limit=100000', { token })).status).toBe(200);
    expect((await s.call('GET', '/v1/vehicles?limit=abc', { token })).body.code).toBe('VALIDATION_FAILED');
    expect((await s.call('GET', '/v1/vehicles?limit=1.5', { token })).body.code).toBe('VALIDATION_FAILED');
  });

  it('never answers 5xx to arbitrary JSON bodies, and keeps accepted data intact', async () => {
    const before = await s.call('POST', '/v1/vehicles', { token, body: { vin: 'VF1RFB00X56123456', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
    expect(before.status).toBe(201);
    const anyJson = fc.oneof(
      fc.jsonValue(),
      fc.record({ vin: fc.string(), plate: fc.string(), make: fc.string(), model: fc.string(), year: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/vehicles', '/v1/auth/register', '/v1/auth/token', '/v1/auth/refresh'), anyJson, async (path, body) => {
        const res = await raw('POST', path, JSON.stringify(body), { 'content-type': 'application/json' });
        return res.status < 500 && (res.status < 400 || res.type === PROBLEM_TYPE);
      }),
      { numRuns: 120 },
    );
    const after = await s.call('GET', `/v1/vehicles/${before.body.id}`, { token });
    expect(after.body).toEqual(before.body);
  });
});

describe('Idempotency-Key on creating POSTs', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startTestServer({ env: { TRUST_PROXY: '1' } });
    token = (await signUp(s, { email: 'idem@example.fr', role: 'owner' })).token;
  });
  afterAll(() => s.dispose());
  const car = { vin: 'VF1RFB00X56123457', plate: 'AB-124-CD', make: 'Renault', model: 'Zoe', year: 2021 };

  it('never lets two anonymous callers share a key space', async () => {
    const register = (address: string, email: string) =>
      s.call('POST', '/v1/auth/register', {
        body: { email, password: 'a-long-enough-password', role: 'owner', name: 'Anon' },
        headers: { 'idempotency-key': 'signup-1', 'x-forwarded-for': address },
      });
    const first = await register('203.0.113.1', 'first-anon@example.fr');
    const second = await register('203.0.113.2', 'second-anon@example.fr');
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    const signIn = await s.call('POST', '/v1/auth/token', { body: { email: 'second-anon@example.fr', password: 'a-long-enough-password' } });
    expect(signIn.status).toBe(200);
    // The same caller, same key and body: the first answer again.
    expect((await register('203.0.113.1', 'first-anon@example.fr')).headers.get('idempotent-replayed')).toBe('true');
  });

  it('replays the first response for the same key and body, creating nothing more', async () => {
    const first = await s.call('POST', '/v1/vehicles', { token, body: car, headers: { 'idempotency-key': 'create-zoe-1' } });
    const again = await s.call('POST', '/v1/vehicles', { token, body: car, headers: { 'idempotency-key': 'create-zoe-1' } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect((await s.call('GET', '/v1/vehicles', { token })).body.items).toHaveLength(1);
  });

  it('refuses the same key with another body (422)', async () => {
    const res = await s.call('POST', '/v1/vehicles', { token, body: { ...car, model: 'Megane' }, headers: { 'idempotency-key': 'create-zoe-1' } });
    expect([res.status, res.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('keeps keys per caller: another user may use the same key', async () => {
    const other = (await signUp(s, { email: 'idem2@example.fr', role: 'owner' })).token;
    const res = await s.call('POST', '/v1/vehicles', { token: other, body: car, headers: { 'idempotency-key': 'create-zoe-1' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
  });

  it('replays a 4xx too, and rejects malformed keys', async () => {
    const bad = { ...car, vin: 'not-a-vin' };
    const a = await s.call('POST', '/v1/vehicles', { token, body: bad, headers: { 'idempotency-key': 'bad-vin' } });
    const b = await s.call('POST', '/v1/vehicles', { token, body: bad, headers: { 'idempotency-key': 'bad-vin' } });
    expect([a.status, b.status, b.body.code]).toEqual([400, 400, 'VIN_INVALID']);
    const key = await s.call('POST', '/v1/vehicles', { token, body: car, headers: { 'idempotency-key': 'x'.repeat(300) } });
    expect([key.status, key.body.code]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
  });
});
