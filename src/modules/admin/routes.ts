import { createRoute, z } from '@hono/zod-openapi';
import { requireAuth, requireRole } from '../../platform/auth/authorize.ts';
import type { TokenVerifier } from '../../platform/auth/token-verifier.ts';
import { problemContent } from '../../platform/http/problem.ts';
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
export function adminRoutes(deps: { verifier: TokenVerifier; events: EventBus }): ApiRouter {
  const r = createApiRouter();
  const auth = requireAuth(deps.verifier);
  const admin = requireRole('admin');
  const authProblems = { 401: problemContent('Missing, invalid or expired token'), 403: problemContent('ROLE_FORBIDDEN') };

  r.openapi(
    createRoute({
      method: 'get',
      path: '/admin/dead-letters',
      tags: ['admin'],
      summary: 'Event deliveries that exhausted their retries',
      security: [{ bearerAuth: [] }],
      middleware: [auth, admin] as const,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(2048).optional() }) },
      responses: { 200: { description: 'Most recent first', content: { 'application/json': { schema: DeadLetterPageSchema } } }, 400: problemContent('CURSOR_INVALID'), ...authProblems },
    }),
    async (c) => {
      const page = await deps.events.listDeadLetters(c.req.valid('query'));
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
    createRoute({
      method: 'post',
      path: '/admin/dead-letters/{id}/replay',
      tags: ['admin'],
      summary: 'Deliver a dead letter again, with its attempts reset',
      security: [{ bearerAuth: [] }],
      middleware: [auth, admin] as const,
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 202: { description: 'Queued for delivery' }, 404: problemContent('DEAD_LETTER_NOT_FOUND'), ...authProblems },
    }),
    async (c) => {
      await deps.events.replayDeadLetter(c.req.valid('param').id);
      return c.body(null, 202);
    },
  );
  return r;
}
