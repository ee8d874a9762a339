import { createRoute, z } from '@hono/zod-openapi';
import { problemContent } from '../../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../../platform/http/route-kit.ts';
import { runOptimizer } from '../booking/optimize-service.ts';
import type { PlanningDeps } from '../booking/planning-deps.ts';

const OptimizeBodySchema = z
  .object({
    requests: z.array(z.unknown()).max(2000).optional().openapi({ description: '[{id, service, lat, lon, urgency, earliest, latest}], in arrival order' }),
    from: z.iso.datetime({ offset: true }).optional(),
    days: z.number().int().min(1).max(14).default(7),
    timeLimitMs: z.number().int().min(200).max(30_000).optional(),
    sample: z
      .object({ seed: z.number().int().min(0).max(2 ** 31), professionals: z.number().int().min(1).max(200).default(50), requests: z.number().int().min(1).max(1000).default(500) })
      .optional()
      .openapi({ description: 'Optimise a generated Paris-like week (its professionals and requests) instead of the stored profiles' }),
  })
  .openapi('OptimizeRequest');

const Summary = z.object({ total: z.number(), meanPerRequest: z.number(), meanAssigned: z.number(), assigned: z.number(), unassigned: z.number() });

const OptimizeAnswerSchema = z
  .object({
    method: z.enum(['milp', 'greedy']),
    fallback: z.boolean().openapi({ description: 'True when the urgency-first greedy answered (solver out of time or failed)' }),
    solver: z.looseObject({ status: z.string(), detail: z.string() }),
    objective: Summary,
    baseline: Summary.openapi({ description: 'First come, first served on the same instance' }),
    placements: z.array(z.looseObject({ requestId: z.string(), proId: z.string().nullable(), start: z.string().nullable(), reason: z.string() })),
    model: z.object({ variables: z.number(), constraints: z.number(), nonZeros: z.number() }),
    input: z.object({ source: z.enum(['profiles', 'sample']), professionals: z.number(), requests: z.number(), from: z.string(), to: z.string() }),
  })
  .openapi('OptimizeAnswer');

/** POST /v1/planning/optimize (admin): the batch optimiser against first come, first served. */
export function optimizeRoutes(deps: { planning: PlanningDeps; kit: RouteKit; timeLimitMs: number }): ApiRouter {
  const r = createApiRouter();
  r.openapi(
    createRoute(
      deps.kit.protectedRoute({ roles: ['admin'] }, {
        method: 'post',
        path: '/planning/optimize',
        tags: ['planning'],
        summary: 'Assign a batch of requests to (professional, start), minimising urgency-weighted time to intervention',
        request: { body: jsonBody(OptimizeBodySchema) },
        responses: { 200: jsonContent(OptimizeAnswerSchema, 'The assignment, its objective, the FCFS baseline and a breakdown per request'), 400: problemContent('OPTIMIZE_REQUESTS_INVALID') },
      }),
    ),
    async (c) => c.json(await runOptimizer(deps.planning, c.req.valid('json'), deps.timeLimitMs), 200),
  );
  return r;
}
