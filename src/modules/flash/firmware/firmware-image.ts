import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AppError } from '../../../platform/errors.ts';

/** The file formats a firmware image can be read from. */
export type FirmwareFormat = 'ihex' | 'srec' | 'bin';

/** A run of contiguous bytes at an absolute address. */
export interface FirmwareSegment {
  address: number;
  data: Uint8Array;
}

/**
 * A parsed firmware: its segments in address order, never overlapping nor touching (contiguous
 * records are merged). `sha256`, `crc32` and `size` cover the segments' bytes concatenated in
 * address order, which is what `sha256sum` gives for a raw binary; the addresses are bound by
 * the signed manifest's per-segment hashes.
 */
export interface FirmwareImage {
  format: FirmwareFormat;
  segments: FirmwareSegment[];
  sha256: string;
  size: number;
  crc32: number;
  /** Execution start address from an Intel HEX 03/05 or S-record S7/S8/S9 record. */
  startAddress?: number;
}

/** Stable codes of firmware parsing failures. */
export type FirmwareErrorCode =
  | 'FIRMWARE_EMPTY'
  | 'FIRMWARE_FORMAT_UNKNOWN'
  | 'FIRMWARE_RECORD_INVALID'
  | 'FIRMWARE_NON_HEX'
  | 'FIRMWARE_LENGTH_INVALID'
  | 'FIRMWARE_RECORD_TYPE_INVALID'
  | 'FIRMWARE_CHECKSUM_INVALID'
  | 'FIRMWARE_RECORD_COUNT_MISMATCH'
  | 'FIRMWARE_ADDRESS_OVERFLOW'
  | 'FIRMWARE_SEGMENTS_OVERLAP'
  | 'FIRMWARE_DATA_AFTER_EOF'
  | 'FIRMWARE_TRUNCATED';

/** A firmware file that cannot be accepted; `line` is 1-based (absent for raw binaries). */
export class FirmwareError extends AppError {
  override readonly code: FirmwareErrorCode;
  readonly line: number | undefined;

  constructor(code: FirmwareErrorCode, message: string, line?: number) {
    super(422, code, line === undefined ? message : `line ${line}: ${message}`, {
      details: line === undefined ? {} : { line },
    });
    this.name = 'FirmwareError';
    this.code = code;
    this.line = line;
  }
}

/** What a parser returns: never throws, an image or the reason it was refused. */
export type FirmwareParseResult = { ok: true; image: FirmwareImage } | { ok: false; error: FirmwareError };

/** A data record as read from a file, with the line it came from (for overlap errors). */
export interface DataRecord {
  address: number;
  data: Uint8Array;
  line: number;
}

const ADDRESS_LIMIT = 0x1_0000_0000;

/** SHA-256 of bytes, lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** CRC-32 (ISO-HDLC, as zip and PNG) of bytes, as an unsigned number. */
export function crc32Of(bytes: Uint8Array, previous = 0): number {
  return crc32(bytes, previous) >>> 0;
}

/**
 * Sorts data records, refuses overlaps (naming the later line of the first overlapping pair in
 * address order) and records past 4 GiB, and merges contiguous records into segments.
 */
export function buildImage(
  format: FirmwareFormat,
  records: DataRecord[],
  startAddress: number | undefined,
): FirmwareParseResult {
  const sorted = records.filter((r) => r.data.length > 0).sort((a, b) => a.address - b.address || a.line - b.line);
  if (sorted.length === 0) return fail('FIRMWARE_EMPTY', 'the file holds no data');
  const groups: DataRecord[][] = [];
  let furthest: DataRecord | undefined;
  for (const record of sorted) {
    const end = record.address + record.data.length;
    if (end > ADDRESS_LIMIT) return fail('FIRMWARE_ADDRESS_OVERFLOW', 'data runs past the 32-bit address space', record.line);
    if (furthest !== undefined) {
      const furthestEnd = furthest.address + furthest.data.length;
      if (record.address < furthestEnd) {
        const line = Math.max(record.line, furthest.line);
        const other = Math.min(record.line, furthest.line);
        return fail('FIRMWARE_SEGMENTS_OVERLAP', `data at 0x${hex32(record.address)} overlaps the data of line ${other}`, line);
      }
      if (record.address === furthestEnd) groups.at(-1)!.push(record);
      else groups.push([record]);
    } else groups.push([record]);
    if (furthest === undefined || end > furthest.address + furthest.data.length) furthest = record;
  }
  const segments = groups.map((group) => ({ address: group[0]!.address, data: concat(group.map((r) => r.data)) }));
  return { ok: true, image: imageOf(format, segments, startAddress) };
}

/** An image from segments already sorted, disjoint and non-touching; computes the digests. */
export function imageOf(format: FirmwareFormat, segments: FirmwareSegment[], startAddress?: number): FirmwareImage {
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  for (const segment of segments) {
    hash.update(segment.data);
    crc = crc32Of(segment.data, crc);
    size += segment.data.length;
  }
  const image: FirmwareImage = { format, segments, sha256: hash.digest('hex'), size, crc32: crc };
  if (startAddress !== undefined) image.startAddress = startAddress;
  return image;
}

/** A failed parse result. */
export function fail(code: FirmwareErrorCode, message: string, line?: number): { ok: false; error: FirmwareError } {
  return { ok: false, error: new FirmwareError(code, message, line) };
}

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** An address as 8 hex digits, for messages. */
function hex32(value: number): string {
  return value.toString(16).toUpperCase().padStart(8, '0');
}
