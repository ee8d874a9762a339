import { Temporal } from 'temporal-polyfill';

/** The two reminders of a confirmed booking. */
export type ReminderKind = 'day-before' | 'two-hours-before';

/** When to remind, as a durable timer at an instant (epoch ms). */
export interface ReminderTime {
  kind: ReminderKind;
  at: number;
}

/**
 * The reminders of a booking starting at `start` (epoch ms) in `timeZone`: the day before at the
 * same wall-clock time (a 09:00 appointment on the Sunday of the spring change is recalled at
 * 09:00 on Saturday, 23 real hours before; on the autumn Sunday, 25), and two real hours before. Reminders whose instant
 * is not after `now` are dropped: a booking made at 08:00 for 09:00 gets none.
 */
export function reminderTimes(start: number, timeZone: string, now: number): ReminderTime[] {
  const local = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(timeZone);
  // 'compatible': a wall-clock time that did not exist the day before moves forward past the gap.
  const dayBefore = local.subtract({ days: 1 }).epochMilliseconds;
  const reminders: ReminderTime[] = [
    { kind: 'day-before', at: dayBefore },
    { kind: 'two-hours-before', at: start - 2 * 3_600_000 },
  ];
  return reminders.filter((r) => r.at > now);
}
