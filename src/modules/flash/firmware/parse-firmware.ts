import { fail, type FirmwareFormat, type FirmwareParseResult } from './firmware-image.ts';
import { parseIntelHex } from './intel-hex.ts';
import { parseBinary } from './raw-binary.ts';
import { parseSrec } from './srec.ts';

/** How to read an uploaded firmware file. */
export interface ParseFirmwareOptions {
  /** The format; when absent a text file is recognised by its first character (":" or "S"). */
  format?: FirmwareFormat;
  /** Where a raw binary starts; required for `bin`. */
  baseAddress?: number;
}

/**
 * Parses an uploaded firmware file as Intel HEX, Motorola S-record or raw binary. Without a
 * format, a file whose first non-blank character is ":" is Intel HEX, "S" is S-record, and any
 * other file is a raw binary when `baseAddress` is given. Never throws.
 */
export function parseFirmware(bytes: Uint8Array, options: ParseFirmwareOptions = {}): FirmwareParseResult {
  const format = options.format ?? detectFormat(bytes, options.baseAddress);
  if (format === 'ihex') return parseIntelHex(bytes);
  if (format === 'srec') return parseSrec(bytes);
  if (format === 'bin' && options.baseAddress !== undefined) return parseBinary(bytes, options.baseAddress);
  if (format === 'bin') return fail('FIRMWARE_FORMAT_UNKNOWN', 'a raw binary needs a base address');
  return fail('FIRMWARE_FORMAT_UNKNOWN', 'the file is neither Intel HEX nor S-record; give a base address for a raw binary');
}

function detectFormat(bytes: Uint8Array, baseAddress: number | undefined): FirmwareFormat | undefined {
  if (baseAddress !== undefined) return 'bin';
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (const byte of bytes.subarray(bom)) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    if (byte === 0x3a) return 'ihex';
    if (byte === 0x53) return 'srec';
    return undefined;
  }
  return undefined;
}
