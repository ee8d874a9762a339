import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_CODES, type CertificateCode, codeCandidates } from './certificate-codes.ts';

const CODES = Object.keys(CERTIFICATE_CODES) as CertificateCode[];
// Glyphs OCR gives for each glyph of the printed codes (a subset of the reader's lookalike classes).
const LOOKALIKES: Record<string, string[]> = {
  I: ['1', 'l', '|'],
  '1': ['I', 'l', ')'],
  D: ['0', 'O'],
  '0': ['O'],
  S: ['5', '$'],
  '2': ['Z'],
  B: ['8'],
  G: ['6', 'C'],
  C: ['(', 'c'],
  V: ['v', 'Y'],
  '4': ['A'],
  E: ['€'],
  K: ['k'],
  X: ['x'],
  P: ['p'],
  F: ['f'],
  U: ['u'],
};

describe('codeCandidates', () => {
  it('offers every code for its exact printing first, at no cost, with or without its dots or a colon', () => {
    for (const code of CODES) {
      expect(codeCandidates(code)[0]).toEqual({ code, cost: 0 });
      expect(codeCandidates(`${code}:`)[0]).toEqual({ code, cost: 0 });
      expect(codeCandidates(code.replace(/\./g, ''))).toContainEqual({ code, cost: 0 });
    }
  });

  it('still offers a code whose glyphs were misread as lookalikes, at 0.3 a glyph', () => {
    const misread = fc.constantFrom(...CODES).chain((code) =>
      fc.tuple(
        fc.constant(code),
        fc.array(fc.boolean(), { minLength: code.length, maxLength: code.length }),
        fc.array(fc.nat(2), { minLength: code.length, maxLength: code.length }),
      ),
    );
    fc.assert(
      fc.property(misread, ([code, swaps, picks]) => {
        let changed = 0;
        const printed = [...code]
          .map((c, i) => {
            const options = LOOKALIKES[c];
            if (!options || !swaps[i]) return c;
            changed++;
            return options[(picks[i] ?? 0) % options.length] ?? c;
          })
          .join('');
        const candidate = codeCandidates(printed).find((c) => c.code === code);
        expect(candidate).toBeDefined();
        expect(candidate?.cost).toBeCloseTo(0.3 * changed, 5);
      }),
    );
  });

  it('gives only known codes, cheapest first, and nothing for long words, whatever the word', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 10 }), fc.stringMatching(/^[A-Z0-9.,:;|)(€$]{0,8}$/)), (word) => {
        const candidates = codeCandidates(word);
        for (const { code, cost } of candidates) {
          expect(CODES).toContain(code);
          expect(cost).toBeGreaterThanOrEqual(0);
        }
        expect(candidates.map((c) => c.cost)).toEqual([...candidates.map((c) => c.cost)].sort((a, b) => a - b));
        expect(new Set(candidates.map((c) => c.code)).size).toBe(candidates.length);
        if (word.trim().replace(/[:;]$/, '').length > 7 || word.trim() === '') expect(candidates).toEqual([]);
      }),
    );
  });

  it('offers no code for ordinary words of a value', () => {
    for (const word of ['RENAULT', 'MARTIN', '12/03/2019', 'VF1RFB00X12345678', 'ESSENCE', 'AB-123-CD']) expect(codeCandidates(word)).toEqual([]);
  });
});
