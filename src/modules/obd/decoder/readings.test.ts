import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, encodePid, numericReadings, pidCatalogue } from './index.ts';

describe('numeric readings for the time series', () => {
  it('gives one reading per number, sub-values keyed by PID and field', () => {
    const [rpm, multi, o2, monitor, freeze, dtc] = decodeFrames([
      '41 0C 1A F8 0D 32',
      '62 F4 05 7B',
      '41 14 5A FF',
      '41 01 83 07 65 04',
      '42 0C 00 1A F8',
      '43 01 01 33',
    ]);
    expect(numericReadings(rpm!)).toEqual([
      { pid: '0C', name: 'Engine speed', value: 1726, unit: 'rpm' },
      { pid: '0D', name: 'Vehicle speed', value: 50, unit: 'km/h' },
    ]);
    expect(numericReadings(multi!)).toEqual([{ pid: '05', name: 'Engine coolant temperature', value: 83, unit: '°C' }]);
    expect(numericReadings(o2!)).toEqual([{ pid: '14.voltage', name: 'Oxygen sensor 1 voltage', value: 0.45, unit: 'V' }]);
    for (const e of [monitor!, freeze!, dtc!]) expect(numericReadings(e)).toEqual([]);
  });

  it('reads back every value the encoder put in a numeric PID', () => {
    const numeric = pidCatalogue().filter((p) => p.fields);
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.integer({ min: 0, max: 1000 }), (info, seed) => {
        const values = Object.fromEntries(info.fields!.map((f, i) => [f.key, f.min + ((seed + i * 37) % 1000) * ((f.max - f.min) / 1000)]));
        const [entry] = decodeFrames([encodePid(info.pid, values)]);
        const keys = numericReadings(entry!).map((r) => r.pid);
        const expected = info.fields!.length === 1 && info.fields![0]!.key === 'value' ? [info.pid] : info.fields!.map((f) => `${info.pid}.${f.key}`);
        expect(keys).toEqual(expect.arrayContaining(expected));
      }),
      { numRuns: 200 },
    );
  });
});
