import { concat, sha256Hex } from '../firmware/firmware-image.ts';
import type { FlashMemory } from './flash-memory.ts';
import { seededRandom } from './seeded-random.ts';
import type { EcuIdentification } from './uds-server.ts';
import type { VirtualVehicle } from './virtual-ecu.ts';

/** A package the simulated vehicle recognises once flashed: its image hash and version. */
export interface KnownSoftware {
  sha256: string;
  version: string;
}

/**
 * A simulated vehicle for a flash job: the job's identification, flash regions covering the
 * package's segments (each rounded out to `alignment` bytes), and factory software filling
 * them with pseudo-random bytes drawn from `seed`, so every run of a job sees the same original.
 * Its ECU reports `ecuSoftware` while the factory bytes are in place, the version of a `known`
 * package once the segments hold that package, and nothing recognisable ("") otherwise.
 */
export function virtualVehicleFor(
  identification: EcuIdentification,
  segments: ReadonlyArray<{ address: number; length: number }>,
  options: { seed?: number; alignment?: number; known?: readonly KnownSoftware[] } = {},
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
  const content = regions.map((r) => ({ address: r.address, data: random.bytes(r.size) }));
  const hashOf = (read: (address: number, size: number) => Uint8Array) => sha256Hex(concat(segments.map((s) => read(s.address, s.length))));
  const factory = hashOf((address, size) => {
    const region = content.find((c) => address >= c.address && address + size <= c.address + c.data.length)!;
    return region.data.subarray(address - region.address, address - region.address + size);
  });
  const versions = new Map<string, string>([[factory, identification.ecuSoftware], ...(options.known ?? []).map((k) => [k.sha256, k.version] as const)]);
  return {
    ...identification,
    flash: regions,
    content,
    softwareOf: (memory: FlashMemory) => (memory.applicationValid() ? versions.get(hashOf((a, n) => memory.read(a, n))) ?? '' : ''),
  };
}
