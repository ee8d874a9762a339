import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCertificate } from '../corpus/certificate-values.ts';
import { seededRandom } from '../corpus/random.ts';
import { CERTIFICATE_CODES, type CertificateCode } from './certificate-codes.ts';
import { applyFieldGrammar } from './field-grammar.ts';
import { MAKES } from './makes.ts';

const CODES = Object.keys(CERTIFICATE_CODES) as CertificateCode[];
const INTEGER_CODES: CertificateCode[] = ['F.1', 'F.2', 'F.3', 'G', 'G.1', 'P.1', 'P.2', 'P.6', 'S.1', 'S.2', 'U.1', 'U.2', 'V.7', 'C.4.1'];
const DATE_CODES: CertificateCode[] = ['B', 'I', 'X.1'];
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.stringMatching(/^[A-Z0-9 /.\-']{0,24}$/),
);
const certificate = fc.integer({ min: 1, max: 1_000_000 }).map((seed) => generateCertificate(seededRandom(seed)));
// Lookalikes OCR gives for digits, which a digit-only grammar reads back.
const DIGIT_LOOKALIKE: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B', '6': 'G' };
const isRealIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

describe('applyFieldGrammar', () => {
  it('never throws; what fails a grammar keeps its text, what passes has a value in the field’s form', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CODES), anyText, fc.option(fc.constantFrom(...MAKES.map((m) => m.make)), { nil: undefined }), (code, text, make) => {
        const result = applyFieldGrammar(code, text, make ? { make } : {});
        expect(Number.isInteger(result.repaired) && result.repaired >= 0).toBe(true);
        if (!result.valid) {
          expect(result.value).toBe(text.trim().replace(/\s+/g, ' '));
          return;
        }
        expect(result.value).not.toBe('');
        if (code === 'A') expect(result.value).toMatch(/^([A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}|\d{1,4} [A-Z]{1,3} (\d{2}|2A|2B))$/);
        if (code === 'E') expect(result.value).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
        if (DATE_CODES.includes(code)) expect(isRealIsoDate(result.value)).toBe(true);
        if (INTEGER_CODES.includes(code)) expect(result.value).toMatch(/^\d{1,6}$/);
        if (code === 'J') expect(result.value).toMatch(/^[MNLOT]\d[a-z]?$/);
        if (code === 'Q') expect(result.value).toMatch(/^\d{1,2}\.\d{1,3}$/);
        if (code === 'C.1') expect(result.value).toMatch(/^\p{L}[\p{L} '-]*$/u);
        if (code === 'J.1' || code === 'P.3' || code === 'J.2') expect(result.value).toMatch(/^[A-Z]{1,6}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('reads every printed value of a generated certificate as valid, unrepaired, and a plate, VIN or number as printed', () => {
    fc.assert(
      fc.property(certificate, (truth) => {
        const make = truth.normalized.make;
        for (const [code, printed] of Object.entries(truth.fields) as [CertificateCode, string][]) {
          if (!printed) continue;
          const result = applyFieldGrammar(code, printed, { make });
          expect({ code, valid: result.valid, repaired: result.repaired }).toEqual({ code, valid: true, repaired: 0 });
          if (code === 'A' || code === 'E' || INTEGER_CODES.includes(code)) expect(result.value).toBe(printed);
        }
        expect(applyFieldGrammar('B', truth.fields.B ?? '').value).toBe(truth.normalized.firstRegistrationDate);
        expect(applyFieldGrammar('D.1', truth.fields['D.1'] ?? '').value).toBe(truth.normalized.make);
        expect(applyFieldGrammar('D.3', truth.fields['D.3'] ?? '', { make }).value).toBe(truth.normalized.model);
      }),
      { numRuns: 100 },
    );
  });

  it('is stable: a valid value read again gives itself, with nothing repaired', () => {
    const stableCodes = CODES.filter((c) => !DATE_CODES.includes(c));
    fc.assert(
      fc.property(fc.constantFrom(...stableCodes), anyText, (code, text) => {
        const first = applyFieldGrammar(code, text);
        fc.pre(first.valid);
        const again = applyFieldGrammar(code, first.value);
        expect(again.valid).toBe(true);
        expect(again.value).toBe(first.value);
        expect(again.repaired).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('repairs lookalike letters in numbers and dates, counting each one', () => {
    const number = fc.stringMatching(/^[1-9]\d{0,5}$/);
    const swaps = fc.array(fc.boolean(), { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(fc.constantFrom(...INTEGER_CODES), number, swaps, (code, value, swap) => {
        const printed = [...value].map((c, i) => (swap[i] && DIGIT_LOOKALIKE[c] ? DIGIT_LOOKALIKE[c] : c)).join('');
        const changed = [...printed].filter((c, i) => c !== value[i]).length;
        // Repaired while most of the number still reads as digits; a word of lookalikes is no number.
        if (changed * 2 >= value.length) expect(applyFieldGrammar(code, printed).valid).toBe(false);
        else expect(applyFieldGrammar(code, printed)).toEqual({ value, valid: true, repaired: changed });
      }),
    );
    fc.assert(
      fc.property(certificate, fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), (truth, swap) => {
        const printed = truth.fields.B ?? '';
        const misread = [...printed].map((c, i) => (swap[i] && DIGIT_LOOKALIKE[c] ? DIGIT_LOOKALIKE[c] : c)).join('');
        expect(applyFieldGrammar('B', misread).value).toBe(truth.normalized.firstRegistrationDate);
      }),
      { numRuns: 100 },
    );
  });

  it('lets the make read in D.1 settle a VIN manufacturer code a glyph away from several known ones', () => {
    // SBA is a glyph from Toyota's SB1 and from BMW's WBA; VRI (1 read as AI) from DS's VR1 and Peugeot's VR3.
    expect(applyFieldGrammar('E', 'SBARL0TT62D654378', { make: 'TOYOTA' })).toMatchObject({ value: 'SB1RL0TT62D654378', valid: true });
    expect(applyFieldGrammar('E', 'SBARL0TT62D654378', { make: 'BMW' })).toMatchObject({ value: 'WBARL0TT62D654378', valid: true });
    expect(applyFieldGrammar('E', 'SBARL0TT62D654378').value).toBe('SBARL0TT62D654378');
    expect(applyFieldGrammar('E', 'VRAICRSNRSEWO48184', { make: 'DS' })).toMatchObject({ value: 'VR1CRSNRSEW048184', valid: true });
    expect(applyFieldGrammar('E', 'VRAICRSNRSEWO48184')).toMatchObject({ valid: false });
    // A known code leads an eighteen-glyph reading: the extra glyph is further on, and no VIN is guessed.
    expect(applyFieldGrammar('E', 'VSKFVMDDUD63836074', { make: 'NISSAN' })).toMatchObject({ valid: false });
    // ...unless it is the glyph after the code read twice (1 as 1I).
    expect(applyFieldGrammar('E', 'VSS1IBXC5BXZ924265')).toMatchObject({ value: 'VSS1BXC5BXZ924265', valid: true });
  });

  it('reads no word as a number: a make under a misread code stays a word', () => {
    for (const code of INTEGER_CODES) expect(applyFieldGrammar(code, 'AUDI').valid).toBe(false);
    expect(applyFieldGrammar('P.1', '1S98')).toEqual({ value: '1598', valid: true, repaired: 1 });
  });

  it('reads the power-to-mass ratio (Q) as a decimal, and a word as no ratio', () => {
    expect(applyFieldGrammar('Q', '0,07')).toEqual({ value: '0.07', valid: true, repaired: 0 });
    expect(applyFieldGrammar('Q', 'O.O6')).toEqual({ value: '0.06', valid: true, repaired: 2 });
    expect(applyFieldGrammar('Q', 'KIA')).toMatchObject({ valid: false });
  });

  it('reads a name’s lookalike digits as letters, and refuses a value made of digits as a name', () => {
    expect(applyFieldGrammar('C.1', 'DUP0NT MAR1E')).toEqual({ value: 'DUPONT MARIE', valid: true, repaired: 2 });
    expect(applyFieldGrammar('C.1', '12345 6')).toMatchObject({ valid: false });
  });

  it('snaps a make misread by a glyph to the list, and leaves an unknown make as read', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MAKES.filter((m) => m.make.length >= 6).map((m) => m.make)), fc.nat(), (make, at) => {
        const i = at % make.length;
        const swapped = make.slice(0, i) + (make[i] === 'L' ? 'I' : make[i] === 'O' ? '0' : make[i] === 'I' ? 'L' : 'X') + make.slice(i + 1);
        expect(applyFieldGrammar('D.1', swapped).value).toBe(make);
      }),
    );
    expect(applyFieldGrammar('D.1', 'Zorglub')).toEqual({ value: 'ZORGLUB', valid: true, repaired: 0 });
  });
});
