import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { backupEcu } from '../agent/backup-ecu.ts';
import { type FlashEvent, memoryBackupStore } from '../agent/flash-events.ts';
import { runFlashJob } from '../agent/flash-job.ts';
import { rollbackFlashJob } from '../agent/rollback.ts';
import { imageOf } from '../firmware/firmware-image.ts';
import { seededRandom } from '../ecu/seeded-random.ts';
import { connectVirtualEcu } from '../ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../ecu/virtual-vehicle.ts';
import { createManifest } from '../package/manifest.ts';
import { generateSigningKeys, signManifest } from '../package/signature.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Sid } from '../uds/services.ts';
import { jobEventSchema, toJobEvent } from './job-events.ts';
import { applyJobEvent, expireJob, type FlashJobState, newJobState, packageReleasable } from './job-state.ts';

const now = new Date('2026-06-01T09:00:00Z');
const keys = generateSigningKeys();
const identity = { vin: 'VR3UPHNKSKT000001', ecuHardware: '9834567280', ecuSoftware: '10' };
const image = imageOf('ihex', [{ address: 0x8000, data: seededRandom(8).bytes(500) }]);
const manifest = createManifest(image, {
  firmwareId: 'fw-208', compat: { make: 'Peugeot', ecuHardware: [identity.ecuHardware], fromSoftware: ['10'], toSoftware: '11' }, createdAt: now,
});
const signature = signManifest(manifest, keys.privateKey);

/** A platform-side job fed with what the agent reports, as the events route would do. */
function platformJob() {
  let state = newJobState({ vin: identity.vin, packageSha256: image.sha256 }, now);
  const statuses: string[] = [state.status];
  const refused: AppError[] = [];
  const report = (event: FlashEvent) => {
    const wire = toJobEvent(event);
    if (wire === undefined) return;
    const result = applyJobEvent(state, jobEventSchema.parse(JSON.parse(JSON.stringify(wire))), now);
    if (result instanceof AppError) refused.push(result);
    else {
      state = result.state;
      if (statuses.at(-1) !== state.status) statuses.push(state.status);
    }
  };
  return { report, statuses, refused, get state() { return state; } };
}

function vehicle() {
  const v = virtualVehicleFor(identity, manifest.segments, { known: [{ sha256: image.sha256, version: '11' }] });
  const bench = connectVirtualEcu(v, new VirtualTimers());
  const backupStore = memoryBackupStore();
  const base = { ecu: bench.client, supply: bench.supply, expectedVin: identity.vin, keyAlgorithm: hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), backupStore, blockSize: 128 };
  return { ...bench, base };
}

describe('the job state fed by a real agent', () => {
  it('goes awaiting_precheck → awaiting_backup → ready → flashing → verifying → completed, releasing the package only when ready', async () => {
    const job = platformJob();
    const { base } = vehicle();
    await backupEcu({ ...base, report: job.report, ranges: manifest.segments });
    expect(job.state.status).toBe('ready');
    expect(packageReleasable(job.state)).toBe(true);
    await runFlashJob({ ...base, manifest, signature, publicKey: keys.publicKey, image, report: job.report });
    expect(job.refused).toEqual([]);
    expect(job.statuses).toEqual(['awaiting_precheck', 'awaiting_backup', 'ready', 'flashing', 'verifying', 'completed']);
    expect(job.state).toMatchObject({ status: 'completed', readBackSha256: image.sha256, backup: { size: 500 } });
    expect(job.state.deadline).toBeUndefined();
    expect(packageReleasable(job.state)).toBe(false);
  });

  it('fails with the backup kept when the flash is cut, then completes on resume', async () => {
    const job = platformJob();
    const { base, ecu } = vehicle();
    await backupEcu({ ...base, report: job.report, ranges: manifest.segments });
    ecu.injectFault({ kind: 'powerLoss', service: Sid.transferData, occurrence: 3 });
    await runFlashJob({ ...base, manifest, signature, publicKey: keys.publicKey, image, report: job.report });
    expect(job.state).toMatchObject({ status: 'failed', failure: { code: 'UDS_NO_RESPONSE' }, backup: { sha256: expect.any(String) } });
    ecu.powerCycle();
    await runFlashJob({ ...base, manifest, signature, publicKey: keys.publicKey, image, report: job.report, resume: true });
    expect(job.refused).toEqual([]);
    expect(job.state.status).toBe('completed');
  });

  it('ends rolled_back when the agent flashes the backup back after a failure', async () => {
    const job = platformJob();
    const { base, ecu } = vehicle();
    ecu.injectFault({ kind: 'checksumMismatch', times: 100 });
    await runFlashJob({ ...base, manifest, signature, publicKey: keys.publicKey, image, report: job.report });
    expect(job.state.status).toBe('failed');
    ecu.clearFaults();
    await rollbackFlashJob({ ...base, report: job.report });
    expect(job.refused).toEqual([]);
    expect(job.state).toMatchObject({ status: 'rolled_back', readBackSha256: job.state.backup!.sha256 });
  });
});

describe('applyJobEvent', () => {
  const precheck = (data: Partial<{ vin: string; batteryVolts: number; ignitionOn: boolean }>) =>
    ({ type: 'precheck' as const, data: { vin: identity.vin, ecuHardware: 'h', ecuSoftware: 's', batteryVolts: 12.7, ignitionOn: true, ...data } });
  const start = newJobState({ vin: identity.vin, packageSha256: image.sha256 }, now);
  const apply = (state: FlashJobState, event: Parameters<typeof applyJobEvent>[1]) => applyJobEvent(state, event, now);

  it('fails the job on a low battery, the ignition off or another VIN', () => {
    expect(apply(start, precheck({ batteryVolts: 12.3 }))).toMatchObject({ state: { status: 'failed', failure: { code: 'BATTERY_LOW' } } });
    expect(apply(start, precheck({ ignitionOn: false }))).toMatchObject({ state: { status: 'failed', failure: { code: 'IGNITION_OFF' } } });
    expect(apply(start, precheck({ vin: 'VR3UPHNKSKT000002' }))).toMatchObject({ state: { status: 'failed', failure: { code: 'VIN_MISMATCH' } } });
    // An agent that did not measure the supply proves nothing.
    expect(apply(start, { type: 'precheck', data: { vin: identity.vin, ecuHardware: 'h', ecuSoftware: 's' } })).toMatchObject({ state: { status: 'failed' } });
  });

  it('refuses events out of order with a 409 and a completed result whose hash is not the package', () => {
    expect(apply(start, { type: 'backup', data: { sha256: 'a'.repeat(64), size: 1, reused: false } })).toMatchObject({ status: 409, code: 'FLASH_EVENT_OUT_OF_ORDER' });
    expect(apply(start, { type: 'result', data: { status: 'completed', sha256: image.sha256 } })).toMatchObject({ code: 'FLASH_EVENT_OUT_OF_ORDER' });
    const flashing: FlashJobState = { ...start, status: 'flashing', backup: { sha256: 'b'.repeat(64), size: 500 } };
    expect(apply(flashing, { type: 'result', data: { status: 'completed', sha256: 'c'.repeat(64) } })).toMatchObject({ state: { status: 'failed', failure: { code: 'READBACK_MISMATCH' } } });
    expect(apply({ ...flashing, status: 'completed' }, { type: 'failure', data: { step: 'x', code: 'X', message: '', memoryTouched: false } })).toBeInstanceOf(AppError);
  });

  it('audits each transition with the states and the hashes', () => {
    const result = apply({ ...start, status: 'awaiting_backup' }, { type: 'backup', data: { sha256: 'd'.repeat(64), size: 9, reused: false } });
    expect(result).toMatchObject({ audit: { action: 'flash.job.backup', data: { from: 'awaiting_backup', to: 'ready', sha256: 'd'.repeat(64) } } });
  });

  it('fails a job whose agent stays silent past its step deadline, keeping the backup', () => {
    const flashing = apply({ ...start, status: 'ready', backup: { sha256: 'e'.repeat(64), size: 1 } }, { type: 'progress', data: { step: 'erase' } });
    if (flashing instanceof AppError) throw flashing;
    expect(expireJob(flashing.state, new Date(now.getTime() + 60_000))).toBeUndefined();
    expect(expireJob(flashing.state, new Date(now.getTime() + 120_001))).toMatchObject({
      state: { status: 'failed', failure: { code: 'AGENT_SILENT' }, backup: { sha256: 'e'.repeat(64) } },
      audit: { action: 'flash.job.timeout', data: { from: 'flashing' } },
    });
  });

  it('fails a job that stays in one state longer than its limit even while its agent reports', () => {
    let state = newJobState({ vin: identity.vin, packageSha256: image.sha256 }, now);
    state = { ...state, status: 'ready', backup: { sha256: 'e'.repeat(64), size: 1 } };
    let t = now.getTime();
    const first = apply(state, { type: 'progress', data: { step: 'erase' } });
    if (first instanceof AppError) throw first;
    state = first.state;
    // 79 reports 90 s apart, within the 120 min flashing allows.
    for (let i = 0; i < 79; i++) {
      t += 90_000;
      const next = applyJobEvent(state, { type: 'progress', data: { step: 'download', blocksDone: i } }, new Date(t));
      if (next instanceof AppError) throw next;
      expect(expireJob(next.state, new Date(t + 1000)), `report ${i}`).toBeUndefined();
      state = next.state;
    }
    t += 90_000;
    expect(expireJob(state, new Date(t))).toMatchObject({ state: { status: 'failed', failure: { code: 'STEP_TOO_LONG' }, backup: { sha256: 'e'.repeat(64) } } });
  });

  it('never throws, whatever events arrive in whatever order, and every state stays one of the eight', () => {
    const hash = fc.constantFrom(image.sha256, 'f'.repeat(64));
    const event = fc.oneof(
      fc.record({ type: fc.constant('precheck' as const), data: fc.record({ vin: fc.constantFrom(identity.vin, 'X'), ecuHardware: fc.string(), ecuSoftware: fc.string(), batteryVolts: fc.double({ noNaN: false }), ignitionOn: fc.boolean() }) }),
      fc.record({ type: fc.constant('backup' as const), data: fc.record({ sha256: hash, size: fc.nat(), reused: fc.boolean() }) }),
      fc.record({ type: fc.constant('progress' as const), data: fc.record({ step: fc.constantFrom('precheck', 'erase', 'download', 'verify', 'reset', 'other') }) }),
      fc.record({ type: fc.constant('result' as const), data: fc.record({ status: fc.constantFrom('completed' as const, 'rolled_back' as const), sha256: hash }) }),
      fc.record({ type: fc.constant('failure' as const), data: fc.record({ step: fc.string(), code: fc.string({ minLength: 1 }), message: fc.string(), memoryTouched: fc.boolean() }) }),
    );
    const statuses = ['awaiting_precheck', 'awaiting_backup', 'ready', 'flashing', 'verifying', 'completed', 'failed', 'rolled_back'];
    fc.assert(fc.property(fc.array(event, { maxLength: 30 }), (events) => {
      let state = start;
      for (const e of events) {
        const result = apply(state, e);
        if (result instanceof AppError) expect(result.status).toBe(409);
        else state = result.state;
        expect(statuses).toContain(state.status);
        if (state.status === 'completed') expect(state.readBackSha256).toBe(image.sha256);
      }
    }));
    fc.assert(fc.property(fc.anything(), (value) => {
      const parsed = jobEventSchema.safeParse(value);
      return !parsed.success || typeof parsed.data.type === 'string';
    }));
  });
});
