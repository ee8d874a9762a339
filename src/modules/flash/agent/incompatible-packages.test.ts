import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { imageOf } from '../firmware/firmware-image.ts';
import { type SeededRandom, seededRandom } from '../ecu/seeded-random.ts';
import { connectVirtualEcu } from '../ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../ecu/virtual-vehicle.ts';
import { createManifest, type FirmwareCompat } from '../package/manifest.ts';
import { signManifest } from '../package/signature.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Sid } from '../uds/services.ts';
import { memoryBackupStore } from './flash-events.ts';
import { runFlashJob } from './flash-job.ts';

const PACKAGES = 5_000;
const platform = generateKeyPairSync('ed25519');
const identity = { vin: 'WVWZZZ1KZAW000001', ecuHardware: '03L906018', ecuSoftware: '0004' };
const compat: FirmwareCompat = { make: 'Volkswagen', ecuHardware: ['03L906018', '03L906019'], fromSoftware: ['0003', '0004'], toSoftware: '0005' };
const start = seededRandom(98);
const image = imageOf('ihex', [{ address: 0x10000, data: start.bytes(64) }, { address: 0x10100, data: start.bytes(32) }]);
const createdAt = new Date('2026-02-01T00:00:00Z');

const pick = <T>(r: SeededRandom, items: readonly T[]): T => items[r.int(0, items.length - 1)]!;

/** A genuinely signed package for another make, ECU or software version, or a job for another VIN. */
function incompatible(r: SeededRandom): { compat: FirmwareCompat; expectedVin: string } {
  const kind = pick(r, ['make', 'hardware', 'software', 'mixed', 'vin'] as const);
  if (kind === 'vin') return { compat, expectedVin: `WVWZZZ1KZAW${String(r.int(2, 999_999)).padStart(6, '0')}` };
  const other = { ...compat };
  if (kind === 'make' || kind === 'mixed') other.make = pick(r, ['Renault', 'Peugeot', 'Audi', 'SEAT', 'Skoda', 'BMW', 'Citroën']);
  if (kind === 'hardware' || (kind === 'mixed' && r.next() < 0.5)) other.ecuHardware = [`03L9060${r.int(20, 99)}`];
  if (kind === 'software' || (kind === 'mixed' && r.next() < 0.5)) other.fromSoftware = [String(r.int(5, 9)).padStart(4, '0')];
  return { compat: other, expectedVin: identity.vin };
}

describe('random incompatible packages', () => {
  it(`never reach an erase, over ${PACKAGES} genuinely signed ones`, async () => {
    const bench = connectVirtualEcu(virtualVehicleFor(identity, [{ address: 0x10000, length: 0x200 }]), new VirtualTimers());
    const backupStore = memoryBackupStore();
    const r = seededRandom(5_000);
    const refusals = new Map<string, number>();
    for (let i = 0; i < PACKAGES; i++) {
      const { compat: fits, expectedVin } = incompatible(r);
      const manifest = createManifest(image, { firmwareId: `fw-${i}`, compat: fits, createdAt });
      const outcome = await runFlashJob({
        manifest, signature: signManifest(manifest, platform.privateKey), image, publicKey: platform.publicKey, expectedVin,
        ecu: bench.client, keyAlgorithm: hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), backupStore, report: () => undefined,
      });
      const key = outcome.status === 'failed' ? `${outcome.step}:${outcome.code}` : outcome.status;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
    }
    console.info('incompatible packages', { packages: PACKAGES, outcomes: Object.fromEntries(refusals) });
    expect([...refusals.keys()].sort()).toEqual(['precheck:INCOMPATIBLE_FIRMWARE', 'precheck:VIN_MISMATCH']);
    for (const sid of [Sid.diagnosticSessionControl, Sid.securityAccess, Sid.routineControl, Sid.requestUpload, Sid.requestDownload]) {
      expect(bench.ecu.requestCount(sid)).toBe(0);
    }
    expect(backupStore.current).toBeUndefined();
    const manifest = createManifest(image, { firmwareId: 'fw-genuine', compat, createdAt });
    const genuine = await runFlashJob({
      manifest, signature: signManifest(manifest, platform.privateKey), image, publicKey: platform.publicKey, expectedVin: identity.vin,
      ecu: bench.client, keyAlgorithm: hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), backupStore, report: () => undefined,
    });
    expect(genuine.status).toBe('completed');
    expect(bench.ecu.requestCount(Sid.routineControl)).toBeGreaterThan(0);
  });
});
