import { describe, expect, it } from 'vitest';
import { imageOf } from '../firmware/firmware-image.ts';
import { seededRandom } from '../ecu/seeded-random.ts';
import { connectVirtualEcu } from '../ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../ecu/virtual-vehicle.ts';
import { createManifest } from '../package/manifest.ts';
import { generateSigningKeys, signManifest } from '../package/signature.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Did, Sid } from '../uds/services.ts';
import { type FlashEvent, memoryBackupStore } from './flash-events.ts';
import { runFlashJob } from './flash-job.ts';
import { rollbackFlashJob } from './rollback.ts';

const keys = generateSigningKeys();
const keyAlgorithm = hmacKeyAlgorithm(VIRTUAL_ECU_SECRET);
const identity = { vin: 'VF1RFB00X56123456', ecuHardware: '237100123R', ecuSoftware: '1.1' };
const random = seededRandom(7);
const image = imageOf('ihex', [
  { address: 0x8000, data: random.bytes(700) },
  { address: 0x9100, data: random.bytes(300) },
]);
const manifest = createManifest(image, {
  firmwareId: 'fw-clio-1.2',
  compat: { make: 'Renault', ecuHardware: ['237100123R'], fromSoftware: ['1.0', '1.1'], toSoftware: '1.2' },
  createdAt: new Date('2026-03-01T10:00:00Z'),
});
const signature = signManifest(manifest, keys.privateKey);

function scenario() {
  const timers = new VirtualTimers();
  const vehicle = virtualVehicleFor(identity, manifest.segments, { seed: 3, known: [{ sha256: image.sha256, version: '1.2' }] });
  const bench = connectVirtualEcu(vehicle, timers, { ecu: { maxBlockLength: 0x82 } });
  const events: FlashEvent[] = [];
  const backupStore = memoryBackupStore();
  const base = { ecu: bench.client, keyAlgorithm, backupStore, blockSize: 256, report: (e: FlashEvent) => void events.push(e) };
  const flash = (extra: { resume?: boolean; manifest?: unknown; signature?: string; expectedVin?: string } = {}) =>
    runFlashJob({ manifest, signature, publicKey: keys.publicKey, image, expectedVin: identity.vin, supply: bench.supply, ...base, ...extra });
  const rollback = () => rollbackFlashJob(base);
  const memoryOf = (segments: ReadonlyArray<{ address: number; length: number }>) =>
    segments.map((s) => bench.ecu.memory.read(s.address, s.length));
  const original = memoryOf(manifest.segments);
  return { ...bench, events, backupStore, flash, rollback, memoryOf, original };
}

describe('runFlashJob on the virtual ECU', () => {
  it('flashes the package, reads it back equal and reports every step with its progress', async () => {
    const s = scenario();
    const outcome = await s.flash();
    expect(outcome).toEqual({ status: 'completed', sha256: image.sha256 });
    expect(s.memoryOf(manifest.segments)).toEqual(image.segments.map((seg) => seg.data));
    expect(s.ecu.applicationRunning).toBe(true);
    expect(s.ecu.state.session).toBe(0x01);
    expect(await s.client.readText(Did.ecuSoftwareNumber)).toBe('1.2');
    expect(s.events.filter((e) => e.type === 'step').map((e) => e.step)).toEqual([
      'verify-package', 'precheck', 'enter-programming', 'backup', 'erase', 'download', 'check-dependencies', 'verify', 'reset',
    ]);
    const progress = s.events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => e.blocksDone)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.at(-1)).toEqual({ type: 'progress', blocksDone: 5, blocksTotal: 5, bytesDone: 1000, bytesTotal: 1000 });
    expect(s.events).toContainEqual({ type: 'precheck', ...identity, batteryVolts: 12.8, ignitionOn: true });
    expect(s.backupStore.current?.segments.map((seg) => seg.data)).toEqual(s.original);
  });

  it('backs up the original memory before the first erase', async () => {
    const s = scenario();
    const order: string[] = [];
    const report = (e: FlashEvent) => void order.push(e.type === 'step' ? e.step : e.type);
    await runFlashJob({ manifest, signature, publicKey: keys.publicKey, image, ecu: s.client, keyAlgorithm, backupStore: s.backupStore, report, blockSize: 256 });
    expect(order.indexOf('backup')).toBeLessThan(order.indexOf('erase'));
    expect(order.lastIndexOf('backup')).toBeLessThan(order.indexOf('erase'));
  });

  it('refuses a bad signature, a tampered image, an incompatible ECU or another VIN before talking of erasing', async () => {
    const cases = [
      { extra: { signature: signManifest({ ...manifest, firmwareId: 'other' }, keys.privateKey) }, code: 'PACKAGE_SIGNATURE_INVALID' },
      { extra: { manifest: { ...manifest, compat: { ...manifest.compat, ecuHardware: ['237100123R', 'ANY'] } } }, code: 'PACKAGE_SIGNATURE_INVALID' },
      { extra: { expectedVin: 'VF1RFB00X56999999' }, code: 'VIN_MISMATCH' },
    ];
    for (const { extra, code } of cases) {
      const s = scenario();
      expect(await s.flash(extra)).toMatchObject({ status: 'failed', code, memoryTouched: false });
      expect(s.ecu.requestCount(Sid.routineControl)).toBe(0);
      expect(s.events.at(-1)).toMatchObject({ type: 'failure', code });
    }
    const incompatible = createManifest(image, { ...manifest, compat: { ...manifest.compat, make: 'Peugeot' }, createdAt: new Date(manifest.createdAt) });
    const s = scenario();
    expect(await s.flash({ manifest: incompatible, signature: signManifest(incompatible, keys.privateKey) })).toMatchObject({
      status: 'failed', code: 'INCOMPATIBLE_FIRMWARE', step: 'precheck',
    });
    expect(s.ecu.requestCount(Sid.routineControl)).toBe(0);
    expect(s.ecu.requestCount(Sid.diagnosticSessionControl)).toBe(0);
  });

  it('stops at precheck on a low battery or the ignition off, before talking to the ECU', async () => {
    const low = scenario();
    low.ecu.batteryVolts = 12.2;
    expect(await low.flash()).toMatchObject({ status: 'failed', step: 'precheck', code: 'BATTERY_LOW', memoryTouched: false });
    const off = scenario();
    off.ecu.ignitionOn = false;
    expect(await off.flash()).toMatchObject({ status: 'failed', step: 'precheck', code: 'IGNITION_OFF' });
    expect(low.ecu.requestCount(Sid.readDataByIdentifier) + off.ecu.requestCount(Sid.readDataByIdentifier)).toBe(0);
  });

  it('erases and rewrites a block the flash refused once (0x72), and fails on a flash that keeps refusing', async () => {
    const once = scenario();
    // The 12th transfer request is the 3rd download piece, after the 9 pieces of the backup upload.
    once.ecu.injectFault({ kind: 'writeFailure', occurrence: 12 });
    expect((await once.flash()).status).toBe('completed');
    expect(once.memoryOf(manifest.segments)).toEqual(image.segments.map((seg) => seg.data));
    const always = scenario();
    always.ecu.injectFault({ kind: 'writeFailure', occurrence: 12, times: 100 });
    expect(await always.flash()).toMatchObject({ status: 'failed', step: 'download', code: 'UDS_NEGATIVE_RESPONSE' });
    expect(always.backupStore.current?.segments.map((seg) => seg.data)).toEqual(always.original);
  });

  it('ends failed after a power loss mid-transfer with the backup intact, then resumes from the first invalid block', async () => {
    const s = scenario();
    // 9 transfers of 128-byte pieces upload the backup; the 7th download piece starts block 4.
    s.ecu.injectFault({ kind: 'powerLoss', service: Sid.transferData, occurrence: 9 + 7 });
    expect(await s.flash()).toMatchObject({ status: 'failed', step: 'download', code: 'UDS_NO_RESPONSE', memoryTouched: true });
    expect(s.backupStore.current?.segments.map((seg) => seg.data)).toEqual(s.original);
    s.ecu.powerCycle();
    expect(s.ecu.applicationRunning).toBe(false);
    expect(await s.client.readText(Did.ecuSoftwareNumber)).toBe('');
    s.events.length = 0;
    expect(await s.flash({ resume: true })).toEqual({ status: 'completed', sha256: image.sha256 });
    expect(s.events).toContainEqual({ type: 'backup', sha256: s.backupStore.current!.sha256, size: 1000, reused: true });
    // Blocks 1-3 were checked before the cut: they are kept, the rest is redone.
    expect(s.events.filter((e) => e.type === 'progress').map((e) => e.blocksDone)).toEqual([4, 5]);
    expect(s.memoryOf(manifest.segments)).toEqual(image.segments.map((seg) => seg.data));
    expect(s.ecu.applicationRunning).toBe(true);
  });

  it('rolls an interrupted flash back to the backup', async () => {
    const s = scenario();
    s.ecu.injectFault({ kind: 'powerLoss', service: Sid.transferData, occurrence: 9 + 3 });
    expect((await s.flash()).status).toBe('failed');
    s.ecu.powerCycle();
    expect(await s.rollback()).toMatchObject({ status: 'rolled_back' });
    expect(s.memoryOf(manifest.segments)).toEqual(s.original);
    expect(s.ecu.applicationRunning).toBe(true);
    expect(await s.client.readText(Did.ecuSoftwareNumber)).toBe(identity.ecuSoftware);
  });

  it('ends failed on wrong keys without touching memory, and gets through a single wrong key', async () => {
    const s = scenario();
    s.ecu.injectFault({ kind: 'wrongKey', times: 10 });
    expect(await s.flash()).toMatchObject({ status: 'failed', step: 'enter-programming', code: 'UDS_NEGATIVE_RESPONSE', memoryTouched: false });
    expect(s.memoryOf(manifest.segments)).toEqual(s.original);
    expect(s.ecu.applicationRunning).toBe(true);
    expect(await s.rollback()).toMatchObject({ status: 'failed', code: 'BACKUP_MISSING' });
    const once = scenario();
    once.ecu.injectFault({ kind: 'wrongKey' });
    expect((await once.flash()).status).toBe('completed');
  });

  it('ends failed on checksum mismatches with the backup intact, and a rollback restores it', async () => {
    const s = scenario();
    s.ecu.injectFault({ kind: 'checksumMismatch', occurrence: 3, times: 100 });
    expect(await s.flash()).toMatchObject({ status: 'failed', step: 'download', code: 'BLOCK_CHECK_FAILED' });
    expect(s.backupStore.current?.segments.map((seg) => seg.data)).toEqual(s.original);
    s.ecu.clearFaults();
    expect((await s.rollback()).status).toBe('rolled_back');
    expect(s.memoryOf(manifest.segments)).toEqual(s.original);
  });

  it('retries a block once after a single corrupted write and completes', async () => {
    const s = scenario();
    s.ecu.injectFault({ kind: 'checksumMismatch', occurrence: 2 });
    expect((await s.flash()).status).toBe('completed');
    expect(s.memoryOf(manifest.segments)).toEqual(image.segments.map((seg) => seg.data));
  });

  it('ends failed when the ECU falls silent, and a rollback after a power cycle restores the backup', async () => {
    const s = scenario();
    s.ecu.injectFault({ kind: 'silence', service: Sid.requestDownload, occurrence: 2 });
    expect(await s.flash()).toMatchObject({ status: 'failed', step: 'download', code: 'UDS_NO_RESPONSE' });
    s.ecu.powerCycle();
    expect((await s.rollback()).status).toBe('rolled_back');
    expect(s.memoryOf(manifest.segments)).toEqual(s.original);
  });

  it('rides through a lost answer on the bus without failing', async () => {
    const s = scenario();
    s.ecu.injectFault({ kind: 'busError', service: Sid.transferData, occurrence: 4 });
    s.ecu.injectFault({ kind: 'busError', service: Sid.routineControl, occurrence: 1, lose: 'request' });
    expect((await s.flash()).status).toBe('completed');
    expect(s.memoryOf(manifest.segments)).toEqual(image.segments.map((seg) => seg.data));
  });
});
