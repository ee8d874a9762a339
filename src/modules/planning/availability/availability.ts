import { conflict, unprocessable } from '../../../platform/errors.ts';
import { saturatedIntervals, type Interval } from './intervals.ts';
import { localDays, type LocalDay } from './local-days.ts';
import { openTime } from './open-intervals.ts';
import type { Parsed } from './opening-hours.ts';
import type { AvailabilityProfile } from './profile.ts';

const MINUTE = 60_000;

/** Lifecycle of a booking or a hold, as far as availability cares. */
export type BookingStatus = 'held' | 'requested' | 'confirmed' | 'proposed' | 'completed' | 'cancelled' | 'declined' | 'expired';

/** A booking or a hold of one bay: `[start, end)` in epoch ms, without the buffer. */
export interface BusyInterval extends Interval {
  status: BookingStatus;
  /** For holds: the instant the hold lapses (it no longer counts from then on). */
  expiresAt?: number | undefined;
}

/** Whether a booking still takes a bay at `now`: cancelled, declined, expired and lapsed holds do not. */
export function occupiesBay(booking: BusyInterval, now: number): boolean {
  switch (booking.status) {
    case 'cancelled':
    case 'declined':
    case 'expired':
      return false;
    case 'held':
      return booking.expiresAt === undefined || booking.expiresAt > now;
    default:
      return true;
  }
}

/** Everything `feasibleStarts` needs; all instants are epoch ms (UTC). */
export interface AvailabilityQuery {
  profile: AvailabilityProfile;
  bookings: readonly BusyInterval[];
  /** Length of the job itself; the profile's buffer is added after it. */
  durationMin: number;
  /** Starts are looked for in `[from, to)`. */
  from: number;
  to: number;
  /** The current instant (from the injected clock), to tell live holds from lapsed ones. */
  now: number;
  /** Starts fall on this local wall-clock grid (minutes, default 15: 08:00, 08:15, …). */
  gridMin?: number | undefined;
  /** Stop after this many starts (the earliest ones). */
  maxResults?: number | undefined;
  /** `localDays(profile.timezone, …)` covering the window, when the caller already has them. */
  days?: readonly LocalDay[] | undefined;
}

/**
 * The feasible starts of a job, earliest first: on the local grid, within `[from, to)`, the job
 * `[start, start + duration)` inside opening hours and outside closures, and at no instant of
 * `[start, start + duration + buffer)` are `capacity` bays already taken (each booking taking its
 * bay for `[start, end + buffer)`). Pure interval arithmetic; slot listing and booking both call
 * it, so an offered slot can be booked. Never throws on a parsed profile; returns [] for a
 * non-positive duration or an empty window.
 *
 * @example feasibleStarts({ profile, bookings: [], durationMin: 60, from, to, now: from })
 */
export function feasibleStarts(query: AvailabilityQuery): number[] {
  const limit = query.maxResults ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(limit)) return startsWithin(query, query.from, query.to, limit);
  // Looking for the first few starts: go a couple of days at a time and stop once there are
  // enough, instead of laying out the whole window (slot search asks for 3 over 14 days).
  const starts: number[] = [];
  for (let from = query.from; from < query.to && starts.length < limit; from += CHUNK_MS) {
    for (const s of startsWithin(query, from, Math.min(query.to, from + CHUNK_MS), limit - starts.length)) starts.push(s);
  }
  return starts;
}

const CHUNK_MS = 2 * 86_400_000;

/** The feasible starts in `[from, to)`, at most `limit` of them. */
function startsWithin(query: AvailabilityQuery, from: number, to: number, limit: number): number[] {
  const { profile, durationMin } = query;
  const grid = Math.max(1, Math.round(query.gridMin ?? 15)) * MINUTE;
  const job = durationMin * MINUTE;
  const occupied = job + profile.bufferMin * MINUTE;
  if (!(job > 0) || !(to > from) || !Number.isFinite(from) || !Number.isFinite(to) || limit <= 0) return [];

  // A start just before `to` may run past it, so the open time looked at reaches further.
  const horizon = to + occupied;
  const days = query.days ? query.days.filter((d) => d.end > from && d.start < horizon) : localDays(profile.timezone, from, horizon);
  const open = openTime(profile, days);
  const busy: Interval[] = [];
  for (const b of query.bookings) {
    if (b.end > from - occupied && b.start < horizon && occupiesBay(b, query.now)) {
      busy.push({ start: b.start, end: b.end + profile.bufferMin * MINUTE });
    }
  }
  const full = saturatedIntervals(busy, profile.capacity);

  const starts: number[] = [];
  let openIdx = 0;
  let fullIdx = 0;
  for (const piece of open.pieces) {
    if (piece.end <= from) continue;
    if (piece.start >= to) break;
    // First instant of the piece (and of the window) that lies on the local wall-clock grid.
    const lower = Math.max(piece.start, from);
    let start = Math.ceil((lower + piece.offsetMs) / grid) * grid - piece.offsetMs;
    for (; start < piece.end && start < to; start += grid) {
      while (openIdx < open.intervals.length && (open.intervals[openIdx] as Interval).end <= start) openIdx++;
      const interval = open.intervals[openIdx];
      if (!interval || interval.start > start) continue;
      if (start + job > interval.end) break; // later starts in this piece end even later
      while (fullIdx < full.length && (full[fullIdx] as Interval).end <= start) fullIdx++;
      const blocked = full[fullIdx];
      if (blocked && blocked.start < start + occupied) {
        // Jump to the first grid start at or after the saturated span ends.
        const next = Math.ceil((blocked.end - start) / grid) * grid + start - grid;
        if (next > start) start = next;
        continue;
      }
      starts.push(start);
      if (starts.length >= limit) return starts;
    }
  }
  return starts;
}

/**
 * Whether one start is bookable, judged by the same `feasibleStarts` that offered it (the booking
 * path calls this just before writing; the database still enforces capacity against races).
 */
export function isBookableStart(query: Omit<AvailabilityQuery, 'from' | 'to' | 'maxResults'>, start: number): boolean {
  const found = feasibleStarts({ ...query, from: start, to: start + 1, maxResults: 1 });
  return found[0] === start;
}

/**
 * `isBookableStart` with the reason when it is not: `SLOT_TAKEN` (409) when the start would be
 * offered on an empty calendar but the bays are taken, `SLOT_UNAVAILABLE` (422) when it is
 * outside opening hours, in a closure, off the grid or too long to fit.
 */
export function checkStart(query: Omit<AvailabilityQuery, 'from' | 'to' | 'maxResults'>, start: number): Parsed<number> {
  if (isBookableStart(query, start)) return { ok: true, value: start };
  if (isBookableStart({ ...query, bookings: [] }, start)) {
    return { ok: false, error: conflict('SLOT_TAKEN', 'This slot has just been taken; pick another one', { start: new Date(start).toISOString() }) };
  }
  return { ok: false, error: unprocessable('SLOT_UNAVAILABLE', 'The professional does not take a job of this length at this time', { start: new Date(start).toISOString() }) };
}
