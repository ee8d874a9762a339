import { createHash } from 'node:crypto';
import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  GetScheduleCommand,
  type GetScheduleCommandOutput,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { JsonValue } from '../../ports/event-bus.ts';
import type { Scheduler, Timer, TimerInput } from '../../ports/scheduler.ts';
import type { SqlExecutor } from '../../ports/sql.ts';
import { checkEventInput } from '../local/event-bus/event-rules.ts';
import type { EventDetail } from './eventbridge-envelope.ts';

export interface EventBridgeSchedulerAdapterOptions {
  client: SchedulerClient;
  /** env SCHEDULER_GROUP: the schedule group every timer lives in. */
  groupName: string;
  /** env SCHEDULER_ROLE_ARN: the role Scheduler assumes to put the event. */
  roleArn: string;
  /** env SCHEDULER_TARGET_ARN: the event bus a timer's event goes to (universal PutEvents target). */
  targetArn: string;
  /** Where Scheduler sends an event it could not deliver after its retries (an SQS queue ARN). */
  deadLetterArn?: string;
  clock?: Clock;
}

/** The timer's own fields, kept in the schedule's target input beside the event envelope. */
interface TimerDetail extends EventDetail {
  timer: { at: string; key: string | null };
}

const timerDetailSchema = z.object({
  id: z.string(),
  subject: z.string(),
  occurredAt: z.string(),
  data: z.json(),
  timer: z.object({ at: z.iso.datetime(), key: z.string().nullable() }),
});

/**
 * The scheduler port on EventBridge Scheduler: each timer is a one-time schedule,
 * `at(yyyy-mm-ddThh:mm:ss)` in UTC, whose target puts the event `{type, source: 'scheduler',
 * subject: timer id, data}` on the platform's bus and which deletes itself once it has run
 * (ActionAfterCompletion DELETE). Scheduler fires at least once, to the second; the event id is
 * fixed when the timer is made, so subscribers see repeats as repeats. Because a fired schedule is
 * deleted, `get` cannot tell a fired timer from a cancelled one: both are unknown (undefined).
 */
export class EventBridgeSchedulerAdapter implements Scheduler {
  readonly #client: SchedulerClient;
  readonly #options: EventBridgeSchedulerAdapterOptions;
  readonly #clock: Clock;

  constructor(options: EventBridgeSchedulerAdapterOptions) {
    this.#client = options.client;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Creates the schedule. A timer with a `key` is named after it, so scheduling it again returns
   * the existing timer unchanged. Throws 501 `SCHEDULER_TRANSACTION_UNSUPPORTED` with `tx`:
   * a schedule cannot join a database transaction (keep such timers on the SQL scheduler).
   */
  async schedule(input: TimerInput, tx?: SqlExecutor): Promise<Timer> {
    if (tx) {
      throw new AppError(501, 'SCHEDULER_TRANSACTION_UNSUPPORTED', 'Not available on AWS: an EventBridge schedule cannot be created inside a database transaction.');
    }
    if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) throw badRequest('TIMER_INVALID', 'at must be a valid date');
    try {
      checkEventInput({ type: input.type, source: 'scheduler', data: input.data });
    } catch (err) {
      throw badRequest('TIMER_INVALID', (err as Error).message);
    }
    const key = input.key ?? null;
    const id = key === null ? newId() : `k-${createHash('sha256').update(key).digest('hex').slice(0, 60)}`;
    const detail: TimerDetail = { id: newId(), subject: id, occurredAt: input.at.toISOString(), data: input.data, timer: { at: input.at.toISOString(), key } };
    try {
      await this.#client.send(new CreateScheduleCommand({ ...this.#definition(id, input.type, detail), ClientToken: id }));
    } catch (err) {
      if (key !== null && errorName(err) === 'ConflictException') {
        const existing = await this.get(id);
        if (existing) return existing;
      }
      throw err;
    }
    return toTimer(id, input.type, detail);
  }

  /** DeleteSchedule; false when there is no such schedule (unknown, fired or cancelled). */
  async cancel(id: string): Promise<boolean> {
    try {
      await this.#client.send(new DeleteScheduleCommand({ Name: id, GroupName: this.#options.groupName, ClientToken: `cancel-${id}`.slice(0, 64) }));
      return true;
    } catch (err) {
      if (errorName(err) === 'ResourceNotFoundException') return false;
      throw err;
    }
  }

  /**
   * UpdateSchedule with the whole definition again (the API replaces it) and the new instant.
   * Throws 404 `TIMER_NOT_FOUND` for a schedule that is gone: on AWS a fired or cancelled timer
   * cannot be told from an unknown one, so 409 `TIMER_ALREADY_FIRED` / `TIMER_CANCELLED` never occur.
   */
  async reschedule(id: string, at: Date): Promise<Timer> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw badRequest('TIMER_INVALID', 'at must be a valid date');
    const schedule = await this.#read(id);
    if (!schedule) throw notFound('TIMER_NOT_FOUND', `Timer ${id} is unknown, fired or cancelled.`);
    const { type, detail } = schedule;
    const moved: TimerDetail = { ...detail, occurredAt: at.toISOString(), timer: { ...detail.timer, at: at.toISOString() } };
    await this.#client.send(new UpdateScheduleCommand({ ...this.#definition(id, type, moved), ClientToken: `move-${id}-${at.getTime()}`.slice(0, 64) }));
    return toTimer(id, type, moved);
  }

  async get(id: string): Promise<Timer | undefined> {
    const schedule = await this.#read(id);
    return schedule && toTimer(id, schedule.type, schedule.detail);
  }

  /** Scheduler fires the timers itself: nothing to poll. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async runOnce(): Promise<number> {
    return 0;
  }

  #definition(name: string, type: string, detail: TimerDetail): Omit<CreateScheduleCommandInput, 'ClientToken'> {
    return {
      Name: name,
      GroupName: this.#options.groupName,
      ScheduleExpression: atExpression(new Date(Math.max(Date.parse(detail.timer.at), this.#clock.now().getTime()))),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: this.#options.targetArn,
        RoleArn: this.#options.roleArn,
        EventBridgeParameters: { DetailType: type, Source: 'scheduler' },
        Input: JSON.stringify(detail),
        RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
        ...(this.#options.deadLetterArn ? { DeadLetterConfig: { Arn: this.#options.deadLetterArn } } : {}),
      },
    };
  }

  async #read(id: string): Promise<{ type: string; detail: TimerDetail } | undefined> {
    let schedule: GetScheduleCommandOutput;
    try {
      schedule = await this.#client.send(new GetScheduleCommand({ Name: id, GroupName: this.#options.groupName }));
    } catch (err) {
      if (errorName(err) === 'ResourceNotFoundException') return undefined;
      throw err;
    }
    const type = schedule.Target?.EventBridgeParameters?.DetailType;
    const parsed = timerDetailSchema.safeParse(JSON.parse(schedule.Target?.Input ?? 'null'));
    if (!type || !parsed.success) throw new AppError(502, 'TIMER_SCHEDULE_FOREIGN', `Schedule ${id} was not made by this platform.`);
    return { type, detail: { ...parsed.data, data: parsed.data.data as JsonValue } };
  }
}

/** `at()` takes whole seconds: rounded up, so a timer never fires before its instant. */
export function atExpression(at: Date): string {
  const seconds = Math.ceil(at.getTime() / 1000) * 1000;
  return `at(${new Date(seconds).toISOString().slice(0, 19)})`;
}

function toTimer(id: string, type: string, detail: TimerDetail): Timer {
  return { id, type, data: detail.data, at: new Date(detail.timer.at), key: detail.timer.key, status: 'scheduled', firedAt: null, eventId: null };
}

const errorName = (err: unknown) => (err as { name?: string } | null)?.name;
