import { AppError } from '../../../platform/errors.ts';
import { nrcName } from './services.ts';

/** Stable codes of UDS client failures. */
export type UdsErrorCode = 'UDS_NEGATIVE_RESPONSE' | 'UDS_NO_RESPONSE' | 'UDS_RESPONSE_INVALID' | 'UDS_SECURITY_LOCKED';

/** A UDS request that did not succeed; `nrc` is set for a negative response. */
export class UdsError extends AppError {
  override readonly code: UdsErrorCode;
  readonly service: number;
  readonly nrc: number | undefined;

  constructor(code: UdsErrorCode, service: number, message: string, nrc?: number) {
    const detail = nrc === undefined ? {} : { nrc, nrcName: nrcName(nrc) };
    super(502, code, `service 0x${service.toString(16).padStart(2, '0')}: ${message}`, { details: { service, ...detail } });
    this.name = 'UdsError';
    this.code = code;
    this.service = service;
    this.nrc = nrc;
  }
}
