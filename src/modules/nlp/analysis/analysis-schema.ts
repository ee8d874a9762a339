import { z } from 'zod';
import type { ProblemAnalysis, VehicleContext } from './analyze-problem.ts';
import { COMPONENTS, type Component } from './entities/components.ts';
import { WARNING_LIGHTS } from './entities/warning-lights.ts';
import { SERVICES, type ServiceCode } from './service-catalogue.ts';
import { CATEGORIES, URGENCIES } from './taxonomy.ts';

const SERVICE_CODES = Object.keys(SERVICES) as [ServiceCode, ...ServiceCode[]];

/**
 * The body of an analysis request. Text length is deliberately not limited here: analyzeProblem
 * answers an empty or over-long text with its stable codes (TEXT_EMPTY, TEXT_TOO_LONG).
 */
export const analyzeRequestSchema = z.object({
  text: z.string(),
  locale: z.string().max(35).optional(),
  vehicle: z
    .union([
      z.object({ vin: z.string().min(1).max(17) }),
      z.object({ make: z.string().min(1).max(100), model: z.string().min(1).max(100), year: z.number().int() }),
    ])
    .optional(),
}) satisfies z.ZodType<{ text: string; locale?: string; vehicle?: VehicleContext }>;

/** What analyzeProblem returns, as a schema (API responses, OpenAPI, hosted-model checks). */
export const problemAnalysisSchema = z.object({
  language: z.enum(['fr', 'en']),
  category: z.enum(CATEGORIES),
  categoryScores: z.record(z.enum(CATEGORIES), z.number().min(0).max(1)),
  urgency: z.enum(URGENCIES),
  entities: z.object({
    dtcCodes: z.array(z.string().regex(/^[PCBU][0-3][0-9A-F]{3}$/)),
    mileageKm: z.number().int().positive().nullable(),
    warningLights: z.array(z.enum(WARNING_LIGHTS)),
    make: z.string().nullable(),
    model: z.string().nullable(),
    year: z.number().int().nullable(),
    components: z.array(z.enum(COMPONENTS as [Component, ...Component[]])),
  }),
  suggestedServices: z.array(z.object({ code: z.enum(SERVICE_CODES), label: z.string(), durationMin: z.number().int().positive() })),
  explanation: z.string(),
}) satisfies z.ZodType<ProblemAnalysis>;
