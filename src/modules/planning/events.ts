import { z } from 'zod';
import { defineEvents } from '../../platform/module/events.ts';

/** Events of the planning module: every appointment change, and the reminder timers' event. */
export const planningEvents = defineEvents('planning', {
  /** Published in the transaction of every state change of an appointment; the other party is notified from it. */
  'planning.appointment-changed': z.object({
    id: z.string(),
    /** `requested` for a new booking, `expire` for a request or proposal left unanswered past its deadline, else the action taken. */
    action: z.enum(['requested', 'confirm', 'decline', 'propose', 'complete', 'cancel', 'accept', 'reschedule', 'expire']),
    /** Counts the appointment's changes: the booking workflow waits for a version above the one it knows. */
    version: z.number().int().min(0),
    proId: z.string(),
    ownerUserId: z.string(),
    service: z.string(),
    status: z.string(),
    start: z.string(),
    end: z.string(),
    analysisId: z.string().nullable(),
    proposedStart: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  /** Fired at the answer deadline of a request or a proposal: still at `version`, the appointment expires. */
  'planning.answer-due': z.object({
    appointmentId: z.string(),
    version: z.number().int().min(0),
  }),
  /** Fired by the durable timers of a confirmed appointment (the day before, two hours before). */
  'planning.reminder-due': z.object({
    appointmentId: z.string(),
    kind: z.enum(['day-before', 'two-hours-before']),
  }),
});
