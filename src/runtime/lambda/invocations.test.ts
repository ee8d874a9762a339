import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusEvent, JsonValue } from '../../platform/ports/event-bus.ts';
import { eventBridgeEvent, httpApiEvent, iotRuleEvent, scheduledEvent, schedulerFiring, sqsEvent, stepFunctionsTask } from './aws-payloads.test-support.ts';
import { recogniseInvocation, UnrecognisedInvocationError } from './invocations.ts';
import { topicMatches } from './lambda-module.ts';

// Whatever survives JSON (what EventBridge carries); -0 becomes 0 on the way. A "__proto__" key
// is left out: the bus envelope's zod parse drops it (it would set the prototype, not a key).
const json = fc
  .jsonValue()
  .filter((v) => !JSON.stringify(v).includes('"__proto__"'))
  .map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);
const busEvent: fc.Arbitrary<BusEvent> = fc.record({
  id: fc.uuid(),
  type: fc.stringMatching(/^[a-z]{1,10}(\.[a-z-]{1,12}){1,2}$/),
  source: fc.stringMatching(/^[a-z]{1,12}$/),
  subject: fc.option(fc.uuid(), { nil: null }),
  data: json,
  occurredAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
});

describe('recognising Lambda payloads', () => {
  it('a bus event survives the EventBridge envelope unchanged (property)', () => {
    fc.assert(
      fc.property(busEvent, (e) => {
        const got = recogniseInvocation(JSON.parse(JSON.stringify(eventBridgeEvent(e))));
        expect(got).toEqual({ kind: 'event', event: e });
      }),
    );
  });

  it('a timer firing is the event the local scheduler would publish (property)', () => {
    fc.assert(
      fc.property(busEvent, (e) => {
        const got = recogniseInvocation(JSON.parse(JSON.stringify(schedulerFiring({ id: e.id, type: e.type, data: e.data, at: e.occurredAt }))));
        expect(got).toEqual({ kind: 'event', event: { ...e, source: 'scheduler', subject: e.id } });
      }),
    );
  });

  it('an IoT rule message gives back the device JSON without the topic (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/).filter((k) => k !== 'topic' && k !== 'payloadBase64'), json), fc.stringMatching(/^[a-z0-9/]{1,40}$/), (message, topic) => {
        const got = recogniseInvocation(JSON.parse(JSON.stringify(iotRuleEvent(topic, message))));
        expect(got.kind).toBe('mqtt');
        if (got.kind === 'mqtt') expect(JSON.parse(got.payload.toString())).toEqual(message);
      }),
    );
  });

  it('binary IoT payloads selected as base64 come back byte for byte (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const got = recogniseInvocation({ topic: 'novaevo/v1/devices/x/obd', payloadBase64: Buffer.from(bytes).toString('base64') });
        expect(got.kind === 'mqtt' && Buffer.compare(got.payload, Buffer.from(bytes))).toBe(0);
      }),
    );
  });

  it('tells each AWS source apart', () => {
    expect(recogniseInvocation(httpApiEvent('GET', '/v1/vehicles')).kind).toBe('http');
    expect(recogniseInvocation(scheduledEvent('chores')).kind).toBe('chores');
    expect(recogniseInvocation(stepFunctionsTask('kbis-decide', {}, { workflow: 'kbis-verify', state: 'Decide' })).kind).toBe('task');
    expect(recogniseInvocation(sqsEvent([{}])).kind).toBe('batch');
  });

  it('refuses anything else, and an EventBridge event without the platform detail, by name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.constant(undefined)), (v) => {
        const isShaped = typeof v === 'object' && v !== null && !Array.isArray(v) && ('version' in v || 'detail-type' in v || 'task' in v || 'topic' in v || 'Records' in v || 'source' in v);
        fc.pre(!isShaped);
        expect(() => recogniseInvocation(v)).toThrow(UnrecognisedInvocationError);
      }),
    );
    expect(() => recogniseInvocation({ 'detail-type': 'vehicles.created', source: 'vehicles', detail: { id: 'x' } })).toThrow(/not an event of this platform/);
  });
});

describe('MQTT topic filters', () => {
  it('match as MQTT says: + one level, # the rest', () => {
    expect(topicMatches('novaevo/v1/devices/+/obd', 'novaevo/v1/devices/abc/obd')).toBe(true);
    expect(topicMatches('novaevo/v1/devices/+/obd', 'novaevo/v1/devices/abc/cmd')).toBe(false);
    expect(topicMatches('novaevo/v1/devices/+/obd', 'novaevo/v1/devices/a/b/obd')).toBe(false);
    expect(topicMatches('novaevo/#', 'novaevo/v1/x')).toBe(true);
    expect(topicMatches('a/b', 'a/b/c')).toBe(false);
  });

  it('a filter made from a topic by replacing levels with + matches it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (levels, wild) => {
        const filter = levels.map((l, i) => (wild[i] ? '+' : l)).join('/');
        expect(topicMatches(filter, levels.join('/'))).toBe(true);
        expect(topicMatches(filter, `${levels.join('/')}/extra`)).toBe(false);
      }),
    );
  });
});
