import { z } from 'zod';

/** Configuration of the planning module. */
export const planningConfig = z
  .object({
    /** How long a slot stays held for an owner who is confirming it. */
    PLANNING_HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
    /** Time the batch optimiser may take, preparation included (the watchdog stops it after). */
    PLANNING_OPTIMIZE_TIME_LIMIT_MS: z.coerce.number().int().min(200).max(60_000).default(4500),
  })
  .transform((c) => ({ holdMinutes: c.PLANNING_HOLD_MINUTES, optimizeTimeLimitMs: c.PLANNING_OPTIMIZE_TIME_LIMIT_MS }));

export type PlanningConfig = z.output<typeof planningConfig>;
