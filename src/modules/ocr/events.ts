import { z } from 'zod';
import { defineEvents } from '../../platform/module/events.ts';

/** Events the OCR module publishes. */
export const ocrEvents = defineEvents('ocr', {
  /** A document was read and stored (whatever its status); subscribers get the normalized reading. */
  'ocr.document-read': z.object({
    documentId: z.string(),
    ownerUserId: z.string().nullable(),
    orgId: z.string().nullable(),
    kind: z.enum(['registration_certificate', 'generic']),
    status: z.enum(['readable', 'blurry', 'to_verify', 'not_a_certificate']),
    plate: z.string().nullable(),
    vin: z.string().nullable(),
    vehicleId: z.string().nullable(),
  }),
});
