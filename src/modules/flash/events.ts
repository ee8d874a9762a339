import { z } from 'zod';
import { defineEvents } from '../../platform/module/events.ts';

/** Events of the flash module: finished jobs, for other modules. */
export const flashEvents = defineEvents('flash', {
  /** A job reached completed, failed or rolled_back. */
  'flash.job-finished': z.object({ jobId: z.string(), orgId: z.string().nullable(), status: z.enum(['completed', 'failed', 'rolled_back']) }),
});
