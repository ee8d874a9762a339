import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, dtcFromBytes, dtcToBytes, encodeDtcResponse, type DescribeDtc } from './index.ts';

const codeArb = fc
  .tuple(fc.constantFrom('P', 'C', 'B', 'U'), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xfff }))
  .map(([s, d, n]) => `${s}${d}${n.toString(16).toUpperCase().padStart(3, '0')}`)
  .filter((c) => c !== 'P0000');

describe('two-byte fault codes', () => {
  it('reads the system from bits 15-14 and the first digit from bits 13-12', () => {
    expect(dtcFromBytes(0x01, 0x33)).toBe('P0133');
    expect(dtcFromBytes(0x41, 0x23)).toBe('C0123');
    expect(dtcFromBytes(0x92, 0x34)).toBe('B1234');
    expect(dtcFromBytes(0xc1, 0x00)).toBe('U0100');
    expect(dtcFromBytes(0x3f, 0xff)).toBe('P3FFF');
  });

  it('turns any code back into the same two bytes', () => {
    fc.assert(fc.property(codeArb, (code) => dtcFromBytes(...dtcToBytes(code)!) === code));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (hi, lo) => {
        expect(dtcToBytes(dtcFromBytes(hi, lo))).toEqual([hi, lo]);
      }),
    );
    expect(dtcToBytes('P4000')).toBeUndefined();
  });
});

describe('modes 03, 07 and 0A', () => {
  it('reads the CAN layout with its count byte', () => {
    expect(decodeFrames(['43 02 01 33 02 20'])).toEqual([
      {
        mode: 3,
        dtcs: [
          { code: 'P0133', description: null },
          { code: 'P0220', description: null },
        ],
      },
    ]);
    expect(decodeFrames(['47 00'])).toEqual([{ mode: 7, dtcs: [] }]);
    expect(decodeFrames(['4A 01 C1 00'])).toEqual([{ mode: 0x0a, dtcs: [{ code: 'U0100', description: null }] }]);
  });

  it('reads the legacy layout of three slots and ignores the zero padding', () => {
    expect(decodeFrames(['43 01 33 00 00 00 00'], { protocol: 'legacy' })).toEqual([{ mode: 3, dtcs: [{ code: 'P0133', description: null }] }]);
    // Without a protocol the length tells the layouts apart.
    expect(decodeFrames(['43 01 33 02 20 00 00'])[0]).toEqual({
      mode: 3,
      dtcs: [
        { code: 'P0133', description: null },
        { code: 'P0220', description: null },
      ],
    });
  });

  it('reports a count that announces more codes than the frame holds', () => {
    expect(decodeFrames(['43 03 01 33 02 20'], { protocol: 'can' })[0]).toMatchObject({ error: { code: 'FRAME_TOO_SHORT' } });
  });

  it('round-trips any list of codes through both layouts', () => {
    fc.assert(
      fc.property(
        fc.array(codeArb, { maxLength: 9 }),
        fc.constantFrom('can' as const, 'legacy' as const),
        fc.constantFrom(3 as const, 7 as const, 0x0a as const),
        (codes, protocol, mode) => {
          const frames = encodeDtcResponse(codes, { protocol, mode });
          const decoded = decodeFrames(frames, { protocol }).flatMap((e) => ('dtcs' in e ? e.dtcs.map((d) => d.code) : ['?']));
          expect(decoded).toEqual(codes);
        },
      ),
    );
  });

  it('adds the descriptions of the describe option, in the chosen language', () => {
    const describe: DescribeDtc = (code, locale) =>
      code === 'P0133'
        ? { description: locale === 'fr' ? 'Sonde lambda lente' : 'O2 sensor slow response', system: 'powertrain', manufacturerSpecific: false }
        : undefined;
    expect(decodeFrames(['43 02 01 33 12 34'], { describe })).toEqual([
      {
        mode: 3,
        dtcs: [
          { code: 'P0133', description: 'Sonde lambda lente', system: 'powertrain', manufacturerSpecific: false },
          { code: 'P1234', description: null },
        ],
      },
    ]);
    expect(decodeFrames(['43 01 01 33'], { describe, locale: 'en' })[0]).toMatchObject({ dtcs: [{ description: 'O2 sensor slow response' }] });
  });

  it('keeps the codes when the description table fails', () => {
    const describe: DescribeDtc = () => {
      throw new Error('table not loaded');
    };
    expect(decodeFrames(['43 01 01 33'], { describe })[0]).toEqual({ mode: 3, dtcs: [{ code: 'P0133', description: null }] });
  });

  it('decodes mode 04 as cleared', () => {
    expect(decodeFrames(['44', '54'])).toEqual([
      { mode: 4, cleared: true },
      { mode: 4, cleared: true },
    ]);
  });
});
