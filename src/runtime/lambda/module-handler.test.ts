import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCompany } from '../../modules/kbis/corpus/company-samples.ts';
import { kbisPdf } from '../../modules/kbis/corpus/kbis-pdf.ts';
import { SeededRandom } from '../../modules/kbis/corpus/seeded-random.ts';
import { loadConfig } from '../../platform/config.ts';
import { silentLogger } from '../../platform/logger.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { BusEvent, JsonValue } from '../../platform/ports/event-bus.ts';
import { freshDataDir } from '../../../test/support/server.ts';
import { nextSiren } from '../../../test/support/module-harness.ts';
import { migrationsOf } from '../migrations.ts';
import { modules } from '../modules.ts';
import { openPlatform, type Platform } from '../platform.ts';
import { createHttpAuthorizer } from './authorizer.ts';
import {
  eventBridgeEvent,
  httpApiEvent,
  httpAuthorizerEvent,
  iotAuthorizerEvent,
  iotRuleEvent,
  lambdaContext,
  scheduledEvent,
  schedulerFiring,
  sqsEvent,
  stepFunctionsTask,
} from './aws-payloads.test-support.ts';
import { createIotAuthorizer, type IotAuthorizerResponse } from './iot-authorizer.ts';
import { createModuleHandler } from './module-handler.ts';
import type { LambdaHandler } from './instrumentation.ts';
import type { HttpAuthorizerResult } from './authorizer.ts';
import { commandTopic, dataTopic } from '../../modules/obd/device-service.ts';
import { deviceIdOf } from '../../modules/obd/device-mqtt-access.ts';

// Powertools outside Lambda: no EMF lines on stdout, no log lines.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const byName = (name: string) => modules.find((m) => m.name === name)!;
const identity = byName('identity');

type Response = { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: boolean };

describe('Lambda handlers on the local platform (PGlite), with AWS payloads', () => {
  let dataDir: string;
  let platform: Platform;
  const handlers: Record<string, LambdaHandler> = {};
  let authorizer: LambdaHandler<unknown, HttpAuthorizerResult>;
  let iotAuthorizer: LambdaHandler<unknown, IotAuthorizerResponse>;
  const openPlatformFor = async (_: readonly PlatformModule[]) => platform;

  const call = (fn: string, event: unknown) => handlers[fn]!(event, lambdaContext(`novaevo-${fn}`)) as Promise<Response>;

  /** What the authorizer says about a token, then the module function's answer with that context (API Gateway's two steps). */
  async function api(fn: string, method: string, path: string, options: { token?: string; body?: unknown; raw?: { bytes: Uint8Array; contentType: string }; headers?: Record<string, string> } = {}) {
    let context: Record<string, string | boolean> | undefined;
    if (options.token) {
      const verdict = await authorizer(httpAuthorizerEvent(method, path, `Bearer ${options.token}`), lambdaContext('novaevo-authorizer'));
      expect(verdict.isAuthorized).toBe(true);
      context = verdict.context;
    }
    const [rawPath, query] = path.split('?') as [string, string | undefined];
    const res = await call(fn, httpApiEvent(method, rawPath, { ...options, ...(query ? { query } : {}), ...(context ? { authorizer: context } : {}) }));
    return { status: res.statusCode, headers: res.headers, body: res.body ? JSON.parse(res.body) : undefined };
  }

  async function signUp(role: 'owner' | 'pro') {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.fr`;
    const password = 'a-long-enough-password';
    const company = role === 'pro' ? { name: `Garage ${email.slice(0, 8)}`, siren: nextSiren() } : undefined;
    const reg = await api('identity', 'POST', '/v1/auth/register', { body: { email, password, role, name: 'Test', ...(company ? { company } : {}) } });
    expect(reg.status).toBe(202);
    const tok = await api('identity', 'POST', '/v1/auth/token', { body: { email, password } });
    expect(tok.status).toBe(200);
    const me = await api('identity', 'GET', '/v1/me', { token: tok.body.access_token });
    return { token: tok.body.access_token as string, userId: me.body.id as string, orgId: (me.body.organisation?.id ?? null) as string | null, company };
  }

  /** The events the local outbox holds of one type: what the bus adapter would have put on EventBridge. */
  async function published(type: string): Promise<BusEvent[]> {
    const { rows } = await platform.db.query<{ id: string; type: string; source: string; subject: string | null; data: JsonValue; occurred_at: Date }>(
      'SELECT id, type, source, subject, data, occurred_at FROM event_outbox WHERE type = $1 ORDER BY id',
      [type],
    );
    return rows.map((r) => ({ id: r.id, type: r.type, source: r.source, subject: r.subject, data: r.data, occurredAt: new Date(r.occurred_at) }));
  }

  beforeAll(async () => {
    dataDir = await freshDataDir();
    const config = loadConfig({ NOVAEVO_DATA_DIR: dataDir, NOVAEVO_PUBLIC_URL: 'https://api.novaevo.test' }, { modules });
    platform = await openPlatform({ config, logger: silentLogger(), baseUrl: 'https://api.novaevo.test', migrations: migrationsOf(modules) });
    for (const name of ['identity', 'vehicles', 'kbis', 'obd', 'planning']) {
      handlers[name] = createModuleHandler(byName(name), { identity, openPlatform: openPlatformFor, version: 'test' });
    }
    authorizer = createHttpAuthorizer({ identity, openPlatform: openPlatformFor }) as LambdaHandler<unknown, HttpAuthorizerResult>;
    iotAuthorizer = createIotAuthorizer(byName('obd'), {
      identity,
      openPlatform: openPlatformFor,
      device: (admitted) => {
        const id = deviceIdOf(admitted);
        return id === undefined ? undefined : { id, publish: [dataTopic(id)], subscribe: [commandTopic(id)] };
      },
    }) as LambdaHandler<unknown, IotAuthorizerResponse>;
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('HTTP API authorizer: a valid token is allowed with its principal in the context; a forged, missing or malformed one is not', async () => {
    const owner = await signUp('owner');
    const verdict = await authorizer(httpAuthorizerEvent('GET', '/v1/vehicles', `Bearer ${owner.token}`), lambdaContext('novaevo-authorizer'));
    expect(verdict).toMatchObject({ isAuthorized: true, context: { userId: owner.userId, role: 'owner', issuer: 'local' } });
    const forged = `${owner.token.slice(0, -4)}AAAA`;
    for (const header of [`Bearer ${forged}`, undefined, 'Basic dXNlcjpwYXNz', 'Bearer not.a.jwt']) {
      const refused = await authorizer(httpAuthorizerEvent('GET', '/v1/vehicles', header), lambdaContext('novaevo-authorizer'));
      expect(refused.isAuthorized).toBe(false);
    }
  });

  it("HTTP API authorizer: a pro's organisation verification status is in the context", async () => {
    const pro = await signUp('pro');
    const before = await authorizer(httpAuthorizerEvent('GET', '/v1/pro/verifications', `Bearer ${pro.token}`), lambdaContext('novaevo-authorizer'));
    expect(before.context).toMatchObject({ role: 'pro', orgId: pro.orgId, verification: 'unverified', emailVerified: false });
  });

  it('vehicles: a POST then a GET through two API Gateway events, the same Hono app and module code as locally', async () => {
    const owner = await signUp('owner');
    const vehicle = { vin: 'VF1RFB00X56123456', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 };
    const created = await api('vehicles', 'POST', '/v1/vehicles', { token: owner.token, body: vehicle, headers: { 'idempotency-key': 'create-clio-1' } });
    expect(created).toMatchObject({ status: 201, body: { vin: vehicle.vin, plate: vehicle.plate } });
    expect(created.headers.location).toBe(`/v1/vehicles/${created.body.id}`);
    const read = await api('vehicles', 'GET', `/v1/vehicles/${created.body.id}`, { token: owner.token });
    expect(read).toMatchObject({ status: 200, body: { id: created.body.id, vin: vehicle.vin } });
    // Replayed with the same key: the same answer, no second vehicle.
    const replay = await api('vehicles', 'POST', '/v1/vehicles', { token: owner.token, body: vehicle, headers: { 'idempotency-key': 'create-clio-1' } });
    expect(replay.body.id).toBe(created.body.id);
    const listed = await api('vehicles', 'GET', '/v1/vehicles', { token: owner.token });
    expect(listed.body.items.map((v: { id: string }) => v.id)).toEqual([created.body.id]);
  });

  it("a module function takes the authorizer's principal for the request's own token (no second JWT check, no JWKS fetch)", async () => {
    const owner = await signUp('owner');
    const verdict = await authorizer(httpAuthorizerEvent('GET', '/v1/vehicles', `Bearer ${owner.token}`), lambdaContext('novaevo-authorizer'));
    // As with a Cognito token, which this platform's local verifier alone could not check.
    const opaque = 'eyJraWQiOiJjb2duaXRvIn0.eyJzdWIiOiJjb2duaXRvIn0.c2lnbmF0dXJl';
    const trusted = await call('vehicles', httpApiEvent('GET', '/v1/vehicles', { token: opaque, authorizer: verdict.context }));
    expect(trusted.statusCode).toBe(200);
    const unvouched = await call('vehicles', httpApiEvent('GET', '/v1/vehicles', { token: opaque }));
    expect(unvouched.statusCode).toBe(401);
  });

  it('bad input through API Gateway is a 4xx problem+json with a stable code, and no token is a 401', async () => {
    const owner = await signUp('owner');
    const bad = await api('vehicles', 'POST', '/v1/vehicles', { token: owner.token, body: { vin: 'nope' }, headers: { 'idempotency-key': 'bad-1' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(typeof bad.body.code).toBe('string');
    const anonymous = await api('vehicles', 'GET', '/v1/vehicles');
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'AUTH_REQUIRED' } });
    // A function answers only its own module's routes (API Gateway routes each path to its function).
    expect((await api('vehicles', 'POST', '/v1/auth/token', { body: { email: 'a@b.fr', password: 'x' } })).status).toBe(404);
  });

  it('kbis: an upload through API Gateway, its event delivered in an EventBridge envelope to the subscription, then the workflow run task by task through Step Functions payloads', async () => {
    const pro = await signUp('pro');
    const sample = sampleCompany(new SeededRandom(7), new Date(), 10);
    sample.spec.fields.siren = pro.company!.siren;
    sample.spec.fields.companyName = pro.company!.name.toUpperCase();
    const pdf = await kbisPdf(sample.spec, new Date(Date.parse(`${sample.spec.fields.currentTo}T08:00:00Z`)));
    const form = new FormData();
    form.set('document', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'kbis.pdf');
    const multipart = new Request('https://x.invalid', { method: 'POST', body: form });
    const raw = { bytes: new Uint8Array(await multipart.arrayBuffer()), contentType: multipart.headers.get('content-type')! };
    const accepted = await api('kbis', 'POST', '/v1/pro/verifications', { token: pro.token, raw });
    expect(accepted).toMatchObject({ status: 202, body: { status: 'pending' } });
    const id = accepted.body.id as string;

    const [submitted] = (await published('kbis.verification-submitted')).filter((e) => (e.data as { verificationId: string }).verificationId === id);
    const delivered = await call('kbis', eventBridgeEvent(submitted!));
    expect(delivered).toEqual({ delivered: ['kbis.on-kbis-verification-submitted'] });
    // The subscription started the workflow (here on the local engine; Step Functions in AWS).
    expect(await platform.workflows.describe(`kbis-${id}`)).toMatchObject({ workflow: 'kbis-verify', input: { verificationId: id } });

    let state: unknown = { verificationId: id };
    for (const [task, stateName] of [
      ['kbis-read-document', 'ReadDocument'],
      ['kbis-check-registry', 'CheckRegistry'],
      ['kbis-decide', 'Decide'],
      ['kbis-apply-decision', 'ApplyDecision'],
    ] as const) {
      state = await call('kbis', stepFunctionsTask(task, state, { workflow: 'kbis-verify', state: stateName }));
      expect(state).toMatchObject({ verificationId: id });
    }
    const decided = await api('kbis', 'GET', `/v1/pro/verifications/${id}`, { token: pro.token });
    expect(decided.body.status).not.toBe('pending');
    expect(decided.body.textSource).toBe('text-layer');
    expect(decided.body.extracted.siren).toBe(pro.company!.siren);
  });

  it("a function runs the faces its module reads (ctx.faceOf), and only their faces", async () => {
    let seen: unknown = 'unread';
    const reader: PlatformModule = {
      name: 'reader',
      migrations: [],
      async init(ctx) {
        const look = async () => {
          seen = ctx.faceOf('vehicles');
          return 0;
        };
        return { chores: { 'reader.look': look } };
      },
    };
    const handler = createModuleHandler(reader, { identity, faces: [byName('vehicles')], openPlatform: openPlatformFor });
    await handler(scheduledEvent('novaevo-chores'), lambdaContext('novaevo-reader'));
    expect(typeof (seen as { saveFromCertificate?: unknown })).toBe('object');
    // The vehicles routes are not this function's.
    const res = (await handler(httpApiEvent('GET', '/v1/vehicles'), lambdaContext('novaevo-reader'))) as { statusCode: number };
    expect(res.statusCode).toBe(404);
  });

  it('a task that fails keeps its ASL error name (what Retry/Catch match); an unknown task is TaskUnknown', async () => {
    const missing = stepFunctionsTask('kbis-decide', { verificationId: '0195f6b2-0000-7000-8000-000000000000' }, { workflow: 'kbis-verify', state: 'Decide' });
    await expect(call('kbis', missing)).rejects.toThrow();
    await expect(call('kbis', stepFunctionsTask('kbis-nothing', {}, { workflow: 'kbis-verify', state: 'X' }))).rejects.toMatchObject({ name: 'TaskUnknown' });
  });

  it('obd: a device registered through API Gateway, admitted by the IoT custom authorizer with a policy on its own topics, its readings stored from the IoT rule', async () => {
    const owner = await signUp('owner');
    const car = await api('vehicles', 'POST', '/v1/vehicles', {
      token: owner.token,
      body: { vin: 'VF3ABCDEF12345678', plate: 'EF-456-GH', make: 'Peugeot', model: '208', year: 2021 },
      headers: { 'idempotency-key': 'car-208' },
    });
    expect(car.status).toBe(201);
    const device = await api('obd', 'POST', '/v1/obd/devices', { token: owner.token, body: { vin: 'VF3ABCDEF12345678', label: 'Dongle 208' } });
    expect(device.status).toBe(201);
    const { deviceId, secret } = device.body as { deviceId: string; secret: string };

    const admitted = await iotAuthorizer(iotAuthorizerEvent(deviceId, secret, deviceId), lambdaContext('novaevo-iot-authorizer'));
    expect(admitted).toMatchObject({ isAuthenticated: true, disconnectAfterInSeconds: 86_400, refreshAfterInSeconds: 300 });
    const prefix = 'arn:aws:iot:eu-west-3:123456789012:';
    expect(admitted.policyDocuments).toEqual([
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['iot:Connect'], Resource: [`${prefix}client/${deviceId}`] },
          { Effect: 'Allow', Action: ['iot:Publish'], Resource: [`${prefix}topic/novaevo/v1/devices/${deviceId}/obd`] },
          { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: [`${prefix}topicfilter/novaevo/v1/devices/${deviceId}/cmd`] },
          { Effect: 'Allow', Action: ['iot:Receive'], Resource: [`${prefix}topic/novaevo/v1/devices/${deviceId}/cmd`] },
        ],
      },
    ]);
    expect(admitted.principalId).toMatch(/^[A-Za-z0-9]{1,128}$/);
    for (const [user, password] of [
      [deviceId, 'wrong-secret'],
      ['0195f6b2-0000-7000-8000-000000000000', secret],
    ]) {
      const refused = await iotAuthorizer(iotAuthorizerEvent(user!, password!, user!), lambdaContext('novaevo-iot-authorizer'));
      expect(refused).toMatchObject({ isAuthenticated: false, policyDocuments: [] });
    }

    const at = new Date();
    const handled = await call('obd', iotRuleEvent(dataTopic(deviceId), { ts: at.toISOString(), readings: [{ pid: '0C', value: 2500 }, { pid: '0D', value: 50 }] }));
    expect(handled).toEqual({ handled: 1 });
    const telemetry = async () => JSON.stringify((await api('obd', 'GET', `/v1/vehicles/${car.body.id}/telemetry?pid=0C`, { token: owner.token })).body);
    expect(await telemetry()).toContain('2500');
    // The CDK app's rule selects the raw message: `SELECT encode(*, 'base64') AS payloadBase64, topic() AS topic`.
    const raw = Buffer.from(JSON.stringify({ ts: new Date(at.getTime() - 1000).toISOString(), readings: [{ pid: '0C', value: 3000 }] })).toString('base64');
    expect(await call('obd', { topic: dataTopic(deviceId), payloadBase64: raw })).toEqual({ handled: 1 });
    expect(await telemetry()).toContain('3000');
  });

  it('a timer fired by EventBridge Scheduler reaches the subscription to its type; a Scheduled Event runs the chores', async () => {
    const firing = schedulerFiring({ id: '0195f6b2-1111-7000-8000-000000000000', type: 'planning.reminder-due', data: { appointmentId: '0195f6b2-2222-7000-8000-000000000000', kind: 'day-before' }, at: new Date(), key: 'reminder:0195f6b2' });
    expect(await call('planning', firing)).toEqual({ delivered: ['planning.on-planning-reminder-due'] });
    const chores = (await call('identity', scheduledEvent('novaevo-chores'))) as unknown as { removed: Record<string, number> };
    expect(Object.keys(chores.removed)).toEqual(expect.arrayContaining(['identity.expired-tokens', 'identity.expired-verification-links', 'platform.rate-limits']));
    const planningChores = (await call('planning', scheduledEvent('novaevo-chores'))) as unknown as { removed: Record<string, number> };
    expect(Object.keys(planningChores.removed)).toEqual(['planning.expire-holds']);
  });

  it('SQS batch of EventBridge events: failed records are reported for a retry, the others are not', async () => {
    const good: BusEvent = { id: '0195f6b2-3333-7000-8000-000000000000', type: 'planning.reminder-due', source: 'scheduler', subject: null, data: { appointmentId: '0195f6b2-2222-7000-8000-000000000000', kind: 'day-before' }, occurredAt: new Date() };
    const unknownType = { ...good, id: '0195f6b2-4444-7000-8000-000000000000', type: 'planning.nobody-listens' };
    const batch = sqsEvent([eventBridgeEvent(good), eventBridgeEvent(unknownType), { not: 'an event' }]);
    const result = (await call('planning', batch)) as unknown as { batchItemFailures: { itemIdentifier: string }[] };
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([batch.Records[1]!.messageId, batch.Records[2]!.messageId]);
  });

  it('an event no subscription matches, an IoT message on a foreign topic and an unknown payload throw (async sources retry, then dead-letter)', async () => {
    const stray: BusEvent = { id: '0195f6b2-5555-7000-8000-000000000000', type: 'vehicles.nobody', source: 'vehicles', subject: null, data: {}, occurredAt: new Date() };
    await expect(call('planning', eventBridgeEvent(stray))).rejects.toMatchObject({ name: 'UnrecognisedInvocation' });
    await expect(call('obd', iotRuleEvent('somewhere/else', { x: 1 }))).rejects.toMatchObject({ name: 'UnrecognisedInvocation' });
    await expect(call('vehicles', { hello: 'world' })).rejects.toMatchObject({ name: 'UnrecognisedInvocation' });
  });
});
