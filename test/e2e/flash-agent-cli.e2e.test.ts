import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/modules/flash/ecu/seeded-random.ts';
import { imageOf } from '../../src/modules/flash/firmware/firmware-image.ts';
import { writeIntelHex } from '../../src/modules/flash/firmware/intel-hex.ts';
import { signInAs } from '../support/module-harness.ts';
import { runNovaevo } from '../support/process.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const vehicle = { vin: 'VF1RFB00X56123456', ecuHardware: '237100123R', ecuSoftware: '1.1' };
const metadata = { make: 'Renault', ecuHardware: ['237100123R'], fromSoftware: ['1.1'], toSoftware: '1.2', notes: 'CLI' };

describe('novaevo flash-agent, the command a garage runs', () => {
  let s: TestServer;
  let pro: { token: string };
  let firmwareId: string;
  let folder: string;
  beforeAll(async () => {
    s = await startTestServer();
    folder = await mkdtemp(path.join(os.tmpdir(), 'novaevo-agent-'));
    const admin = await signInAs(s, 'admin');
    pro = await signInAs(s, 'verified-pro');
    const random = seededRandom(5);
    const form = new FormData();
    form.set('file', new Blob([writeIntelHex(imageOf('ihex', [{ address: 0x8000, data: random.bytes(700) }]))]), 'fw.hex');
    form.set('metadata', JSON.stringify(metadata));
    const res = await fetch(`${s.url}/v1/flash/firmwares`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form });
    firmwareId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await s?.dispose();
    await rm(folder, { recursive: true, force: true });
  });
  const newJob = async () => (await s.call('POST', '/v1/flash/jobs', { token: pro.token, body: { ...vehicle, firmwareId } })).body.id as string;
  const agent = (job: string, ...extra: string[]) => runNovaevo(['flash-agent', '--api', s.url, '--token', pro.token, '--job', job, ...extra], {});

  it('flashes a job on the virtual ECU and exits 0 once it is completed', async () => {
    const job = await newJob();
    const run = agent(job, '--ecu', 'virtual');
    expect(await run.exited).toBe(0);
    expect(run.lines.at(-1)).toBe(`job ${job}: completed`);
    expect((await s.call('GET', `/v1/flash/jobs/${job}`, { token: pro.token })).body.status).toBe('completed');
  });

  it('uses a garage-supplied seed/key module, and fails before any erase when it is the wrong one', async () => {
    const wrong = path.join(folder, 'wrong-key.mjs');
    await writeFile(wrong, 'export function keyFor(seed) { return seed.map((b) => b ^ 0xff); }\n');
    const job = await newJob();
    const run = agent(job, '--ecu', 'virtual', '--seed-key', wrong);
    expect(await run.exited).toBe(1);
    const after = (await s.call('GET', `/v1/flash/jobs/${job}`, { token: pro.token })).body;
    expect(after.status).toBe('failed');
  });

  it('refuses bad options with exit code 2 and one line saying why', async () => {
    const job = await newJob();
    const bad = agent(job, '--ecu', 'usb:0');
    expect(await bad.exited).toBe(2);
    expect(bad.stderr.join('\n')).toContain('expected "virtual" or "socketcan:<interface>"');
    const ids = agent(job, '--ecu', 'socketcan:can0', '--can-ids', '7E0');
    expect(await ids.exited).toBe(2);
    const empty = path.join(folder, 'empty.mjs');
    await writeFile(empty, 'export const nothing = 1;\n');
    const key = agent(job, '--ecu', 'virtual', '--seed-key', empty);
    expect(await key.exited).toBe(2);
    expect(key.stderr.join('\n')).toContain('exports no keyFor');
  });
});
