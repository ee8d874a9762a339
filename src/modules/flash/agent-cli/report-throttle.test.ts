import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlashEvent } from '../agent/flash-events.ts';
import { reportThrottle } from './report-throttle.ts';

const progress = (blocksDone: number, blocksTotal = 10): FlashEvent => ({ type: 'progress', blocksDone, blocksTotal, bytesDone: blocksDone * 100, bytesTotal: blocksTotal * 100 });

describe('reportThrottle', () => {
  it('sends block progress at most once an interval, and always the last block and every other event', () => {
    let t = 0;
    const send = reportThrottle(() => t, 1000);
    const sent: number[] = [];
    for (let block = 1; block <= 10; block++) {
      t += 300;
      if (send(progress(block))) sent.push(block);
    }
    expect(sent).toEqual([1, 5, 9, 10]);
    expect(send({ type: 'step', step: 'check-dependencies' })).toBe(true);
    expect(send({ type: 'step', step: 'verify' })).toBe(true);
  });

  it('never drops an event that is not block progress, nor the last block, nor leaves a gap longer than the interval between reports', () => {
    const event = fc.oneof(
      fc.integer({ min: 1, max: 20 }).map((n) => progress(n, 20)),
      fc.constantFrom<FlashEvent>({ type: 'step', step: 'download' }, { type: 'verified', sha256: 'a'.repeat(64) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(event, fc.integer({ min: 0, max: 2000 })), { maxLength: 60 }), (steps) => {
        let t = 0;
        let lastSent = Number.NEGATIVE_INFINITY;
        const send = reportThrottle(() => t, 1000);
        for (const [e, dt] of steps) {
          t += dt;
          const sent = send(e);
          if (e.type !== 'progress' || e.blocksDone === e.blocksTotal || t - lastSent >= 1000) expect(sent).toBe(true);
          else expect(sent).toBe(false);
          if (sent) lastSent = t;
        }
      }),
    );
  });
});
