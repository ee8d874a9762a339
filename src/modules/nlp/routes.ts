import { createRoute, z } from '@hono/zod-openapi';
import { badRequest } from '../../platform/errors.ts';
import { pageBody, PageQuerySchema } from '../../platform/http/pagination.ts';
import { problemContent } from '../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import { parseVin } from '../vehicles/index.ts';
import type { VehicleContext } from './analysis/analyze-problem.ts';
import type { AnalysisService } from './analysis-service.ts';
import { AnalysisPageSchema, AnalysisViewSchema, AnalyzeBodySchema, toView } from './route-schemas.ts';

const MODEL_PROBLEMS = {
  502: problemContent('NLP_MODEL_INVALID_ANSWER (hosted model only)'),
  503: problemContent('NLP_MODEL_UNAVAILABLE (hosted model only)'),
};

function vehicleOf(v: z.infer<typeof AnalyzeBodySchema>['vehicle']): VehicleContext | undefined {
  if (!v) return undefined;
  if (!('vin' in v)) return v;
  const vin = parseVin(v.vin);
  if (!vin) throw badRequest('VIN_INVALID', 'The VIN must have 17 characters (letters except I, O, Q, and digits).');
  return { vin };
}

/** /v1/nlp: any signed-in user has a description analysed, then reads their analyses. */
export function nlpRoutes(deps: { service: AnalysisService; kit: RouteKit }): ApiRouter {
  const { kit, service } = deps;
  const r = createApiRouter();

  r.openapi(
    createRoute(
      kit.protectedRoute({ idempotent: true }, {
        method: 'post',
        path: '/nlp/analyze',
        tags: ['nlp'],
        summary: "Understand an owner's description of a vehicle problem",
        description:
          'Category, urgency, entities (fault codes, mileage, warning lights, vehicle, components) and the services to book. The analysis is stored: a booking refers to it by id.',
        request: { body: jsonBody(AnalyzeBodySchema) },
        responses: {
          200: jsonContent(AnalysisViewSchema, 'What was understood'),
          400: problemContent('TEXT_EMPTY, TEXT_TOO_LONG, VIN_INVALID, or VALIDATION_FAILED (control characters, malformed Unicode, wrong types)'),
          422: problemContent('IDEMPOTENCY_KEY_REUSED'),
          ...MODEL_PROBLEMS,
        },
      }),
    ),
    async (c) => {
      const body = c.req.valid('json');
      const vehicle = vehicleOf(body.vehicle);
      const stored = await service.analyze(c.get('principal'), { text: body.text, locale: body.locale, vehicle });
      c.header('Location', `/v1/nlp/analyses/${stored.id}`);
      return c.json(toView(stored), 200);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'get',
        path: '/nlp/analyses',
        tags: ['nlp'],
        summary: "The caller's analyses, newest first (every one for an admin)",
        request: { query: PageQuerySchema },
        responses: { 200: jsonContent(AnalysisPageSchema, 'A page of analyses'), 400: problemContent('CURSOR_INVALID, LIMIT_INVALID') },
      }),
    ),
    async (c) => c.json(pageBody(await service.list(c.get('principal'), c.req.valid('query')), toView), 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'get',
        path: '/nlp/analyses/{id}',
        tags: ['nlp'],
        summary: 'One analysis: its author, an admin, or the garage of a booking that refers to it',
        request: { params: z.object({ id: z.string().max(64) }) },
        responses: { 200: jsonContent(AnalysisViewSchema, 'The analysis'), 404: problemContent('ANALYSIS_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(toView(await service.get(c.get('principal'), c.req.valid('param').id)), 200),
  );
  return r;
}
