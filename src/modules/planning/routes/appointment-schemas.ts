import { z } from '@hono/zod-openapi';
import { text } from '../../../platform/validation/text.ts';
import { URGENCIES } from '../urgency.ts';
import { ServiceCodeSchema } from './profile-schemas.ts';

const instant = z.iso.datetime({ offset: true }).openapi({ example: '2026-03-23T08:00:00Z' });

export const SlotQuerySchema = z.object({
  service: ServiceCodeSchema,
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  radiusKm: z.coerce.number().min(0.5).max(200).default(25),
  from: instant.optional(),
  days: z.coerce.number().int().min(1).max(60).default(14),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  urgency: z.enum(URGENCIES).optional().openapi({ description: 'Overrides the urgency of the analysis; medium when neither is given' }),
  analysisId: text({ max: 100 }).optional().openapi({ description: 'The owner’s NLP analysis this search comes from' }),
});

export const SlotSchema = z
  .object({
    proId: z.string(),
    proName: z.string(),
    address: z.string(),
    priceEur: z.number().nullable(),
    start: z.string(),
    end: z.string(),
    distanceKm: z.number(),
    score: z.number(),
    urgency: z.enum(URGENCIES),
    scoreBreakdown: z.object({
      urgency: z.enum(URGENCIES),
      waitHours: z.number(),
      distanceKm: z.number(),
      waitPenalty: z.number(),
      distancePenalty: z.number(),
      waitWeight: z.number(),
      distanceWeight: z.number(),
      score: z.number(),
    }),
  })
  .openapi('Slot');

export const SlotListSchema = z.object({ urgency: z.enum(URGENCIES), items: z.array(SlotSchema) }).openapi('SlotList');

export const SlotRequestSchema = z
  .object({
    proId: z.uuid(),
    service: ServiceCodeSchema,
    start: instant,
  })
  .openapi('SlotHoldRequest');

export const BookingRequestSchema = SlotRequestSchema.extend({
  vehicleId: z.uuid().optional(),
  notes: text({ max: 1000, multiline: true }).optional(),
  analysisId: text({ max: 100 }).optional(),
  urgency: z.enum(URGENCIES).optional(),
}).openapi('BookingRequest');

export const AppointmentListQuerySchema = z.object({
  from: instant.optional().openapi({ description: 'Only appointments starting at or after' }),
  to: instant.optional().openapi({ description: 'Only appointments starting before' }),
});

export const DeclineSchema = z.object({ reason: text({ max: 500 }) });
export const NewStartSchema = z.object({ start: instant });
export const CompleteSchema = z.object({ actualDurationMin: z.number().int().min(1).max(1440) });
