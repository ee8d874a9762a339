import { pidHex } from './pid-table.ts';
import { scaleTestValue } from './units-and-scaling.ts';
import type { DecodeError, MonitorTest, MonitorFrame } from './types.ts';

// Mode 06 on CAN: after 46, blocks of 9 bytes "MID TID UASID value min max" (16-bit each);
// MIDs 00, 20, 40... answer a 4-byte map of the supported MIDs instead.

const BANK_SENSOR = (n: number) => `Bank ${Math.ceil(n / 4)} - Sensor ${((n - 1) % 4) + 1}`;

function monitorName(mid: number): string {
  if (mid >= 0x01 && mid <= 0x10) return `O2 sensor monitor ${BANK_SENSOR(mid)}`;
  if (mid >= 0x21 && mid <= 0x24) return `Catalyst monitor Bank ${mid - 0x20}`;
  if (mid >= 0x31 && mid <= 0x34) return `EGR monitor Bank ${mid - 0x30}`;
  if (mid >= 0x35 && mid <= 0x38) return `VVT monitor Bank ${mid - 0x34}`;
  if (mid >= 0x41 && mid <= 0x50) return `O2 sensor heater monitor ${BANK_SENSOR(mid - 0x40)}`;
  if (mid >= 0x61 && mid <= 0x64) return `Heated catalyst monitor Bank ${mid - 0x60}`;
  if (mid >= 0x71 && mid <= 0x74) return `Secondary air monitor ${mid - 0x70}`;
  if (mid >= 0x81 && mid <= 0x84) return `Fuel system monitor Bank ${mid - 0x80}`;
  if (mid >= 0xa2 && mid <= 0xad) return `Misfire cylinder ${mid - 0xa1} data`;
  const named: Record<number, string> = {
    0x39: 'EVAP monitor (cap off / 0.150")',
    0x3a: 'EVAP monitor (0.090")',
    0x3b: 'EVAP monitor (0.040")',
    0x3c: 'EVAP monitor (0.020")',
    0x3d: 'Purge flow monitor',
    0x85: 'Boost pressure control monitor Bank 1',
    0x86: 'Boost pressure control monitor Bank 2',
    0x90: 'NOx absorber monitor Bank 1',
    0x91: 'NOx absorber monitor Bank 2',
    0x98: 'NOx catalyst monitor Bank 1',
    0x99: 'NOx catalyst monitor Bank 2',
    0xa1: 'Misfire monitor general data',
    0xb0: 'PM filter monitor Bank 1',
    0xb1: 'PM filter monitor Bank 2',
  };
  return named[mid] ?? 'Manufacturer or reserved monitor';
}

const TESTS: Record<number, string> = {
  0x01: 'Rich to lean sensor threshold voltage',
  0x02: 'Lean to rich sensor threshold voltage',
  0x03: 'Low sensor voltage for switch time calculation',
  0x04: 'High sensor voltage for switch time calculation',
  0x05: 'Rich to lean sensor switch time',
  0x06: 'Lean to rich sensor switch time',
  0x07: 'Minimum sensor voltage for test cycle',
  0x08: 'Maximum sensor voltage for test cycle',
  0x09: 'Time between sensor transitions',
  0x0a: 'Sensor period',
  0x0b: 'Average misfire counts for last ten driving cycles',
  0x0c: 'Misfire counts for last/current driving cycles',
};

const testName = (tid: number) => TESTS[tid] ?? (tid >= 0x80 ? 'Manufacturer defined test' : 'Reserved test');

/** Decodes a CAN mode 06 response body (the bytes after 46). */
export function decodeMonitorResults(body: Uint8Array): MonitorFrame | { error: DecodeError } {
  const mid = body[0];
  if (mid === undefined) return { error: { code: 'FRAME_TOO_SHORT', detail: 'a mode 06 response is 46 <MID> ...' } };
  if (mid % 0x20 === 0) {
    if (body.length < 5) return { error: { code: 'FRAME_TOO_SHORT', detail: 'a supported-MID map is 4 bytes' } };
    const supported: string[] = [];
    for (let i = 0; i < 32; i++) if ((body[1 + (i >> 3)]! >> (7 - (i % 8))) % 2 === 1) supported.push(pidHex(mid + 1 + i));
    return { mode: 6, mid: pidHex(mid), supportedMids: supported, tests: [] };
  }
  if (body.length % 9 !== 0) return { error: { code: 'FRAME_BAD_LENGTH', detail: `${body.length} bytes are not whole 9-byte test results` } };
  const tests: MonitorTest[] = [];
  for (let at = 0; at < body.length; at += 9) {
    const [m, tid, uas] = [body[at]!, body[at + 1]!, body[at + 2]!];
    const word = (i: number) => body[at + i]! * 256 + body[at + i + 1]!;
    const value = scaleTestValue(uas, word(3));
    const min = scaleTestValue(uas, word(5)).value;
    const max = scaleTestValue(uas, word(7)).value;
    tests.push({
      mid: pidHex(m),
      monitor: monitorName(m),
      tid: pidHex(tid),
      test: testName(tid),
      uasId: uas,
      value: value.value,
      min,
      max,
      unit: value.unit,
      passed: typeof value.value === 'number' ? value.value >= (min as number) && value.value <= (max as number) : value.value,
    });
  }
  return { mode: 6, mid: pidHex(mid), tests };
}
