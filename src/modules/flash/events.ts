import { z } from 'zod';
import { defineEvents } from '../../platform/module/events.ts';

/** Events of the flash module: its own deadline timers, and finished jobs for other modules. */
export const flashEvents = defineEvents('flash', {
  /** A job's step deadline (a timer): the job fails if its agent has not reported by then. */
  'flash.job-deadline': z.object({ jobId: z.string(), deadline: z.string() }),
  /** A job reached completed, failed or rolled_back. */
  'flash.job-finished': z.object({ jobId: z.string(), orgId: z.string().nullable(), status: z.enum(['completed', 'failed', 'rolled_back']) }),
});
