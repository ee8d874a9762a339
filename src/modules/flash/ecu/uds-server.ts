import type { Timers } from '../timing/timers.ts';
import type { KeyAlgorithm } from '../uds/security-key.ts';
import { decodeAddressAndSize, Did, Nrc, Routine, Session, Sid } from '../uds/services.ts';
import type { FlashMemory } from './flash-memory.ts';
import { no, ok, okWith, type Reply } from './replies.ts';
import { TransferService, type WriteFaults } from './transfer-service.ts';

/** Identification a simulated ECU answers with. */
export interface EcuIdentification {
  vin: string;
  ecuHardware: string;
  ecuSoftware: string;
}

/** Settings of the simulated ECU's diagnostic server. */
export interface UdsServerConfig {
  identification: Omit<EcuIdentification, 'ecuSoftware'>;
  /** The software version the ECU reports now (it may change with its memory). */
  softwareVersion: () => string;
  /** The supply voltage the ECU measures (DID 0xF442). */
  supplyVolts: () => number;
  keyAlgorithm: KeyAlgorithm;
  /** The odd security level that unlocks programming. */
  securityLevel: number;
  /** Longest 0x36 request (SID and counter included) the ECU takes. */
  maxBlockLength: number;
  /** Wrong keys in a row before the lockout. */
  maxKeyAttempts: number;
  lockoutMs: number;
  /** How long erase and checks take (answered with "response pending" first). */
  routineMs: number;
  /** Draws a 4-byte seed. */
  seed: () => Uint8Array;
}

/** Faults that change how a request is handled (decided by the ECU's fault plan). */
export interface HandlingFaults extends WriteFaults {
  wrongKey?: boolean;
}

const SERVICES: readonly number[] = Object.values(Sid);
const ASCII = new TextEncoder();
const ALLOWED: Record<number, readonly number[]> = {
  [Session.default]: [Sid.diagnosticSessionControl, Sid.ecuReset, Sid.readDataByIdentifier, Sid.testerPresent],
  [Session.extended]: [
    Sid.diagnosticSessionControl,
    Sid.ecuReset,
    Sid.readDataByIdentifier,
    Sid.testerPresent,
    Sid.securityAccess,
    Sid.communicationControl,
    Sid.controlDtcSetting,
    Sid.readMemoryByAddress,
    Sid.requestUpload,
    Sid.transferData,
    Sid.requestTransferExit,
  ],
  [Session.programming]: SERVICES,
};
const NEEDS_SECURITY: readonly number[] = [Sid.readMemoryByAddress, Sid.requestUpload, Sid.requestDownload, Sid.routineControl];

/**
 * The diagnostic server of the simulated ECU: sessions, seed/key security with lockout,
 * communication and DTC control, identification, memory reads, erase and check routines, and
 * downloads/uploads with the block sequence counter (a repeated counter is answered again
 * without writing twice, as ISO 14229-1 asks). Power and faults are the VirtualEcu's business.
 */
export class UdsServer {
  session: number = Session.default;
  unlocked = false;
  communicationDisabled = false;
  dtcSettingOff = false;
  #seed: Uint8Array | undefined;
  #failedKeys = 0;
  #lockedUntil = -Infinity;
  readonly #transfers: TransferService;
  readonly #memory: FlashMemory;
  readonly #config: UdsServerConfig;
  readonly #timers: Timers;

  constructor(memory: FlashMemory, config: UdsServerConfig, timers: Timers) {
    this.#memory = memory;
    this.#config = config;
    this.#timers = timers;
    this.#transfers = new TransferService(memory, config.maxBlockLength);
  }

  /** Start-up state after power on or reset; the failed-key count survives, as in EEPROM. */
  reboot(): void {
    this.session = Session.default;
    this.unlocked = false;
    this.communicationDisabled = false;
    this.dtcSettingOff = false;
    this.#seed = undefined;
    this.#transfers.abort();
  }

  /** Handles one request. */
  handle(req: Uint8Array, faults: HandlingFaults = {}): Reply {
    const sid = req[0]!;
    if (!SERVICES.includes(sid)) return no(sid, Nrc.serviceNotSupported);
    if (!ALLOWED[this.session]!.includes(sid)) return no(sid, Nrc.serviceNotSupportedInActiveSession);
    if (NEEDS_SECURITY.includes(sid) && !this.unlocked) return no(sid, Nrc.securityAccessDenied);
    switch (sid) {
      case Sid.diagnosticSessionControl:
        return this.#session(req);
      case Sid.ecuReset:
        if (req.length !== 2) return no(sid, Nrc.incorrectMessageLength);
        if (req[1] !== 0x01 && req[1] !== 0x03) return no(sid, Nrc.subFunctionNotSupported);
        return { kind: 'reset', bytes: Uint8Array.of(0x51, req[1]) };
      case Sid.readDataByIdentifier:
        return this.#readIdentifier(req);
      case Sid.testerPresent:
        if (req.length !== 2) return no(sid, Nrc.incorrectMessageLength);
        return req[1] === 0x80 ? { kind: 'none' } : req[1] === 0x00 ? ok(0x7e, 0x00) : no(sid, Nrc.subFunctionNotSupported);
      case Sid.securityAccess:
        return this.#security(req, faults.wrongKey === true);
      case Sid.communicationControl:
        if (req.length !== 3) return no(sid, Nrc.incorrectMessageLength);
        if (req[1]! > 0x03) return no(sid, Nrc.subFunctionNotSupported);
        this.communicationDisabled = req[1] !== 0x00;
        return ok(0x68, req[1]!);
      case Sid.controlDtcSetting:
        if (req.length !== 2) return no(sid, Nrc.incorrectMessageLength);
        if (req[1] !== 0x01 && req[1] !== 0x02) return no(sid, Nrc.subFunctionNotSupported);
        this.dtcSettingOff = req[1] === 0x02;
        return ok(0xc5, req[1]);
      case Sid.readMemoryByAddress:
        return this.#readMemory(req);
      case Sid.routineControl:
        return this.#routine(req);
      case Sid.requestDownload:
      case Sid.requestUpload: {
        if (req.length < 2 || req[1] !== 0x00) return no(sid, Nrc.requestOutOfRange);
        const range = this.#range(sid, req.subarray(2), 0);
        return 'kind' in range ? range : this.#transfers.start(req, range);
      }
      case Sid.transferData:
        return this.#transfers.data(req, faults);
      default:
        return this.#transfers.exit();
    }
  }

  #session(req: Uint8Array): Reply {
    if (req.length !== 2) return no(Sid.diagnosticSessionControl, Nrc.incorrectMessageLength);
    const session = req[1]!;
    if (ALLOWED[session] === undefined) return no(Sid.diagnosticSessionControl, Nrc.subFunctionNotSupported);
    if (session !== this.session) {
      this.unlocked = false;
      this.#seed = undefined;
      this.#transfers.abort();
      if (session === Session.default) {
        this.communicationDisabled = false;
        this.dtcSettingOff = false;
      }
      this.session = session;
    }
    return ok(0x50, session, 0x00, 50, 500 >> 8, 500 & 0xff); // P2 50 ms, P2* 5000 ms
  }

  #readIdentifier(req: Uint8Array): Reply {
    if (req.length !== 3) return no(Sid.readDataByIdentifier, Nrc.incorrectMessageLength);
    const did = (req[1]! << 8) | req[2]!;
    if (did === Did.controlModuleVoltage) {
      const mv = Math.max(0, Math.min(0xffff, Math.round(this.#config.supplyVolts() * 1000)));
      return ok(0x62, req[1]!, req[2]!, mv >> 8, mv & 0xff);
    }
    const { vin, ecuHardware } = this.#config.identification;
    const text =
      did === Did.vin ? vin : did === Did.ecuHardwareNumber ? ecuHardware : did === Did.ecuSoftwareNumber ? this.#config.softwareVersion() : undefined;
    if (text === undefined) return no(Sid.readDataByIdentifier, Nrc.requestOutOfRange);
    return okWith([0x62, req[1]!, req[2]!], ASCII.encode(text));
  }

  #security(req: Uint8Array, wrongKey: boolean): Reply {
    const sub = req[1];
    const level = this.#config.securityLevel;
    if (sub !== level && sub !== level + 1) return no(Sid.securityAccess, Nrc.subFunctionNotSupported);
    if (sub === level) {
      if (req.length !== 2) return no(Sid.securityAccess, Nrc.incorrectMessageLength);
      if (this.#timers.now() < this.#lockedUntil) return no(Sid.securityAccess, Nrc.requiredTimeDelayNotExpired);
      if (this.unlocked) return ok(0x67, level, 0, 0, 0, 0);
      this.#seed ??= this.#config.seed();
      return ok(0x67, level, ...this.#seed);
    }
    if (this.#seed === undefined) return no(Sid.securityAccess, Nrc.requestSequenceError);
    const expected = this.#config.keyAlgorithm(this.#seed, level);
    const key = req.subarray(2);
    this.#seed = undefined;
    if (!wrongKey && key.length === expected.length && key.every((b, i) => b === expected[i])) {
      this.unlocked = true;
      this.#failedKeys = 0;
      return ok(0x67, level + 1);
    }
    this.#failedKeys++;
    if (this.#failedKeys < this.#config.maxKeyAttempts) return no(Sid.securityAccess, Nrc.invalidKey);
    this.#failedKeys = 0;
    this.#lockedUntil = this.#timers.now() + this.#config.lockoutMs;
    return no(Sid.securityAccess, Nrc.exceededNumberOfAttempts);
  }

  #range(sid: number, bytes: Uint8Array, exactRest: number): { address: number; size: number; rest: Uint8Array } | Reply {
    const range = decodeAddressAndSize(bytes);
    if (range === undefined || range.rest.length !== exactRest) return no(sid, Nrc.incorrectMessageLength);
    if (range.size === 0 || !this.#memory.contains(range.address, range.size)) return no(sid, Nrc.requestOutOfRange);
    return range;
  }

  #readMemory(req: Uint8Array): Reply {
    const range = this.#range(Sid.readMemoryByAddress, req.subarray(1), 0);
    if ('kind' in range) return range;
    if (range.size > 4093) return no(Sid.readMemoryByAddress, Nrc.requestOutOfRange);
    return okWith([0x63], this.#memory.read(range.address, range.size));
  }

  #routine(req: Uint8Array): Reply {
    if (req.length < 4) return no(Sid.routineControl, Nrc.incorrectMessageLength);
    if (req[1] !== 0x01) return no(Sid.routineControl, Nrc.subFunctionNotSupported);
    const routine = (req[2]! << 8) | req[3]!;
    const done = (status: number) => Uint8Array.of(0x71, 0x01, req[2]!, req[3]!, status);
    const ms = this.#config.routineMs;
    if (routine === Routine.checkProgrammingDependencies) {
      return { kind: 'pending', ms, finish: () => done(this.#memory.applicationValid() ? 0x00 : 0x01) };
    }
    const exactRest = routine === Routine.eraseMemory ? 0 : routine === Routine.checkMemory ? 4 : -1;
    if (exactRest < 0) return no(Sid.routineControl, Nrc.requestOutOfRange);
    const range = this.#range(Sid.routineControl, req.subarray(4), exactRest);
    if ('kind' in range) return range;
    if (routine === Routine.eraseMemory) {
      return {
        kind: 'pending',
        ms,
        finish: () => {
          this.#memory.erase(range.address, range.size);
          return done(0x00);
        },
      };
    }
    const crc = new DataView(range.rest.buffer, range.rest.byteOffset, 4).getUint32(0);
    return { kind: 'pending', ms, finish: () => done(this.#memory.check(range.address, range.size, crc) ? 0x00 : 0x01) };
  }

  /** Writes part of a transfer's block, as when power is cut mid-write. */
  cutTransfer(req: Uint8Array): void {
    this.#transfers.cut(req);
  }

  /** Erases the first half of an erase routine's range, as when power is cut mid-erase. */
  cutErase(req: Uint8Array): void {
    if (!this.unlocked || req[0] !== Sid.routineControl || ((req[2]! << 8) | req[3]!) !== Routine.eraseMemory) return;
    const range = decodeAddressAndSize(req.subarray(4));
    if (range === undefined || !this.#memory.contains(range.address, range.size)) return;
    this.#memory.erase(range.address, Math.floor(range.size / 2));
  }
}
