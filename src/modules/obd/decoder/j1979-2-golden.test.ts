import { describe, expect, it } from 'vitest';
import { decodeFrames, dtcStates, toJ1979_2 } from './index.ts';
import type { DecodedFrame } from './types.ts';

// Golden vectors written out for both paths: SAE J1979 (classic mode 01 / 09 / 03 / 07 / 0A /
// 04) and SAE J1979-2 (OBD on UDS: ReadDataByIdentifier 0x22 with DIDs F4xx = PID xx and F8xx
// = info type xx, ReadDTCInformation 0x19, ClearDiagnosticInformation 0x14). Expected values are
// worked out by hand from the J1979 formulas (A, B = the data bytes); those marked "python-OBD"
// are the same bytes and values as python-OBD's tests/test_decoders.py. Nothing here is derived
// from the decoder or the encoders.

interface PidVector {
  classic: string;
  uds: string;
  pid: string;
  value: unknown;
  unit?: string;
  values?: Record<string, number>;
  formula: string;
}

const PIDS: PidVector[] = [
  { classic: '41 00 BE 1F A8 13', uds: '62 F4 00 BE 1F A8 13', pid: '00', formula: 'bit n set = PID n+1 supported', value: ['01', '03', '04', '05', '06', '07', '0C', '0D', '0E', '0F', '10', '11', '13', '15', '1C', '1F', '20'] },
  { classic: '41 04 FF', uds: '62 F4 04 FF', pid: '04', formula: '100A/255 (python-OBD)', value: 100, unit: '%' },
  { classic: '41 05 7B', uds: '62 F4 05 7B', pid: '05', formula: 'A-40', value: 83, unit: '°C' },
  { classic: '41 05 FF', uds: '62 F4 05 FF', pid: '05', formula: 'A-40 (python-OBD)', value: 215, unit: '°C' },
  { classic: '41 06 80', uds: '62 F4 06 80', pid: '06', formula: '100A/128-100 (python-OBD)', value: 0, unit: '%' },
  { classic: '41 06 00', uds: '62 F4 06 00', pid: '06', formula: '100A/128-100 (python-OBD)', value: -100, unit: '%' },
  { classic: '41 0A 80', uds: '62 F4 0A 80', pid: '0A', formula: '3A (python-OBD)', value: 384, unit: 'kPa' },
  { classic: '41 0B 65', uds: '62 F4 0B 65', pid: '0B', formula: 'A', value: 101, unit: 'kPa' },
  { classic: '41 0C 1A F8', uds: '62 F4 0C 1A F8', pid: '0C', formula: '(256A+B)/4 = 6904/4', value: 1726, unit: 'rpm' },
  { classic: '41 0C FF FF', uds: '62 F4 0C FF FF', pid: '0C', formula: '65535/4', value: 16383.75, unit: 'rpm' },
  { classic: '41 0D 32', uds: '62 F4 0D 32', pid: '0D', formula: 'A', value: 50, unit: 'km/h' },
  { classic: '41 0E FF', uds: '62 F4 0E FF', pid: '0E', formula: 'A/2-64 (python-OBD)', value: 63.5, unit: '° before TDC' },
  { classic: '41 0F 46', uds: '62 F4 0F 46', pid: '0F', formula: 'A-40', value: 30, unit: '°C' },
  { classic: '41 10 01 F4', uds: '62 F4 10 01 F4', pid: '10', formula: '(256A+B)/100 = 500/100', value: 5, unit: 'g/s' },
  { classic: '41 11 80', uds: '62 F4 11 80', pid: '11', formula: '100A/255 = 12800/255', value: 50.196078, unit: '%' },
  { classic: '41 13 0F', uds: '62 F4 13 0F', pid: '13', formula: 'low nibble = bank 1 sensors 1-4 (python-OBD)', value: ['B1S1', 'B1S2', 'B1S3', 'B1S4'] },
  {
    classic: '41 14 5A 80',
    uds: '62 F4 14 5A 80',
    pid: '14',
    formula: 'A/200 V, 100B/128-100 %',
    value: 0.45,
    unit: 'V',
    values: { voltage: 0.45, shortTermFuelTrim: 0 },
  },
  { classic: '41 1C 06', uds: '62 F4 1C 06', pid: '1C', formula: 'enumeration: 6 = EOBD', value: { code: 6 } },
  { classic: '41 1F 01 2C', uds: '62 F4 1F 01 2C', pid: '1F', formula: '256A+B', value: 300, unit: 's' },
  { classic: '41 21 00 0A', uds: '62 F4 21 00 0A', pid: '21', formula: '256A+B', value: 10, unit: 'km' },
  { classic: '41 2F FF', uds: '62 F4 2F FF', pid: '2F', formula: '100A/255', value: 100, unit: '%' },
  { classic: '41 31 27 10', uds: '62 F4 31 27 10', pid: '31', formula: '256A+B', value: 10000, unit: 'km' },
  { classic: '41 33 65', uds: '62 F4 33 65', pid: '33', formula: 'A', value: 101, unit: 'kPa' },
  { classic: '41 3C 13 88', uds: '62 F4 3C 13 88', pid: '3C', formula: '(256A+B)/10-40 = 500-40', value: 460, unit: '°C' },
  { classic: '41 42 38 98', uds: '62 F4 42 38 98', pid: '42', formula: '(256A+B)/1000 = 14488/1000', value: 14.488, unit: 'V' },
  { classic: '41 43 00 FF', uds: '62 F4 43 00 FF', pid: '43', formula: '100(256A+B)/255', value: 100, unit: '%' },
  { classic: '41 44 80 00', uds: '62 F4 44 80 00', pid: '44', formula: '2(256A+B)/65536 = 65536/65536', value: 1, unit: 'ratio' },
  { classic: '41 46 32', uds: '62 F4 46 32', pid: '46', formula: 'A-40', value: 10, unit: '°C' },
  { classic: '41 50 FF 00 00 00', uds: '62 F4 50 FF 00 00 00', pid: '50', formula: '10A, B-D reserved (python-OBD)', value: 2550, unit: 'g/s' },
  { classic: '41 51 01', uds: '62 F4 51 01', pid: '51', formula: 'enumeration: 1 = gasoline', value: { code: 1 } },
  { classic: '41 53 FF FF', uds: '62 F4 53 FF FF', pid: '53', formula: '(256A+B)/200 (python-OBD)', value: 327.675, unit: 'kPa' },
  { classic: '41 54 7F FF', uds: '62 F4 54 7F FF', pid: '54', formula: '256A+B-32767 (python-OBD)', value: 0, unit: 'Pa' },
  { classic: '41 5C 8C', uds: '62 F4 5C 8C', pid: '5C', formula: 'A-40', value: 100, unit: '°C' },
  { classic: '41 5D FF FF', uds: '62 F4 5D FF FF', pid: '5D', formula: '(256A+B)/128-210 (python-OBD ~302)', value: 301.992188, unit: '°' },
  { classic: '41 5E FF FF', uds: '62 F4 5E FF FF', pid: '5E', formula: '(256A+B)/20 (python-OBD)', value: 3276.75, unit: 'L/h' },
  {
    classic: '41 78 0F 1F 40 1F 40 1F 40 1F 40',
    uds: '62 F4 78 0F 1F 40 1F 40 1F 40 1F 40',
    pid: '78',
    formula: 'A = sensors present, (256B+C)/10-40 each = 800-40',
    value: 760,
    unit: '°C',
    values: { sensor1: 760, sensor2: 760, sensor3: 760, sensor4: 760 },
  },
  { classic: '41 A6 00 01 E2 40', uds: '62 F4 A6 00 01 E2 40', pid: 'A6', formula: '(2^24 A + 2^16 B + 2^8 C + D)/10 = 123456/10', value: 12345.6, unit: 'km' },
];

// Mode 01 PID 01 (monitor status), python-OBD's two vectors.
const MONITOR_STATUS = [
  { classic: '41 01 83 07 FF 00', uds: '62 F4 01 83 07 FF 00', value: { mil: true, dtcCount: 3, ignition: 'spark' } },
  { classic: '41 01 00 79 03 03', uds: '62 F4 01 00 79 03 03', value: { mil: false, dtcCount: 0, ignition: 'compression' } },
];

/** A numeric expectation with the decoder's 6-decimal rounding; anything else exactly (as a subset). */
function expectValue(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') expect(actual).toBeCloseTo(expected, 5);
  else if (Array.isArray(expected)) expect(actual).toEqual(expected);
  else expect(actual).toMatchObject(expected as object);
}

describe('J1979-2 golden vectors: mode 01 PIDs and DIDs F4xx', () => {
  it.each(PIDS)('$classic and $uds: PID $pid = $value ($formula)', ({ classic, uds, pid, value, unit, values }) => {
    const [a, b] = decodeFrames([classic, uds]) as [DecodedFrame & Record<string, any>, DecodedFrame & Record<string, any>];
    for (const [entry, mode] of [
      [a, 1],
      [b, 0x22],
    ] as const) {
      expect(entry).toMatchObject({ mode, pid, ...(unit === undefined ? {} : { unit }) });
      expectValue(entry.value, value);
      for (const [key, v] of Object.entries(values ?? {})) expect(entry.values[key].value).toBeCloseTo(v, 5);
    }
    expect(b).toEqual({ ...a, mode: 0x22, did: `F4${pid}` });
    expect(toJ1979_2(classic)).toBe(uds);
  });

  it.each(MONITOR_STATUS)('$classic and $uds: monitor status', ({ classic, uds, value }) => {
    const [a, b] = decodeFrames([classic, uds]) as Record<string, any>[];
    expect(a).toMatchObject({ mode: 1, pid: '01', value });
    expect(b).toEqual({ ...a, mode: 0x22, did: 'F401' });
  });

  it('a multi-PID answer and a multi-DID answer give the same readings', () => {
    const [a, b] = decodeFrames(['41 0C 1A F8 0D 32', '62 F4 0C 1A F8 F4 0D 32']);
    expect(a).toMatchObject({ mode: 1, pid: '0C', value: 1726, also: [{ mode: 1, pid: '0D', value: 50 }] });
    expect(b).toMatchObject({ mode: 0x22, did: 'F40C', value: 1726, also: [{ mode: 0x22, did: 'F40D', pid: '0D', value: 50 }] });
  });
});

describe('J1979-2 golden vectors: mode 09 info types and DIDs F8xx', () => {
  // VIN 1D4GP00R55B123456 = 31 44 34 47 50 30 30 52 35 35 42 31 32 33 34 35 36 in ASCII.
  // Classic: 49 02, NODI 01, 17 bytes = 20 bytes (ISO-TP 0x014). J1979-2: 62 F8 02 and the 17 bytes, no NODI.
  const VIN_CLASSIC = ['014', '0: 49 02 01 31 44 34', '1: 47 50 30 30 52 35 35', '2: 42 31 32 33 34 35 36'];
  const VIN_UDS = ['014', '0: 62 F8 02 31 44 34', '1: 47 50 30 30 52 35 35', '2: 42 31 32 33 34 35 36'];

  it('reads the VIN from the multi-frame answer of both paths', () => {
    const classic = decodeFrames(VIN_CLASSIC);
    const uds = decodeFrames(VIN_UDS);
    expect(classic[0]).toMatchObject({ mode: 9, infoType: '02', value: '1D4GP00R55B123456' });
    expect(uds[0]).toEqual({ ...classic[0], mode: 0x22, did: 'F802' });
    expect(uds.slice(1)).toEqual(classic.slice(1));
    expect(decodeFrames(['62 F8 02 31 44 34 47 50 30 30 52 35 35 42 31 32 33 34 35 36'])[0]).toEqual(uds[0]);
  });

  it.each([
    // Calibration id "JMB*36761500", 16 bytes padded with 00.
    { classic: '49 04 01 4A 4D 42 2A 33 36 37 36 31 35 30 30 00 00 00 00', uds: '62 F8 04 4A 4D 42 2A 33 36 37 36 31 35 30 30 00 00 00 00', infoType: '04', value: ['JMB*36761500'] },
    // CVN: 4 bytes, shown as hex.
    { classic: '49 06 01 17 91 BC 82', uds: '62 F8 06 17 91 BC 82', infoType: '06', value: ['1791BC82'] },
    // ECU name: "ECM", 00, "-", "EngineControl", padded to 20 bytes.
    {
      classic: '49 0A 01 45 43 4D 00 2D 45 6E 67 69 6E 65 43 6F 6E 74 72 6F 6C 00 00',
      uds: '62 F8 0A 45 43 4D 00 2D 45 6E 67 69 6E 65 43 6F 6E 74 72 6F 6C 00 00',
      infoType: '0A',
      value: { acronym: 'ECM', name: 'EngineControl' },
    },
  ])('$classic and $uds: info type $infoType', ({ classic, uds, infoType, value }) => {
    const [a, b] = decodeFrames([classic, uds]) as Record<string, any>[];
    expect(a).toMatchObject({ mode: 9, infoType });
    expectValue(a!.value, value);
    expect(b).toEqual({ ...a, mode: 0x22, did: `F8${infoType}` });
    expect(toJ1979_2(classic)).toBe(uds);
  });
});

// Two-byte DTC layout (J1979 / J2012): bits 7-6 of the first byte the system (00 P, 01 C,
// 10 B, 11 U), bits 5-4 the first digit, then three hex digits. J1979-2 adds the failure-type
// byte (the third) and the ISO 14229 status byte: bit 0 testFailed, 1 testFailedThisOperationCycle,
// 2 pending, 3 confirmed, 4 testNotCompletedSinceLastClear, 5 testFailedSinceLastClear,
// 6 testNotCompletedThisOperationCycle, 7 warningIndicatorRequested.
describe('J1979-2 golden vectors: fault codes', () => {
  it('stored codes: 43 (CAN count byte) and 59 02 (status mask 0x08 confirmed)', () => {
    const [classic, uds] = decodeFrames(['43 03 41 23 80 03 D1 23', '59 02 FF 41 23 00 09 80 03 13 08 D1 23 87 88']) as Record<string, any>[];
    expect(classic!.dtcs.map((d: { code: string }) => d.code)).toEqual(['C0123', 'B0003', 'U1123']);
    expect(uds).toMatchObject({
      mode: 0x19,
      subFunction: 0x02,
      statusAvailabilityMask: 0xff,
      dtcs: [
        { code: 'C0123', fullCode: 'C0123-00', failureType: 0x00, failureTypeName: 'No sub type information', statusByte: 0x09, status: { testFailed: true, confirmed: true, pending: false } },
        { code: 'B0003', fullCode: 'B0003-13', failureType: 0x13, failureTypeName: 'Circuit open', statusByte: 0x08, status: { testFailed: false, confirmed: true } },
        { code: 'U1123', fullCode: 'U1123-87', failureType: 0x87, failureTypeName: 'Missing message', statusByte: 0x88, status: { confirmed: true, warningIndicatorRequested: true } },
      ],
    });
    expect(uds!.dtcs.map((d: { code: string }) => d.code)).toEqual(classic!.dtcs.map((d: { code: string }) => d.code));
    expect(dtcStates(uds as DecodedFrame)).toEqual(dtcStates(classic as DecodedFrame));
    expect(dtcStates(classic as DecodedFrame).map((s) => s.state)).toEqual(['active', 'active', 'active']);
  });

  it('pending codes: 47 and 59 42 (severity, 3-byte DTC, status 0x04 pending)', () => {
    // 59 42: functional group 33 (emissions), status availability FF, severity availability FF,
    // DTC format 04 (SAE J2012-DA 3-byte); record = severity 20 (maintenanceOnly), 04 20 00, status 04.
    const [classic, uds] = decodeFrames(['47 01 04 20', '59 42 33 FF FF 04 20 04 20 00 04']) as Record<string, any>[];
    expect(classic).toMatchObject({ mode: 7, dtcs: [{ code: 'P0420' }] });
    expect(uds).toMatchObject({
      mode: 0x19,
      subFunction: 0x42,
      functionalGroup: 0x33,
      statusAvailabilityMask: 0xff,
      dtcFormat: 0x04,
      dtcs: [{ code: 'P0420', fullCode: 'P0420-00', failureType: 0, statusByte: 0x04, status: { pending: true, confirmed: false }, severity: { byte: 0x20, names: ['maintenanceOnly'] } }],
    });
    expect(dtcStates(uds as DecodedFrame)).toEqual([{ code: 'P0420', state: 'pending' }]);
    expect(dtcStates(uds as DecodedFrame)).toEqual(dtcStates(classic as DecodedFrame));
  });

  it('severity byte: class bits 0-4 and severity bits 5-7 (ISO 14229 DTCSeverityMask)', () => {
    // Severity 84 = checkImmediately (bit 7) + DTC class B1 (bit 2); P0300-00 confirmed and warning lamp (0x88).
    const [uds] = decodeFrames(['59 42 33 FF FF 04 84 03 00 00 88']) as Record<string, any>[];
    expect(uds!.dtcs[0]).toMatchObject({ code: 'P0300', severity: { byte: 0x84, names: ['dtcClassB1', 'checkImmediately'] }, status: { confirmed: true, warningIndicatorRequested: true } });
  });

  it('permanent codes: 4A and 59 55 (functional group, status availability, DTC format)', () => {
    const [classic, uds] = decodeFrames(['4A 01 C1 00', '59 55 33 FF 04 C1 00 87 08']) as Record<string, any>[];
    expect(classic).toMatchObject({ mode: 0x0a, dtcs: [{ code: 'U0100' }] });
    expect(uds).toMatchObject({
      mode: 0x19,
      subFunction: 0x55,
      functionalGroup: 0x33,
      statusAvailabilityMask: 0xff,
      dtcFormat: 0x04,
      dtcs: [{ code: 'U0100', fullCode: 'U0100-87', failureType: 0x87, failureTypeName: 'Missing message', statusByte: 0x08 }],
    });
    expect(dtcStates(uds as DecodedFrame)).toEqual([{ code: 'U0100', state: 'permanent' }]);
    expect(dtcStates(uds as DecodedFrame)).toEqual(dtcStates(classic as DecodedFrame));
  });

  it('clearing: 44 and 54 (ClearDiagnosticInformation positive response)', () => {
    expect(decodeFrames(['44', '54'])).toEqual([
      { mode: 4, cleared: true },
      { mode: 4, cleared: true },
    ]);
  });
});

// 7F <service> <code>; names as ISO 14229-1:2020 gives them (the py-uds NRC table follows it).
describe('J1979-2 golden vectors: negative responses', () => {
  it.each([
    { frame: '7F 22 31', service: 0x22, nrc: 0x31, nrcName: 'requestOutOfRange', detail: 'ReadDataByIdentifier refused: requestOutOfRange (0x31)' },
    { frame: '7F 22 13', service: 0x22, nrc: 0x13, nrcName: 'incorrectMessageLengthOrInvalidFormat' },
    { frame: '7F 22 14', service: 0x22, nrc: 0x14, nrcName: 'responseTooLong' },
    { frame: '7F 22 22', service: 0x22, nrc: 0x22, nrcName: 'conditionsNotCorrect' },
    { frame: '7F 22 33', service: 0x22, nrc: 0x33, nrcName: 'securityAccessDenied' },
    { frame: '7F 22 7F', service: 0x22, nrc: 0x7f, nrcName: 'serviceNotSupportedInActiveSession' },
    { frame: '7F 19 12', service: 0x19, nrc: 0x12, nrcName: 'subFunctionNotSupported', detail: 'ReadDTCInformation refused: subFunctionNotSupported (0x12)' },
    { frame: '7F 19 78', service: 0x19, nrc: 0x78, nrcName: 'requestCorrectlyReceivedResponsePending' },
    { frame: '7F 19 7E', service: 0x19, nrc: 0x7e, nrcName: 'subFunctionNotSupportedInActiveSession' },
    { frame: '7F 14 22', service: 0x14, nrc: 0x22, nrcName: 'conditionsNotCorrect' },
    { frame: '7F 22 10', service: 0x22, nrc: 0x10, nrcName: 'generalReject' },
    { frame: '7F 22 21', service: 0x22, nrc: 0x21, nrcName: 'busyRepeatRequest' },
    { frame: '7F 22 34', service: 0x22, nrc: 0x34, nrcName: 'authenticationRequired' },
    { frame: '7F 22 38', service: 0x22, nrc: 0x38, nrcName: 'secureDataTransmissionRequired' },
    { frame: '7F 22 3A', service: 0x22, nrc: 0x3a, nrcName: 'secureDataVerificationFailed' },
    { frame: '7F 22 3B', service: 0x22, nrc: 0x3b, nrcName: 'reservedByExtendedDataLinkSecurityDocument' },
    { frame: '7F 22 50', service: 0x22, nrc: 0x50, nrcName: 'certificateVerificationFailedInvalidTimePeriod' },
    { frame: '7F 22 5D', service: 0x22, nrc: 0x5d, nrcName: 'deAuthenticationFailed' },
    { frame: '7F 22 5E', service: 0x22, nrc: 0x5e, nrcName: 'ISOSAEReserved' },
    { frame: '7F 22 93', service: 0x22, nrc: 0x93, nrcName: 'voltageTooLow' },
    // Classic J1979 services refuse with the same codes.
    { frame: '7F 01 12', service: 0x01, nrc: 0x12, nrcName: 'subFunctionNotSupported', detail: 'mode 01 (current data) refused: subFunctionNotSupported (0x12)' },
    { frame: '7F 09 11', service: 0x09, nrc: 0x11, nrcName: 'serviceNotSupported' },
  ])('$frame: $nrcName', ({ frame, service, nrc, nrcName, detail }) => {
    const [entry] = decodeFrames([frame]) as Record<string, any>[];
    expect(entry).toEqual({ error: { code: 'NEGATIVE_RESPONSE', service, nrc, nrcName, detail: detail ?? expect.stringContaining(`${nrcName} (0x${frame.slice(6)})`) } });
  });
});
