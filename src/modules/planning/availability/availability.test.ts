import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { checkStart, feasibleStarts, isBookableStart, type BusyInterval } from './availability.ts';
import { parseAvailabilityProfile, type AvailabilityProfileInput } from './profile.ts';

const profileOf = (input: AvailabilityProfileInput) => {
  const parsed = parseAvailabilityProfile(input);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
};
const at = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;
/** Renders instants as Paris wall-clock time with the offset, e.g. "03:00+02:00". */
const paris = (starts: number[]) =>
  starts.map((ms) => {
    const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO('Europe/Paris');
    return `${z.toPlainTime().toString({ smallestUnit: 'minute' })}${z.offset}`;
  });
const dayWindow = (date: string) => {
  const from = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: 'Europe/Paris' });
  return { from: from.epochMilliseconds, to: from.add({ days: 1 }).epochMilliseconds, now: from.epochMilliseconds };
};
const weekdays = { mon: [['08:00', '12:00'], ['14:00', '18:00']], tue: [['08:00', '12:00'], ['14:00', '18:00']] };

describe('feasibleStarts on ordinary days', () => {
  it('offers every quarter hour of both ranges where the job still ends before closing', () => {
    const profile = profileOf({ openingHours: weekdays });
    const starts = feasibleStarts({ profile, bookings: [], durationMin: 60, ...dayWindow('2026-12-07') });
    const local = paris(starts);
    expect(local[0]).toBe('08:00+01:00');
    expect(local).toContain('11:00+01:00');
    expect(local).not.toContain('11:15+01:00');
    expect(local).toContain('14:00+01:00');
    expect(local.at(-1)).toBe('17:00+01:00');
    expect(starts).toHaveLength(13 + 13);
  });

  it('offers nothing on a day without opening hours', () => {
    const profile = profileOf({ openingHours: weekdays });
    expect(feasibleStarts({ profile, bookings: [], durationMin: 30, ...dayWindow('2026-12-09') })).toEqual([]);
  });

  it('skips a closure given as a date range and one given as instants', () => {
    const profile = profileOf({
      openingHours: weekdays,
      closures: [{ from: '2026-12-07', to: '2026-12-07' }, { from: '2026-12-08T09:00:00+01:00', to: '2026-12-08T15:00:00+01:00' }],
    });
    expect(feasibleStarts({ profile, bookings: [], durationMin: 60, ...dayWindow('2026-12-07') })).toEqual([]);
    const tuesday = paris(feasibleStarts({ profile, bookings: [], durationMin: 60, ...dayWindow('2026-12-08') }));
    expect(tuesday.slice(0, 2)).toEqual(['08:00+01:00', '15:00+01:00']);
  });

  it('lets parallel bays take bookings up to the capacity and no further', () => {
    const profile = profileOf({ openingHours: weekdays, capacity: 2 });
    const one: BusyInterval = { start: at('2026-12-07T07:00:00Z'), end: at('2026-12-07T09:00:00Z'), status: 'confirmed' };
    const window = dayWindow('2026-12-07');
    expect(paris(feasibleStarts({ profile, bookings: [one], durationMin: 60, ...window, maxResults: 1 }))).toEqual(['08:00+01:00']);
    const two = [one, { ...one, status: 'requested' as const }];
    expect(paris(feasibleStarts({ profile, bookings: two, durationMin: 60, ...window, maxResults: 1 }))).toEqual(['10:00+01:00']);
  });

  it('keeps the buffer after existing jobs and after the new one', () => {
    const profile = profileOf({ openingHours: weekdays, bufferMin: 15 });
    const booked: BusyInterval = { start: at('2026-12-07T09:00:00Z'), end: at('2026-12-07T10:00:00Z'), status: 'confirmed' };
    const local = paris(feasibleStarts({ profile, bookings: [booked], durationMin: 60, ...dayWindow('2026-12-07') }));
    // Booked 10:00-11:00 local: the new job plus its buffer must end by 10:00.
    expect(local).toContain('08:45+01:00');
    expect(local).not.toContain('09:00+01:00');
    const earlier: BusyInterval = { start: at('2026-12-07T08:00:00Z'), end: at('2026-12-07T09:00:00Z'), status: 'confirmed' };
    const after = paris(feasibleStarts({ profile, bookings: [earlier], durationMin: 60, ...dayWindow('2026-12-07'), maxResults: 1 }));
    // Booked 09:00-10:00 local: its bay is free again at 10:15.
    expect(after).toEqual(['10:15+01:00']);
  });

  it('counts live holds, and ignores lapsed holds, cancellations and declines', () => {
    const profile = profileOf({ openingHours: weekdays });
    const window = dayWindow('2026-12-07');
    const span = { start: at('2026-12-07T07:00:00Z'), end: at('2026-12-07T08:00:00Z') };
    const first = (bookings: BusyInterval[]) => paris(feasibleStarts({ profile, bookings, durationMin: 60, ...window, maxResults: 1 }));
    expect(first([{ ...span, status: 'held', expiresAt: window.now + 60_000 }])).toEqual(['09:00+01:00']);
    expect(first([{ ...span, status: 'held', expiresAt: window.now }])).toEqual(['08:00+01:00']);
    expect(first([{ ...span, status: 'cancelled' }, { ...span, status: 'declined' }])).toEqual(['08:00+01:00']);
  });

  it('books exactly the starts it offers', () => {
    const profile = profileOf({ openingHours: weekdays, capacity: 1, bufferMin: 10 });
    const bookings: BusyInterval[] = [{ start: at('2026-12-07T08:20:00Z'), end: at('2026-12-07T09:05:00Z'), status: 'confirmed' }];
    const window = dayWindow('2026-12-07');
    const offered = new Set(feasibleStarts({ profile, bookings, durationMin: 45, ...window }));
    for (let t = window.from; t < window.to; t += 15 * 60_000) {
      expect(isBookableStart({ profile, bookings, durationMin: 45, now: window.now }, t)).toBe(offered.has(t));
    }
  });
});

describe('checkStart', () => {
  const profile = profileOf({ openingHours: weekdays });
  const taken: BusyInterval[] = [{ start: at('2026-12-07T07:00:00Z'), end: at('2026-12-07T08:00:00Z'), status: 'confirmed' }];
  const code = (start: number, bookings: BusyInterval[] = taken) => {
    const r = checkStart({ profile, bookings, durationMin: 60, now: 0 }, start);
    return r.ok ? 'ok' : `${r.error.status} ${r.error.code}`;
  };

  it('tells a taken slot from one that was never open', () => {
    expect(code(at('2026-12-07T07:00:00Z'))).toBe('409 SLOT_TAKEN');
    expect(code(at('2026-12-07T08:00:00Z'))).toBe('ok');
    expect(code(at('2026-12-07T10:30:00Z'))).toBe('422 SLOT_UNAVAILABLE'); // 11:30 local, would end after noon
    expect(code(at('2026-12-07T08:05:00Z'))).toBe('422 SLOT_UNAVAILABLE'); // off the quarter-hour grid
    expect(code(at('2026-12-09T08:00:00Z'))).toBe('422 SLOT_UNAVAILABLE'); // Wednesday: closed
  });
});

// The last Sundays of March and October: clocks go 02:00 → 03:00 and 03:00 → 02:00 in Paris.
describe('feasibleStarts across daylight-saving changes in Europe/Paris', () => {
  const night = { sun: [['01:00', '04:00']] };

  for (const date of ['2026-03-29', '2027-03-28']) {
    it(`never offers the missing hour on ${date} and keeps 3 local hours as 2 real ones`, () => {
      const profile = profileOf({ openingHours: night });
      const starts = feasibleStarts({ profile, bookings: [], durationMin: 30, gridMin: 30, ...dayWindow(date) });
      expect(paris(starts)).toEqual(['01:00+01:00', '01:30+01:00', '03:00+02:00', '03:30+02:00']);
      // 01:30 CET plus 30 minutes is 03:00 CEST: the job straddling the change fits.
      const hour = feasibleStarts({ profile, bookings: [], durationMin: 60, gridMin: 30, ...dayWindow(date) });
      expect(paris(hour)).toEqual(['01:00+01:00', '01:30+01:00', '03:00+02:00']);
    });

    it(`puts daytime hours at the summer offset on ${date}`, () => {
      const profile = profileOf({ openingHours: { sun: [['08:00', '12:00']] } });
      const starts = feasibleStarts({ profile, bookings: [], durationMin: 240, ...dayWindow(date) });
      expect(starts.map((s) => new Date(s).toISOString())).toEqual([`${date}T06:00:00.000Z`]);
    });
  }

  for (const date of ['2026-10-25', '2027-10-31']) {
    it(`offers 02:30 twice on ${date}, once at each offset`, () => {
      const profile = profileOf({ openingHours: night });
      const starts = feasibleStarts({ profile, bookings: [], durationMin: 30, gridMin: 30, ...dayWindow(date) });
      expect(paris(starts)).toEqual([
        '01:00+02:00', '01:30+02:00', '02:00+02:00', '02:30+02:00', '02:00+01:00', '02:30+01:00', '03:00+01:00', '03:30+01:00',
      ]);
    });

    it(`puts daytime hours at the winter offset on ${date}`, () => {
      const profile = profileOf({ openingHours: { sun: [['08:00', '12:00']] } });
      const starts = feasibleStarts({ profile, bookings: [], durationMin: 240, ...dayWindow(date) });
      expect(starts.map((s) => new Date(s).toISOString())).toEqual([`${date}T07:00:00.000Z`]);
    });
  }

  it('blocks the repeated hour for a booking made in its first occurrence only', () => {
    const profile = profileOf({ openingHours: night });
    const first: BusyInterval = { start: at('2026-10-25T02:00:00+02:00'), end: at('2026-10-25T02:00:00+01:00'), status: 'confirmed' };
    const starts = feasibleStarts({ profile, bookings: [first], durationMin: 60, gridMin: 60, ...dayWindow('2026-10-25') });
    expect(paris(starts)).toEqual(['01:00+02:00', '02:00+01:00', '03:00+01:00']);
  });

  it('reads opening hours in the professional’s own zone', () => {
    const profile = profileOf({ timezone: 'America/New_York', openingHours: { mon: [['09:00', '10:00']] } });
    const starts = feasibleStarts({ profile, bookings: [], durationMin: 60, from: at('2026-12-07T00:00:00Z'), to: at('2026-12-08T12:00:00Z'), now: 0 });
    expect(starts.map((s) => new Date(s).toISOString())).toEqual(['2026-12-07T14:00:00.000Z']);
  });
});
