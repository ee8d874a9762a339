import { describeEachAdapter, type AdapterAvailability } from '../../../test/support/adapter-suites.ts';
import { mqttBrokers } from '../../../test/support/mqtt-brokers.ts';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from '../adapters/local/aedes-broker.ts';
import { connectMqttBus } from '../adapters/local/mqtt-client-bus.ts';
import { silentLogger } from '../logger.ts';
import { MqttAccessPolicy } from '../mqtt/access-policy.ts';
import { embeddedDeviceDirectory } from '../mqtt/embedded-device-directory.ts';
import { MosquittoDynsecDirectory } from '../mqtt/mosquitto-dynsec-directory.ts';
import { findMosquittoDynsec, startMosquittoWithDynsec } from '../mqtt/mosquitto-test-server.ts';
import { assertValidTopicFilter, topicMatchesFilter, type DeviceCredentialsDirectory, type MqttBus, type MqttDeviceGrant } from './mqtt.ts';

const mosquittoUrl = process.env.TEST_MQTT_URL;

/** Records the messages a subscription receives and lets a test wait for the n-th one. */
function recorder() {
  const messages: { topic: string; payload: Buffer }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    messages,
    handler(topic: string, payload: Buffer) {
      messages.push({ topic, payload });
      for (const w of waiters.filter((w) => messages.length >= w.count)) w.resolve();
    },
    received(count: number): Promise<void> {
      if (messages.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

describeEachAdapter('MqttBus contract', mqttBrokers, (broker) => {
  let url: string;
  let stop: () => Promise<void>;
  const buses: MqttBus[] = [];
  // A topic root per test, so runs sharing one Mosquitto never see each other's messages.
  let root: string;
  const connect = async () => {
    const bus = await connectMqttBus(url, { logger: silentLogger() });
    buses.push(bus);
    return bus;
  };

  beforeAll(async () => {
    ({ url, stop } = await broker.start());
  });
  beforeEach(() => {
    root = `novaevo-test/${randomUUID()}`;
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });
  afterAll(() => stop());

  it('delivers a published message to a subscriber of the same topic', async () => {
    const [pub, sub] = [await connect(), await connect()];
    const got = recorder();
    await sub.subscribe(`${root}/hello`, got.handler);
    await pub.publish(`${root}/hello`, 'bonjour');
    await got.received(1);
    expect(got.messages.map((m) => [m.topic, m.payload.toString('utf8')])).toEqual([[`${root}/hello`, 'bonjour']]);
  });

  it('matches + against one level and # against every level below', async () => {
    const [pub, plusBus, hashBus] = [await connect(), await connect(), await connect()];
    const plus = recorder();
    const hash = recorder();
    await plusBus.subscribe(`${root}/vehicles/+/obd`, plus.handler);
    await hashBus.subscribe(`${root}/vehicles/#`, hash.handler);
    for (const topic of ['vehicles/v1/obd', 'vehicles/v1/gps', 'vehicles/v2/obd/extra', 'vehicles/v3/obd']) {
      await pub.publish(`${root}/${topic}`, topic, { qos: 1 });
    }
    await Promise.all([plus.received(2), hash.received(4)]);
    expect(plus.messages.map((m) => m.payload.toString())).toEqual(['vehicles/v1/obd', 'vehicles/v3/obd']);
    expect(hash.messages.map((m) => m.payload.toString())).toEqual(['vehicles/v1/obd', 'vehicles/v1/gps', 'vehicles/v2/obd/extra', 'vehicles/v3/obd']);
  });

  it('resolves a QoS 1 publish once acknowledged and delivers every message in order', async () => {
    const [pub, sub] = [await connect(), await connect()];
    const got = recorder();
    await sub.subscribe(`${root}/seq`, got.handler);
    const sent = Array.from({ length: 50 }, (_, i) => `m${i}`);
    for (const body of sent) await pub.publish(`${root}/seq`, body, { qos: 1 });
    await got.received(sent.length);
    expect(got.messages.map((m) => m.payload.toString())).toEqual(sent);
  });

  it('gives a retained message to a subscriber that arrives later, until it is cleared', async () => {
    const pub = await connect();
    await pub.publish(`${root}/status`, 'online', { qos: 1, retain: true });
    const late = await connect();
    const got = recorder();
    await late.subscribe(`${root}/status`, got.handler);
    await got.received(1);
    expect(got.messages[0]?.payload.toString()).toBe('online');

    // An empty retained payload clears it (and keeps a shared broker clean).
    await pub.publish(`${root}/status`, '', { qos: 1, retain: true });
    const later = await connect();
    const none = recorder();
    await later.subscribe(`${root}/status`, none.handler);
    await later.subscribe(`${root}/marker`, none.handler);
    await pub.publish(`${root}/marker`, 'after');
    await none.received(1);
    expect(none.messages.map((m) => m.topic)).toEqual([`${root}/marker`]);
  });

  it('stops delivering after unsubscribe, and keeps other subscriptions alive', async () => {
    const [pub, sub] = [await connect(), await connect()];
    const got = recorder();
    const stopA = await sub.subscribe(`${root}/a`, got.handler);
    await sub.subscribe(`${root}/b`, got.handler);
    await stopA();
    await stopA();
    await pub.publish(`${root}/a`, 'dropped');
    await pub.publish(`${root}/b`, 'kept');
    await got.received(1);
    expect(got.messages.map((m) => m.payload.toString())).toEqual(['kept']);
  });

  it('keeps a filter subscribed while another handler still uses it', async () => {
    const [pub, sub] = [await connect(), await connect()];
    const first = recorder();
    const second = recorder();
    const stopFirst = await sub.subscribe(`${root}/shared`, first.handler);
    await sub.subscribe(`${root}/shared`, second.handler);
    await stopFirst();
    await pub.publish(`${root}/shared`, 'x');
    await second.received(1);
    expect(first.messages).toEqual([]);
  });

  it('lets two buses hold a request/reply conversation', async () => {
    const [garage, dongle] = [await connect(), await connect()];
    await garage.subscribe(`${root}/req/+`, async (topic, payload) => {
      const id = topic.split('/').at(-1);
      await garage.publish(`${root}/res/${id}`, `ack:${payload.toString()}`);
    });
    const replies = recorder();
    await dongle.subscribe(`${root}/res/#`, replies.handler);
    await dongle.publish(`${root}/req/42`, 'clear-dtc');
    await replies.received(1);
    expect(replies.messages.map((m) => [m.topic, m.payload.toString()])).toEqual([[`${root}/res/42`, 'ack:clear-dtc']]);
  });

  it('carries binary payloads byte for byte', async () => {
    const [pub, sub] = [await connect(), await connect()];
    const got = recorder();
    await sub.subscribe(`${root}/bin`, got.handler);
    const bytes = new Uint8Array(256).map((_, i) => i);
    await pub.publish(`${root}/bin`, bytes.subarray(1), { qos: 1 });
    await pub.publish(`${root}/bin`, new Uint8Array(0), { qos: 0 });
    await got.received(2);
    expect([...got.messages[0]!.payload]).toEqual([...bytes.subarray(1)]);
    expect(got.messages[1]?.payload.length).toBe(0);
  });

  it('keeps delivering when a handler throws', async () => {
    const [pub, sub] = [await connect(), await connect()];
    const got = recorder();
    await sub.subscribe(`${root}/boom`, () => {
      throw new Error('handler bug');
    });
    await sub.subscribe(`${root}/boom`, async () => Promise.reject(new Error('async handler bug')));
    await sub.subscribe(`${root}/boom`, got.handler);
    await pub.publish(`${root}/boom`, '1');
    await pub.publish(`${root}/boom`, '2');
    await got.received(2);
    expect(got.messages.map((m) => m.payload.toString())).toEqual(['1', '2']);
  });

  it('rejects wildcard topics on publish and malformed filters on subscribe with 400 MQTT_TOPIC_INVALID', async () => {
    const bus = await connect();
    await expect(bus.publish(`${root}/+`, 'x')).rejects.toMatchObject({ status: 400, code: 'MQTT_TOPIC_INVALID' });
    await expect(bus.publish('', 'x')).rejects.toMatchObject({ code: 'MQTT_TOPIC_INVALID' });
    await expect(bus.subscribe(`${root}/#/x`, () => {})).rejects.toMatchObject({ code: 'MQTT_TOPIC_INVALID' });
    await expect(bus.subscribe(`${root}/a+`, () => {})).rejects.toMatchObject({ code: 'MQTT_TOPIC_INVALID' });
  });
});

describe('MQTT topic filters', () => {
  const level = fc.stringMatching(/^[a-z0-9$]{0,4}$/);
  const topic = fc.array(level, { minLength: 1, maxLength: 6 }).map((levels) => levels.join('/'));

  it('match a topic with itself, with any level replaced by +, and with any prefix followed by #', () => {
    fc.assert(
      fc.property(topic, fc.nat(), fc.nat(), (t, plusAt, cutAt) => {
        const levels = t.split('/');
        expect(topicMatchesFilter(t, t)).toBe(true);
        const withPlus = levels.map((l, i) => (i === plusAt % levels.length ? '+' : l));
        const dollarFirst = t.startsWith('$');
        expect(topicMatchesFilter(withPlus.join('/'), t)).toBe(!(dollarFirst && plusAt % levels.length === 0));
        const prefix = levels.slice(0, cutAt % (levels.length + 1));
        expect(topicMatchesFilter([...prefix, '#'].join('/'), t)).toBe(!(dollarFirst && prefix.length === 0));
      }),
    );
  });

  it('never match a topic with more or fewer levels than a filter without #', () => {
    fc.assert(
      fc.property(topic, level, (t, extra) => {
        expect(topicMatchesFilter(t, `${t}/${extra}`)).toBe(false);
        expect(topicMatchesFilter(`${t}/${extra}`, t)).toBe(false);
        expect(topicMatchesFilter(`${t}/+`, t)).toBe(false);
      }),
    );
  });

  it('accept every filter built from levels, + and a final #, and reject # anywhere else', () => {
    const filterLevel = fc.oneof(fc.stringMatching(/^[a-z0-9$]{1,4}$/), fc.constant('+'));
    fc.assert(
      fc.property(fc.array(filterLevel, { minLength: 1, maxLength: 5 }), fc.boolean(), (levels, hash) => {
        expect(() => assertValidTopicFilter([...levels, ...(hash ? ['#'] : [])].join('/'))).not.toThrow();
        expect(() => assertValidTopicFilter(['#', ...levels].join('/'))).toThrow();
      }),
    );
  });
});

/** A broker that admits only registered devices, each to its own topics, and the platform everywhere. */
interface DeviceAuthBrokerUnderTest extends AdapterAvailability {
  start(): Promise<{ url: string; platform: { username: string; password: string }; devices: DeviceCredentialsDirectory; stop(): Promise<void> }>;
}

const dynsec = findMosquittoDynsec();
const deviceAuthBrokers: DeviceAuthBrokerUnderTest[] = [
  {
    name: 'embedded aedes with a module registered in MqttAccessPolicy',
    async start() {
      const policy = new MqttAccessPolicy();
      const broker = await startEmbeddedBroker({ port: 0, logger: silentLogger(), policy });
      // What a module does: its hooks read its own device table (here a Map of grants).
      const grants = new Map<string, MqttDeviceGrant>();
      const registration = policy.register<MqttDeviceGrant>('devices', {
        async authenticate({ username, password }) {
          const grant = username === undefined ? undefined : grants.get(username);
          return grant && password?.toString() === grant.password ? { accepted: true, identity: grant } : { accepted: false };
        },
        authorizePublish: (grant, topic) => grant.publish.some((filter) => topicMatchesFilter(filter, topic)),
        authorizeSubscribe: (grant, filter) => grant.subscribe.includes(filter),
      });
      // On a change it writes its table, then tells the directory, as it does on Mosquitto.
      const directory = embeddedDeviceDirectory(registration, (grant) => grant.username);
      const devices: DeviceCredentialsDirectory = {
        async putDevice(grant) {
          grants.set(grant.username, grant);
          await directory.putDevice(grant);
        },
        async removeDevice(username) {
          grants.delete(username);
          await directory.removeDevice(username);
        },
      };
      return { url: broker.url, platform: policy.internalCredentials(), devices, stop: () => broker.close() };
    },
  },
  {
    name: 'Mosquitto with the dynamic security plugin (its own process)',
    available: Boolean(mosquittoUrl) && !('missing' in dynsec),
    skipReason: !mosquittoUrl ? 'TEST_MQTT_URL is not set' : 'missing' in dynsec ? dynsec.missing : '',
    async start() {
      const mosquitto = await startMosquittoWithDynsec();
      let admin: MqttBus | undefined;
      let devices: MosquittoDynsecDirectory;
      try {
        admin = await connectMqttBus(mosquitto.url, { logger: silentLogger(), ...mosquitto.admin });
        devices = await MosquittoDynsecDirectory.open(admin);
      } catch (error) {
        await admin?.close();
        await mosquitto.stop();
        throw error;
      }
      return {
        url: mosquitto.url,
        platform: mosquitto.admin,
        devices,
        async stop() {
          await devices.close();
          await admin?.close();
          await mosquitto.stop();
        },
      };
    },
  },
];

describeEachAdapter('MQTT device auth contract', deviceAuthBrokers, (broker) => {
  let started: Awaited<ReturnType<DeviceAuthBrokerUnderTest['start']>>;
  const opened: { close(): Promise<unknown> }[] = [];
  const grant = (id: string): MqttDeviceGrant => ({
    username: id,
    password: `secret-${randomUUID()}`,
    publish: [`novaevo/v1/devices/${id}/obd`],
    subscribe: [`novaevo/v1/devices/${id}/cmd`],
  });
  const bus = async (credentials: { username: string; password: string }) => {
    const connected = await connectMqttBus(started.url, { logger: silentLogger(), reconnectPeriodMs: 0, ...credentials });
    opened.push(connected);
    return connected;
  };
  const raw = async (options: mqtt.IClientOptions) => {
    const client = await mqtt.connectAsync(started.url, { protocolVersion: 4, reconnectPeriod: 0, ...options });
    opened.push({ close: () => client.endAsync(true) });
    return client;
  };
  const connackCode = (options: mqtt.IClientOptions) =>
    raw(options).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
  const closed = (client: mqtt.MqttClient) => new Promise<void>((resolve) => (client.connected ? client.once('close', () => resolve()) : resolve()));

  beforeAll(async () => {
    started = await broker.start();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
  });
  afterAll(() => started.stop());

  it('refuses an anonymous client and a device with a wrong secret, and admits a registered device', async () => {
    const device = grant(`dev-${randomUUID()}`);
    await started.devices.putDevice(device);
    expect([4, 5]).toContain(await connackCode({}));
    expect([4, 5]).toContain(await connackCode({ username: device.username, password: 'wrong' }));
    expect(await connackCode({ username: device.username, password: device.password })).toBe(0);
  });

  it('lets a device publish only to its own obd topic, which the platform receives', async () => {
    const [mine, other] = [grant(`dev-${randomUUID()}`), grant(`dev-${randomUUID()}`)];
    await started.devices.putDevice(mine);
    const platform = await bus(started.platform);
    const seen = recorder();
    await platform.subscribe('novaevo/v1/devices/#', seen.handler);

    // Mosquitto drops a refused publication and acknowledges it; aedes closes the connection.
    const spoofer = await raw({ username: mine.username, password: mine.password, clientId: `${mine.username}-spoof` });
    await Promise.race([closed(spoofer), spoofer.publishAsync(other.publish[0]!, 'spoofed', { qos: 1 })]);
    const dongle = await bus(mine);
    await dongle.publish(mine.publish[0]!, '41 0C 1A F8');
    await seen.received(1);
    expect(seen.messages.map((m) => [m.topic, m.payload.toString()])).toEqual([[mine.publish[0], '41 0C 1A F8']]);
  });

  it("lets a device subscribe only to its own cmd topic, where it receives the platform's commands", async () => {
    const [mine, other] = [grant(`dev-${randomUUID()}`), grant(`dev-${randomUUID()}`)];
    await started.devices.putDevice(mine);
    const dongle = await bus(mine);
    await expect(dongle.subscribe(other.subscribe[0]!, () => {})).rejects.toMatchObject({ code: 'MQTT_SUBSCRIBE_DENIED' });
    await expect(dongle.subscribe('novaevo/v1/devices/#', () => {})).rejects.toMatchObject({ code: 'MQTT_SUBSCRIBE_DENIED' });
    const commands = recorder();
    await dongle.subscribe(mine.subscribe[0]!, commands.handler);
    const platform = await bus(started.platform);
    await platform.publish(mine.subscribe[0]!, 'read-dtc');
    await commands.received(1);
    expect(commands.messages.map((m) => m.payload.toString())).toEqual(['read-dtc']);
  });

  it('drops the live connection of a device whose secret is replaced, and admits only the new secret', async () => {
    const device = grant(`dev-${randomUUID()}`);
    await started.devices.putDevice(device);
    const dongle = await raw({ username: device.username, password: device.password });
    const rotated = { ...device, password: `secret-${randomUUID()}` };
    await started.devices.putDevice(rotated);
    await closed(dongle);
    expect([4, 5]).toContain(await connackCode({ username: device.username, password: device.password }));
    expect(await connackCode({ username: device.username, password: rotated.password })).toBe(0);
  });

  it('drops the live connection of a removed device and refuses it afterwards', async () => {
    const device = grant(`dev-${randomUUID()}`);
    await started.devices.putDevice(device);
    const dongle = await raw({ username: device.username, password: device.password });
    await started.devices.removeDevice(device.username);
    await closed(dongle);
    expect([4, 5]).toContain(await connackCode({ username: device.username, password: device.password }));
    await started.devices.removeDevice(device.username);
  });
});
