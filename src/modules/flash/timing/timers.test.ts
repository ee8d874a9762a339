import { describe, expect, it } from 'vitest';
import { realTimers, sleep } from './timers.ts';

describe('realTimers', () => {
  it('fire once after their delay and never once cancelled', async () => {
    const fired: string[] = [];
    const cancel = realTimers.after(1, () => fired.push('cancelled'));
    realTimers.after(1, () => fired.push('kept'));
    cancel();
    const before = realTimers.now();
    await sleep(realTimers, 5);
    expect(fired).toEqual(['kept']);
    expect(realTimers.now()).toBeGreaterThan(before);
  });
});
