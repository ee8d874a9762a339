/**
 * What can go wrong during a flash, as the virtual ECU simulates it:
 * - `powerLoss`: power is cut while the ECU handles the request (a transfer writes only part of
 *   its block, an erase erases only part of its range); it answers nothing until power cycled.
 * - `busError`: the request or its answer is lost on the bus.
 * - `wrongKey`: the ECU judges the key invalid (as with a wrong algorithm).
 * - `checksumMismatch`: one byte of a transferred block is stored corrupted.
 * - `writeFailure`: the flash refuses a transferred block (negative response 0x72).
 * - `silence`: the ECU stops answering (a hang) until power cycled.
 */
export type FaultKind = 'powerLoss' | 'busError' | 'wrongKey' | 'checksumMismatch' | 'writeFailure' | 'silence';

/** A fault armed on the virtual ECU. */
export interface Fault {
  kind: FaultKind;
  /** The service whose requests trigger it; any service when absent. */
  service?: number;
  /** Which matching request triggers it first, 1-based, counted from when it is armed. */
  occurrence?: number;
  /** How many matching requests in a row it hits from there (default 1). */
  times?: number;
  /** For `busError`: the request is lost (never handled) or its answer is (default). */
  lose?: 'request' | 'response';
}

/** An armed fault and how many matching requests it has seen. */
export class ArmedFault {
  readonly fault: Fault;
  #seen = 0;

  constructor(fault: Fault) {
    this.fault = fault;
  }

  /** Counts a request and says whether the fault hits it. */
  hits(service: number): boolean {
    if (this.fault.service !== undefined && this.fault.service !== service) return false;
    this.#seen++;
    const first = this.fault.occurrence ?? 1;
    return this.#seen >= first && this.#seen < first + (this.fault.times ?? 1);
  }
}
