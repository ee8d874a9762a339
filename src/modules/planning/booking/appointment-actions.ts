import type { Principal } from '../../../platform/auth/principal.ts';
import { badRequest, notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/ids.ts';
import type { AppointmentRow, AppointmentScope } from '../store/appointment-store.ts';
import type { ProfileRow } from '../store/profile-store.ts';
import { checkLocked, publishChange } from './booking-service.ts';
import type { PlanningDeps } from './planning-deps.ts';
import { nextStatus, type AppointmentAction } from './transitions.ts';

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
   * booking path's own check, and writes the change and its event in one transaction. The
   * booking workflow follows the event: it moves, sets or cancels the reminders and the answer
   * deadline.
   */
  async act(p: Principal, id: string, action: AppointmentAction, input: ActionInput = {}): Promise<AppointmentRow> {
    const { deps } = this;
    const scope = scopeOf(p);
    if (!isUuid(id)) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment.');
    const seen = await deps.appointments.get(deps.db, id, scope);
    if (!seen) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment.');
    // A completion's actual duration is learned from its event (learnFromCompletion), not here:
    // a crash just after the commit would lose it.
    return deps.db.transaction(async (tx) => {
      const profile = (await deps.profiles.get(tx, seen.org_id, true)) as ProfileRow;
      const row = await deps.appointments.get(tx, id, scope, true);
      if (!row) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment.');
      const next = nextStatus(row.status, action);
      if (!next.ok) throw next.error;
      const wasHeld = row.status === 'held';
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
          break;
        }
        case 'reschedule': {
          const start = requiredStart(input);
          const { durationMin } = await checkLocked(deps, tx, profile, row.service, start, row.id);
          moveTo(row, start, durationMin);
          break;
        }
        case 'complete':
          row.actual_duration_min = input.actualDurationMin ?? null;
          break;
      }
      row.status = next.value;
      row.updated_at = deps.clock.now();
      row.version += 1;
      if (action === 'cancel' && row.hold_expires_at) row.hold_expires_at = null;
      await deps.appointments.update(tx, row);
      await deps.profiles.touch(tx, profile.org_id);
      // A hold was never shown to the professional: dropping it is nobody else's news.
      if (!wasHeld) await publishChange(deps, tx, row, action);
      row.pro_name = profile.name;
      return row;
    });
  }

  /**
   * An answer deadline passed: a request the professional did not answer (or a proposal the
   * owner did not accept) and still at `version` expires, which releases its slot; its event
   * tells both parties. A deadline the appointment moved past does nothing.
   */
  async expire(id: string, version: number): Promise<boolean> {
    const { deps } = this;
    const seen = await deps.appointments.get(deps.db, id, { kind: 'all' });
    if (!seen) return false;
    return deps.db.transaction(async (tx) => {
      await deps.profiles.get(tx, seen.org_id, true); // the same lock order as every action
      const row = await deps.appointments.get(tx, id, { kind: 'all' }, true);
      if (!row || row.version !== version || !(row.status === 'requested' || row.status === 'proposed')) return false;
      row.status = 'expired';
      row.updated_at = deps.clock.now();
      row.version += 1;
      await deps.appointments.update(tx, row);
      await deps.profiles.touch(tx, row.org_id);
      await publishChange(deps, tx, row, 'expire');
      return true;
    });
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
