import type { FlashEvent } from '../agent/flash-events.ts';

/** At most one block-progress report this often (ms); the job page polls about as often. */
export const PROGRESS_REPORT_INTERVAL_MS = 1000;

/**
 * Which agent events go to the platform: every one, except block progress sent less than
 * `intervalMs` after the last report — unless it is the last block. Each report is an HTTP call
 * and a transaction; a real ECU takes hundreds of blocks, and a report a second keeps the page
 * live and the step's heartbeat (minutes) well fed. `now` is a monotonic clock in ms.
 */
export function reportThrottle(now: () => number, intervalMs = PROGRESS_REPORT_INTERVAL_MS): (event: FlashEvent) => boolean {
  let lastSent = Number.NEGATIVE_INFINITY;
  return (event) => {
    const t = now();
    const due = event.type !== 'progress' || event.blocksDone >= event.blocksTotal || t - lastSent >= intervalMs;
    if (due) lastSent = t;
    return due;
  };
}
