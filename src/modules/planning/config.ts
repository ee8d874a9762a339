import { z } from 'zod';

/** Configuration of the planning module. */
export const planningConfig = z
  .object({
    /** How long a slot stays held for an owner who is confirming it. */
    PLANNING_HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
    /** Time the batch optimiser may take, preparation included (the watchdog stops it after). */
    PLANNING_OPTIMIZE_TIME_LIMIT_MS: z.coerce.number().int().min(200).max(60_000).default(4500),
    /** How long the professional has to answer a request (and the owner a proposal) before it expires and its slot is released. */
    PLANNING_ANSWER_HOURS: z.coerce.number().int().min(1).max(168).default(24),
    /** An unanswered request expires this long before its slot at the latest, so that someone else can still book it. */
    PLANNING_ANSWER_LEAD_HOURS: z.coerce.number().int().min(0).max(48).default(2),
  })
  .transform((c) => ({
    holdMinutes: c.PLANNING_HOLD_MINUTES,
    optimizeTimeLimitMs: c.PLANNING_OPTIMIZE_TIME_LIMIT_MS,
    answerWindow: { windowHours: c.PLANNING_ANSWER_HOURS, leadHours: c.PLANNING_ANSWER_LEAD_HOURS },
  }));

export type PlanningConfig = z.output<typeof planningConfig>;
