import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, pidCatalogue } from './index.ts';

// Mode 01 PIDs that SAE J1979 (as tabled in the public "OBD-II PIDs" reference) defines up to C4.
// 95-97, AA-BF and C1-C2 are not defined there.
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const J1979_PIDS = [...range(0x00, 0x94), ...range(0x98, 0xa9), 0xc0, 0xc3, 0xc4].map((p) => p.toString(16).toUpperCase().padStart(2, '0'));
const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');

describe('coverage of SAE J1979 mode 01', () => {
  const catalogue = new Map(pidCatalogue().map((p) => [p.pid, p]));

  it('knows every PID from 00 to C4 that J1979 defines, and no other', () => {
    console.log(`mode 01 coverage: ${catalogue.size} PIDs decoded of ${J1979_PIDS.length} defined in 00-C4 (python-OBD: 96)`);
    expect([...catalogue.keys()]).toEqual(J1979_PIDS);
  });

  it.each(J1979_PIDS)('decodes PID %s from random data of its length, with a name and a unit', (pid) => {
    const info = catalogue.get(pid)!;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: info.bytes, maxLength: info.bytes }), (data) => {
        const [entry] = decodeFrames([`41 ${pid} ${hex(data)}`]);
        expect(entry).toMatchObject({ mode: 1, pid, name: info.name });
        expect(entry).toHaveProperty('value');
        expect(typeof (entry as { unit: unknown }).unit).toBe('string');
      }),
      { numRuns: 20 },
    );
  });
});
