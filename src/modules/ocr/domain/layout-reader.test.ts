import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OcrAnswer } from '../../../platform/ports/ocr-engine.ts';
import { type CertificateTruth, generateCertificate } from '../corpus/certificate-values.ts';
import { perfectPage, wordAt as word } from '../corpus/perfect-page.ts';
import { seededRandom } from '../corpus/random.ts';
import { assessCertificate } from './assess-certificate.ts';
import { codeCandidates } from './certificate-codes.ts';
import { CERTIFICATE_QUERIES } from './certificate-queries.ts';
import { readCertificateLayout } from './layout-reader.ts';

const certificate = fc.integer({ min: 1, max: 1_000_000 }).map((seed) => generateCertificate(seededRandom(seed)));

describe('readCertificateLayout', () => {
  it('reads every field by its code from a perfect reading, however the rows are cut into lines', () => {
    fc.assert(
      fc.property(certificate, fc.boolean(), (truth, splitCells) => {
        const page = perfectPage(truth, { splitCells });
        const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
        expect(reading.normalized).toEqual(truth.normalized);
        expect(reading.status).toBe('readable');
        for (const [code, value] of Object.entries(truth.fields)) if (value) expect(reading.fields[code as 'A']?.raw).toBe(value);
      }),
      { numRuns: 60 },
    );
  });

  it('still finds the fields when the small codes are misread as lookalikes', () => {
    const misread: Record<string, string> = { B: '«', 'F.1': 'FL', 'C.1': 'C1', 'D.1': '0.1', I: '1', J: ')', 'J.2': '12', 'V.7': 'v.7', 'D.2.1': 'D21' };
    fc.assert(
      fc.property(certificate, (truth) => {
        const page = perfectPage(truth, { codeText: (code) => misread[code] ?? code });
        const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
        expect(reading.normalized).toEqual(truth.normalized);
        expect(reading.fields.I?.value).toBe(readIso(truth.fields.I ?? ''));
        expect(reading.fields.B?.value).toBe(truth.normalized.firstRegistrationDate);
        expect(reading.fields['J.2']?.value).toBe(truth.fields['J.2']);
      }),
      { numRuns: 40 },
    );
  });

  it('joins a code the engine cut in two words ("D." and "3")', () => {
    fc.assert(
      fc.property(certificate, (truth) => {
        const page = perfectPage(truth, { codeText: (c) => (c === 'D.3' ? 'D.' : c), valueText: (c, v) => (c === 'D.3' ? `3 ${v}` : v) });
        const layout = readCertificateLayout(page);
        expect(layout.fields['D.3']?.text).toBe(truth.fields['D.3']);
        expect(layout.fields.Q).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });

  it('takes a model of the make read under another code (D.3 misread p.3) for D.3, and keeps that code’s own reading', () => {
    fc.assert(
      fc.property(certificate, (truth) => {
        fc.pre(/\p{L}/u.test(truth.fields['D.3'] ?? ''));
        const page = perfectPage(truth, { codeText: (c) => (c === 'D.3' ? 'p.3' : c) });
        const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
        expect(reading.normalized.model).toBe(truth.normalized.model);
        expect(reading.fields['P.3']?.value).toBe(truth.fields['P.3']);
      }),
      { numRuns: 40 },
    );
  });

  it('takes only a valid plate as A or the coupon’s when the coupon’s heading was not read', () => {
    fc.assert(
      fc.property(certificate, (truth) => {
        // B's small code read as an "a": a second A cell on the plate's row, holding a date.
        const page = perfectPage(truth, { couponHeading: false, splitCells: true, codeText: (c) => (c === 'B' ? 'a' : c) });
        const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
        expect(reading.normalized.plate).toBe(truth.normalized.plate);
        expect(reading.normalized.firstRegistrationDate).toBe(truth.normalized.firstRegistrationDate);
      }),
      { numRuns: 30 },
    );
  });

  it('recognises the make and then its model by value when the small D of D.1 and D.3 is unreadable (p.1, o.:, n.3)', () => {
    fc.assert(
      fc.property(certificate, fc.constantFrom('p.1', 'o.:', 'n.1'), fc.constantFrom('n.3', '..3'), (truth, make, model) => {
        const page = perfectPage(truth, { codeText: (c) => (c === 'D.1' ? make : c === 'D.3' ? model : c) });
        const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
        expect(reading.normalized.make).toBe(truth.normalized.make);
        expect(reading.normalized.model).toBe(truth.normalized.model);
      }),
      { numRuns: 40 },
    );
  });

  it('warns when the coupon’s plate differs from field A', () => {
    const truth = generateCertificate(seededRandom(3));
    const page = perfectPage(truth, { coupon: 'ZZ-999-ZZ' });
    const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
    expect(reading.status).toBe('to_verify');
    expect(reading.warnings.map((w) => w.code)).toContain('PLATE_MISMATCH');
  });

  it('calls a page of unrelated text not a certificate, with a warning', () => {
    const lines = ['FACTURE N° 2024-118', 'GARAGE DU CENTRE', 'VIDANGE ET FILTRE 89,00 EUR'].map((text, i) => {
      const words = text.split(' ').map((t, j) => word(t, 60 + j * 200, 100 + i * 60));
      return { text, confidence: 90, box: words[0]?.box ?? word('', 0, 0).box, words };
    });
    const page = { width: 1000, height: 400, confidence: 90, text: '', lines };
    const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
    expect(reading.status).toBe('not_a_certificate');
    expect(reading.warnings[0]?.code).toBe('NOT_A_CERTIFICATE');
  });

  it('never throws on arbitrary words', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.nat(2000), fc.nat(1500)), { maxLength: 40 }), (items) => {
        const words = items.map(([t, x, y]) => word(t, x, y));
        const page = { width: 2000, height: 1500, confidence: 50, text: '', lines: [{ text: '', confidence: 50, box: word('', 0, 0).box, words }] };
        const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
        expect(['readable', 'blurry', 'to_verify', 'not_a_certificate']).toContain(reading.status);
      }),
    );
  });
});

describe('readCertificateLayout with the engine’s query answers', () => {
  const answer = (alias: string, text: string, confidence = 90, y = 100): OcrAnswer => ({ alias, text, confidence, box: { x0: 900, y0: y, x1: 1300, y1: y + 24 } });
  const truthAnswers = (truth: CertificateTruth) => CERTIFICATE_QUERIES.filter((q) => truth.fields[q.alias]).map((q) => answer(q.alias, truth.fields[q.alias] ?? ''));

  it('takes the key fields from the answers when the printed codes were unreadable, with the answers’ boxes', () => {
    fc.assert(
      fc.property(certificate, (truth) => {
        const page = { ...perfectPage(truth, { codeText: () => '~' }), answers: truthAnswers(truth) };
        const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
        expect(reading.normalized).toEqual(truth.normalized);
        expect(reading.fields.E?.box).toEqual(answer('E', '').box);
        expect(reading.fields.E?.confidence).toBe(0.9);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps a valid reading over an answer outside the grammar, or a less sure one, and takes a surer one', () => {
    const truth = generateCertificate(seededRandom(11));
    const page = perfectPage(truth);
    const vinOf = (answers: OcrAnswer[]) => readCertificateLayout({ ...page, answers }).fields.E?.text;
    expect(vinOf([answer('E', 'NOT A VIN AT ALL', 99)])).toBe(truth.fields.E);
    const otherVin = `${truth.normalized.vin.slice(0, 16)}${truth.normalized.vin.endsWith('1') ? '2' : '1'}`;
    expect(vinOf([answer('E', otherVin, 80)])).toBe(truth.fields.E);
    expect(vinOf([answer('E', otherVin, 99)])).toBe(otherVin);
    // An answer under the coupon's heading is the coupon's, not field A.
    const couponAnswer = answer('A', 'ZZ-999-ZZ', 99, 5000);
    expect(readCertificateLayout({ ...perfectPage(truth, { codeText: (c) => (c === 'A' ? '~' : c) }), answers: [couponAnswer] }).fields.A?.text).not.toBe('ZZ-999-ZZ');
  });

  it('never throws and never turns a field outside its grammar, whatever the answers', () => {
    const anyAnswer = fc.record({
      alias: fc.oneof(fc.constantFrom(...CERTIFICATE_QUERIES.map((q) => q.alias)), fc.string({ maxLength: 5 })),
      text: fc.string({ maxLength: 30 }),
      confidence: fc.double({ min: 0, max: 100, noNaN: true }),
      box: fc.record({ x0: fc.nat(2000), y0: fc.nat(2000), x1: fc.nat(2000), y1: fc.nat(2000) }),
    });
    fc.assert(
      fc.property(certificate, fc.array(anyAnswer, { maxLength: 12 }), (truth, answers) => {
        const page = { ...perfectPage(truth), answers };
        const reading = assessCertificate(readCertificateLayout(page), page, '2026-12-01');
        expect(['readable', 'to_verify']).toContain(reading.status);
        for (const code of ['A', 'B', 'E'] as const) expect(reading.fields[code]?.valid).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('CERTIFICATE_QUERIES', () => {
  it('asks at most 15 queries (Textract’s synchronous limit), in the characters its query text allows, one per key field', () => {
    expect(CERTIFICATE_QUERIES.length).toBeLessThanOrEqual(15);
    for (const query of CERTIFICATE_QUERIES) {
      expect(query.text).toMatch(/^[a-zA-Z0-9\s!"#$%'&()*+,\-./:;=?@[\\\]^_`{|}~><]{1,200}$/);
      expect(query.alias.length).toBeLessThanOrEqual(100);
    }
    expect(CERTIFICATE_QUERIES.map((q) => q.alias)).toEqual(expect.arrayContaining(['A', 'B', 'C.1', 'D.1', 'D.3', 'E']));
  });
});

describe('codeCandidates', () => {
  it('offers each code for its exact printing first', () => {
    for (const code of ['A', 'C.1', 'D.2.1', 'F.1', 'V.9', 'X.1']) expect(codeCandidates(code)[0]).toEqual({ code, cost: 0 });
  });
});

function readIso(printed: string): string {
  const [d, m, y] = printed.split('/');
  return `${y}-${m}-${d}`;
}
