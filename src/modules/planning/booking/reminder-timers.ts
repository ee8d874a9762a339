import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import { reminderTimes } from '../reminders/reminder-times.ts';
import type { AppointmentRow, ReminderTimerRef } from '../store/appointment-store.ts';
import type { PlanningDeps } from './planning-deps.ts';

/**
 * Durable timers for a confirmed appointment (the day before at the same wall-clock time, and
 * two hours before, in the professional's zone), written in the caller's transaction: they exist
 * iff the confirmation commits. Keys carry the appointment's sequence, so a moved appointment
 * gets new timers rather than its old ones back.
 */
export async function scheduleReminders(deps: PlanningDeps, tx: SqlExecutor, row: AppointmentRow, timeZone: string): Promise<ReminderTimerRef[]> {
  const refs: ReminderTimerRef[] = [];
  for (const r of reminderTimes(row.start_at.getTime(), timeZone, deps.clock.now().getTime())) {
    const at = new Date(r.at);
    const timer = await deps.scheduler.schedule(
      { type: 'planning.reminder-due', data: { appointmentId: row.id, kind: r.kind }, at, key: `planning:${row.id}:${row.sequence}:${r.kind}` },
      tx,
    );
    refs.push({ kind: r.kind, id: timer.id, at: at.toISOString(), sequence: row.sequence });
  }
  return refs;
}

/** True when the appointment holds the reminders of its current time (a confirmed one). */
export function remindersInStep(row: AppointmentRow): boolean {
  return row.reminder_timers.length > 0 && row.reminder_timers.every((t) => t.sequence === row.sequence);
}

/**
 * Cancels timers an appointment no longer holds, once its change committed. A timer that fires
 * before this runs (a crash in between) finds its id gone from the appointment and says nothing.
 */
export async function cancelReminders(deps: PlanningDeps, refs: readonly ReminderTimerRef[]): Promise<void> {
  for (const ref of refs) await deps.scheduler.cancel(ref.id);
}
