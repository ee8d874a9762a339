import type { PidDefinition, PidField, PidReading, SubValue } from './types.ts';

/** Drops floating-point noise (0.079 * 3 = 0.23700000000000002) without losing resolution. */
export function tidy(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Big-endian unsigned integer of `size` bytes at `at` (no bit operators: 32-bit values stay positive). */
export function readUnsigned(data: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + (data[at + i] ?? 0);
  return v;
}

/** The raw values a field can carry (its "not available" marker excluded). */
export function rawRange(f: PidField): { min: number; max: number } {
  const span = 2 ** (8 * f.size);
  const min = f.signed ? -span / 2 : 0;
  let max = f.signed ? span / 2 - 1 : span - 1;
  if (f.nullRaw === max) max -= 1;
  return { min, max };
}

/** The physical value of a field, or null when unsupported, marked unavailable or cut off. */
export function readField(data: Uint8Array, f: PidField): number | null {
  if (data.length < f.at + f.size) return null;
  if (f.supportBit !== undefined && ((data[0] ?? 0) >> f.supportBit) % 2 === 0) return null;
  let raw = readUnsigned(data, f.at, f.size);
  if (f.nullRaw !== undefined && raw === f.nullRaw) return null;
  if (f.signed && raw >= 2 ** (8 * f.size - 1)) raw -= 2 ** (8 * f.size);
  return tidy(raw * f.scale + f.add);
}

function fieldsReading(data: Uint8Array, fields: PidField[]): PidReading {
  const values: Record<string, SubValue> = {};
  for (const f of fields) values[f.key] = { name: f.name, value: readField(data, f), unit: f.unit };
  const first = fields[0]!;
  return { value: values[first.key]!.value as number | null, unit: first.unit, values };
}

type Scaling = { size?: 1 | 2 | 4; scale?: number; add?: number; signed?: boolean; nullRaw?: number };

/** A PID holding one number: `raw * scale + add`. */
export function scalar(pid: number, name: string, unit: string, s: Scaling = {}): PidDefinition {
  const field: PidField = {
    key: 'value',
    name,
    unit,
    at: 0,
    size: s.size ?? 1,
    scale: s.scale ?? 1,
    add: s.add ?? 0,
    ...(s.signed ? { signed: true } : {}),
    ...(s.nullRaw !== undefined ? { nullRaw: s.nullRaw } : {}),
  };
  return {
    pid,
    name,
    bytes: field.size,
    minBytes: field.size,
    unit,
    fields: [field],
    decode: (data) => ({ value: readField(data, field), unit }),
  };
}

export type FieldSpec = [key: string, name: string, unit: string, size: 1 | 2 | 4, scale: number, add?: number, extra?: Partial<PidField>];

/**
 * A multi-value PID. With `supportByte`, data byte A says which fields are supported (field i
 * on bit i unless the spec says otherwise) and the fields follow it.
 */
export function multi(pid: number, name: string, specs: FieldSpec[], opts: { supportByte?: boolean; minBytes?: number } = {}): PidDefinition {
  let at = opts.supportByte ? 1 : 0;
  const fields = specs.map(([key, fname, unit, size, scale, add, extra], i): PidField => {
    const f: PidField = { key, name: fname, unit, at, size, scale, add: add ?? 0, ...(opts.supportByte ? { supportBit: i } : {}), ...extra };
    at = f.at + size;
    return f;
  });
  const bytes = Math.max(...fields.map((f) => f.at + f.size));
  return {
    pid,
    name,
    bytes,
    minBytes: opts.minBytes ?? bytes,
    unit: fields[0]!.unit,
    fields,
    decode: (data) => fieldsReading(data, fields),
  };
}

/** A PID whose value is computed by hand (bit-encoded, enumerated, text). */
export function custom(pid: number, name: string, bytes: number, decode: (data: Uint8Array) => PidReading, minBytes = bytes): PidDefinition {
  return { pid, name, bytes, minBytes, unit: '', decode };
}

/** PIDs 00, 20, 40...: a 32-bit map of the next 32 PIDs the ECU supports. */
export function supportedPids(pid: number): PidDefinition {
  const from = pid + 1;
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  return custom(pid, `PIDs supported [${hex(from)} - ${hex(pid + 0x20)}]`, 4, (data) => {
    const list: string[] = [];
    for (let i = 0; i < 32; i++) if ((data[i >> 3]! >> (7 - (i % 8))) % 2 === 1) list.push(hex(from + i));
    return { value: list, unit: '' };
  });
}

/** Bit flags of one byte as named booleans (bit i ↔ names[i]; empty names are reserved bits). */
export function flags(byte: number, names: string[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  names.forEach((n, i) => {
    if (n) out[n] = (byte >> i) % 2 === 1;
  });
  return out;
}

/** An enumerated one-byte PID: `{code, label}`. */
export function enumerated(pid: number, name: string, labels: (code: number) => string): PidDefinition {
  return custom(pid, name, 1, (data) => ({ value: { code: data[0]!, label: labels(data[0]!) }, unit: '' }));
}
