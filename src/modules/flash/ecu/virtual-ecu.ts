import { randomBytes } from 'node:crypto';
import type { FirmwareSegment } from '../firmware/firmware-image.ts';
import type { IsoTpLink } from '../isotp/isotp-link.ts';
import type { Timers } from '../timing/timers.ts';
import { hmacKeyAlgorithm, type KeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { NEGATIVE_RESPONSE, Nrc, Sid } from '../uds/services.ts';
import { ArmedFault, type Fault, type FaultKind } from './faults.ts';
import { FlashMemory, type FlashRegion } from './flash-memory.ts';
import type { Reply } from './replies.ts';
import { type EcuIdentification, type HandlingFaults, UdsServer, type UdsServerConfig } from './uds-server.ts';

/** The vehicle a virtual ECU simulates: identification, flash layout and factory content. */
export interface VirtualVehicle extends EcuIdentification {
  flash: FlashRegion[];
  content?: FirmwareSegment[];
  /**
   * The software version the ECU reports for what its memory holds, as a real ECU reads it
   * from its application; `ecuSoftware` whatever the memory when absent.
   */
  softwareOf?: (memory: FlashMemory) => string;
}

/** Tuning of the simulated ECU (defaults are a plausible engine ECU). */
export interface VirtualEcuOptions extends Partial<Omit<UdsServerConfig, 'identification' | 'keyAlgorithm' | 'softwareVersion' | 'supplyVolts'>> {
  keyAlgorithm?: KeyAlgorithm;
}

/**
 * A simulated engine ECU on an ISO-TP link: its bootloader's diagnostic server over simulated
 * flash, power that can be cut and restored, and armed faults. After a reset or power cycle the
 * application starts only if every flash byte is valid; otherwise the bootloader keeps
 * answering, programming session included, so an interrupted flash can be resumed.
 */
export class VirtualEcu {
  readonly memory: FlashMemory;
  readonly #server: UdsServer;
  readonly #link: IsoTpLink;
  readonly #timers: Timers;
  #faults: ArmedFault[] = [];
  #powered = true;
  #silent = false;
  #busy = false;
  /** Bumped at each power cut so answers still pending from before are dropped. */
  #generation = 0;
  readonly #requests = new Map<number, number>();
  /** The vehicle's supply as the diagnostic interface measures it (a setting of the simulation). */
  batteryVolts = 12.8;
  ignitionOn = true;

  constructor(link: IsoTpLink, vehicle: VirtualVehicle, timers: Timers, options: VirtualEcuOptions = {}) {
    this.memory = new FlashMemory(vehicle.flash);
    for (const segment of vehicle.content ?? []) this.memory.load(segment.address, segment.data);
    this.#link = link;
    this.#timers = timers;
    const { keyAlgorithm, ...rest } = options;
    this.#server = new UdsServer(this.memory, {
      identification: { vin: vehicle.vin, ecuHardware: vehicle.ecuHardware },
      softwareVersion: () => vehicle.softwareOf?.(this.memory) ?? vehicle.ecuSoftware,
      supplyVolts: () => this.batteryVolts,
      keyAlgorithm: keyAlgorithm ?? hmacKeyAlgorithm(VIRTUAL_ECU_SECRET),
      securityLevel: 0x01,
      maxBlockLength: 0x102,
      maxKeyAttempts: 3,
      lockoutMs: 10_000,
      routineMs: 20,
      seed: () => new Uint8Array(randomBytes(4)),
      ...rest,
    }, timers);
    link.onMessage((request) => this.#onRequest(request));
  }

  /** Arms a fault. */
  injectFault(fault: Fault): void {
    this.#faults.push(new ArmedFault(fault));
  }

  /** Disarms every fault. */
  clearFaults(): void {
    this.#faults = [];
  }

  /** Turns the ignition off and on: the ECU restarts, whatever state it was in. */
  powerCycle(): void {
    this.#generation++;
    this.#powered = true;
    this.#silent = false;
    this.#busy = false;
    this.#server.reboot();
  }

  /** Whether the application is running (not held in the bootloader) and power is on. */
  get applicationRunning(): boolean {
    return this.#powered && !this.#silent && this.memory.applicationValid();
  }

  /** Whether the ECU is powered and answering. */
  get responsive(): boolean {
    return this.#powered && !this.#silent;
  }

  /** The diagnostic state, for tests and the agent's reports. */
  get state(): { session: number; unlocked: boolean; communicationDisabled: boolean; dtcSettingOff: boolean } {
    const s = this.#server;
    return { session: s.session, unlocked: s.unlocked, communicationDisabled: s.communicationDisabled, dtcSettingOff: s.dtcSettingOff };
  }

  /** How many requests of a service reached the ECU while it was answering. */
  requestCount(service: number): number {
    return this.#requests.get(service) ?? 0;
  }

  #onRequest(request: Uint8Array): void {
    if (!this.#powered || this.#silent || request.length === 0) return;
    const sid = request[0]!;
    if (this.#busy) {
      this.#send(Uint8Array.of(NEGATIVE_RESPONSE, sid, Nrc.busyRepeatRequest));
      return;
    }
    const hits = this.#hits(request);
    if (hits.has('busErrorRequest')) return;
    this.#requests.set(sid, (this.#requests.get(sid) ?? 0) + 1);
    if (hits.has('silence')) {
      this.#silent = true;
      return;
    }
    if (hits.has('powerLoss')) {
      if (sid === Sid.transferData) this.#server.cutTransfer(request);
      if (sid === Sid.routineControl) this.#server.cutErase(request);
      this.#powered = false;
      this.#generation++;
      return;
    }
    const faults: HandlingFaults = { wrongKey: hits.has('wrongKey'), corruptWrite: hits.has('checksumMismatch'), failWrite: hits.has('writeFailure') };
    this.#reply(this.#server.handle(request, faults), hits.has('busErrorResponse'), sid);
  }

  #reply(reply: Reply, lose: boolean, sid: number): void {
    if (reply.kind === 'none') return;
    if (reply.kind === 'answer') {
      if (!lose) this.#send(reply.bytes);
      return;
    }
    if (reply.kind === 'reset') {
      if (!lose) this.#send(reply.bytes);
      this.#server.reboot();
      return;
    }
    this.#send(Uint8Array.of(NEGATIVE_RESPONSE, sid, Nrc.responsePending));
    this.#busy = true;
    const generation = this.#generation;
    this.#timers.after(reply.ms, () => {
      if (generation !== this.#generation) return;
      this.#busy = false;
      const bytes = reply.finish();
      if (!lose) this.#send(bytes);
    });
  }

  #hits(request: Uint8Array): Set<FaultKind | 'busErrorRequest' | 'busErrorResponse'> {
    const sid = request[0]!;
    const hits = new Set<FaultKind | 'busErrorRequest' | 'busErrorResponse'>();
    for (const armed of this.#faults) {
      const kind = armed.fault.kind;
      // A wrong key only concerns keys, a corrupted write only data written.
      if (kind === 'wrongKey' && !(sid === Sid.securityAccess && request[1]! % 2 === 0)) continue;
      if ((kind === 'checksumMismatch' || kind === 'writeFailure') && sid !== Sid.transferData) continue;
      if (!armed.hits(sid)) continue;
      if (kind === 'busError') hits.add(armed.fault.lose === 'request' ? 'busErrorRequest' : 'busErrorResponse');
      else hits.add(kind);
    }
    return hits;
  }

  #send(bytes: Uint8Array): void {
    this.#link.send(bytes).catch(() => undefined);
  }
}
