import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, dtcStates, dtcStatus, encodeDtcResponse, encodeUdsDtcReport, nrcName, toJ1979_2 } from './index.ts';
import type { DtcFrame, UdsDtcFrame } from './types.ts';

// The golden vectors of both paths, written out by hand, are in j1979-2-golden.test.ts.
describe('SAE J1979-2 (OBD on UDS)', () => {
  it('decodes DIDs F8xx as mode 09 info types, without the NODI byte', () => {
    const vin = '49 02 01 31 44 34 47 50 30 30 52 35 35 42 31 32 33 34 35 36';
    const [classic, uds] = decodeFrames([vin, toJ1979_2(vin)]);
    expect(uds).toEqual({ ...classic, mode: 0x22, did: 'F802' });
    expect(toJ1979_2(vin)).toBe('62 F8 02 31 44 34 47 50 30 30 52 35 35 42 31 32 33 34 35 36');
  });

  it('reports DIDs outside the OBD ranges', () => {
    expect(decodeFrames(['62 F1 90 31 32'])[0]).toEqual({ error: { code: 'DID_UNKNOWN', detail: 'DID F190 is not an OBD (J1979-2) identifier' } });
  });

  it('reads 59 42 records: severity, 3-byte DTC and status', () => {
    const [entry] = decodeFrames(['59 42 33 FF FF 04 20 01 33 1C 2F 00 C1 00 87 08']) as UdsDtcFrame[];
    expect(entry).toMatchObject({ mode: 0x19, subFunction: 0x42, functionalGroup: 0x33, statusAvailabilityMask: 0xff });
    expect(entry!.dtcs).toHaveLength(2);
    expect(entry!.dtcs[0]).toMatchObject({
      code: 'P0133',
      fullCode: 'P0133-1C',
      failureType: 0x1c,
      failureTypeName: 'Circuit voltage out of range',
      statusByte: 0x2f,
      status: {
        testFailed: true,
        testFailedThisOperationCycle: true,
        pending: true,
        confirmed: true,
        testFailedSinceLastClear: true,
        warningIndicatorRequested: false,
      },
      severity: { byte: 0x20, names: ['maintenanceOnly'] },
    });
    expect(entry!.dtcs[1]).toMatchObject({
      code: 'U0100',
      fullCode: 'U0100-87',
      failureTypeName: 'Missing message',
      status: { confirmed: true, pending: false },
    });
  });

  it('reads 59 55 permanent DTC records and 59 02 status-mask records', () => {
    expect(decodeFrames(['59 55 33 FF 04 01 33 00 08'])[0]).toMatchObject({
      subFunction: 0x55,
      dtcs: [{ code: 'P0133', failureType: 0, status: { confirmed: true } }],
    });
    expect(decodeFrames(['59 02 FF 04 20 13 04'])[0]).toMatchObject({
      subFunction: 0x02,
      statusAvailabilityMask: 0xff,
      dtcs: [{ code: 'P0420', fullCode: 'P0420-13', status: { pending: true } }],
    });
  });

  it('gives the same codes through mode 03 and through 59 42', () => {
    const codeArb = fc
      .tuple(fc.constantFrom('P', 'C', 'B', 'U'), fc.integer({ min: 1, max: 0x3fff }))
      .map(([s, n]) => `${s}${n.toString(16).toUpperCase().padStart(4, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(codeArb, fc.integer({ min: 0, max: 255 })), { maxLength: 10 }), (list) => {
        const codes = list.map(([c]) => c);
        const [classic, uds] = decodeFrames([
          ...encodeDtcResponse(codes),
          encodeUdsDtcReport(list.map(([code, status]) => ({ code, status, failureType: 0x16 }))),
        ]) as [DtcFrame, UdsDtcFrame];
        expect(uds.dtcs.map((d) => d.code)).toEqual(classic.dtcs.map((d) => d.code));
        expect(uds.dtcs.map((d) => d.statusByte)).toEqual(list.map(([, s]) => s));
      }),
      { numRuns: 100 },
    );
  });

  it('reports records cut in the middle and sub-functions it does not decode', () => {
    expect(decodeFrames(['59 42 33 FF FF 04 20 01 33'])[0]).toMatchObject({ error: { code: 'FRAME_BAD_LENGTH' } });
    expect(decodeFrames(['59 04 01 33 1C 2F'])[0]).toMatchObject({ error: { code: 'SUBFUNCTION_NOT_DECODED' } });
  });

  it('decodes every status bit', () => {
    expect(Object.values(dtcStatus(0xff)).every(Boolean)).toBe(true);
    expect(Object.values(dtcStatus(0x00)).some(Boolean)).toBe(false);
    expect(dtcStatus(0x80)).toMatchObject({ warningIndicatorRequested: true, testFailed: false });
  });
});

describe('negative responses', () => {
  it('names the refused service and the response code', () => {
    expect(decodeFrames(['7F 22 31', '7f0112', '7F 19 78'])).toEqual([
      {
        error: {
          code: 'NEGATIVE_RESPONSE',
          detail: 'ReadDataByIdentifier refused: requestOutOfRange (0x31)',
          service: 0x22,
          nrc: 0x31,
          nrcName: 'requestOutOfRange',
        },
      },
      {
        error: {
          code: 'NEGATIVE_RESPONSE',
          detail: 'mode 01 (current data) refused: subFunctionNotSupported (0x12)',
          service: 0x01,
          nrc: 0x12,
          nrcName: 'subFunctionNotSupported',
        },
      },
      {
        error: {
          code: 'NEGATIVE_RESPONSE',
          detail: 'ReadDTCInformation refused: requestCorrectlyReceivedResponsePending (0x78)',
          service: 0x19,
          nrc: 0x78,
          nrcName: 'requestCorrectlyReceivedResponsePending',
        },
      },
    ]);
    expect(decodeFrames(['7F 01'])[0]).toMatchObject({ error: { code: 'FRAME_TOO_SHORT' } });
  });

  it('knows the ISO 14229 codes from 0x10 to 0x93', () => {
    const defined = [
      0x10,
      0x11,
      0x12,
      0x13,
      0x14,
      0x21,
      0x22,
      0x24,
      0x25,
      0x26,
      0x31,
      0x33,
      0x35,
      0x36,
      0x37,
      0x70,
      0x71,
      0x72,
      0x73,
      0x78,
      0x7e,
      0x7f,
      ...Array.from({ length: 0x93 - 0x81 + 1 }, (_, i) => 0x81 + i).filter((n) => n !== 0x8e),
    ];
    for (const nrc of defined) expect(nrcName(nrc)).not.toBe('ISOSAEReserved');
    expect(nrcName(0x8e)).toBe('ISOSAEReserved');
    expect(nrcName(0x40)).toBe('reservedByExtendedDataLinkSecurityDocument');
    expect(nrcName(0xf3)).toBe('vehicleManufacturerSpecificConditionsNotCorrect');
  });
});

describe('DTC states for the fault list', () => {
  it('maps modes 03, 07, 0A and the UDS status bits to active, pending and permanent', () => {
    const [stored, pending, permanent, uds, udsPermanent, speed] = decodeFrames([
      '43 01 01 33',
      '47 01 01 33',
      '4A 01 01 33',
      '59 42 33 FF FF 04 00 01 33 00 08 00 02 20 00 04 00 04 20 00 20',
      '59 55 33 FF 04 01 33 00 00',
      '41 0D 32',
    ]);
    expect(dtcStates(stored!)).toEqual([{ code: 'P0133', state: 'active' }]);
    expect(dtcStates(pending!)).toEqual([{ code: 'P0133', state: 'pending' }]);
    expect(dtcStates(permanent!)).toEqual([{ code: 'P0133', state: 'permanent' }]);
    // P0420 only failed since the last clear: history, not reported.
    expect(dtcStates(uds!)).toEqual([
      { code: 'P0133', state: 'active' },
      { code: 'P0220', state: 'pending' },
    ]);
    expect(uds).toMatchObject({ dtcFormat: 4 });
    expect(dtcStates(udsPermanent!)).toEqual([{ code: 'P0133', state: 'permanent' }]);
    expect(dtcStates(speed!)).toEqual([]);
  });
});
