import { createRoute, z } from '@hono/zod-openapi';
import { problemContent } from '../../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../../platform/http/route-kit.ts';
import type { AppointmentActions } from '../booking/appointment-actions.ts';
import { AppointmentSchema, appointmentView } from '../booking/appointment-view.ts';
import { actorOf, type AppointmentAction } from '../booking/transitions.ts';
import { CompleteSchema, DeclineSchema, NewStartSchema } from './appointment-schemas.ts';

const Params = z.object({ id: z.string().max(64) });

const SUMMARIES: Record<AppointmentAction, string> = {
  confirm: 'Confirm a requested appointment (reminders are set at T-24h and T-2h)',
  decline: 'Decline an appointment, with a reason for the owner',
  propose: 'Propose another time to the owner',
  complete: 'Mark the job done with its actual duration (feeds the learned duration)',
  cancel: 'Cancel an appointment (its reminders are cancelled)',
  accept: 'Accept the time the professional proposed',
  reschedule: 'Move an appointment to another free start (its reminders move with it)',
};

/** POST /v1/planning/appointments/{id}/{action}: each action its own route, body and guard. */
export function actionRoutes(deps: { actions: AppointmentActions; kit: RouteKit }): ApiRouter {
  const { actions, kit } = deps;
  const r = createApiRouter();
  const guardOf = (action: AppointmentAction) => (actorOf(action) === 'pro' ? ({ roles: ['pro'], verifiedPro: true } as const) : ({ roles: ['owner'] } as const));
  const responses = {
    200: jsonContent(AppointmentSchema, 'The appointment after the change'),
    404: problemContent('APPOINTMENT_NOT_FOUND'),
    409: problemContent('APPOINTMENT_STATE, SLOT_TAKEN'),
    422: problemContent('SLOT_UNAVAILABLE, SLOT_IN_PAST'),
  };
  const route = (action: AppointmentAction, body?: z.ZodObject) =>
    createRoute(
      kit.protectedRoute(guardOf(action), {
        method: 'post',
        path: `/planning/appointments/{id}/${action}`,
        tags: ['planning'],
        summary: SUMMARIES[action],
        request: body ? { params: Params, body: jsonBody(body) } : { params: Params },
        responses,
      }),
    );

  for (const action of ['confirm', 'cancel', 'accept'] as const) {
    r.openapi(route(action), async (c) => {
      const row = await actions.act(c.get('principal'), c.req.valid('param').id, action);
      return c.json(appointmentView(row, row.pro_name ?? ''), 200);
    });
  }
  r.openapi(route('decline', DeclineSchema), async (c) => {
    const row = await actions.act(c.get('principal'), c.req.param('id'), 'decline', c.req.valid('json' as never) as z.output<typeof DeclineSchema>);
    return c.json(appointmentView(row, row.pro_name ?? ''), 200);
  });
  for (const action of ['propose', 'reschedule'] as const) {
    r.openapi(route(action, NewStartSchema), async (c) => {
      const row = await actions.act(c.get('principal'), c.req.param('id'), action, c.req.valid('json' as never) as z.output<typeof NewStartSchema>);
      return c.json(appointmentView(row, row.pro_name ?? ''), 200);
    });
  }
  r.openapi(route('complete', CompleteSchema), async (c) => {
    const row = await actions.act(c.get('principal'), c.req.param('id'), 'complete', c.req.valid('json' as never) as z.output<typeof CompleteSchema>);
    return c.json(appointmentView(row, row.pro_name ?? ''), 200);
  });
  return r;
}
