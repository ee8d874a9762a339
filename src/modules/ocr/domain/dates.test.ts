import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDate } from './dates.ts';

const day = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
const printed = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

describe('readDate', () => {
  it('reads every printed date DD/MM/YYYY as YYYY-MM-DD', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(readDate(printed(d))).toEqual({ date: d.toISOString().slice(0, 10), repaired: 0 });
      }),
    );
  });

  it('repairs lookalike letters and misread separators', () => {
    expect(readDate('O1/I2/2O19')).toEqual({ date: '2019-12-01', repaired: 3 });
    expect(readDate('15.03-2019')).toEqual({ date: '2019-03-15', repaired: 0 });
    expect(readDate('1503 2019')).toEqual({ date: '2019-03-15', repaired: 0 });
    fc.assert(
      fc.property(day, (d) => {
        const swapped = printed(d).replace(/0/g, 'O').replace(/1/g, 'I');
        expect(readDate(swapped)?.date).toBe(d.toISOString().slice(0, 10));
      }),
    );
  });

  it('repairs a blurred 0 (6, 8, 9) or 1 (7) where the calendar forbids the digit read', () => {
    expect(readDate('10/67/2025')).toEqual({ date: '2025-07-10', repaired: 1 });
    expect(readDate('28/02/2617')).toEqual({ date: '2017-02-28', repaired: 1 });
    expect(readDate('16/69/2815')).toEqual({ date: '2015-09-16', repaired: 2 });
    expect(readDate('93/61/1999')).toEqual({ date: '1999-01-03', repaired: 2 });
    const BLURRED: Record<string, string> = { '0': '6', '1': '7' };
    fc.assert(
      fc.property(day, fc.constantFrom(0, 3, 7), (d, at) => {
        const text = printed(d);
        const blurred = BLURRED[text[at] ?? ''];
        fc.pre(blurred !== undefined);
        expect(readDate(text.slice(0, at) + blurred + text.slice(at + 1))).toEqual({ date: d.toISOString().slice(0, 10), repaired: 1 });
      }),
    );
  });

  it('refuses impossible dates and never throws', () => {
    for (const bad of ['31/02/2019', '00/01/2019', '12/13/2019', '01/01/1850', 'hier', '']) expect(readDate(bad)).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (s) => {
        const read = readDate(s);
        if (read) expect(Number.isNaN(Date.parse(read.date))).toBe(false);
      }),
    );
  });
});
