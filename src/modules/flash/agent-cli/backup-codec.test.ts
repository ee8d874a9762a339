import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBackup, encodeBackup } from './backup-codec.ts';

const backup = fc.record({
  sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
  ecu: fc.record({ vin: fc.string(), ecuHardware: fc.string(), ecuSoftware: fc.string() }),
  segments: fc.array(fc.record({ address: fc.nat(0xffff_0000), data: fc.uint8Array({ minLength: 1, maxLength: 64 }) }), { minLength: 1, maxLength: 4 }),
});

describe('the backup codec', () => {
  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(backup, (b) => {
        const decoded = decodeBackup(encodeBackup(b));
        expect(decoded?.segments.map((s) => [s.address, Array.from(s.data)])).toEqual(b.segments.map((s) => [s.address, Array.from(s.data)]));
        expect({ ...decoded, segments: [] }).toEqual({ ...b, segments: [] });
      }),
    );
  });

  it('answers undefined, never throws, for any other text', () => {
    fc.assert(fc.property(fc.string(), (s) => void decodeBackup(s)));
    expect(decodeBackup('{"sha256":"x"}')).toBeUndefined();
    expect(decodeBackup('not json')).toBeUndefined();
  });
});
