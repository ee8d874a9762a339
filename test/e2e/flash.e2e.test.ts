import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';
import { runFlashAgent } from '../../src/modules/flash/index.ts';
import { connectVirtualEcu, type VirtualBench } from '../../src/modules/flash/ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../../src/modules/flash/ecu/virtual-vehicle.ts';
import { seededRandom } from '../../src/modules/flash/ecu/seeded-random.ts';
import { imageOf } from '../../src/modules/flash/firmware/firmware-image.ts';
import { writeIntelHex } from '../../src/modules/flash/firmware/intel-hex.ts';
import { realTimers } from '../../src/modules/flash/timing/timers.ts';
import { Sid } from '../../src/modules/flash/uds/services.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const random = seededRandom(11);
const image = imageOf('ihex', [
  { address: 0x8000, data: random.bytes(1500) },
  { address: 0xa000, data: random.bytes(600) },
]);
const hex = writeIntelHex(image);
const metadata = { make: 'Renault', ecuHardware: ['237100123R'], fromSoftware: ['1.0', '1.1'], toSoftware: '1.2', notes: 'Rappel R-42' };
const vehicle = { vin: 'VF1RFB00X56123456', ecuHardware: '237100123R', ecuSoftware: '1.1' };
const sha256Of = (segments: Uint8Array[]) => createHash('sha256').update(Buffer.concat(segments)).digest('hex');

async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('ECU flash through the real runtime', () => {
  let s: TestServer;
  const clock = new ManualClock(new Date());
  let admin: { token: string };
  let pro: { token: string };
  let firmwareId: string;

  const upload = (file: string, meta: unknown = metadata) => {
    const form = new FormData();
    form.set('file', new Blob([file]), 'fw.hex');
    form.set('metadata', JSON.stringify(meta));
    return fetch(`${s.url}/v1/flash/firmwares`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form }).then(async (r) => ({ status: r.status, body: await r.json() }));
  };
  const newJob = async () => {
    const res = await s.call('POST', '/v1/flash/jobs', { token: pro.token, body: { ...vehicle, firmwareId } });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string; segments: Array<{ address: number; length: number }> };
  };
  // The agent's ECU, kept across runs so a resume or rollback sees the same memory.
  const benchFor = (job: { id: string; segments: Array<{ address: number; length: number }> }): VirtualBench => {
    const seed = createHash('sha256').update(job.id).digest().readUInt32BE(0);
    return connectVirtualEcu(virtualVehicleFor(vehicle, job.segments, { seed, known: [{ sha256: image.sha256, version: '1.2' }] }), realTimers, { timing: { p2Ms: 20, retries: 1 } });
  };
  const agent = (jobId: string, ecu: VirtualBench | 'virtual', extra: { resume?: boolean; rollback?: boolean } = {}) =>
    runFlashAgent({ api: s.url, token: pro.token, jobId, ecu, ...extra });
  const workflowWaiting = async (jobId: string) => {
    const { rows } = await s.platform.db.query<{ waiting: boolean }>('SELECT wf_version = version AS waiting FROM flash_jobs WHERE id = $1', [jobId]);
    return rows[0]?.waiting === true ? true : undefined;
  };
  const memory = (bench: VirtualBench) => image.segments.map((seg) => bench.ecu.memory.read(seg.address, seg.data.length));

  beforeAll(async () => {
    s = await startTestServer({ clock });
    admin = await signInAs(s, 'admin');
    pro = await signInAs(s, 'verified-pro');
  });
  afterAll(() => s.dispose());

  it('catalogues a firmware with its segments and hashes, and names the line of a bad record', async () => {
    const created = await upload(hex);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ format: 'ihex', sha256: image.sha256, size: 2100, crc32: image.crc32, segments: [{ address: 0x8000, length: 1500 }, { address: 0xa000, length: 600 }] });
    firmwareId = created.body.id;
    const lines = hex.split('\n');
    lines[3] = `${lines[3]!.slice(0, -2)}${lines[3]!.slice(-2) === '00' ? '01' : '00'}`;
    const bad = await upload(lines.join('\n'));
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'FIRMWARE_CHECKSUM_INVALID', detail: expect.stringContaining('line 4') });
    expect((await upload(hex, { ...metadata, ecuHardware: [] })).body.code).toBe('METADATA_INVALID');
    const list = await s.call('GET', `/v1/flash/firmwares?vin=${vehicle.vin}&ecuHardware=OTHER&ecuSoftware=1.1`, { token: pro.token });
    expect(list.body.items[0].incompatibilities).toEqual([expect.objectContaining({ code: 'HARDWARE_NOT_LISTED' })]);
  });

  it('refuses jobs to unverified pros, and incompatible ones with why', async () => {
    const unverified = await signInAs(s, 'pro');
    expect((await s.call('POST', '/v1/flash/jobs', { token: unverified.token, body: { ...vehicle, firmwareId } })).body.code).toBe('PRO_NOT_VERIFIED');
    const wrong = await s.call('POST', '/v1/flash/jobs', { token: pro.token, body: { ...vehicle, ecuSoftware: '0.9', firmwareId } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('INCOMPATIBLE_FIRMWARE');
  });

  it('flashes the virtual ECU: completed, memory read back equal, package only once ready', async () => {
    const job = await newJob();
    expect(job.status).toBe('awaiting_precheck');
    expect((await s.call('GET', `/v1/flash/jobs/${job.id}/package`, { token: pro.token })).body.code).toBe('PACKAGE_NOT_RELEASABLE');
    const bench = benchFor(job);
    const { outcome, job: after } = await agent(job.id, bench);
    expect(outcome).toEqual({ status: 'completed', sha256: image.sha256 });
    expect(after.status).toBe('completed');
    expect(memory(bench)).toEqual(image.segments.map((seg) => seg.data));
    const trail = await s.call('GET', `/v1/flash/jobs/${job.id}/audit`, { token: pro.token });
    expect(trail.body.items.map((e: { data: { to: string } }) => e.data.to)).toEqual(['awaiting_precheck', 'awaiting_backup', 'ready', 'ready', 'ready', 'flashing', 'verifying', 'completed']);
    await eventually(async () => ((await s.platform.workflows.describe(`flash-${job.id}`))?.status === 'SUCCEEDED' ? true : undefined), 'the workflow to end');
  });

  it('ends failed after a power loss with the backup intact, then resumes to completed', async () => {
    const job = await newJob();
    const bench = benchFor(job);
    bench.ecu.injectFault({ kind: 'powerLoss', service: Sid.transferData, occurrence: 13 });
    const first = await agent(job.id, bench);
    expect(first.job).toMatchObject({ status: 'failed', backup: expect.objectContaining({ sha256: expect.any(String) }) });
    bench.ecu.powerCycle();
    const resumed = await agent(job.id, bench, { resume: true });
    expect(resumed.job.status).toBe('completed');
    expect(memory(bench)).toEqual(image.segments.map((seg) => seg.data));
  });

  it('ends failed on a wrong key before any erase, and a rollback flashes the backup back', async () => {
    const job = await newJob();
    const bench = benchFor(job);
    const original = memory(bench);
    bench.ecu.injectFault({ kind: 'powerLoss', service: Sid.transferData, occurrence: 13 });
    await agent(job.id, bench);
    bench.ecu.powerCycle();
    const rolled = await agent(job.id, bench, { rollback: true });
    expect(rolled.job.status).toBe('rolled_back');
    expect(memory(bench)).toEqual(original);

    const keyJob = await newJob();
    const keyBench = benchFor(keyJob);
    keyBench.ecu.injectFault({ kind: 'wrongKey', times: 5 });
    const refused = await agent(keyJob.id, keyBench);
    expect(refused.job).toMatchObject({ status: 'failed' });
    expect(keyBench.ecu.requestCount(Sid.routineControl)).toBe(0);
  });

  it('ends failed on a checksum mismatch with the backup intact, and a rollback restores it', async () => {
    const job = await newJob();
    const bench = benchFor(job);
    const original = memory(bench);
    // Every transferred block is stored with one byte corrupted: the ECU's check and the read-back differ from the package.
    bench.ecu.injectFault({ kind: 'checksumMismatch', times: 1000 });
    const failed = await agent(job.id, bench);
    expect(failed.outcome.status).toBe('failed');
    expect(failed.job).toMatchObject({ status: 'failed', backup: { sha256: sha256Of(original) } });
    expect(memory(bench)).not.toEqual(image.segments.map((seg) => seg.data));
    bench.ecu.clearFaults();
    const rolled = await agent(job.id, bench, { rollback: true });
    expect(rolled.job).toMatchObject({ status: 'rolled_back', readBackSha256: sha256Of(original) });
    expect(memory(bench)).toEqual(original);
    await eventually(async () => ((await s.platform.workflows.describe(`flash-${job.id}`))?.status === 'SUCCEEDED' ? true : undefined), 'the workflow to end');
  });

  it('keeps an audit chain that admins verify', async () => {
    const verification = await s.call('GET', '/v1/admin/flash/audit/verification', { token: admin.token });
    expect(verification.body).toMatchObject({ ok: true });
    expect(verification.body.count).toBeGreaterThan(10);
    const page = await s.call('GET', '/v1/admin/flash/audit?limit=5', { token: admin.token });
    expect(page.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // The upload is in the chain, with its hashes and its signature (the refused upload is not).
    const catalogue = await s.call('GET', '/v1/flash/firmwares', { token: admin.token });
    const firmware = catalogue.body.items.find((f: { id: string }) => f.id === firmwareId);
    const key = await s.call('GET', '/v1/flash/signing-key', { token: admin.token });
    expect(page.body.items.filter((e: { action: string }) => e.action === 'flash.firmware.uploaded')).toEqual([
      expect.objectContaining({
        seq: 1, actor: expect.any(String),
        data: expect.objectContaining({ firmwareId, sha256: image.sha256, size: image.size, signature: firmware.signature, publicKeySha256: createHash('sha256').update(key.body.publicKey).digest('hex') }),
      }),
    ]);
    expect((await s.call('GET', '/v1/admin/flash/audit', { token: pro.token })).status).toBe(403);
  });

  it('fails a job whose agent goes silent, keeping its backup', async () => {
    const job = await newJob();
    const bench = benchFor(job);
    bench.ecu.injectFault({ kind: 'silence', service: Sid.requestDownload });
    const hung = await agent(job.id, bench);
    expect(hung.job).toMatchObject({ status: 'failed', backup: expect.anything() });

    const silent = await newJob();
    // An agent whose link dies right after it reported the backup: the job waits, ready, for nothing.
    const afterBackup = await newJob();
    const afterBench = benchFor(afterBackup);
    const original = memory(afterBench);
    let cut = false;
    const dying: typeof fetch = async (input, init) => {
      if (cut) throw new TypeError('fetch failed: the garage lost its connection');
      const res = await fetch(input, init);
      if (init?.method === 'POST' && String(init.body).includes('"type":"backup"')) cut = true;
      return res;
    };
    await expect(runFlashAgent({ api: s.url, token: pro.token, jobId: afterBackup.id, ecu: afterBench, fetch: dying })).rejects.toThrow(/lost its connection/);
    expect(cut).toBe(true);

    // The workflows wait in their states (their timeouts count from there) before the clock moves on.
    for (const id of [silent.id, afterBackup.id]) await eventually(() => workflowWaiting(id), `the workflow of ${id} to wait`);
    clock.advance(31 * 60_000);
    // Tokens expire with the clock: read as an admin signed in afterwards.
    const reader = await signInAs(s, 'admin');
    const failedOf = (id: string) => eventually(async () => {
      const j = await s.call('GET', `/v1/flash/jobs/${id}`, { token: reader.token });
      return j.body.status === 'failed' ? j.body : undefined;
    }, `the step timeout of ${id}`);
    expect((await failedOf(silent.id)).failure.code).toBe('AGENT_SILENT');
    expect(await failedOf(afterBackup.id)).toMatchObject({ failure: { code: 'AGENT_SILENT' }, backup: { sha256: sha256Of(original) } });
    expect(memory(afterBench)).toEqual(original);
    // Without a backup the workflow ends; with one it waits for a rollback or a resume.
    await eventually(async () => ((await s.platform.workflows.describe(`flash-${silent.id}`))?.error === 'FlashJobFailedBeforeErase' ? true : undefined), 'the workflow to end');
    expect((await s.platform.workflows.describe(`flash-${afterBackup.id}`))?.status).toBe('RUNNING');
    const trail = await s.call('GET', `/v1/flash/jobs/${afterBackup.id}/audit`, { token: reader.token });
    expect(trail.body.items.at(-1)).toMatchObject({ actor: 'platform', action: 'flash.job.timeout', data: { from: 'ready', to: 'failed', code: 'AGENT_SILENT' } });
  });

  it('refuses a backup report that is not what was uploaded, and any job id that is not one', async () => {
    pro = await signInAs(s, 'verified-pro'); // the clock moved on past the first token's life
    const job = await newJob();
    const report = (body: unknown) => s.call('POST', `/v1/flash/jobs/${job.id}/events`, { token: pro.token, body });
    expect((await report({ type: 'precheck', data: { ...vehicle, batteryVolts: 12.8, ignitionOn: true } })).status).toBe(200);
    const memory = Uint8Array.from({ length: 64 }, (_, i) => i);
    const sha256 = createHash('sha256').update(memory).digest('hex');
    const backup = { sha256, size: memory.length, reused: false };
    expect((await report({ type: 'backup', data: backup })).body.code).toBe('BACKUP_NOT_UPLOADED');
    const target = await s.call('POST', `/v1/flash/jobs/${job.id}/backup/upload-url`, { token: pro.token });
    const put = await fetch(target.body.url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256, ecu: vehicle, segments: [{ address: 0x8000, data: Buffer.from(memory).toString('base64') }] }) });
    expect(put.ok).toBe(true);
    const lie = await report({ type: 'backup', data: { ...backup, sha256: 'f'.repeat(64) } });
    expect([lie.status, lie.body.code]).toEqual([422, 'BACKUP_MISMATCH']);
    expect((await report({ type: 'backup', data: backup })).body.status).toBe('ready');
    for (const path of ['', '/events', '/package', '/audit', '/backup/upload-url']) {
      const r = await s.call(path === '/events' || path === '/backup/upload-url' ? 'POST' : 'GET', `/v1/flash/jobs/not-a-uuid${path}`, { token: pro.token, ...(path === '/events' ? { body: { type: 'progress', data: {} } } : {}) });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
    }
  });

});
