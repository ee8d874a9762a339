import { buildImage, type DataRecord, fail, type FirmwareImage, type FirmwareParseResult, FirmwareError } from './firmware-image.ts';
import { decodeHex, encodeHex, lineAfter, recordLines } from './record-lines.ts';

const DATA = 0x00;
const END_OF_FILE = 0x01;
const EXTENDED_SEGMENT_ADDRESS = 0x02;
const START_SEGMENT_ADDRESS = 0x03;
const EXTENDED_LINEAR_ADDRESS = 0x04;
const START_LINEAR_ADDRESS = 0x05;

/** The data length each record type must carry (data records take any length). */
const FIXED_LENGTH: Record<number, number> = {
  [END_OF_FILE]: 0,
  [EXTENDED_SEGMENT_ADDRESS]: 2,
  [START_SEGMENT_ADDRESS]: 4,
  [EXTENDED_LINEAR_ADDRESS]: 2,
  [START_LINEAR_ADDRESS]: 4,
};

/**
 * Parses an Intel HEX file (record types 00-05; 02 and 04 set the upper address, 03 and 05 the
 * start address; 03's CS:IP becomes the linear CS*16+IP). Strict: each record's length,
 * checksum and type are checked, a record may not cross the 64 KiB window of its offset, data
 * after the end-of-file record or a missing end-of-file record is refused, and overlapping
 * data is refused. Never throws.
 *
 * @example
 * const result = parseIntelHex(':0400000001020304F2\n:00000001FF\n');
 * if (result.ok) result.image.segments; // [{ address: 0, data: Uint8Array [1, 2, 3, 4] }]
 */
export function parseIntelHex(input: string | Uint8Array): FirmwareParseResult {
  const lines = recordLines(input);
  const records: DataRecord[] = [];
  let base = 0;
  let startAddress: number | undefined;
  let ended = false;
  for (const { text, line } of lines) {
    if (ended) return fail('FIRMWARE_DATA_AFTER_EOF', 'a record follows the end-of-file record', line);
    if (text[0] !== ':') return fail('FIRMWARE_RECORD_INVALID', 'a record must start with ":"', line);
    const bytes = decodeHex(text, 1, line);
    if (bytes instanceof FirmwareError) return { ok: false, error: bytes };
    if (bytes.length < 5) return fail('FIRMWARE_LENGTH_INVALID', 'the record is shorter than its header and checksum', line);
    const length = bytes[0]!;
    if (bytes.length !== length + 5) {
      return fail('FIRMWARE_LENGTH_INVALID', `the record declares ${length} data bytes but holds ${bytes.length - 5}`, line);
    }
    let sum = 0;
    for (const b of bytes) sum += b;
    if ((sum & 0xff) !== 0) return fail('FIRMWARE_CHECKSUM_INVALID', 'the record checksum does not match its bytes', line);
    const type = bytes[3]!;
    const offset = (bytes[1]! << 8) | bytes[2]!;
    const data = bytes.subarray(4, 4 + length);
    if (type > START_LINEAR_ADDRESS) return fail('FIRMWARE_RECORD_TYPE_INVALID', `record type 0x${type.toString(16).padStart(2, '0')} is not 00-05`, line);
    const expected = FIXED_LENGTH[type];
    if (expected !== undefined && length !== expected) {
      return fail('FIRMWARE_LENGTH_INVALID', `record type 0${type} carries ${expected} data bytes, not ${length}`, line);
    }
    switch (type) {
      case DATA:
        if (offset + length > 0x10000) return fail('FIRMWARE_ADDRESS_OVERFLOW', 'the data record crosses its 64 KiB address window', line);
        if (base + offset + length > 0x1_0000_0000) return fail('FIRMWARE_ADDRESS_OVERFLOW', 'data runs past the 32-bit address space', line);
        records.push({ address: base + offset, data: data.slice(), line });
        break;
      case END_OF_FILE:
        ended = true;
        break;
      case EXTENDED_SEGMENT_ADDRESS:
        base = ((data[0]! << 8) | data[1]!) * 16;
        break;
      case EXTENDED_LINEAR_ADDRESS:
        base = ((data[0]! << 8) | data[1]!) * 0x10000;
        break;
      case START_SEGMENT_ADDRESS:
        startAddress = ((data[0]! << 8) | data[1]!) * 16 + ((data[2]! << 8) | data[3]!);
        break;
      default:
        startAddress = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
    }
  }
  if (!ended) return fail('FIRMWARE_TRUNCATED', 'the end-of-file record (type 01) is missing', lineAfter(lines));
  return buildImage('ihex', records, startAddress);
}

/**
 * Writes an image as Intel HEX: extended linear address records (04) whenever the upper 16 bits
 * change, data records of at most `recordSize` bytes that never cross a 64 KiB window, the start
 * address as a 05 record, and the end-of-file record.
 */
export function writeIntelHex(image: Pick<FirmwareImage, 'segments' | 'startAddress'>, recordSize = 32): string {
  const size = Math.min(recordSize, 255);
  const out: string[] = [];
  let upper = 0;
  for (const { address, data } of image.segments) {
    let offset = 0;
    while (offset < data.length) {
      const at = address + offset;
      const high = Math.floor(at / 0x10000);
      if (high !== upper) {
        out.push(record(EXTENDED_LINEAR_ADDRESS, 0, Uint8Array.of(high >> 8, high & 0xff)));
        upper = high;
      }
      const low = at % 0x10000;
      const take = Math.min(size, data.length - offset, 0x10000 - low);
      out.push(record(DATA, low, data.subarray(offset, offset + take)));
      offset += take;
    }
  }
  if (image.startAddress !== undefined) {
    const s = image.startAddress;
    out.push(record(START_LINEAR_ADDRESS, 0, Uint8Array.of(s >>> 24, (s >>> 16) & 0xff, (s >>> 8) & 0xff, s & 0xff)));
  }
  out.push(record(END_OF_FILE, 0, new Uint8Array(0)));
  return out.join('\n') + '\n';
}

function record(type: number, offset: number, data: Uint8Array): string {
  const bytes = new Uint8Array(data.length + 5);
  bytes[0] = data.length;
  bytes[1] = offset >> 8;
  bytes[2] = offset & 0xff;
  bytes[3] = type;
  bytes.set(data, 4);
  let sum = 0;
  for (let i = 0; i < bytes.length - 1; i++) sum += bytes[i]!;
  bytes[bytes.length - 1] = -sum & 0xff;
  return ':' + encodeHex(bytes);
}
