import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

interface JsonRoute {
  method: string;
  path: string;
}

/** Every route of the API description that takes a JSON body. */
async function jsonRoutes(s: TestServer): Promise<JsonRoute[]> {
  const doc = (await s.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>> };
  const routes: JsonRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (op.requestBody?.content?.['application/json']) routes.push({ method: method.toUpperCase(), path });
    }
  }
  return routes;
}

// Text that exercises what broke the database before: NUL, controls, lone surrogates, long strings.
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('N\u0000', 'Ω≈ç√\udfff', '\ud800', `${'e'.repeat(3000)}@example.fr`, '__proto__', 'constructor', "'; DROP TABLE users; --"),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const nastyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('email', 'password', 'name', 'role', 'company', 'vin', 'plate', 'make', 'model', 'year', 'locale', 'text')), tie('value'), { maxKeys: 6 }),
  ),
})).value;
/** A body: random JSON, or a plausible one with one field made nasty, or one with a __proto__ key. */
const nastyBody = fc.oneof(
  nastyValue.map((v) => JSON.stringify(v)),
  fc.record({ email: nastyString, password: nastyString, role: fc.constantFrom('owner', 'pro', 'admin'), name: nastyString }).map((v) => JSON.stringify(v)),
  fc.record({ vin: nastyString, plate: nastyString, make: nastyString, model: nastyString, year: fc.integer() }).map((v) => JSON.stringify(v)),
  nastyValue.map((v) => `{"__proto__": ${JSON.stringify(v) ?? 'null'}, "constructor": {"prototype": {"polluted": true}}}`),
);

describe('every JSON route, fuzzed', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.dispose());

  // 2,100 requests over every JSON route: a few minutes' budget on a loaded 2-core machine.
  it('answers at least 2,000 random bodies without a single 5xx, and keeps data accepted before', { timeout: 300_000 }, async () => {
    const keeper = await signInAs(s, 'owner');
    const car = await s.call('POST', '/v1/vehicles', { token: keeper.token, body: { vin: 'VF1RFB00X56123456', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 } });
    expect(car.status).toBe(201);
    const meBefore = (await s.call('GET', '/v1/me', { token: keeper.token })).body;

    const routes = await jsonRoutes(s);
    expect(routes.length).toBeGreaterThanOrEqual(7);
    const callers = [undefined, (await signInAs(s, 'owner')).token, (await signInAs(s, 'pro')).token, (await signInAs(s, 'admin')).token];
    const failures: string[] = [];
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.constantFrom(...callers), nastyBody, nastyString, async (route, token, body, param) => {
        const path = route.path.replace(/\{[^}]+\}/g, () => (param?.isWellFormed() ? encodeURIComponent(param) : 'x'));
        const res = await s.call(route.method, path, { body, ...(token ? { token } : {}) });
        requests++;
        if (res.status >= 500) failures.push(`${route.method} ${path} ${body.slice(0, 200)} → ${res.status}`);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 2100, seed: 20261201 },
    );
    expect(requests).toBeGreaterThanOrEqual(2000);
    expect(failures).toEqual([]);
    expect((await s.call('GET', `/v1/vehicles/${car.body.id}`, { token: keeper.token })).body).toEqual(car.body);
    expect((await s.call('GET', '/v1/me', { token: keeper.token })).body).toEqual(meBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
