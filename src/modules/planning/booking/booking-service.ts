import type { Principal } from '../../../platform/auth/principal.ts';
import { notFound, unprocessable } from '../../../platform/errors.ts';
import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import { checkStart } from '../availability/availability.ts';
import type { AppointmentRow } from '../store/appointment-store.ts';
import { availabilityOf, plannedDurations, type ProfileRow } from '../store/profile-store.ts';
import type { Urgency } from '../urgency.ts';
import { isVerifiedPro, resolveUrgency, type PlanningDeps } from './planning-deps.ts';
import type { AppointmentAction } from './transitions.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What an owner asks for: a service at a professional at a start. */
export interface SlotRequest {
  proId: string;
  service: string;
  start: string;
  vehicleId?: string | undefined;
  notes?: string | undefined;
  analysisId?: string | undefined;
  urgency?: Urgency | undefined;
}

/**
 * Checks a start of a professional inside the caller's transaction, after that professional's
 * profile row was locked (`SELECT ... FOR UPDATE`): the bookings are read under the lock and
 * judged by `checkStart`, the same availability function slot listing uses. Two transactions
 * for one professional therefore check and write one after the other, in every process.
 */
export async function checkLocked(deps: PlanningDeps, tx: SqlExecutor, profile: ProfileRow, service: string, start: number, exceptId: string | null): Promise<{ durationMin: number }> {
  const now = deps.clock.now().getTime();
  if (start <= now) throw unprocessable('SLOT_IN_PAST', 'This start has already passed; pick a later slot.');
  if (!profile.services.some((s) => s.code === service)) throw unprocessable('SERVICE_NOT_OFFERED', `This professional does not offer the service ${service}.`);
  const learned = await deps.profiles.learned(tx, [profile.org_id]);
  const durationMin = plannedDurations(profile, learned.get(profile.org_id))[service] as number;
  const bookings = await deps.appointments.busyExcept(tx, profile.org_id, new Date(start - DAY), new Date(start + 2 * DAY + durationMin * MINUTE), exceptId);
  const checked = checkStart({ profile: availabilityOf(profile), bookings, durationMin, now }, start);
  if (!checked.ok) throw checked.error;
  return { durationMin };
}

/** Holds and bookings: the write side of availability. */
export class BookingService {
  constructor(private readonly deps: PlanningDeps) {}

  /** Holds a slot for `holdMinutes` while the owner confirms; booking the same slot turns the hold into the appointment. */
  async hold(p: Principal, input: SlotRequest): Promise<AppointmentRow> {
    return this.#place(p, input, 'held');
  }

  /** Books a slot: 201 `requested`, 409 `SLOT_TAKEN` when the bays are taken, 422 when the slot is not offered at all. */
  async book(p: Principal, input: SlotRequest): Promise<AppointmentRow> {
    return this.#place(p, input, 'requested');
  }

  async #place(p: Principal, input: SlotRequest, status: 'held' | 'requested'): Promise<AppointmentRow> {
    const { deps } = this;
    const start = Date.parse(input.start);
    if (!(await isVerifiedPro(deps, input.proId))) throw notFound('PRO_NOT_FOUND', 'No such professional takes bookings.');
    const urgency = await resolveUrgency(deps, input.urgency, input.analysisId, p.userId);
    const vehicles = deps.vehicles();
    if (input.vehicleId && vehicles && !(await vehicles.isVisibleTo(p, input.vehicleId))) throw notFound('VEHICLE_NOT_FOUND', 'You have no vehicle with this id.');
    return deps.db.transaction(async (tx) => {
      const profile = await deps.profiles.get(tx, input.proId, true);
      if (!profile) throw notFound('PRO_NOT_FOUND', 'No such professional takes bookings.');
      const now = deps.clock.now();
      const hold = status === 'requested' ? await deps.appointments.liveHold(tx, { orgId: profile.org_id, ownerUserId: p.userId, service: input.service, start: new Date(start), now }) : undefined;
      const { durationMin } = await checkLocked(deps, tx, profile, input.service, start, hold?.id ?? null);
      const row: AppointmentRow = {
        id: hold?.id ?? deps.ids.newId(),
        org_id: profile.org_id,
        owner_user_id: p.userId,
        service: input.service,
        start_at: new Date(start),
        end_at: new Date(start + durationMin * MINUTE),
        status,
        hold_expires_at: status === 'held' ? new Date(now.getTime() + deps.holdMinutes * MINUTE) : null,
        vehicle_id: input.vehicleId ?? null,
        notes: input.notes ?? null,
        analysis_id: input.analysisId ?? null,
        urgency,
        proposed_start: null,
        proposed_end: null,
        decline_reason: null,
        actual_duration_min: null,
        reminder_timers: [],
        sequence: 0,
        version: hold ? hold.version + 1 : 0,
        created_at: hold?.created_at ?? now,
        updated_at: now,
        pro_name: profile.name,
      };
      if (hold) await deps.appointments.update(tx, row);
      else await deps.appointments.insert(tx, row);
      await deps.profiles.touch(tx, profile.org_id);
      if (status === 'requested') {
        await publishChange(deps, tx, row, 'requested');
      }
      return row;
    });
  }
}

/**
 * Publishes `planning.appointment-changed` in the transaction of the change (the outbox): the
 * other party's notification follows from it, at least once, even if this process dies.
 */
export async function publishChange(deps: PlanningDeps, tx: SqlExecutor, row: AppointmentRow, action: 'requested' | 'expire' | AppointmentAction): Promise<void> {
  await deps.events.publish(
    'planning.appointment-changed',
    {
      id: row.id,
      action,
      proId: row.org_id,
      ownerUserId: row.owner_user_id,
      service: row.service,
      status: row.status,
      start: row.start_at.toISOString(),
      end: row.end_at.toISOString(),
      analysisId: row.analysis_id,
      proposedStart: row.proposed_start?.toISOString() ?? null,
      reason: row.decline_reason,
      version: row.version,
    },
    { subject: row.id, tx },
  );
}
