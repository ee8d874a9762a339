import { conflict } from '../../../platform/errors.ts';
import type { BookingStatus } from '../availability/availability.ts';

/** What the professional or the owner may do to an appointment. */
export const APPOINTMENT_ACTIONS = ['confirm', 'decline', 'propose', 'complete', 'cancel', 'accept', 'reschedule'] as const;
export type AppointmentAction = (typeof APPOINTMENT_ACTIONS)[number];

/** Who acts, from which states, and the state it leads to (`reschedule` keeps the state). */
const RULES: Readonly<Record<AppointmentAction, { by: 'pro' | 'owner'; from: readonly BookingStatus[]; to: BookingStatus | 'same' }>> = {
  confirm: { by: 'pro', from: ['requested'], to: 'confirmed' },
  decline: { by: 'pro', from: ['requested', 'confirmed', 'proposed'], to: 'declined' },
  propose: { by: 'pro', from: ['requested', 'confirmed'], to: 'proposed' },
  complete: { by: 'pro', from: ['confirmed'], to: 'completed' },
  cancel: { by: 'owner', from: ['held', 'requested', 'confirmed', 'proposed'], to: 'cancelled' },
  accept: { by: 'owner', from: ['proposed'], to: 'confirmed' },
  reschedule: { by: 'owner', from: ['requested', 'confirmed'], to: 'same' },
};

/** Which side may take `action`. */
export function actorOf(action: AppointmentAction): 'pro' | 'owner' {
  return RULES[action].by;
}

/**
 * The state `action` leads to from `status`, or 409 `APPOINTMENT_STATE` when it is not allowed
 * from there (confirming a cancelled booking, completing a requested one…).
 */
export function nextStatus(status: BookingStatus, action: AppointmentAction) {
  const rule = RULES[action];
  if (!rule.from.includes(status)) {
    return { ok: false as const, error: conflict('APPOINTMENT_STATE', `An appointment that is ${status} cannot be asked to ${action}.`, { status, action }) };
  }
  return { ok: true as const, value: rule.to === 'same' ? status : rule.to };
}

/** States whose appointment holds reminders: only a confirmed one. */
export const hasReminders = (status: BookingStatus) => status === 'confirmed';

/** States the booking workflow waits in with a deadline: an answer is due (the professional's to a request, the owner's to a proposal). */
export const awaitsAnswer = (status: BookingStatus) => status === 'requested' || status === 'proposed';
