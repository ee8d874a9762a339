import { badRequest, type AppError } from '../../../platform/errors.ts';
import { formatClockTime, parseClockTime, type MinuteOfDay } from './clock-time.ts';

/** Weekday keys in ISO order (Monday = 1 … Sunday = 7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening range in local wall-clock minutes, `[start, end)`, start < end. */
export type MinuteRange = readonly [MinuteOfDay, MinuteOfDay];

/** Parsed opening hours: per weekday, sorted disjoint ranges (a missing day is closed). */
export type WeeklyHours = Readonly<Record<Weekday, readonly MinuteRange[]>>;

/** What every parser of this module returns: the value, or an `AppError` with a stable code. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Stable code of every opening-hours rejection. */
export const OPENING_HOURS_INVALID = 'OPENING_HOURS_INVALID';

const invalid = (detail: string, day?: string): Parsed<never> => ({
  ok: false,
  error: badRequest(OPENING_HOURS_INVALID, `Opening hours: ${detail}`, day === undefined ? undefined : { day }),
});

/**
 * Reads opening hours as sent on the wire, `{mon: [["08:00","12:00"],["14:00","18:00"]], ...}`:
 * each range is two "HH:MM" strings (the end may be "24:00"), start before end, and ranges of a
 * day may not overlap (touching is fine; they merge). Unknown keys, bad times, reversed or
 * overlapping ranges and more than 8 ranges a day are rejected with `OPENING_HOURS_INVALID`.
 *
 * @example parseOpeningHours({ mon: [['08:00', '12:00']] }) // { ok: true, value: { mon: [[480, 720]], tue: [], ... } }
 */
export function parseOpeningHours(input: unknown): Parsed<WeeklyHours> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return invalid('expected an object keyed by weekday');
  const out: Record<Weekday, MinuteRange[]> = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  for (const [day, ranges] of Object.entries(input)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) return invalid(`unknown weekday "${day}"`, day);
    if (!Array.isArray(ranges)) return invalid('a day holds a list of ranges', day);
    if (ranges.length > 8) return invalid('at most 8 ranges a day', day);
    const parsed: MinuteRange[] = [];
    for (const range of ranges) {
      if (!Array.isArray(range) || range.length !== 2 || typeof range[0] !== 'string' || typeof range[1] !== 'string') {
        return invalid('a range is ["HH:MM", "HH:MM"]', day);
      }
      const start = parseClockTime(range[0]);
      const end = parseClockTime(range[1], true);
      if (start === undefined || end === undefined) return invalid(`bad time in ${JSON.stringify(range)}`, day);
      if (start >= end) return invalid(`range ${range[0]}-${range[1]} ends before it starts`, day);
      parsed.push([start, end]);
    }
    parsed.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [start, end] of parsed) {
      const last = merged[merged.length - 1];
      if (last && start < last[1]) return invalid('ranges overlap', day);
      if (last && start === last[1]) last[1] = end;
      else merged.push([start, end]);
    }
    out[day as Weekday] = merged;
  }
  return { ok: true, value: out };
}

/** Opening hours back in their wire form, for `GET /v1/pro/profile`; closed days are left out. */
export function formatOpeningHours(hours: WeeklyHours): Partial<Record<Weekday, Array<[string, string]>>> {
  const out: Partial<Record<Weekday, Array<[string, string]>>> = {};
  for (const day of WEEKDAYS) {
    if (hours[day].length > 0) out[day] = hours[day].map(([start, end]) => [formatClockTime(start), formatClockTime(end)]);
  }
  return out;
}
