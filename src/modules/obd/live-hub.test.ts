import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import { mqttBrokers } from '../../../test/support/mqtt-brokers.ts';
import { connectMqttBus } from '../../platform/adapters/local/mqtt-client-bus.ts';
import { ManualClock } from '../../platform/clock.ts';
import { silentLogger } from '../../platform/logger.ts';
import type { MqttBus } from '../../platform/ports/mqtt.ts';
import { LiveHub, type LiveMessage } from './live-hub.ts';
import { LIVE_READINGS_FILTER } from './live-relay.ts';

// Watches renewed every 100 ms here (5 s in production), believed for 300 ms of the test clock.
const RENEW_MS = 100;
const TTL_MS = 3 * RENEW_MS;

// One device message per value: its own time (the stream tells messages apart by time and PIDs).
const message = (value: number): LiveMessage => ({ t: new Date(Date.UTC(2026, 11, 1, 10, 0, 0, value)).toISOString(), readings: [{ pid: '0D', value }] });


// Two "processes" (each its hub and its own broker connection) on one real broker.
describeEachAdapter('LiveHub across processes (MQTT relay)', mqttBrokers, (underTest) => {
  let broker: { url: string; stop(): Promise<void> };
  // Vehicle ids of this run: a shared broker may carry other runs' relay messages.
  const run = randomUUID().slice(0, 8);
  const veh = (name: string) => `${name}-${run}`;
  const buses: MqttBus[] = [];
  const hubs: LiveHub[] = [];
  const clock = new ManualClock('2026-12-01T10:00:00Z');

  const process = async () => {
    const bus = await connectMqttBus(broker.url, { logger: silentLogger() });
    buses.push(bus);
    const hub = new LiveHub({ bus, clock, logger: silentLogger(), renewMs: RENEW_MS });
    hubs.push(hub);
    // What the runtime does with the module's `everyProcess` subscriptions.
    for (const s of hub.relaySubscriptions) await bus.subscribe(s.filter, s.handler);
    return { bus, hub };
  };
  const received = (hub: LiveHub, vehicleId: string) => {
    const got: LiveMessage[] = [];
    const { stop, announced } = hub.listen(vehicleId, (m) => got.push(m));
    return { got, stop, announced };
  };
  /** Resolves once `bus` got back a message it published now: whatever the broker sent it before has arrived. */
  const roundTrip = async (bus: MqttBus) => {
    const topic = `novaevo-test/sync/${Math.random()}`;
    let back!: () => void;
    const arrived = new Promise<void>((resolve) => (back = resolve));
    const stop = await bus.subscribe(topic, () => back());
    await bus.publish(topic, 'sync', { qos: 1 });
    await arrived;
    await stop();
  };

  beforeAll(async () => {
    broker = await underTest.start();
  });
  afterEach(async () => {
    for (const hub of hubs.splice(0)) hub.close();
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });
  afterAll(() => broker.stop());

  it('delivers a reading stored by one process to the streams of another, and to its own once', async () => {
    const [a, b] = [await process(), await process()];
    const onA = received(a.hub, veh('veh-1'));
    const onB = received(b.hub, veh('veh-1'));
    await Promise.all([onA.announced, onB.announced]);
    // The broker acknowledged a's announcement: whatever b receives after that, b knows a watches.
    await roundTrip(b.bus);

    b.hub.publish(veh('veh-1'), message(72));
    await expect.poll(() => onA.got).toEqual([message(72)]);
    // b hears its own relayed message back from the broker: it must not reach its streams twice.
    await roundTrip(b.bus);
    expect(onB.got).toEqual([message(72)]);
  });

  it('gives a stream a message once when two processes store it (several on one MQTT_URL) or it is delivered again', async () => {
    const [a, b] = [await process(), await process()];
    const onA = received(a.hub, veh('veh-5'));
    await onA.announced;
    await roundTrip(b.bus);
    a.hub.publish(veh('veh-5'), message(40));
    b.hub.publish(veh('veh-5'), message(40));
    b.hub.publish(veh('veh-5'), message(41));
    await expect.poll(() => onA.got.length).toBe(2);
    await roundTrip(a.bus);
    a.hub.publish(veh('veh-5'), message(41));
    expect(onA.got).toEqual([message(40), message(41)]);
  });

  it('relays nothing for a vehicle no other process streams, renews a watch while streaming, and is forgotten once closed', async () => {
    const [a, b] = [await process(), await process()];
    const relayed: string[] = [];
    await a.bus.subscribe(LIVE_READINGS_FILTER, (topic) => {
      if (topic.endsWith(run)) relayed.push(topic);
    });
    const onA = received(a.hub, veh('veh-watched'));
    await onA.announced;
    await expect.poll(() => b.hub.watched(veh('veh-watched'))).toBe(true);
    expect(b.hub.watched(veh('veh-unwatched'))).toBe(false);

    b.hub.publish(veh('veh-unwatched'), message(10));
    b.hub.publish(veh('veh-watched'), message(20));
    await expect.poll(() => onA.got).toEqual([message(20)]);
    await roundTrip(a.bus);
    expect(relayed).toEqual([`novaevo/internal/obd/live/${veh('veh-watched')}`]);

    // While a streams, it renews its watch: b forgets it after the TTL, then hears it again.
    clock.advance(TTL_MS + 1);
    expect(b.hub.watched(veh('veh-watched'))).toBe(false);
    await expect.poll(() => b.hub.watched(veh('veh-watched'))).toBe(true);
    // a closes its stream and no longer renews: b forgets it after the TTL for good.
    onA.stop();
    await new Promise((resolve) => setTimeout(resolve, 2 * RENEW_MS));
    await roundTrip(b.bus);
    clock.advance(TTL_MS + 1);
    expect(b.hub.watched(veh('veh-watched'))).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2 * RENEW_MS));
    await roundTrip(b.bus);
    expect(b.hub.watched(veh('veh-watched'))).toBe(false);
  });

  it('ignores malformed relay messages (another client of the broker, a future version)', async () => {
    const [a, b] = [await process(), await process()];
    const onA = received(a.hub, veh('veh-2'));
    await onA.announced;
    for (const body of ['not json', '{}', JSON.stringify({ origin: 'x', t: 't', readings: [{ pid: '0D' }] })]) {
      await b.bus.publish(`novaevo/internal/obd/live/${veh('veh-2')}`, body, { qos: 1 });
    }
    for (const body of ['not json', '{}', JSON.stringify({ origin: '' }), JSON.stringify({ origin: 42 })]) {
      await b.bus.publish(`novaevo/internal/obd/watch/${veh('veh-3')}`, body, { qos: 1 });
    }
    await b.bus.publish(`novaevo/internal/obd/live/${veh('veh-2')}`, JSON.stringify({ origin: 'x', ...message(33) }), { qos: 1 });
    await expect.poll(() => onA.got).toEqual([message(33)]);
    expect(a.hub.watched(veh('veh-3'))).toBe(false);
  });
});

describe('LiveHub in one process', () => {
  const listenTo = (hub: LiveHub, vehicleId: string) => {
    const got: LiveMessage[] = [];
    return { got, ...hub.listen(vehicleId, (m) => got.push(m)) };
  };

  it('tells messages apart by time and PIDs', () => {
    const hub = new LiveHub();
    const { got } = listenTo(hub, 'veh-6');
    const t = '2026-12-01T10:00:00.000Z';
    const speed = { t, readings: [{ pid: '0D', value: 50 }] };
    const rpm = { t, readings: [{ pid: '0C', value: 900 }] };
    for (const m of [speed, rpm, speed, { t: '2026-12-01T10:00:01.000Z', readings: speed.readings }]) hub.publish('veh-6', m);
    expect(got.map((m) => [m.t.slice(17, 19), m.readings[0]!.pid])).toEqual([
      ['00', '0D'],
      ['00', '0C'],
      ['01', '0D'],
    ]);
  });

  it('serves its own streams without a bus', () => {
    const hub = new LiveHub();
    const { got, stop } = listenTo(hub, 'veh-4');
    expect(hub.watched('veh-4')).toBe(true);
    hub.publish('veh-4', message(5));
    stop();
    hub.publish('veh-4', message(6));
    expect([got, hub.watched('veh-4')]).toEqual([[message(5)], false]);
  });
});
