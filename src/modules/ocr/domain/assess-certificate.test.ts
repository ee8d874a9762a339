import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCertificate } from '../corpus/certificate-values.ts';
import { perfectPage } from '../corpus/perfect-page.ts';
import { seededRandom } from '../corpus/random.ts';
import { assessCertificate } from './assess-certificate.ts';
import { readCertificateLayout } from './layout-reader.ts';

const TODAY = '2026-12-01';
const certificate = fc.integer({ min: 1, max: 1_000_000 }).map((seed) => generateCertificate(seededRandom(seed)));
const assess = (page: ReturnType<typeof perfectPage>) => assessCertificate(readCertificateLayout(page), page, TODAY);
const codes = (reading: ReturnType<typeof assess>) => reading.warnings.map((w) => w.code);
const frDate = (iso: string) => iso.split('-').reverse().join('/');
// What a blurred capture gives for a value: the glyphs run together into blobs read as marks.
const smeared = (value: string) => value.replace(/[A-Z0-9]/g, (_, i: number) => '~%#'[i % 3] ?? '~');

describe('assessCertificate', () => {
  it('calls a clean generated certificate readable, without warnings', () => {
    fc.assert(
      fc.property(certificate, (truth) => {
        const reading = assess(perfectPage(truth));
        expect(reading.status).toBe('readable');
        expect(reading.warnings).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('calls a low-confidence reading whose VIN and holder came out smeared blurry, asking for a new photo first', () => {
    fc.assert(
      fc.property(certificate, fc.integer({ min: 20, max: 54 }), (truth, confidence) => {
        const page = perfectPage(truth, { confidence, valueText: (code, value) => (code === 'E' || code === 'C.1' ? smeared(value) : value) });
        const reading = assess(page);
        expect(reading.status).toBe('blurry');
        expect(reading.warnings[0]?.code).toBe('BLURRY');
        expect(reading.normalized.vin).toBeNull();
        expect(reading.normalized.plate).toBe(truth.normalized.plate);
      }),
      { numRuns: 40 },
    );
  });

  it('calls a page read too unsurely to tell blurry, not a certificate or not', () => {
    fc.assert(
      fc.property(certificate, fc.integer({ min: 10, max: 54 }), (truth, confidence) => {
        // Every value smeared and the title lost: nothing says it is a certificate, nor that it is not.
        const page = perfectPage(truth, { confidence, valueText: (_, value) => smeared(value) });
        const lines = page.lines.filter((l) => !/CERTIFICAT|IMMATRICULATION/.test(l.text));
        const reading = assess({ ...page, lines });
        expect(reading.status).toBe('blurry');
        expect(codes(reading)).not.toContain('NOT_A_CERTIFICATE');
      }),
      { numRuns: 30 },
    );
  });

  it('calls the same smeared reading to verify, not blurry, when the engine was sure of the rest of the page', () => {
    const truth = generateCertificate(seededRandom(5));
    const reading = assess(perfectPage(truth, { confidence: 90, valueText: (code, value) => (code === 'E' || code === 'C.1' ? smeared(value) : value) }));
    expect(reading.status).toBe('to_verify');
    expect(reading.warnings.filter((w) => w.code === 'FIELD_INVALID').map((w) => w.field)).toEqual(['C.1', 'E']);
  });

  it('warns DATES_OUT_OF_ORDER when this certificate’s date (I) precedes the first registration (B)', () => {
    fc.assert(
      fc.property(certificate, fc.integer({ min: 1, max: 3000 }), (truth, daysBefore) => {
        const first = new Date(`${truth.normalized.firstRegistrationDate}T00:00:00Z`);
        const issued = new Date(first.getTime() - daysBefore * 86_400_000).toISOString().slice(0, 10);
        fc.pre(issued >= '1900-01-01');
        const reading = assess(perfectPage({ ...truth, fields: { ...truth.fields, I: frDate(issued) } }));
        expect(reading.status).toBe('to_verify');
        expect(reading.warnings.find((w) => w.code === 'DATES_OUT_OF_ORDER')).toMatchObject({ field: 'I' });
        expect(reading.fields.I?.value).toBe(issued);
      }),
      { numRuns: 40 },
    );
  });

  it('warns PLATE_MISMATCH when the coupon’s plate differs from A, and keeps A', () => {
    fc.assert(
      fc.property(certificate, certificate, (truth, other) => {
        fc.pre(other.normalized.plate !== truth.normalized.plate);
        const reading = assess(perfectPage(truth, { coupon: other.couponPlate }));
        expect(reading.status).toBe('to_verify');
        expect(codes(reading)).toContain('PLATE_MISMATCH');
        expect(reading.normalized.plate).toBe(truth.normalized.plate);
      }),
      { numRuns: 40 },
    );
  });

  it('warns DATE_IN_FUTURE for a first registration after today', () => {
    const truth = generateCertificate(seededRandom(8));
    const reading = assess(perfectPage({ ...truth, fields: { ...truth.fields, B: '02/12/2026', I: '03/12/2026' } }));
    expect(codes(reading)).toEqual(['DATE_IN_FUTURE']);
    expect(reading.status).toBe('to_verify');
  });
});
