import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPlate } from './plate.ts';

const SIV_LETTER = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTVWXYZ');
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const siv = fc
  .tuple(SIV_LETTER, SIV_LETTER, digit, digit, digit, SIV_LETTER, SIV_LETTER)
  .map(([a, b, c, d, e, f, g]) => `${a}${b}-${c}${d}${e}-${f}${g}`)
  .filter((p) => !p.startsWith('SS') && !p.startsWith('WW') && !p.endsWith('SS') && !p.includes('-000-'));
const LOOK_AS_DIGIT: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z' };
const LOOK_AS_LETTER: Record<string, string> = { S: '5', B: '8', Z: '2', D: '0' };

describe('readPlate', () => {
  it('reads every SIV plate back, whatever the separators', () => {
    fc.assert(
      fc.property(siv, fc.constantFrom('-', ' ', '', ' - '), (plate, sep) => {
        expect(readPlate(plate.replace(/-/g, sep))).toEqual({ plate, format: 'SIV', repaired: 0 });
      }),
    );
  });

  it('repairs 0/O 1/I 5/S 8/B 2/Z where the SIV grammar decides', () => {
    fc.assert(
      fc.property(siv, fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }), (plate, positions) => {
        const chars = [...plate.replace(/-/g, '')];
        let changed = 0;
        for (const i of new Set(positions)) {
          const c = chars[i] ?? '';
          const swap = i >= 2 && i <= 4 ? LOOK_AS_DIGIT[c] : LOOK_AS_LETTER[c];
          if (swap) {
            chars[i] = swap;
            changed++;
          }
        }
        expect(readPlate(chars.join(''))).toEqual({ plate, format: 'SIV', repaired: changed });
      }),
    );
  });

  it('reads a glyph read twice, as itself and its lookalike, once', () => {
    expect(readPlate('ND-926-6GJ')).toEqual({ plate: 'ND-926-GJ', format: 'SIV', repaired: 1 });
    expect(readPlate('AB-1I23-CD')).toEqual({ plate: 'AB-123-CD', format: 'SIV', repaired: 1 });
    expect(readPlate('23/04/2006')).toBeUndefined();
    const TWIN: Record<string, string> = { G: '6', '6': 'G', D: '0', '0': 'D', '1': 'I', S: '5', '5': 'S', B: '8', '8': 'B', Z: '2', '2': 'Z' };
    fc.assert(
      fc.property(siv, fc.nat(6), fc.boolean(), (plate, at, before) => {
        const chars = [...plate.replace(/-/g, '')];
        const twin = TWIN[chars[at] ?? ''];
        fc.pre(twin !== undefined);
        chars.splice(before ? at : at + 1, 0, twin ?? '');
        const read = readPlate(chars.join(''));
        // Never another plate: the one printed, or none when another lookalike pair makes it ambiguous.
        if (read) expect(read).toMatchObject({ plate, format: 'SIV' });
      }),
    );
  });

  it('reads FNI plates with their department', () => {
    expect(readPlate('123 ABC 75')).toEqual({ plate: '123 ABC 75', format: 'FNI', repaired: 0 });
    expect(readPlate('4521 TZ 2A')).toEqual({ plate: '4521 TZ 2A', format: 'FNI', repaired: 0 });
    expect(readPlate('12O AB 69')?.plate).toBe('120 AB 69');
    expect(readPlate('123 ABC 96')).toBeUndefined();
  });

  it('reads every FNI plate as printed, even one whose seven characters would make a SIV plate by lookalikes', () => {
    expect(readPlate('487 ZD 44')).toEqual({ plate: '487 ZD 44', format: 'FNI', repaired: 0 });
    const department = fc.constantFrom('01', '13', '2A', '2B', '44', '69', '75', '95');
    const fni = fc
      .tuple(fc.integer({ min: 1, max: 9999 }), fc.stringMatching(/^[A-HJ-NP-Z]{1,3}$/), department)
      .map(([n, letters, dept]) => `${n} ${letters} ${dept}`);
    fc.assert(
      fc.property(fni, (plate) => {
        expect(readPlate(plate)).toEqual({ plate, format: 'FNI', repaired: 0 });
      }),
    );
  });

  it('refuses what is no plate and never throws', () => {
    for (const bad of ['', 'AB-000-CD', 'SS-123-AB', 'AI-123-BC', 'ABC-12-DE', 'hello world']) expect(readPlate(bad)).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const read = readPlate(s);
        if (read) expect(read.plate).toMatch(/^([A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}|\d{1,4} [A-Z]{1,3} (\d{2}|2A|2B))$/);
      }),
    );
  });
});
