import { Temporal } from 'temporal-polyfill';
import { badRequest } from '../../../platform/errors.ts';
import type { Interval } from './intervals.ts';
import { isKnownTimeZone } from './local-days.ts';
import { parseOpeningHours, type Parsed, type WeeklyHours } from './opening-hours.ts';

/** The time zone of a professional who did not say otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** What availability needs to know about a professional, parsed and ready for interval arithmetic. */
export interface AvailabilityProfile {
  /** IANA zone of the opening hours and closures given as dates. */
  timezone: string;
  openingHours: WeeklyHours;
  /** Closed spans (holidays, a day off) as UTC instants. */
  closures: readonly Interval[];
  /** Jobs that can run at once (parallel bays), ≥ 1. */
  capacity: number;
  /** Minutes kept free after every job in a bay, ≥ 0. */
  bufferMin: number;
}

/** The profile as it arrives on the wire (`PUT /v1/pro/profile`), before parsing. */
export interface AvailabilityProfileInput {
  timezone?: string | undefined;
  openingHours: unknown;
  closures?: ReadonlyArray<{ from: string; to: string }> | undefined;
  capacity?: number | undefined;
  bufferMin?: number | undefined;
}

const fail = (code: string, message: string, details?: Record<string, unknown>): Parsed<never> => ({
  ok: false,
  error: badRequest(code, message, details),
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// An instant must carry its offset ("Z" or "+02:00"): a bare local time is ambiguous twice a year.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads a closure end point: an ISO instant with offset, or a local date (its midnight, or the next one for `to`). */
function closureInstant(text: string, timeZone: string, isEnd: boolean): number | undefined {
  try {
    if (DATE.test(text)) {
      const date = Temporal.PlainDate.from(text, { overflow: 'reject' });
      return (isEnd ? date.add({ days: 1 }) : date).toZonedDateTime({ timeZone }).epochMilliseconds;
    }
    if (INSTANT.test(text)) return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Reads a professional's availability settings. Closures are `{from, to}`, each an ISO instant
 * with its offset (`to` exclusive) or a local date (`to` inclusive: `{from: "2026-08-01", to:
 * "2026-08-15"}` closes both days entirely). Stable codes: `TIMEZONE_INVALID`,
 * `OPENING_HOURS_INVALID`, `CLOSURE_INVALID`, `CAPACITY_INVALID`, `BUFFER_INVALID`.
 */
export function parseAvailabilityProfile(input: AvailabilityProfileInput): Parsed<AvailabilityProfile> {
  const timezone = input.timezone ?? DEFAULT_TIME_ZONE;
  if (typeof timezone !== 'string' || !isKnownTimeZone(timezone)) {
    return fail('TIMEZONE_INVALID', `Unknown time zone ${JSON.stringify(timezone)}; use an IANA name such as Europe/Paris`);
  }
  const hours = parseOpeningHours(input.openingHours);
  if (!hours.ok) return hours;
  const capacity = input.capacity ?? 1;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 50) {
    return fail('CAPACITY_INVALID', 'Capacity is a whole number of parallel bays, from 1 to 50');
  }
  const bufferMin = input.bufferMin ?? 0;
  if (!Number.isInteger(bufferMin) || bufferMin < 0 || bufferMin > 240) {
    return fail('BUFFER_INVALID', 'The buffer between jobs is a whole number of minutes, from 0 to 240');
  }
  const closures: Interval[] = [];
  for (const [index, closure] of (input.closures ?? []).entries()) {
    const start = typeof closure?.from === 'string' ? closureInstant(closure.from, timezone, false) : undefined;
    const end = typeof closure?.to === 'string' ? closureInstant(closure.to, timezone, true) : undefined;
    if (start === undefined || end === undefined) {
      return fail('CLOSURE_INVALID', 'A closure is {from, to}: ISO instants with an offset, or dates (YYYY-MM-DD)', { index });
    }
    if (end <= start) return fail('CLOSURE_INVALID', 'A closure ends after it starts', { index });
    closures.push({ start, end });
  }
  return { ok: true, value: { timezone, openingHours: hours.value, closures, capacity, bufferMin } };
}
