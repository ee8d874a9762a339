import { fail, type FirmwareParseResult, imageOf } from './firmware-image.ts';

/**
 * Reads a raw binary as one segment at `baseAddress`. Refuses an empty file, a base address
 * that is not a 32-bit unsigned integer, and data running past 4 GiB. Never throws.
 */
export function parseBinary(bytes: Uint8Array, baseAddress: number): FirmwareParseResult {
  if (!Number.isSafeInteger(baseAddress) || baseAddress < 0 || baseAddress > 0xffff_ffff) {
    return fail('FIRMWARE_ADDRESS_OVERFLOW', `base address ${baseAddress} is not a 32-bit unsigned integer`);
  }
  if (bytes.length === 0) return fail('FIRMWARE_EMPTY', 'the file holds no data');
  if (baseAddress + bytes.length > 0x1_0000_0000) return fail('FIRMWARE_ADDRESS_OVERFLOW', 'data runs past the 32-bit address space');
  return { ok: true, image: imageOf('bin', [{ address: baseAddress, data: bytes.slice() }]) };
}
