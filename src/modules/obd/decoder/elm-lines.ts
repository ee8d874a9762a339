import { canHeaderLine, type CanHeaderLine } from './can-headers.ts';
import type { DecodeError } from './types.ts';

/** One ELM327 output line, classified. */
export type ElmLine =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'isotpLength'; length: number }
  | { kind: 'isotpSegment'; index: number; bytes: Uint8Array }
  | { kind: 'error'; error: DecodeError }
  | CanHeaderLine;

// Longer than any ISO-TP message (4095 bytes) printed with spaces: refused before parsing.
const MAX_LINE = 12_500;
const ELM_STATUS =
  /^(SEARCHING|STOPPED|\?|CAN ERROR|BUS ERROR|BUS BUSY|BUS INIT|BUFFER FULL|UNABLE TO CONNECT|DATA ERROR|<DATA ERROR|<RX ERROR|FB ERROR|LV RESET|ACT ALERT|ERR\d+|OK$|ELM327)/;

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function parseHex(text: string): Uint8Array | DecodeError {
  const hex = text.replace(/\s+/g, '');
  if (hex.length === 0) return { code: 'FRAME_EMPTY', detail: 'the frame holds no bytes' };
  if (!/^[0-9A-F]+$/.test(hex)) return { code: 'FRAME_NOT_HEX', detail: 'a frame is hexadecimal bytes, e.g. "41 0C 1A F8"' };
  if (hex.length % 2 === 1) return { code: 'FRAME_ODD_LENGTH', detail: `${hex.length} hex digits do not make whole bytes` };
  return hexBytes(hex);
}

/** Classifies one ELM327 response line (headers off; any case; with or without spaces). */
export function classifyLine(input: unknown): ElmLine {
  if (typeof input !== 'string') return { kind: 'error', error: { code: 'FRAME_NOT_STRING', detail: 'a frame is a string of hex bytes' } };
  if (input.length > MAX_LINE) return { kind: 'error', error: { code: 'FRAME_TOO_LONG', detail: `a frame has at most ${MAX_LINE} characters` } };
  const line = input
    .replace(/^[\s>]+/, '')
    .trimEnd()
    .toUpperCase();
  if (/[\r\n]/.test(line)) {
    return { kind: 'error', error: { code: 'FRAME_MULTILINE', detail: 'one frame is one line; raw ELM327 output goes to decodeElmOutput' } };
  }
  const withHeader = canHeaderLine(line);
  if (withHeader) return withHeader;
  // ISO-TP as the ELM prints it with headers off: "014" (length), then "0: 49 02 01 ...".
  if (/^[0-9A-F]{3}$/.test(line)) return { kind: 'isotpLength', length: parseInt(line, 16) };
  const segment = /^([0-9A-F])\s*:(.*)$/.exec(line);
  if (segment) {
    const bytes = parseHex(segment[2]!);
    if (!(bytes instanceof Uint8Array)) return { kind: 'error', error: bytes };
    return { kind: 'isotpSegment', index: parseInt(segment[1]!, 16), bytes };
  }
  if (line === 'NO DATA') return { kind: 'error', error: { code: 'NO_DATA', detail: 'the vehicle did not answer (ELM327 "NO DATA")' } };
  if (ELM_STATUS.test(line)) return { kind: 'error', error: { code: 'ELM_STATUS', detail: `ELM327 message: ${line.slice(0, 80)}` } };
  const bytes = parseHex(line);
  return bytes instanceof Uint8Array ? { kind: 'bytes', bytes } : { kind: 'error', error: bytes };
}

/**
 * Splits raw ELM327 output into response lines: CR / LF separated; '>' prompts, blank lines,
 * AT command echoes, the ELM327 banner, "OK" and "SEARCHING..." notices dropped.
 */
export function splitElmOutput(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/^[\s>]+/, '').trim())
    .filter((l) => l.length > 0 && !/^(SEARCHING|AT|OK$|ELM327)/i.test(l));
}
