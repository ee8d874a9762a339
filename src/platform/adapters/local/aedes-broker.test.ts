import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import type { MqttBus } from '../../ports/mqtt.ts';
import { isPortFree, startEmbeddedBroker, type EmbeddedBroker, type MqttClientIdentity } from './aedes-broker.ts';
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

  it('refuses a connection the authenticate hook rejects, without leaking the password', async () => {
    const started = await broker({
      authenticate: ({ username, password }) => username === 'dongle-1' && password?.toString() === 's3cret',
    });
    await bus(started.url, { username: 'dongle-1', password: 's3cret' });
    const withBadPassword = connectMqttBus(started.url.replace('mqtt://', 'mqtt://dongle-1:wrong@'), { logger });
    await expect(withBadPassword).rejects.toThrow(/MQTT connection to mqtt:\/\/dongle-1:\*\*\*@127\.0\.0\.1:\d+ failed/);
    await expect(connectMqttBus(started.url, { logger })).rejects.toThrow(/failed/);
  });

  it('answers a subscription the authorizeSubscribe hook refuses with 403 MQTT_SUBSCRIBE_DENIED', async () => {
    const started = await broker({ authorizeSubscribe: (_client, filter) => !filter.startsWith('admin/') });
    const client = await bus(started.url);
    await expect(client.subscribe('admin/#', () => {})).rejects.toMatchObject({ status: 403, code: 'MQTT_SUBSCRIBE_DENIED' });
    await expect(client.subscribe('vehicles/#', () => {})).resolves.toBeTypeOf('function');
  });

  it('drops a publication the authorizePublish hook refuses, and tells the hook who published', async () => {
    let refused: (seen: { client: MqttClientIdentity; topic: string }) => void = () => {};
    const refusal = new Promise<{ client: MqttClientIdentity; topic: string }>((resolve) => (refused = resolve));
    const started = await broker({
      authorizePublish: (client, topic) => {
        const allowed = topic.startsWith(`vehicles/${client.username}/`);
        if (!allowed) refused({ client, topic });
        return allowed;
      },
    });
    const watcher = await bus(started.url, { username: 'watcher' });
    const seen: string[] = [];
    let markerSeen: () => void = () => {};
    const marker = new Promise<void>((resolve) => (markerSeen = resolve));
    await watcher.subscribe('vehicles/#', (topic) => {
      seen.push(topic);
      if (topic === 'vehicles/watcher/marker') markerSeen();
    });

    const dongle = await bus(started.url, { clientId: 'dongle-client', username: 'dongle-1', reconnectPeriodMs: 0 });
    await dongle.publish('vehicles/someone-else/obd', 'spoofed', { qos: 0 });
    expect(await refusal).toEqual({ client: { clientId: 'dongle-client', username: 'dongle-1' }, topic: 'vehicles/someone-else/obd' });
    await watcher.publish('vehicles/watcher/marker', 'after');
    await marker;
    expect(seen).toEqual(['vehicles/watcher/marker']);
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
