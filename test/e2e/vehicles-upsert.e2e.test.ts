import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from '../../src/modules/ocr/corpus/generate-corpus.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type Account = Awaited<ReturnType<typeof signInAs>>;

describe('saving a vehicle read from its registration certificate, end to end', () => {
  let server: TestServer;
  let owner: Account;
  beforeAll(async () => {
    server = await startTestServer();
    owner = await signInAs(server, 'owner');
  });
  afterAll(() => server?.dispose());

  async function read(image: Uint8Array) {
    const form = new FormData();
    form.set('document', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'carte-grise.png');
    form.set('kind', 'registration_certificate');
    const res = await fetch(`${server.url}/v1/ocr/documents`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}` }, body: form });
    expect(res.status).toBe(200);
    return (await res.json()) as { normalized: { vin: string; plate: string; make: string; model: string; firstRegistrationDate: string } };
  }

  it('updates the car the owner registered by hand with the confirmed reading of its certificate, where POST says it exists', async () => {
    const doc = await generateDocument(1002, 'scan');
    const { vin, make, model } = doc.truth.normalized;
    // Registered by hand before, with an old plate and a shorter model name.
    const typed = await server.call('POST', '/v1/vehicles', { token: owner.token, body: { vin, plate: '123 ABC 75', make, model: model.split(' ')[0], year: 2015 } });
    expect(typed.status).toBe(201);

    const { normalized } = await read(doc.image);
    expect(normalized.vin).toBe(vin);
    const details = { plate: normalized.plate, make: normalized.make, model: normalized.model, year: 2015 };
    expect((await server.call('POST', '/v1/vehicles', { token: owner.token, body: { vin, ...details } })).body.code).toBe('VEHICLE_EXISTS');

    const saved = await server.call('PUT', `/v1/vehicles/by-vin/${vin}`, { token: owner.token, body: details });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ...typed.body, plate: doc.truth.normalized.plate, model, year: 2015 });
    const again = await server.call('PUT', `/v1/vehicles/by-vin/${vin}`, { token: owner.token, body: details });
    expect(again).toMatchObject({ status: 200, body: saved.body });
    const listed = await server.call('GET', '/v1/vehicles', { token: owner.token });
    expect(listed.body.items).toEqual([saved.body]);
  });

  it('creates the vehicle when the owner has none with that VIN, and the API describes both outcomes', async () => {
    const res = await server.call('PUT', '/v1/vehicles/by-vin/VF3ABCDE123456789', { token: owner.token, body: { plate: 'GH-456-JK', make: 'Peugeot', model: '208', year: 2021 } });
    expect(res.status).toBe(201);
    expect((await server.call('GET', res.headers.get('location')!, { token: owner.token })).body).toEqual(res.body);
    const spec = (await server.call('GET', '/openapi.json')).body;
    const put = spec.paths['/v1/vehicles/by-vin/{vin}'].put;
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403']));
  });
});
