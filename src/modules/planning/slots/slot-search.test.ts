import { describe, expect, it } from 'vitest';
import { isBookableStart } from '../availability/availability.ts';
import { parseAvailabilityProfile } from '../availability/profile.ts';
import { haversineKm } from './geo-distance.ts';
import { scoreSlot } from './slot-score.ts';
import { searchSlots, type SearchProfessional, type SlotQuery } from './slot-search.ts';

const profile = (capacity = 1) => {
  const p = parseAvailabilityProfile({ openingHours: { mon: [['08:00', '12:00'], ['14:00', '18:00']], tue: [['08:00', '18:00']] }, capacity });
  if (!p.ok) throw p.error;
  return p.value;
};
const paris = { lat: 48.8566, lon: 2.3522 };
const monday = Date.parse('2026-12-07T07:00:00Z'); // 08:00 in Paris
const pro = (id: string, lat: number, lon: number, extra: Partial<SearchProfessional> = {}): SearchProfessional => ({
  id,
  name: `Garage ${id}`,
  location: { lat, lon },
  profile: profile(),
  serviceDurations: { vidange: 60 },
  bookings: [],
  ...extra,
});
const query = (extra: Partial<SlotQuery> = {}): SlotQuery => ({
  service: 'vidange', location: paris, radiusKm: 25, from: monday, days: 14, limit: 10, urgency: 'medium', now: monday, ...extra,
});

describe('haversineKm', () => {
  it('measures Paris to Lyon as about 391.5 km and a point to itself as zero', () => {
    expect(haversineKm(paris, { lat: 45.764, lon: 4.8357 })).toBeCloseTo(391.5, 0);
    expect(haversineKm(paris, paris)).toBe(0);
  });
});

describe('searchSlots', () => {
  it('keeps professionals within the radius who offer the service', () => {
    const pros = [pro('near', 48.86, 2.35), pro('far', 49.5, 2.35), pro('other', 48.86, 2.36, { serviceDurations: { pneus: 30 } })];
    const offers = searchSlots(pros, query());
    expect(new Set(offers.map((o) => o.proId))).toEqual(new Set(['near']));
    expect(offers[0]).toMatchObject({ proId: 'near', proName: 'Garage near', start: '2026-12-07T07:00:00.000Z', end: '2026-12-07T08:00:00.000Z' });
  });

  it('lets a critical owner cross town for an earlier slot and a routine one wait for a nearer garage', () => {
    const busyNear = pro('near', 48.857, 2.352, {
      bookings: [{ start: monday, end: monday + 10 * 3_600_000, status: 'confirmed' }],
      serviceDurations: { vidange: 60 },
    });
    const acrossTown = pro('across', 48.95, 2.55, {});
    const first = (urgency: SlotQuery['urgency']) => searchSlots([busyNear, acrossTown], query({ urgency, days: 2, limit: 1 }))[0]?.proId;
    expect(first('critical')).toBe('across');
    expect(first('low')).toBe('near');
  });

  it('takes at most maxPerPro slots from one professional and ranks by score', () => {
    const offers = searchSlots([pro('a', 48.86, 2.35), pro('b', 48.87, 2.36)], query({ maxPerPro: 2 }));
    expect(offers).toHaveLength(4);
    expect(offers.filter((o) => o.proId === 'a')).toHaveLength(2);
    for (let i = 1; i < offers.length; i++) expect(offers[i - 1]!.score).toBeGreaterThanOrEqual(offers[i]!.score);
  });

  it('plans with the duration it is given (the learned one) and offers only bookable starts', () => {
    const p = pro('a', 48.86, 2.35, { serviceDurations: { vidange: 200 }, bookings: [{ start: monday + 3_600_000, end: monday + 2 * 3_600_000, status: 'held', expiresAt: monday + 600_000 }] });
    const offers = searchSlots([p], query({ now: monday, limit: 3 }));
    for (const o of offers) {
      const start = Date.parse(o.start);
      expect(Date.parse(o.end) - start).toBe(200 * 60_000);
      expect(isBookableStart({ profile: p.profile, bookings: p.bookings, durationMin: 200, now: monday }, start)).toBe(true);
    }
    expect(offers[0]?.start).toBe('2026-12-07T13:00:00.000Z');
  });

  it('never offers a start before now', () => {
    const now = monday + 90 * 60_000 + 1;
    const offers = searchSlots([pro('a', 48.86, 2.35)], query({ now }));
    expect(offers.every((o) => Date.parse(o.start) >= now)).toBe(true);
    expect(offers[0]?.start).toBe('2026-12-07T08:45:00.000Z');
  });
});

describe('searchSlots on daylight-saving Sundays in Paris', () => {
  const sundayPro = (id: string) => {
    const p = parseAvailabilityProfile({ openingHours: { sun: [['01:00', '04:00'], ['09:00', '12:00']] } });
    if (!p.ok) throw p.error;
    return pro(id, 48.86, 2.35, { profile: p.value, serviceDurations: { vidange: 60 } });
  };

  it('offers no start in the hour that does not exist and the right UTC instants after it', () => {
    const from = Date.parse('2026-03-28T23:00:00Z'); // Sunday 29 March 2026, 00:00 CET
    const offers = searchSlots([sundayPro('a')], query({ from, now: from, days: 1, limit: 20, maxPerPro: 20 }));
    const starts = offers.map((o) => o.start).sort();
    expect(starts.slice(0, 5)).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T00:15:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T00:45:00.000Z', '2026-03-29T01:00:00.000Z']);
    expect(starts).not.toContain('2026-03-29T01:15:00.000Z'); // 03:15 CEST would end at 04:15
    expect(starts).toContain('2026-03-29T07:00:00.000Z'); // 09:00 CEST
  });

  it('offers the repeated hour twice on the autumn Sunday', () => {
    const from = Date.parse('2026-10-24T22:00:00Z'); // Sunday 25 October 2026, 00:00 CEST
    const offers = searchSlots([sundayPro('a')], query({ from, now: from, days: 1, limit: 40, maxPerPro: 40, gridMin: 60 }));
    expect(offers.map((o) => o.start).sort()).toEqual([
      '2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z',
      '2026-10-25T08:00:00.000Z', '2026-10-25T09:00:00.000Z', '2026-10-25T10:00:00.000Z',
    ]);
  });
});

describe('scoreSlot', () => {
  it('explains its score and falls with both wait and distance', () => {
    const base = { urgency: 'high' as const, waitHours: 24, distanceKm: 5, horizonHours: 336, radiusKm: 25 };
    expect(scoreSlot(base).score).toBe(89.64);
    expect(scoreSlot({ ...base, waitHours: 48 }).score).toBeLessThan(89.64);
    expect(scoreSlot({ ...base, distanceKm: 10 }).score).toBeLessThan(89.64);
    expect(scoreSlot({ ...base, waitHours: 0, distanceKm: 0 }).score).toBe(100);
  });
});
