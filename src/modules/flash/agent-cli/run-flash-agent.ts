import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { backupEcu } from '../agent/backup-ecu.ts';
import type { BackupImage, BackupStore, FlashEvent, FlashOutcome } from '../agent/flash-events.ts';
import { runFlashJob } from '../agent/flash-job.ts';
import { rollbackFlashJob } from '../agent/rollback.ts';
import { connectSocketCanEcu, type EcuConnection } from '../ecu/socketcan-ecu.ts';
import { connectVirtualEcu, type VirtualBench } from '../ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../ecu/virtual-vehicle.ts';
import { parseFirmware } from '../firmware/parse-firmware.ts';
import { toJobEvent } from '../job/job-events.ts';
import type { FlashJobStatus } from '../job/job-state.ts';
import { realTimers } from '../timing/timers.ts';
import { hmacKeyAlgorithm, type KeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { AgentApi, type AgentJob } from './agent-api.ts';
import { decodeBackup, encodeBackup } from './backup-codec.ts';
import { reportThrottle } from './report-throttle.ts';

/** What `novaevo flash-agent` is given. */
export interface FlashAgentOptions {
  api: string;
  token: string;
  jobId: string;
  /**
   * `virtual` (a simulated ECU of the job's vehicle), `{ socketcan: 'can0' }` (an ECU on a Linux
   * CAN interface), or a connection already open (tests keep one across runs).
   */
  ecu: 'virtual' | { socketcan: string; txId?: number; rxId?: number } | EcuConnection;
  /**
   * The ECU's seed/key algorithm (security access 0x27). Default: the virtual ECU's. A real ECU
   * needs its manufacturer's, which the garage's tool supplies (`--seed-key <module>`).
   */
  keyAlgorithm?: KeyAlgorithm;
  /** Continue an interrupted flash from its first invalid block. */
  resume?: boolean;
  /** Flash the job's backup back instead of the package. */
  rollback?: boolean;
  /** The platform's public key (PEM) to trust; read from the API when absent. */
  publicKey?: string;
  /** Each step as it happens (the CLI prints them). */
  log?: (event: FlashEvent) => void;
  fetch?: typeof fetch;
}

/** How the agent's run ended, and the job as the platform then saw it. */
export interface FlashAgentResult {
  outcome: FlashOutcome;
  job: AgentJob;
}

/**
 * The flash agent: reads the job, connects the ECU, reports every step to the job's events
 * route, and runs the domain's agent core — the backup first (precheck, original memory
 * uploaded through a signed URL), then, once the platform releases the package, the flash
 * with the same backup store (or the rollback). The manifest signature is checked by the
 * core before anything is erased.
 */
export async function runFlashAgent(o: FlashAgentOptions): Promise<FlashAgentResult> {
  const api = new AgentApi(o.api, o.token, o.fetch);
  const job = await api.job(o.jobId);
  // The agent opens (and closes) the ECU connection unless it was handed an open one.
  const owned = o.ecu === 'virtual' || 'socketcan' in o.ecu;
  const bench: EcuConnection = o.ecu === 'virtual' ? virtualBenchFor(job) : 'socketcan' in o.ecu ? await connectSocketCanEcu(o.ecu.socketcan, realTimers, {}, { txId: o.ecu.txId, rxId: o.ecu.rxId }) : o.ecu;
  try {
    const due = reportThrottle(() => performance.now());
    // The job as the last report left it: every event that moves it is reported.
    let latest: AgentJob | undefined;
    const report = async (event: FlashEvent) => {
      o.log?.(event);
      const wire = toJobEvent(event);
      if (wire && due(wire, (latest ?? job).status as FlashJobStatus)) latest = await api.report(job.id, wire);
    };
    const backupStore = apiBackupStore(api, job.id, job.status === 'awaiting_precheck');
    const common = { ecu: bench.client, supply: bench.supply, expectedVin: job.vin, keyAlgorithm: o.keyAlgorithm ?? hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), report, backupStore };
    let outcome: FlashOutcome;
    if (o.rollback === true) outcome = await rollbackFlashJob(common);
    else {
      outcome = await backupEcu({ ...common, ranges: job.segments });
      if (outcome.status === 'backed_up') {
        const pkg = await api.package(job.id);
        const parsed = parseFirmware(await api.download(pkg.download.url), { ...(pkg.baseAddress === null ? {} : { baseAddress: pkg.baseAddress }) });
        if (!parsed.ok) throw parsed.error;
        const publicKey = o.publicKey ?? pkg.publicKey;
        outcome = await runFlashJob({ ...common, manifest: pkg.manifest, signature: pkg.signature, publicKey, image: parsed.image, resume: o.resume === true });
      }
    }
    return { outcome, job: latest ?? (await api.job(job.id)) };
  } finally {
    if (owned) bench.close();
  }
}

/** A virtual ECU simulating the job's vehicle: its VIN, hardware, software and factory memory (seeded by the job). */
function virtualBenchFor(job: AgentJob): VirtualBench {
  const seed = createHash('sha256').update(job.id).digest().readUInt32BE(0);
  const vehicle = virtualVehicleFor(job, job.segments, { seed, known: [{ sha256: job.packageSha256, version: job.toSoftware }] });
  return connectVirtualEcu(vehicle, realTimers);
}

/**
 * The job's backup through the API: read by a signed GET, saved once by a signed PUT. The one
 * this run saved or read is kept, so the flash that follows the backup does not fetch it again;
 * a `fresh` job (awaiting its precheck) is known to keep none.
 */
function apiBackupStore(api: AgentApi, jobId: string, fresh: boolean): BackupStore {
  let known: BackupImage | undefined;
  // A job still awaiting its precheck cannot keep a backup yet (uploads open once it awaits one).
  const none = fresh;
  return {
    async load() {
      if (known || none) return known;
      const url = await api.backupUrl(jobId);
      known = url === undefined ? undefined : decodeBackup(new TextDecoder().decode(await api.download(url)));
      return known;
    },
    async save(backup) {
      const { url } = await api.backupUploadUrl(jobId);
      await api.upload(url, encodeBackup(backup));
      known = backup;
    },
  };
}
