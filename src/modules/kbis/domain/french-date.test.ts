import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFrenchDate, monthsBetween, parseFrenchDate } from './french-date.ts';

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

  it('count calendar months', () => {
    expect(monthsBetween('2026-03-12', new Date('2026-06-12T00:00:00Z'))).toBe(3);
    expect(monthsBetween('2026-03-12', new Date('2026-06-11T23:00:00Z'))).toBe(2);
  });
});
