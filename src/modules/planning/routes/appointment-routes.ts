import { createRoute, z } from '@hono/zod-openapi';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/ids.ts';
import { keysetPage, pageBody, PageQuerySchema, pageSchema } from '../../../platform/http/pagination.ts';
import { problemContent } from '../../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../../platform/http/route-kit.ts';
import { scopeOf, type AppointmentActions } from '../booking/appointment-actions.ts';
import { AppointmentSchema, appointmentView } from '../booking/appointment-view.ts';
import type { BookingService } from '../booking/booking-service.ts';
import type { PlanningDeps } from '../booking/planning-deps.ts';
import { findSlots } from '../booking/slot-service.ts';
import type { AppointmentRow } from '../store/appointment-store.ts';
import { actionRoutes } from './action-routes.ts';
import { AppointmentListQuerySchema, BookingRequestSchema, SlotListSchema, SlotQuerySchema, SlotRequestSchema } from './appointment-schemas.ts';

const AppointmentPageSchema = pageSchema(AppointmentSchema, 'AppointmentPage');
const view = (row: AppointmentRow) => appointmentView(row, row.pro_name ?? '');

/** /v1/planning: slots, holds, bookings and the caller's appointments. */
export function appointmentRoutes(deps: { planning: PlanningDeps; bookings: BookingService; actions: AppointmentActions; kit: RouteKit }): ApiRouter {
  const { planning, bookings, kit } = deps;
  const r = createApiRouter();

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner'] }, {
        method: 'get',
        path: '/planning/slots',
        tags: ['planning'],
        summary: 'The best slots for a service near a point, across verified professionals',
        description: 'Ranked by score = 100 × (1 − w_wait × wait/horizon − w_dist × distance/radius), weights by urgency (see the planning README).',
        request: { query: SlotQuerySchema },
        responses: { 200: jsonContent(SlotListSchema, 'Slots, best first') },
      }),
    ),
    async (c) => c.json(await findSlots(planning, c.get('principal'), c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner'], idempotent: true }, {
        method: 'post',
        path: '/planning/holds',
        tags: ['planning'],
        summary: 'Hold a slot for a few minutes while confirming it',
        request: { body: jsonBody(SlotRequestSchema) },
        responses: {
          201: jsonContent(AppointmentSchema, 'The hold (status held, holdExpiresAt)'),
          404: problemContent('PRO_NOT_FOUND'),
          409: problemContent('SLOT_TAKEN'),
          422: problemContent('SLOT_UNAVAILABLE, SLOT_IN_PAST, SERVICE_NOT_OFFERED, IDEMPOTENCY_KEY_REUSED'),
        },
      }),
    ),
    async (c) => c.json(view(await bookings.hold(c.get('principal'), c.req.valid('json'))), 201),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner'], idempotent: true }, {
        method: 'post',
        path: '/planning/appointments',
        tags: ['planning'],
        summary: 'Book a slot (the caller’s live hold on it becomes the booking)',
        request: { body: jsonBody(BookingRequestSchema) },
        responses: {
          201: jsonContent(AppointmentSchema, 'The appointment, status requested'),
          404: problemContent('PRO_NOT_FOUND'),
          409: problemContent('SLOT_TAKEN'),
          422: problemContent('SLOT_UNAVAILABLE, SLOT_IN_PAST, SERVICE_NOT_OFFERED, IDEMPOTENCY_KEY_REUSED'),
        },
      }),
    ),
    async (c) => {
      const row = await bookings.book(c.get('principal'), c.req.valid('json'));
      c.header('Location', `/v1/planning/appointments/${row.id}`);
      return c.json(view(row), 201);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner', 'pro', 'admin'], verifiedPro: true }, {
        method: 'get',
        path: '/planning/appointments',
        tags: ['planning'],
        summary: 'The caller’s appointments (an owner’s own, a professional’s organisation’s), in booking order',
        request: { query: PageQuerySchema.extend(AppointmentListQuerySchema.shape) },
        responses: { 200: jsonContent(AppointmentPageSchema, 'A page of appointments'), 400: problemContent('CURSOR_INVALID') },
      }),
    ),
    async (c) => {
      const q = c.req.valid('query');
      const scope = scopeOf(c.get('principal'));
      const window = { from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
      const page = await keysetPage(q, isUuid, (after, n) => planning.appointments.list(planning.db, scope, after, n, window));
      return c.json(pageBody(page, view), 200);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner', 'pro', 'admin'], verifiedPro: true }, {
        method: 'get',
        path: '/planning/appointments/{id}',
        tags: ['planning'],
        summary: 'One appointment',
        request: { params: z.object({ id: z.string().max(64) }) },
        responses: { 200: jsonContent(AppointmentSchema, 'The appointment'), 404: problemContent('APPOINTMENT_NOT_FOUND') },
      }),
    ),
    async (c) => {
      const id = c.req.valid('param').id;
      const row = isUuid(id) ? await planning.appointments.get(planning.db, id, scopeOf(c.get('principal'))) : undefined;
      if (!row) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment.');
      return c.json(view(row), 200);
    },
  );

  r.route('/', actionRoutes({ actions: deps.actions, kit }));
  return r;
}
