import { Validator } from '@seriousme/openapi-schema-validator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisReader, createNlpModule, nlpEvents } from '../../src/modules/nlp/index.ts';
import { on } from '../../src/platform/module/events.ts';
import type { PlatformModule } from '../../src/platform/module/module.ts';
import { modules } from '../../src/runtime/modules.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const FR = "ma voiture broute à l'accélération et le voyant moteur clignote";
const EN = 'grinding noise when braking, 120k km';

// Planning's seam, played by the test: which (analysis, organisation) pairs have a booking.
const booked = new Set<string>();
const nlp = createNlpModule({ proAccess: () => async (analysisId, orgId) => booked.has(`${analysisId}:${orgId}`) });

// A subscriber elsewhere on the platform, to see the published event.
const analysed: unknown[] = [];
const watcher: PlatformModule = {
  name: 'nlpwatch',
  migrations: [],
  init: async () => ({ subscriptions: [on(nlpEvents, 'nlp.problem-analyzed', async (e) => void analysed.push(e.data))] }),
};

async function eventually<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the NLP module through the real runtime', () => {
  let s: TestServer;
  beforeAll(async () => {
    // This test's own instance of the module (with a pro-access seam) replaces the default one.
    s = await startTestServer({ modules: [...modules.filter((m) => m.name !== 'nlp'), nlp, watcher] });
  });
  afterAll(() => s?.dispose());

  it('analyses a description, stores it with its owner, and shows it to them alone (admins all; a booked garage)', async () => {
    const owner = await signInAs(s, 'owner');
    const res = await s.call('POST', '/v1/nlp/analyze', { token: owner.token, body: { text: FR, vehicle: { make: 'Renault', model: 'Clio', year: 2019 } } });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBe(`/v1/nlp/analyses/${res.body.id}`);
    expect(res.body).toMatchObject({
      language: 'fr',
      category: 'engine',
      urgency: 'high',
      text: FR,
      vehicle: { make: 'Renault', model: 'Clio', year: 2019 },
      entities: { warningLights: ['check_engine'], make: 'Renault', model: 'Clio', year: 2019 },
    });
    expect(Object.keys(res.body.categoryScores)).toHaveLength(13);
    expect(res.body.suggestedServices.map((x: { code: string }) => x.code)).toContain('ENGINE_DIAGNOSTIC');
    expect(res.body.explanation).toMatch(/roulez seulement jusqu’au garage/);

    const id = res.body.id as string;
    const mine = await s.call('GET', `/v1/nlp/analyses/${id}`, { token: owner.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(res.body);

    const other = await signInAs(s, 'owner');
    expect((await s.call('GET', `/v1/nlp/analyses/${id}`, { token: other.token })).body).toMatchObject({ status: 404, code: 'ANALYSIS_NOT_FOUND' });
    expect((await s.call('GET', '/v1/nlp/analyses', { token: other.token })).body.items).toEqual([]);
    expect((await s.call('GET', '/v1/nlp/analyses/not-an-id', { token: owner.token })).status).toBe(404);

    const admin = await signInAs(s, 'admin');
    expect((await s.call('GET', `/v1/nlp/analyses/${id}`, { token: admin.token })).status).toBe(200);

    const garage = await signInAs(s, 'verified-pro');
    expect((await s.call('GET', `/v1/nlp/analyses/${id}`, { token: garage.token })).status).toBe(404);
    booked.add(`${id}:${garage.orgId}`);
    expect((await s.call('GET', `/v1/nlp/analyses/${id}`, { token: garage.token })).body).toMatchObject({ id, text: FR, urgency: 'high' });

    // The public face planning reads: the owner's analysis only.
    const reader = analysisReader(s.platform.db);
    expect(await reader.urgencyFor(id, owner.userId)).toBe('high');
    expect(await reader.urgencyFor(id, other.userId)).toBeUndefined();
    expect(await reader.forBooking(id, owner.userId)).toMatchObject({ id, text: FR, category: 'engine', suggestedServices: expect.any(Array) });

    const event = await eventually(() => analysed.find((d) => (d as { id: string }).id === id), 'nlp.problem-analyzed');
    expect(event).toMatchObject({ id, userId: owner.userId, language: 'fr', category: 'engine', urgency: 'high' });
  });

  it('lists the caller’s analyses newest first, a page at a time', async () => {
    const owner = await signInAs(s, 'owner');
    const texts = ['pneu crevé', 'la clim ne fait plus de froid', 'vidange à faire'];
    for (const text of texts) expect((await s.call('POST', '/v1/nlp/analyze', { token: owner.token, body: { text } })).status).toBe(200);
    const first = await s.call('GET', '/v1/nlp/analyses?limit=2', { token: owner.token });
    expect(first.body.items.map((a: { text: string }) => a.text)).toEqual(['vidange à faire', 'la clim ne fait plus de froid']);
    const second = await s.call('GET', `/v1/nlp/analyses?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`, { token: owner.token });
    expect(second.body).toMatchObject({ items: [{ text: 'pneu crevé' }], next_cursor: null });
    expect((await s.call('GET', '/v1/nlp/analyses?cursor=garbage', { token: owner.token })).body.code).toBe('CURSOR_INVALID');
  });

  it('refuses bad input with 4xx problems and stable codes, and stores nothing', async () => {
    const owner = await signInAs(s, 'owner');
    const analyze = (body: unknown, signedIn = true) => s.call('POST', '/v1/nlp/analyze', { ...(signedIn ? { token: owner.token } : {}), body });
    const code = async (body: unknown) => {
      const r = await analyze(body);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return [r.status, r.body.code];
    };
    expect(await code({ text: '' })).toEqual([400, 'TEXT_EMPTY']);
    expect(await code({ text: ' \n\t ' })).toEqual([400, 'TEXT_EMPTY']);
    expect(await code({ text: 'a'.repeat(5001) })).toEqual([400, 'TEXT_TOO_LONG']);
    expect(await code({ text: 'bruit '.repeat(10_000) })).toEqual([400, 'TEXT_TOO_LONG']);
    expect(await code({ text: 'frein\u0000' })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code({ text: 'frein \ud800' })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code({})).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code({ text: 42 })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code({ text: 'freins', vehicle: { vin: 'not-a-vin' } })).toEqual([400, 'VIN_INVALID']);
    expect(await code({ text: 'freins', vehicle: { make: 'Renault' } })).toEqual([400, 'VALIDATION_FAILED']);
    expect((await analyze({ text: 'freins' }, false)).status).toBe(401);
    expect((await s.call('GET', '/v1/nlp/analyses', { token: owner.token })).body.items).toEqual([]);

    // Characters as people count them: 5,000 emoji (10,000 UTF-16 units) are accepted, kept whole.
    const emoji = `${'🚗'.repeat(4990)} freins !`;
    const ok = await analyze({ text: emoji });
    expect(ok.status).toBe(200);
    expect(ok.body.text).toBe(emoji);
  });

  it('answers any text and any JSON body with 200 or a 4xx problem, never a 500', async () => {
    const owner = await signInAs(s, 'owner');
    const codes = new Set(['TEXT_EMPTY', 'TEXT_TOO_LONG', 'VALIDATION_FAILED', 'VIN_INVALID']);
    const answers = (body: unknown) => s.call('POST', '/v1/nlp/analyze', { token: owner.token, body: JSON.stringify(body) });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), fc.option(fc.constantFrom('fr', 'en', 'xx', ''), { nil: undefined }), async (text, locale) => {
        const r = await answers({ text, ...(locale === undefined ? {} : { locale }) });
        return r.status === 200 || (r.status === 400 && codes.has(r.body.code));
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 2 }), async (anything, vehicle) => {
        for (const body of [anything, { text: 'bruit au freinage', vehicle }]) {
          const r = await answers(body);
          if (!(r.status === 200 || (r.status === 400 && codes.has(r.body.code)))) return false;
        }
        return true;
      }),
      { numRuns: 30 },
    );
  });

  it('replays the first answer for the same Idempotency-Key', async () => {
    const owner = await signInAs(s, 'owner');
    const send = () => s.call('POST', '/v1/nlp/analyze', { token: owner.token, body: { text: EN }, headers: { 'idempotency-key': 'nlp-1' } });
    const [a, b] = [await send(), await send()];
    expect(b.body.id).toBe(a.body.id);
    expect((await s.call('GET', '/v1/nlp/analyses', { token: owner.token })).body.items).toHaveLength(1);
  });

  it.each([
    [FR, { language: 'fr', category: 'engine', urgency: 'high', entities: { warningLights: ['check_engine'] } }],
    [EN, { language: 'en', category: 'brakes', urgency: 'high', entities: { mileageKm: 120_000 } }],
    ["la pédale de frein s'enfonce jusqu'au plancher, plus de freins", { category: 'brakes', urgency: 'critical' }],
    ['code p 0301, 85.000 kms, Peugeot 208 2017, ça claque au ralenti', { category: 'engine', entities: { dtcCodes: ['P0301'], mileageKm: 85_000, make: 'Peugeot', model: '208', year: 2017 } }],
    ['clim ne fait plus de froid, pas de fumée', { category: 'hvac', urgency: 'low' }],
    ['the car will not start, no warning light, 75k miles', { language: 'en', urgency: 'high', entities: { warningLights: [], mileageKm: 120_701 } }],
  ])('understands “%s”', async (text, expected) => {
    const owner = await signInAs(s, 'owner');
    const res = await s.call('POST', '/v1/nlp/analyze', { token: owner.token, body: { text } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(expected);
  });

  it('documents its routes in a valid OpenAPI 3.1 document, with the domain\'s codes', async () => {
    const spec = (await s.call('GET', '/openapi.json')).body;
    const validator = new Validator();
    const result = await validator.validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/nlp/analyze', '/v1/nlp/analyses', '/v1/nlp/analyses/{id}']));
    expect(spec.paths['/v1/nlp/analyze'].post.responses['400'].description).toMatch(/TEXT_EMPTY, TEXT_TOO_LONG/);
  });

  it('shows the model adapter in /health', async () => {
    expect((await s.call('GET', '/health')).body.adapters).toMatchObject({ nlp: 'embedded' });
  });
});
