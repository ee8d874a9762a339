import { z } from '@hono/zod-openapi';
import { pageSchema } from '../../platform/http/pagination.ts';
import { text } from '../../platform/validation/text.ts';
import { MAX_TEXT_LENGTH } from './analysis/analyze-problem.ts';
import { analyzeRequestSchema, problemAnalysisSchema } from './analysis/analysis-schema.ts';
import type { StoredAnalysis } from './storage/analysis-store.ts';

// The platform's rule for stored text (well-formed, no control characters, trimmed, NFC), with
// no length bound of its own (the JSON body limit bounds it): the domain counts characters as
// people do (code points) and names its refusals TEXT_EMPTY and TEXT_TOO_LONG. text()'s max
// counts UTF-16 units, so `max: 5000` would refuse 3,000 emoji that the domain accepts.
const DescriptionSchema = text({ max: 1024 * 1024, min: 0, multiline: true }).openapi({
  description: `The owner's words, French or English, 1 to ${MAX_TEXT_LENGTH} characters (TEXT_EMPTY, TEXT_TOO_LONG)`,
  example: "ma voiture broute à l'accélération et le voyant moteur clignote",
});

const VehicleByVinSchema = z.object({ vin: text({ max: 40 }).openapi({ example: 'VF1RFB00X56123456' }) });
const VehicleByNameSchema = z.object({
  make: text({ max: 100 }).openapi({ example: 'Renault' }),
  model: text({ max: 100 }).openapi({ example: 'Clio' }),
  year: z.number().int().min(1886).max(2100).openapi({ example: 2019 }),
});

/** `POST /v1/nlp/analyze`: the domain's request, its strings held to the platform's text rule. */
export const AnalyzeBodySchema = analyzeRequestSchema
  .extend({
    text: DescriptionSchema,
    locale: text({ max: 35 }).optional().openapi({ description: 'The interface language (fr, en-GB...): a hint when the text is too short to tell', example: 'fr-FR' }),
    vehicle: z.union([VehicleByVinSchema, VehicleByNameSchema]).optional().openapi({ description: 'The vehicle concerned, by VIN or by make, model and year' }),
  })
  .openapi('AnalyzeRequest');

/** An analysis as the API shows it: what was written, for which vehicle, and what was understood. */
export const AnalysisViewSchema = problemAnalysisSchema
  .extend({
    id: z.string(),
    text: z.string(),
    locale: z.string().nullable(),
    vehicle: z.object({ vin: z.string().optional(), make: z.string().optional(), model: z.string().optional(), year: z.number().int().optional() }).nullable(),
    createdAt: z.string(),
  })
  .openapi('ProblemAnalysis');

/** A page of analyses, newest first. */
export const AnalysisPageSchema = pageSchema(AnalysisViewSchema, 'ProblemAnalysisPage');

/** An analysis on the wire. */
export type AnalysisView = z.infer<typeof AnalysisViewSchema>;

/** The wire form of a stored analysis. */
export function toView(a: StoredAnalysis): AnalysisView {
  return { id: a.id, ...a.analysis, text: a.text, locale: a.locale, vehicle: a.vehicle, createdAt: a.createdAt.toISOString() };
}
