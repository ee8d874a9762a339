import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, type MonitorFrame } from './index.ts';

const monitor = (frame: string) => decodeFrames([frame])[0] as MonitorFrame;

describe('mode 06 on-board monitoring (CAN)', () => {
  it('reads misfire counts with their limits', () => {
    expect(monitor('46 A2 0B 24 00 05 00 00 FF FF')).toEqual({
      mode: 6,
      mid: 'A2',
      tests: [
        {
          mid: 'A2',
          monitor: 'Misfire cylinder 1 data',
          tid: '0B',
          test: 'Average misfire counts for last ten driving cycles',
          uasId: 0x24,
          value: 5,
          min: 0,
          max: 65535,
          unit: 'count',
          passed: true,
        },
      ],
    });
  });

  it('reads several results of one monitor and tells failed tests', () => {
    const m = monitor('46 01 01 0A 0E 66 00 00 0F A0 01 02 0A 01 90 03 E8 0F A0');
    expect(m.tests.map((t) => [t.monitor, t.tid, t.value, t.unit, t.passed])).toEqual([
      ['O2 sensor monitor Bank 1 - Sensor 1', '01', 449.692, 'mV', true],
      ['O2 sensor monitor Bank 1 - Sensor 1', '02', 48.8, 'mV', false],
    ]);
  });

  it('applies signed scalings, offsets and pass/fail flags', () => {
    expect(monitor('46 21 81 96 FF 9C FF 00 00 64').tests[0]).toMatchObject({ value: -10, min: -25.6, max: 10, unit: '°C', test: 'Manufacturer defined test' });
    expect(monitor('46 31 82 16 01 90 00 00 FF FF').tests[0]).toMatchObject({ value: 0, unit: '°C' });
    expect(monitor('46 39 83 2E 00 01 00 00 00 01').tests[0]).toMatchObject({ value: true, passed: true });
  });

  it('lists the supported monitors of MID 00, 20, 40...', () => {
    expect(monitor('46 00 C0 00 00 01')).toEqual({ mode: 6, mid: '00', supportedMids: ['01', '02', '20'], tests: [] });
  });

  it('reports cut results and leaves the legacy layout undecoded', () => {
    expect(decodeFrames(['46 A2 0B 24 00 05'])[0]).toMatchObject({ error: { code: 'FRAME_BAD_LENGTH' } });
    expect(decodeFrames(['46 A2 0B 24 00 05 00 00 FF FF'], { protocol: 'legacy' })[0]).toMatchObject({ error: { code: 'MODE_NOT_DECODED' } });
  });

  it('decodes any whole number of test results', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 9, maxLength: 9 }), { minLength: 1, maxLength: 5 }), (blocks) => {
        blocks[0]![0] = 0xa2; // a test MID, not a supported-MID map
        const hex = blocks.map((b) => Buffer.from(b).toString('hex')).join('');
        const entry = monitor(`46${hex}`);
        expect(entry.tests).toHaveLength(blocks.length);
        for (const t of entry.tests) expect(typeof t.passed).toBe('boolean');
      }),
      { numRuns: 100 },
    );
  });
});
