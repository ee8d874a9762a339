/** A half-open span of time `[start, end)` in epoch milliseconds (UTC instants). */
export interface Interval {
  start: number;
  end: number;
}

/** Sorts and merges overlapping or touching intervals; empty ones are dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** `base` minus every interval of `cut` (both in any order); the result is sorted and merged. */
export function subtractIntervals(base: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const holes = mergeIntervals(cut);
  const out: Interval[] = [];
  for (const b of mergeIntervals(base)) {
    let cursor = b.start;
    for (const h of holes) {
      if (h.end <= cursor) continue;
      if (h.start >= b.end) break;
      if (h.start > cursor) out.push({ start: cursor, end: h.start });
      cursor = Math.max(cursor, h.end);
      if (cursor >= b.end) break;
    }
    if (cursor < b.end) out.push({ start: cursor, end: b.end });
  }
  return out;
}

/**
 * The spans during which at least `capacity` of the given intervals overlap (a sweep over
 * their end points), sorted and merged. With capacity 2 and three bookings, it is where any
 * two run at once.
 */
export function saturatedIntervals(intervals: readonly Interval[], capacity: number): Interval[] {
  const points: Array<[number, number]> = [];
  for (const i of intervals) {
    if (i.end <= i.start) continue;
    points.push([i.start, 1], [i.end, -1]);
  }
  // Ends before starts at the same instant: back-to-back intervals do not overlap.
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Interval[] = [];
  let depth = 0;
  let openedAt = 0;
  for (const [at, delta] of points) {
    const before = depth;
    depth += delta;
    if (before < capacity && depth >= capacity) openedAt = at;
    else if (before >= capacity && depth < capacity && at > openedAt) out.push({ start: openedAt, end: at });
  }
  return mergeIntervals(out);
}
