import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAvailabilityProfile } from '../availability/profile.ts';
import { generateWeek } from '../generator/paris-week.ts';
import { summarise } from './explain.ts';
import { greedyAssign } from './greedy.ts';
import { buildInstance } from './instance.ts';
import { improveAssignment } from './local-search.ts';
import { respectsCapacity } from './optimize.ts';
import type { OptimizeRequest } from './types.ts';

const HOUR = 3_600_000;
const monday = Date.parse('2026-12-07T07:00:00Z'); // 08:00 in Paris
const later = () => performance.now() + 60_000;

function oneBayGarage() {
  const parsed = parseAvailabilityProfile({ openingHours: { mon: [['08:00', '12:00']] }, capacity: 1, bufferMin: 0 });
  if (!parsed.ok) throw parsed.error;
  return { id: 'a', name: 'Garage a', location: { lat: 48.86, lon: 2.35 }, profile: parsed.value, serviceDurations: { vidange: 60 }, bookings: [] };
}
const request = (id: string, urgency: OptimizeRequest['urgency']): OptimizeRequest => ({ id, service: 'vidange', lat: 48.86, lon: 2.35, urgency, earliest: monday, latest: monday + 3 * HOUR });

describe('improveAssignment', () => {
  it('gives the critical request the earlier start a low one held, and moves the low one to the start it freed', () => {
    const instance = buildInstance({ requests: [request('low', 'low'), request('critical', 'critical')], professionals: [oneBayGarage()], from: monday, to: monday + 86_400_000, now: monday });
    const improved = improveAssignment(instance, [{ request: 0, option: 0, start: monday }, { request: 1, option: 0, start: monday + HOUR }], later());
    expect(improved.map((c) => [c.request, (c.start - monday) / HOUR]).sort()).toEqual([[0, 1], [1, 0]]);
  });

  it('places a left-out request that has a free start', () => {
    const instance = buildInstance({ requests: [request('first', 'low'), request('left-out', 'low')], professionals: [oneBayGarage()], from: monday, to: monday + 86_400_000, now: monday });
    const improved = improveAssignment(instance, [{ request: 0, option: 0, start: monday }], later());
    expect(improved).toContainEqual({ request: 1, option: 0, start: monday + HOUR });
    expect(summarise(instance, improved)).toMatchObject({ assigned: 2, total: 1 });
  });

  it('returns a feasible assignment no worse than the one it was given, from any greedy order', () => {
    const instance = buildInstance(generateWeek({ seed: 11, professionals: 5, requests: 40, days: 2 }));
    const n = instance.requests.length;
    fc.assert(
      fc.property(fc.shuffledSubarray([...Array(n).keys()], { minLength: 0, maxLength: n }), (order) => {
        const start = greedyAssign(instance, order);
        const improved = improveAssignment(instance, start, later());
        expect(respectsCapacity(instance, improved)).toBe(true);
        expect(summarise(instance, improved).total).toBeLessThanOrEqual(summarise(instance, start).total);
      }),
      { numRuns: 30 },
    );
  });
});
