import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { IotCoreMqttBus, MAX_IOT_PAYLOAD_BYTES } from './iot-core-mqtt-bus.ts';

const iot = mockClient(IoTDataPlaneClient);
const client = new IoTDataPlaneClient({ region: 'eu-west-3', endpoint: 'https://a1b2c3d4e5f6g7-ats.iot.eu-west-3.amazonaws.com', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
afterEach(() => iot.reset());

describe('IotCoreMqttBus', () => {
  it('publishes through the data plane with topic, QoS, retain and the payload bytes', async () => {
    iot.on(PublishCommand).resolves({});
    const bus = new IotCoreMqttBus({ client });
    await bus.publish('novaevo/v1/devices/d-1/cmd', JSON.stringify({ op: 'scan' }));
    await bus.publish('novaevo/v1/devices/d-1/state', new Uint8Array([1, 2]), { qos: 0, retain: true });
    const [first, second] = iot.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(first).toEqual({ topic: 'novaevo/v1/devices/d-1/cmd', qos: 1, retain: false, payload: new TextEncoder().encode('{"op":"scan"}') });
    expect(second).toEqual({ topic: 'novaevo/v1/devices/d-1/state', qos: 0, retain: true, payload: new Uint8Array([1, 2]) });
  });

  it("refuses, before any request, what IoT Core would: wildcards, more than 7 slashes, payloads past 128 KB", async () => {
    const bus = new IotCoreMqttBus({ client });
    await expect(bus.publish('a/+/b', 'x')).rejects.toMatchObject({ status: 400, code: 'MQTT_TOPIC_INVALID' });
    await expect(bus.publish('a/b/c/d/e/f/g/h/i', 'x')).rejects.toMatchObject({ status: 400, code: 'MQTT_TOPIC_INVALID' });
    await expect(bus.publish('t'.repeat(257), 'x')).rejects.toMatchObject({ status: 400, code: 'MQTT_TOPIC_INVALID' });
    await expect(bus.publish('a/b', new Uint8Array(MAX_IOT_PAYLOAD_BYTES + 1))).rejects.toMatchObject({ status: 413, code: 'MQTT_PAYLOAD_TOO_LARGE' });
    expect(iot.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it("runs the handlers whose filters match a topic rule's event, and survives one that throws", async () => {
    const bus = new IotCoreMqttBus({ client });
    const seen: string[] = [];
    await bus.subscribe('novaevo/v1/devices/+/obd', async (topic, payload) => {
      seen.push(`${topic} ${payload.toString()}`);
    });
    await bus.subscribe('novaevo/v1/#', async () => {
      throw new Error('handler bug');
    });
    const stop = await bus.subscribe('other/#', async () => {
      seen.push('other');
    });
    // What the stack's rule selects: SELECT topic() AS topic, encode(*, 'base64') AS payload FROM 'novaevo/v1/devices/+/obd'
    const ruleEvent = { topic: 'novaevo/v1/devices/d-1/obd', payload: Buffer.from('{"rpm":900}').toString('base64') };
    expect(await bus.deliverRuleEvent(ruleEvent)).toBe(2);
    expect(seen).toEqual(['novaevo/v1/devices/d-1/obd {"rpm":900}']);
    await stop();
    expect(await bus.deliver('other/x', Buffer.from(''))).toBe(0);
    await expect(bus.deliverRuleEvent({ topic: 'a', payload: 'not base64!' })).rejects.toMatchObject({ status: 400, code: 'MQTT_RULE_EVENT_INVALID' });
    await expect(bus.subscribe('a/#/b', async () => {})).rejects.toMatchObject({ status: 400, code: 'MQTT_TOPIC_INVALID' });
  });

  it('is unusable once closed', async () => {
    const bus = new IotCoreMqttBus({ client });
    await bus.close();
    await expect(bus.publish('a/b', 'x')).rejects.toMatchObject({ status: 409, code: 'MQTT_BUS_CLOSED' });
  });
});
