import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { requireAuth, requireRole } from '../../platform/auth/authorize.ts';
import type { TokenVerifier } from '../../platform/auth/token-verifier.ts';
import type { AppEnv } from '../../platform/http/app-env.ts';
import { keysetPage, PageQuerySchema, pageSchema } from '../../platform/http/pagination.ts';
import { problemContent } from '../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { NewVehicleSchema, VehicleSchema } from './schemas.ts';
import type { VehicleService } from './vehicle-service.ts';

const VehiclePageSchema = pageSchema(VehicleSchema, 'VehiclePage');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const authProblems = { 401: problemContent('Missing, invalid or expired token'), 403: problemContent('ROLE_FORBIDDEN') };

/** /v1/vehicles: owners and professionals register and read their vehicles. */
export function vehicleRoutes(deps: { service: VehicleService; verifier: TokenVerifier; idempotent: MiddlewareHandler<AppEnv> }): ApiRouter {
  const r = createApiRouter();
  const auth = requireAuth(deps.verifier);

  r.openapi(
    createRoute({
      method: 'post',
      path: '/vehicles',
      tags: ['vehicles'],
      summary: 'Register a vehicle',
      security: [{ bearerAuth: [] }],
      middleware: [auth, requireRole('owner', 'pro'), deps.idempotent] as const,
      request: {
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: { required: true, content: { 'application/json': { schema: NewVehicleSchema } } },
      },
      responses: {
        201: json(VehicleSchema, 'The vehicle'),
        400: problemContent('VALIDATION_FAILED, VIN_INVALID, PLATE_INVALID, YEAR_INVALID'),
        409: problemContent('VEHICLE_EXISTS'),
        422: problemContent('IDEMPOTENCY_KEY_REUSED'),
        ...authProblems,
      },
    }),
    async (c) => {
      const vehicle = await deps.service.create(c.get('principal'), c.req.valid('json'));
      c.header('Location', `/v1/vehicles/${vehicle.id}`);
      return c.json(vehicle, 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/vehicles',
      tags: ['vehicles'],
      summary: "The caller's vehicles",
      security: [{ bearerAuth: [] }],
      middleware: [auth] as const,
      request: { query: PageQuerySchema },
      responses: { 200: json(VehiclePageSchema, 'A page of vehicles'), 400: problemContent('CURSOR_INVALID'), ...authProblems },
    }),
    async (c) => {
      const p = c.get('principal');
      return c.json(await keysetPage(c.req.valid('query'), (after, n) => deps.service.list(p, after, n)), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/vehicles/{id}',
      tags: ['vehicles'],
      summary: 'One vehicle',
      security: [{ bearerAuth: [] }],
      middleware: [auth] as const,
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 200: json(VehicleSchema, 'The vehicle'), 404: problemContent('VEHICLE_NOT_FOUND'), ...authProblems },
    }),
    async (c) => c.json(await deps.service.get(c.get('principal'), c.req.valid('param').id), 200),
  );
  return r;
}
