import { Temporal } from 'temporal-polyfill';
import { WEEKDAYS, type Weekday } from './opening-hours.ts';

/** A stretch of one local day during which the zone's UTC offset does not change. */
export interface OffsetSegment {
  start: number;
  end: number;
  /** Local wall clock minus UTC, in milliseconds (+3_600_000 for CET, +7_200_000 for CEST). */
  offsetMs: number;
}

/** One calendar day in a time zone: its weekday, the UTC instant of its local midnight, and its offset segments. */
export interface LocalDay {
  /** ISO date, e.g. "2026-03-29". */
  date: string;
  weekday: Weekday;
  /** Epoch ms of the day's first instant (its local midnight) and of the next day's. */
  start: number;
  end: number;
  /** One segment on ordinary days, two on a daylight-saving change. */
  segments: OffsetSegment[];
  /** Epoch ms that wall-clock 00:00 of this date would be at UTC (00:00Z of the same date). */
  wallMidnightUtc: number;
}

/** True when `timeZone` is an IANA zone this runtime knows ("Europe/Paris", "UTC"). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local days of `timeZone` that overlap `[from, to)`, each cut into constant-offset segments
 * at the zone's transitions (the last Sundays of March and October in Europe/Paris). The offsets
 * come from the tz database through Temporal, never from hand-written rules.
 */
export function localDays(timeZone: string, from: number, to: number): LocalDay[] {
  const days: LocalDay[] = [];
  let date = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(timeZone).toPlainDate();
  let dayStart = date.toZonedDateTime({ timeZone });
  while (dayStart.epochMilliseconds < to) {
    const next = date.add({ days: 1 });
    const nextStart = next.toZonedDateTime({ timeZone });
    const end = nextStart.epochMilliseconds;
    const segments: OffsetSegment[] = [];
    let cursor = dayStart;
    while (cursor.epochMilliseconds < end) {
      const transition = cursor.getTimeZoneTransition('next');
      const segEnd = transition && transition.epochMilliseconds < end ? transition.epochMilliseconds : end;
      segments.push({ start: cursor.epochMilliseconds, end: segEnd, offsetMs: cursor.offsetNanoseconds / 1e6 });
      if (segEnd === end || !transition) break;
      cursor = transition;
    }
    days.push({
      date: date.toString(),
      weekday: WEEKDAYS[date.dayOfWeek - 1] as Weekday,
      start: dayStart.epochMilliseconds,
      end,
      segments,
      wallMidnightUtc: Date.UTC(date.year, date.month - 1, date.day),
    });
    date = next;
    dayStart = nextStart;
  }
  return days;
}
