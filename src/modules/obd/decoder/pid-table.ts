import { pids00to1f } from './pids-00-1f.ts';
import { pids20to3f } from './pids-20-3f.ts';
import { pids40to5f } from './pids-40-5f.ts';
import { pids60to7f } from './pids-60-7f.ts';
import { pids80to9f } from './pids-80-9f.ts';
import { pidsA0toC4 } from './pids-a0-c4.ts';
import type { PidDefinition } from './types.ts';

/** Every mode 01 / 02 PID this decoder knows, by number, in PID order. */
export const PID_TABLE: ReadonlyMap<number, PidDefinition> = new Map(
  [...pids00to1f, ...pids20to3f, ...pids40to5f, ...pids60to7f, ...pids80to9f, ...pidsA0toC4].sort((a, b) => a.pid - b.pid).map((p) => [p.pid, p]),
);

/** Two upper-case hex digits, the way PIDs are named on the wire and in the API ('0C'). */
export function pidHex(pid: number): string {
  return pid.toString(16).toUpperCase().padStart(2, '0');
}
