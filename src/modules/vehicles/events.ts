import { z } from 'zod';
import { defineEvents } from '../../platform/module/events.ts';

/** Events the vehicles module publishes. */
export const vehicleEvents = defineEvents('vehicles', {
  'vehicles.registered': z.object({
    id: z.string(),
    vin: z.string(),
    ownerUserId: z.string().nullable(),
    orgId: z.string().nullable(),
  }),
});
