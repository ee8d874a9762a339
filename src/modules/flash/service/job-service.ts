import { AppError, notFound } from '../../../platform/errors.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { BlobStore } from '../../../platform/ports/blob-store.ts';
import type { SqlDatabase } from '../../../platform/ports/sql.ts';
import type { Clock } from '../../../platform/clock.ts';
import { isUuid } from '../../../platform/ids.ts';
import type { Logger } from '../../../platform/logger.ts';
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
  events: TypedPublisher<typeof flashEvents>;
  workflows: ModuleContext['workflows'];
  jobs: JobStore;
  firmwares: FirmwareStore;
  audit: AuditStore;
}

/** Flash jobs: creation after the compatibility check, agent reports, the workflow's waits and their timeouts. */
export class JobService {
  constructor(private readonly d: JobServiceDeps) {}

  /** A new job for a compatible firmware, its audit entry and its workflow. */
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
    });
    await this.d.workflows.start(FLASH_WORKFLOW, { jobId: id, version: 0, status: state.status, hasBackup: false }, { executionId: `flash-${id}` });
    // The row as inserted (its workflow may have stored its token since: the caller is not shown that).
    return { ...record, version: 0, revision: 0, wfToken: null, wfVersion: null, updatedAt: now };
  }

  /** The job as the caller may see it: its organisation's, or any for an admin (404 otherwise). */
  async get(p: Principal, id: string): Promise<JobRecord> {
    // Ids are UUIDs: anything else names no job (and must not reach the uuid column).
    const job = isUuid(id) ? await this.d.jobs.get(this.d.db, id) : undefined;
    if (!job || !canSee(p, job)) throw jobNotFound();
    return job;
  }

  /**
   * Applies an agent's event: the new state, an audit entry per status change, the workflow told
   * (a status change answers its wait; any other report is a heartbeat of that wait).
   */
  async report(p: Principal, id: string, event: JobEvent): Promise<JobRecord> {
    if (event.type === 'backup') {
      await this.get(p, id);
      await this.#checkBackup(id, event.data);
    } else if (!isUuid(id)) throw jobNotFound();
    const step = (state: FlashJobState, now: Date) => applyJobEvent(state, event, now);
    const visible = (j: JobRecord) => canSee(p, j);
    const { job, moved } = (event.type === 'progress' && (await this.#progressWithoutLock(id, step, visible))) || (await this.#transition(id, p.userId, step, visible));
    if (!moved) await this.#heartbeat(job);
    return job;
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

  /**
   * The workflow's wait timed out (`flash-agent-silent`): the job fails if its agent stayed
   * silent past its deadline or the state lasted too long, keeping its backup; a report that came
   * in meanwhile leaves it as it is. Returns where the job stands for the workflow.
   */
  async agentSilent(input: { jobId: string }): Promise<WorkflowPosition> {
    const { job } = await this.#transition(input.jobId, 'platform', (state, now) => expireJob(state, now));
    return positionOf(job);
  }

  /** A failed job's recovery window closed (`flash-recovery-window-closed`): audited; its workflow then ends. */
  async recoveryWindowClosed(input: { jobId: string }): Promise<void> {
    const now = this.d.clock.now();
    await this.d.db.transaction(async (tx) => {
      const job = (await this.d.jobs.get(tx, input.jobId, true))!;
      await this.d.audit.append(tx, {
        at: now, actor: 'platform', action: 'flash.job.recovery-window-closed', jobId: job.id,
        data: { status: job.status, backupSha256: job.state.backup?.sha256 ?? null },
      });
    });
  }

  /**
   * The workflow's wait (a `.waitForTaskToken` task): keeps the token on the job, and answers it
   * at once when the job already moved past the version the workflow knows.
   */
  async awaitAgent(input: { jobId: string; version: number }, token: string): Promise<void> {
    const job = await this.d.jobs.setToken(this.d.db, input.jobId, token, input.version);
    if (job && job.version > input.version) await this.#signal(job);
  }

  /**
   * A progress report that neither moves the job nor is audited (a step within a state, block
   * progress: most reports) is saved without a transaction: one read, one write on the revision
   * read. Undefined when the report moves the job or the job changed meanwhile: the locked path
   * then applies it (on the row as it then stands). Who may report is checked on the row read.
   */
  async #progressWithoutLock(
    id: string,
    step: (state: FlashJobState, now: Date) => JobTransition | AppError | undefined,
    visible: (job: JobRecord) => boolean,
  ): Promise<{ job: JobRecord; moved: false } | undefined> {
    const now = this.d.clock.now();
    const job = await this.d.jobs.get(this.d.db, id);
    if (!job || !visible(job)) throw jobNotFound();
    const t = step(job.state, now);
    if (t instanceof AppError) throw t;
    if (t === undefined || t.state.status !== job.status || t.audit.action !== 'flash.job.progress') return undefined;
    if (!(await this.d.jobs.saveAt(this.d.db, id, job.revision, t.state, now))) return undefined;
    return { job: { ...job, state: t.state, revision: job.revision + 1, updatedAt: now }, moved: false };
  }

  async #transition(
    id: string,
    actor: string,
    step: (state: FlashJobState, now: Date) => JobTransition | AppError | undefined,
    visible: (job: JobRecord) => boolean = () => true,
  ): Promise<{ job: JobRecord; moved: boolean }> {
    const now = this.d.clock.now();
    const { job, moved } = await this.d.db.transaction(async (tx) => {
      const job = await this.d.jobs.get(tx, id, true);
      if (!job || !visible(job)) throw jobNotFound();
      const t = step(job.state, now);
      if (t instanceof AppError) throw t;
      if (t === undefined) return { job, moved: false };
      const moved = t.state.status !== job.status;
      const { version, revision } = await this.d.jobs.save(tx, id, t.state, moved, now);
      if (moved || t.audit.action !== 'flash.job.progress') {
        await this.d.audit.append(tx, { at: now, actor, action: t.audit.action, jobId: id, data: t.audit.data });
      }
      if (moved && (t.state.status === 'completed' || t.state.status === 'rolled_back' || t.state.status === 'failed')) {
        await this.d.events.publish('flash.job-finished', { jobId: id, orgId: job.orgId, status: t.state.status }, { tx });
      }
      return { job: { ...job, state: t.state, status: t.state.status, version, revision, updatedAt: now }, moved };
    });
    if (moved) await this.#signal(job);
    return { job, moved };
  }

  /** Answers the workflow's pending token with the job's status (a token already answered is fine). */
  async #signal(job: JobRecord): Promise<void> {
    if (job.wfToken === null || job.wfVersion === null || job.wfVersion >= job.version) return;
    await tokenGone(this.d.workflows.sendTaskSuccess(job.wfToken, { ...positionOf(job) }));
  }

  /** Keeps the workflow's wait of the job's current state alive (its HeartbeatSeconds start again). */
  async #heartbeat(job: JobRecord): Promise<void> {
    if (job.wfToken === null || job.wfVersion !== job.version) return;
    await tokenGone(this.d.workflows.sendTaskHeartbeat(job.wfToken));
  }
}

/** What the workflow knows of a job: where it stands, and whether a failure leaves a backup to roll back to. */
export interface WorkflowPosition {
  jobId: string;
  version: number;
  status: JobRecord['status'];
  hasBackup: boolean;
}

function positionOf(job: JobRecord): WorkflowPosition {
  return { jobId: job.id, version: job.version, status: job.status, hasBackup: job.state.backup !== undefined };
}

/** A token already answered, timed out or unknown is fine: the workflow has moved on. */
async function tokenGone(call: Promise<void>): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (!(err instanceof AppError && (err.code === 'TASK_TOKEN_CLOSED' || err.code === 'TASK_TOKEN_INVALID'))) throw err;
  }
}

const jobNotFound = () => notFound('FLASH_JOB_NOT_FOUND', 'No flash job has this id.');

function canSee(p: Principal, job: JobRecord): boolean {
  return p.role === 'admin' || (p.role === 'pro' && p.orgId !== undefined && job.orgId === p.orgId);
}
