import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { formatClockTime } from './clock-time.ts';
import { feasibleStarts, occupiesBay, type BookingStatus, type BusyInterval } from './availability.ts';
import { WEEKDAYS } from './opening-hours.ts';
import { parseAvailabilityProfile } from './profile.ts';

const MINUTE = 60_000;
const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
// Windows start a day before a change of offset somewhere (or on plain days) to hit the edges.
const windowStarts = ['2026-03-28T00:00:00Z', '2026-10-24T00:00:00Z', '2027-03-27T00:00:00Z', '2027-10-30T00:00:00Z', '2026-04-04T12:00:00Z', '2026-12-05T00:00:00Z'].map(
  (iso) => Temporal.Instant.from(iso).epochMilliseconds,
);

/** Up to three disjoint ranges of a day, on a 5-minute grid, as "HH:MM" pairs. */
const dayRanges = fc
  .uniqueArray(fc.integer({ min: 0, max: 288 }), { minLength: 0, maxLength: 6 })
  .map((cuts) => cuts.sort((a, b) => a - b))
  .map((cuts) => {
    const ranges: string[][] = [];
    for (let i = 0; i + 1 < cuts.length; i += 2) ranges.push([formatClockTime((cuts[i] as number) * 5), formatClockTime((cuts[i + 1] as number) * 5)]);
    return ranges;
  });
const weekHours = fc.tuple(...WEEKDAYS.map(() => dayRanges)).map((days) => Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]])));
const statuses: BookingStatus[] = ['held', 'requested', 'confirmed', 'proposed', 'completed', 'cancelled', 'declined', 'expired'];

const scenario = fc.record({
  timezone: fc.constantFrom(...zones),
  openingHours: weekHours,
  capacity: fc.integer({ min: 1, max: 3 }),
  bufferMin: fc.constantFrom(0, 5, 10, 15, 30),
  windowStart: fc.constantFrom(...windowStarts),
  durationMin: fc.integer({ min: 5, max: 300 }),
  gridMin: fc.constantFrom(5, 15, 30, 60),
  closures: fc.array(fc.tuple(fc.integer({ min: -600, max: 4320 }), fc.integer({ min: 1, max: 1440 })), { maxLength: 3 }),
  bookings: fc.array(
    fc.record({ offsetMin: fc.integer({ min: -300, max: 4320 }), lengthMin: fc.integer({ min: 5, max: 480 }), status: fc.constantFrom(...statuses), holdMin: fc.integer({ min: -30, max: 30 }) }),
    { maxLength: 25 },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const from = s.windowStart;
  const closures = s.closures.map(([off, len]) => ({
    from: new Date(from + off * MINUTE).toISOString(),
    to: new Date(from + (off + len) * MINUTE).toISOString(),
  }));
  const parsed = parseAvailabilityProfile({ timezone: s.timezone, openingHours: s.openingHours, capacity: s.capacity, bufferMin: s.bufferMin, closures });
  if (!parsed.ok) throw parsed.error;
  const bookings: BusyInterval[] = s.bookings.map((b) => ({
    start: from + b.offsetMin * MINUTE,
    end: from + (b.offsetMin + b.lengthMin) * MINUTE,
    status: b.status,
    expiresAt: b.status === 'held' ? from + b.holdMin * MINUTE : undefined,
  }));
  return { profile: parsed.value, bookings, from, to: from + 3 * 1440 * MINUTE, now: from };
}

/** Local weekday and minute of day of an instant, read independently through Temporal. */
function wallClock(ms: number, timeZone: string) {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  return { weekday: WEEKDAYS[z.dayOfWeek - 1] as (typeof WEEKDAYS)[number], minute: z.hour * 60 + z.minute + z.second / 60 };
}

describe('feasibleStarts, for random profiles and bookings', () => {
  it('never offers a start that overlaps a closure, leaves opening hours, exceeds capacity or misses the grid', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { profile, bookings, from, to, now } = build(s);
        const starts = feasibleStarts({ profile, bookings, durationMin: s.durationMin, gridMin: s.gridMin, from, to, now });
        const job = s.durationMin * MINUTE;
        const occupied = job + s.bufferMin * MINUTE;
        const live = bookings.filter((b) => occupiesBay(b, now)).map((b) => ({ start: b.start, end: b.end + s.bufferMin * MINUTE }));
        for (let i = 0; i < starts.length; i++) {
          const start = starts[i] as number;
          expect(start).toBeGreaterThanOrEqual(from);
          expect(start).toBeLessThan(to);
          if (i > 0) expect(start).toBeGreaterThan(starts[i - 1] as number);
          for (const c of profile.closures) expect(start < c.end && c.start < start + job).toBe(false);
          // The most bays in use within [start, start + occupied) is reached at its start or at a booking's start.
          const probes = [start, ...live.map((b) => b.start).filter((p) => p > start && p < start + occupied)];
          for (const p of probes) expect(live.filter((b) => b.start <= p && p < b.end).length).toBeLessThan(profile.capacity);
          if (i >= 12) continue; // opening hours checked on the first starts only, to keep the run short
          const first = wallClock(start, s.timezone);
          expect(Math.round(first.minute) % s.gridMin).toBe(0);
          for (let t = start; t < start + job; t += Math.min(5 * MINUTE, job)) {
            const w = wallClock(t, s.timezone);
            const ranges = profile.openingHours[w.weekday];
            expect(ranges.some(([a, b]) => w.minute >= a && w.minute < b)).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives the first k starts of the full answer when asked for k', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 40 }), (s, k) => {
        const { profile, bookings, from, now } = build(s);
        const to = from + 6 * 1440 * MINUTE;
        const query = { profile, bookings, durationMin: s.durationMin, gridMin: s.gridMin, from, to, now };
        expect(feasibleStarts({ ...query, maxResults: k })).toEqual(feasibleStarts(query).slice(0, k));
      }),
      { numRuns: 80 },
    );
  });

  it('never throws on a valid profile, whatever the window, duration or grid', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: -100, max: 5000 }), fc.integer({ min: -5, max: 200 }), (s, shiftMin, lengthMin, durationMin) => {
        const { profile, bookings, from, now } = build(s);
        const start = from + shiftMin * MINUTE;
        const starts = feasibleStarts({ profile, bookings, durationMin, gridMin: s.gridMin, from: start, to: start + lengthMin * MINUTE, now });
        return Array.isArray(starts);
      }),
      { numRuns: 100 },
    );
  });
});
