import { dtcToBytes } from './dtc-bytes.ts';
import { rawRange } from './pid-builders.ts';
import { PID_TABLE, pidHex } from './pid-table.ts';
import type { PidDefinition, PidField } from './types.ts';

// Encoders for tests and for the benchmark's simulated vehicles: they produce the frames an
// ELM327 prints (headers off). They throw RangeError on programmer errors (unknown PID, bad code).

const hexLine = (bytes: ArrayLike<number>) => Array.from(bytes, pidHex).join(' ');

function definition(pid: number | string): PidDefinition {
  const n = typeof pid === 'string' ? parseInt(pid, 16) : pid;
  const def = PID_TABLE.get(n);
  if (!def) throw new RangeError(`PID ${String(pid)} is not defined by SAE J1979`);
  if (!def.fields) throw new RangeError(`PID ${pidHex(n)} is bit-encoded or textual: it has no numeric encoder`);
  return def;
}

function writeField(data: Uint8Array, f: PidField, value: number | null | undefined): void {
  if (value === null || value === undefined) {
    if (f.nullRaw !== undefined) data[f.at + f.size - 1] = f.nullRaw;
    return;
  }
  const { min, max } = rawRange(f);
  let raw = Math.min(max, Math.max(min, Math.round((value - f.add) / f.scale)));
  if (raw < 0) raw += 2 ** (8 * f.size);
  for (let i = f.size - 1; i >= 0; i--) {
    data[f.at + i] = raw % 256;
    raw = Math.floor(raw / 256);
  }
  if (f.supportBit !== undefined) data[0] = data[0]! | (1 << f.supportBit);
}

/** The data bytes of a numeric PID for a value (a number, or one per sub-value key). */
export function encodePidData(pid: number | string, value: number | Record<string, number | null>): Uint8Array {
  const def = definition(pid);
  const fields = def.fields!;
  const data = new Uint8Array(def.bytes);
  const values = typeof value === 'number' ? { [fields[0]!.key]: value } : value;
  for (const f of fields) writeField(data, f, values[f.key]);
  return data;
}

/**
 * The mode 01 response frame of a numeric PID for a value, rounded to the formula's resolution
 * and clamped to its range.
 *
 * @example encodePid('0C', 1726) // '41 0C 1A F8'
 * @example encodePid(0x14, {voltage: 0.45, shortTermFuelTrim: null}) // '41 14 5A FF'
 */
export function encodePid(pid: number | string, value: number | Record<string, number | null>, options: { mode?: 1 | 2; frame?: number } = {}): string {
  const def = definition(pid);
  const data = encodePidData(pid, value);
  const header = options.mode === 2 ? [0x42, def.pid, options.frame ?? 0] : [0x41, def.pid];
  return hexLine([...header, ...data]);
}

/**
 * The response frames of mode 03 / 07 / 0A for some codes: one CAN line (count byte first) or
 * legacy lines of three codes each, padded with 00 00.
 */
export function encodeDtcResponse(codes: string[], options: { mode?: 3 | 7 | 0x0a; protocol?: 'can' | 'legacy' } = {}): string[] {
  const service = 0x40 + (options.mode ?? 3);
  const pairs = codes.map((c) => {
    const b = dtcToBytes(c);
    if (!b) throw new RangeError(`${c} is not a fault code like P0133`);
    return b;
  });
  if (options.protocol !== 'legacy') return [hexLine([service, pairs.length, ...pairs.flat()])];
  const lines: string[] = [];
  for (let i = 0; i < Math.max(1, pairs.length); i += 3) {
    const slot = pairs.slice(i, i + 3);
    while (slot.length < 3) slot.push([0, 0]);
    lines.push(hexLine([service, ...slot.flat()]));
  }
  return lines;
}

/** A J1979-2 ReadDTCInformation 0x42 response (functional group 0x33, DTC format 0x04). */
export function encodeUdsDtcReport(dtcs: { code: string; failureType?: number; status: number; severity?: number }[]): string {
  const records = dtcs.flatMap((d) => {
    const b = dtcToBytes(d.code);
    if (!b) throw new RangeError(`${d.code} is not a fault code like P0133`);
    return [d.severity ?? 0, ...b, d.failureType ?? 0, d.status];
  });
  return hexLine([0x59, 0x42, 0x33, 0xff, 0xff, 0x04, ...records]);
}

// Mode 09 info types whose CAN responses carry a NODI byte that J1979-2 drops.
const WITH_NODI = new Set([0x02, 0x04, 0x06, 0x08, 0x0a, 0x0b]);

/**
 * The J1979-2 (UDS) twin of a classic mode 01 or 09 frame: 41 xx → 62 F4 xx, 49 xx → 62 F8 xx.
 * Returns undefined for other frames.
 */
export function toJ1979_2(frame: string): string | undefined {
  const hex = frame.replace(/\s+/g, '').toUpperCase();
  if (!/^([0-9A-F]{2})+$/.test(hex)) return undefined;
  const bytes = Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  if (bytes[0] === 0x41 && bytes.length >= 2) return hexLine([0x62, 0xf4, ...bytes.slice(1)]);
  if (bytes[0] === 0x49 && bytes.length >= 2) {
    const data = WITH_NODI.has(bytes[1]!) ? bytes.slice(3) : bytes.slice(2);
    return hexLine([0x62, 0xf8, bytes[1]!, ...data]);
  }
  return undefined;
}

/** Splits a long response into the lines an ELM327 prints for ISO-TP with headers off. */
export function toIsoTpLines(frame: string): string[] {
  const hex = frame.replace(/\s+/g, '').toUpperCase();
  const bytes = Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  if (bytes.length <= 7) return [hexLine(bytes)];
  const lines = [bytes.length.toString(16).toUpperCase().padStart(3, '0')];
  lines.push(`0: ${hexLine(bytes.slice(0, 6))}`);
  for (let at = 6, n = 1; at < bytes.length; at += 7, n++) lines.push(`${(n % 16).toString(16).toUpperCase()}: ${hexLine(bytes.slice(at, at + 7))}`);
  return lines;
}

/** The lines an ELM327 prints with headers on (ATH1) for a response sent by `ecu` over ISO-TP. */
export function toCanFrames(frame: string, ecu = '7E8'): string[] {
  const hex = frame.replace(/\s+/g, '').toUpperCase();
  const bytes = Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  const id = ecu.length > 3 ? ecu.match(/../g)!.join(' ') : ecu;
  if (bytes.length <= 7) return [`${id} ${hexLine([bytes.length, ...bytes])}`];
  const lines = [`${id} ${hexLine([0x10 | (bytes.length >> 8), bytes.length & 0xff, ...bytes.slice(0, 6)])}`];
  for (let at = 6, n = 1; at < bytes.length; at += 7, n++) lines.push(`${id} ${hexLine([0x20 | (n % 16), ...bytes.slice(at, at + 7)])}`);
  return lines;
}
