import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../job/job-events.ts';
import { type FlashJobStatus, progressStatus } from '../job/job-state.ts';
import { reportThrottle } from './report-throttle.ts';

const progress = (blocksDone: number, blocksTotal = 10): JobEvent => ({
  type: 'progress',
  data: { step: 'download', blocksDone, blocksTotal, bytesDone: blocksDone * 100, bytesTotal: blocksTotal * 100 },
});
const step = (name: string): JobEvent => ({ type: 'progress', data: { step: name } });

describe('reportThrottle', () => {
  it('sends reports that leave the job where it is at most once an interval, and always the last block and every report that moves the job', () => {
    let t = 0;
    const send = reportThrottle(() => t, 1000);
    const sent: number[] = [];
    for (let block = 1; block <= 10; block++) {
      t += 300;
      if (send(progress(block), 'flashing')) sent.push(block);
    }
    expect(sent).toEqual([1, 5, 9, 10]);
    expect(send(step('check-dependencies'), 'flashing')).toBe(true); // enters verifying
    expect(send(step('verify'), 'verifying')).toBe(false);
    expect(send(step('erase'), 'ready')).toBe(true); // enters flashing
    expect(send({ type: 'result', data: { status: 'completed', sha256: 'a'.repeat(64) } }, 'verifying')).toBe(true);
    t += 1000;
    expect(send(step('reset'), 'verifying')).toBe(true);
  });

  it('never drops a report that moves the job, is not progress, or is the last block, nor one an interval after the last report', () => {
    const event = fc.oneof(
      fc.integer({ min: 1, max: 20 }).map((n) => progress(n, 20)),
      fc.constantFrom('precheck', 'enter-programming', 'backup', 'erase', 'download', 'check-dependencies', 'verify', 'reset').map(step),
      fc.constant<JobEvent>({ type: 'progress', data: { step: 'verify', readBackSha256: 'a'.repeat(64) } }),
      fc.constant<JobEvent>({ type: 'failure', data: { step: 'download', code: 'X', message: 'x', memoryTouched: true } }),
    );
    const status = fc.constantFrom<FlashJobStatus>('awaiting_precheck', 'awaiting_backup', 'ready', 'flashing', 'verifying', 'failed', 'completed');
    fc.assert(
      fc.property(fc.array(fc.tuple(event, status, fc.integer({ min: 0, max: 2000 })), { maxLength: 60 }), (steps) => {
        let t = 0;
        let lastSent = Number.NEGATIVE_INFINITY;
        const send = reportThrottle(() => t, 1000);
        for (const [e, s, dt] of steps) {
          t += dt;
          const sent = send(e, s);
          const lastBlock = e.type === 'progress' && e.data.blocksDone !== undefined && e.data.blocksDone === e.data.blocksTotal;
          if (e.type !== 'progress' || progressStatus(s, e.data) !== s || lastBlock || t - lastSent >= 1000) expect(sent).toBe(true);
          else expect(sent).toBe(false);
          if (sent) lastSent = t;
        }
      }),
    );
  });
});
