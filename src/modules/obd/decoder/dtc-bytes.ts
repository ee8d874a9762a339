import type { DecodeError } from './types.ts';

// SAE J2012 two-byte fault codes: bits 15-14 the system (P, C, B, U), bits 13-12 the first
// digit (0-3), then three hexadecimal digits.
const SYSTEMS = ['P', 'C', 'B', 'U'];

/** 0x01 0x33 → 'P0133'; 0xC1 0x00 → 'U0100'. */
export function dtcFromBytes(hi: number, lo: number): string {
  const hex = ((hi & 0x3f) * 256 + lo).toString(16).toUpperCase().padStart(4, '0');
  return SYSTEMS[hi >> 6]! + hex;
}

/** 'P0133' → [0x01, 0x33]; undefined when the text is not a five-character code. */
export function dtcToBytes(code: string): [number, number] | undefined {
  const m = /^([PCBU])([0-3][0-9A-F]{3})$/i.exec(code);
  if (!m) return undefined;
  const n = parseInt(m[2]!, 16) + SYSTEMS.indexOf(m[1]!.toUpperCase()) * 0x4000;
  return [n >> 8, n & 0xff];
}

export type DtcListResult = { codes: string[] } | { error: DecodeError };

/**
 * The codes of a mode 03 / 07 / 0A response body (the bytes after the service byte).
 * CAN (ISO 15765-4) puts a count byte first; the legacy protocols (ISO 9141, KWP2000) send
 * three two-byte slots per message, padded with 00 00. Without a protocol, the length tells:
 * a CAN body is odd (count + pairs), a legacy one even.
 */
export function dtcList(body: Uint8Array, protocol: 'can' | 'legacy' | undefined): DtcListResult {
  const layout = protocol ?? (body.length % 2 === 1 ? 'can' : 'legacy');
  let pairs = body;
  if (layout === 'can') {
    const count = body[0];
    if (count === undefined) return { error: { code: 'FRAME_TOO_SHORT', detail: 'the DTC count byte is missing' } };
    pairs = body.subarray(1);
    if (pairs.length < count * 2) {
      return { error: { code: 'FRAME_TOO_SHORT', detail: `${count} DTCs announced, ${pairs.length >> 1} present` } };
    }
    pairs = pairs.subarray(0, count * 2);
  } else if (body.length % 2 === 1) {
    return { error: { code: 'FRAME_BAD_LENGTH', detail: 'a legacy DTC response holds whole two-byte codes' } };
  }
  const codes: string[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const hi = pairs[i]!;
    const lo = pairs[i + 1]!;
    if (hi === 0 && lo === 0) continue; // padding, not P0000
    codes.push(dtcFromBytes(hi, lo));
  }
  return { codes };
}
