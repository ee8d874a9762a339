import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, encodePid, pidCatalogue, toJ1979_2, type PidFieldInfo, type PidFrame } from './index.ts';

const numeric = pidCatalogue().filter((p) => p.fields);

/** A physical value the formula can represent: any value in range, within one resolution step. */
const physical = (f: PidFieldInfo) => fc.double({ min: f.min, max: f.max, noNaN: true });

function decodeOne(frame: string): PidFrame {
  const [entry] = decodeFrames([frame]);
  expect(entry).toHaveProperty('pid');
  return entry as PidFrame;
}

describe('encodePid then decode', () => {
  it('covers every numeric PID', () => {
    console.log(`encoder: ${numeric.length} numeric PIDs`);
    expect(numeric.length).toBeGreaterThan(120);
  });

  it.each(numeric.map((p) => [p.pid, p] as const))('returns the value of PID %s within its resolution', (_pid, info) => {
    const fields = info.fields!;
    const arb = fc.record(Object.fromEntries(fields.map((f) => [f.key, physical(f)])) as Record<string, fc.Arbitrary<number>>);
    fc.assert(
      fc.property(arb, (values) => {
        const decoded = decodeOne(encodePid(info.pid, values));
        for (const f of fields) {
          const got = fields.length === 1 && !decoded.values ? decoded.value : decoded.values?.[f.key]?.value;
          expect(typeof got).toBe('number');
          expect(Math.abs((got as number) - values[f.key]!)).toBeLessThanOrEqual(f.resolution / 2 + 1e-6);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('encodes the J1979 examples to their frames', () => {
    expect(encodePid('0C', 1726)).toBe('41 0C 1A F8');
    expect(encodePid(0x05, 83)).toBe('41 05 7B');
    expect(encodePid('14', { voltage: 0.45, shortTermFuelTrim: null })).toBe('41 14 5A FF');
    expect(encodePid('0C', 1726, { mode: 2, frame: 1 })).toBe('42 0C 01 1A F8');
    expect(encodePid('05', 1000)).toBe('41 05 FF');
  });

  it('refuses PIDs without a numeric formula', () => {
    expect(() => encodePid('01', 1)).toThrow(RangeError);
    expect(() => encodePid('95', 1)).toThrow(RangeError);
  });
});

describe('classic and J1979-2 paths', () => {
  const all = pidCatalogue();

  it.each(all.map((p) => [p.pid, p.bytes] as const))('give equal values for PID %s and DID F4%s', (pid, bytes) => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: bytes, maxLength: bytes }), (data) => {
        const classic = `41 ${pid} ${Buffer.from(data).toString('hex')}`;
        const [a, b] = decodeFrames([classic, toJ1979_2(classic)]) as PidFrame[];
        expect(b).toMatchObject({ mode: 0x22, did: `F4${pid}` });
        const { mode: _m, did: _d, ...rest } = b!;
        const { mode: _m2, ...classicRest } = a!;
        expect(rest).toEqual(classicRest);
      }),
      { numRuns: 15 },
    );
  });
});
