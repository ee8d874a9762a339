import { createRoute, z } from '@hono/zod-openapi';
import { problemContent } from '../../platform/http/problem.ts';
import { pageBody, PageQuerySchema, pageSchema } from '../../platform/http/pagination.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import { StatementEntrySchema, StatementQuerySchema } from './schemas.ts';
import type { StatementEntry, StatementService } from './statement-service.ts';

const view = (e: StatementEntry): z.infer<typeof StatementEntrySchema> => ({ ...e, receivedAt: e.receivedAt.toISOString(), updatedAt: e.updatedAt.toISOString() });

/** /v1/affiliate/conversions (admins, verified pros): the commission statement, as pages or as one CSV. */
export function statementRoutes(deps: { statements: StatementService; kit: RouteKit }): ApiRouter {
  const { statements, kit } = deps;
  const r = createApiRouter();
  const guard = { roles: ['admin', 'pro'], verifiedPro: true } as const;
  const rangeProblems = problemContent('VALIDATION_FAILED, RANGE_INVALID, RANGE_TOO_LONG, LIMIT_INVALID, CURSOR_INVALID');

  r.openapi(
    createRoute(
      kit.protectedRoute(guard, {
        method: 'get',
        path: '/affiliate/conversions',
        tags: ['affiliation'],
        summary: 'The commission statement: conversions received in a range of days, newest first',
        description: 'A pro sees the conversions attributed to its organisation; an admin every one (attributed or not, with the reason).',
        request: { query: StatementQuerySchema.merge(PageQuerySchema) },
        responses: { 200: jsonContent(pageSchema(StatementEntrySchema, 'AffiliateStatementPage'), 'One page'), 400: rangeProblems },
      }),
    ),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(pageBody(await statements.page(c.get('principal'), { from: q.from, to: q.to, limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) }), view), 200);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute(guard, {
        method: 'get',
        path: '/affiliate/conversions.csv',
        tags: ['affiliation'],
        summary: 'The commission statement of a range of days, as CSV',
        description: 'Columns receivedAt, partner, orderId, status, amount, currency, commission (amounts like 12.34), link, campaign, professional, unattributedReason, updatedAt.',
        request: { query: StatementQuerySchema },
        responses: {
          200: { description: 'text/csv', content: { 'text/csv': { schema: z.string() } } },
          400: rangeProblems,
          422: problemContent('EXPORT_TOO_LARGE'),
        },
      }),
    ),
    async (c) => {
      const q = c.req.valid('query');
      const body = await statements.csv(c.get('principal'), q);
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="novaevo-commissions-${q.from}-${q.to}.csv"`,
        'Cache-Control': 'private, no-store',
      });
    },
  );
  return r;
}
