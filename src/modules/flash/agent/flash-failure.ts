import { AppError } from '../../../platform/errors.ts';

/** Stable codes of flash steps that found something wrong (UDS and ISO-TP errors keep theirs). */
export type FlashFailureCode =
  | 'VIN_MISMATCH'
  | 'BATTERY_LOW'
  | 'IGNITION_OFF'
  | 'BACKUP_MISSING'
  | 'BACKUP_CORRUPT'
  | 'BACKUP_VEHICLE_MISMATCH'
  | 'BACKUP_RANGES_MISMATCH'
  | 'ERASE_FAILED'
  | 'BLOCK_CHECK_FAILED'
  | 'PROGRAMMING_DEPENDENCIES_FAILED'
  | 'READBACK_MISMATCH';

/** A flash step that could not complete. */
export class FlashFailure extends AppError {
  constructor(code: FlashFailureCode, message: string, details?: Record<string, unknown>) {
    super(422, code, message, details === undefined ? {} : { details });
    this.name = 'FlashFailure';
  }
}
