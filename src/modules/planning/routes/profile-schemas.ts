import { z } from '@hono/zod-openapi';
import { text } from '../../../platform/validation/text.ts';

const range = z.tuple([z.string().max(5), z.string().max(5)]);

/** A service code: lower-case words with dashes ("vidange", "pneus-hiver"). */
export const ServiceCodeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a service code is lower-case letters, digits and dashes').openapi({ example: 'vidange' });

export const ServiceSchema = z.object({
  code: ServiceCodeSchema,
  durationMin: z.number().int().min(5).max(1440).openapi({ example: 60 }),
  priceEur: z.number().min(0).max(100_000).optional().openapi({ example: 89 }),
});

/** `PUT /v1/pro/profile`: what owners see and what availability is computed from. */
export const ProfileInputSchema = z
  .object({
    name: text({ max: 120 }).openapi({ example: 'Garage du Centre' }),
    location: z.object({
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      address: text({ max: 300 }).openapi({ example: '12 rue de la Paix, 75002 Paris' }),
    }),
    services: z.array(ServiceSchema).min(1).max(50),
    capacity: z.number().int().openapi({ description: 'Parallel bays, 1-50', example: 2 }),
    bufferMin: z.number().int().optional().openapi({ description: 'Minutes kept free after each job, 0-240 (default 0)' }),
    openingHours: z.record(z.string().max(3), z.array(range).max(8)).openapi({ example: { mon: [['08:00', '12:00'], ['14:00', '18:00']] } }),
    closures: z.array(z.object({ from: z.string().max(40), to: z.string().max(40) })).max(200).default([]).openapi({ description: 'ISO instants with offset, or local dates (to inclusive)' }),
    timezone: z.string().max(64).optional().openapi({ description: 'IANA zone, default Europe/Paris', example: 'Europe/Paris' }),
  })
  .openapi('ProProfileInput');

export type ProfileInput = z.output<typeof ProfileInputSchema>;

export const ProfileSchema = z
  .object({
    proId: z.string(),
    name: z.string(),
    location: z.object({ lat: z.number(), lon: z.number(), address: z.string() }),
    services: z.array(ServiceSchema.extend({ plannedDurationMin: z.number().int(), durationSource: z.enum(['declared', 'learned']), completedJobs: z.number().int() })),
    capacity: z.number().int(),
    bufferMin: z.number().int(),
    openingHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
    closures: z.array(z.object({ from: z.string(), to: z.string() })),
    timezone: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ProProfile');

export type Profile = z.infer<typeof ProfileSchema>;

export const CalendarFeedSchema = z.object({ url: z.string() }).openapi('CalendarFeed');
