import type { CapacityTracker } from './capacity-buckets.ts';
import type { PlanningInstance } from './instance.ts';
import { URGENCY_WEIGHT } from '../urgency.ts';

/** A request placed at one professional's start; `option` indexes `instance.nearby[request]`. */
export interface Choice {
  request: number;
  option: number;
  start: number;
}

/**
 * Places requests one by one in `order`, each at the earliest start that still has a free bay
 * among its nearby professionals (the nearer one on a tie). A request with no such start stays
 * unplaced. Returns the choices, one per placed request.
 */
export function greedyAssign(instance: PlanningInstance, order: readonly number[]): Choice[] {
  const tracker = instance.buckets.tracker();
  const choices: Choice[] = [];
  for (const r of order) {
    const best = earliestFit(instance, tracker, r);
    if (!best) continue;
    const opt = instance.nearby[r]?.[best.option];
    if (opt) tracker.book(opt.pro, best.start, best.start + opt.occupiedMs);
    choices.push(best);
  }
  return choices;
}

/** Request `r`'s earliest start with a free bay among its nearby professionals (the nearer on a tie), before `before` if given. */
export function earliestFit(instance: PlanningInstance, tracker: CapacityTracker, r: number, before = Number.POSITIVE_INFINITY): Choice | undefined {
  let best: Choice | undefined;
  let bound = before;
  const options = instance.nearby[r] ?? [];
  options.forEach((opt, o) => {
    for (const start of opt.starts) {
      if (start >= bound) break; // options are nearest first: a tie keeps the nearer
      if (tracker.fits(opt.pro, start, start + opt.occupiedMs)) {
        best = { request: r, option: o, start };
        bound = start;
        break;
      }
    }
  });
  return best;
}

/** First come, first served: requests in arrival order. */
export function firstComeFirstServed(instance: PlanningInstance): Choice[] {
  return greedyAssign(instance, instance.requests.map((_, i) => i));
}

/** Most urgent first, then whoever can come earliest, then arrival: the order of the fallback and of LP rounding. */
export function urgencyOrder(instance: PlanningInstance): number[] {
  return instance.requests
    .map((r, i) => ({ i, w: URGENCY_WEIGHT[r.urgency], earliest: r.earliest }))
    .sort((a, b) => b.w - a.w || a.earliest - b.earliest || a.i - b.i)
    .map((x) => x.i);
}

/** The fallback when the solver cannot answer, and its warm start: requests in `urgencyOrder`. */
export function urgencyFirst(instance: PlanningInstance): Choice[] {
  return greedyAssign(instance, urgencyOrder(instance));
}
