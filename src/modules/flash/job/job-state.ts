import { AppError } from '../../../platform/errors.ts';
import { MIN_BATTERY_VOLTS } from '../agent/vehicle-supply.ts';
import type { JobEvent } from './job-events.ts';

/** Where a flash job stands (the workflow's states). */
export type FlashJobStatus = 'awaiting_precheck' | 'awaiting_backup' | 'ready' | 'flashing' | 'verifying' | 'completed' | 'failed' | 'rolled_back';

/** What the platform keeps about a job's progress. */
export interface FlashJobState {
  status: FlashJobStatus;
  vin: string;
  /** SHA-256 of the package image; the read-back must equal it. */
  packageSha256: string;
  backup?: { sha256: string; size: number };
  progress?: { step: string; blocksDone?: number; blocksTotal?: number };
  readBackSha256?: string;
  failure?: { code: string; message: string };
  /** ISO time by which the agent must report again, or the job fails (absent once finished). */
  deadline?: string;
  /** ISO time the job entered its active status (it may last STEP_LIMITS_MS there). */
  since?: string;
}

/** The states that wait for the agent. */
export type ActiveStatus = 'awaiting_precheck' | 'awaiting_backup' | 'ready' | 'flashing' | 'verifying';

/**
 * How long each state waits for the agent's next report (ms): each report moves the job's
 * deadline on (and heartbeats the workflow's wait, whose HeartbeatSeconds these are); a job whose
 * agent goes silent that long fails.
 */
export const STEP_TIMEOUTS_MS: Readonly<Record<ActiveStatus, number>> = {
  awaiting_precheck: 30 * 60_000,
  awaiting_backup: 10 * 60_000,
  ready: 10 * 60_000,
  flashing: 2 * 60_000,
  verifying: 5 * 60_000,
};

/** How long each state may last in all, reports or not (ms): the workflow wait's TimeoutSeconds. */
export const STEP_LIMITS_MS: Readonly<Record<ActiveStatus, number>> = {
  awaiting_precheck: 30 * 60_000,
  awaiting_backup: 60 * 60_000,
  ready: 30 * 60_000,
  flashing: 120 * 60_000,
  verifying: 30 * 60_000,
};

/** How long a failed job keeps its backup for a resume or a rollback (its workflow waits that long, then ends). */
export const BACKUP_RETENTION_DAYS = 30;

/** A state change and what the audit log records of it. */
export interface JobTransition {
  state: FlashJobState;
  audit: { action: string; data: { [key: string]: string | number | boolean | null } };
}

/** A new job, once its compatibility is checked: waiting for the agent's precheck. */
export function newJobState(input: { vin: string; packageSha256: string }, now: Date): FlashJobState {
  return { status: 'awaiting_precheck', vin: input.vin, packageSha256: input.packageSha256, deadline: deadline('awaiting_precheck', now), since: now.toISOString() };
}

/** Whether the signed package may be handed to the agent (only once the backup is in). */
export function packageReleasable(state: FlashJobState): boolean {
  return state.status === 'ready';
}

const FLASHING_STEPS: readonly string[] = ['erase', 'resume-scan', 'download'];
const VERIFYING_STEPS: readonly string[] = ['check-dependencies', 'verify', 'reset'];
/** States where a step report only refreshes the deadline (before the package, or a rollback). */
const STEADY: readonly FlashJobStatus[] = ['awaiting_precheck', 'awaiting_backup', 'failed'];

/**
 * Applies an agent event: precheck (battery at least 12.5 V, ignition on, the ECU's VIN equal
 * to the job's) → awaiting_backup; backup → ready; erase/download progress → flashing;
 * dependency check, read-back and reset → verifying; result with the package's hash →
 * completed; failure → failed (the backup is kept); a rollback's result with the backup's hash
 * → rolled_back (a rollback flashes too, so it passes through ready and flashing). The agent repeats its precheck and backup when it flashes, and a failed job
 * with a backup takes a new precheck (resume or rollback). An event the state does not accept
 * is a 409 FLASH_EVENT_OUT_OF_ORDER; a precheck, backup or result that does not hold fails the job.
 */
export function applyJobEvent(state: FlashJobState, event: JobEvent, now: Date): JobTransition | AppError {
  const { status } = state;
  const move = (next: Partial<FlashJobState> & { status: FlashJobStatus }, data: JobTransition['audit']['data'] = {}): JobTransition => {
    const moved: FlashJobState = { ...state, ...next };
    if (isActive(next.status)) {
      moved.deadline = deadline(next.status, now);
      if (next.status !== status || state.since === undefined) moved.since = now.toISOString();
      delete moved.failure;
    } else {
      delete moved.deadline;
      delete moved.since;
    }
    return { state: moved, audit: { action: `flash.job.${event.type}`, data: { from: status, to: next.status, ...data } } };
  };
  const fail = (code: string, message: string) => move({ status: 'failed', failure: { code, message } }, { code });
  const resumable = status === 'failed' && state.backup !== undefined;
  switch (event.type) {
    case 'precheck': {
      if (!(status === 'awaiting_precheck' || status === 'awaiting_backup' || status === 'ready' || resumable)) break;
      const { vin, batteryVolts, ignitionOn } = event.data;
      if (ignitionOn !== true) return fail('IGNITION_OFF', 'the ignition is off');
      if (batteryVolts === undefined || !(batteryVolts >= MIN_BATTERY_VOLTS)) {
        return fail('BATTERY_LOW', `the battery reads ${batteryVolts ?? 'nothing'} V, at least ${MIN_BATTERY_VOLTS} V is needed`);
      }
      if (vin !== state.vin) return fail('VIN_MISMATCH', `the ECU reports VIN ${vin}, the job is for ${state.vin}`);
      const next = status === 'awaiting_precheck' ? 'awaiting_backup' : status === 'failed' ? 'ready' : status;
      return move({ status: next }, { vin, batteryVolts, ignitionOn });
    }
    case 'backup': {
      const { sha256, size } = event.data;
      if (status === 'awaiting_backup') return move({ status: 'ready', backup: { sha256, size } }, { sha256 });
      if (status !== 'ready') break;
      // Reported again when the agent flashes: it must be the backup the job keeps.
      if (sha256 === state.backup?.sha256) return move({ status: 'ready' }, { sha256 });
      return fail('BACKUP_MISMATCH', 'the agent reports another backup than the one the job keeps');
    }
    case 'progress': {
      const { step, blocksDone, blocksTotal } = event.data;
      const progress = { step, ...(blocksDone === undefined ? {} : { blocksDone }), ...(blocksTotal === undefined ? {} : { blocksTotal }) };
      const next = progressStatus(status, event.data);
      if (next !== undefined) return move({ status: next, progress }, { step });
      break;
    }
    case 'result':
      if (event.data.status === 'completed' && (status === 'flashing' || status === 'verifying')) {
        if (event.data.sha256 !== state.packageSha256) return fail('READBACK_MISMATCH', 'the memory read back differs from the package');
        return move({ status: 'completed', readBackSha256: event.data.sha256 }, { sha256: event.data.sha256 });
      }
      // A rollback prechecks too, so its result may come in any state from failed to verifying.
      if (event.data.status === 'rolled_back' && state.backup !== undefined && (status === 'failed' || isActive(status))) {
        if (event.data.sha256 !== state.backup!.sha256) return fail('ROLLBACK_MISMATCH', 'the memory rolled back differs from the backup');
        return move({ status: 'rolled_back', readBackSha256: event.data.sha256 }, { sha256: event.data.sha256 });
      }
      break;
    case 'failure':
      if (isActive(status) || status === 'failed') return fail(event.data.code, event.data.message);
      break;
  }
  return new AppError(409, 'FLASH_EVENT_OUT_OF_ORDER', `a ${event.type} event does not apply to a job that is ${status}`, { details: { status } });
}

/**
 * Where a progress report leaves a job that is `status`: erase/download progress → flashing,
 * dependency check, read-back and reset → verifying, any other step where it is; undefined when
 * the job takes no progress report (409).
 */
export function progressStatus(status: FlashJobStatus, data: Extract<JobEvent, { type: 'progress' }>['data']): FlashJobStatus | undefined {
  const programming = status === 'ready' || status === 'flashing' || status === 'verifying';
  if (programming && (VERIFYING_STEPS.includes(data.step) || data.readBackSha256 !== undefined)) return 'verifying';
  if ((status === 'ready' || status === 'flashing') && (FLASHING_STEPS.includes(data.step) || data.blocksDone !== undefined)) return 'flashing';
  if (programming || STEADY.includes(status)) return status;
  return undefined;
}

/**
 * The failed state of a job whose agent went silent until its deadline, or undefined if not due
 * (a report came in meanwhile). Its workflow's wait timed out: HeartbeatSeconds after the last
 * report's heartbeat, or the state's TimeoutSeconds, whichever came first.
 */
export function expireJob(state: FlashJobState, now: Date): JobTransition | undefined {
  const { deadline, since, ...rest } = state;
  if (deadline === undefined || !isActive(state.status)) return undefined;
  const limit = STEP_LIMITS_MS[state.status];
  const failure =
    now.getTime() >= Date.parse(deadline)
      ? { code: 'AGENT_SILENT', message: `no report from the agent while ${state.status}` }
      : since !== undefined && now.getTime() >= Date.parse(since) + limit
        ? { code: 'STEP_TOO_LONG', message: `the job stayed ${state.status} longer than ${limit / 60_000} min` }
        : undefined;
  if (!failure) return undefined;
  return {
    state: { ...rest, status: 'failed', failure },
    audit: { action: 'flash.job.timeout', data: { from: state.status, to: 'failed', code: failure.code } },
  };
}

function isActive(status: FlashJobStatus): status is ActiveStatus {
  return status in STEP_TIMEOUTS_MS;
}

function deadline(status: ActiveStatus, now: Date): string {
  return new Date(now.getTime() + STEP_TIMEOUTS_MS[status]).toISOString();
}
