import { describe, expect, it } from 'vitest';
import type { TimePoint } from '../../platform/ports/time-series.ts';
import { PointBatcher } from './point-batcher.ts';

const point = (value: number): TimePoint => ({ series: 'obd.0C', time: new Date(1_700_000_000_000 + value), value, dims: { vehicleId: 'v' } });

describe('PointBatcher', () => {
  it('gathers the points of many messages into one write once the batch is full', async () => {
    const writes: number[] = [];
    const batcher = new PointBatcher({ write: async (p) => void writes.push(p.length), maxPoints: 6, delayMs: 60_000 });
    const stored = [batcher.add([point(1), point(2)]), batcher.add([point(3), point(4)]), batcher.add([point(5), point(6)])];
    await Promise.all(stored);
    expect(writes).toEqual([6]);
  });

  it('writes a small batch after the delay, and what arrives during a write in the next one', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const batcher = new PointBatcher({
      write: (p) => {
        writes.push(p.map((x) => x.value));
        return writes.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      maxPoints: 100,
      delayMs: 5,
    });
    const first = batcher.add([point(1)]);
    await new Promise((r) => setTimeout(r, 20));
    const second = batcher.add([point(2)]);
    const third = batcher.add([point(3)]);
    release();
    await Promise.all([first, second, third]);
    expect(writes).toEqual([[1], [2, 3]]);
  });

  it('keeps up to `concurrency` writes in flight, the next batch waiting for a free slot', async () => {
    let inFlight = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const batcher = new PointBatcher({
      write: () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        return new Promise<void>((r) => {
          releases.push(() => {
            inFlight -= 1;
            r();
          });
        });
      },
      maxPoints: 1,
      delayMs: 60_000,
      concurrency: 2,
    });
    const stored = [1, 2, 3].map((v) => batcher.add([point(v)]));
    expect([releases.length, batcher.buffered]).toEqual([2, 1]);
    releases.shift()!();
    await stored[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(releases.length).toBe(2);
    for (const release of releases.splice(0)) release();
    await Promise.all(stored);
    expect(most).toBe(2);
  });

  it('retries a failed write, then rejects the waiting messages when it keeps failing', async () => {
    let calls = 0;
    const flaky = new PointBatcher({
      write: async () => {
        calls += 1;
        if (calls === 1) throw new Error('down');
      },
      maxPoints: 1,
      delayMs: 0,
      retryDelaysMs: [1],
    });
    await flaky.add([point(1)]);
    expect(calls).toBe(2);
    const broken = new PointBatcher({ write: async () => Promise.reject(new Error('down')), maxPoints: 1, delayMs: 0, retryDelaysMs: [1, 1] });
    await expect(broken.add([point(1)])).rejects.toThrow('down');
  });

  it('refuses points beyond its buffer instead of growing without bound', async () => {
    const batcher = new PointBatcher({ write: async () => {}, maxPoints: 100, delayMs: 60_000, maxBuffered: 3 });
    const kept = batcher.add([point(1), point(2)]);
    await expect(batcher.add([point(3), point(4)])).rejects.toMatchObject({ code: 'OBD_INGEST_BUSY', status: 503 });
    await batcher.flush();
    await kept;
    expect(batcher.buffered).toBe(0);
  });

  it('makes an add that asks for it wait for room instead of refusing, and stores it after the next write took the buffer', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const batcher = new PointBatcher({
      write: (p) => {
        writes.push(p.map((x) => x.value));
        return writes.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      maxPoints: 2,
      delayMs: 60_000,
      maxBuffered: 3,
    });
    const first = batcher.add([point(1), point(2)]); // full batch: written at once, the write held
    const second = batcher.add([point(3), point(4)]);
    const third = batcher.add([point(5), point(6)], { waitForRoom: true }); // 4 + 2 > 3: waits
    await expect(batcher.add([point(7), point(8)])).rejects.toMatchObject({ code: 'OBD_INGEST_BUSY' });
    expect(batcher.buffered).toBe(2);
    release();
    await Promise.all([first, second, third]);
    expect(writes).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('takes a single add bigger than its buffer when the buffer is empty', async () => {
    const batcher = new PointBatcher({ write: async () => {}, maxPoints: 100, delayMs: 1, maxBuffered: 3 });
    await batcher.add([point(1), point(2), point(3), point(4)]);
  });
});
