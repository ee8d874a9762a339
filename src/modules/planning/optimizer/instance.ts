import { feasibleStarts } from '../availability/availability.ts';
import { localDays, type LocalDay } from '../availability/local-days.ts';
import { haversineKm } from '../slots/geo-distance.ts';
import { URGENCY_WEIGHT } from '../urgency.ts';
import { CapacityBuckets } from './capacity-buckets.ts';
import type { OptimizeInput, OptimizeProfessional, OptimizeRequest } from './types.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A professional near a request, with the starts it has for that request's service and window. */
export interface NearbyOption {
  pro: number;
  distanceKm: number;
  durationMin: number;
  /** Job plus buffer, in ms: the span a bay is taken for. */
  occupiedMs: number;
  /** Feasible starts against existing bookings, inside the request's window, earliest first. */
  starts: readonly number[];
}

/** Everything derived once from the input and shared by the greedy passes, the MILP and the explanations. */
export interface PlanningInstance {
  input: OptimizeInput;
  requests: readonly OptimizeRequest[];
  professionals: readonly OptimizeProfessional[];
  buckets: CapacityBuckets;
  /** Per request, the professionals within the radius offering its service, nearest first. */
  nearby: NearbyOption[][];
  /** Per request, the cost of leaving it out: its weight × twice the window, more than any wait. */
  penalty: number[];
  radiusKm: number;
}

/** Weight × hours waited from the owner's earliest instant to the start. */
export function waitCost(request: OptimizeRequest, start: number): number {
  return URGENCY_WEIGHT[request.urgency] * Math.max(0, start - request.earliest) / HOUR;
}

/** First index of `sorted` whose value is ≥ `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Builds the shared view of a batch: capacity buckets, and for every request its nearby
 * professionals with their feasible starts. Feasible starts come from `feasibleStarts`, the
 * same function slot listing and booking use, computed once per (professional, service).
 */
export function buildInstance(input: OptimizeInput): PlanningInstance {
  const gridMin = input.gridMin ?? 15;
  const radiusKm = input.radiusKm ?? 25;
  const buckets = new CapacityBuckets(input.professionals, input.from, input.to, gridMin, input.now);
  const daysByZone = new Map<string, LocalDay[]>();
  const startsCache = new Map<string, number[]>();
  const startsOf = (proIndex: number, service: string, durationMin: number): number[] => {
    const key = `${proIndex}\u0000${service}`;
    let starts = startsCache.get(key);
    if (!starts) {
      const pro = input.professionals[proIndex] as OptimizeProfessional;
      let days = daysByZone.get(pro.profile.timezone);
      if (!days) {
        days = localDays(pro.profile.timezone, input.from, input.to + DAY);
        daysByZone.set(pro.profile.timezone, days);
      }
      starts = feasibleStarts({ profile: pro.profile, bookings: pro.bookings, durationMin, from: input.from, to: input.to, now: input.now, gridMin, days });
      startsCache.set(key, starts);
    }
    return starts;
  };

  const windowHours = (input.to - input.from) / HOUR;
  const nearby = input.requests.map((request) => {
    const options: NearbyOption[] = [];
    input.professionals.forEach((pro, p) => {
      const durationMin = pro.serviceDurations[request.service];
      if (durationMin === undefined || durationMin <= 0) return;
      const distanceKm = haversineKm(request, pro.location);
      if (distanceKm > radiusKm) return;
      const all = startsOf(p, request.service, durationMin);
      const starts = all.slice(lowerBound(all, request.earliest), lowerBound(all, request.latest + 1));
      if (starts.length === 0) return;
      options.push({ pro: p, distanceKm, durationMin, occupiedMs: (durationMin + pro.profile.bufferMin) * MINUTE, starts });
    });
    return options.sort((a, b) => a.distanceKm - b.distanceKm);
  });
  const penalty = input.requests.map((r) => URGENCY_WEIGHT[r.urgency] * 2 * windowHours);
  return { input, requests: input.requests, professionals: input.professionals, buckets, nearby, penalty, radiusKm };
}
