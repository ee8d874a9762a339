import { performance } from 'node:perf_hooks';
import { backupEcu } from '../src/modules/flash/agent/backup-ecu.ts';
import { memoryBackupStore } from '../src/modules/flash/agent/flash-events.ts';
import { runFlashJob } from '../src/modules/flash/agent/flash-job.ts';
import { seededRandom } from '../src/modules/flash/ecu/seeded-random.ts';
import { connectVirtualEcu } from '../src/modules/flash/ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../src/modules/flash/ecu/virtual-vehicle.ts';
import { imageOf } from '../src/modules/flash/firmware/firmware-image.ts';
import { writeIntelHex } from '../src/modules/flash/firmware/intel-hex.ts';
import { flashModule, runFlashAgent } from '../src/modules/flash/index.ts';
import { createManifest } from '../src/modules/flash/package/manifest.ts';
import { generateSigningKeys, signManifest } from '../src/modules/flash/package/signature.ts';
import { realTimers } from '../src/modules/flash/timing/timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../src/modules/flash/uds/security-key.ts';
import { modules } from '../src/runtime/modules.ts';
import { signInAs } from '../test/support/module-harness.ts';
import { startTestServer } from '../test/support/server.ts';
import { type BenchResult, figure, type RunOptions } from './figures.ts';

const TARGET = { jobs: 3000, seconds: 300 };
const JOBS = { small: 40, full: TARGET.jobs };
const vehicle = { vin: 'VF1RFB00X56123456', ecuHardware: '237100123R', ecuSoftware: '1.1' };
const compat = { make: 'Renault', ecuHardware: ['237100123R'], fromSoftware: ['1.1'], toSoftware: '1.2' };

/** Runs `n` tasks, `concurrency` at a time; returns each one's duration (ms). */
async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      durations.push(performance.now() - t0);
    }
  }));
  return durations;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

/**
 * `npm run bench -- flash`: N flash jobs, C at a time, each created by a verified pro and driven
 * by the flash agent (HTTP, signed URLs, workflow task tokens, audit) against its own virtual
 * ECU on the local runtime; baseline: the agent core alone against the same virtual ECUs (no
 * API, no workflow). The full size is the target's 3,000 jobs; the small one projects from 40.
 */
export async function runFlashBenchmark({ size, progress }: RunOptions): Promise<BenchResult> {
  const full = size === 'full';
  const jobs = Number(process.env.BENCH_FLASH_JOBS ?? JOBS[size]);
  const concurrency = Number(process.env.BENCH_FLASH_CONCURRENCY ?? 20);
  // Not a small seed: the virtual vehicles draw their factory memory from seeds 1…N, and one equal to the image's would already hold the package.
  const random = seededRandom(0x5eed_f1a5);
  const image = imageOf('ihex', [{ address: 0x8000, data: random.bytes(6144) }, { address: 0xc000, data: random.bytes(2048) }]);

  // Baseline: backup + flash by the agent core, in memory.
  const keys = generateSigningKeys();
  const manifest = createManifest(image, { firmwareId: 'bench', compat, createdAt: new Date() });
  const signature = signManifest(manifest, keys.privateKey);
  const keyAlgorithm = hmacKeyAlgorithm(VIRTUAL_ECU_SECRET);
  const baselineFailures: Record<string, number> = {};
  const baselineCpu0 = process.cpuUsage();
  const b0 = performance.now();
  const baseline = await pool(jobs, concurrency, async (i) => {
    const bench = connectVirtualEcu(virtualVehicleFor(vehicle, manifest.segments, { seed: i + 1, known: [{ sha256: image.sha256, version: '1.2' }] }), realTimers);
    const common = { ecu: bench.client, supply: bench.supply, expectedVin: vehicle.vin, keyAlgorithm, report: () => {}, backupStore: memoryBackupStore() };
    await backupEcu({ ...common, ranges: manifest.segments });
    const outcome = await runFlashJob({ ...common, manifest, signature, publicKey: keys.publicKey, image });
    if (outcome.status === 'failed') baselineFailures[outcome.code] = (baselineFailures[outcome.code] ?? 0) + 1;
    bench.close();
  });
  const baselineSeconds = (performance.now() - b0) / 1000;
  const baselineCpu = process.cpuUsage(baselineCpu0);
  const baselineCpuMsPerJob = (baselineCpu.user + baselineCpu.system) / 1000 / jobs;
  progress(`baseline: ${jobs} jobs by the agent core alone in ${baselineSeconds.toFixed(1)} s; now through the platform`);

  // The runtime's own polling (1 s, BENCH_FLASH_POLL_MS to compare), as `novaevo serve` runs: the tests' 50 ms would have every
  // waiting workflow re-read its journal 20 times a second.
  const server = await startTestServer({ modules: [...modules, flashModule], pollIntervalMs: Number(process.env.BENCH_FLASH_POLL_MS ?? 1000) });
  try {
    const admin = await signInAs(server, 'admin');
    const pro = await signInAs(server, 'verified-pro');
    const form = new FormData();
    form.set('file', new Blob([writeIntelHex(image)]), 'bench.hex');
    form.set('metadata', JSON.stringify({ ...compat, notes: 'bench' }));
    const fw = (await (await fetch(`${server.url}/v1/flash/firmwares`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form })).json()) as { id: string };
    const ids: string[] = [];
    const outcomes: Record<string, number> = {};
    let done = 0;
    // CPU time of this process (its database worker thread included): what a noisy shared machine distorts least.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const durations = await pool(jobs, concurrency, async () => {
      const created = await server.call('POST', '/v1/flash/jobs', { token: pro.token, body: { ...vehicle, firmwareId: fw.id } });
      ids.push(created.body.id);
      const { job } = await runFlashAgent({ api: server.url, token: pro.token, jobId: created.body.id, ecu: 'virtual' });
      outcomes[job.status] = (outcomes[job.status] ?? 0) + 1;
      if (++done % Math.max(1, Math.round(jobs / 10)) === 0) progress(`${done} of ${jobs} jobs through the platform`);
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuMsPerJob = (cpu.user + cpu.system) / 1000 / jobs;
    // A job is stuck when it is not completed or its workflow has not ended a few seconds later.
    await new Promise((r) => setTimeout(r, 3000));
    let stuck = 0;
    for (const id of ids) {
      const wf = await server.platform.workflows.describe(`flash-${id}`);
      if (wf?.status !== 'SUCCEEDED') stuck++;
    }
    const audit = await server.call('GET', '/v1/admin/flash/audit/verification', { token: (await signInAs(server, 'admin')).token });
    const perSecond = jobs / seconds;
    const projected = TARGET.jobs / perSecond;
    const completed = outcomes.completed ?? 0;
    const p50 = Math.round(percentile(durations, 50));
    const figures = [
      figure('seconds for 3,000 jobs', Number(projected.toFixed(1)), 's', {
        target: { op: '<=', value: TARGET.seconds },
        ...(full ? {} : { note: `projected from ${jobs} jobs, ${concurrency} at a time` }),
        baseline: { name: 'agent core alone', value: Number(((TARGET.jobs / jobs) * baselineSeconds).toFixed(1)) },
      }),
      figure('time per job, p50', p50, 'ms', { baseline: { name: 'agent core alone', value: Math.round(percentile(baseline, 50)) } }),
      figure('CPU time per job (process, all threads)', Math.round(cpuMsPerJob), 'ms', { baseline: { name: 'agent core alone', value: Math.round(baselineCpuMsPerJob) } }),
      figure('jobs not completed', jobs - completed, 'jobs', { target: { op: '<=', value: 0 } }),
      figure('workflows not ended', stuck, 'jobs', { target: { op: '<=', value: 0 } }),
    ];
    const detail = {
      jobs, concurrency, image_bytes: image.size, full,
      platform: { cpu_ms_per_job: Math.round(cpuMsPerJob), seconds: Number(seconds.toFixed(2)), jobs_per_second: Number(perSecond.toFixed(2)), p50_ms: Math.round(percentile(durations, 50)), p95_ms: Math.round(percentile(durations, 95)), outcomes, stuck, audit: audit.body },
      baseline_agent_core_only: { cpu_ms_per_job: Math.round(baselineCpuMsPerJob), seconds: Number(baselineSeconds.toFixed(2)), jobs_per_second: Number((jobs / baselineSeconds).toFixed(2)), p50_ms: Math.round(percentile(baseline, 50)), failures: baselineFailures },
      target: {
        ...TARGET,
        measured: full ? 'full size' : `projected from ${jobs} jobs at the measured rate`,
        seconds_for_3000: Number(projected.toFixed(1)),
        met: projected < TARGET.seconds && stuck === 0 && completed === jobs,
      },
    };
    return { figures, detail };
  } finally {
    await server.dispose();
  }
}
