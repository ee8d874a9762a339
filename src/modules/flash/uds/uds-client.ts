import type { IsoTpLink } from '../isotp/isotp-link.ts';
import type { Timers } from '../timing/timers.ts';
import type { KeyAlgorithm } from './security-key.ts';
import { encodeAddressAndSize, Nrc, Routine, ROUTINE_CORRECT, Sid } from './services.ts';
import { UdsError } from './uds-error.ts';
import { type RequestOptions, UdsRequester, type UdsTiming } from './uds-requester.ts';

const LATIN1 = new TextDecoder('latin1');

/** Outcome of a routine that checks something (status record byte 0x00: correct). */
export interface RoutineCheck {
  correct: boolean;
  status: Uint8Array;
}

/**
 * A UDS (ISO 14229-1) tester: one method per service the flash sequence uses, each resolving
 * with the decoded positive response or rejecting with a UdsError (negative response with its
 * NRC, no answer after bounded retries, malformed answer).
 *
 * @example
 * const client = new UdsClient(link, timers);
 * await client.diagnosticSessionControl(Session.programming);
 * await client.unlock(0x01, hmacKeyAlgorithm(secret));
 */
export class UdsClient {
  readonly #requester: UdsRequester;

  constructor(link: IsoTpLink, timers: Timers, timing: Partial<UdsTiming> = {}) {
    this.#requester = new UdsRequester(link, timers, timing);
  }

  /** Sends a raw request and returns the raw positive response. */
  request(bytes: Uint8Array, options?: RequestOptions): Promise<Uint8Array> {
    return this.#requester.request(bytes, options);
  }

  /** 0x10: enters a session and adopts the P2/P2* the ECU announces. */
  async diagnosticSessionControl(session: number): Promise<{ p2Ms: number; p2StarMs: number }> {
    const r = await this.#expect(Uint8Array.of(Sid.diagnosticSessionControl, session), 6, (r) => r[1] === session);
    const p2Ms = (r[2]! << 8) | r[3]!;
    const p2StarMs = ((r[4]! << 8) | r[5]!) * 10;
    this.#requester.timing.p2Ms = Math.max(p2Ms, 1);
    this.#requester.timing.p2StarMs = Math.max(p2StarMs, 1);
    return { p2Ms, p2StarMs };
  }

  /** 0x11: resets the ECU (0x01 hard reset). */
  async ecuReset(type = 0x01): Promise<void> {
    await this.#expect(Uint8Array.of(Sid.ecuReset, type), 2, (r) => r[1] === type);
  }

  /** 0x22: reads one data identifier's value. */
  async readDataByIdentifier(did: number): Promise<Uint8Array> {
    const r = await this.#expect(Uint8Array.of(Sid.readDataByIdentifier, did >> 8, did & 0xff), 3, (r) => ((r[1]! << 8) | r[2]!) === did);
    return r.subarray(3);
  }

  /** 0x22 of an ASCII identifier (VIN, part numbers), trailing padding removed. */
  async readText(did: number): Promise<string> {
    const value = await this.readDataByIdentifier(did);
    return LATIN1.decode(value).replace(/[\0\xff ]+$/, '');
  }

  /** 0x23: reads `size` bytes of memory at `address`. */
  async readMemoryByAddress(address: number, size: number): Promise<Uint8Array> {
    const request = new Uint8Array(10);
    request[0] = Sid.readMemoryByAddress;
    request.set(encodeAddressAndSize(address, size), 1);
    const r = await this.#expect(request, 1 + size, () => true);
    if (r.length !== 1 + size) throw new UdsError('UDS_RESPONSE_INVALID', Sid.readMemoryByAddress, `asked ${size} bytes, got ${r.length - 1}`);
    return r.subarray(1);
  }

  /**
   * 0x27: unlocks a security level (odd seed sub-function, key at level + 1). A zero seed means
   * already unlocked. An invalid key (0x35) is tried again with a fresh seed, up to
   * `maxAttempts` keys in all, below the ECU's lockout; exceeded attempts (0x36) or a lockout
   * delay (0x37) end with UDS_SECURITY_LOCKED.
   */
  async unlock(level: number, algorithm: KeyAlgorithm, maxAttempts = 2): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let seed: Uint8Array;
      try {
        seed = (await this.#expect(Uint8Array.of(Sid.securityAccess, level), 3, (r) => r[1] === level)).subarray(2);
      } catch (error) {
        throw lockedOr(error);
      }
      if (seed.every((b) => b === 0)) return;
      const key = algorithm(seed, level);
      try {
        // A key is never resent as is: with its answer lost, a second copy would be a second attempt.
        await this.#expect(Uint8Array.of(Sid.securityAccess, level + 1, ...key), 2, (r) => r[1] === level + 1, { retries: 0 });
        return;
      } catch (error) {
        const retryable = error instanceof UdsError && (error.nrc === Nrc.invalidKey || error.code === 'UDS_NO_RESPONSE');
        if (!retryable || attempt >= maxAttempts) throw lockedOr(error);
      }
    }
  }

  /** 0x28: enables or disables the ECU's normal communication (0x03 disables Rx and Tx). */
  async communicationControl(control: number, communicationType = 0x01): Promise<void> {
    await this.#expect(Uint8Array.of(Sid.communicationControl, control, communicationType), 2, (r) => r[1] === control);
  }

  /** 0x85: switches DTC setting on (0x01) or off (0x02). */
  async controlDtcSetting(type: number): Promise<void> {
    await this.#expect(Uint8Array.of(Sid.controlDtcSetting, type), 2, (r) => r[1] === type);
  }

  /** 0x31 start routine: returns the status record. */
  async startRoutine(routine: number, options: Uint8Array = new Uint8Array(0)): Promise<Uint8Array> {
    const request = Uint8Array.of(Sid.routineControl, 0x01, routine >> 8, routine & 0xff, ...options);
    const r = await this.#expect(request, 4, (r) => r[1] === 0x01 && ((r[2]! << 8) | r[3]!) === routine);
    return r.subarray(4);
  }

  /** Routine 0xFF00: erases `size` bytes of flash at `address`. */
  async eraseMemory(address: number, size: number): Promise<RoutineCheck> {
    return check(await this.startRoutine(Routine.eraseMemory, encodeAddressAndSize(address, size)));
  }

  /** Routine 0x0202: the ECU checks a block against its CRC-32 and marks it valid if it matches. */
  async checkMemory(address: number, size: number, crc32: number): Promise<RoutineCheck> {
    const options = new Uint8Array(13);
    options.set(encodeAddressAndSize(address, size));
    new DataView(options.buffer).setUint32(9, crc32);
    return check(await this.startRoutine(Routine.checkMemory, options));
  }

  /** Routine 0xFF01: the ECU checks that the application is complete and may start. */
  async checkProgrammingDependencies(): Promise<RoutineCheck> {
    return check(await this.startRoutine(Routine.checkProgrammingDependencies));
  }

  /** 0x34: announces a download; returns the ECU's maximum 0x36 request length. */
  requestDownload(address: number, size: number): Promise<{ maxBlockLength: number }> {
    return this.#transferRequest(Sid.requestDownload, address, size);
  }

  /** 0x35: announces an upload (the ECU sends memory); returns the maximum 0x36 length. */
  requestUpload(address: number, size: number): Promise<{ maxBlockLength: number }> {
    return this.#transferRequest(Sid.requestUpload, address, size);
  }

  /** 0x36: sends (download) or fetches (upload) one block; the counter wraps 0xFF → 0x00. */
  async transferData(counter: number, data: Uint8Array = new Uint8Array(0)): Promise<Uint8Array> {
    const request = new Uint8Array(2 + data.length);
    request[0] = Sid.transferData;
    request[1] = counter & 0xff;
    request.set(data, 2);
    const r = await this.#expect(request, 2, (r) => r[1] === (counter & 0xff));
    return r.subarray(2);
  }

  /** 0x37: ends a download or upload. */
  async requestTransferExit(): Promise<void> {
    await this.#expect(Uint8Array.of(Sid.requestTransferExit), 1, () => true);
  }

  /** 0x3E: keeps a non-default session alive. */
  async testerPresent(): Promise<void> {
    await this.#expect(Uint8Array.of(Sid.testerPresent, 0x00), 2, () => true);
  }

  async #transferRequest(sid: number, address: number, size: number): Promise<{ maxBlockLength: number }> {
    const request = new Uint8Array(11);
    request[0] = sid;
    request[1] = 0x00; // no compression, no encryption
    request.set(encodeAddressAndSize(address, size), 2);
    const r = await this.#expect(request, 2, (r) => r.length >= 2 + (r[1]! >> 4) && r[1]! >> 4 >= 1);
    let maxBlockLength = 0;
    for (let i = 0; i < r[1]! >> 4; i++) maxBlockLength = maxBlockLength * 256 + r[2 + i]!;
    if (maxBlockLength < 3) throw new UdsError('UDS_RESPONSE_INVALID', sid, `maximum block length ${maxBlockLength} leaves no room for data`);
    return { maxBlockLength };
  }

  async #expect(request: Uint8Array, minLength: number, valid: (r: Uint8Array) => boolean, options?: RequestOptions): Promise<Uint8Array> {
    const r = await this.#requester.request(request, options);
    if (r.length < minLength || !valid(r)) throw new UdsError('UDS_RESPONSE_INVALID', request[0]!, 'the positive response does not match the request');
    return r;
  }
}

function check(status: Uint8Array): RoutineCheck {
  return { correct: status[0] === ROUTINE_CORRECT, status };
}

function lockedOr(error: unknown): unknown {
  if (error instanceof UdsError && (error.nrc === Nrc.exceededNumberOfAttempts || error.nrc === Nrc.requiredTimeDelayNotExpired)) {
    return new UdsError('UDS_SECURITY_LOCKED', Sid.securityAccess, `security access locked (${error.message})`, error.nrc);
  }
  return error;
}

