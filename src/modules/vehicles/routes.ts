import { createRoute, z } from '@hono/zod-openapi';
import { isUuid } from '../../platform/ids.ts';
import { keysetPage, pageBody, PageQuerySchema, pageSchema } from '../../platform/http/pagination.ts';
import { problemContent } from '../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import { NewVehicleSchema, VehicleDetailsSchema, VehicleSchema, type Vehicle } from './schemas.ts';
import type { VehicleService } from './vehicle-service.ts';

const VehiclePageSchema = pageSchema(VehicleSchema, 'VehiclePage');

/** /v1/vehicles: owners and professionals register and read their vehicles. */
export function vehicleRoutes(deps: { service: VehicleService; kit: RouteKit }): ApiRouter {
  const { kit, service } = deps;
  const r = createApiRouter();

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner', 'pro'], idempotent: true }, {
        method: 'post',
        path: '/vehicles',
        tags: ['vehicles'],
        summary: 'Register a vehicle',
        request: { body: jsonBody(NewVehicleSchema) },
        responses: {
          201: jsonContent(VehicleSchema, 'The vehicle'),
          400: problemContent('VALIDATION_FAILED, VIN_INVALID, PLATE_INVALID, YEAR_INVALID'),
          409: problemContent('VEHICLE_EXISTS'),
          422: problemContent('IDEMPOTENCY_KEY_REUSED'),
        },
      }),
    ),
    async (c) => {
      const vehicle = await service.create(c.get('principal'), c.req.valid('json'));
      c.header('Location', `/v1/vehicles/${vehicle.id}`);
      return c.json(vehicle, 201);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner', 'pro'] }, {
        method: 'put',
        path: '/vehicles/by-vin/{vin}',
        tags: ['vehicles'],
        summary: 'Create or update the vehicle with this VIN',
        description:
          "Sets the caller's vehicle with this VIN to the plate, make, model and year given: updated when the caller already registered it, else created. Repeating the request changes nothing (the registration certificate's confirmed reading).",
        request: { params: z.object({ vin: z.string().max(40).openapi({ example: 'VF1RFB00X56123456' }) }), body: jsonBody(VehicleDetailsSchema) },
        responses: {
          200: jsonContent(VehicleSchema, 'The vehicle, updated'),
          201: jsonContent(VehicleSchema, 'The vehicle, created'),
          400: problemContent('VALIDATION_FAILED, VIN_INVALID, PLATE_INVALID, YEAR_INVALID'),
        },
      }),
    ),
    async (c) => {
      const { vehicle, created } = await service.saveByVin(c.get('principal'), { ...c.req.valid('json'), vin: c.req.valid('param').vin });
      if (!created) return c.json(vehicle, 200);
      c.header('Location', `/v1/vehicles/${vehicle.id}`);
      return c.json(vehicle, 201);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'get',
        path: '/vehicles',
        tags: ['vehicles'],
        summary: "The caller's vehicles",
        request: { query: PageQuerySchema },
        responses: { 200: jsonContent(VehiclePageSchema, 'A page of vehicles'), 400: problemContent('CURSOR_INVALID') },
      }),
    ),
    async (c) => {
      const p = c.get('principal');
      const page = await keysetPage(c.req.valid('query'), isUuid, (after, n) => service.list(p, after, n));
      return c.json(pageBody(page, (v: Vehicle) => v), 200);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'get',
        path: '/vehicles/{id}',
        tags: ['vehicles'],
        summary: 'One vehicle',
        request: { params: z.object({ id: z.string().max(64) }) },
        responses: { 200: jsonContent(VehicleSchema, 'The vehicle'), 404: problemContent('VEHICLE_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(await service.get(c.get('principal'), c.req.valid('param').id), 200),
  );
  return r;
}
