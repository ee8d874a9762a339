import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../../../test/support/module-harness.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { createTesseractOcrEngine } from '../../platform/adapters/local/tesseract-ocr-engine.ts';
import { pngClaimingSize, textLinesImage } from '../../platform/documents/image-fixtures.ts';
import { buildFixturePdf, type FixtureText } from '../../platform/documents/pdf-fixture.ts';
import type { OcrEngine } from '../../platform/ports/ocr-engine.ts';
import { modules } from '../../runtime/modules.ts';
import { CERTIFICATE_ROWS } from './corpus/certificate-svg.ts';
import type { CertificateTruth } from './corpus/certificate-values.ts';
import { generateDocument } from './corpus/generate-corpus.ts';
import { createOcrModule } from './index.ts';

type Account = Awaited<ReturnType<typeof signInAs>>;

/** A digital PDF of the certificate: its text layer is read, no OCR needed. */
function certificatePdf(truth: CertificateTruth): Uint8Array {
  const texts: FixtureText[] = [{ x: 200, y: 40, size: 14, text: "CERTIFICAT D'IMMATRICULATION" }];
  CERTIFICATE_ROWS.forEach((row, r) => {
    for (const [code, column] of row) {
      const value = truth.fields[code];
      texts.push({ x: 30 + column * 90, y: 80 + r * 24, size: 8, text: code });
      if (value) texts.push({ x: 30 + column * 90 + code.length * 5 + 8, y: 80 + r * 24, size: 8, text: value });
    }
  });
  return buildFixturePdf([texts]);
}

describe('the OCR module over HTTP', () => {
  let server: TestServer;
  let engine: OcrEngine;
  let owner: Account;

  beforeAll(async () => {
    // One warm worker for the file: recognition is CPU-heavy on a shared machine.
    engine = await createTesseractOcrEngine({ workers: 1, languages: ['fra'], targetLongSide: 2500 });
    server = await startTestServer({ modules: [...modules, createOcrModule({ engine: async () => engine })] });
    owner = await signInAs(server, 'owner');
  });
  afterAll(async () => {
    await server?.dispose();
    await engine?.close();
  });

  async function upload(bytes: Uint8Array | undefined, fields: Record<string, string> = {}, token = owner.token, type = 'image/png') {
    const form = new FormData();
    if (bytes) form.set('document', new Blob([new Uint8Array(bytes)], { type }), 'carte-grise');
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const res = await fetch(`${server.url}/v1/ocr/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('reads a scanned certificate into its fields, with boxes over a stored page image', async () => {
    const doc = await generateDocument(1002, 'scan');
    const { status, body } = await upload(doc.image);
    expect(status).toBe(200);
    expect(body.kind).toBe('registration_certificate');
    expect(body.normalized).toEqual(doc.truth.normalized);
    expect(['readable', 'to_verify']).toContain(body.status);
    expect(body.fields.E.value).toBe(doc.truth.normalized.vin);
    for (const field of Object.values(body.fields) as { box: { x1: number; y1: number }; confidence: number }[]) {
      expect(field.box.x1).toBeLessThanOrEqual(body.page.width);
      expect(field.box.y1).toBeLessThanOrEqual(body.page.height);
      expect(field.confidence).toBeGreaterThanOrEqual(0);
    }
    const image = await fetch(body.page.imageUrl);
    expect(image.status).toBe(200);
    const meta = await sharp(new Uint8Array(await image.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([body.page.width, body.page.height]);

    const again = await server.call('GET', `/v1/ocr/documents/${body.id}`, { token: owner.token });
    expect(again.status).toBe(200);
    expect(again.body.normalized).toEqual(body.normalized);
    const stranger = await signInAs(server, 'owner');
    expect((await server.call('GET', `/v1/ocr/documents/${body.id}`, { token: stranger.token })).status).toBe(404);
  });

  it('reads a phone photo (turned, blurred, unevenly lit JPEG)', async () => {
    const doc = await generateDocument(1003, 'photo');
    const { status, body } = await upload(doc.image, {}, owner.token, 'image/jpeg');
    expect(status).toBe(200);
    expect(body.normalized.plate).toBe(doc.truth.normalized.plate);
    expect(body.normalized.vin).toBe(doc.truth.normalized.vin);
    expect(body.normalized.make).toBe(doc.truth.normalized.make);
  });

  it('calls a badly blurred phone photo blurry, asking for another photo, rather than not a certificate', async () => {
    const doc = await generateDocument(1003, 'photo');
    const blurred = await sharp(doc.image).blur(4).jpeg({ quality: 60 }).toBuffer();
    const { status, body } = await upload(blurred, {}, owner.token, 'image/jpeg');
    expect(status).toBe(200);
    expect(body.status).toBe('blurry');
    expect(body.warnings[0].code).toBe('BLURRY');
  });

  it('reads a digital PDF from its text layer and saves the vehicle when asked, then updates it from a newer certificate', async () => {
    const doc = await generateDocument(77, 'scan');
    const { status, body } = await upload(certificatePdf(doc.truth), { saveVehicle: 'true' }, owner.token, 'application/pdf');
    expect(status).toBe(200);
    expect(body.normalized).toEqual(doc.truth.normalized);
    expect(body.vehicle).toMatchObject({ created: true });
    const { vin, plate, make, model, firstRegistrationDate } = doc.truth.normalized;
    const mine = await server.call('GET', `/v1/vehicles/${body.vehicle.id}`, { token: owner.token });
    expect(mine.body).toMatchObject({ vin, plate, make, model, year: Number(firstRegistrationDate.slice(0, 4)) });
    // The same car after a change of plate: the vehicle is updated, not registered twice.
    const moved = { ...doc.truth, fields: { ...doc.truth.fields, A: 'ZZ-987-YY' } };
    const again = await upload(certificatePdf(moved), { saveVehicle: 'true' }, owner.token, 'application/pdf');
    expect(again.body.vehicle).toEqual({ id: body.vehicle.id, created: false });
    expect((await server.call('GET', `/v1/vehicles/${body.vehicle.id}`, { token: owner.token })).body.plate).toBe('ZZ-987-YY');
    const { rows } = await server.platform.db.query<{ data: Record<string, unknown> }>("SELECT data FROM event_outbox WHERE type = 'ocr.document-read' AND subject = $1", [body.id]);
    expect(rows[0]?.data).toMatchObject({ documentId: body.id, ownerUserId: owner.userId, kind: 'registration_certificate', plate, vin, vehicleId: body.vehicle.id });
  });

  it('keeps the reading when the vehicle cannot be saved, with a warning', async () => {
    const doc = await generateDocument(78, 'scan');
    // First registered after next year: the vehicles module refuses the year.
    doc.truth.fields.B = '01/01/2099';
    const { status, body } = await upload(certificatePdf(doc.truth), { saveVehicle: 'true' }, owner.token, 'application/pdf');
    expect(status).toBe(200);
    expect(body.vehicle).toBeNull();
    expect(body.warnings.find((w: { code: string }) => w.code === 'VEHICLE_NOT_SAVED')?.message).toContain('YEAR_INVALID');
  });

  it('answers a document that is not a certificate with what it read and a warning', async () => {
    const { status, body } = await upload(await textLinesImage(['FACTURE N° 2024-118', 'GARAGE DU CENTRE', 'VIDANGE ET FILTRE 89,00 EUR']));
    expect(status).toBe(200);
    expect(body.status).toBe('not_a_certificate');
    expect(body.text).toContain('GARAGE');
    expect(body.warnings[0].code).toBe('NOT_A_CERTIFICATE');
  });

  it('refuses bad documents with 4xx problems, never a 500', async () => {
    const png = await textLinesImage(['A AB-123-CD']);
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer();
    const cases: [Uint8Array | undefined, Record<string, string>, number, string][] = [
      [gif, {}, 415, 'UNSUPPORTED_DOCUMENT_TYPE'],
      [png.slice(0, png.length / 2), {}, 422, 'IMAGE_UNREADABLE'],
      [Buffer.from('%PDF-1.4\n1 0 obj << >> endobj'), {}, 422, 'PDF_TRUNCATED'],
      [await pngClaimingSize(40_000, 40_000), {}, 413, 'IMAGE_TOO_LARGE'],
      [await textLinesImage([]), {}, 422, 'DOCUMENT_EMPTY_PAGE'],
      [new Uint8Array(), {}, 400, 'DOCUMENT_EMPTY'],
      [undefined, {}, 400, 'VALIDATION_FAILED'],
      [png, { kind: 'passport' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [bytes, fields, status, code] of cases) {
      const res = await upload(bytes, fields);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    }
    const garbled = await fetch(`${server.url}/v1/ocr/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="document"\r\n\r\nnot closed',
    });
    expect(garbled.status).toBeGreaterThanOrEqual(400);
    expect(garbled.status).toBeLessThan(500);
  });

  it('lets owners and pros read documents, not anonymous callers', async () => {
    const pro = await signInAs(server, 'pro');
    const doc = await generateDocument(78, 'scan');
    expect((await upload(certificatePdf(doc.truth), {}, pro.token, 'application/pdf')).status).toBe(200);
    const generic = await upload(certificatePdf(doc.truth), { kind: 'generic' }, pro.token, 'application/pdf');
    expect([generic.status, generic.body.kind, generic.body.status, generic.body.fields]).toEqual([200, 'generic', 'readable', {}]);
    expect(generic.body.text).toContain('IMMATRICULATION');
    const anonymous = await fetch(`${server.url}/v1/ocr/documents`, { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
  });
});
