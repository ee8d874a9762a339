import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../platform/clock.ts';
import { RechercheEntreprisesRegistry, retryAfterSeconds } from './recherche-entreprises-registry.ts';
import { serveRegistryFixture, type RegistryFixture } from './registry-fixture-server.ts';

const COMPANY = { siren: '732829320', name: 'GARAGE DU CENTRE', active: true, naf: '45.20A', closedOn: null };

// The clock moves only when the adapter sleeps: waits are recorded, never spent.
function timeline() {
  const clock = new ManualClock('2026-03-01T00:00:00Z');
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  return { clock, sleeps, sleep };
}

describe("API Recherche d'entreprises adapter", () => {
  let fixture: RegistryFixture;
  afterEach(() => fixture.close());

  it('spaces its requests to stay under the rate limit', async () => {
    fixture = await serveRegistryFixture([COMPANY]);
    const t = timeline();
    const registry = new RechercheEntreprisesRegistry({ baseUrl: fixture.url, clock: t.clock, sleep: t.sleep, requestsPerSecond: 5 });
    for (const siren of ['732829320', '812345674', '552100554']) await registry.lookup(siren);
    expect(t.sleeps).toEqual([200, 200]);
  });

  it('honours Retry-After after a 429, then answers', async () => {
    fixture = await serveRegistryFixture([COMPANY]);
    const t = timeline();
    const registry = new RechercheEntreprisesRegistry({ baseUrl: fixture.url, clock: t.clock, sleep: t.sleep });
    fixture.failNext(1, { status: 429, retryAfter: '3' });
    expect((await registry.lookup('732829320')).outcome).toBe('found');
    expect(t.sleeps).toEqual([3000]);
    expect(fixture.requests).toBe(2);
  });

  it('answers unavailable instead of waiting out a long Retry-After', async () => {
    fixture = await serveRegistryFixture([COMPANY]);
    const t = timeline();
    const registry = new RechercheEntreprisesRegistry({ baseUrl: fixture.url, clock: t.clock, sleep: t.sleep, maxRetryAfterSeconds: 10 });
    fixture.failNext(1, { status: 429, retryAfter: '120' });
    expect(await registry.lookup('732829320')).toMatchObject({ outcome: 'unavailable' });
    expect(fixture.requests).toBe(1);
  });

  it('serves a repeated lookup from its cache', async () => {
    fixture = await serveRegistryFixture([COMPANY]);
    const t = timeline();
    const registry = new RechercheEntreprisesRegistry({ baseUrl: fixture.url, clock: t.clock, sleep: t.sleep });
    await registry.lookup('732829320');
    await registry.lookup('732829320');
    expect(fixture.requests).toBe(1);
  });

  it('opens its circuit after repeated failures, asks nothing while open, and closes after a good trial', async () => {
    fixture = await serveRegistryFixture([COMPANY]);
    const t = timeline();
    const registry = new RechercheEntreprisesRegistry({ baseUrl: fixture.url, clock: t.clock, sleep: t.sleep, breakerThreshold: 3, breakerCooldownMs: 30_000 });
    fixture.failNext(3, { status: 503 });
    for (let i = 0; i < 3; i++) expect((await registry.lookup('732829320')).outcome).toBe('unavailable');
    expect(registry.circuit).toBe('open');
    expect(await registry.lookup('732829320')).toMatchObject({ outcome: 'unavailable', reason: expect.stringContaining('repeatedly') });
    expect(fixture.requests).toBe(3);
    t.clock.advance(30_000);
    expect((await registry.lookup('732829320')).outcome).toBe('found');
    expect(registry.circuit).toBe('closed');
  });

  it('answers unavailable when the service is unreachable', async () => {
    fixture = await serveRegistryFixture([]);
    const t = timeline();
    const registry = new RechercheEntreprisesRegistry({ baseUrl: 'http://127.0.0.1:9', clock: t.clock, sleep: t.sleep });
    expect(await registry.lookup('732829320')).toMatchObject({ outcome: 'unavailable' });
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(retryAfterSeconds('7', now)).toBe(7);
    expect(retryAfterSeconds('Sun, 01 Mar 2026 00:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
  });

  it('read back any delay written either way, and never throw or go negative', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), (s) => {
        expect(retryAfterSeconds(String(s), now)).toBe(s);
        expect(retryAfterSeconds(new Date(now.getTime() + s * 1000).toUTCString(), now)).toBe(s);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (h) => {
        const s = retryAfterSeconds(h, now);
        if (s !== undefined) expect(s).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
