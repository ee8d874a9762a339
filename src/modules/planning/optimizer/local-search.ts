import { earliestFit, urgencyOrder, type Choice } from './greedy.ts';
import { waitCost, type PlanningInstance } from './instance.ts';

/**
 * Improves a feasible assignment over every candidate of the instance (every professional in
 * the radius, every feasible start; the MILP sees a pruned set) until no move helps or
 * `deadline` (a `performance.now()` instant) passes. Moves, requests most urgent first:
 * place a left-out request at its earliest free start; move a request to an earlier free
 * start; take an earlier start held by one other request, which moves to its own earliest free
 * start, when that lowers the total. Never returns a worse assignment than it was given.
 */
export function improveAssignment(instance: PlanningInstance, choices: readonly Choice[], deadline: number): Choice[] {
  const tracker = instance.buckets.tracker();
  const R = instance.requests.length;
  const placed: Array<Choice | undefined> = new Array(R);
  const atPro = instance.professionals.map(() => new Set<Choice>());
  const occupied = (c: Choice) => instance.nearby[c.request]?.[c.option]?.occupiedMs ?? 0;
  const proOf = (c: Choice) => instance.nearby[c.request]?.[c.option]?.pro ?? -1;
  const book = (c: Choice) => {
    tracker.book(proOf(c), c.start, c.start + occupied(c));
    placed[c.request] = c;
    atPro[proOf(c)]?.add(c);
  };
  const release = (c: Choice) => {
    tracker.release(proOf(c), c.start, c.start + occupied(c));
    placed[c.request] = undefined;
    atPro[proOf(c)]?.delete(c);
  };
  for (const c of choices) book(c);
  const cost = (r: number, c: Choice | undefined) => (c ? waitCost(instance.requests[r]!, c.start) : (instance.penalty[r] as number));
  const order = urgencyOrder(instance);

  for (let pass = 0; pass < 6 && performance.now() < deadline; pass++) {
    let gained = false;
    for (const r of order) {
      if (performance.now() >= deadline) break;
      const current = placed[r];
      // A single move: the earliest free start before the current one.
      const earlier = earliestFit(instance, tracker, r, current?.start);
      if (earlier) {
        if (current) release(current);
        book(earlier);
        gained = true;
        continue;
      }
      if (ejectOne(r)) gained = true;
    }
    if (!gained) break;
  }
  return placed.filter((c): c is Choice => c !== undefined);

  /** Takes an earlier start of `r` from one request there, which moves to its earliest free start, if the total drops. */
  function ejectOne(r: number): boolean {
    const current = placed[r];
    const before = cost(r, current);
    const options = instance.nearby[r] ?? [];
    for (let o = 0; o < options.length; o++) {
      const opt = options[o]!;
      for (const start of opt.starts) {
        if (current && start >= current.start) break;
        const gain = before - waitCost(instance.requests[r]!, start);
        if (gain <= 1e-9) break;
        const end = start + opt.occupiedMs;
        for (const other of [...(atPro[opt.pro] ?? [])]) {
          if (other.request === r || other.start >= end || other.start + occupied(other) <= start) continue;
          const q = other.request;
          const was = cost(q, other);
          release(other);
          if (current) release(current);
          if (tracker.fits(opt.pro, start, end)) {
            const moved: Choice = { request: r, option: o, start };
            book(moved);
            const next = earliestFit(instance, tracker, q);
            if (next && gain - (cost(q, next) - was) > 1e-9) {
              book(next);
              return true;
            }
            release(moved);
          }
          if (current) book(current);
          book(other);
        }
      }
    }
    return false;
  }
}
