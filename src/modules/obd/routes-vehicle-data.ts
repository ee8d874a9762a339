import { createRoute, z } from '@hono/zod-openapi';
import type { Clock } from '../../platform/clock.ts';
import { problemContent } from '../../platform/http/problem.ts';
import type { ApiRouter } from '../../platform/http/router.ts';
import { jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import type { TimeSeriesStore } from '../../platform/ports/time-series.ts';
import { dtcStore } from './dtc-store.ts';
import { describeDtc } from './dtc/index.ts';
import { seriesOf } from './ingestion.ts';
import { BucketSchema, LangQuerySchema, TelemetryQuerySchema, VehicleDtcSchema } from './schemas.ts';
import { telemetryWindow } from './telemetry-query.ts';
import { viewableVehicle, type ProVehicleAccess } from './vehicle-access.ts';

const VehicleParams = z.object({ id: z.string().max(64) });

/** /v1/vehicles/{id}/telemetry and /dtcs: a vehicle's history and fault codes, for whoever may see it. */
export function vehicleDataRoutes(r: ApiRouter, deps: { kit: RouteKit; db: SqlDatabase; timeseries: TimeSeriesStore; clock: Clock; proAccess?: ProVehicleAccess | undefined }): void {
  r.openapi(
    createRoute(
      deps.kit.protectedRoute({}, {
        method: 'get',
        path: '/vehicles/{id}/telemetry',
        tags: ['obd'],
        summary: "A PID's readings, aggregated per bucket",
        request: { params: VehicleParams, query: TelemetryQuerySchema },
        responses: {
          200: jsonContent(z.array(BucketSchema), 'Buckets with readings, oldest first'),
          400: problemContent('VALIDATION_FAILED, OBD_RANGE_INVALID'),
          404: problemContent('VEHICLE_NOT_FOUND'),
        },
      }),
    ),
    async (c) => {
      const query = c.req.valid('query');
      const vehicle = await viewableVehicle(deps.db, c.get('principal'), c.req.valid('param').id, deps.proAccess);
      const window = telemetryWindow(query, deps.clock.now());
      const pid = query.pid.slice(0, 2).toUpperCase() + query.pid.slice(2);
      const buckets = await deps.timeseries.aggregate({ series: seriesOf(pid), dims: { vehicleId: vehicle.id }, from: window.from, to: window.to, bucket: window.bucketSeconds });
      return c.json(
        buckets.map((b) => ({ t: b.start.toISOString(), min: b.min, max: b.max, avg: b.avg, count: Number(b.count) })),
        200,
      );
    },
  );

  r.openapi(
    createRoute(
      deps.kit.protectedRoute({}, {
        method: 'get',
        path: '/vehicles/{id}/dtcs',
        tags: ['obd'],
        summary: "The vehicle's fault codes: current ones first",
        request: { params: VehicleParams, query: LangQuerySchema },
        responses: { 200: jsonContent(z.array(VehicleDtcSchema), 'Fault codes'), 404: problemContent('VEHICLE_NOT_FOUND') },
      }),
    ),
    async (c) => {
      const vehicle = await viewableVehicle(deps.db, c.get('principal'), c.req.valid('param').id, deps.proAccess);
      const locale = c.req.valid('query').lang;
      const rows = await dtcStore.list(deps.db, vehicle.id);
      return c.json(
        rows.map((row) => {
          const d = describeDtc(row.code, locale);
          return { code: row.code, description: d?.description ?? row.code, system: d?.system ?? 'unknown', status: row.status, firstSeen: row.firstSeen.toISOString(), lastSeen: row.lastSeen.toISOString() };
        }),
        200,
      );
    },
  );
}
