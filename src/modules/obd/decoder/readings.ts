import type { DecodedFrame, PidFrame } from './types.ts';

/** One number to store in the time series: `pid` is '0C', or '14.voltage' for a sub-value. */
export interface Reading {
  pid: string;
  name: string;
  value: number;
  unit: string;
}

function fromPid(frame: PidFrame, out: Reading[]): void {
  if (frame.values) {
    for (const [key, sub] of Object.entries(frame.values)) {
      if (typeof sub.value === 'number') out.push({ pid: `${frame.pid}.${key}`, name: sub.name, value: sub.value, unit: sub.unit });
    }
  } else if (typeof frame.value === 'number') {
    out.push({ pid: frame.pid, name: frame.name, value: frame.value, unit: frame.unit });
  }
  for (const next of frame.also ?? []) fromPid(next, out);
}

/**
 * The live numeric readings of a decoded entry (mode 01 and J1979-2 DIDs F4xx, the PIDs of a
 * multi-PID answer included). Freeze frames, fault codes, bit-encoded PIDs and errors give none.
 */
export function numericReadings(entry: DecodedFrame): Reading[] {
  const out: Reading[] = [];
  if ('pid' in entry && entry.mode !== 2) fromPid(entry, out);
  return out;
}
