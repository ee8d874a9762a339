import type { CapacityTracker } from './capacity-buckets.ts';
import { earliestFit, urgencyOrder, type Choice } from './greedy.ts';
import { waitCost, type PlanningInstance } from './instance.ts';

// Passes over all requests at most; later passes rarely find anything.
const MAX_PASSES = 6;

/**
 * Improves a feasible assignment over every candidate of the instance (every professional in
 * the radius, every feasible start; the MILP sees a pruned set), a request at a time, so that it
 * can run in slices (`run(deadline)` again goes on where it stopped). Moves, requests most
 * urgent first: place a left-out request at its earliest free start; move a request to an
 * earlier free start; take an earlier start held by one other request, which moves to its own
 * earliest free start, when that lowers the total. Every move lowers the total, so `choices()`
 * is never worse than the assignment it started from.
 */
export class LocalSearch {
  private readonly instance: PlanningInstance;
  private readonly tracker: CapacityTracker;
  private readonly placed: Array<Choice | undefined>;
  private readonly atPro: Array<Set<Choice>>;
  private readonly order: number[];
  private pass = 0;
  private next = 0;
  private gainedThisPass = false;
  private finished = false;

  constructor(instance: PlanningInstance, choices: readonly Choice[]) {
    this.instance = instance;
    this.tracker = instance.buckets.tracker();
    this.placed = new Array(instance.requests.length);
    this.atPro = instance.professionals.map(() => new Set<Choice>());
    this.order = urgencyOrder(instance);
    for (const c of choices) this.book(c);
  }

  /** Whether a move may still help (false once a whole pass found none, or after the last pass). */
  get running(): boolean {
    return !this.finished;
  }

  /** Improves until no move helps or `deadline` (a `performance.now()` instant) passes. */
  run(deadline: number): this {
    while (!this.finished && performance.now() < deadline) {
      const r = this.order[this.next] as number;
      if (this.improve(r, deadline)) this.gainedThisPass = true;
      if (++this.next < this.order.length) continue;
      this.next = 0;
      this.pass += 1;
      if (!this.gainedThisPass || this.pass >= MAX_PASSES) this.finished = true;
      this.gainedThisPass = false;
    }
    return this;
  }

  /** The assignment as it stands: one choice per placed request. */
  choices(): Choice[] {
    return this.placed.filter((c): c is Choice => c !== undefined);
  }

  private option(c: Choice) {
    return this.instance.nearby[c.request]?.[c.option];
  }

  private book(c: Choice): void {
    const opt = this.option(c);
    if (!opt) return;
    this.tracker.book(opt.pro, c.start, c.start + opt.occupiedMs);
    this.placed[c.request] = c;
    this.atPro[opt.pro]?.add(c);
  }

  private release(c: Choice): void {
    const opt = this.option(c);
    if (!opt) return;
    this.tracker.release(opt.pro, c.start, c.start + opt.occupiedMs);
    this.placed[c.request] = undefined;
    this.atPro[opt.pro]?.delete(c);
  }

  private cost(r: number, c: Choice | undefined): number {
    return c ? waitCost(this.instance.requests[r]!, c.start) : (this.instance.penalty[r] as number);
  }

  /** The first move that lowers the total for request `r`, made; false if none (or none found by `deadline`). */
  private improve(r: number, deadline: number): boolean {
    const current = this.placed[r];
    // A single move: the earliest free start before the current one.
    const earlier = earliestFit(this.instance, this.tracker, r, current?.start);
    if (earlier) {
      if (current) this.release(current);
      this.book(earlier);
      return true;
    }
    return this.ejectOne(r, deadline);
  }

  /** Takes an earlier start of `r` from one request there, which moves to its earliest free start, if the total drops. */
  private ejectOne(r: number, deadline: number): boolean {
    const current = this.placed[r];
    const before = this.cost(r, current);
    const options = this.instance.nearby[r] ?? [];
    for (let o = 0; o < options.length && performance.now() < deadline; o++) {
      const opt = options[o]!;
      for (const start of opt.starts) {
        if (current && start >= current.start) break;
        const gain = before - waitCost(this.instance.requests[r]!, start);
        if (gain <= 1e-9) break;
        const end = start + opt.occupiedMs;
        for (const other of [...(this.atPro[opt.pro] ?? [])]) {
          const held = this.option(other)?.occupiedMs ?? 0;
          if (other.request === r || other.start >= end || other.start + held <= start) continue;
          const q = other.request;
          const was = this.cost(q, other);
          this.release(other);
          if (current) this.release(current);
          if (this.tracker.fits(opt.pro, start, end)) {
            const moved: Choice = { request: r, option: o, start };
            this.book(moved);
            const next = earliestFit(this.instance, this.tracker, q);
            if (next && gain - (this.cost(q, next) - was) > 1e-9) {
              this.book(next);
              return true;
            }
            this.release(moved);
          }
          if (current) this.book(current);
          this.book(other);
        }
      }
    }
    return false;
  }
}

/** `LocalSearch` from `choices` until no move helps or `deadline` passes. */
export function improveAssignment(instance: PlanningInstance, choices: readonly Choice[], deadline: number): Choice[] {
  return new LocalSearch(instance, choices).run(deadline).choices();
}
