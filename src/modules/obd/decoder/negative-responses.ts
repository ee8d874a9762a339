import type { DecodeError } from './types.ts';

// ISO 14229-1:2020 negative response codes, as OBD (J1979) and UDS (J1979-2) ECUs send them in
// `7F <sid> <nrc>`; 0x38-0x3A and 0x50-0x5D (secure transmission, authentication) came with 2020.
const NRC_NAMES: Record<number, string> = {
  0x10: 'generalReject',
  0x11: 'serviceNotSupported',
  0x12: 'subFunctionNotSupported',
  0x13: 'incorrectMessageLengthOrInvalidFormat',
  0x14: 'responseTooLong',
  0x21: 'busyRepeatRequest',
  0x22: 'conditionsNotCorrect',
  0x24: 'requestSequenceError',
  0x25: 'noResponseFromSubnetComponent',
  0x26: 'failurePreventsExecutionOfRequestedAction',
  0x31: 'requestOutOfRange',
  0x33: 'securityAccessDenied',
  0x34: 'authenticationRequired',
  0x35: 'invalidKey',
  0x36: 'exceededNumberOfAttempts',
  0x37: 'requiredTimeDelayNotExpired',
  0x38: 'secureDataTransmissionRequired',
  0x39: 'secureDataTransmissionNotAllowed',
  0x3a: 'secureDataVerificationFailed',
  0x50: 'certificateVerificationFailedInvalidTimePeriod',
  0x51: 'certificateVerificationFailedInvalidSignature',
  0x52: 'certificateVerificationFailedInvalidChainOfTrust',
  0x53: 'certificateVerificationFailedInvalidType',
  0x54: 'certificateVerificationFailedInvalidFormat',
  0x55: 'certificateVerificationFailedInvalidContent',
  0x56: 'certificateVerificationFailedInvalidScope',
  0x57: 'certificateVerificationFailedInvalidCertificate',
  0x58: 'ownershipVerificationFailed',
  0x59: 'challengeCalculationFailed',
  0x5a: 'settingAccessRightsFailed',
  0x5b: 'sessionKeyCreationOrDerivationFailed',
  0x5c: 'configurationDataUsageFailed',
  0x5d: 'deAuthenticationFailed',
  0x70: 'uploadDownloadNotAccepted',
  0x71: 'transferDataSuspended',
  0x72: 'generalProgrammingFailure',
  0x73: 'wrongBlockSequenceCounter',
  0x78: 'requestCorrectlyReceivedResponsePending',
  0x7e: 'subFunctionNotSupportedInActiveSession',
  0x7f: 'serviceNotSupportedInActiveSession',
  0x81: 'rpmTooHigh',
  0x82: 'rpmTooLow',
  0x83: 'engineIsRunning',
  0x84: 'engineIsNotRunning',
  0x85: 'engineRunTimeTooLow',
  0x86: 'temperatureTooHigh',
  0x87: 'temperatureTooLow',
  0x88: 'vehicleSpeedTooHigh',
  0x89: 'vehicleSpeedTooLow',
  0x8a: 'throttlePedalTooHigh',
  0x8b: 'throttlePedalTooLow',
  0x8c: 'transmissionRangeNotInNeutral',
  0x8d: 'transmissionRangeNotInGear',
  0x8f: 'brakeSwitchesNotClosed',
  0x90: 'shifterLeverNotInPark',
  0x91: 'torqueConverterClutchLocked',
  0x92: 'voltageTooHigh',
  0x93: 'voltageTooLow',
  0x94: 'resourceTemporarilyNotAvailable',
};

/** The ISO 14229-1 name of a negative response code. */
export function nrcName(nrc: number): string {
  const known = NRC_NAMES[nrc];
  if (known) return known;
  if (nrc >= 0x3b && nrc <= 0x4f) return 'reservedByExtendedDataLinkSecurityDocument';
  if (nrc >= 0x95 && nrc <= 0xef) return 'reservedForSpecificConditionsNotCorrect';
  if (nrc >= 0xf0 && nrc <= 0xfe) return 'vehicleManufacturerSpecificConditionsNotCorrect';
  return 'ISOSAEReserved';
}

const SERVICES: Record<number, string> = {
  0x01: 'mode 01 (current data)',
  0x02: 'mode 02 (freeze frame)',
  0x03: 'mode 03 (stored DTCs)',
  0x04: 'mode 04 (clear DTCs)',
  0x05: 'mode 05 (oxygen sensor tests)',
  0x06: 'mode 06 (on-board monitoring tests)',
  0x07: 'mode 07 (pending DTCs)',
  0x08: 'mode 08 (control of on-board systems)',
  0x09: 'mode 09 (vehicle information)',
  0x0a: 'mode 0A (permanent DTCs)',
  0x10: 'DiagnosticSessionControl',
  0x11: 'ECUReset',
  0x14: 'ClearDiagnosticInformation',
  0x19: 'ReadDTCInformation',
  0x22: 'ReadDataByIdentifier',
  0x27: 'SecurityAccess',
  0x2e: 'WriteDataByIdentifier',
  0x31: 'RoutineControl',
  0x3e: 'TesterPresent',
};

/** `7F <sid> <nrc>` as an error value naming the refused service and the reason. */
export function negativeResponse(bytes: Uint8Array): DecodeError {
  if (bytes.length < 3) return { code: 'FRAME_TOO_SHORT', detail: 'a negative response is 7F <service> <code>' };
  const service = bytes[1]!;
  const nrc = bytes[2]!;
  const name = nrcName(nrc);
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  const what = SERVICES[service] ?? `service ${hex(service)}`;
  return { code: 'NEGATIVE_RESPONSE', detail: `${what} refused: ${name} (0x${hex(nrc)})`, service, nrc, nrcName: name };
}
