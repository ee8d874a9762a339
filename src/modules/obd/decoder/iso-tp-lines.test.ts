import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeElmOutput, decodeFrames, toIsoTpLines } from './index.ts';

const VIN_LINES = ['014', '0: 49 02 01 31 44 34', '1: 47 50 30 30 52 35 35', '2: 42 31 32 33 34 35 36'];
const VIN = { mode: 9, infoType: '02', name: 'Vehicle identification number (VIN)', value: '1D4GP00R55B123456' };

describe('multi-line responses', () => {
  it('reassembles the ISO-TP lines of a VIN and marks the other lines as its continuation', () => {
    expect(decodeFrames(['41 0D 32', ...VIN_LINES, '41 05 7B'])).toEqual([
      { mode: 1, pid: '0D', name: 'Vehicle speed', value: 50, unit: 'km/h' },
      VIN,
      { continuation: { of: 1 } },
      { continuation: { of: 1 } },
      { continuation: { of: 1 } },
      { mode: 1, pid: '05', name: 'Engine coolant temperature', value: 83, unit: '°C' },
    ]);
  });

  it('accepts segments without a space after the colon and in lower case', () => {
    expect(decodeFrames(['014', '0:490201314434', '1:47503030523535', '2:42313233343536'])[0]).toEqual(VIN);
  });

  it('reports a message whose last segments never came', () => {
    expect(decodeFrames(VIN_LINES.slice(0, 3))).toEqual([
      { error: { code: 'ISO_TP_INCOMPLETE', detail: '13 of 20 bytes arrived' } },
      { continuation: { of: 0 } },
      { continuation: { of: 0 } },
    ]);
  });

  it('reports segments out of order and segments without their length line', () => {
    expect(decodeFrames(['014', '0: 49 02 01 31 44 34', '2: 42 31 32 33 34 35 36'])[0]).toMatchObject({ error: { code: 'ISO_TP_SEQUENCE' } });
    expect(decodeFrames(['1: 47 50 30 30 52 35 35'])[0]).toMatchObject({ error: { code: 'ISO_TP_NO_LENGTH' } });
  });

  it('reassembles the five legacy (ISO 9141 / KWP2000) messages of a VIN', () => {
    const legacy = ['49 02 01 00 00 00 31', '49 02 02 44 34 47 50', '49 02 03 30 30 52 35', '49 02 04 35 42 31 32', '49 02 05 33 34 35 36'];
    expect(decodeFrames(legacy, { protocol: 'legacy' })[0]).toEqual(VIN);
    expect(decodeFrames(legacy)).toEqual([VIN, ...[0, 0, 0, 0].map((of) => ({ continuation: { of } }))]);
  });

  it('decodes multi-line ELM output, one entry per response, echoes and notices left out', () => {
    const text = `ATZ\r\rELM327 v1.5\r\r>ATSP0\rOK\r\r>0902\r${VIN_LINES.join('\r')}\r\r>010C\rSEARCHING...\r41 0C 1A F8\r\r>03\rNO DATA\r\r>`;
    expect(decodeElmOutput(text)).toEqual([
      VIN,
      { mode: 1, pid: '0C', name: 'Engine speed', value: 1726, unit: 'rpm' },
      { error: { code: 'NO_DATA', detail: 'the vehicle did not answer (ELM327 "NO DATA")' } },
    ]);
  });

  it('keeps request echoes as errors when frames are given one by one', () => {
    expect(decodeFrames(['010C', '22 F4 0C'])).toEqual([
      { error: { code: 'NOT_A_RESPONSE', detail: '01 is a request (echo on?), not a response' } },
      { error: { code: 'NOT_A_RESPONSE', detail: '22 is a request (echo on?), not a response' } },
    ]);
  });

  it('gives back any long message cut into ISO-TP lines', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Z0-9]{16}$/), { minLength: 1, maxLength: 20 }), (ids) => {
        const bytes = [0x49, 0x04, ids.length, ...ids.flatMap((id) => [...id].map((c) => c.charCodeAt(0)))];
        const lines = toIsoTpLines(bytes.map((b) => b.toString(16).padStart(2, '0')).join(' '));
        const [head, ...rest] = decodeFrames(lines);
        expect(head).toEqual({ mode: 9, infoType: '04', name: 'Calibration IDs', value: ids });
        expect(rest.every((r) => 'continuation' in r)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('line classification', () => {
  it('takes a lone three-digit line for a frame missing a digit', () => {
    expect(decodeFrames(['41A'])[0]).toMatchObject({ error: { code: 'FRAME_ODD_LENGTH' } });
    expect(decodeFrames(['410D3'])[0]).toMatchObject({ error: { code: 'FRAME_ODD_LENGTH' } });
  });

  it('refuses a frame holding several lines and points to decodeElmOutput', () => {
    expect(decodeFrames(['41 0C 1A F8\r41 0D 32'])[0]).toMatchObject({ error: { code: 'FRAME_MULTILINE' } });
    expect(decodeFrames(['> 41 0D 32\r\n'])[0]).toMatchObject({ pid: '0D', value: 50 });
  });

  it('tells the ELM327 status messages apart from garbage', () => {
    expect(decodeFrames(['NO DATA', 'CAN ERROR', 'UNABLE TO CONNECT', 'hello'])).toEqual([
      { error: { code: 'NO_DATA', detail: 'the vehicle did not answer (ELM327 "NO DATA")' } },
      { error: { code: 'ELM_STATUS', detail: 'ELM327 message: CAN ERROR' } },
      { error: { code: 'ELM_STATUS', detail: 'ELM327 message: UNABLE TO CONNECT' } },
      { error: { code: 'FRAME_NOT_HEX', detail: 'a frame is hexadecimal bytes, e.g. "41 0C 1A F8"' } },
    ]);
  });
});
