import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, parseSiren } from './siren.ts';

/** Appends the digit that makes `eight` a Luhn-valid 9-digit SIREN. */
function withCheckDigit(eight: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(eight + d)) return eight + d;
  throw new Error('unreachable');
}

const eightDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }).map((a) => a.join(''));

describe('parseSiren', () => {
  it('accepts real SIRENs with or without separators', () => {
    expect(parseSiren('732829320')).toBe('732829320');
    expect(parseSiren('732 829 320')).toBe('732829320');
    expect(parseSiren('552.100.554')).toBe('552100554');
  });

  it('rejects wrong lengths, letters and bad check digits', () => {
    expect(parseSiren('73282932')).toBeUndefined();
    expect(parseSiren('7328293201')).toBeUndefined();
    expect(parseSiren('73282932A')).toBeUndefined();
    expect(parseSiren('732829321')).toBeUndefined();
  });

  it('accepts every 9-digit number whose last digit is its Luhn check digit', () => {
    fc.assert(fc.property(eightDigits, (eight) => parseSiren(withCheckDigit(eight)) === withCheckDigit(eight)));
  });

  it('rejects any single-digit change of a valid SIREN', () => {
    fc.assert(
      fc.property(eightDigits, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (eight, pos, delta) => {
        const siren = withCheckDigit(eight);
        const changed = siren.slice(0, pos) + ((Number(siren[pos]) + delta) % 10) + siren.slice(pos + 1);
        return parseSiren(changed) === undefined;
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const r = parseSiren(s);
      return r === undefined || /^\d{9}$/.test(r);
    }));
  });
});
