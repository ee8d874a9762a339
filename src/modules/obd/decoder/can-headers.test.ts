import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, toCanFrames } from './index.ts';

const VIN = { mode: 9, infoType: '02', name: 'Vehicle identification number (VIN)', value: '1D4GP00R55B123456' };
const speed = { mode: 1, pid: '0D', name: 'Vehicle speed', value: 50, unit: 'km/h' };

describe('frames printed with headers on (ATH1)', () => {
  it('reads 11-bit and 29-bit single frames, with or without spaces, padding cut by the length byte', () => {
    expect(decodeFrames(['7E8 03 41 0D 32', '7E803410D32', '7E9 03 41 0D 32 AA AA AA AA', '18 DA F1 10 03 41 0D 32', '18DAF11003410D32'])).toEqual([
      { ...speed, ecu: '7E8' },
      { ...speed, ecu: '7E8' },
      { ...speed, ecu: '7E9' },
      { ...speed, ecu: '18DAF110' },
      { ...speed, ecu: '18DAF110' },
    ]);
  });

  it('reassembles a first frame and its consecutive frames across the lines of another ECU', () => {
    expect(decodeFrames(['7E8 10 14 49 02 01 31 44 34', '7E9 03 41 0D 32', '7E8 21 47 50 30 30 52 35 35', '7E8 22 42 31 32 33 34 35 36'])).toEqual([
      { ...VIN, ecu: '7E8' },
      { ...speed, ecu: '7E9' },
      { continuation: { of: 0 } },
      { continuation: { of: 0 } },
    ]);
  });

  it('reports frames out of sequence, missing, or without their first frame', () => {
    expect(decodeFrames(['7E8 10 14 49 02 01 31 44 34', '7E8 22 42 31 32 33 34 35 36'])[0]).toMatchObject({ error: { code: 'ISO_TP_SEQUENCE' }, ecu: '7E8' });
    expect(decodeFrames(['7E8 10 14 49 02 01 31 44 34'])[0]).toMatchObject({ error: { code: 'ISO_TP_INCOMPLETE' } });
    expect(decodeFrames(['7E8 21 47 50 30 30 52 35 35'])[0]).toMatchObject({ error: { code: 'ISO_TP_NO_FIRST_FRAME' } });
    expect(decodeFrames(['7E8 05 41 0D'])[0]).toMatchObject({ error: { code: 'FRAME_TOO_SHORT' } });
    expect(decodeFrames(['7E8 30 00 00'])[0]).toMatchObject({ error: { code: 'ISO_TP_UNEXPECTED_FRAME' } });
  });

  it('gives back any message cut into CAN frames by an ECU', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Z0-9]{16}$/), { minLength: 1, maxLength: 12 }), fc.constantFrom('7E8', '7EA', '18DAF110'), (ids, ecu) => {
        const bytes = [0x49, 0x04, ids.length, ...ids.flatMap((id) => [...id].map((c) => c.charCodeAt(0)))];
        const [head, ...rest] = decodeFrames(toCanFrames(bytes.map((b) => b.toString(16).padStart(2, '0')).join(''), ecu));
        expect(head).toEqual({ mode: 9, infoType: '04', name: 'Calibration IDs', value: ids, ecu });
        expect(rest.every((r) => 'continuation' in r)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
