import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatFrenchDate, parisDay, parseFrenchDate } from './french-date.ts';

const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('French dates', () => {
  it('read back both written forms of any date', () => {
    fc.assert(
      fc.property(isoDate, fc.constantFrom('numeric' as const, 'written' as const), (d, style) => {
        expect(parseFrenchDate(formatFrenchDate(d, style))).toBe(d);
      }),
    );
  });

  it('read the forms of the issue, accents optional', () => {
    expect(parseFrenchDate('12/03/2026')).toBe('2026-03-12');
    expect(parseFrenchDate('12 mars 2026')).toBe('2026-03-12');
    expect(parseFrenchDate('1er août 2025')).toBe('2025-08-01');
    expect(parseFrenchDate('3 fevrier 2025')).toBe('2025-02-03');
  });

  it('refuse dates that do not exist, and never throw', () => {
    expect(parseFrenchDate('31/02/2026')).toBeUndefined();
    expect(parseFrenchDate('12 brumaire 2026')).toBeUndefined();
    fc.assert(fc.property(fc.string(), (s) => void parseFrenchDate(s)));
  });

  it('add calendar months, ending on the last day of the month when the day does not exist', () => {
    expect(addMonths('2026-03-12', 3)).toBe('2026-06-12');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-12-31', 1)).toBe('2027-01-31');
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 36 }), (date, n) => {
        const iso = date.toISOString().slice(0, 10);
        const later = addMonths(iso, n);
        expect(later >= iso).toBe(true);
        expect(addMonths(iso, n + 1) > later).toBe(true);
        expect(Number(later.slice(8))).toBeLessThanOrEqual(Number(iso.slice(8)));
      }),
    );
  });

  it('read the day in Paris', () => {
    expect(parisDay(new Date('2026-06-12T22:30:00Z'))).toBe('2026-06-13');
    expect(parisDay(new Date('2026-01-12T22:30:00Z'))).toBe('2026-01-12');
  });
});
