import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachAdapter } from '../../../../test/support/adapter-suites.ts';
import { silentLogger } from '../../logger.ts';
import { startEmbeddedBroker } from './aedes-broker.ts';
import { connectMqttBus } from './mqtt-client-bus.ts';

const mosquittoUrl = process.env.TEST_MQTT_URL;
const brokers = [
  {
    name: 'embedded aedes',
    async start() {
      const broker = await startEmbeddedBroker({ port: 0, logger: silentLogger() });
      return { url: broker.url, stop: () => broker.close() };
    },
  },
  {
    name: 'external broker (TEST_MQTT_URL)',
    available: Boolean(mosquittoUrl),
    skipReason: 'TEST_MQTT_URL is not set',
    start: async () => ({ url: mosquittoUrl!, stop: async () => {} }),
  },
];

describeEachAdapter('MqttBus acknowledgements (a persistent session gets again what it had not finished)', brokers, (broker) => {
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
