import { dtcFromBytes } from './dtc-bytes.ts';
import { failureTypeName } from './failure-types.ts';
import { pidHex } from './pid-table.ts';
import type { DecodeError, DtcEntry, DtcStatus, UdsDtcEntry, UdsDtcFrame } from './types.ts';

// SAE J1979-2 (OBD on UDS, ISO 14229): ReadDTCInformation (0x19) responses `59 <sub> ...`
// with 3-byte DTCs (two bytes of code + failure type byte) followed by a status byte.

/** The eight ISO 14229 DTC status bits. */
export function dtcStatus(byte: number): DtcStatus {
  const bit = (i: number) => (byte >> i) % 2 === 1;
  return {
    testFailed: bit(0),
    testFailedThisOperationCycle: bit(1),
    pending: bit(2),
    confirmed: bit(3),
    testNotCompletedSinceLastClear: bit(4),
    testFailedSinceLastClear: bit(5),
    testNotCompletedThisOperationCycle: bit(6),
    warningIndicatorRequested: bit(7),
  };
}

// DTCSeverityMask: bits 0-4 the WWH-OBD DTC class, bits 5-7 the severity.
const SEVERITY_BITS = ['dtcClass0', 'dtcClassA', 'dtcClassB1', 'dtcClassB2', 'dtcClassC', 'maintenanceOnly', 'checkAtNextHalt', 'checkImmediately'];

function severity(byte: number): { byte: number; names: string[] } {
  return { byte, names: SEVERITY_BITS.filter((_, i) => (byte >> i) % 2 === 1) };
}

// Header bytes after `59 <sub>`, and whether each record starts with a severity byte.
// `format` is the offset of the DTCFormatIdentifier (0x04 = SAE J2012-DA 3-byte codes) after `59 <sub>`.
const LAYOUTS: Record<number, { header: number; hasGroup: boolean; severity: boolean; format?: number }> = {
  0x02: { header: 1, hasGroup: false, severity: false }, // reportDTCByStatusMask: SAM
  0x0a: { header: 1, hasGroup: false, severity: false }, // reportSupportedDTC: SAM
  0x42: { header: 4, hasGroup: true, severity: true, format: 3 }, // reportWWHOBDDTCByMaskRecord: FGID SAM SVAM FID
  0x55: { header: 3, hasGroup: true, severity: false, format: 2 }, // reportWWHOBDDTCWithPermanentStatus: FGID SAM FID
  0x56: { header: 4, hasGroup: true, severity: false, format: 2 }, // reportDTCInformationByDTCReadinessGroupIdentifier: FGID SAM FID RGID
};

/** Decodes a ReadDTCInformation positive response (`59 ...`). */
export function decodeUdsDtcReport(bytes: Uint8Array, describe: (code: string) => DtcEntry): UdsDtcFrame | { error: DecodeError } {
  const sub = bytes[1];
  if (sub === undefined) return { error: { code: 'FRAME_TOO_SHORT', detail: 'a ReadDTCInformation response needs a sub-function' } };
  const layout = LAYOUTS[sub];
  if (!layout) return { error: { code: 'SUBFUNCTION_NOT_DECODED', detail: `ReadDTCInformation sub-function ${pidHex(sub)} is not decoded` } };
  const start = 2 + layout.header;
  if (bytes.length < start) return { error: { code: 'FRAME_TOO_SHORT', detail: `sub-function ${pidHex(sub)} needs ${layout.header} header bytes` } };
  const recordSize = layout.severity ? 5 : 4;
  const records = bytes.length - start;
  if (records % recordSize !== 0) {
    return { error: { code: 'FRAME_BAD_LENGTH', detail: `${records} bytes are not whole ${recordSize}-byte DTC records` } };
  }
  const dtcs: UdsDtcEntry[] = [];
  for (let i = start; i < bytes.length; i += recordSize) {
    const at = layout.severity ? i + 1 : i;
    const code = dtcFromBytes(bytes[at]!, bytes[at + 1]!);
    const failureType = bytes[at + 2]!;
    const statusByte = bytes[at + 3]!;
    dtcs.push({
      ...describe(code),
      fullCode: `${code}-${pidHex(failureType)}`,
      failureType,
      failureTypeName: failureTypeName(failureType),
      statusByte,
      status: dtcStatus(statusByte),
      ...(layout.severity ? { severity: severity(bytes[i]!) } : {}),
    });
  }
  return {
    mode: 0x19,
    subFunction: sub,
    ...(layout.hasGroup ? { functionalGroup: bytes[2]! } : {}),
    statusAvailabilityMask: bytes[layout.hasGroup ? 3 : 2]!,
    ...(layout.format !== undefined ? { dtcFormat: bytes[2 + layout.format]! } : {}),
    ...(sub === 0x56 ? { readinessGroup: bytes[5]! } : {}),
    dtcs,
  };
}
