import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../../../test/support/module-harness.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { systemClock } from '../../platform/clock.ts';
import { typedPublisher } from '../../platform/module/events.ts';
import { vehicleEvents } from './events.ts';
import { VehicleService } from './vehicle-service.ts';

type Account = Awaited<ReturnType<typeof signInAs>>;
const clio = { plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 };

describe('PUT /v1/vehicles/by-vin/{vin}: create or update the vehicle with this VIN', () => {
  let s: TestServer;
  let owner: Account;
  beforeAll(async () => {
    s = await startTestServer();
    owner = await signInAs(s, 'owner');
  });
  afterAll(() => s?.dispose());

  const put = (token: string, vin: string, body: unknown) => s.call('PUT', `/v1/vehicles/by-vin/${encodeURIComponent(vin)}`, { token, body });
  const vinsOf = async (token: string) => (await s.call('GET', '/v1/vehicles', { token })).body.items.map((v: { vin: string }) => v.vin);

  it('creates the vehicle when the caller has none with this VIN (201, Location)', async () => {
    const res = await put(owner.token, 'VF1RFB00X56100001', clio);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ vin: 'VF1RFB00X56100001', ...clio, owner_user_id: owner.userId, org_id: null });
    expect(res.headers.get('location')).toBe(`/v1/vehicles/${res.body.id}`);
  });

  it('updates a vehicle registered before, in place (200), where POST answers 409 VEHICLE_EXISTS', async () => {
    const vin = 'VF1RFB00X56100002';
    const created = await s.call('POST', '/v1/vehicles', { token: owner.token, body: { vin, ...clio } });
    expect((await s.call('POST', '/v1/vehicles', { token: owner.token, body: { vin, ...clio } })).body.code).toBe('VEHICLE_EXISTS');
    const moved = { plate: 'ZZ-987-YY', make: 'Renault', model: 'Clio V', year: 2020 };
    const res = await put(owner.token, vin, moved);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...created.body, ...moved });
    expect((await s.call('GET', `/v1/vehicles/${created.body.id}`, { token: owner.token })).body).toEqual(res.body);
  });

  it('is idempotent: the same request again changes nothing and answers 200 with the same vehicle', async () => {
    const vin = 'VF1RFB00X56100003';
    const first = await put(owner.token, vin, clio);
    const again = await put(owner.token, vin, clio);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
    expect((await vinsOf(owner.token)).filter((v: string) => v === vin)).toHaveLength(1);
  });

  it('normalises the VIN and plate as POST does, so a VIN typed in lower case with spaces finds the vehicle', async () => {
    const first = await put(owner.token, 'VF1RFB00X56100004', clio);
    const res = await put(owner.token, 'vf1 rfb00x 56100004', { ...clio, plate: 'ab123cd' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: first.body.id, vin: 'VF1RFB00X56100004', plate: 'AB-123-CD' });
  });

  it('creates or updates only within the caller’s own vehicles: another owner, and a garage, get their own', async () => {
    const vin = 'VF1RFB00X56100005';
    const mine = await put(owner.token, vin, clio);
    const other = await signInAs(s, 'owner');
    const pro = await signInAs(s, 'pro');
    const theirs = await put(other.token, vin, { ...clio, plate: 'EF-456-GH' });
    const fleet = await put(pro.token, vin, { ...clio, plate: 'JK-789-LM' });
    expect([theirs.status, fleet.status]).toEqual([201, 201]);
    expect(fleet.body).toMatchObject({ org_id: pro.orgId, owner_user_id: null });
    expect((await s.call('GET', `/v1/vehicles/${mine.body.id}`, { token: owner.token })).body.plate).toBe('AB-123-CD');
    expect((await s.call('GET', `/v1/vehicles/${theirs.body.id}`, { token: owner.token })).status).toBe(404);
  });

  it('registers a vehicle once when two saves of a new VIN race', async () => {
    const vin = 'VF1RFB00X56100006';
    const results = await Promise.all([put(owner.token, vin, clio), put(owner.token, vin, { ...clio, model: 'Clio IV' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect((await vinsOf(owner.token)).filter((v: string) => v === vin)).toHaveLength(1);
  });

  it('answers bad input with a 4xx problem and a stable code, and changes nothing', async () => {
    const vin = 'VF1RFB00X56100007';
    const created = await put(owner.token, vin, clio);
    const cases: [string, unknown, number, string][] = [
      ['VF1RFB00X5610000O', clio, 400, 'VIN_INVALID'],
      ['x'.repeat(41), clio, 400, 'VALIDATION_FAILED'],
      [vin, { ...clio, plate: 'NOT A PLATE' }, 400, 'PLATE_INVALID'],
      [vin, { ...clio, year: 2999 }, 400, 'YEAR_INVALID'],
      [vin, { ...clio, year: 1800 }, 400, 'VALIDATION_FAILED'],
      [vin, { plate: 'AB-123-CD' }, 400, 'VALIDATION_FAILED'],
      [vin, 'not json', 400, 'MALFORMED_JSON'],
    ];
    for (const [v, body, status, code] of cases) {
      const res = await put(owner.token, v, body);
      expect({ status: res.status, code: res.body.code, type: res.headers.get('content-type') }, `${v} ${JSON.stringify(body)}`).toEqual({ status, code, type: expect.stringContaining('application/problem+json') });
    }
    expect((await s.call('GET', `/v1/vehicles/${created.body.id}`, { token: owner.token })).body).toEqual(created.body);
  });

  it('is for owners and professionals: 401 without a token, 403 for an admin', async () => {
    expect((await s.call('PUT', '/v1/vehicles/by-vin/VF1RFB00X56100008', { body: clio })).status).toBe(401);
    const admin = await signInAs(s, 'admin');
    const res = await put(admin.token, 'VF1RFB00X56100008', clio);
    expect([res.status, res.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
  });

  it('shares its logic with saveFromCertificate (the OCR module’s door), which keeps the year the owner gave when it updates', async () => {
    const vin = 'VF1RFB00X56100009';
    const typed = await put(owner.token, vin, { ...clio, year: 2015 });
    const service = new VehicleService({ db: s.platform.db, clock: systemClock, events: typedPublisher(s.platform.events, 'vehicles', vehicleEvents) });
    const principal = { userId: owner.userId, role: 'owner' as const, orgId: undefined, email: owner.email, issuer: 'local' as const };
    // The certificate's year is its first registration, not necessarily the model year the owner typed.
    const saved = await service.saveFromCertificate(principal, { vin, plate: 'NP-321-QR', make: 'Renault', model: 'Clio V', year: 2016 });
    expect(saved).toEqual({ id: typed.body.id, created: false });
    expect((await s.call('GET', `/v1/vehicles/${typed.body.id}`, { token: owner.token })).body).toMatchObject({ plate: 'NP-321-QR', model: 'Clio V', year: 2015 });
    // Through PUT, the owner's confirmed year is set.
    expect((await put(owner.token, vin, { ...clio, year: 2016 })).body.year).toBe(2016);
  });
});
