import assert from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './aedes-broker.ts';
import { openBrokerPersistence } from './broker-persistence.ts';

const logger = silentLogger();
let root: string;
let folders = 0;
const nextFolder = () => path.join(root, `store-${++folders}`);
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'novaevo-broker-persistence-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('durable broker persistence: the aedes-persistence specification', () => {
  // aedes' own abstract suite, written for node:test: its `t` is rebuilt here on node:assert,
  // with `t.plan(n)` checked as node:test does (exactly n assertions ran).
  const abstractPersistence = createRequire(import.meta.url)('aedes-persistence/abstract.js') as (options: object) => void;
  const nodeTestContext = () => {
    let planned: number | undefined;
    let made = 0;
    const counted = new Proxy(assert, {
      get: (target, name) => {
        const member = Reflect.get(target, name) as unknown;
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          made++;
          return (member as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
    const plan = (count: number) => {
      planned = count;
    };
    const t = { assert: counted, diagnostic: () => {}, plan };
    return { t, checkPlan: () => planned === undefined || expect(made).toBe(planned) };
  };
  abstractPersistence({
    test: (name: string, body: (t: object) => Promise<void>) =>
      it(name, async () => {
        const { t, checkPlan } = nodeTestContext();
        await body(t);
        checkPlan();
      }),
    persistence: () => openBrokerPersistence(nextFolder()),
    testAsync: true,
  });
});

describe('durable broker persistence across reopening', () => {
  const packet = (topic: string, payload: string, qos: 0 | 1 | 2 = 1) => ({
    cmd: 'publish',
    topic,
    payload: Buffer.from(payload),
    qos,
    retain: false,
    dup: false,
    brokerId: 'b1',
    brokerCounter: 1,
  });
  const readAll = async (stream: NodeJS.ReadableStream) => {
    const items: unknown[] = [];
    for await (const item of stream) items.push(item);
    return items;
  };

  it('restores subscriptions, queued messages, PUBRELs, QoS 2 messages awaiting release and retained messages', async () => {
    const folder = nextFolder();
    const client = { id: 'dongle-1' };
    const first = await openBrokerPersistence(folder);
    await first.setup({ id: 'b1' });
    await first.addSubscriptions(client, [
      { topic: 'cmd/1', qos: 1 },
      { topic: 'cmd/all', qos: 0 },
    ]);
    await first.outgoingEnqueueCombi([{ clientId: 'dongle-1' }], { ...packet('cmd/1', 'first'), brokerCounter: 1 });
    await first.outgoingEnqueueCombi([{ clientId: 'dongle-1' }], { ...packet('cmd/1', 'second', 2), brokerCounter: 2 });
    await first.outgoingUpdate(client, { ...packet('cmd/1', 'second', 2), brokerCounter: 2, messageId: 7 });
    await first.outgoingUpdate(client, { cmd: 'pubrel', messageId: 7 } as never);
    await first.incomingStorePacket(client, { ...packet('obd/1', 'qos2', 2), messageId: 9 });
    await first.storeRetained({ ...packet('status/1', 'online'), retain: true });
    await first.destroy();

    const second = await openBrokerPersistence(folder);
    cleanups.push(() => second.destroy());
    await second.setup({ id: 'b2' });
    expect(await second.subscriptionsByClient(client)).toEqual([
      expect.objectContaining({ topic: 'cmd/1', qos: 1 }),
      expect.objectContaining({ topic: 'cmd/all', qos: 0 }),
    ]);
    expect(await second.subscriptionsByTopic('cmd/1')).toEqual([expect.objectContaining({ clientId: 'dongle-1', qos: 1 })]);
    const queue = (await readAll(second.outgoingStream(client))) as { cmd: string; payload?: Buffer; messageId?: number }[];
    expect(queue.map((p) => [p.cmd, p.payload?.toString(), p.messageId])).toEqual([
      ['publish', 'first', undefined],
      ['pubrel', undefined, 7],
    ]);
    expect((await second.incomingGetPacket(client, { ...packet('obd/1', '', 2), messageId: 9 })).payload.toString()).toBe('qos2');
    const retained = (await readAll(second.createRetainedStream('status/#'))) as { payload: Buffer }[];
    expect(retained.map((p) => p.payload.toString())).toEqual(['online']);
  });

  it('forgets on disk what was cleared, so a second reopening finds nothing', async () => {
    const folder = nextFolder();
    const client = { id: 'dongle-2' };
    const first = await openBrokerPersistence(folder);
    await first.setup({ id: 'b1' });
    await first.addSubscriptions(client, [{ topic: 'cmd/2', qos: 1 }]);
    await first.outgoingEnqueueCombi([{ clientId: 'dongle-2' }], packet('cmd/2', 'x'));
    await first.outgoingUpdate(client, { ...packet('cmd/2', 'x'), messageId: 3 });
    await first.outgoingClearMessageId(client, { ...packet('cmd/2', 'x'), messageId: 3 });
    await first.incomingStorePacket(client, { ...packet('obd/2', 'y', 2), messageId: 4 });
    await first.cleanIncoming(client);
    await first.cleanSubscriptions(client);
    await first.storeRetained({ ...packet('status/2', 'online'), retain: true });
    await first.storeRetained({ ...packet('status/2', ''), retain: true });
    await first.destroy();

    const second = await openBrokerPersistence(folder);
    cleanups.push(() => second.destroy());
    await second.setup({ id: 'b2' });
    expect(await second.subscriptionsByClient(client)).toEqual([]);
    expect(await readAll(second.outgoingStream(client))).toEqual([]);
    await expect(second.incomingGetPacket(client, { ...packet('obd/2', '', 2), messageId: 4 })).rejects.toThrow(/no such packet/);
    expect(await readAll(second.createRetainedStream('#'))).toEqual([]);
  });
});

async function brokerOn(dataFolder: string, port = 0): Promise<EmbeddedBroker> {
  const broker = await startEmbeddedBroker({ port, logger, dataFolder });
  cleanups.push(() => broker.close());
  return broker;
}

async function client(url: string, options: mqtt.IClientOptions = {}): Promise<mqtt.MqttClient> {
  const connected = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, ...options });
  cleanups.push(() => connected.endAsync(true));
  return connected;
}

/** Connects a persistent session and collects what it receives, including what was queued for it. */
function persistentSession(url: string, clientId: string) {
  const received: string[] = [];
  const connection = mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 0, clientId, clean: false });
  cleanups.push(() => connection.endAsync(true));
  connection.on('message', (_topic, payload) => void received.push(payload.toString()));
  const connack = new Promise<mqtt.IConnackPacket>((resolve, reject) => {
    connection.once('connect', resolve);
    connection.once('error', reject);
  });
  return { connection, received, connack };
}

describe('embedded broker on a data folder', () => {
  it('delivers every QoS 1 message queued for an offline persistent session after the broker restarts on the same folder', async () => {
    const folder = nextFolder();
    const first = await brokerOn(folder);
    const ingest = persistentSession(first.url, 'platform-ingest');
    await ingest.connack;
    await ingest.connection.subscribeAsync('novaevo/v1/devices/+/obd', { qos: 1 });
    await ingest.connection.endAsync();

    const dongle = await client(first.url);
    const sent = Array.from({ length: 25 }, (_, i) => `reading-${i}`);
    for (const body of sent) await dongle.publishAsync('novaevo/v1/devices/d1/obd', body, { qos: 1 });
    await dongle.endAsync();
    await first.close();

    const second = await brokerOn(folder);
    const back = persistentSession(second.url, 'platform-ingest');
    expect((await back.connack).sessionPresent).toBe(true);
    await expect.poll(() => back.received.length).toBe(sent.length);
    expect(back.received).toEqual(sent);
  });

  it('loses no QoS 1 message routed before the broker process was killed with SIGKILL', async () => {
    const folder = nextFolder();
    const fixture = new URL('./broker-persistence.crash-fixture.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(async () => void child.kill('SIGKILL'));
    const [firstLine] = (await once(child.stdout, 'data')) as [Buffer];
    const { url } = JSON.parse(firstLine.toString()) as { url: string };

    const ingest = persistentSession(url, 'platform-ingest');
    await ingest.connack;
    await ingest.connection.subscribeAsync('crash/+', { qos: 1 });
    await ingest.connection.endAsync();
    // aedes stores a QoS 1 message for persistent sessions before delivering it to anyone: once
    // this online observer has every message, every message is on disk.
    const observer = await client(url);
    const observed: string[] = [];
    observer.on('message', (_topic, payload) => void observed.push(payload.toString()));
    await observer.subscribeAsync('crash/+', { qos: 1 });
    const dongle = await client(url);
    const sent = Array.from({ length: 30 }, (_, i) => `reading-${i}`);
    for (const body of sent) await dongle.publishAsync('crash/d1', body, { qos: 1 });
    await expect.poll(() => observed.length).toBe(sent.length);
    child.kill('SIGKILL');
    await once(child, 'exit');

    const restarted = await brokerOn(folder);
    const back = persistentSession(restarted.url, 'platform-ingest');
    expect((await back.connack).sessionPresent).toBe(true);
    await expect.poll(() => back.received.length).toBe(sent.length);
    expect(back.received).toEqual(sent);
  });

  it('does not deliver again after a restart what the persistent session already acknowledged', async () => {
    const folder = nextFolder();
    const first = await brokerOn(folder);
    const ingest = persistentSession(first.url, 'platform-ingest');
    await ingest.connack;
    await ingest.connection.subscribeAsync('acked/#', { qos: 1 });
    const publisher = await client(first.url);
    for (const body of ['a', 'b', 'c']) await publisher.publishAsync('acked/x', body, { qos: 1 });
    await expect.poll(() => ingest.received).toEqual(['a', 'b', 'c']);
    await ingest.connection.endAsync();
    await publisher.endAsync();
    await first.close();

    const second = await brokerOn(folder);
    const back = persistentSession(second.url, 'platform-ingest');
    await back.connack;
    const marker = await client(second.url);
    await marker.publishAsync('acked/x', 'after-restart', { qos: 1 });
    await expect.poll(() => back.received).toEqual(['after-restart']);
  });

  it('keeps retained messages across a restart, and forgets one that was cleared', async () => {
    const folder = nextFolder();
    const first = await brokerOn(folder);
    const publisher = await client(first.url);
    await publisher.publishAsync('status/d1', 'online', { qos: 1, retain: true });
    await publisher.publishAsync('status/d2', 'online', { qos: 1, retain: true });
    await publisher.publishAsync('status/d2', '', { qos: 1, retain: true });
    await publisher.endAsync();
    await first.close();

    const second = await brokerOn(folder);
    const late = await client(second.url);
    const received: string[] = [];
    late.on('message', (topic, payload) => void received.push(`${topic}=${payload.toString()}`));
    await late.subscribeAsync('status/+', { qos: 1 });
    await late.subscribeAsync('marker', { qos: 1 });
    await late.publishAsync('marker', 'x', { qos: 1 });
    await expect.poll(() => received).toContain('marker=x');
    expect(received).toEqual(['status/d1=online', 'marker=x']);
  });

  it('forgets a persistent session when its client comes back with a clean session', async () => {
    const folder = nextFolder();
    const first = await brokerOn(folder);
    const session = persistentSession(first.url, 'dongle-7');
    await session.connack;
    await session.connection.subscribeAsync('cmd/7', { qos: 1 });
    await session.connection.endAsync();
    const clean = await client(first.url, { clientId: 'dongle-7', clean: true });
    await clean.endAsync();
    await first.close();

    const second = await brokerOn(folder);
    const back = persistentSession(second.url, 'dongle-7');
    expect((await back.connack).sessionPresent).toBe(false);
  });
});
