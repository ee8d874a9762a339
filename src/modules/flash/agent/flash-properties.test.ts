import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageOf } from '../firmware/firmware-image.ts';
import { connectVirtualEcu } from '../ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../ecu/virtual-vehicle.ts';
import { createManifest } from '../package/manifest.ts';
import { generateSigningKeys, signManifest } from '../package/signature.ts';
import { realTimers } from '../timing/timers.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Sid } from '../uds/services.ts';
import { memoryBackupStore } from './flash-events.ts';
import { runFlashJob } from './flash-job.ts';

const keys = generateSigningKeys();
const identity = { vin: 'ZFA31200000123456', ecuHardware: '55260384', ecuSoftware: 'A1' };
const compat = { make: 'Fiat', ecuHardware: [identity.ecuHardware], fromSoftware: ['A1'], toSoftware: 'A2' };

/** 1-3 segments of 1-600 bytes with gaps, anywhere below 16 MiB. */
const layout = fc
  .tuple(fc.integer({ min: 0, max: 0xff_0000 }), fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.uint8Array({ minLength: 1, maxLength: 600 })), { minLength: 1, maxLength: 3 }))
  .map(([first, parts]) => {
    let address = first;
    return parts.map(([gap, data], i) => {
      if (i > 0) address += gap;
      const segment = { address, data };
      address += data.length;
      return segment;
    });
  });

async function flash(segments: Array<{ address: number; data: Uint8Array }>, blockSize: number, maxBlockLength: number, cut?: number) {
  const image = imageOf('srec', segments, 0);
  const manifest = createManifest(image, { firmwareId: 'fw', compat, createdAt: new Date('2026-05-01T00:00:00Z') });
  const bench = connectVirtualEcu(virtualVehicleFor(identity, manifest.segments, { alignment: 0x40 }), new VirtualTimers(), { ecu: { maxBlockLength } });
  const backupStore = memoryBackupStore();
  const job = (resume: boolean) => runFlashJob({
    manifest, signature: signManifest(manifest, keys.privateKey), publicKey: keys.publicKey, image, ecu: bench.client,
    keyAlgorithm: hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), backupStore, report: () => undefined, blockSize, resume,
  });
  if (cut !== undefined) bench.ecu.injectFault({ kind: 'powerLoss', service: Sid.transferData, occurrence: cut });
  let outcome = await job(false);
  if (outcome.status === 'failed') {
    bench.ecu.powerCycle();
    outcome = await job(true);
  }
  bench.ecu.powerCycle();
  return { outcome, memory: segments.map((s) => bench.ecu.memory.read(s.address, s.data.length)), running: bench.ecu.applicationRunning };
}

describe('flashing any image', () => {
  it('reads back every segment equal, whatever the layout, block size and ECU block length', async () => {
    await fc.assert(fc.asyncProperty(layout, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 3, max: 300 }), async (segments, blockSize, maxBlockLength) => {
      const { outcome, memory, running } = await flash(segments, blockSize, maxBlockLength);
      expect(outcome.status).toBe('completed');
      expect(memory).toEqual(segments.map((s) => s.data));
      expect(running).toBe(true);
    }), { numRuns: 25 });
  });

  it('completes after a resume wherever the power was cut during the transfers', async () => {
    await fc.assert(fc.asyncProperty(layout, fc.integer({ min: 16, max: 300 }), fc.integer({ min: 1, max: 60 }), async (segments, blockSize, cut) => {
      const { outcome, memory, running } = await flash(segments, blockSize, 0x42, cut);
      expect(outcome.status).toBe('completed');
      expect(memory).toEqual(segments.map((s) => s.data));
      expect(running).toBe(true);
    }), { numRuns: 25 });
  });

  it('works the same on wall-clock timers, as with a real bus', async () => {
    const segments = [{ address: 0x1000, data: Uint8Array.from({ length: 500 }, (_, i) => i % 251) }];
    const image = imageOf('ihex', segments);
    const manifest = createManifest(image, { firmwareId: 'fw', compat, createdAt: new Date('2026-05-01T00:00:00Z') });
    const bench = connectVirtualEcu(virtualVehicleFor(identity, manifest.segments), realTimers, { ecu: { routineMs: 1 } });
    const outcome = await runFlashJob({
      manifest, signature: signManifest(manifest, keys.privateKey), publicKey: keys.publicKey, image, ecu: bench.client,
      keyAlgorithm: hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), backupStore: memoryBackupStore(), report: () => undefined, blockSize: 128,
    });
    expect(outcome.status).toBe('completed');
    expect(bench.ecu.memory.read(0x1000, 500)).toEqual(segments[0]!.data);
  });
});
