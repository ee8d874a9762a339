import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from '@hono/zod-openapi';
import { problemContent } from '../../platform/http/problem.ts';
import { authProblems } from '../../platform/http/route-kit.ts';
import type { AuthedEnv } from '../../platform/http/app-env.ts';
import type { ApiRouter } from '../../platform/http/router.ts';
import type { RouteKit } from '../../platform/http/route-kit.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import type { TimeSeriesStore } from '../../platform/ports/time-series.ts';
import { seriesOf } from './ingestion.ts';
import type { LiveHub, LiveMessage } from './live-hub.ts';
import { viewableVehicle, type ProVehicleAccess } from './vehicle-access.ts';

/** The dashboard's gauges: speed, engine speed, coolant, control-module voltage. */
export const DASHBOARD_PIDS = ['0D', '0C', '05', '42'] as const;
const HEARTBEAT_MS = 15_000;
// A slow client gets the newest messages, not an ever-growing queue.
const MAX_QUEUED = 200;

/**
 * GET /v1/vehicles/{id}/live: server-sent events for the live dashboard. First a `snapshot`
 * (the last value of each gauge), then one `reading` event per device message stored by any
 * process of the deployment (LiveHub), and a `ping` every 15 s. Bearer authentication through
 * the route kit (fetch-based SSE clients send it).
 */
export function liveRoutes(r: ApiRouter, deps: { kit: RouteKit; db: SqlDatabase; timeseries: TimeSeriesStore; live: LiveHub; proAccess?: ProVehicleAccess | undefined }): void {
  // A stream is no JSON response: documented by hand, served by a plain route.
  r.openAPIRegistry.registerPath({
    method: 'get',
    path: '/vehicles/{id}/live',
    tags: ['obd'],
    summary: "Live readings of a vehicle's gauges (server-sent events: snapshot, reading, ping)",
    security: [{ bearerAuth: [] }],
    request: { params: z.object({ id: z.string().max(64) }) },
    responses: {
      200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
      ...authProblems,
      404: problemContent('VEHICLE_NOT_FOUND'),
    },
  });
  r.get('/vehicles/:id/live', deps.kit.authenticate, async (c) => {
    const ctx = c as unknown as Context<AuthedEnv>;
    const vehicle = await viewableVehicle(deps.db, ctx.get('principal'), c.req.param('id'), deps.proAccess);
    return streamSSE(c, async (stream) => {
      const queue: LiveMessage[] = [];
      let wake: (() => void) | undefined;
      let open = true;
      // Listening (and telling the other processes) before reading the snapshot: a reading stored
      // in between comes twice (snapshot and event) rather than never.
      const { stop, announced } = deps.live.listen(vehicle.id, (message) => {
        if (queue.length >= MAX_QUEUED) queue.shift();
        queue.push(message);
        wake?.();
      });
      stream.onAbort(() => {
        open = false;
        stop();
        wake?.();
      });
      try {
        const [latest] = await Promise.all([Promise.all(DASHBOARD_PIDS.map((pid) => deps.timeseries.latest({ series: seriesOf(pid), dims: { vehicleId: vehicle.id } }))), announced]);
        const snapshot = DASHBOARD_PIDS.flatMap((pid, i) => {
          const point = latest[i];
          return point ? [{ pid, value: point.value, t: point.time.toISOString() }] : [];
        });
        await stream.writeSSE({ event: 'snapshot', data: JSON.stringify({ vehicleId: vehicle.id, readings: snapshot }) });
        while (open) {
          if (queue.length === 0) {
            let timer: NodeJS.Timeout | undefined;
            await new Promise<void>((resolve) => {
              wake = resolve;
              timer = setTimeout(resolve, HEARTBEAT_MS);
            });
            clearTimeout(timer);
            wake = undefined;
          }
          if (!open) break;
          if (queue.length === 0) await stream.writeSSE({ event: 'ping', data: '{}' });
          for (const message of queue.splice(0)) await stream.writeSSE({ event: 'reading', data: JSON.stringify(message) });
        }
      } finally {
        stop();
      }
    });
  });
}
