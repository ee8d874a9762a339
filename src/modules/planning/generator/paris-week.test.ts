import { describe, expect, it } from 'vitest';
import { occupiesBay } from '../availability/availability.ts';
import { saturatedIntervals } from '../availability/intervals.ts';
import { haversineKm } from '../slots/geo-distance.ts';
import { generateWeek } from './paris-week.ts';

describe('generateWeek', () => {
  it('gives the same week for the same seed and another for another seed', () => {
    const a = generateWeek({ seed: 11, professionals: 8, requests: 30 });
    expect(generateWeek({ seed: 11, professionals: 8, requests: 30 })).toEqual(a);
    expect(generateWeek({ seed: 12, professionals: 8, requests: 30 })).not.toEqual(a);
  });

  it('builds 50 professionals and 500 requests around Paris, with every urgency and bookings within capacity', () => {
    const week = generateWeek({ seed: 1 });
    expect(week.professionals).toHaveLength(50);
    expect(week.requests).toHaveLength(500);
    expect(new Set(week.requests.map((r) => r.urgency))).toEqual(new Set(['low', 'medium', 'high', 'critical']));
    const paris = { lat: 48.8566, lon: 2.3522 };
    for (const r of week.requests) {
      expect(haversineKm(paris, r)).toBeLessThanOrEqual(22.5);
      expect(r.earliest).toBeGreaterThanOrEqual(week.from);
      expect(r.latest).toBeGreaterThan(r.earliest);
    }
    for (const p of week.professionals) {
      expect(haversineKm(paris, p.location)).toBeLessThanOrEqual(25.5);
      const busy = p.bookings.filter((b) => occupiesBay(b, week.now)).map((b) => ({ start: b.start, end: b.end + p.profile.bufferMin * 60_000 }));
      expect(saturatedIntervals(busy, p.profile.capacity + 1)).toEqual([]);
    }
    expect(week.professionals.some((p) => p.bookings.length > 0)).toBe(true);
  });
});
