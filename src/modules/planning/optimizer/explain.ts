import { scoreSlot } from '../slots/slot-score.ts';
import { URGENCY_WEIGHT } from '../urgency.ts';
import type { Choice } from './greedy.ts';
import { waitCost, type PlanningInstance } from './instance.ts';
import type { ObjectiveSummary, Placement } from './types.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const round = (x: number) => Math.round(x * 100) / 100;

/** Urgency-weighted time to intervention of a set of choices (unplaced requests at their penalty). */
export function summarise(instance: PlanningInstance, choices: readonly Choice[]): ObjectiveSummary {
  const placed = new Map(choices.map((c) => [c.request, c]));
  let total = 0;
  let assignedTotal = 0;
  instance.requests.forEach((request, r) => {
    const c = placed.get(r);
    if (c) {
      const cost = waitCost(request, c.start);
      total += cost;
      assignedTotal += cost;
    } else total += instance.penalty[r] as number;
  });
  const n = instance.requests.length;
  return {
    total: round(total),
    meanPerRequest: n ? round(total / n) : 0,
    meanAssigned: placed.size ? round(assignedTotal / placed.size) : 0,
    assigned: placed.size,
    unassigned: n - placed.size,
  };
}

/** Every request's placement with the figures behind it. */
export function explain(instance: PlanningInstance, choices: readonly Choice[]): Placement[] {
  const placed = new Map(choices.map((c) => [c.request, c]));
  const windowHours = (instance.input.to - instance.input.from) / HOUR;
  return instance.requests.map((request, r) => {
    const options = instance.nearby[r] ?? [];
    const earliest = options.reduce<number | undefined>((m, o) => (o.starts[0] !== undefined && (m === undefined || o.starts[0] < m) ? o.starts[0] : m), undefined);
    const candidates = options.reduce((n, o) => n + o.starts.length, 0);
    const weight = URGENCY_WEIGHT[request.urgency];
    const c = placed.get(r);
    const opt = c ? options[c.option] : undefined;
    if (!c || !opt) {
      return {
        requestId: request.id, proId: null, proName: null, start: null, end: null,
        reason: earliest === undefined ? 'no-slot' : 'capacity',
        breakdown: {
          urgency: request.urgency, weight, waitHours: 0, weightedWaitHours: round(instance.penalty[r] as number), distanceKm: null,
          earliestPossible: earliest === undefined ? null : new Date(earliest).toISOString(), delayHours: 0, candidates, slotScore: null,
        },
      };
    }
    const pro = instance.professionals[opt.pro]!;
    const waitHours = Math.max(0, c.start - request.earliest) / HOUR;
    const delayHours = earliest === undefined ? 0 : Math.max(0, c.start - earliest) / HOUR;
    return {
      requestId: request.id,
      proId: pro.id,
      proName: pro.name,
      start: new Date(c.start).toISOString(),
      end: new Date(c.start + opt.durationMin * MINUTE).toISOString(),
      reason: delayHours > 0 ? 'delayed' : 'earliest',
      breakdown: {
        urgency: request.urgency,
        weight,
        waitHours: round(waitHours),
        weightedWaitHours: round(weight * waitHours),
        distanceKm: round(opt.distanceKm),
        earliestPossible: earliest === undefined ? null : new Date(earliest).toISOString(),
        delayHours: round(delayHours),
        candidates,
        slotScore: scoreSlot({ urgency: request.urgency, waitHours, distanceKm: opt.distanceKm, horizonHours: windowHours, radiusKm: instance.radiusKm }),
      },
    };
  });
}
