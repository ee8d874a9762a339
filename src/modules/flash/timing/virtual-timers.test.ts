import { describe, expect, it } from 'vitest';
import { sleep } from './timers.ts';
import { VirtualTimers } from './virtual-timers.ts';

describe('VirtualTimers', () => {
  it('fires timers in due order and moves time to each', async () => {
    const timers = new VirtualTimers();
    const seen: Array<[string, number]> = [];
    timers.after(30, () => seen.push(['b', timers.now()]));
    timers.after(10, () => seen.push(['a', timers.now()]));
    timers.after(30, () => seen.push(['c', timers.now()]));
    await sleep(timers, 100);
    expect(seen).toEqual([['a', 10], ['b', 30], ['c', 30]]);
    expect(timers.now()).toBe(100);
  });

  it('lets microtask work finish before a timeout fires, so an answer beats its timeout', async () => {
    const timers = new VirtualTimers();
    let timedOut = false;
    const cancel = timers.after(50, () => {
      timedOut = true;
    });
    let answer = Promise.resolve(0);
    for (let i = 0; i < 100; i++) answer = answer.then((n) => n + 1);
    expect(await answer).toBe(100);
    cancel();
    await sleep(timers, 60);
    expect(timedOut).toBe(false);
    expect(timers.pendingCount).toBe(0);
  });
});
