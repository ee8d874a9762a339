import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../logger.ts';
import { MqttAccessPolicy, type MqttDeviceAuthRegistration } from '../../mqtt/access-policy.ts';
import type { MqttBus } from '../../ports/mqtt.ts';
import { isPortFree, limitPacketSizes, startEmbeddedBroker, type EmbeddedBroker } from './aedes-broker.ts';
import { connectMqttBus } from './mqtt-client-bus.ts';

const logger = silentLogger();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function broker(options: Partial<Parameters<typeof startEmbeddedBroker>[0]> = {}): Promise<EmbeddedBroker> {
  const started = await startEmbeddedBroker({ port: 0, logger, ...options });
  cleanups.push(() => started.close());
  return started;
}

async function bus(url: string, options: Parameters<typeof connectMqttBus>[1] = {}): Promise<MqttBus> {
  const connected = await connectMqttBus(url, { logger, ...options });
  cleanups.push(() => connected.close());
  return connected;
}

/** Occupies a port the way a running Mosquitto would. */
async function occupyPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

describe('embedded aedes broker', () => {
  it('picks a free port when asked for port 0 and reports it in its URL', async () => {
    const started = await broker();
    expect(started.port).toBeGreaterThan(0);
    expect(started.url).toBe(`mqtt://127.0.0.1:${started.port}`);
    expect(await isPortFree(started.port)).toBe(false);
  });

  it('tells a taken port from a free one', async () => {
    const taken = await occupyPort();
    expect(await isPortFree(taken)).toBe(false);
    const started = await broker();
    await started.close();
    expect(await isPortFree(started.port)).toBe(true);
  });

  it('fails on a taken port unless told to fall back to a free one', async () => {
    const taken = await occupyPort();
    await expect(startEmbeddedBroker({ port: taken, logger })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const fallback = await broker({ port: taken, fallbackToFreePort: true });
    expect(fallback.port).not.toBe(taken);
    const client = await bus(fallback.url);
    await client.publish('ping', 'works');
  });

  it('reconnects a bus after the broker restarts and restores its subscriptions', async () => {
    const first = await startEmbeddedBroker({ port: 0, logger });
    const subscriber = await bus(first.url, { reconnectPeriodMs: 20 });
    const received: string[] = [];
    await subscriber.subscribe('restart/+', (_topic, payload) => void received.push(payload.toString()));
    await first.close();

    const second = await broker({ port: first.port });
    const publisher = await bus(second.url);
    // The subscriber comes back on its own schedule: publish until its restored subscription delivers.
    for (let attempt = 0; received.length === 0; attempt++) {
      await publisher.publish('restart/probe', `probe-${attempt}`);
      await sleep(20);
    }
    expect(received[0]).toMatch(/^probe-\d+$/);
  });
});

/** Raw mqtt.js connection (for CONNACK codes and watching the broker close it). */
async function device(url: string, options: mqtt.IClientOptions = {}): Promise<mqtt.MqttClient> {
  const connected = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, ...options });
  cleanups.push(() => connected.endAsync(true));
  return connected;
}

/** The CONNACK return code a connection attempt gets (0 when admitted). */
async function connackCode(url: string, options: mqtt.IClientOptions = {}): Promise<number> {
  try {
    await device(url, options);
    return 0;
  } catch (error) {
    return (error as { code: number }).code;
  }
}

const closed = (client: mqtt.MqttClient) => new Promise<void>((resolve) => (client.connected ? client.once('close', () => resolve()) : resolve()));

/** Messages a subscription receives, in order, as `topic=payload`. */
function inbox() {
  const seen: string[] = [];
  return { seen, handler: (topic: string, payload: Buffer) => void seen.push(`${topic}=${payload.toString()}`) };
}

const SECRETS = new Map([
  ['dev-1', 'secret-1'],
  ['dev-2', 'secret-2'],
]);
const obdTopic = (id: string) => `novaevo/v1/devices/${id}/obd`;
const cmdTopic = (id: string) => `novaevo/v1/devices/${id}/cmd`;

/** A test OBD module: devices are `dev-N` / `secret-N`, confined to their own obd (publish) and cmd (subscribe) topics. */
function registerObd(policy: MqttAccessPolicy, revoked = new Set<string>()): MqttDeviceAuthRegistration<{ deviceId: string }> {
  return policy.register<{ deviceId: string }>('obd', {
    async authenticate({ username, password }) {
      const known = username !== undefined && !revoked.has(username) && SECRETS.get(username) === password?.toString();
      return known ? { accepted: true, identity: { deviceId: username } } : { accepted: false };
    },
    authorizePublish: ({ deviceId }, topic) => topic === obdTopic(deviceId),
    authorizeSubscribe: ({ deviceId }, filter) => filter === cmdTopic(deviceId),
  });
}

const asDevice = (id: string) => ({ username: id, password: SECRETS.get(id)! });

describe('embedded aedes broker with an access policy', () => {
  it('admits anonymous clients while no module declared device auth, and reports the policy as open', async () => {
    const started = await broker();
    expect(started.policy.describe()).toEqual({ mode: 'open', modules: [] });
    expect(await connackCode(started.url)).toBe(0);
    expect(await connackCode(started.url, { username: 'anyone', password: 'anything' })).toBe(0);
  });

  it('refuses anonymous clients with CONNACK 5 and unknown credentials with 4 once a module declared device auth', async () => {
    const started = await broker();
    registerObd(started.policy);
    expect(started.policy.describe()).toEqual({ mode: 'device-auth', modules: ['obd'] });
    expect(await connackCode(started.url)).toBe(5);
    expect(await connackCode(started.url, { username: 'dev-1', password: 'wrong' })).toBe(4);
    expect(await connackCode(started.url, { username: 'stranger', password: 'secret-1' })).toBe(4);
    expect(await connackCode(started.url, asDevice('dev-1'))).toBe(0);
  });

  it('disconnects the clients it admitted while open as soon as a module declares device auth', async () => {
    const policy = new MqttAccessPolicy();
    const started = await broker({ policy });
    const early = await device(started.url);
    const platform = await bus(started.url, { ...policy.internalCredentials(), reconnectPeriodMs: 0 });
    registerObd(policy);
    await closed(early);
    await platform.publish('still/connected', 'yes');
  });

  it('lets a device publish only to its own obd topic and subscribe only to its own cmd topic', async () => {
    const policy = new MqttAccessPolicy();
    const started = await broker({ policy });
    registerObd(policy);
    const platform = await bus(started.url, policy.internalCredentials());
    const ingested = inbox();
    await platform.subscribe('novaevo/v1/devices/+/+', ingested.handler);

    const dongle = await bus(started.url, asDevice('dev-1'));
    await expect(dongle.subscribe(cmdTopic('dev-2'), () => {})).rejects.toMatchObject({ code: 'MQTT_SUBSCRIBE_DENIED' });
    await expect(dongle.subscribe('novaevo/v1/devices/+/cmd', () => {})).rejects.toMatchObject({ code: 'MQTT_SUBSCRIBE_DENIED' });
    const commands = inbox();
    await dongle.subscribe(cmdTopic('dev-1'), commands.handler);

    const spoofer = await device(started.url, { ...asDevice('dev-1'), clientId: 'dev-1-spoofer' });
    spoofer.publish(obdTopic('dev-2'), 'spoofed', { qos: 0 });
    await closed(spoofer);
    const ownCmd = await device(started.url, { ...asDevice('dev-1'), clientId: 'dev-1-cmd' });
    ownCmd.publish(cmdTopic('dev-1'), 'self-command', { qos: 0 });
    await closed(ownCmd);

    await dongle.publish(obdTopic('dev-1'), '410C1AF8', { qos: 1 });
    await platform.publish(cmdTopic('dev-1'), 'clear-dtc', { qos: 1 });
    await expect.poll(() => commands.seen).toEqual([`${cmdTopic('dev-1')}=clear-dtc`]);
    await expect.poll(() => ingested.seen).toEqual([`${obdTopic('dev-1')}=410C1AF8`, `${cmdTopic('dev-1')}=clear-dtc`]);
  });

  it("lets the platform's own client publish and subscribe anywhere once device auth is declared", async () => {
    const policy = new MqttAccessPolicy();
    const started = await broker({ policy });
    registerObd(policy);
    const platform = await bus(started.url, policy.internalCredentials());
    const everything = inbox();
    await platform.subscribe('#', everything.handler);
    await platform.publish('anywhere/at/all', 'x');
    await platform.publish(obdTopic('dev-9'), 'y');
    await expect.poll(() => everything.seen).toEqual(['anywhere/at/all=x', `${obdTopic('dev-9')}=y`]);
    expect(await connackCode(started.url, { username: policy.internalCredentials().username, password: 'guessed' })).toBe(4);
  });

  it("drops a revoked device's live connections, and only those, and refuses it afterwards", async () => {
    const policy = new MqttAccessPolicy();
    const started = await broker({ policy });
    const revoked = new Set<string>();
    const obd = registerObd(policy, revoked);
    const first = await device(started.url, { ...asDevice('dev-1'), clientId: 'dev-1-a' });
    const second = await device(started.url, { ...asDevice('dev-1'), clientId: 'dev-1-b' });
    const other = await device(started.url, asDevice('dev-2'));

    revoked.add('dev-1');
    expect(await obd.disconnect(({ deviceId }) => deviceId === 'dev-1')).toBe(2);
    await Promise.all([closed(first), closed(second)]);
    expect(other.connected).toBe(true);
    expect(await connackCode(started.url, asDevice('dev-1'))).toBe(4);

    expect(await started.disconnect((connection) => connection.username === 'dev-2')).toBe(1);
    await closed(other);
  });

  it('never writes a password to the log, refused or accepted', async () => {
    const lines: string[] = [];
    const logged = createLogger({ level: 'debug', pretty: false }, { write: (line: string) => void lines.push(line) });
    const policy = new MqttAccessPolicy({ logger: logged });
    const started = await broker({ policy, logger: logged });
    registerObd(policy);
    expect(await connackCode(started.url, { username: 'dev-1', password: 'not-the-secret' })).toBe(4);
    await bus(started.url, { ...policy.internalCredentials(), logger: logged });
    expect(lines.some((line) => line.includes('MQTT connection refused'))).toBe(true);
    for (const secret of ['not-the-secret', policy.internalCredentials().password]) expect(lines.join('\n')).not.toContain(secret);
  });

  it('refuses a payload over the cap and a retained payload over the retained cap, and exempts the platform', async () => {
    const policy = new MqttAccessPolicy();
    const started = await broker({ policy, maxPayloadBytes: 1024, maxRetainedBytes: 256 });
    const watcher = await bus(started.url);
    const seen: number[] = [];
    await watcher.subscribe('sizes/#', (_topic, payload) => void seen.push(payload.length));

    const big = await device(started.url);
    big.publish('sizes/big', Buffer.alloc(1025), { qos: 0 });
    await closed(big);
    const bigRetained = await device(started.url);
    bigRetained.publish('sizes/retained', Buffer.alloc(257), { qos: 0, retain: true });
    await closed(bigRetained);

    const fine = await device(started.url);
    await fine.publishAsync('sizes/ok', Buffer.alloc(1024), { qos: 1 });
    await fine.publishAsync('sizes/ok-retained', Buffer.alloc(256), { qos: 1, retain: true });
    const platform = await bus(started.url, policy.internalCredentials());
    await platform.publish('sizes/platform', new Uint8Array(4096));
    await expect.poll(() => seen).toEqual([1024, 256, 4096]);
  });

  it('refuses a QoS 2 publication from a device (QoS 0 and 1 only) by disconnecting it, and delivers its QoS 0 and 1 ones', async () => {
    const policy = new MqttAccessPolicy();
    registerObd(policy);
    const started = await broker({ policy });
    const platform = await bus(started.url, policy.internalCredentials());
    const got = inbox();
    await platform.subscribe('novaevo/v1/devices/+/obd', got.handler);

    const dongle = await device(started.url, asDevice('dev-1'));
    dongle.publish(obdTopic('dev-1'), 'qos2', { qos: 2 });
    await closed(dongle);
    const again = await device(started.url, asDevice('dev-1'));
    await again.publishAsync(obdTopic('dev-1'), 'qos1', { qos: 1 });
    await again.publishAsync(obdTopic('dev-1'), 'qos0', { qos: 0 });
    await expect.poll(() => got.seen).toEqual([`${obdTopic('dev-1')}=qos1`, `${obdTopic('dev-1')}=qos0`]);
  });

  it('cuts off a connection as soon as a packet header announces more than the caps allow, before its body arrives', async () => {
    const started = await broker();
    // No keep-alive: without the cut, the broker would wait for the body forever.
    const sender = await device(started.url, { keepalive: 0 });
    const ended = closed(sender);
    // A PUBLISH announcing 268,435,455 bytes (the MQTT maximum), of which only the header is sent.
    sender.stream.write(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f]));
    await ended;
  });

  it('passes packets whose length takes one, two or three header bytes', async () => {
    const started = await broker();
    const watcher = await bus(started.url);
    const seen: number[] = [];
    await watcher.subscribe('lengths/#', (_topic, payload) => void seen.push(payload.length));
    const sender = await device(started.url);
    for (const size of [10, 200, 20_000, 60_000]) await sender.publishAsync('lengths/x', Buffer.alloc(size), { qos: 1 });
    await expect.poll(() => seen).toEqual([10, 200, 20_000, 60_000]);
  });
});

/** The MQTT remaining-length encoding (1 to 4 bytes, 7 bits each, least significant first). */
function encodeLength(length: number): number[] {
  const bytes: number[] = [];
  let rest = length;
  do {
    const byte = rest % 128;
    rest = Math.floor(rest / 128);
    bytes.push(rest > 0 ? byte | 0x80 : byte);
  } while (rest > 0);
  return bytes;
}

describe('packet size limit', () => {
  const LIMIT = 1000;
  const packet = fc.record({ type: fc.integer({ min: 0x10, max: 0xff }), length: fc.integer({ min: 0, max: 1200 }) });
  // Beyond the packets above: a last one whose header announces up to the MQTT maximum.
  const huge = fc.option(fc.integer({ min: LIMIT + 1, max: 268_435_455 }), { nil: undefined });

  it('cuts a stream, however it is split into reads, exactly at the header of its first packet over the limit', () => {
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 8 }), huge, fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1 }), (packets, last, cuts) => {
        const parts = packets.map(({ type, length }) => Buffer.concat([Buffer.from([type, ...encodeLength(length)]), Buffer.alloc(length, 0xff)]));
        if (last !== undefined) parts.push(Buffer.from([0x30, ...encodeLength(last)]));
        const stream = Buffer.concat(parts);
        const chunks: Buffer[] = [];
        for (let at = 0, i = 0; at < stream.length; i++) {
          const size = cuts[i % cuts.length]!;
          chunks.push(stream.subarray(at, at + size));
          at += size;
        }
        let destroyed = false;
        const reported: number[] = [];
        const socket = {
          read: () => chunks.shift() ?? null,
          destroy: () => {
            destroyed = true;
          },
        };
        limitPacketSizes(
          socket,
          () => LIMIT,
          (size) => void reported.push(size),
        );
        while (!destroyed && socket.read() !== null);

        const firstTooBig = [...packets.map((p) => p.length), ...(last === undefined ? [] : [last])].find((length) => length > LIMIT);
        expect(destroyed).toBe(firstTooBig !== undefined);
        expect(reported).toEqual(firstTooBig === undefined ? [] : [firstTooBig]);
      }),
    );
  });
});
