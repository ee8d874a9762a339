import { buildImage, type DataRecord, fail, type FirmwareImage, type FirmwareParseResult, FirmwareError } from './firmware-image.ts';
import { decodeHex, encodeHex, lineAfter, recordLines } from './record-lines.ts';

/** Address width in bytes of each S-record type that carries an address (S4 is reserved). */
const ADDRESS_BYTES: Record<string, number> = { '0': 2, '1': 2, '2': 3, '3': 4, '5': 2, '6': 3, '7': 4, '8': 3, '9': 2 };

/**
 * Parses a Motorola S-record file: S0 header (ignored), S1/S2/S3 data with 16/24/32-bit
 * addresses, S5/S6 record counts (checked against the data records read so far), S7/S8/S9
 * termination with the start address. Strict: byte count, checksum and type are checked; a
 * missing termination record, data after it, or overlapping data is refused. Never throws.
 *
 * @example
 * const result = parseSrec('S107000001020304EE\nS9030000FC\n');
 */
export function parseSrec(input: string | Uint8Array): FirmwareParseResult {
  const lines = recordLines(input);
  const records: DataRecord[] = [];
  let startAddress: number | undefined;
  for (const { text, line } of lines) {
    if (startAddress !== undefined) return fail('FIRMWARE_DATA_AFTER_EOF', 'a record follows the termination record', line);
    if (text[0] !== 'S' || text.length < 2) return fail('FIRMWARE_RECORD_INVALID', 'a record must start with "S" and its type digit', line);
    const type = text[1]!;
    const width = ADDRESS_BYTES[type];
    if (width === undefined) return fail('FIRMWARE_RECORD_TYPE_INVALID', `record type S${type} is not S0-S3 or S5-S9`, line);
    const bytes = decodeHex(text, 2, line);
    if (bytes instanceof FirmwareError) return { ok: false, error: bytes };
    if (bytes.length < 1 + width + 1) return fail('FIRMWARE_LENGTH_INVALID', 'the record is shorter than its count, address and checksum', line);
    const count = bytes[0]!;
    if (bytes.length !== count + 1) {
      return fail('FIRMWARE_LENGTH_INVALID', `the record declares ${count} bytes but holds ${bytes.length - 1}`, line);
    }
    let sum = 0;
    for (let i = 0; i < bytes.length - 1; i++) sum += bytes[i]!;
    if ((~sum & 0xff) !== bytes[bytes.length - 1]) return fail('FIRMWARE_CHECKSUM_INVALID', 'the record checksum does not match its bytes', line);
    let address = 0;
    for (let i = 1; i <= width; i++) address = address * 256 + bytes[i]!;
    const data = bytes.subarray(1 + width, bytes.length - 1);
    switch (type) {
      case '0':
        break;
      case '1':
      case '2':
      case '3':
        if (address + data.length > 0x1_0000_0000) return fail('FIRMWARE_ADDRESS_OVERFLOW', 'data runs past the 32-bit address space', line);
        records.push({ address, data: data.slice(), line });
        break;
      case '5':
      case '6':
        if (data.length !== 0) return fail('FIRMWARE_LENGTH_INVALID', `an S${type} count record carries no data`, line);
        if (address !== records.length) {
          return fail('FIRMWARE_RECORD_COUNT_MISMATCH', `the count record says ${address} data records, ${records.length} were read`, line);
        }
        break;
      default:
        if (data.length !== 0) return fail('FIRMWARE_LENGTH_INVALID', `an S${type} termination record carries no data`, line);
        startAddress = address;
    }
  }
  if (startAddress === undefined) return fail('FIRMWARE_TRUNCATED', 'the termination record (S7, S8 or S9) is missing', lineAfter(lines));
  return buildImage('srec', records, startAddress);
}

/**
 * Writes an image as S-records with the narrowest address width that holds every data byte and
 * the start address (S1/S9, S2/S8 or S3/S7), an S0 header, an S5/S6 count when it fits, and the
 * termination record carrying `startAddress` (0 when the image has none).
 */
export function writeSrec(image: Pick<FirmwareImage, 'segments' | 'startAddress'>, options: { header?: string; recordSize?: number } = {}): string {
  const recordSize = Math.min(options.recordSize ?? 32, 250);
  const start = image.startAddress ?? 0;
  let highest = start;
  for (const { address, data } of image.segments) highest = Math.max(highest, address + data.length - 1);
  const width = highest <= 0xffff ? 2 : highest <= 0xffffff ? 3 : 4;
  const dataType = width === 2 ? '1' : width === 3 ? '2' : '3';
  const endType = width === 2 ? '9' : width === 3 ? '8' : '7';
  // An S0 record holds at most 252 bytes of header after its count, address and checksum.
  const out = [record('0', 2, 0, new TextEncoder().encode(options.header ?? 'novaevo').subarray(0, 252))];
  let count = 0;
  for (const { address, data } of image.segments) {
    for (let offset = 0; offset < data.length; offset += recordSize) {
      out.push(record(dataType, width, address + offset, data.subarray(offset, offset + recordSize)));
      count++;
    }
  }
  if (count <= 0xffff) out.push(record('5', 2, count, new Uint8Array(0)));
  else if (count <= 0xffffff) out.push(record('6', 3, count, new Uint8Array(0)));
  out.push(record(endType, width, start, new Uint8Array(0)));
  return out.join('\n') + '\n';
}

function record(type: string, width: number, address: number, data: Uint8Array): string {
  const bytes = new Uint8Array(1 + width + data.length + 1);
  bytes[0] = width + data.length + 1;
  for (let i = width; i >= 1; i--) {
    bytes[i] = address % 256;
    address = Math.floor(address / 256);
  }
  bytes.set(data, 1 + width);
  let sum = 0;
  for (let i = 0; i < bytes.length - 1; i++) sum += bytes[i]!;
  bytes[bytes.length - 1] = ~sum & 0xff;
  return 'S' + type + encodeHex(bytes);
}
