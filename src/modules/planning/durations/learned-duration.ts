/** Completed jobs needed before the measured durations replace the declared one. */
export const LEARNED_AFTER_JOBS = 5;

/**
 * The p-th percentile (0..1) of `values`, interpolating linearly between closest ranks (the
 * common "type 7" definition of R and NumPy). Undefined for an empty list.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(1, Math.max(0, p)) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (rank - low);
}

/** The duration to plan a (professional, service) job with, and where it came from. */
export interface DurationEstimate {
  durationMin: number;
  source: 'declared' | 'learned';
  /** Completed jobs the estimate rests on (valid actual durations). */
  sampleSize: number;
}

/**
 * The duration to plan with: the declared one until `LEARNED_AFTER_JOBS` completed jobs are
 * known, then the 75th percentile of their actual durations, rounded up to the minute (three
 * jobs in four then fit in the time booked). Non-finite or non-positive actual durations are
 * ignored, as data that cannot be a real job.
 *
 * @example estimateDuration(60, [50, 55, 70, 65, 80]) // { durationMin: 70, source: 'learned', sampleSize: 5 }
 */
export function estimateDuration(declaredMin: number, actualDurationsMin: readonly number[]): DurationEstimate {
  const valid = actualDurationsMin.filter((d) => Number.isFinite(d) && d > 0);
  if (valid.length < LEARNED_AFTER_JOBS) return { durationMin: declaredMin, source: 'declared', sampleSize: valid.length };
  return { durationMin: Math.ceil(percentile(valid, 0.75) as number), source: 'learned', sampleSize: valid.length };
}
