import { z } from '@hono/zod-openapi';
import type { AppointmentRow } from '../store/appointment-store.ts';

export const AppointmentSchema = z
  .object({
    id: z.string(),
    proId: z.string(),
    proName: z.string(),
    ownerUserId: z.string(),
    service: z.string(),
    start: z.string(),
    end: z.string(),
    status: z.enum(['held', 'requested', 'confirmed', 'proposed', 'completed', 'cancelled', 'declined', 'expired']),
    holdExpiresAt: z.string().nullable(),
    vehicleId: z.string().nullable(),
    notes: z.string().nullable(),
    analysisId: z.string().nullable(),
    urgency: z.enum(['low', 'medium', 'high', 'critical']),
    proposedStart: z.string().nullable(),
    proposedEnd: z.string().nullable(),
    declineReason: z.string().nullable(),
    actualDurationMin: z.number().int().nullable(),
    reminders: z.array(z.object({ kind: z.string(), at: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Appointment');

export type Appointment = z.infer<typeof AppointmentSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An appointment as the API shows it. */
export function appointmentView(row: AppointmentRow, proName: string): Appointment {
  return {
    id: row.id,
    proId: row.org_id,
    proName: row.pro_name ?? proName,
    ownerUserId: row.owner_user_id,
    service: row.service,
    start: row.start_at.toISOString(),
    end: row.end_at.toISOString(),
    status: row.status,
    holdExpiresAt: iso(row.hold_expires_at),
    vehicleId: row.vehicle_id,
    notes: row.notes,
    analysisId: row.analysis_id,
    urgency: row.urgency,
    proposedStart: iso(row.proposed_start),
    proposedEnd: iso(row.proposed_end),
    declineReason: row.decline_reason,
    actualDurationMin: row.actual_duration_min,
    // The reminders of its current time only: the workflow sets, moves and cancels them just after a change.
    reminders: row.status === 'confirmed' ? row.reminder_timers.filter((t) => t.sequence === row.sequence).map((t) => ({ kind: t.kind, at: t.at })) : [],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
