import { occupiesBay } from '../availability/availability.ts';
import type { OptimizeProfessional } from './types.ts';

const MINUTE = 60_000;

/**
 * The optimiser's view of capacity: time from `anchor` cut into buckets of `gridMs`, and per
 * professional the bays still free in each bucket once existing bookings (with their buffer)
 * are counted. A new job takes a bay in every bucket it touches, so the bucket model never
 * allows more than the real capacity (jobs on the grid cover whole buckets; only the last one
 * of a job whose length is off the grid is counted in full).
 */
export class CapacityBuckets {
  readonly anchor: number;
  readonly gridMs: number;
  readonly count: number;
  /** free[p][k]: bays of professional p still free in bucket k. */
  private readonly free: Int16Array[];

  constructor(professionals: readonly OptimizeProfessional[], from: number, to: number, gridMin: number, now: number) {
    this.gridMs = gridMin * MINUTE;
    this.anchor = Math.floor(from / this.gridMs) * this.gridMs;
    this.count = Math.ceil((to + 86_400_000 - this.anchor) / this.gridMs);
    this.free = professionals.map((pro) => {
      const free = new Int16Array(this.count).fill(pro.profile.capacity);
      const buffer = pro.profile.bufferMin * MINUTE;
      const events: Array<[number, number]> = [];
      for (const b of pro.bookings) {
        if (!occupiesBay(b, now) || b.end + buffer <= this.anchor || b.start >= this.anchor + this.count * this.gridMs) continue;
        events.push([b.start, 1], [b.end + buffer, -1]);
      }
      events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      // Walk the piecewise-constant occupancy; each bucket keeps the highest depth it sees.
      let depth = 0;
      for (let i = 0; i < events.length; i++) {
        const [at, delta] = events[i] as [number, number];
        depth += delta;
        const until = i + 1 < events.length ? (events[i + 1] as [number, number])[0] : at;
        if (depth <= 0 || until <= at) continue;
        const [first, last] = this.span(at, until);
        for (let k = first; k <= last; k++) free[k] = Math.min(free[k] as number, pro.profile.capacity - depth);
      }
      return free;
    });
  }

  /** First and last bucket index touched by `[start, end)`, clipped to the grid. */
  span(start: number, end: number): [number, number] {
    const first = Math.max(0, Math.floor((start - this.anchor) / this.gridMs));
    const last = Math.min(this.count - 1, Math.ceil((end - this.anchor) / this.gridMs) - 1);
    return [first, last];
  }

  /** Bays free in bucket `k` of professional `pro` (index in the professionals list). */
  freeAt(pro: number, k: number): number {
    return (this.free[pro] as Int16Array)[k] ?? 0;
  }

  /** A working copy to book into, for the greedy assignments. */
  tracker(): CapacityTracker {
    return new CapacityTracker(this, this.free.map((f) => f.slice()));
  }
}

/** Free bays that shrink as jobs are booked; what a greedy pass books into. */
export class CapacityTracker {
  private readonly buckets: CapacityBuckets;
  private readonly free: Int16Array[];

  constructor(buckets: CapacityBuckets, free: Int16Array[]) {
    this.buckets = buckets;
    this.free = free;
  }

  /** Whether a job occupying `[start, end)` (buffer included) fits at professional `pro`. */
  fits(pro: number, start: number, end: number): boolean {
    const free = this.free[pro] as Int16Array;
    const [first, last] = this.buckets.span(start, end);
    for (let k = first; k <= last; k++) if ((free[k] as number) <= 0) return false;
    return true;
  }

  /** Takes one bay for `[start, end)`; call after `fits`. */
  book(pro: number, start: number, end: number): void {
    this.shift(pro, start, end, -1);
  }

  /** Gives back the bay a `book` of the same job took. */
  release(pro: number, start: number, end: number): void {
    this.shift(pro, start, end, 1);
  }

  private shift(pro: number, start: number, end: number, delta: number): void {
    const free = this.free[pro] as Int16Array;
    const [first, last] = this.buckets.span(start, end);
    for (let k = first; k <= last; k++) free[k] = (free[k] as number) + delta;
  }
}
