import { mergeIntervals, subtractIntervals, type Interval } from './intervals.ts';
import type { LocalDay } from './local-days.ts';
import type { AvailabilityProfile } from './profile.ts';

const MINUTE = 60_000;

/** An open stretch that lies within one offset segment, so the local grid is known on it. */
export interface OpenPiece extends Interval {
  offsetMs: number;
}

/** When a professional is open: merged intervals, and the same time cut at offset changes. */
export interface OpenTime {
  intervals: Interval[];
  pieces: OpenPiece[];
}

/**
 * The instants of `days` whose local wall-clock time falls in an opening range, minus closures.
 * Exact on daylight-saving days: on the spring change a range over 02:00-03:00 loses the hour
 * that never shows on the clock, and on the autumn change it covers 02:00-03:00 twice, because
 * each offset segment is mapped to UTC with its own offset.
 */
export function openTime(profile: AvailabilityProfile, days: readonly LocalDay[]): OpenTime {
  const pieces: OpenPiece[] = [];
  for (const day of days) {
    for (const [startMin, endMin] of profile.openingHours[day.weekday]) {
      for (const seg of day.segments) {
        const start = Math.max(day.wallMidnightUtc + startMin * MINUTE - seg.offsetMs, seg.start);
        const end = Math.min(day.wallMidnightUtc + endMin * MINUTE - seg.offsetMs, seg.end);
        if (end > start) pieces.push({ start, end, offsetMs: seg.offsetMs });
      }
    }
  }
  pieces.sort((a, b) => a.start - b.start);
  if (profile.closures.length === 0) return { intervals: mergeIntervals(pieces), pieces };
  const closures = mergeIntervals(profile.closures);
  const openPieces: OpenPiece[] = [];
  for (const piece of pieces) {
    for (const kept of subtractIntervals([piece], closures)) openPieces.push({ ...kept, offsetMs: piece.offsetMs });
  }
  return { intervals: mergeIntervals(openPieces), pieces: openPieces };
}
