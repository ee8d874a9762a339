import { PutEventsCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynaliteTable, startDynaliteTable } from '../../../../test/support/aws-emulators.ts';
import { ManualClock } from '../../clock.ts';
import { openAwsPlatformPorts } from './open-aws-platform-ports.ts';

const env = {
  AWS_REGION: 'eu-west-3',
  TABLE_NAME: 'novaevo-test',
  DOCUMENTS_BUCKET: 'novaevo-documents',
  FIRMWARE_BUCKET: 'novaevo-firmware',
  EVENT_BUS_NAME: 'novaevo-bus',
  SCHEDULER_GROUP: 'novaevo-timers',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/novaevo-scheduler',
  SCHEDULER_TARGET_ARN: 'arn:aws:events:eu-west-3:111122223333:event-bus/novaevo-bus',
  OWNER_TOPIC_ARN: 'arn:aws:sns:eu-west-3:111122223333:novaevo-owners',
  PRO_TOPIC_ARN: 'arn:aws:sns:eu-west-3:111122223333:novaevo-pros',
  STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:eu-west-3:111122223333:stateMachine:novaevo-',
  IOT_ENDPOINT: 'a1b2c3d4e5f6g7-ats.iot.eu-west-3.amazonaws.com',
};

describe('openAwsPlatformPorts', () => {
  let dynamo: DynaliteTable;
  beforeAll(async () => {
    dynamo = await startDynaliteTable(env.TABLE_NAME);
  });
  afterAll(() => dynamo.dispose());

  it('names every missing or malformed variable in one error', () => {
    const { TABLE_NAME: _, ...withoutTable } = env;
    expect(() => openAwsPlatformPorts(withoutTable)).toThrow(/TABLE_NAME is required/);
    expect(() => openAwsPlatformPorts({ ...env, OWNER_TOPIC_ARN: 'novaevo-owners', AWS_REGION: 'Paris' })).toThrow(
      /AWS_REGION must be a region code.*OWNER_TOPIC_ARN must be an ARN of sns/,
    );
    expect(() => openAwsPlatformPorts({})).toThrow(/AWS_REGION is required; TABLE_NAME is required; DOCUMENTS_BUCKET is required/);
  });

  it('opens the adapters on the given clients, each once', async () => {
    const clock = new ManualClock('2026-06-01T09:00:00Z');
    const eventBridge = new EventBridgeClient({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const mock = mockClient(eventBridge);
    mock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
    const ports = openAwsPlatformPorts(env, { clock, clients: { dynamo: dynamo.client, eventBridge } });
    expect(ports.events).toBe(ports.events);
    expect(ports.documents).not.toBe(ports.firmware);
    const links = ports.keyValueTable('affiliation');
    await links.put({ pk: 'LINK#abc', sk: 'META', data: { url: 'https://example.com' } });
    expect(await ports.keyValueTable('affiliation').get('LINK#abc', 'META')).toMatchObject({ version: 1 });
    expect(await ports.idempotency.claim({ scope: 's', key: 'k', hash: 'h', now: clock.now(), lockMs: 1000, ttlMs: 60_000 })).toEqual({ kind: 'claimed' });
    await ports.events.publish({ type: 'affiliation.link-created', source: 'affiliation', data: {} });
    expect(mock.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]).toMatchObject({ EventBusName: 'novaevo-bus' });
    mock.restore();
  });
});
