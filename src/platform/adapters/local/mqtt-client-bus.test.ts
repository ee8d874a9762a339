import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachAdapter } from '../../../../test/support/adapter-suites.ts';
import { mqttBrokers } from '../../../../test/support/mqtt-brokers.ts';
import { silentLogger } from '../../logger.ts';
import { connectMqttBus } from './mqtt-client-bus.ts';


describeEachAdapter('MqttBus acknowledgements (a persistent session gets again what it had not finished)', mqttBrokers, (broker) => {
  let url: string;
  let stop: () => Promise<void>;
  let root: string;
  let sessionId: string;
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    ({ url, stop } = await broker.start());
  });
  afterAll(() => stop());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    root = `novaevo-test/${randomUUID()}`;
    sessionId = `acks-${randomUUID().slice(0, 8)}`;
  });
  root = `novaevo-test/${randomUUID()}`;
  sessionId = `acks-${randomUUID().slice(0, 8)}`;

  const session = async () => {
    const bus = await connectMqttBus(url, { logger: silentLogger(), clientId: sessionId, persistentSession: true, reconnectPeriodMs: 0 });
    cleanups.push(() => bus.close());
    return bus;
  };
  const publisher = async () => {
    const client = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
    cleanups.push(() => client.endAsync(true));
    return (body: string) => client.publishAsync(`${root}/x`, body, { qos: 1 });
  };
  /** Subscribes a new connection of the session and returns what it receives, up to the marker published after it. */
  const redelivered = async (publish: (body: string) => Promise<unknown>) => {
    const bus = await session();
    const received: string[] = [];
    await bus.subscribe(`${root}/+`, (_topic, payload) => void received.push(payload.toString()));
    await publish('marker');
    await expect.poll(() => received.at(-1)).toBe('marker');
    return received.slice(0, -1);
  };
  const subscribeFirst = async (handler: (body: string) => Promise<void>) => {
    const bus = await session();
    await bus.subscribe(`${root}/+`, (_topic, payload) => handler(payload.toString()));
    return bus;
  };

  it('acknowledges a QoS 1 message only once its handler resolved: one still running when the connection ends is delivered again', async () => {
    const started: string[] = [];
    const first = await subscribeFirst((body) => {
      started.push(body);
      return body === 'slow' ? new Promise<void>(() => {}) : Promise.resolve();
    });
    const publish = await publisher();
    await publish('done');
    await expect.poll(() => started).toEqual(['done']);
    await publish('slow');
    await publish('behind');
    // Read on while the slow one waits: the client is not blocked by a pending handler.
    await expect.poll(() => started).toEqual(['done', 'slow', 'behind']);
    await first.close();
    // 'behind' was handled, but its PUBACK waits for the one before it (PUBACKs go in order).
    expect(await redelivered(publish)).toEqual(['slow', 'behind']);
  });

  it('leaves a message whose handler failed unacknowledged, without holding back the next ones', async () => {
    const started: string[] = [];
    const first = await subscribeFirst(async (body) => {
      started.push(body);
      if (body === 'fails') throw new Error('database unavailable');
    });
    const publish = await publisher();
    for (const body of ['fails', 'after-1', 'after-2']) await publish(body);
    await expect.poll(() => started).toEqual(['fails', 'after-1', 'after-2']);
    // The PUBACKs of the handled messages have left before the connection ends.
    await new Promise((r) => setTimeout(r, 100));
    await first.close();
    expect(await redelivered(publish)).toEqual(['fails']);
  });
});

describeEachAdapter('MqttBus shared subscriptions (the processes of one deployment split device messages)', mqttBrokers, (broker) => {
  const external = broker.name.startsWith('external');
  let url: string;
  let stop: () => Promise<void>;
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    ({ url, stop } = await broker.start());
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => stop());

  const bus = async (shareGroup?: string) => {
    const b = await connectMqttBus(url, { logger: silentLogger(), reconnectPeriodMs: 0, ...(shareGroup ? { shareGroup } : {}) });
    cleanups.push(() => b.close());
    return b;
  };

  it.skipIf(!external)('gives each message to one process of a group, to every ordinary subscriber, and never to another group', async () => {
    const root = `novaevo-test/${randomUUID()}`;
    const group = `g-${randomUUID().slice(0, 8)}`;
    const got = { a: [] as string[], b: [] as string[], everyone: [] as string[], otherGroup: [] as string[] };
    const [a, b, everyone, other] = await Promise.all([bus(group), bus(group), bus(group), bus(`other-${group}`)]);
    await a.subscribe(`${root}/+/obd`, (_t, p) => void got.a.push(p.toString()), { shared: true });
    await b.subscribe(`${root}/+/obd`, (_t, p) => void got.b.push(p.toString()), { shared: true });
    await everyone.subscribe(`${root}/+/obd`, (_t, p) => void got.everyone.push(p.toString()));
    await other.subscribe(`${root}/+/obd`, (_t, p) => void got.otherGroup.push(p.toString()), { shared: true });
    const sent = Array.from({ length: 40 }, (_, i) => `m${i}`);
    const publisher = await bus();
    for (const body of sent) await publisher.publish(`${root}/device-${body}/obd`, body, { qos: 1 });
    await expect.poll(() => got.a.length + got.b.length, { timeout: 5000 }).toBe(sent.length);
    await expect.poll(() => got.everyone.length).toBe(sent.length);
    await expect.poll(() => got.otherGroup.length).toBe(sent.length);
    expect([...got.a, ...got.b].sort()).toEqual([...sent].sort());
    // Mosquitto hands a group's messages round robin: both processes take a share.
    expect(got.a.length).toBeGreaterThan(0);
    expect(got.b.length).toBeGreaterThan(0);
  });

  it('subscribes as usual when the bus has no group (the embedded broker, with one subscribing process)', async () => {
    const root = `novaevo-test/${randomUUID()}`;
    const [a, b] = await Promise.all([bus(), bus()]);
    const got: string[] = [];
    await a.subscribe(`${root}/x`, (_t, p) => void got.push(`a:${p}`), { shared: true });
    await b.subscribe(`${root}/x`, (_t, p) => void got.push(`b:${p}`), { shared: true });
    await a.publish(`${root}/x`, 'hello', { qos: 1 });
    await expect.poll(() => got.sort()).toEqual(['a:hello', 'b:hello']);
  });

  it('refuses a share group name that is not one topic level', async () => {
    await expect(connectMqttBus(url, { logger: silentLogger(), shareGroup: 'a/b' })).rejects.toThrow(/share group/);
    await expect(connectMqttBus(url, { logger: silentLogger(), shareGroup: '+' })).rejects.toThrow(/share group/);
  });
});
