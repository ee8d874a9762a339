import { FirmwareError } from './firmware-image.ts';

/** A non-blank line of a record file with its 1-based number. */
export interface RecordLine {
  text: string;
  line: number;
}

/**
 * Splits a record file into its non-blank lines (LF or CRLF; trailing spaces tolerated, as
 * editors add them). Bytes are read as Latin-1 so every byte stays one character and a stray
 * byte is reported as a non-hex character on its line. A leading UTF-8 byte order mark, which
 * Windows editors add, is skipped.
 */
export function recordLines(input: string | Uint8Array): RecordLine[] {
  const decoded = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
  const text = decoded.replace(/^(\uFEFF|\u00EF\u00BB\u00BF)/, '');
  const out: RecordLine[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    const last = line.charCodeAt(line.length - 1);
    const trimmed = last === 13 || last === 32 || last === 9 ? line.replace(/[\r\t ]+$/, '') : line;
    if (trimmed.length > 0) out.push({ text: trimmed, line: i + 1 });
  }
  return out;
}

/** The line number just after the last line, where a missing end record was expected. */
export function lineAfter(lines: RecordLine[]): number {
  return (lines.at(-1)?.line ?? 0) + 1;
}

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX_VALUE[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX_VALUE[65 + c] = 10 + c;
  HEX_VALUE[97 + c] = 10 + c;
}

/**
 * Decodes the hex digits of `text` from `from` to its end into bytes, or the error naming the
 * line: a character that is not a hex digit, or an odd number of digits.
 */
export function decodeHex(text: string, from: number, line: number): Uint8Array | FirmwareError {
  const digits = text.length - from;
  const out = new Uint8Array(digits >> 1);
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? HEX_VALUE[code]! : -1;
    if (value < 0) return new FirmwareError('FIRMWARE_NON_HEX', `character ${JSON.stringify(text[i])} at column ${i + 1} is not a hex digit`, line);
    const at = (i - from) >> 1;
    if (at < out.length) out[at] = ((i - from) & 1) === 0 ? value << 4 : out[at]! | value;
  }
  if (digits % 2 !== 0) return new FirmwareError('FIRMWARE_LENGTH_INVALID', 'the record has an odd number of hex digits', line);
  return out;
}

/** Two upper-case hex digits per byte. */
export function encodeHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}
