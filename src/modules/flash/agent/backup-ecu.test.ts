import { describe, expect, it } from 'vitest';
import { imageOf } from '../firmware/firmware-image.ts';
import { seededRandom } from '../ecu/seeded-random.ts';
import { connectVirtualEcu } from '../ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../ecu/virtual-vehicle.ts';
import { createManifest } from '../package/manifest.ts';
import { generateSigningKeys, signManifest } from '../package/signature.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Sid } from '../uds/services.ts';
import { backupEcu } from './backup-ecu.ts';
import { type FlashEvent, memoryBackupStore } from './flash-events.ts';
import { runFlashJob } from './flash-job.ts';
import { rollbackFlashJob } from './rollback.ts';

const keys = generateSigningKeys();
const keyAlgorithm = hmacKeyAlgorithm(VIRTUAL_ECU_SECRET);
const identity = { vin: 'UU1DJF00X56123456', ecuHardware: '237105678R', ecuSoftware: 'S1' };
const image = imageOf('bin', [{ address: 0x2000, data: seededRandom(5).bytes(600) }]);
const manifest = createManifest(image, {
  firmwareId: 'fw-sandero',
  compat: { make: 'Dacia', ecuHardware: [identity.ecuHardware], fromSoftware: ['S1'], toSoftware: 'S2' },
  createdAt: new Date('2026-04-01T08:00:00Z'),
});
const signature = signManifest(manifest, keys.privateKey);

function bench(vehicleIdentity = identity, seed = 1) {
  const vehicle = virtualVehicleFor(vehicleIdentity, manifest.segments, { seed, known: [{ sha256: image.sha256, version: 'S2' }] });
  return connectVirtualEcu(vehicle, new VirtualTimers());
}

describe('backupEcu', () => {
  it('backs up before the package is released, and the flash then reuses that backup', async () => {
    const { ecu, client, supply } = bench();
    const original = ecu.memory.read(0x2000, 600);
    const backupStore = memoryBackupStore();
    const events: FlashEvent[] = [];
    const report = (e: FlashEvent) => void events.push(e);
    const backedUp = await backupEcu({ ecu: client, supply, expectedVin: identity.vin, keyAlgorithm, backupStore, report, ranges: manifest.segments });
    expect(backedUp).toEqual({ status: 'backed_up', sha256: backupStore.current!.sha256 });
    expect(backupStore.current).toMatchObject({ ecu: identity, segments: [{ address: 0x2000, data: original }] });
    expect(ecu.requestCount(Sid.routineControl)).toBe(0);
    const flashed = await runFlashJob({ manifest, signature, publicKey: keys.publicKey, image, ecu: client, keyAlgorithm, backupStore, report, blockSize: 256 });
    expect(flashed.status).toBe('completed');
    expect(events).toContainEqual({ type: 'backup', sha256: backupStore.current!.sha256, size: 600, reused: true });
  });

  it('checks a later flash against the software recorded in the backup, not what the ECU now reports', async () => {
    const { ecu, client } = bench();
    const backupStore = memoryBackupStore();
    const base = { ecu: client, keyAlgorithm, backupStore, report: () => undefined, blockSize: 256 };
    ecu.injectFault({ kind: 'powerLoss', service: Sid.transferData, occurrence: 6 });
    expect((await runFlashJob({ manifest, signature, publicKey: keys.publicKey, image, ...base })).status).toBe('failed');
    ecu.powerCycle();
    // The bootloader reports no software; the backup says S1, which the package upgrades from.
    expect(await runFlashJob({ manifest, signature, publicKey: keys.publicKey, image, resume: true, ...base })).toMatchObject({ status: 'completed' });
  });

  it('refuses to flash or roll back a backup taken from another vehicle', async () => {
    const backupStore = memoryBackupStore();
    const first = bench();
    expect((await backupEcu({ ecu: first.client, keyAlgorithm, backupStore, report: () => undefined, ranges: manifest.segments })).status).toBe('backed_up');
    const other = bench({ ...identity, vin: 'UU1DJF00X56999999' }, 2);
    const base = { ecu: other.client, keyAlgorithm, backupStore, report: () => undefined };
    expect(await rollbackFlashJob(base)).toMatchObject({ status: 'failed', code: 'BACKUP_VEHICLE_MISMATCH', memoryTouched: false });
    expect(await runFlashJob({ manifest, signature, publicKey: keys.publicKey, image, ...base })).toMatchObject({ code: 'BACKUP_VEHICLE_MISMATCH' });
    expect(other.ecu.requestCount(Sid.routineControl)).toBe(0);
  });

  it('refuses a saved backup that does not cover the package', async () => {
    const { client } = bench();
    const backupStore = memoryBackupStore();
    await backupEcu({ ecu: client, keyAlgorithm, backupStore, report: () => undefined, ranges: [{ address: 0x2000, length: 100 }] });
    expect(await runFlashJob({ manifest, signature, publicKey: keys.publicKey, image, ecu: client, keyAlgorithm, backupStore, report: () => undefined }))
      .toMatchObject({ status: 'failed', step: 'backup', code: 'BACKUP_RANGES_MISMATCH', memoryTouched: false });
  });
});
