import { rawRange } from './pid-builders.ts';
import { PID_TABLE, pidHex } from './pid-table.ts';

export interface PidFieldInfo {
  key: string;
  name: string;
  unit: string;
  min: number;
  max: number;
  /** Physical value of one raw step. */
  resolution: number;
}

export interface PidInfo {
  pid: string;
  name: string;
  bytes: number;
  unit: string;
  /** Numeric sub-values; absent for bit-encoded and enumerated PIDs. */
  fields?: PidFieldInfo[];
}

/** Every mode 01 PID the decoder knows, with its physical ranges (for UIs, simulators and tests). */
export function pidCatalogue(): PidInfo[] {
  return [...PID_TABLE.values()].map((def) => ({
    pid: pidHex(def.pid),
    name: def.name,
    bytes: def.bytes,
    unit: def.unit,
    ...(def.fields
      ? {
          fields: def.fields.map((f) => {
            const { min, max } = rawRange(f);
            const a = min * f.scale + f.add;
            const b = max * f.scale + f.add;
            return { key: f.key, name: f.name, unit: f.unit, min: Math.min(a, b), max: Math.max(a, b), resolution: Math.abs(f.scale) };
          }),
        }
      : {}),
  }));
}
