import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateDuration, percentile } from './learned-duration.ts';

describe('estimateDuration', () => {
  it('keeps the declared duration until five jobs are completed', () => {
    expect(estimateDuration(60, [90, 90, 90, 90])).toEqual({ durationMin: 60, source: 'declared', sampleSize: 4 });
  });

  it('uses the 75th percentile of actual durations from the fifth job on', () => {
    expect(estimateDuration(60, [50, 55, 70, 65, 80])).toEqual({ durationMin: 70, source: 'learned', sampleSize: 5 });
    // Ranks 0..5, p75 at 3.75: 60 + 0.75 × (100 − 60) = 90.
    expect(estimateDuration(45, [30, 40, 50, 60, 100, 200]).durationMin).toBe(90);
  });

  it('rounds up to the minute and ignores impossible durations', () => {
    expect(estimateDuration(60, [61, 61, 62, 62.5, 63]).durationMin).toBe(63);
    expect(estimateDuration(60, [0, -5, Number.NaN, 70, 70, 70, 70]).source).toBe('declared');
  });

  it('lies between the smallest and largest actual duration, and is at least the median', () => {
    const durations = fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 5, maxLength: 60 });
    fc.assert(
      fc.property(durations, (ds) => {
        const est = estimateDuration(30, ds).durationMin;
        return est >= Math.min(...ds) && est <= Math.max(...ds) && est >= (percentile(ds, 0.5) as number);
      }),
    );
  });
});
