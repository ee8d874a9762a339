import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlate } from './plate.ts';
import { parseVin, vinCheckDigit } from './vin.ts';

const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split('');
const vinChar = fc.constantFrom(...VIN_ALPHABET);
const europeanVin = fc
  .tuple(fc.constantFrom(...'VWSZ'.split('')), fc.array(vinChar, { minLength: 16, maxLength: 16 }))
  .map(([first, rest]) => first + rest.join(''));
const northAmericanVin = fc
  .tuple(fc.constantFrom(...'12345'.split('')), fc.array(vinChar, { minLength: 16, maxLength: 16 }))
  .map(([first, rest]) => {
    const raw = first + rest.join('');
    return raw.slice(0, 8) + vinCheckDigit(raw) + raw.slice(9);
  });
const sivLetter = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTVWXYZ'.split(''));

describe('parseVin', () => {
  it('accepts real VINs and normalises case and separators', () => {
    expect(parseVin('VF1RFB00X56123456')).toBe('VF1RFB00X56123456');
    expect(parseVin('vf1 rfb00x 56123456')).toBe('VF1RFB00X56123456');
    expect(parseVin('1M8GDM9AXKP042788')).toBe('1M8GDM9AXKP042788');
  });

  it('rejects I, O, Q, wrong lengths and a wrong North American check digit', () => {
    expect(parseVin('VF1RFB00X5612345O')).toBeUndefined();
    expect(parseVin('VF1RFB00X5612345')).toBeUndefined();
    expect(parseVin('1M8GDM9A1KP042788')).toBeUndefined();
  });

  it('round-trips every well-formed European VIN', () => {
    fc.assert(fc.property(europeanVin, (vin) => parseVin(vin.toLowerCase()) === vin));
  });

  it('accepts North American VINs with their check digit and rejects a changed one', () => {
    fc.assert(
      fc.property(northAmericanVin, fc.integer({ min: 1, max: 9 }), (vin, delta) => {
        const digit = vin[8] === 'X' ? 10 : Number(vin[8]);
        const wrong = (digit + delta) % 11;
        const changed = vin.slice(0, 8) + (wrong === 10 ? 'X' : String(wrong)) + vin.slice(9);
        return parseVin(vin) === vin && parseVin(changed) === undefined;
      }),
    );
  });

  it('never throws and only returns 17 valid characters', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      const v = parseVin(s);
      return v === undefined || /^[A-HJ-NPR-Z0-9]{17}$/.test(v);
    }));
  });
});

describe('parsePlate', () => {
  it('reads SIV and FNI plates as people type them', () => {
    expect(parsePlate('ab 123 cd')).toEqual({ plate: 'AB-123-CD', format: 'SIV' });
    expect(parsePlate('AB-123-CD')).toEqual({ plate: 'AB-123-CD', format: 'SIV' });
    expect(parsePlate('1234 ab 56')).toEqual({ plate: '1234 AB 56', format: 'FNI' });
    expect(parsePlate('123 ABC 2A')).toEqual({ plate: '123 ABC 2A', format: 'FNI' });
  });

  it('rejects letters SIV never uses, number 000 and unknown shapes', () => {
    expect(parsePlate('AI-123-CD')).toBeUndefined();
    expect(parsePlate('AB-000-CD')).toBeUndefined();
    expect(parsePlate('ABC-12-D')).toBeUndefined();
    expect(parsePlate('')).toBeUndefined();
  });

  it('canonicalises every SIV plate however it is spaced or cased', () => {
    fc.assert(
      fc.property(sivLetter, sivLetter, fc.integer({ min: 1, max: 999 }), sivLetter, sivLetter, fc.constantFrom('', ' ', '-'), (a, b, n, c, d, sep) => {
        fc.pre(a + b !== 'SS' && a + b !== 'WW' && c + d !== 'SS');
        const num = String(n).padStart(3, '0');
        const canonical = `${a}${b}-${num}-${c}${d}`;
        const typed = `${a}${b}${sep}${num}${sep}${c}${d}`.toLowerCase();
        return parsePlate(typed)?.plate === canonical && parsePlate(canonical)?.plate === canonical;
      }),
    );
  });

  it('never throws on arbitrary input, and its output parses to itself', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => {
      const p = parsePlate(s);
      return p === undefined || parsePlate(p.plate)?.plate === p.plate;
    }));
  });
});
