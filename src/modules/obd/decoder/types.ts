import type { DecodeErrorCode } from './error-codes.ts';

/** A decoded value: a number, a label, a flag, or a structure of them (bit-encoded PIDs). */
export type PidValue = number | string | boolean | null | PidValue[] | { [key: string]: PidValue };

/** One measured quantity of a multi-value PID (a sensor, a bank, a timer...). */
export interface SubValue {
  name: string;
  /** null when the ECU says the sensor is not supported or not used. */
  value: number | string | boolean | null;
  unit: string;
}

/** What a PID's bytes mean: the main value, and every sub-value of a multi-value PID. */
export interface PidReading {
  value: PidValue;
  unit: string;
  values?: Record<string, SubValue>;
}

/** A numeric field of a PID's data bytes: physical = raw * scale + add. */
export interface PidField {
  key: string;
  name: string;
  unit: string;
  /** Offset of the field in the data bytes (after the PID byte). */
  at: number;
  size: 1 | 2 | 4;
  scale: number;
  add: number;
  signed?: boolean;
  /** Bit of data byte A that says whether this field is supported. */
  supportBit?: number;
  /** Raw value that means "not available" (decoded as null), e.g. 0xFF for an unused trim. */
  nullRaw?: number;
}

/** One SAE J1979 mode 01 / 02 parameter: its name, size and formula. */
export interface PidDefinition {
  pid: number;
  name: string;
  /** Data bytes the current J1979 defines. */
  bytes: number;
  /** Shortest data accepted (earlier revisions of the standard defined fewer bytes). */
  minBytes: number;
  unit: string;
  /** Numeric layout, present for PIDs that the encoder can produce. */
  fields?: PidField[];
  decode(data: Uint8Array): PidReading;
}

/** Shape of `describeDtc` from `src/modules/obd/dtc/index.ts`. */
export type DescribeDtc = (code: string, locale: 'fr' | 'en') => { description: string; system: string; manufacturerSpecific: boolean } | undefined;

export interface DecodeOptions {
  /** 'legacy' = ISO 9141 / KWP2000 layout (mode 03 without count byte). Unset: guessed per frame. */
  protocol?: 'can' | 'legacy';
  /** Fault-code descriptions; without it, descriptions are null. */
  describe?: DescribeDtc;
  /** Language of the descriptions (default French, the owners' language). */
  locale?: 'fr' | 'en';
}

export interface DecodeError {
  code: DecodeErrorCode;
  detail: string;
  /** Negative responses: the service that was refused and the response code. */
  service?: number;
  nrc?: number;
  nrcName?: string;
}

export interface DtcEntry {
  code: string;
  description: string | null;
  system?: string;
  manufacturerSpecific?: boolean;
}

/** With ELM327 headers on (ATH1), the CAN identifier of the ECU that answered. */
export interface FromEcu {
  /** '7E8'..'7EF' (11-bit) or '18DAF1xx' (29-bit). */
  ecu?: string;
}

export interface PidFrame extends PidReading, FromEcu {
  /** 1 current data, 2 freeze frame, 0x22 J1979-2 ReadDataByIdentifier. */
  mode: 1 | 2 | 0x22;
  pid: string;
  name: string;
  /** Mode 02: the freeze frame number. */
  frame?: number;
  /** J1979-2: the data identifier, e.g. 'F40C'. */
  did?: string;
  /** PID 02: the fault code that stored the freeze frame. */
  dtc?: DtcEntry | null;
  /** The other PIDs of the same message: on CAN, one request may ask for up to six PIDs. */
  also?: PidFrame[];
}

export interface DtcFrame extends FromEcu {
  mode: 3 | 7 | 0x0a;
  dtcs: DtcEntry[];
}

export interface ClearedFrame extends FromEcu {
  mode: 4;
  cleared: true;
}

export interface VehicleInfoFrame extends FromEcu {
  mode: 9 | 0x22;
  infoType: string;
  name: string;
  value: PidValue;
  did?: string;
}

/** One mode 06 on-board monitoring test result. */
export interface MonitorTest {
  mid: string;
  monitor: string;
  tid: string;
  test: string;
  /** The Unit and Scaling ID the value was converted with. */
  uasId: number;
  value: number | boolean;
  min: number | boolean;
  max: number | boolean;
  unit: string;
  /** min <= value <= max (or the flag itself for pass/fail tests). */
  passed: boolean;
}

export interface MonitorFrame extends FromEcu {
  mode: 6;
  mid: string;
  /** MIDs 00, 20, 40...: the monitors the ECU supports. */
  supportedMids?: string[];
  tests: MonitorTest[];
}

/** A ISO 14229 DTC status byte, bit by bit. */
export interface DtcStatus {
  testFailed: boolean;
  testFailedThisOperationCycle: boolean;
  pending: boolean;
  confirmed: boolean;
  testNotCompletedSinceLastClear: boolean;
  testFailedSinceLastClear: boolean;
  testNotCompletedThisOperationCycle: boolean;
  warningIndicatorRequested: boolean;
}

export interface UdsDtcEntry extends DtcEntry {
  /** Code with its failure type, e.g. 'P0133-1C'. */
  fullCode: string;
  failureType: number;
  failureTypeName: string;
  statusByte: number;
  status: DtcStatus;
  severity?: { byte: number; names: string[] };
}

export interface UdsDtcFrame extends FromEcu {
  mode: 0x19;
  subFunction: number;
  functionalGroup?: number;
  statusAvailabilityMask: number;
  /** DTCFormatIdentifier: 0x04 is SAE J2012-DA (two bytes of code + failure type). */
  dtcFormat?: number;
  /** Sub-function 0x56: the DTC readiness group asked for. */
  readinessGroup?: number;
  dtcs: UdsDtcEntry[];
}

/** A line that belonged to a multi-line message decoded at entry `of`. */
export interface ContinuationFrame {
  continuation: { of: number };
}

export interface ErrorFrame extends FromEcu {
  error: DecodeError;
}

export type DecodedFrame = PidFrame | DtcFrame | ClearedFrame | VehicleInfoFrame | MonitorFrame | UdsDtcFrame | ContinuationFrame | ErrorFrame;

/** A decoded message before it is placed in the output (no continuation entries). */
export type DecodedMessage = Exclude<DecodedFrame, ContinuationFrame>;
