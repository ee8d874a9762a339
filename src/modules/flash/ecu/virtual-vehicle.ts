import type { EcuIdentification } from './uds-server.ts';
import { seededRandom } from './seeded-random.ts';
import type { VirtualVehicle } from './virtual-ecu.ts';

/**
 * A simulated vehicle for a flash job: the job's identification, flash regions covering the
 * package's segments (each rounded out to `alignment` bytes), and factory software filling
 * them with pseudo-random bytes drawn from `seed`, so every run of a job sees the same original.
 */
export function virtualVehicleFor(
  identification: EcuIdentification,
  segments: ReadonlyArray<{ address: number; length: number }>,
  options: { seed?: number; alignment?: number } = {},
): VirtualVehicle {
  const alignment = options.alignment ?? 0x100;
  const random = seededRandom(options.seed ?? 1);
  const regions: Array<{ address: number; size: number }> = [];
  for (const { address, length } of segments) {
    const start = Math.floor(address / alignment) * alignment;
    const end = Math.min(Math.ceil((address + length) / alignment) * alignment, 0x1_0000_0000);
    const last = regions.at(-1);
    if (last !== undefined && start <= last.address + last.size) last.size = Math.max(last.size, end - last.address);
    else regions.push({ address: start, size: end - start });
  }
  return {
    ...identification,
    flash: regions,
    content: regions.map((r) => ({ address: r.address, data: random.bytes(r.size) })),
  };
}
