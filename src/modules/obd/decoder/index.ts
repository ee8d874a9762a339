// OBD-II decoder: the only door of this folder. Pure library, usable without the server.
export { decodeFrames, decodeElmOutput } from './decode-frames.ts';
export { decodeMessage } from './decode-message.ts';
export { splitElmOutput } from './elm-lines.ts';
export { dtcFromBytes, dtcToBytes } from './dtc-bytes.ts';
export { dtcStatus } from './uds-j1979-2.ts';
export { dtcStates, type DtcState } from './dtc-states.ts';
export { numericReadings, type Reading } from './readings.ts';
export { nrcName } from './negative-responses.ts';
export { failureTypeName } from './failure-types.ts';
export { DECODE_ERROR_CODES, type DecodeErrorCode } from './error-codes.ts';
export { pidCatalogue, type PidInfo, type PidFieldInfo } from './catalogue.ts';
export { encodePid, encodePidData, encodeDtcResponse, encodeUdsDtcReport, toJ1979_2, toIsoTpLines, toCanFrames } from './encode.ts';
export type {
  DecodedFrame,
  DecodedMessage,
  DecodeOptions,
  DecodeError,
  DescribeDtc,
  DtcEntry,
  DtcStatus,
  PidFrame,
  DtcFrame,
  ClearedFrame,
  VehicleInfoFrame,
  MonitorFrame,
  MonitorTest,
  UdsDtcFrame,
  UdsDtcEntry,
  ContinuationFrame,
  ErrorFrame,
  PidValue,
  SubValue,
} from './types.ts';
