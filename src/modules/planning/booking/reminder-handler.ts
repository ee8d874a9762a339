import type { TypedEvent } from '../../../platform/module/events.ts';
import { appointmentLink } from './change-notifier.ts';
import type { PlanningDeps } from './planning-deps.ts';

/**
 * A reminder timer fired: both the owner and the professional are told. A
 * timer the appointment no longer holds (cancelled, moved, or no longer confirmed) says nothing.
 */
export async function deliverReminder(deps: PlanningDeps, event: TypedEvent<{ appointmentId: string; kind: string }>): Promise<void> {
  const row = await deps.appointments.get(deps.db, event.data.appointmentId, { kind: 'all' });
  if (row?.status !== 'confirmed' || !row.reminder_timers.some((t) => t.id === event.subject)) return;
  const profile = await deps.profiles.get(deps.db, row.org_id);
  if (!profile) return;
  const data = { proName: profile.name, service: row.service, start: row.start_at.toISOString(), kind: event.data.kind };
  await deps.notify.notify({ userId: row.owner_user_id, kind: 'planning.reminder', data, link: appointmentLink('owner', row.id) });
  await deps.notify.notify({ userId: profile.user_id, kind: 'planning.reminder', data, link: appointmentLink('pro', row.id) });
}
