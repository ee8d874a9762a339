import type { JobEvent } from '../job/job-events.ts';
import { type FlashJobStatus, progressStatus } from '../job/job-state.ts';

/** At most one report that leaves the job where it is this often (ms); the job page polls about as often. */
export const PROGRESS_REPORT_INTERVAL_MS = 1000;

/**
 * Which reports go to the platform: every one that moves the job or is audited (precheck, backup,
 * result, failure, a step that enters flashing or verifying) and the last block; a progress report
 * that would leave the job's status as it is (a step within a state, block progress) only
 * `intervalMs` after the last report. Such a report only refreshes the step the job page shows and
 * the step's heartbeat (minutes), which the next one does as well; each is an HTTP call and a write.
 * `status` is where the job stood at the last report's answer; `now` is a monotonic clock in ms.
 */
export function reportThrottle(now: () => number, intervalMs = PROGRESS_REPORT_INTERVAL_MS): (event: JobEvent, status: FlashJobStatus) => boolean {
  let lastSent = Number.NEGATIVE_INFINITY;
  return (event, status) => {
    const t = now();
    const due =
      event.type !== 'progress' ||
      progressStatus(status, event.data) !== status ||
      (event.data.blocksDone !== undefined && event.data.blocksDone >= (event.data.blocksTotal ?? 0)) ||
      t - lastSent >= intervalMs;
    if (due) lastSent = t;
    return due;
  };
}
