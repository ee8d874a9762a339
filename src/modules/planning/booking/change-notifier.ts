import type { z } from 'zod';
import type { TypedEvent } from '../../../platform/module/events.ts';
import type { planningEvents } from '../events.ts';
import type { PlanningDeps } from './planning-deps.ts';
import { actorOf } from './transitions.ts';

type Change = z.output<(typeof planningEvents)['planning.appointment-changed']>;

const NOTICE: Record<Exclude<Change['action'], 'expire'>, string> = {
  requested: 'planning.requested',
  confirm: 'planning.confirmed',
  decline: 'planning.declined',
  propose: 'planning.proposed',
  complete: 'planning.completed',
  cancel: 'planning.cancelled',
  accept: 'planning.accepted',
  reschedule: 'planning.rescheduled',
};

/** Link of an appointment in the web app, for notifications. */
export const appointmentLink = (side: 'owner' | 'pro', id: string) => (side === 'owner' ? `/planning/appointments?focus=${id}` : `/pro/planning?focus=${id}`);

/**
 * Tells the other party of a change: the owner of what the professional did, the professional
 * of a new booking or of what the owner did, both of an expiry (inbox, and email per their preferences).
 */
export async function notifyOtherParty(deps: PlanningDeps, event: TypedEvent<Change>): Promise<void> {
  const change = event.data;
  const profile = await deps.profiles.get(deps.db, change.proId);
  if (!profile) return;
  const data = { proName: profile.name, service: change.service, start: change.start, proposedStart: change.proposedStart, reason: change.reason };
  if (change.action === 'expire') {
    // Nobody's action: the owner is told to pick another slot, the professional that it is free again.
    await deps.notify.notify({ userId: change.ownerUserId, kind: 'planning.expired', data, link: appointmentLink('owner', change.id) });
    await deps.notify.notify({ userId: profile.user_id, kind: 'planning.expired-pro', data, link: appointmentLink('pro', change.id) });
    return;
  }
  const toOwner = change.action !== 'requested' && actorOf(change.action) === 'pro';
  await deps.notify.notify({
    userId: toOwner ? change.ownerUserId : profile.user_id,
    kind: NOTICE[change.action],
    data,
    link: appointmentLink(toOwner ? 'owner' : 'pro', change.id),
  });
}
