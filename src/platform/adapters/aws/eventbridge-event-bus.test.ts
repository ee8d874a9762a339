import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { openMigratedPglite } from '../../../../test/support/databases.ts';
import { ManualClock } from '../../clock.ts';
import type { BusEvent } from '../../ports/event-bus.ts';
import { eventBusMigrations, OutboxEventBus } from '../local/outbox-event-bus.ts';
import { EventBridgeEventBus, MAX_ENTRY_BYTES } from './eventbridge-event-bus.ts';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const clock = new ManualClock('2026-05-04T08:15:30.123Z');
afterEach(() => eventBridge.reset());

// A PutEvents success as the API reference shows it.
const accepted = { FailedEntryCount: 0, Entries: [{ EventId: '11710aed-b79e-4468-a20b-bb3c0c3b4860' }] };

describe('EventBridgeEventBus', () => {
  it('publishes one PutEvents entry with Source, DetailType, Detail, Time and EventBusName', async () => {
    eventBridge.on(PutEventsCommand).resolves(accepted);
    const bus = new EventBridgeEventBus({ client, eventBusName: 'novaevo-bus', clock });
    const event = await bus.publish({ type: 'vehicles.registered', source: 'vehicles', subject: 'v-1', data: { vin: 'VF1RFB00X12345678' } });
    expect(event).toEqual({ id: expect.any(String), type: 'vehicles.registered', source: 'vehicles', subject: 'v-1', data: { vin: 'VF1RFB00X12345678' }, occurredAt: clock.now() });
    const [call] = eventBridge.commandCalls(PutEventsCommand);
    expect(call!.args[0].input).toEqual({
      Entries: [
        {
          EventBusName: 'novaevo-bus',
          Source: 'vehicles',
          DetailType: 'vehicles.registered',
          Detail: JSON.stringify({ id: event.id, subject: 'v-1', occurredAt: '2026-05-04T08:15:30.123Z', data: { vin: 'VF1RFB00X12345678' } }),
          Time: clock.now(),
          Resources: [],
        },
      ],
    });
  });

  it('turns a refused entry (FailedEntryCount) into a 502 the outbox retries', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'Internal Service Failure' }] });
    const bus = new EventBridgeEventBus({ client, eventBusName: 'novaevo-bus', clock });
    await expect(bus.publish({ type: 'a.b', source: 'x', data: {} })).rejects.toMatchObject({ status: 502, code: 'EVENT_PUBLISH_FAILED', details: { errorCode: 'InternalFailure' } });
  });

  it('refuses, before any request, an entry past 256 KB once wrapped, and a bad type', async () => {
    const bus = new EventBridgeEventBus({ client, eventBusName: 'novaevo-bus', clock });
    // Fits the port's own payload limit, but not EventBridge's once id, subject and names are added.
    const data = 'x'.repeat(MAX_ENTRY_BYTES - 40);
    await expect(bus.publish({ type: 'doc.uploaded', source: 'documents', data })).rejects.toMatchObject({ status: 400, code: 'EVENT_INVALID' });
    await expect(bus.publish({ type: 'bad*type', source: 'x', data: {} })).rejects.toMatchObject({ status: 400, code: 'EVENT_INVALID' });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('sends an event published in a transaction only once committed, through the SQL outbox', async () => {
    eventBridge.on(PutEventsCommand).resolves(accepted);
    const t = await openMigratedPglite(eventBusMigrations);
    try {
      const bus = new EventBridgeEventBus({ client, eventBusName: 'novaevo-bus', clock, outbox: new OutboxEventBus({ db: t.db, clock }) });
      await t.db
        .transaction(async (tx) => {
          await bus.publish({ type: 'kbis.verification-submitted', source: 'kbis', data: { n: 1 } }, tx);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      const committed = await t.db.transaction((tx) => bus.publish({ type: 'kbis.verification-submitted', source: 'kbis', data: { n: 2 } }, tx));
      expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
      expect(await bus.drain()).toBe(1);
      const calls = eventBridge.commandCalls(PutEventsCommand);
      expect(calls).toHaveLength(1);
      expect(JSON.parse(calls[0]!.args[0].input.Entries![0]!.Detail!)).toMatchObject({ id: committed.id, data: { n: 2 } });
    } finally {
      await t.dispose();
    }
  });

  it('answers 501 for a transaction without an outbox, and for dead letters (they are on SQS)', async () => {
    const t = await openMigratedPglite([]);
    try {
      const bus = new EventBridgeEventBus({ client, eventBusName: 'novaevo-bus', clock });
      await expect(t.db.transaction((tx) => bus.publish({ type: 'a.b', source: 'x', data: {} }, tx))).rejects.toMatchObject({ status: 501, code: 'EVENT_TRANSACTION_UNSUPPORTED' });
      await expect(bus.listDeadLetters()).rejects.toMatchObject({ status: 501, code: 'DEAD_LETTERS_ON_SQS' });
      await expect(bus.replayDeadLetter()).rejects.toMatchObject({ status: 501, code: 'DEAD_LETTERS_ON_SQS' });
    } finally {
      await t.dispose();
    }
  });

  it("hands an event, as a rule's Lambda target receives it, to the subscription's handler", async () => {
    const bus = new EventBridgeEventBus({ client, eventBusName: 'novaevo-bus', clock });
    const seen: BusEvent[] = [];
    await bus.subscribe('planning.on-vehicle-registered', 'vehicles.*', async (e) => {
      seen.push(e);
    });
    await expect(bus.subscribe('planning.on-vehicle-registered', '*', async () => {})).rejects.toMatchObject({ status: 409, code: 'SUBSCRIPTION_EXISTS' });
    // The documented shape of an event EventBridge delivers to a Lambda target.
    const delivered = {
      version: '0',
      id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      'detail-type': 'vehicles.registered',
      source: 'vehicles',
      account: '111122223333',
      time: '2026-05-04T08:15:30Z',
      region: 'eu-west-3',
      resources: [],
      detail: { id: '0196a1b2-0000-7000-8000-000000000001', subject: 'v-1', occurredAt: '2026-05-04T08:15:30.123Z', data: { vin: 'VF1' } },
    };
    await bus.deliver('planning.on-vehicle-registered', delivered);
    expect(seen).toEqual([
      { id: '0196a1b2-0000-7000-8000-000000000001', type: 'vehicles.registered', source: 'vehicles', subject: 'v-1', data: { vin: 'VF1' }, occurredAt: new Date('2026-05-04T08:15:30.123Z') },
    ]);
    await expect(bus.deliver('planning.on-vehicle-registered', { ...delivered, 'detail-type': 'kbis.decided' })).rejects.toMatchObject({ status: 400, code: 'EVENT_INVALID' });
    await expect(bus.deliver('planning.on-vehicle-registered', { ...delivered, detail: { foreign: true } })).rejects.toMatchObject({ status: 400, code: 'EVENT_INVALID' });
    await expect(bus.deliver('nobody', delivered)).rejects.toMatchObject({ status: 404, code: 'SUBSCRIPTION_NOT_FOUND' });
  });
});
