import type { Principal } from '../../../platform/auth/principal.ts';
import { badRequest, notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/ids.ts';
import { estimateDuration } from '../durations/learned-duration.ts';
import type { AppointmentRow, AppointmentScope, ReminderTimerRef } from '../store/appointment-store.ts';
import type { ProfileRow } from '../store/profile-store.ts';
import { checkLocked, publishChange } from './booking-service.ts';
import { ACTUAL_DURATION_SERIES, type PlanningDeps } from './planning-deps.ts';
import { cancelReminders, scheduleReminders } from './reminder-timers.ts';
import { hasReminders, nextStatus, type AppointmentAction } from './transitions.ts';

const MINUTE = 60_000;

/** What some actions carry: a reason (decline), a start (propose, reschedule), a duration (complete). */
export interface ActionInput {
  reason?: string | undefined;
  start?: string | undefined;
  actualDurationMin?: number | undefined;
}

/** Who sees an appointment: its owner, or its professional's organisation. */
export function scopeOf(p: Principal): AppointmentScope {
  if (p.role === 'admin') return { kind: 'all' };
  if (p.role === 'pro') return { kind: 'pro', orgId: p.orgId ?? '00000000-0000-0000-0000-000000000000' };
  return { kind: 'owner', userId: p.userId };
}


/** The professional's and the owner's actions on an appointment, each one transaction. */
export class AppointmentActions {
  constructor(private readonly deps: PlanningDeps) {}

  /**
   * Applies `action`: locks the professional's profile row, then the appointment, checks the
   * transition, re-checks availability for a new time (propose, accept, reschedule) with the
   * booking path's own check, writes the change, its reminders, the other party's notification
   * and the event, all in one transaction; timers the appointment dropped are cancelled after.
   */
  async act(p: Principal, id: string, action: AppointmentAction, input: ActionInput = {}): Promise<AppointmentRow> {
    const { deps } = this;
    const scope = scopeOf(p);
    if (!isUuid(id)) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment.');
    const seen = await deps.appointments.get(deps.db, id, scope);
    if (!seen) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment.');
    const dropped: ReminderTimerRef[] = [];
    const done = await deps.db.transaction(async (tx) => {
      const profile = (await deps.profiles.get(tx, seen.org_id, true)) as ProfileRow;
      const row = await deps.appointments.get(tx, id, scope, true);
      if (!row) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment.');
      const next = nextStatus(row.status, action);
      if (!next.ok) throw next.error;
      const wasConfirmed = hasReminders(row.status);
      const wasHeld = row.status === 'held';
      let moved = false;
      switch (action) {
        case 'decline':
          row.decline_reason = input.reason ?? null;
          break;
        case 'propose': {
          const start = requiredStart(input);
          const { durationMin } = await checkLocked(deps, tx, profile, row.service, start, row.id);
          row.proposed_start = new Date(start);
          row.proposed_end = new Date(start + durationMin * MINUTE);
          break;
        }
        case 'accept': {
          const start = (row.proposed_start as Date).getTime();
          const { durationMin } = await checkLocked(deps, tx, profile, row.service, start, row.id);
          moveTo(row, start, durationMin);
          row.proposed_start = null;
          row.proposed_end = null;
          moved = true;
          break;
        }
        case 'reschedule': {
          const start = requiredStart(input);
          const { durationMin } = await checkLocked(deps, tx, profile, row.service, start, row.id);
          moveTo(row, start, durationMin);
          moved = true;
          break;
        }
        case 'complete':
          row.actual_duration_min = input.actualDurationMin ?? null;
          break;
      }
      row.status = next.value;
      row.updated_at = deps.clock.now();
      const keeps = hasReminders(row.status);
      if (wasConfirmed && (!keeps || moved)) {
        dropped.push(...row.reminder_timers);
        row.reminder_timers = [];
      }
      if (keeps && (!wasConfirmed || moved)) row.reminder_timers = await scheduleReminders(deps, tx, row, profile.timezone);
      if (action === 'cancel' && row.hold_expires_at) row.hold_expires_at = null;
      await deps.appointments.update(tx, row);
      // A hold was never shown to the professional: dropping it is nobody else's news.
      if (!wasHeld) await publishChange(deps, tx, row, action);
      row.pro_name = profile.name;
      return { row, profile };
    });
    await cancelReminders(deps, dropped);
    if (action === 'complete') await this.#learn(done.profile, done.row);
    return done.row;
  }

  /**
   * After the completion committed, the actual duration goes to the time series and the
   * (professional, service) estimate is recomputed from its whole history.
   */
  async #learn(profile: ProfileRow, row: AppointmentRow): Promise<void> {
    const dims = { proId: profile.org_id, service: row.service };
    // Keyed by the job's start: a retried completion overwrites its point instead of adding one.
    await this.deps.timeseries.write([{ series: ACTUAL_DURATION_SERIES, time: row.start_at, value: row.actual_duration_min as number, dims }]);
    const history = await this.deps.timeseries.range({ series: ACTUAL_DURATION_SERIES, dims, from: new Date(0), to: new Date(this.deps.clock.now().getTime() + 366 * 86_400_000), order: 'desc', limit: 200 });
    const declared = profile.services.find((s) => s.code === row.service)?.durationMin ?? row.actual_duration_min ?? 60;
    await this.deps.profiles.saveLearned(this.deps.db, profile.org_id, row.service, estimateDuration(declared, history.map((h) => h.value)));
  }

}

function requiredStart(input: ActionInput): number {
  const start = input.start === undefined ? Number.NaN : Date.parse(input.start);
  if (!Number.isFinite(start)) throw badRequest('START_REQUIRED', 'Give the new start as an ISO 8601 instant.');
  return start;
}

function moveTo(row: AppointmentRow, start: number, durationMin: number): void {
  row.start_at = new Date(start);
  row.end_at = new Date(start + durationMin * MINUTE);
  row.sequence += 1;
}
