import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, ResourceNotFoundException, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openMigratedPglite } from '../../../../test/support/databases.ts';
import { ManualClock } from '../../clock.ts';
import { fromEventBridgeEvent } from './eventbridge-envelope.ts';
import { atExpression, EventBridgeSchedulerAdapter } from './eventbridge-scheduler-adapter.ts';

const scheduler = mockClient(SchedulerClient);
const client = new SchedulerClient({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const clock = new ManualClock('2026-06-01T09:00:00Z');
const settings = {
  client,
  groupName: 'novaevo-timers',
  roleArn: 'arn:aws:iam::111122223333:role/novaevo-scheduler',
  targetArn: 'arn:aws:events:eu-west-3:111122223333:event-bus/novaevo-bus',
  deadLetterArn: 'arn:aws:sqs:eu-west-3:111122223333:novaevo-timers-dlq',
  clock,
};
const arn = 'arn:aws:scheduler:eu-west-3:111122223333:schedule/novaevo-timers/x';
const notFoundError = () => new ResourceNotFoundException({ Message: 'Schedule x does not exist.', message: 'Schedule x does not exist.', $metadata: { httpStatusCode: 404 } });
afterEach(() => scheduler.reset());

describe('EventBridgeSchedulerAdapter', () => {
  it('creates a one-time schedule that puts the event on the bus and deletes itself', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: arn });
    const timers = new EventBridgeSchedulerAdapter(settings);
    const at = new Date('2026-06-02T08:30:00.250Z');
    const timer = await timers.schedule({ type: 'booking.reminder-due', data: { bookingId: 'b-1' }, at });
    expect(timer).toEqual({ id: expect.any(String), type: 'booking.reminder-due', data: { bookingId: 'b-1' }, at, key: null, status: 'scheduled', firedAt: null, eventId: null });
    const input = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    expect(input).toEqual({
      Name: timer.id,
      GroupName: 'novaevo-timers',
      ClientToken: timer.id,
      ScheduleExpression: 'at(2026-06-02T08:30:01)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: settings.targetArn,
        RoleArn: settings.roleArn,
        EventBridgeParameters: { DetailType: 'booking.reminder-due', Source: 'scheduler' },
        Input: expect.any(String),
        RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
        DeadLetterConfig: { Arn: settings.deadLetterArn },
      },
    });
    // The event the bus then delivers (Input becomes its detail) reads back as the port's event.
    const delivered = { version: '0', id: 'e', 'detail-type': 'booking.reminder-due', source: 'scheduler', account: '1', time: '2026-06-02T08:30:01Z', region: 'eu-west-3', resources: [arn], detail: JSON.parse(input.Target!.Input!) };
    expect(fromEventBridgeEvent(delivered)).toEqual({ id: expect.any(String), type: 'booking.reminder-due', source: 'scheduler', subject: timer.id, data: { bookingId: 'b-1' }, occurredAt: at });
  });

  it('names a keyed timer after its key and returns the existing one when scheduled again', async () => {
    const timers = new EventBridgeSchedulerAdapter(settings);
    scheduler.on(CreateScheduleCommand).resolvesOnce({ ScheduleArn: arn });
    const first = await timers.schedule({ type: 'flash.job-deadline', data: { jobId: 'j' }, at: new Date('2026-06-01T10:00:00Z'), key: 'flash:j:1' });
    expect(first.id).toMatch(/^k-[0-9a-f]{60}$/);
    const created = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    scheduler.on(CreateScheduleCommand).rejects(new ConflictException({ Message: 'Schedule already exists.', message: 'Schedule already exists.', $metadata: { httpStatusCode: 409 } }));
    // GetSchedule answers the definition as created (API reference: GetSchedule response).
    scheduler.on(GetScheduleCommand).resolves({ ...created, Arn: arn, CreationDate: new Date(), LastModificationDate: new Date() });
    const again = await timers.schedule({ type: 'flash.job-deadline', data: { jobId: 'other' }, at: new Date('2026-06-05T10:00:00Z'), key: 'flash:j:1' });
    expect(again).toEqual(first);
  });

  it('moves a timer with the whole definition, and answers 404 once its schedule is gone', async () => {
    const timers = new EventBridgeSchedulerAdapter(settings);
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: arn });
    const timer = await timers.schedule({ type: 'a.b', data: 1, at: new Date('2026-06-01T12:00:00Z') });
    scheduler.on(GetScheduleCommand).resolves({ ...scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input, Arn: arn });
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: arn });
    const moved = await timers.reschedule(timer.id, new Date('2026-06-01T13:00:00Z'));
    expect(moved).toMatchObject({ id: timer.id, at: new Date('2026-06-01T13:00:00Z') });
    const update = scheduler.commandCalls(UpdateScheduleCommand)[0]!.args[0].input;
    expect(update).toMatchObject({ Name: timer.id, GroupName: 'novaevo-timers', ScheduleExpression: 'at(2026-06-01T13:00:00)', ActionAfterCompletion: 'DELETE', Target: { Arn: settings.targetArn, RoleArn: settings.roleArn } });
    scheduler.on(GetScheduleCommand).rejects(notFoundError());
    await expect(timers.reschedule(timer.id, new Date())).rejects.toMatchObject({ status: 404, code: 'TIMER_NOT_FOUND' });
    expect(await timers.get(timer.id)).toBeUndefined();
  });

  it('cancels with DeleteSchedule, false when the schedule is gone', async () => {
    const timers = new EventBridgeSchedulerAdapter(settings);
    scheduler.on(DeleteScheduleCommand).resolvesOnce({}).rejects(notFoundError());
    expect(await timers.cancel('t-1')).toBe(true);
    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]!.args[0].input).toMatchObject({ Name: 't-1', GroupName: 'novaevo-timers' });
    expect(await timers.cancel('t-1')).toBe(false);
  });

  it('refuses bad timers and transactions before any request', async () => {
    const timers = new EventBridgeSchedulerAdapter(settings);
    await expect(timers.schedule({ type: 'bad type', data: {}, at: new Date() })).rejects.toMatchObject({ status: 400, code: 'TIMER_INVALID' });
    await expect(timers.schedule({ type: 'a.b', data: {}, at: new Date('nope') })).rejects.toMatchObject({ status: 400, code: 'TIMER_INVALID' });
    const t = await openMigratedPglite([]);
    try {
      await expect(t.db.transaction((tx) => timers.schedule({ type: 'a.b', data: {}, at: new Date() }, tx))).rejects.toMatchObject({ status: 501, code: 'SCHEDULER_TRANSACTION_UNSUPPORTED' });
    } finally {
      await t.dispose();
    }
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
  });

  it('schedules a timer already due for the next whole second', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: arn });
    await new EventBridgeSchedulerAdapter(settings).schedule({ type: 'a.b', data: {}, at: new Date('2020-01-01T00:00:00Z') });
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input.ScheduleExpression).toBe('at(2026-06-01T09:00:00)');
  });

  it('writes at() expressions that never fire before the instant, and by less than a second', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:58Z'), noInvalidDate: true }), (at) => {
        const match = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(atExpression(at));
        expect(match).not.toBeNull();
        const fires = Date.parse(`${match![1]}Z`);
        expect(fires).toBeGreaterThanOrEqual(at.getTime());
        expect(fires - at.getTime()).toBeLessThan(1000);
      }),
    );
  });
});
