import { AppError, notFound } from '../../../platform/errors.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { BlobStore } from '../../../platform/ports/blob-store.ts';
import type { SqlDatabase, SqlExecutor } from '../../../platform/ports/sql.ts';
import type { Clock } from '../../../platform/clock.ts';
import { isUuid } from '../../../platform/ids.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { ModuleScheduler } from '../../../platform/module/namespaced-ports.ts';
import type { TypedPublisher } from '../../../platform/module/events.ts';
import type { ModuleContext } from '../../../platform/module/module.ts';
import { decodeBackup } from '../agent-cli/backup-codec.ts';
import { concat, sha256Hex } from '../firmware/firmware-image.ts';
import { incompatibilities, incompatibleFirmware } from '../package/compatibility.ts';
import type { JobEvent } from '../job/job-events.ts';
import { applyJobEvent, expireJob, type FlashJobState, type JobTransition, newJobState } from '../job/job-state.ts';
import type { flashEvents } from '../events.ts';
import type { AuditStore } from '../store/audit-store.ts';
import type { FirmwareStore } from '../store/firmware-store.ts';
import type { JobRecord, JobStore } from '../store/job-store.ts';

/** The workflow every job runs (`flash-job.asl.json`). */
export const FLASH_WORKFLOW = 'flash-job';

/** Where a job's backup lives in the blob store. */
export const backupKey = (jobId: string) => `flash/backups/${jobId}.json`;

/** What the job service needs from the platform. */
export interface JobServiceDeps {
  db: SqlDatabase;
  clock: Clock;
  logger: Logger;
  ids: { newId(): string };
  blobs: BlobStore;
  scheduler: ModuleScheduler;
  events: TypedPublisher<typeof flashEvents>;
  workflows: ModuleContext['workflows'];
  jobs: JobStore;
  firmwares: FirmwareStore;
  audit: AuditStore;
}

/** Flash jobs: creation after the compatibility check, agent reports, deadlines, the workflow's waits. */
export class JobService {
  constructor(private readonly d: JobServiceDeps) {}

  /** A new job for a compatible firmware, its audit entry, its first deadline and its workflow. */
  async create(p: Principal, input: { vin: string; ecuHardware: string; ecuSoftware: string; firmwareId: string }): Promise<JobRecord> {
    const firmware = await this.d.firmwares.get(input.firmwareId);
    if (!firmware) throw notFound('FIRMWARE_NOT_FOUND', 'No firmware has this id.');
    const reasons = incompatibilities(firmware.manifest.compat, input);
    if (reasons.length > 0) throw incompatibleFirmware(reasons);
    const now = this.d.clock.now();
    const id = this.d.ids.newId();
    const vin = input.vin.trim().toUpperCase();
    const state = newJobState({ vin, packageSha256: firmware.sha256 }, now);
    const record = { id, orgId: p.orgId ?? null, userId: p.userId, firmwareId: firmware.id, vin, ecuHardware: input.ecuHardware, ecuSoftware: input.ecuSoftware, status: state.status, state, createdAt: now };
    await this.d.db.transaction(async (tx) => {
      await this.d.jobs.insert(tx, record);
      await this.d.audit.append(tx, { at: now, actor: p.userId, action: 'flash.job.created', jobId: id, data: { firmwareId: firmware.id, firmwareSha256: firmware.sha256, vin, to: state.status } });
      await this.#scheduleDeadline(tx, id, state);
    });
    await this.d.workflows.start(FLASH_WORKFLOW, { jobId: id, version: 0, status: state.status, hasBackup: false }, { executionId: `flash-${id}` });
    return (await this.d.jobs.get(this.d.db, id))!;
  }

  /** The job as the caller may see it: its organisation's, or any for an admin (404 otherwise). */
  async get(p: Principal, id: string): Promise<JobRecord> {
    // Ids are UUIDs: anything else names no job (and must not reach the uuid column).
    const job = isUuid(id) ? await this.d.jobs.get(this.d.db, id) : undefined;
    if (!job || !canSee(p, job)) throw notFound('FLASH_JOB_NOT_FOUND', 'No flash job has this id.');
    return job;
  }

  /** Applies an agent's event: the new state, an audit entry per status change, the workflow told. */
  async report(p: Principal, id: string, event: JobEvent): Promise<JobRecord> {
    await this.get(p, id);
    if (event.type === 'backup') await this.#checkBackup(id, event.data);
    return this.#transition(id, p.userId, (state, now) => applyJobEvent(state, event, now));
  }

  /**
   * The backup the agent reports must be the one it uploaded, whole: its memory hashes to what
   * it says (the package is released on the strength of it, and a rollback restores it).
   */
  async #checkBackup(id: string, reported: { sha256: string; size: number }): Promise<void> {
    const blob = await this.d.blobs.get(backupKey(id));
    if (!blob) throw new AppError(409, 'BACKUP_NOT_UPLOADED', 'Upload the backup (POST …/backup/upload-url) before reporting it.');
    const backup = decodeBackup(new TextDecoder().decode(blob.body));
    if (!backup) throw new AppError(422, 'BACKUP_INVALID', 'The uploaded backup is not a backup image.');
    const memory = concat(backup.segments.map((s) => s.data));
    if (sha256Hex(memory) !== backup.sha256 || backup.sha256 !== reported.sha256 || memory.length !== reported.size) {
      throw new AppError(422, 'BACKUP_MISMATCH', 'The uploaded backup does not hash to what the agent reports: upload it again.');
    }
  }

  /** A deadline timer fired: the job fails if its agent stayed silent, else the next deadline is set. */
  async expire(id: string): Promise<void> {
    await this.#transition(id, 'platform', (state, now) => expireJob(state, now));
  }

  /**
   * The workflow's wait (a `.waitForTaskToken` task): keeps the token on the job, and answers it
   * at once when the job already moved past the version the workflow knows.
   */
  async awaitAgent(input: { jobId: string; version: number }, token: string): Promise<void> {
    const job = await this.d.jobs.setToken(this.d.db, input.jobId, token, input.version);
    if (job && job.version > input.version) await this.#signal(job);
  }

  async #transition(id: string, actor: string, step: (state: FlashJobState, now: Date) => JobTransition | AppError | undefined): Promise<JobRecord> {
    const now = this.d.clock.now();
    const { job, moved } = await this.d.db.transaction(async (tx) => {
      const job = (await this.d.jobs.get(tx, id, true))!;
      const t = step(job.state, now);
      if (t instanceof AppError) throw t;
      if (t === undefined) {
        // Not due: the deadline moved on with the agent's reports, so wait for the new one.
        await this.#scheduleDeadline(tx, id, job.state);
        return { job, moved: false };
      }
      const moved = t.state.status !== job.status;
      const version = await this.d.jobs.save(tx, id, t.state, moved, now);
      if (moved || t.audit.action !== 'flash.job.progress') {
        await this.d.audit.append(tx, { at: now, actor, action: t.audit.action, jobId: id, data: t.audit.data });
      }
      if (moved) await this.#scheduleDeadline(tx, id, t.state);
      if (moved && (t.state.status === 'completed' || t.state.status === 'rolled_back' || t.state.status === 'failed')) {
        await this.d.events.publish('flash.job-finished', { jobId: id, orgId: job.orgId, status: t.state.status }, { tx });
      }
      return { job: { ...job, state: t.state, status: t.state.status, version, updatedAt: now }, moved };
    });
    if (moved) await this.#signal(job);
    return job;
  }

  /** Answers the workflow's pending token with the job's status (a token already answered is fine). */
  async #signal(job: JobRecord): Promise<void> {
    if (job.wfToken === null || job.wfVersion === null || job.wfVersion >= job.version) return;
    const output = { jobId: job.id, version: job.version, status: job.status, hasBackup: job.state.backup !== undefined };
    try {
      await this.d.workflows.sendTaskSuccess(job.wfToken, output);
    } catch (err) {
      if (!(err instanceof AppError && (err.code === 'TASK_TOKEN_CLOSED' || err.code === 'TASK_TOKEN_INVALID'))) throw err;
    }
  }

  async #scheduleDeadline(tx: SqlExecutor, id: string, state: FlashJobState): Promise<void> {
    if (state.deadline === undefined) return;
    await this.d.scheduler.schedule({ type: 'flash.job-deadline', data: { jobId: id, deadline: state.deadline }, at: new Date(Date.parse(state.deadline) + 1), key: `flash:${id}:${state.deadline}` }, tx);
  }
}

function canSee(p: Principal, job: JobRecord): boolean {
  return p.role === 'admin' || (p.role === 'pro' && p.orgId !== undefined && job.orgId === p.orgId);
}
