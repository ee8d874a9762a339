import { describe, expect, it } from 'vitest';
import { PollingLoop } from './polling-loop.ts';

describe('PollingLoop', () => {
  it('runs a pass at start, and one more when nudged during a pass', async () => {
    let passes = 0;
    let release!: () => void;
    const loop = new PollingLoop(
      async () => {
        passes += 1;
        if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      60_000,
      () => {},
    );
    loop.start();
    await expect.poll(() => passes, { timeout: 5_000 }).toBe(1);
    loop.nudge();
    loop.nudge();
    release();
    await expect.poll(() => passes, { timeout: 5_000 }).toBe(2);
    await loop.stop();
    loop.nudge();
    expect(passes).toBe(2);
  });

  it('keeps polling after a failed pass, reporting the error', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const loop = new PollingLoop(
      async () => {
        passes += 1;
        throw new Error(`pass ${passes}`);
      },
      1,
      (err) => errors.push(err),
    );
    loop.start();
    await expect.poll(() => passes, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await loop.stop();
    expect(errors.length).toBe(passes);
  });
});
