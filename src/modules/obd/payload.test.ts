import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { parseDeviceMessage, parseDevicePayload } from './payload.ts';

const clock = new ManualClock('2026-03-01T08:30:00.000Z');

describe('device payloads', () => {
  it('take frames with an ISO or epoch timestamp, and an optional protocol', () => {
    expect(parseDevicePayload({ ts: '2026-03-01T08:29:59.500Z', frames: ['41 0C 1A F8'] }, clock)).toEqual({ ts: new Date('2026-03-01T08:29:59.500Z'), frames: ['41 0C 1A F8'] });
    const legacy = parseDevicePayload({ ts: 1_772_353_000_000, frames: ['43 01 33 00 00 00 00'], protocol: 'legacy' }, clock);
    expect(legacy).toMatchObject({ protocol: 'legacy', ts: new Date(1_772_353_000_000) });
  });

  it('take readings a device decoded itself', () => {
    expect(parseDevicePayload({ ts: '2026-03-01T08:00:00Z', readings: [{ pid: '0c', value: 900 }, { pid: '14.voltage', value: 0.45 }] }, clock)).toMatchObject({
      readings: [{ pid: '0c', value: 900 }, { pid: '14.voltage', value: 0.45 }],
    });
  });

  it('refuse a timestamp in the far future or past, an empty list and an unknown reading key', () => {
    const code = (input: unknown) => {
      try {
        parseDevicePayload(input, clock);
        return 'accepted';
      } catch (error) {
        return (error as AppError).code;
      }
    };
    expect(code({ ts: '2026-03-03T08:30:00Z', frames: ['410C1AF8'] })).toBe('OBD_PAYLOAD_INVALID');
    expect(code({ ts: '1999-12-31T23:59:59Z', frames: ['410C1AF8'] })).toBe('OBD_PAYLOAD_INVALID');
    expect(code({ ts: 'yesterday', frames: ['410C1AF8'] })).toBe('OBD_PAYLOAD_INVALID');
    expect(code({ ts: '2026-03-01T08:00:00Z', frames: [] })).toBe('OBD_PAYLOAD_INVALID');
    expect(code({ ts: '2026-03-01T08:00:00Z', readings: [{ pid: 'rpm', value: 1 }] })).toBe('OBD_PAYLOAD_INVALID');
    expect(code({ ts: '2026-03-01T08:00:00Z', frames: Array(501).fill('410C1AF8') })).toBe('OBD_PAYLOAD_INVALID');
  });

  it('never throw anything but OBD_PAYLOAD_INVALID on arbitrary bytes or JSON', () => {
    const onlyPayloadErrors = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('OBD_PAYLOAD_INVALID');
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => onlyPayloadErrors(() => parseDeviceMessage(Buffer.from(bytes), clock))));
    fc.assert(fc.property(fc.jsonValue(), (json) => onlyPayloadErrors(() => parseDeviceMessage(Buffer.from(JSON.stringify(json) ?? 'null'), clock))));
    fc.assert(
      fc.property(fc.record({ ts: fc.oneof(fc.string(), fc.double(), fc.integer()), frames: fc.array(fc.string(), { maxLength: 5 }) }), (input) =>
        onlyPayloadErrors(() => parseDevicePayload(input, clock)),
      ),
    );
  });
});
