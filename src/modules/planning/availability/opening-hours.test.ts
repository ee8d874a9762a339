import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatClockTime, parseClockTime } from './clock-time.ts';
import { formatOpeningHours, OPENING_HOURS_INVALID, parseOpeningHours } from './opening-hours.ts';
import { parseAvailabilityProfile } from './profile.ts';

const codeOf = (input: unknown) => {
  const r = parseOpeningHours(input);
  return r.ok ? 'ok' : r.error.code;
};

describe('parseClockTime', () => {
  it('reads two-digit 24-hour times and the end of day only where allowed', () => {
    expect(parseClockTime('08:30')).toBe(510);
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('24:00')).toBeUndefined();
    expect(parseClockTime('24:00', true)).toBe(1440);
    for (const bad of ['8:30', '08:60', '24:01', '25:00', '08h30', ' 08:30', '08:30 ', '', '0830', '-1:00']) {
      expect(parseClockTime(bad, true)).toBeUndefined();
    }
  });

  it('round-trips every minute of the day', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1439 }), (m) => parseClockTime(formatClockTime(m)) === m));
  });
});

describe('parseOpeningHours', () => {
  it('reads several ranges a day, sorted, merging ranges that touch', () => {
    const r = parseOpeningHours({ mon: [['14:00', '18:00'], ['08:00', '12:00']], sat: [['08:00', '10:00'], ['10:00', '12:00']] });
    expect(r.ok && r.value.mon).toEqual([[480, 720], [840, 1080]]);
    expect(r.ok && r.value.sat).toEqual([[480, 720]]);
    expect(r.ok && r.value.sun).toEqual([]);
  });

  it('rejects bad times, reversed, empty and overlapping ranges, unknown days and wrong shapes with one code', () => {
    const bad: unknown[] = [
      { mon: [['8:00', '12:00']] },
      { mon: [['12:00', '08:00']] },
      { mon: [['08:00', '08:00']] },
      { mon: [['08:00', '12:00'], ['11:00', '13:00']] },
      { monday: [['08:00', '12:00']] },
      { mon: ['08:00', '12:00'] },
      { mon: [['08:00']] },
      { mon: [[800, 1200]] },
      { mon: 'closed' },
      [['08:00', '12:00']],
      null,
      'mon 8-12',
    ];
    for (const input of bad) expect(codeOf(input)).toBe(OPENING_HOURS_INVALID);
  });

  it('reads back what it formats', () => {
    const minute = fc.integer({ min: 0, max: 1440 });
    const day = fc.uniqueArray(minute, { maxLength: 6 }).map((cuts) => {
      const sorted = cuts.sort((a, b) => a - b);
      const ranges: Array<[number, number]> = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push([sorted[i] as number, sorted[i + 1] as number]);
      return ranges;
    });
    fc.assert(
      fc.property(day, day, (mon, sat) => {
        const first = parseOpeningHours({ mon: mon.map(([a, b]) => [formatClockTime(a), formatClockTime(b)]), sat: sat.map(([a, b]) => [formatClockTime(a), formatClockTime(b)]) });
        if (!first.ok) return false;
        const again = parseOpeningHours(formatOpeningHours(first.value));
        return again.ok && JSON.stringify(again.value) === JSON.stringify(first.value);
      }),
    );
  });

  it('never throws and answers ok or OPENING_HOURS_INVALID for any input', () => {
    fc.assert(fc.property(fc.anything(), (input) => ['ok', OPENING_HOURS_INVALID].includes(codeOf(input))));
    const timeLike = fc.string({ maxLength: 6, unit: fc.constantFrom(...'0123456789:'.split('')) });
    fc.assert(
      fc.property(fc.array(fc.tuple(timeLike, timeLike), { maxLength: 4 }), (ranges) => {
        const code = codeOf({ tue: ranges });
        const allValid = ranges.every(([a, b]) => parseClockTime(a) !== undefined && parseClockTime(b, true) !== undefined);
        return allValid || code === OPENING_HOURS_INVALID;
      }),
    );
  });
});

describe('parseAvailabilityProfile', () => {
  it('defaults to Europe/Paris, one bay and no buffer', () => {
    const r = parseAvailabilityProfile({ openingHours: {} });
    expect(r.ok && [r.value.timezone, r.value.capacity, r.value.bufferMin]).toEqual(['Europe/Paris', 1, 0]);
  });

  it('reads closure dates as whole local days, including a daylight-saving Sunday', () => {
    const r = parseAvailabilityProfile({ openingHours: {}, closures: [{ from: '2026-03-29', to: '2026-03-29' }] });
    expect(r.ok && r.value.closures).toEqual([{ start: Date.parse('2026-03-28T23:00:00Z'), end: Date.parse('2026-03-29T22:00:00Z') }]);
  });

  it('rejects each bad field with its own stable code', () => {
    const code = (input: Parameters<typeof parseAvailabilityProfile>[0]) => {
      const r = parseAvailabilityProfile(input);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code({ openingHours: {}, timezone: 'Europe/Pariss' })).toBe('TIMEZONE_INVALID');
    expect(code({ openingHours: {}, capacity: 0 })).toBe('CAPACITY_INVALID');
    expect(code({ openingHours: {}, capacity: 1.5 })).toBe('CAPACITY_INVALID');
    expect(code({ openingHours: {}, bufferMin: -5 })).toBe('BUFFER_INVALID');
    expect(code({ openingHours: {}, closures: [{ from: '2026-03-30', to: '2026-03-29' }] })).toBe('CLOSURE_INVALID');
    expect(code({ openingHours: {}, closures: [{ from: '2026-03-29T10:00', to: '2026-03-29T12:00' }] })).toBe('CLOSURE_INVALID');
    expect(code({ openingHours: {}, closures: [{ from: '2026-02-30', to: '2026-03-01' }] })).toBe('CLOSURE_INVALID');
    expect(code({ openingHours: { mon: [['08:00', '25:00']] } })).toBe(OPENING_HOURS_INVALID);
  });
});
