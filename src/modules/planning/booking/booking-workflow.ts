import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import type { TypedEvent } from '../../../platform/module/events.ts';
import { TaskFailure, type JsonValue, type TaskFunction } from '../../../platform/ports/workflows.ts';
import { answerDeadline } from '../deadlines/answer-deadline.ts';
import type { planningEvents } from '../events.ts';
import type { AppointmentRow, ReminderTimerRef } from '../store/appointment-store.ts';
import type { PlanningDeps } from './planning-deps.ts';
import { cancelReminders, remindersInStep, scheduleReminders } from './reminder-timers.ts';
import { awaitsAnswer, hasReminders } from './transitions.ts';

/** The workflow every booking request runs (`planning-booking.asl.json`), one execution per appointment. */
export const BOOKING_WORKFLOW = 'planning-booking';

const executionIdOf = (appointmentId: string) => `planning-${appointmentId}`;

type Change = TypedEvent<z.output<(typeof planningEvents)['planning.appointment-changed']>>;

/** Where the workflow stands: the appointment's version and status, which its Choice state reads. */
const Position = z.object({ appointmentId: z.string(), version: z.number().int().min(0) });
const AwaitInput = Position.extend({ token: z.string() });

const positionOf = (row: Pick<AppointmentRow, 'id' | 'version' | 'status'>): JsonValue => ({ appointmentId: row.id, version: row.version, status: row.status });

/**
 * The task functions of the booking workflow. Both are idempotent (a replay runs them again):
 *
 * - `planning-sync-reminders` makes the appointment's reminder timers match its state: the
 *   T-24h/T-2h timers of its current time when it is confirmed (keys carry the time's sequence,
 *   so scheduling again returns the same timers), none otherwise; dropped timers are cancelled.
 * - `planning-await-change` (`.waitForTaskToken`) keeps the token on the appointment, for the
 *   next change to answer; while an answer is due it sets the deadline timer of this version.
 */
export function bookingWorkflowTasks(deps: PlanningDeps): Record<string, TaskFunction> {
  return {
    'planning-sync-reminders': async (input) => {
      const { appointmentId } = Position.parse(input);
      const dropped: ReminderTimerRef[] = [];
      const row = await deps.db.transaction(async (tx) => {
        const row = await deps.appointments.get(tx, appointmentId, { kind: 'all' }, true);
        if (!row) throw new TaskFailure('PlanningAppointmentMissing', `no appointment ${appointmentId}`);
        const confirmed = hasReminders(row.status);
        if (confirmed && remindersInStep(row)) return row;
        const profile = await deps.profiles.get(tx, row.org_id);
        const refs = confirmed && profile ? await scheduleReminders(deps, tx, row, profile.timezone) : [];
        dropped.push(...row.reminder_timers.filter((t) => !refs.some((r) => r.id === t.id)));
        await deps.appointments.setReminders(tx, row.id, refs);
        return row;
      });
      await cancelReminders(deps, dropped);
      return positionOf(row);
    },
    'planning-await-change': async (input, task) => {
      if (!task.taskToken) throw new TaskFailure('States.Runtime', 'planning-await-change runs as a .waitForTaskToken task');
      const { appointmentId, version } = AwaitInput.parse(input);
      const row = await deps.appointments.setWorkflowToken(deps.db, appointmentId, task.taskToken, version);
      if (!row) throw new TaskFailure('PlanningAppointmentMissing', `no appointment ${appointmentId}`);
      if (row.version > version) {
        await answer(deps, task.taskToken, positionOf(row));
        return null;
      }
      if (!awaitsAnswer(row.status)) return null;
      // From the change that made the answer due (stable across replays), before the slot it concerns.
      const slot = Math.min(row.start_at.getTime(), row.proposed_start?.getTime() ?? Number.POSITIVE_INFINITY);
      const at = new Date(answerDeadline(row.updated_at.getTime(), slot, deps.answerWindow));
      await deps.scheduler.schedule({ type: 'planning.answer-due', data: { appointmentId, version }, at, key: `planning:${appointmentId}:${version}:answer-due` });
      return null;
    },
  };
}

/**
 * Follows every appointment change (the outbox event, so at least once): a new request starts
 * its workflow (idempotent on the execution id); any other change answers the token the workflow
 * waits on, when the appointment moved past the version it knows.
 */
export async function followChange(deps: PlanningDeps, event: Change): Promise<void> {
  const change = event.data;
  if (change.action === 'requested') {
    await deps.workflows.start(BOOKING_WORKFLOW, { appointmentId: change.id, version: change.version, status: 'requested' }, { executionId: executionIdOf(change.id) });
    return;
  }
  const waiting = await deps.appointments.workflowToken(deps.db, change.id);
  if (!waiting?.token || waiting.waitsBeyond === null || waiting.version <= waiting.waitsBeyond) return;
  await answer(deps, waiting.token, { appointmentId: change.id, version: waiting.version, status: waiting.status });
}

/** Answers the workflow's token; one already answered (a duplicate delivery, a replay) is fine. */
async function answer(deps: PlanningDeps, token: string, output: JsonValue): Promise<void> {
  try {
    await deps.workflows.sendTaskSuccess(token, output);
  } catch (err) {
    if (!(err instanceof AppError && (err.code === 'TASK_TOKEN_CLOSED' || err.code === 'TASK_TOKEN_INVALID'))) throw err;
  }
}
