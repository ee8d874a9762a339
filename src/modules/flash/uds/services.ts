/** UDS (ISO 14229-1) service identifiers used by the flash sequence. */
export const Sid = {
  diagnosticSessionControl: 0x10,
  ecuReset: 0x11,
  readDataByIdentifier: 0x22,
  readMemoryByAddress: 0x23,
  securityAccess: 0x27,
  communicationControl: 0x28,
  routineControl: 0x31,
  requestDownload: 0x34,
  requestUpload: 0x35,
  transferData: 0x36,
  requestTransferExit: 0x37,
  testerPresent: 0x3e,
  controlDtcSetting: 0x85,
} as const;

/** First byte of a negative response: 0x7F, the refused service, the reason. */
export const NEGATIVE_RESPONSE = 0x7f;

/** Negative response codes (ISO 14229-1 annex A) the stack produces or handles. */
export const Nrc = {
  generalReject: 0x10,
  serviceNotSupported: 0x11,
  subFunctionNotSupported: 0x12,
  incorrectMessageLength: 0x13,
  busyRepeatRequest: 0x21,
  conditionsNotCorrect: 0x22,
  requestSequenceError: 0x24,
  requestOutOfRange: 0x31,
  securityAccessDenied: 0x33,
  invalidKey: 0x35,
  exceededNumberOfAttempts: 0x36,
  requiredTimeDelayNotExpired: 0x37,
  uploadDownloadNotAccepted: 0x70,
  generalProgrammingFailure: 0x72,
  wrongBlockSequenceCounter: 0x73,
  responsePending: 0x78,
  serviceNotSupportedInActiveSession: 0x7f,
} as const;

/** The name of a negative response code, for messages and reports. */
export function nrcName(nrc: number): string {
  for (const [name, code] of Object.entries(Nrc)) if (code === nrc) return name;
  return `0x${nrc.toString(16).padStart(2, '0')}`;
}

/** Diagnostic sessions (service 0x10 sub-functions). */
export const Session = { default: 0x01, programming: 0x02, extended: 0x03 } as const;

/** Data identifiers read by the agent (ISO 14229-1 annex C). */
export const Did = {
  vin: 0xf190,
  ecuHardwareNumber: 0xf191,
  ecuSoftwareNumber: 0xf195,
  /** SAE J1979-2's DID for PID 0x42, control module voltage: 2 bytes, millivolts. */
  controlModuleVoltage: 0xf442,
} as const;

/** Routine identifiers: the two ISO 14229-1 reserves for flashing and the usual memory check. */
export const Routine = {
  /** Erase memory: option record ALFID, address, size. */
  eraseMemory: 0xff00,
  /** Check programming dependencies: the application is complete and consistent. */
  checkProgrammingDependencies: 0xff01,
  /** Check memory (manufacturer range, as HIS flash loaders): ALFID, address, size, CRC-32. */
  checkMemory: 0x0202,
} as const;

/** Routine status record first byte: the routine found everything correct. */
export const ROUTINE_CORRECT = 0x00;

/** The address-and-length format identifier used on the wire: 4-byte size, 4-byte address. */
const ADDRESS_AND_LENGTH_FORMAT = 0x44;

/** Encodes a 32-bit address and a 32-bit size after their format identifier (0x44). */
export function encodeAddressAndSize(address: number, size: number): Uint8Array {
  const out = new Uint8Array(9);
  const view = new DataView(out.buffer);
  out[0] = ADDRESS_AND_LENGTH_FORMAT;
  view.setUint32(1, address);
  view.setUint32(5, size);
  return out;
}

/**
 * Decodes an address-and-length format identifier and the address and size it announces
 * (1-4 bytes each), or undefined when the identifier or the length is wrong.
 */
export function decodeAddressAndSize(bytes: Uint8Array): { address: number; size: number; rest: Uint8Array } | undefined {
  const format = bytes[0];
  if (format === undefined) return undefined;
  const sizeBytes = format >> 4;
  const addressBytes = format & 0x0f;
  if (sizeBytes < 1 || sizeBytes > 4 || addressBytes < 1 || addressBytes > 4 || bytes.length < 1 + addressBytes + sizeBytes) return undefined;
  let address = 0;
  for (let i = 0; i < addressBytes; i++) address = address * 256 + bytes[1 + i]!;
  let size = 0;
  for (let i = 0; i < sizeBytes; i++) size = size * 256 + bytes[1 + addressBytes + i]!;
  return { address, size, rest: bytes.subarray(1 + addressBytes + sizeBytes) };
}
