import { describe, expect, it } from 'vitest';
import { imageOf } from '../firmware/firmware-image.ts';
import type { Fault } from '../ecu/faults.ts';
import { seededRandom } from '../ecu/seeded-random.ts';
import { connectVirtualEcu } from '../ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../ecu/virtual-vehicle.ts';
import { createManifest } from '../package/manifest.ts';
import { generateSigningKeys, signManifest } from '../package/signature.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Sid } from '../uds/services.ts';
import { memoryBackupStore } from './flash-events.ts';
import { runFlashJob } from './flash-job.ts';
import { rollbackFlashJob } from './rollback.ts';

const FLASHES = 1000;
const keys = generateSigningKeys();
const keyAlgorithm = hmacKeyAlgorithm(VIRTUAL_ECU_SECRET);
const identity = { vin: 'VF3ABCDEF12345678', ecuHardware: '9812345680', ecuSoftware: '2.0' };
const compat = { make: 'Peugeot', ecuHardware: [identity.ecuHardware], fromSoftware: ['2.0'], toSoftware: '2.1' };
const random = seededRandom(2026);
const image = imageOf('srec', [
  { address: 0x4000, data: random.bytes(300) },
  { address: 0x4200, data: random.bytes(90) },
]);
const manifest = createManifest(image, { firmwareId: 'fw-208-2.1', compat, createdAt: new Date('2026-03-01T00:00:00Z') });
const signature = signManifest(manifest, keys.privateKey);
const SERVICES = [
  Sid.readDataByIdentifier, Sid.diagnosticSessionControl, Sid.securityAccess, Sid.communicationControl, Sid.controlDtcSetting,
  Sid.requestUpload, Sid.transferData, Sid.requestTransferExit, Sid.routineControl, Sid.requestDownload, Sid.readMemoryByAddress, Sid.ecuReset,
];

function setUp(seed: number) {
  const timers = new VirtualTimers();
  const vehicle = virtualVehicleFor(identity, manifest.segments, { seed });
  const bench = connectVirtualEcu(vehicle, timers, { ecu: { maxBlockLength: 0x82, routineMs: 5, seed: () => seededRandom(seed).bytes(4) } });
  const backupStore = memoryBackupStore();
  const base = { ecu: bench.client, keyAlgorithm, backupStore, blockSize: 128, report: () => undefined };
  const original = manifest.segments.map((s) => bench.ecu.memory.read(s.address, s.length));
  const memory = () => manifest.segments.map((s) => bench.ecu.memory.read(s.address, s.length));
  return {
    ...bench, original, memory,
    flash: (resume: boolean) => runFlashJob({ manifest, signature, publicKey: keys.publicKey, image, resume, expectedVin: identity.vin, ...base }),
    rollback: () => rollbackFlashJob(base),
  };
}

const sameAs = (a: Uint8Array[], b: Uint8Array[]) => a.length === b.length && a.every((x, i) => Buffer.compare(x, b[i]!) === 0);

describe('a seeded fault campaign', () => {
  it(`cuts ${FLASHES} flashes at random points and bricks no ECU`, async () => {
    // How often each service is used by a clean flash, to cut at any of its occurrences.
    const reference = setUp(0);
    expect((await reference.flash(false)).status).toBe('completed');
    const uses = new Map(SERVICES.map((sid) => [sid, reference.ecu.requestCount(sid)]));
    const campaign = seededRandom(24);
    const tally = { completedFirstTime: 0, completedAfterResume: 0, rolledBack: 0, neverTouched: 0, bricked: 0 };
    const cutIn = new Map<string, number>();
    for (let n = 1; n <= FLASHES; n++) {
      const s = setUp(n);
      const service = SERVICES[campaign.int(0, SERVICES.length - 1)]!;
      const fault: Fault = campaign.next() < 0.5
        ? { kind: 'powerLoss', service, occurrence: campaign.int(1, uses.get(service)!) }
        : { kind: 'busError', service, occurrence: campaign.int(1, uses.get(service)!), times: campaign.int(1, 4), lose: campaign.next() < 0.5 ? 'request' : 'response' };
      s.ecu.injectFault(fault);
      const first = await s.flash(false);
      let expected = image.segments.map((seg) => seg.data);
      if (first.status !== 'failed') tally.completedFirstTime++;
      else {
        cutIn.set(first.step, (cutIn.get(first.step) ?? 0) + 1);
        s.ecu.clearFaults();
        s.ecu.powerCycle();
        if (campaign.next() < 0.5) {
          const resumed = await s.flash(true);
          if (resumed.status === 'completed') tally.completedAfterResume++;
        } else {
          const rolled = await s.rollback();
          expected = s.original;
          if (rolled.status === 'rolled_back') tally.rolledBack++;
          else if (rolled.status === 'failed' && rolled.code === 'BACKUP_MISSING' && !first.memoryTouched) tally.neverTouched++;
        }
      }
      s.ecu.powerCycle();
      if (!s.ecu.applicationRunning || !sameAs(s.memory(), expected)) tally.bricked++;
      s.close();
    }
    console.info('fault campaign', { flashes: FLASHES, ...tally, failedAtStep: Object.fromEntries(cutIn) });
    expect(tally.bricked).toBe(0);
    expect(tally.completedFirstTime + tally.completedAfterResume + tally.rolledBack + tally.neverTouched).toBe(FLASHES);
    // The campaign really interrupts flashes at every stage, not only before the erase.
    expect(tally.completedAfterResume).toBeGreaterThan(100);
    expect(tally.rolledBack).toBeGreaterThan(100);
    expect(cutIn.get('download')).toBeGreaterThan(50);
  });
});
