import { createRoute, z } from '@hono/zod-openapi';
import { PageQuerySchema } from '../../platform/http/pagination.ts';
import { problemContent } from '../../platform/http/problem.ts';
import { jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import type { EventBus } from '../../platform/ports/event-bus.ts';

const DeadLetterSchema = z
  .object({
    id: z.string(),
    subscription: z.string(),
    attempts: z.number().int(),
    last_error: z.string(),
    failed_at: z.string(),
    event: z.object({ id: z.string(), type: z.string(), source: z.string(), subject: z.string().nullable(), occurred_at: z.string(), data: z.unknown() }),
  })
  .openapi('DeadLetter');

const DeadLetterPageSchema = z.object({ items: z.array(DeadLetterSchema), next_cursor: z.string().nullable() }).openapi('DeadLetterPage');

/** /v1/admin/*: operations an administrator performs on the platform itself. */
export function adminRoutes(deps: { kit: RouteKit; bus: Pick<EventBus, 'listDeadLetters' | 'replayDeadLetter'> }): ApiRouter {
  const r = createApiRouter();
  const { kit } = deps;

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin'] }, {
        method: 'get',
        path: '/admin/dead-letters',
        tags: ['admin'],
        summary: 'Event deliveries that exhausted their retries',
        request: { query: PageQuerySchema },
        responses: { 200: jsonContent(DeadLetterPageSchema, 'Most recent first'), 400: problemContent('CURSOR_INVALID') },
      }),
    ),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await deps.bus.listDeadLetters({ limit, ...(cursor ? { cursor } : {}) });
      return c.json(
        {
          items: page.items.map((d) => ({
            id: d.id,
            subscription: d.subscription,
            attempts: d.attempts,
            last_error: d.lastError,
            failed_at: d.failedAt.toISOString(),
            event: { id: d.event.id, type: d.event.type, source: d.event.source, subject: d.event.subject, occurred_at: d.event.occurredAt.toISOString(), data: d.event.data },
          })),
          next_cursor: page.nextCursor,
        },
        200,
      );
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin'] }, {
        method: 'post',
        path: '/admin/dead-letters/{id}/replay',
        tags: ['admin'],
        summary: 'Deliver a dead letter again, with its attempts reset',
        request: { params: z.object({ id: z.string().max(64) }) },
        responses: { 202: { description: 'Queued for delivery' }, 404: problemContent('DEAD_LETTER_NOT_FOUND') },
      }),
    ),
    async (c) => {
      await deps.bus.replayDeadLetter(c.req.valid('param').id);
      return c.body(null, 202);
    },
  );
  return r;
}
