import { describe, expect, it } from 'vitest';
import { feasibleStarts } from '../availability/availability.ts';
import { saturatedIntervals } from '../availability/intervals.ts';
import { parseAvailabilityProfile } from '../availability/profile.ts';
import { generateWeek } from '../generator/paris-week.ts';
import { haversineKm } from '../slots/geo-distance.ts';
import { summarise } from './explain.ts';
import { urgencyFirst } from './greedy.ts';
import { buildInstance } from './instance.ts';
import { optimizeAssignments, respectsCapacity } from './optimize.ts';
import type { OptimizeInput, OptimizeProfessional, OptimizeRequest, OptimizeResult } from './types.ts';

const MINUTE = 60_000;
const monday = Date.parse('2026-12-07T07:00:00Z'); // 08:00 in Paris

function pro(id: string, lat: number, lon: number, capacity: number, bufferMin = 0): OptimizeProfessional {
  const parsed = parseAvailabilityProfile({ openingHours: { mon: [['08:00', '12:00']], tue: [['08:00', '12:00']] }, capacity, bufferMin });
  if (!parsed.ok) throw parsed.error;
  return { id, name: `Garage ${id}`, location: { lat, lon }, profile: parsed.value, serviceDurations: { vidange: 60 }, bookings: [] };
}
const request = (id: string, urgency: OptimizeRequest['urgency'], extra: Partial<OptimizeRequest> = {}): OptimizeRequest => ({
  id, service: 'vidange', lat: 48.86, lon: 2.35, urgency, earliest: monday, latest: monday + 2 * 86_400_000, ...extra,
});

/** Checks a result against the exact availability rules, independently of the optimiser's buckets. */
function expectFeasible(input: OptimizeInput, result: OptimizeResult) {
  const byPro = new Map<string, Array<{ start: number; end: number }>>();
  for (const p of result.placements) {
    if (!p.proId || !p.start) continue;
    const pro = input.professionals.find((x) => x.id === p.proId)!;
    const req = input.requests.find((r) => r.id === p.requestId)!;
    const start = Date.parse(p.start);
    const duration = pro.serviceDurations[req.service]!;
    expect(start).toBeGreaterThanOrEqual(req.earliest);
    expect(start).toBeLessThanOrEqual(req.latest);
    expect(haversineKm(req, pro.location)).toBeLessThanOrEqual(input.radiusKm ?? 25);
    expect(feasibleStarts({ profile: pro.profile, bookings: pro.bookings, durationMin: duration, from: start, to: start + 1, now: input.now })).toEqual([start]);
    const list = byPro.get(pro.id) ?? pro.bookings.map((b) => ({ start: b.start, end: b.end + pro.profile.bufferMin * MINUTE }));
    list.push({ start, end: start + (duration + pro.profile.bufferMin) * MINUTE });
    byPro.set(pro.id, list);
  }
  for (const [id, list] of byPro) {
    const capacity = input.professionals.find((x) => x.id === id)!.profile.capacity;
    expect(saturatedIntervals(list, capacity + 1)).toEqual([]);
  }
}

describe('optimizeAssignments', () => {
  it('gives the only bay first to the critical request that arrived second', async () => {
    const input: OptimizeInput = {
      requests: [request('low-first', 'low'), request('critical-second', 'critical')],
      professionals: [pro('a', 48.86, 2.35, 1)],
      from: monday, to: monday + 86_400_000, now: monday, timeLimitMs: 20_000,
    };
    const result = await optimizeAssignments(input);
    expect(result.method).toBe('milp');
    const [low, critical] = result.placements;
    expect(critical).toMatchObject({ requestId: 'critical-second', start: '2026-12-07T07:00:00.000Z', reason: 'earliest' });
    expect(low).toMatchObject({ requestId: 'low-first', start: '2026-12-07T08:00:00.000Z', reason: 'delayed' });
    expect(low?.breakdown).toMatchObject({ urgency: 'low', weight: 1, waitHours: 1, weightedWaitHours: 1, delayHours: 1 });
    // First come, first served makes the critical one wait the hour: 8 × 1 h instead of 1 × 1 h.
    expect(result.objective.total).toBe(1);
    expect(result.baseline.total).toBe(8);
  });

  it('beats or equals first come, first served on a generated week and respects capacity', async () => {
    const week = generateWeek({ seed: 7, professionals: 6, requests: 40, days: 2 });
    const input: OptimizeInput = { ...week, timeLimitMs: 20_000 };
    const result = await optimizeAssignments(input);
    expect(result.method).toBe('milp');
    expect(result.objective.total).toBeLessThanOrEqual(result.baseline.total);
    expect(result.placements).toHaveLength(40);
    expectFeasible(input, result);
  });

  it('says why a request is left out', async () => {
    const input: OptimizeInput = {
      requests: [request('far', 'high', { lat: 45.76, lon: 4.84 }), request('one', 'high'), request('two', 'low', { latest: monday + 30 * MINUTE })],
      professionals: [pro('a', 48.86, 2.35, 1)],
      from: monday, to: monday + 2 * 3_600_000, now: monday, timeLimitMs: 20_000,
    };
    const result = await optimizeAssignments(input);
    expect(result.placements.map((p) => [p.requestId, p.reason])).toEqual([['far', 'no-slot'], ['one', 'earliest'], ['two', 'capacity']]);
    expect(result.objective.unassigned).toBe(2);
  });

  it('returns the urgency-first greedy answer (improved by local search if time allows), and says so, when the time limit is too short for the solver', async () => {
    const week = generateWeek({ seed: 3, professionals: 5, requests: 30, days: 2 });
    const result = await optimizeAssignments({ ...week, timeLimitMs: 1 });
    expect(result.method).toBe('greedy');
    expect(result.solver.status).toBe('timeout');
    expect(result.solver.detail).toContain('greedy');
    const instance = buildInstance(week);
    expect(result.objective.total).toBeLessThanOrEqual(summarise(instance, urgencyFirst(instance)).total);
    expect(result.placements).toHaveLength(30);
    expectFeasible(week, result);
  });
});

describe('respectsCapacity', () => {
  it('refuses two jobs in the one bay at once and accepts them one after the other', () => {
    const instance = buildInstance({ requests: [request('a', 'low'), request('b', 'low')], professionals: [pro('a', 48.86, 2.35, 1)], from: monday, to: monday + 86_400_000, now: monday });
    expect(respectsCapacity(instance, [{ request: 0, option: 0, start: monday }, { request: 1, option: 0, start: monday + 30 * MINUTE }])).toBe(false);
    expect(respectsCapacity(instance, [{ request: 0, option: 0, start: monday }, { request: 1, option: 0, start: monday + 60 * MINUTE }])).toBe(true);
    expect(respectsCapacity(instance, [{ request: 0, option: 0, start: monday }, { request: 0, option: 0, start: monday + 60 * MINUTE }])).toBe(false);
  });
});
