import { crc32Of } from '../firmware/firmware-image.ts';

/** A contiguous flash area of an ECU. */
export interface FlashRegion {
  address: number;
  size: number;
}

/** Where each byte stands for the bootloader. */
const VALID = 0;
const ERASED = 1;
const WRITTEN = 2; // programmed since the last erase, not yet checked

interface Bank {
  address: number;
  data: Uint8Array;
  state: Uint8Array;
}

/**
 * Simulated flash memory with the bookkeeping of a bootloader: erasing sets bytes to 0xFF and
 * invalid; bytes can only be programmed once erased (as NOR flash); programmed bytes become
 * valid only when a memory check over them matches its CRC. The application may start only
 * when no byte is erased or unchecked, so a block whose transfer was cut keeps the ECU in its
 * bootloader.
 */
export class FlashMemory {
  readonly #banks: Bank[];

  constructor(regions: readonly FlashRegion[]) {
    this.#banks = regions.map((r) => ({ address: r.address, data: new Uint8Array(r.size).fill(0xff), state: new Uint8Array(r.size) }));
  }

  /** The regions this memory holds. */
  get regions(): FlashRegion[] {
    return this.#banks.map((b) => ({ address: b.address, size: b.data.length }));
  }

  /** Whether [address, address + size) lies inside one region. */
  contains(address: number, size: number): boolean {
    return this.#locate(address, size) !== undefined;
  }

  /** A copy of `size` bytes at `address` (the range must be contained). */
  read(address: number, size: number): Uint8Array {
    const { bank, offset } = this.#must(address, size);
    return bank.data.slice(offset, offset + size);
  }

  /** Sets content as shipped from the factory: written and valid, whatever was there. */
  load(address: number, data: Uint8Array): void {
    const { bank, offset } = this.#must(address, data.length);
    bank.data.set(data, offset);
    bank.state.fill(VALID, offset, offset + data.length);
  }

  /** Erases a range: 0xFF, invalid. */
  erase(address: number, size: number): void {
    const { bank, offset } = this.#must(address, size);
    bank.data.fill(0xff, offset, offset + size);
    bank.state.fill(ERASED, offset, offset + size);
  }

  /** Programs bytes into erased flash; false (nothing written) when any target byte is not erased. */
  program(address: number, data: Uint8Array): boolean {
    const { bank, offset } = this.#must(address, data.length);
    for (let i = 0; i < data.length; i++) if (bank.state[offset + i] !== ERASED) return false;
    bank.data.set(data, offset);
    bank.state.fill(WRITTEN, offset, offset + data.length);
    return true;
  }

  /**
   * The bootloader's memory check: when no byte of the range is erased and its CRC-32 is
   * `crc32`, the range becomes valid. Returns whether it did.
   */
  check(address: number, size: number, crc32: number): boolean {
    const { bank, offset } = this.#must(address, size);
    for (let i = offset; i < offset + size; i++) if (bank.state[i] === ERASED) return false;
    if (crc32Of(bank.data.subarray(offset, offset + size)) !== crc32) return false;
    bank.state.fill(VALID, offset, offset + size);
    return true;
  }

  /** Whether every byte is valid, so the application may start. */
  applicationValid(): boolean {
    return this.#banks.every((b) => b.state.every((s) => s === VALID));
  }

  /** Flips the bits of one byte in place (a corrupted write). */
  corrupt(address: number): void {
    const { bank, offset } = this.#must(address, 1);
    bank.data[offset]! ^= 0xff;
  }

  #locate(address: number, size: number): { bank: Bank; offset: number } | undefined {
    for (const bank of this.#banks) {
      const offset = address - bank.address;
      if (offset >= 0 && size >= 0 && offset + size <= bank.data.length) return { bank, offset };
    }
    return undefined;
  }

  #must(address: number, size: number): { bank: Bank; offset: number } {
    const found = this.#locate(address, size);
    if (found === undefined) throw new RangeError(`0x${address.toString(16)} (+${size}) is outside the flash`);
    return found;
  }
}
