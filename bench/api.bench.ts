import { rm } from 'node:fs/promises';
import { freshDataDir, signUp, startTestServer } from '../test/support/server.ts';
import { load, type LoadFigures } from './load.ts';

const TOTAL = 2000;
const CONCURRENCY = 16;

/**
 * The cost of the platform's conventions on a request: an authenticated, tenant-scoped read
 * (`GET /v1/vehicles/{id}`: JWT verification, SQL lookup, JSON) and an authenticated write
 * (`POST /v1/vehicles`: validation, transaction with its outbox event), against the baseline of
 * the same server answering `GET /health` (routing, logging, no auth, no SQL).
 */
export async function runApiBenchmark(): Promise<{ baseline: LoadFigures; scenarios: Record<string, LoadFigures & { vs_baseline: number }> }> {
  const dataDir = await freshDataDir();
  const server = await startTestServer({ dataDir, env: { LOG_LEVEL: 'silent' } });
  try {
    const { token } = await signUp(server, { email: 'bench@example.fr', role: 'owner' });
    const auth = { authorization: `Bearer ${token}` };
    const created = await server.call('POST', '/v1/vehicles', { token, body: { vin: 'VF1RFB00X56000000', plate: 'AB-100-CD', make: 'Renault', model: 'Clio', year: 2020 } });
    const get = async (p: string, headers: Record<string, string> = {}) => (await fetch(server.url + p, { headers })).status === 200;

    // Warm-up: JIT and PGlite caches, not measured.
    await load(200, CONCURRENCY, () => get('/health'));
    await load(200, CONCURRENCY, () => get(`/v1/vehicles/${created.body.id}`, auth));

    const baseline = await load(TOTAL, CONCURRENCY, () => get('/health'));
    const read = await load(TOTAL, CONCURRENCY, () => get(`/v1/vehicles/${created.body.id}`, auth));
    const list = await load(TOTAL, CONCURRENCY, () => get('/v1/vehicles?limit=20', auth));
    const write = await load(TOTAL / 4, CONCURRENCY, async (i) => {
      const vin = `VF1RFB00X5${String(6_100_000 + i).padStart(7, '0')}`;
      const res = await fetch(`${server.url}/v1/vehicles`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ vin, plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2020 }),
      });
      return res.status === 201;
    });
    const vs = (f: LoadFigures) => ({ ...f, vs_baseline: Math.round((f.per_second / baseline.per_second) * 1000) / 1000 });
    return {
      baseline,
      scenarios: { 'GET /v1/vehicles/{id}': vs(read), 'GET /v1/vehicles?limit=20': vs(list), 'POST /v1/vehicles': vs(write) },
    };
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
