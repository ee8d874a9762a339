import { z } from 'zod';
import { defineEvents } from '../../platform/module/events.ts';

/** Events the affiliation module publishes. */
export const affiliationEvents = defineEvents('affiliation', {
  /** A partner's postback created a conversion or changed its status or amount. */
  'affiliation.conversion-recorded': z.object({
    conversionId: z.string(),
    partnerId: z.string(),
    orderId: z.string(),
    status: z.enum(['pending', 'approved', 'reversed']),
    amount: z.number().int(),
    currency: z.string(),
    commission: z.number().int(),
    linkId: z.string().nullable(),
    orgId: z.string().nullable(),
    unattributedReason: z.string().nullable(),
  }),
});
