import type { Urgency } from '../urgency.ts';

/**
 * How much waiting weighs against distance, by urgency (the two weights add up to 1): a
 * critical fault wants the earliest bay even across town, a routine service the nearest garage.
 */
export const SLOT_SCORE_WEIGHTS: Readonly<Record<Urgency, { wait: number; distance: number }>> = {
  critical: { wait: 0.85, distance: 0.15 },
  high: { wait: 0.75, distance: 0.25 },
  medium: { wait: 0.6, distance: 0.4 },
  low: { wait: 0.45, distance: 0.55 },
};

/** Why a slot scored what it did; every figure is shown to the owner and the admin as is. */
export interface SlotScoreBreakdown {
  urgency: Urgency;
  /** Hours from the search's reference instant to the start of the job. */
  waitHours: number;
  distanceKm: number;
  /** waitHours / horizonHours, capped at 1. */
  waitPenalty: number;
  /** distanceKm / radiusKm, capped at 1. */
  distancePenalty: number;
  waitWeight: number;
  distanceWeight: number;
  /** 100 × (1 − waitWeight × waitPenalty − distanceWeight × distancePenalty), two decimals. */
  score: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Scores a slot from 0 (the far end of the search horizon, at the edge of the radius) to 100
 * (now, next door). Both penalties are linear on the scale the owner chose (the days searched,
 * the radius), so a score compares slots of one search, not across searches.
 *
 * @example scoreSlot({ urgency: 'high', waitHours: 24, distanceKm: 5, horizonHours: 336, radiusKm: 25 }).score // 89.64
 */
export function scoreSlot(input: { urgency: Urgency; waitHours: number; distanceKm: number; horizonHours: number; radiusKm: number }): SlotScoreBreakdown {
  const weights = SLOT_SCORE_WEIGHTS[input.urgency];
  const waitPenalty = Math.min(1, Math.max(0, input.waitHours) / Math.max(input.horizonHours, 1e-9));
  const distancePenalty = Math.min(1, Math.max(0, input.distanceKm) / Math.max(input.radiusKm, 1e-9));
  return {
    urgency: input.urgency,
    waitHours: round(input.waitHours, 2),
    distanceKm: round(input.distanceKm, 2),
    waitPenalty: round(waitPenalty, 4),
    distancePenalty: round(distancePenalty, 4),
    waitWeight: weights.wait,
    distanceWeight: weights.distance,
    score: round(100 * (1 - weights.wait * waitPenalty - weights.distance * distancePenalty), 2),
  };
}
