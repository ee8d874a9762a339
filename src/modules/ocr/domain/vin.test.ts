import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVin, vinCheckDigit } from './vin.ts';

const VIN_CHAR = fc.constantFrom(...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789');
const vin = fc.array(VIN_CHAR, { minLength: 17, maxLength: 17 }).map((cs) => {
  // A passenger car's serial ends in digits.
  for (let i = 13; i < 17; i++) if (!/\d/.test(cs[i] ?? '')) cs[i] = String(i % 10);
  return cs.join('');
});

describe('readVin', () => {
  it('reads every VIN back, spaced or not', () => {
    fc.assert(
      fc.property(vin, (v) => {
        expect(readVin(v)?.vin).toBe(v);
        expect(readVin(`${v.slice(0, 3)} ${v.slice(3, 9)} ${v.slice(9)}`)?.vin).toBe(v);
      }),
    );
  });

  it('reads I, O and Q (never in a VIN) as 1, 0 and 0, and letters in the digit-only serial as digits', () => {
    expect(readVin('VF1RFB0OX56I23456')).toMatchObject({ vin: 'VF1RFB00X56123456', repaired: 2 });
    expect(readVin('VF1RFB00X5612S4B6')).toMatchObject({ vin: 'VF1RFB00X56125486', repaired: 2 });
    fc.assert(
      fc.property(vin, fc.integer({ min: 0, max: 16 }), (v, i) => {
        const c = v[i];
        const look = c === '0' ? 'O' : c === '1' ? 'I' : undefined;
        if (!look) return;
        expect(readVin(v.slice(0, i) + look + v.slice(i + 1))?.vin).toBe(v);
      }),
    );
  });

  it('restores a known manufacturer code a glyph away, and only then', () => {
    const wmis = new Set(['VR1', 'SB1', 'VF1', 'VF3']);
    expect(readVin('VRAICRSNRSEWO48184', wmis)?.vin).toBe('VR1CRSNRSEW048184');
    expect(readVin('SBARL0TT62D654378', wmis)?.vin).toBe('SB1RL0TT62D654378');
    // VF1 and VF3 are both a glyph from VFZ: nothing is guessed.
    expect(readVin('VFZRFB00X56123456', wmis)?.vin).toBe('VFZRFB00X56123456');
    fc.assert(
      fc.property(vin, (v) => {
        const known = new Set([v.slice(0, 3)]);
        expect(readVin(v, known)?.vin).toBe(v);
        expect(readVin(`${v[0]}${v[1]}#${v.slice(3)}`.replace('#', v[2] === 'A' ? 'B' : 'A'), known)?.vin).toBe(v);
      }),
    );
  });

  it('reports a failed check digit without refusing the VIN', () => {
    const good = '1HGCM82633A004352';
    expect(vinCheckDigit(good)).toBe('3');
    expect(readVin(good)?.checkDigitValid).toBe(true);
    expect(readVin('1HGCM82643A004352')).toMatchObject({ vin: '1HGCM82643A004352', checkDigitValid: false });
  });

  it('refuses anything but 17 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const read = readVin(s);
        if (read) expect(read.vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
      }),
    );
    expect(readVin('VF1RFB00X5612345')).toBeUndefined();
  });
});
